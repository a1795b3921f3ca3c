"""Quote matching: tolerant of quote marks and whitespace, exact in its offsets."""

from pathlib import Path

import pytest

from graph import load_graph, validate
from graph.corpus.quotes import FoldedText, fold
from tests.corpus.corpora import write_corpus

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


# --- a quote found more than once; a quote not found ----------------------------------------------------


def test_occurrences_count_every_form_of_the_quote() -> None:
    text = 'She said \u201cno\u201d. Later: "no".  And  \u201cno\u201d\nagain.'
    spans = FoldedText(text).occurrences('"no"')
    assert [text[s.start : s.end] for s in spans] == ["\u201cno\u201d", '"no"', "\u201cno\u201d"]
    assert len(FoldedText("aaaa").occurrences("aa")) == 3  # overlaps count
    assert len(FoldedText("x" * 50).occurrences("x", limit=4)) == 4


def test_nearest_names_the_passage_and_the_characters_that_differ() -> None:
    text = "Intro. We have been a pro-immigrant city for a number of years. Outro."
    near = FoldedText(text).nearest("We have been a pro immigrant city for a numbr of years")
    assert near is not None
    assert text[near.span.start : near.span.end] == "We have been a pro-immigrant city for a number of years"
    assert near.differences == [("pro immigrant", "pro-immigrant"), ("numbr", "number")]  # whole words
    described = near.describe()
    assert "offset 7" in described and "'pro immigrant' in the quote is 'pro-immigrant' in the text" in described


def test_nearest_covers_a_first_letter_in_another_case_but_not_words_the_text_lacks() -> None:
    text = "Intro. The council initially approved it. The mayor spoke. Then more."
    near = FoldedText(text).nearest("Council initially approved it")
    assert near is not None and near.passage == "council initially approved it"
    assert near.differences == [("Council", "council")]
    near = FoldedText(text).nearest("The mayor spoke loudly")
    assert near is not None and near.passage == "The mayor spoke" and near.differences == [("loudly", "")]


def test_nearest_is_none_when_nothing_is_close() -> None:
    assert FoldedText("Completely different words here.").nearest("zebra quantum xylophone") is None


def test_nearest_finds_a_passage_deep_in_a_long_text() -> None:
    filler = "Filler sentence with \u201cquotes\u201d and  double  spaces.\n" * 20_000
    text = filler + "The council voted 13-0 on Tuesday to approve it."
    near = FoldedText(text).nearest("The council voted 13 - 0 on Tuesday to approve it")
    assert near is not None and near.span.start == len(filler)


def _two_documents(tmp_path: Path, quote_b: str, start: str = "") -> Path:

    return write_corpus(
        tmp_path / "seeds",
        {
            "a": ("The council voted. Later it adjourned.", None),
            "b": ("The council voted.\nThe mayor spoke. The council\nvoted again.", None),
        },
        {
            "a.yaml": """\
                document: a
                entities:
                  - {id: council, type: GovernmentBody, name: council}
                  - {id: mayor, type: Person, name: mayor}
                relations:
                  - {type: supports, source: mayor, target: council, quote: The council voted}
                """,
            "b.yaml": f"""\
                document: b
                relations:
                  - {{type: supports, source: mayor, target: council, quote: {quote_b}{start}}}
                """,
        },
    )


def test_a_quote_found_twice_is_a_problem_listing_each_offset(tmp_path: Path) -> None:

    (problem,) = validate(_two_documents(tmp_path, "The council voted"))
    assert Path(problem.file).name == "b.yaml" and problem.line == 3  # document a has it once: fine
    assert "more than once in document 'b'" in problem.message
    assert "at 0:" in problem.message and "at 36:" in problem.message  # the second one across a line break
    assert "[The council\nvoted]" not in problem.message and "[The council voted]" in problem.message
    assert "start:" in problem.hint


def test_pinning_or_lengthening_settles_it(tmp_path: Path) -> None:

    assert validate(_two_documents(tmp_path / "pin", "The council voted", ", start: 36")) == []
    [edge] = load_graph(tmp_path / "pin" / "seeds").get_edge_data("mayor", "council").values()  # one, two reports
    b = edge["evidence_documents"].index("b")
    assert (edge["evidence_starts"][b], edge["evidence_quotes"][b]) == (36, "The council\nvoted")
    assert validate(_two_documents(tmp_path / "long", "The council voted again")) == []


def test_a_quote_not_found_shows_the_nearest_passage(tmp_path: Path) -> None:

    (problem,) = validate(_two_documents(tmp_path, "The mayor spoke loudly"))
    assert "quote not found" in problem.message
    assert "nearest passage at offset 19: 'The mayor spoke" in problem.hint
    assert "the quote has 'loudly' that the text lacks" in problem.hint


def test_a_mention_found_twice_is_a_problem_too(tmp_path: Path) -> None:

    seeds = _two_documents(tmp_path, "The mayor spoke")
    path = seeds / "annotations" / "b.yaml"
    mention = "document: b\nentities:\n  - {id: other, type: Person, name: Other, mention: council}\n"
    path.write_text(path.read_text().replace("document: b\n", mention))
    (problem,) = validate(seeds)
    assert "more than once in document 'b'" in problem.message and problem.line == 3
