"""Which statements a network counts: include/exclude lists, a date range, duplicates, moving time windows.

Order, as in DNA: the lists and the date range first, then duplicates (statements in date order, the first
of each duplicate group kept), then the time windows. A statement counts in a date range or window only if
the whole period its date covers lies inside; statements without a date, or dated less precisely than a rule
needs (`2024` for a monthly duplicate rule), are left out and counted in `LeftOut`, never guessed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from calendar import monthrange
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from graph.errors import NetworkError
from graph.network.statements import Statement

DUPLICATES = ("all", "document", "week", "month", "year", "range")
UNITS = ("days", "weeks", "months", "years")
_PRECISION = {"year": 0, "month": 1, "day": 2}
_NEEDS = {"year": 0, "month": 1, "week": 2}


@dataclass(frozen=True)
class Selection:
    """Include lists (empty: everything) and exclude lists of ids, entity types for each side, a date range."""

    include_actors: frozenset[str] = frozenset()
    exclude_actors: frozenset[str] = frozenset()
    include_targets: frozenset[str] = frozenset()
    exclude_targets: frozenset[str] = frozenset()
    include_types: frozenset[str] = frozenset()
    exclude_types: frozenset[str] = frozenset()
    include_documents: frozenset[str] = frozenset()
    exclude_documents: frozenset[str] = frozenset()
    actor_types: frozenset[str] = frozenset()
    target_types: frozenset[str] = frozenset()
    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise NetworkError(f"the date range ends ({self.end}) before it starts ({self.start})")


@dataclass(frozen=True)
class Window:
    """Moving time windows: each `size` units long, starting every `step` units from the range's start."""

    size: int
    step: int = 1
    unit: str = "months"

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise NetworkError(f"window unit {self.unit!r} is not one of {', '.join(UNITS)}")
        if self.size < 1 or self.step < 1:
            raise NetworkError("window size and step must be at least 1")


@dataclass
class LeftOut:
    """Statements a date rule could not place, by reason."""

    counts: Counter = field(default_factory=Counter)

    def add(self, reason: str, n: int = 1) -> None:
        self.counts[reason] += n


def _listed(value: str, include: frozenset[str], exclude: frozenset[str]) -> bool:
    return (not include or value in include) and value not in exclude


def select(
    statements: Iterable[Statement], selection: Selection, entity_types: Mapping[str, str], left_out: LeftOut
) -> list[Statement]:
    """The statements the lists, entity types and date range let through."""
    s = selection
    first = s.start.toordinal() if s.start else None
    last = s.end.toordinal() if s.end else None
    out = []
    for st in statements:
        if not (
            _listed(st.actor, s.include_actors, s.exclude_actors)
            and _listed(st.target, s.include_targets, s.exclude_targets)
            and _listed(st.type, s.include_types, s.exclude_types)
            and _listed(st.document or "", s.include_documents, s.exclude_documents)
            and (not s.actor_types or entity_types.get(st.actor) in s.actor_types)
            and (not s.target_types or entity_types.get(st.target) in s.target_types)
        ):
            continue
        if first is not None or last is not None:
            if st.date is None:
                left_out.add("undated (a date range was set)")
                continue
            lo, hi = st.date.first, st.date.last
            if (first is not None and hi < first) or (last is not None and lo > last):
                continue
            if (first is not None and lo < first) or (last is not None and hi > last):
                left_out.add("dated less precisely than the date range")
                continue
        out.append(st)
    return out


def in_date_order(statements: Iterable[Statement]) -> list[Statement]:
    """Statements by date (undated first), then document, offset and relation id: the order duplicates keep."""
    return sorted(
        statements,
        key=lambda s: (s.date.first if s.date else -1, s.document or "", s.quote_start or 0, s.relation),
    )


def deduplicate(statements: list[Statement], rule: str, by_sign: bool, left_out: LeftOut) -> list[Statement]:
    """One statement per actor, target (and stance, if `by_sign`) per document, week, month, year, or in the
    whole date range (`range`, DNA's "acrossrange": dated or not, before any time windows are cut).

    `statements` must be in date order. DNA compares the stance only when the qualifier is not ignored;
    `by_sign` is that switch. Weeks are ISO weeks (Monday to Sunday), months and years calendar ones.
    """
    if rule not in DUPLICATES:
        raise NetworkError(f"duplicates must be one of {', '.join(DUPLICATES)}, not {rule!r}")
    if rule == "all":
        return statements
    seen: set[tuple] = set()
    out = []
    for st in statements:
        scope = _scope(st, rule)
        if scope is None:
            left_out.add(f"undated or dated less precisely than one per {rule} needs")
            continue
        key = (st.actor, st.target, st.sign if by_sign else 0, scope)
        if key not in seen:
            seen.add(key)
            out.append(st)
    return out


def _scope(st: Statement, rule: str) -> object:
    if rule == "document":
        return st.document
    if rule == "range":
        return ()
    if st.date is None or _PRECISION[st.date.precision] < _NEEDS[rule]:
        return None
    day = date.fromordinal(st.date.first)
    if rule == "year":
        return day.year
    if rule == "month":
        return (day.year, day.month)
    return tuple(day.isocalendar())[:2]


def add_units(day: date, n: int, unit: str) -> date:
    """`day` moved `n` days, weeks, months or years (a month end stays within its month)."""
    if unit == "days":
        return date.fromordinal(day.toordinal() + n)
    if unit == "weeks":
        return date.fromordinal(day.toordinal() + 7 * n)
    months = n * (12 if unit == "years" else 1)
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def windows(
    statements: list[Statement], window: Window, start: date | None, end: date | None, left_out: LeftOut
) -> list[tuple[date, date, list[Statement]]]:
    """The moving windows that fit inside the range (default: first to last statement date), each with its
    statements: those whose whole date period lies inside the window."""
    dated = [s for s in statements if s.date is not None]
    if len(dated) < len(statements):
        left_out.add("undated (time windows were set)", len(statements) - len(dated))
    if not dated and (start is None or end is None):
        return []
    first = start or date.fromordinal(min(s.date.first for s in dated))
    last = end or date.fromordinal(max(s.date.last for s in dated))
    dated.sort(key=lambda s: s.date.first)  # stable: date order kept within a day
    firsts = [s.date.first for s in dated]
    out = []
    i = 0
    while True:
        lo = add_units(first, i * window.step, window.unit)
        hi = date.fromordinal(add_units(lo, window.size, window.unit).toordinal() - 1)
        if hi > last:
            break
        a, b = lo.toordinal(), hi.toordinal()
        inside = dated[bisect_left(firsts, a) : bisect_right(firsts, b)]
        out.append((lo, hi, [s for s in inside if s.date.last <= b]))
        i += 1
    if not out:
        raise NetworkError(
            f"a window of {window.size} {window.unit} does not fit between {first} and {last}; "
            "use a smaller --window-size or a wider date range"
        )
    return out
