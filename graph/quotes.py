"""Find a quote in a document, tolerating quote-mark style and whitespace.

Matching folds curly, straight and backtick quote marks together and collapses
runs of whitespace; the offsets returned are exact character (code point) offsets
into the original text, so `text[start:end]` is the verbatim evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """Where a quote stands in a text: `text[start:end]`."""

    start: int
    end: int


def fold(text: str) -> str:
    """The matching form of `text`: quote marks and dashes folded, whitespace collapsed, trimmed."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip()


def exact_offset(text: str, quote: str, start: int | None = None) -> int:
    """Where the non-empty `quote` stands letter for letter in `text` (at `start` if given), else -1."""
    if not quote:
        return -1
    if start is None:
        return text.find(quote)
    return start if text.startswith(quote, start) else -1


class FoldedText:
    """A document prepared for repeated quote look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._origin: list[int] = []

    @property
    def folded(self) -> str:
        """The folded text, built on first use (exact matches never need it)."""
        if self._folded is None:
            pieces: list[str] = []
            for match in re.finditer(r"\s+|\S+", self.text.translate(_FOLD)):
                if match.group().isspace():
                    pieces.append(" ")
                    self._origin.append(match.start())
                else:
                    pieces.append(match.group())
                    self._origin.extend(range(match.start(), match.end()))
            self._folded = "".join(pieces)
        return self._folded

    def find(self, quote: str, start: int | None = None) -> Span | None:
        """Span of `quote` in the original text, at `start` if given.

        Without `start`: its first verbatim occurrence, else its first occurrence up to
        quote-mark style and whitespace.
        """
        exact = self.exact(quote, start)
        if exact is not None:
            return exact
        needle = fold(quote)
        if not needle:
            return None
        at = self._folded_index(start) if start is not None else self.folded.find(needle)
        if at is None or at < 0 or not self.folded.startswith(needle, at):
            return None
        last = at + len(needle) - 1
        return Span(self._origin[at], self._origin[last] + 1)

    def exact(self, quote: str, start: int | None = None) -> Span | None:
        """Span of `quote` (trimmed) letter for letter as it stands in the text, at `start` if given; no folding."""
        quote = quote.strip()
        at = exact_offset(self.text, quote, start)
        return Span(at, at + len(quote)) if at >= 0 else None

    def count(self, quote: str) -> int:
        """How many times `quote` occurs (overlaps counted)."""
        needle, found, at = fold(quote), 0, -1
        while needle and (at := self.folded.find(needle, at + 1)) >= 0:
            found += 1
        return found

    def _folded_index(self, original: int) -> int | None:
        self.folded  # noqa: B018 - builds the offset map
        i = bisect_left(self._origin, original)
        return i if i < len(self._origin) and self._origin[i] == original else None
