"""Quote matching: tolerant of quote marks and whitespace, exact in its offsets."""

import pytest

from graph.corpus.quotes import FoldedText, fold

TEXT = "He said, \u201cWe are  hardening\nour defenses,\u201d and left. It\u2019s `sanctuary\u2019."


def test_fold_collapses_whitespace_and_quote_marks() -> None:
    assert fold("  \u201cA\u2019s\u201d \n\t b ") == '"A\'s" b'


def test_exact_quote_is_found_at_its_offsets() -> None:
    span = FoldedText(TEXT).find("and left")
    assert span is not None
    assert TEXT[span.start : span.end] == "and left"


def test_straight_quotes_match_curly_ones_and_offsets_point_at_the_original() -> None:
    span = FoldedText(TEXT).find('"We are hardening our defenses,"')
    assert span is not None
    assert TEXT[span.start : span.end] == "\u201cWe are  hardening\nour defenses,\u201d"


def test_backtick_and_apostrophe_are_one_quote_mark() -> None:
    span = FoldedText(TEXT).find("'sanctuary'")
    assert span is not None
    assert TEXT[span.start : span.end] == "`sanctuary\u2019"


def test_missing_quote_is_none() -> None:
    assert FoldedText(TEXT).find("We are softening") is None
    assert FoldedText(TEXT).find("   ") is None


def test_start_pins_the_occurrence() -> None:
    text = "yes. no. yes."
    folded = FoldedText(text)
    assert folded.count("yes") == 2
    assert folded.find("yes", 9) is not None and folded.find("yes", 9).start == 9
    assert folded.find("yes", 5) is None


def _reference(text: str) -> tuple[str, list[int]]:
    """The folded text and each folded character's original offset, one int per character (the old way)."""
    import re

    from graph.corpus.quotes import _FOLD

    pieces, origin = [], []
    for match in re.finditer(r"\s+|\S+", text.translate(_FOLD)):
        if match.group().isspace():
            pieces.append(" ")
            origin.append(match.start())
        else:
            pieces.append(match.group())
            origin.extend(range(match.start(), match.end()))
    return "".join(pieces), origin


@pytest.mark.parametrize("block", [1 << 20, 1, 3, 7])
def test_the_compact_offset_map_agrees_with_one_offset_per_character(block: int) -> None:
    import random

    rng = random.Random(block)
    alphabet = ["a", "b", " ", "  ", "\n", "\t \u3000", "\u201c", "\u2019", '"', "\u00a0", "\u2028", "-", "\u2014"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        folded, origin = _reference(text)
        prepared = FoldedText(text)
        prepared.BLOCK = block  # small blocks: runs and matches across block boundaries
        assert prepared.folded == folded
        assert [prepared._origin(i) for i in range(len(folded))] == origin
        for offset in range(len(text) + 1):
            expected = origin.index(offset) if offset in origin else None
            assert prepared._folded_index(offset) == expected
        for _ in range(5):
            a = rng.randint(0, len(text))
            quote = text[a : rng.randint(a, len(text))]
            span = prepared.find(quote)
            if fold(quote):
                assert span is not None and fold(text[span.start : span.end]) == fold(quote)
