"""The paragraph around a quote, kept once per paragraph so a big corpus does not repeat its text."""

from __future__ import annotations

from collections.abc import Mapping

CONTEXT = 700  # at most this many characters either side of a quote are kept from a long paragraph


class Paragraphs:
    """Collects paragraphs (deduplicated, in first-use order) from document texts."""

    def __init__(self, texts: Mapping[str, str]):
        self.source = texts
        self.texts: list[str] = []
        self._seen: dict[tuple[str, int, int], int] = {}

    def around(self, doc: str | None, start: object, end: object) -> tuple[int, list[int]] | None:
        """(paragraph index, [start, end] of the quote in it), or None when the text or offsets are missing."""
        text = self.source.get(doc) if doc is not None else None
        if text is None or not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            return None
        left, right = paragraph_bounds(text, start, end)
        key = (doc, left, right)
        if key not in self._seen:
            self._seen[key] = len(self.texts)
            self.texts.append(text[left:right])
        return self._seen[key], [start - left, end - left]


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) holding text[start:end], trimmed of blanks, and clipped at word breaks if long."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    if start - left > CONTEXT:
        cut = text.find(" ", start - CONTEXT, start)
        left = cut + 1 if cut >= 0 else start - CONTEXT
    if right - end > CONTEXT:
        cut = text.rfind(" ", end, end + CONTEXT)
        right = cut if cut > end else end + CONTEXT
    return left, right
