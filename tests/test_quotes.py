"""Quote matching: tolerant of quote marks and whitespace, exact in its offsets."""

from graph.quotes import FoldedText, fold

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
