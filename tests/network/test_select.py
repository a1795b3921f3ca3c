"""Statement selection: dates and their precision, duplicates, windows."""

from __future__ import annotations

from datetime import date

import pytest

from graph.network.select import LeftOut, Selection, Window, add_units, deduplicate, in_date_order, select, windows
from graph.network.statements import Statement, parse_period
from tests.conftest import SEEDS


def st(rel: str, actor: str, target: str, sign: int, doc: str, when: str | None) -> Statement:
    return Statement(actor, target, "supports" if sign > 0 else "opposes", sign, doc, parse_period(when), rel, "q", 0)


def test_dates_keep_their_precision() -> None:
    assert str(parse_period("2024")) == "2024" and parse_period("2024").precision == "year"
    feb = parse_period("2024-02")
    assert (date.fromordinal(feb.first), date.fromordinal(feb.last)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert parse_period("2024-11-19T10:30:00").precision == "day"
    assert parse_period("2024-13-01") is None and parse_period("soon") is None and parse_period(None) is None


def test_one_per_document_compares_the_stance_unless_the_qualifier_is_ignored() -> None:
    both = [st("r1", "a", "x", 1, "d1", "2020-01-01"), st("r2", "a", "x", -1, "d1", "2020-01-01")]
    assert [s.relation for s in deduplicate(both, "document", True, LeftOut())] == ["r1", "r2"]
    assert [s.relation for s in deduplicate(both, "document", False, LeftOut())] == ["r1"]


def test_weeks_are_iso_weeks_and_months_belong_to_their_year() -> None:
    sunday, monday = st("r1", "a", "x", 1, "d1", "2020-01-05"), st("r2", "a", "x", 1, "d2", "2020-01-06")
    assert len(deduplicate([sunday, monday], "week", True, LeftOut())) == 2
    jan20, jan21 = st("r1", "a", "x", 1, "d1", "2020-01-05"), st("r2", "a", "x", 1, "d2", "2021-01-05")
    assert len(deduplicate([jan20, jan21], "month", True, LeftOut())) == 2  # DNA compares the month only
    assert len(deduplicate([jan20, st("r3", "a", "x", 1, "d3", "2020-01-30")], "month", True, LeftOut())) == 1


def test_imprecise_or_missing_dates_are_left_out_and_counted() -> None:
    left = LeftOut()
    rows = [
        st("r1", "a", "x", 1, "d1", "2020"),
        st("r2", "a", "x", 1, "d2", None),
        st("r3", "a", "x", 1, "d3", "2020-05-01"),
    ]
    assert [s.relation for s in deduplicate(in_date_order(rows), "month", True, left)] == ["r3"]
    assert sum(left.counts.values()) == 2
    left = LeftOut()
    kept = select(rows, Selection(start=date(2020, 3, 1), end=date(2020, 12, 31)), {}, left)
    assert [s.relation for s in kept] == ["r3"]
    assert dict(left.counts) == {"undated (a date range was set)": 1, "dated less precisely than the date range": 1}


def test_windows_step_and_fit_inside_the_range() -> None:
    rows = [st(f"r{m}", "a", "x", 1, f"d{m}", f"2020-{m:02d}-15") for m in range(1, 13)]
    got = windows(rows, Window(3, 2, "months"), None, None, LeftOut())
    assert [(str(a), str(b), len(s)) for a, b, s in got] == [
        ("2020-01-15", "2020-04-14", 3),
        ("2020-03-15", "2020-06-14", 3),
        ("2020-05-15", "2020-08-14", 3),
        ("2020-07-15", "2020-10-14", 3),
        ("2020-09-15", "2020-12-14", 3),
    ]
    assert add_units(date(2020, 1, 31), 1, "months") == date(2020, 2, 29)
    with pytest.raises(ValueError, match="window unit"):
        Window(1, 1, "fortnights")


def test_a_date_range_that_ends_before_it_starts_is_refused(cli) -> None:
    from graph.errors import NetworkError

    with pytest.raises(NetworkError, match="before it starts"):
        Selection(start=date(2025, 1, 1), end=date(2024, 1, 1))
    assert Selection(start=date(2024, 1, 1), end=date(2024, 1, 1)).start == date(2024, 1, 1)  # one day is a range
    done = cli("network", "actors", "--start", "2025-01-01", "--end", "2024-01-01", "--seeds", SEEDS)
    assert done.exit_code == 2 and "before it starts" in done.stderr and "Traceback" not in done.output
