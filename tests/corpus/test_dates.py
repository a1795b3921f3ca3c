"""Dates as the text words them: resolved against the document's `published` date, the words kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import load_graph, validate
from graph.corpus.dates import UnresolvedDate, earliest, latest, resolve_words
from tests.corpus.corpora import write_corpus

THURSDAY = "2024-11-21"


@pytest.mark.parametrize(
    ("words", "iso"),
    [
        ("Tuesday", "2024-11-19"),
        ("on Tuesday", "2024-11-19"),
        ("Thursday", THURSDAY),  # the publication day itself
        ("last Thursday", "2024-11-14"),
        ("next Tuesday", "2024-11-26"),
        ("this coming Wednesday", "2024-11-27"),
        ("this Monday", "2024-11-18"),
        ("Tuesday night", "2024-11-19"),
        ("yesterday", "2024-11-20"),
        ("today", THURSDAY),
        ("tomorrow", "2024-11-22"),
        ("November 19th", "2024-11-19"),
        ("Nov. 19", "2024-11-19"),
        ("19 November", "2024-11-19"),
        ("the 19th of November", "2024-11-19"),
        ("November 19, 2023", "2023-11-19"),
        ("January 3", "2025-01-03"),  # the nearest January 3rd, not the one 11 months back
        ("on the 19th", "2024-11-19"),
        ("the 25th", "2024-10-25"),  # the most recent 25th
        ("last week", "2024-11-11"),  # a week: its Monday
        ("this week", "2024-11-18"),
        ("last month", "2024-10"),
        ("next month", "2024-12"),
        ("last year", "2023"),
        ("earlier this month", "2024-11"),
        ("two days ago", "2024-11-19"),
        ("3 weeks ago", "2024-10-31"),
        ("a year ago", "2023"),
        ("November", "2024-11"),
        ("Nov. 2025", "2025-11"),
        ("NOVEMBER 19TH.", "2024-11-19"),
    ],
)
def test_words_resolve_against_the_publication_date(words: str, iso: str) -> None:
    assert resolve_words(words, THURSDAY) == iso


def test_a_date_time_publication_anchors_on_its_day() -> None:
    assert resolve_words("yesterday", "2024-11-21T23:59:00-08:00") == "2024-11-20"


def test_a_partial_publication_date_anchors_only_what_it_gives() -> None:
    assert resolve_words("November 19th", "2024") == "2024-11-19"
    assert resolve_words("last year", "2024") == "2023"
    with pytest.raises(UnresolvedDate, match="publication date"):
        resolve_words("Tuesday", "2024-11")


@pytest.mark.parametrize(
    ("words", "published", "message"),
    [
        ("soon", THURSDAY, "not a date actorgraph can resolve"),
        ("recently", THURSDAY, "not a date actorgraph can resolve"),
        ("Tuesday", None, "publication date, which is not given"),
        ("last week", None, "publication date"),
        ("February 30", THURSDAY, "no day 30"),
        ("February 30, 2024", None, "not a real date"),
        ("several days ago", THURSDAY, "no exact number"),
    ],
)
def test_words_that_give_no_date_say_what_would(words: str, published: str | None, message: str) -> None:
    with pytest.raises(UnresolvedDate, match=message) as caught:
        resolve_words(words, published)
    assert caught.value.hint


def test_words_with_their_own_year_need_no_publication_date() -> None:
    assert resolve_words("November 19, 2024", None) == "2024-11-19"
    assert resolve_words("Nov. 2024", None) == "2024-11"


def test_partial_dates_cover_a_span() -> None:
    assert (earliest("2024"), latest("2024")) == (earliest("2024-01-01"), latest("2024-12-31"))
    assert latest("2024-02").isoformat() == "2024-02-29" and latest("2024-12").isoformat() == "2024-12-31"


VOTE = "The City Council voted 13-0 on Tuesday to approve the ordinance. Trump, the president-elect, objected."
SWORN = "Donald Trump was sworn in as President on Monday. The council met last week."


def _corpus(root: Path, vote_published: str | None = THURSDAY, qualifiers: str = "{date: Tuesday, stage: final vote}"):
    return write_corpus(
        root,
        {"vote": (VOTE, vote_published), "sworn": (SWORN, "2025-01-21")},
        {
            "vote.yaml": f"""\
                document: vote
                entities:
                  - {{id: council, type: GovernmentBody, name: City Council}}
                  - {{id: ordinance, type: Legislation, name: the ordinance}}
                  - {{id: trump, type: Person, name: Trump}}
                  - {{id: us-president, type: Office, name: President of the United States}}
                relations:
                  - id: vote
                    type: approves
                    source: council
                    target: ordinance
                    quote: voted 13-0 on Tuesday to approve the ordinance
                    qualifiers: {qualifiers}
                  - id: trump-elect
                    type: holds-role
                    source: trump
                    target: us-president
                    quote: Trump, the president-elect
                    qualifiers: {{role: President-elect, end: 2025-01-20}}
                """,
            "sworn.yaml": """\
                document: sworn
                relations:
                  - id: trump-president
                    type: holds-role
                    source: trump
                    target: us-president
                    quote: Donald Trump was sworn in as President on Monday
                    qualifiers: {role: President, start: Monday}
                """,
        },
    )


def test_a_worded_date_is_stored_resolved_with_its_words(tmp_path: Path) -> None:
    graph = load_graph(_corpus(tmp_path / "seeds"))
    vote = graph.edges["council", "ordinance", "vote"]
    assert (vote["date"], vote["date_text"]) == ("2024-11-19", "Tuesday")


def test_a_later_document_records_a_new_role_without_editing_the_first(tmp_path: Path) -> None:
    graph = load_graph(_corpus(tmp_path / "seeds"))
    roles = {key: data for _, _, key, data in graph.edges("trump", keys=True, data=True)}
    assert roles["trump-elect"]["role"] == "President-elect" and roles["trump-elect"]["end"] == "2025-01-20"
    president = roles["trump-president"]
    assert (president["role"], president["start"], president["start_text"]) == ("President", "2025-01-20", "Monday")
    assert (president["document"], roles["trump-elect"]["document"]) == ("sworn", "vote")
    assert "end_text" not in roles["trump-elect"]  # written ISO: no words to keep


def test_a_worded_date_without_a_publication_date_is_a_problem_at_its_line(tmp_path: Path) -> None:
    seeds = _corpus(tmp_path / "seeds", vote_published=None)
    (problem,) = validate(seeds)
    assert Path(problem.file).name == "vote.yaml" and problem.line == 13
    assert "'Tuesday'" in problem.message and "published" in problem.hint


def test_an_unresolvable_date_is_a_problem_with_a_hint(tmp_path: Path) -> None:
    (problem,) = validate(_corpus(tmp_path / "seeds", qualifiers="{date: soon, stage: final vote}"))
    assert "'soon'" in problem.message and problem.line == 13 and "ISO" in problem.hint


def test_a_malformed_iso_date_stays_malformed(tmp_path: Path) -> None:
    (problem,) = validate(_corpus(tmp_path / "seeds", qualifiers="{date: 2024-19-11, stage: final vote}"))
    assert "malformed date '2024-19-11'" in problem.message


def test_the_words_field_is_not_written_by_hand(tmp_path: Path) -> None:
    (problem,) = validate(_corpus(tmp_path / "seeds", qualifiers="{date: Tuesday, date_text: x, stage: final vote}"))
    assert "'date_text' is not allowed" in problem.message


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("2024-11-01", "2024-11-01", True),
        ("2024-11", "2024", True),  # overlapping spans are not out of order
        ("2024-11-02", "2024-11-01", False),
        ("2025", "2024-12-31", False),
        ("Monday", "last week", False),  # 2025-01-20 vs 2025-01-06 once resolved
    ],
)
def test_an_end_may_not_precede_its_start(tmp_path: Path, start: str, end: str, ok: bool) -> None:
    seeds = _corpus(tmp_path / "seeds")
    path = seeds / "annotations" / "sworn.yaml"
    path.write_text(
        path.read_text().replace("{role: President, start: Monday}", f"{{role: President, start: {start}, end: {end}}}")
    )
    found = validate(seeds)
    assert (found == []) is ok, found
    if not ok:
        assert "'end'" in found[0].message and "before 'start'" in found[0].message


def test_timeline_orders_worded_dates(tmp_path: Path) -> None:
    from graph import query

    seeds = _corpus(tmp_path / "seeds")
    rows = query("timeline", seeds=seeds).records()
    assert [r["relation_id"] for r in rows if r["relation_id"] == "vote"] == ["vote"]
    assert next(r for r in rows if r["relation_id"] == "vote")["date"] == "2024-11-19"
