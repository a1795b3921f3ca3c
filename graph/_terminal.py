"""The one layer between data and the terminal: text made inert, and the consoles every command prints with.

`inert(text)` shows each character that could drive a terminal or reorder what it displays as a visible
escape: C0 controls (ESC, so CSI and OSC sequences such as `ESC[2J`, OSC 8 links and window titles; BEL, BS,
CR…), DEL, C1 controls (U+0080-U+009F, e.g. the 8-bit CSI U+009B), bidi controls (U+061C, U+200E/U+200F,
U+202A-U+202E, U+2066-U+2069), line/paragraph separators (U+2028/U+2029) and lone surrogates (an undecodable
byte in a file name), written `\\x1b`, `\\u202e`, `\\udcff`. Newline and tab are kept unless `lines=False`
(file names, one-line messages). Everything else, any script or emoji, passes unchanged.

`markup(text)` is `inert` plus rich's markup escape, for text placed inside a rich markup string; `Text`
objects built from `inert` text are never read as markup. The consoles have emoji codes and highlighting off.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape
from rich.text import Text

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
UNSAFE = re.compile(f"[{_CONTROLS}]")
UNSAFE_LINE = re.compile(f"[{_CONTROLS}\t\n]")


def inert(text: object, *, lines: bool = True) -> str:
    """`text` (made a `str`) with every terminal control and bidi control shown as a visible escape."""
    text = text if isinstance(text, str) else str(text)
    return (UNSAFE if lines else UNSAFE_LINE).sub(_visible, text)


def markup(text: object, *, lines: bool = True) -> str:
    """`inert(text)` safe to embed in a rich markup string: `[` `]` are escaped, so `[/]` and `[sic]` show."""
    return escape(inert(text, lines=lines))


def plain(text: object, *, lines: bool = True, style: str = "") -> Text:
    """A rich `Text` of `inert(text)`: printed literally, never read as markup or emoji codes."""
    return Text(inert(text, lines=lines), style=style)


def console(*, stderr: bool = False) -> Console:
    """A console for the CLI: no emoji codes, no highlighting, no wrapping of long lines into new ones."""
    return Console(stderr=stderr, emoji=False, highlight=False, soft_wrap=True)


def is_terminal(file: object) -> bool:
    """Whether `file` is a terminal (its own answer, not an environment override such as FORCE_COLOR)."""
    try:
        return bool(file.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
