"""Find a quote in a document, tolerating quote-mark style and whitespace.

Matching folds curly, straight and backtick quote marks together and collapses
runs of whitespace; the offsets returned are exact character (code point) offsets
into the original text, so `text[start:end]` is the verbatim evidence.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
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
    | {chr(c): " " for c in range(0x3001) if chr(c).isspace()}  # each whitespace character (as `\s`) is a space
)
_SPACE = re.compile(r"\s+")
_RUN = re.compile(" {2,}")  # after folding, whitespace is spaces


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
    """A document prepared for repeated quote look-ups.

    Folding maps each character to one character, and each whitespace run to one space: the folded
    text lines up with the original except after runs of two or more whitespace characters. Only those
    runs are recorded (`_at`: folded index after the run, `_shift`: characters removed up to there), so
    the offset map takes memory per collapsed run, not per character.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._at = array("q")
        self._shift = array("q")

    @property
    def folded(self) -> str:
        """The folded text, built on first use (exact matches never need it)."""
        if self._folded is None:
            translated = self.text.translate(_FOLD)
            removed = 0
            for match in _RUN.finditer(translated):
                removed += match.end() - match.start() - 1
                self._at.append(match.end() - removed)
                self._shift.append(removed)
            self._folded = _RUN.sub(" ", translated) if removed else translated
        return self._folded

    def _origin(self, index: int) -> int:
        """The original offset of folded character `index`."""
        k = bisect_right(self._at, index)
        return index + (self._shift[k - 1] if k else 0)

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
        return Span(self._origin(at), self._origin(last) + 1)

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
        """The folded index of original offset `original`; None inside a collapsed run (after its first character)."""
        folded = self.folded
        if not 0 <= original < len(self.text):
            return None
        lo, hi = 0, len(self._at)  # the last run whose folded start maps at or before `original`
        while lo < hi:
            mid = (lo + hi) // 2
            if self._at[mid] + self._shift[mid] <= original:
                lo = mid + 1
            else:
                hi = mid
        index = original - (self._shift[lo - 1] if lo else 0)
        if index >= len(folded) or (lo < len(self._at) and index >= self._at[lo]):
            return None
        return index
