"""CSV cells a spreadsheet would evaluate, neutralised (OWASP's "CSV injection" rule).

A text cell starting with `=`, `+`, `-`, `@`, tab or carriage return, or their full-width forms (U+FF1D,
U+FF0B, U+FF0D, U+FF20, which some spreadsheets also read as formula starts), gets a leading `'`, so Excel,
LibreOffice and Google Sheets show it as text instead of running it (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3`).
Numbers stay numbers: a value that *is* a number (an int or float, a `long`/`double` column) is never
prefixed, so `-3` stays `-3`; text that only looks like a number (the string `"-3"`) is text and gets the
`'`. `Guard(raw=True)` writes every cell exactly (unsafe to open in a spreadsheet) and counts nothing.

`csv_row` writes one RFC 4180 record ending in `\n`; unlike Python's `csv.writer` with that terminator, it
also quotes a field holding a bare carriage return, which readers would otherwise take for a line end.
"""

from __future__ import annotations

import re

QUOTE_WHEN = re.compile('[,"\r\n]')
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PREFIX = "'"


class Guard:
    """Call it on each text cell; `changed` counts the cells it prefixed."""

    def __init__(self, raw: bool = False) -> None:
        self.raw = raw
        self.changed = 0

    def __call__(self, text: str) -> str:
        if self.raw or not text.startswith(TRIGGERS):
            return text
        self.changed += 1
        return PREFIX + text

    def note(self, raw_option: str = "--csv-raw") -> str | None:
        """One line telling the user what was changed, or None when nothing was."""
        if not self.changed:
            return None
        cells = f"{self.changed} cell{'s' * (self.changed != 1)}"
        return (
            f"{cells} starting with = + - @ tab or CR got a leading ' so spreadsheets show them as text; "
            f"{raw_option} writes them exactly (unsafe to open in a spreadsheet)"
        )


def csv_row(cells: list[str]) -> str:
    """One CSV record: fields holding `,` `"` CR or LF quoted (quotes doubled); a lone empty field as `""`."""
    if cells == [""]:
        return '""\n'
    return ",".join(f'"{c.replace(chr(34), chr(34) * 2)}"' if QUOTE_WHEN.search(c) else c for c in cells) + "\n"
