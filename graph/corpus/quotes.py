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
from difflib import SequenceMatcher

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
_RUN = re.compile(" {2,}")  # after folding, whitespace is spaces
_SPACES = frozenset(chr(c) for c, to in _FOLD.items() if to in (" ", 32))
_ASCII_FOLD = bytes((lambda to: ord(to) if isinstance(to, str) else to)(_FOLD.get(c, c)) for c in range(128)) + bytes(
    range(128, 256)
)


@dataclass(frozen=True)
class Span:
    """Where a quote stands in a text: `text[start:end]`."""

    start: int
    end: int


def fold(text: str) -> str:
    """The matching form of `text`: quote marks and dashes folded, whitespace collapsed, trimmed."""
    folded = translate(text)  # each whitespace character is a space now: only runs of spaces are left to collapse
    return (_RUN.sub(" ", folded) if "  " in folded else folded).strip()


def exact_offset(text: str, quote: str, start: int | None = None) -> int:
    """Where the non-empty `quote` stands letter for letter in `text` (at `start` if given), else -1."""
    if not quote:
        return -1
    if start is None:
        return text.find(quote)
    return start if text.startswith(quote, start) else -1


def translate(text: str) -> str:
    """`text` with quote marks, dashes and each whitespace character folded, one character for one."""
    if text.isascii():  # bytes.translate is many times faster than str.translate
        return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")
    return text.translate(_FOLD)


class FoldedText:
    """A document prepared for repeated quote look-ups.

    Folding maps each character to one character and each whitespace run to one space, so the folded text
    lines up with the original except after runs of two or more whitespace characters. The text is folded
    in blocks of about `BLOCK` characters cut before a non-space; only where each block starts is kept
    (`_starts`: original offsets, `_folded_starts`: folded ones). The offsets of a match are worked out
    in its block when asked for: memory per block, not per character or per run.
    """

    BLOCK = 1 << 20

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._starts = array("q")
        self._folded_starts = array("q")
        self._runs: dict[int, tuple[array, array]] = {}

    @property
    def folded(self) -> str:
        """The folded text, built on first use (exact matches never need it)."""
        if self._folded is None:
            pieces, text, start, length = [], self.text, 0, 0
            while start < len(text) or not pieces:
                end = self._cut(start + self.BLOCK)
                self._starts.append(start)
                self._folded_starts.append(length)
                pieces.append(_RUN.sub(" ", translate(text[start:end])))
                length += len(pieces[-1])
                start = end
            self._folded = pieces[0] if len(pieces) == 1 else "".join(pieces)
        return self._folded

    def _cut(self, at: int) -> int:
        """The first offset from `at` that is not whitespace (a run never spans two blocks), or the end."""
        text = self.text
        while at < len(text) and (text[at].isspace() or text[at] in _SPACES):
            at += 1
        return min(at, len(text))

    def _block_runs(self, k: int) -> tuple[array, array]:
        """Block `k`'s collapsed runs: local folded index after each, and characters removed up to there."""
        if k not in self._runs:
            end = self._starts[k + 1] if k + 1 < len(self._starts) else len(self.text)
            at, shift, removed = array("q"), array("q"), 0
            for match in _RUN.finditer(translate(self.text[self._starts[k] : end])):
                removed += match.end() - match.start() - 1
                at.append(match.end() - removed)
                shift.append(removed)
            if len(self._runs) > 8:
                self._runs.clear()
            self._runs[k] = (at, shift)
        return self._runs[k]

    def _origin(self, index: int) -> int:
        """The original offset of folded character `index`."""
        self.folded  # noqa: B018 - builds the block starts
        k = bisect_right(self._folded_starts, index) - 1
        local = index - self._folded_starts[k]
        at, shift = self._block_runs(k)
        r = bisect_right(at, local)
        return self._starts[k] + local + (shift[r - 1] if r else 0)

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

    def only(self, quote: str) -> int:
        """The original offset where `quote` starts if it occurs exactly once (up to quote marks and spacing), else -1.

        One scan of the folded text, however long: the first occurrence, then none after it.
        """
        needle, folded = fold(quote), self.folded
        first = folded.find(needle) if needle else -1
        if first < 0 or folded.find(needle, first + 1) >= 0:
            return -1
        return self._origin(first)

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
        k = bisect_right(self._starts, original) - 1
        at, shift = self._block_runs(k)
        local = original - self._starts[k]
        lo, hi = 0, len(at)  # the last run whose end maps at or before `local`
        while lo < hi:
            mid = (lo + hi) // 2
            if at[mid] + shift[mid] <= local:
                lo = mid + 1
            else:
                hi = mid
        index = local - (shift[lo - 1] if lo else 0)
        if (lo < len(at) and index >= at[lo]) or self._folded_starts[k] + index >= len(folded):
            return None
        return self._folded_starts[k] + index

    # --- ambiguity and near misses ------------------------------------------------

    def occurrences(self, quote: str, limit: int = 10) -> list[Span]:
        """The first `limit` spans where `quote` occurs up to quote-mark style and whitespace (overlaps counted)."""
        needle, out, at = fold(quote), [], -1
        while needle and len(out) < limit and (at := self.folded.find(needle, at + 1)) >= 0:
            out.append(Span(self._origin(at), self._origin(at + len(needle) - 1) + 1))
        return out

    def nearest(self, quote: str) -> Nearest | None:
        """The passage most like `quote` and how it differs, for a quote that is not found; None if none is close.

        Pieces of the folded quote are looked up with `str.find` (a few scans, however long the text) and
        vote for where the quote would start; difflib then aligns the quote with the winning stretch only.
        """
        needle = fold(quote)
        if not needle:
            return None
        votes: dict[int, int] = {}
        for offset, piece in _pieces(needle):
            at, seen = -1, 0
            while seen < _PER_PIECE and (at := self.folded.find(piece, at + 1)) >= 0:
                votes[at - offset] = votes.get(at - offset, 0) + len(piece)
                seen += 1
        if not votes:
            return None
        start = max(sorted(votes), key=lambda k: votes[k])  # most votes; the earliest of equals
        pad = len(needle) // 2 + 8
        lo = max(0, start - pad)
        window = self.folded[lo : start + len(needle) + pad]
        matcher = SequenceMatcher(None, needle, window, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        if not blocks or sum(b.size for b in blocks) < len(needle) / 2:
            return None
        solid = [b for b in blocks if b.size >= min(3, len(needle))] or blocks  # stray letters do not stretch it
        begin, end = lo + solid[0].b, lo + solid[-1].b + solid[-1].size
        head, tail = needle[: solid[0].a], needle[solid[-1].a + solid[-1].size :]
        if head and _alike(head, self.folded[max(0, begin - len(head)) : begin]):
            begin = max(0, begin - len(head))
        if tail and _alike(tail, self.folded[end : end + len(tail)]):
            end = min(len(self.folded), end + len(tail))
        passage = self.folded[begin:end]
        ops = SequenceMatcher(None, needle, passage, autojunk=False).get_opcodes()
        diffs = _words([(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in ops if tag != "equal"], needle, passage)
        span = Span(self._origin(begin), self._origin(end - 1) + 1)
        return Nearest(span, self.text[span.start : span.end], diffs)


@dataclass(frozen=True)
class Nearest:
    """The passage of a text closest to a quote not found in it, and each (quote has, text has) difference."""

    span: Span
    passage: str
    differences: list[tuple[str, str]]

    def describe(self, shown: int = 5) -> str:
        """`offset N: "passage"; differs: "a" in the quote is "b" in the text, …`"""
        parts = []
        for ours, theirs in self.differences[:shown]:
            if not ours:
                parts.append(f"the text has {theirs!r} that the quote lacks")
            elif not theirs:
                parts.append(f"the quote has {ours!r} that the text lacks")
            else:
                parts.append(f"{ours!r} in the quote is {theirs!r} in the text")
        more = f" (+{len(self.differences) - shown} more)" if len(self.differences) > shown else ""
        return (
            f"nearest passage at offset {self.span.start}: {snippet(self.passage)}; differs: {'; '.join(parts)}{more}"
        )


_PIECE = 12  # characters per looked-up piece of a quote
_PIECES = 16  # at most this many pieces per quote
_PER_PIECE = 50  # at most this many occurrences counted per piece


def _pieces(needle: str) -> list[tuple[int, str]]:
    """Up to `_PIECES` evenly spread (offset, piece) pairs of `needle`, each `_PIECE` characters (or all of it)."""
    if len(needle) <= _PIECE:
        return [(0, needle)]
    starts = range(0, len(needle) - _PIECE + 1)
    step = max(1, len(starts) // _PIECES)
    return [(i, needle[i : i + _PIECE]) for i in starts[::step][:_PIECES]]


def _alike(ours: str, theirs: str) -> bool:
    """Whether an unmatched end of a quote is the text's next characters give or take a few letters."""
    return SequenceMatcher(None, ours.casefold(), theirs.casefold(), autojunk=False).ratio() >= 0.5


def _words(ops: list[tuple[int, int, int, int]], ours: str, theirs: str) -> list[tuple[str, str]]:
    """Each difference widened to the whole words around it (in both texts), overlapping ones merged."""

    def widen(text: str, lo: int, hi: int) -> tuple[int, int]:
        inside = text[lo:hi] or (text[lo - 1 : lo + 1] if 0 < lo < len(text) else " ")  # an empty range: mid-word?
        if lo < hi and not inside.strip():  # a space that is something else in the other text: both words
            inside = "x"
        if not inside.startswith(" "):
            while lo > 0 and text[lo - 1] != " ":
                lo -= 1
        if not inside.endswith(" "):
            while hi < len(text) and text[hi] != " ":
                hi += 1
        return lo, hi

    merged: list[list[int]] = []
    for i1, i2, j1, j2 in ops:
        (i1, i2), (j1, j2) = widen(ours, i1, i2), widen(theirs, j1, j2)
        if merged and (i1 <= merged[-1][1] or j1 <= merged[-1][3]):
            merged[-1][1], merged[-1][3] = max(merged[-1][1], i2), max(merged[-1][3], j2)
        else:
            merged.append([i1, i2, j1, j2])
    return [(ours[i1:i2].strip(), theirs[j1:j2].strip()) for i1, i2, j1, j2 in merged]


def snippet(text: str, width: int = 80) -> str:
    """`text` on one line, cut to `width` characters, quoted."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


def context(text: str, span: Span, width: int = 30) -> str:
    """`span` with `width` characters either side, on one line, for telling occurrences apart."""
    before = text[max(0, span.start - width) : span.start]
    after = text[span.end : span.end + width]
    return snippet(f"…{before}[{text[span.start : span.end]}]{after}…", 2 * width + 60)
