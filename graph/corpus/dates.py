"""Dates as a document words them ("Tuesday", "November 19th", "last week"), resolved against its publication date.

`resolve_words(words, published)` gives the ISO value (YYYY, YYYY-MM or YYYY-MM-DD) or raises `UnresolvedDate`
with a hint. English only; deterministic: the anchor is the document's `published` date, never a clock.

Rules (case and a leading "on"/"in" are ignored; a trailing "morning", "night"… after a day is ignored):

- "today", "tonight", "this morning" …: the publication day; "yesterday", "tomorrow": one day either side.
- A weekday ("Tuesday", "this past Tuesday"): the most recent one on or before the publication day; "last
  Tuesday": strictly before; "next Tuesday", "this coming Tuesday": strictly after; "this Tuesday": in the
  publication day's week (Monday to Sunday).
- A month and day ("November 19th", "Nov. 19", "19 November", "the 19th of November"), with a year if given;
  without one, the occurrence nearest the publication day (the earlier of two as near).
- A month ("November", "Nov. 2024"): YYYY-MM, the year given or the nearest occurrence.
- A day of the month ("the 19th"): the most recent such day on or before the publication day.
- "last week"/"this week"/"next week": that week's Monday; "last month"… YYYY-MM; "last year"… YYYY.
- "N days ago", "two weeks ago": that many days back; "a month ago": YYYY-MM; "N years ago": YYYY.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
NUMBERS |= {"eight": 8, "nine": 9, "ten": 10, "several": -1, "few": -1, "a few": -1}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*(?P<year>\d{4}))?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_PATTERNS = [
    ("day", re.compile(r"(?P<word>today|tonight|this morning|this afternoon|this evening|yesterday|tomorrow)")),
    ("day", re.compile(r"(?P<word>yesterday|tomorrow|last)\s+(?:morning|afternoon|evening|night)")),
    (
        "weekday",
        re.compile(r"(?:(?P<which>last|next|this coming|this past|past|coming|this)\s+)?" + _WEEKDAY + _PART_OF_DAY),
    ),
    ("month_day", re.compile(_MONTH + r"\s+" + _DAY + _YEAR)),
    ("month_day", re.compile(r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + _YEAR)),
    ("month", re.compile(r"(?:early|mid|late|mid-)?\s*" + _MONTH + _YEAR)),
    ("day_of_month", re.compile(r"the\s+" + _DAY)),
    ("period", re.compile(r"(?:(?:earlier|later)\s+)?(?P<which>last|this|next|past)\s+(?P<unit>week|month|year)")),
    ("ago", re.compile(r"(?P<count>\d+|a few|[a-z]+)\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier|before)")),
]
_ANCHOR = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class UnresolvedDate(ValueError):
    """Words that give no date; `hint` says what would."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


HOW = "write an ISO date (2024-11-19, 2024-11, 2024) or words such as 'Tuesday', 'November 19th', 'last week'"


def resolve_words(words: str, published: str | None) -> str:
    """The ISO date `words` give, read against the `published` date (YYYY[-MM[-DD]][T…]); else `UnresolvedDate`."""
    text = " ".join(words.strip().lower().rstrip(".,;").split())
    text = re.sub(r"^(?:on|in|by|since|until|from|as of)\s+", "", text)
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _RESOLVERS[kind](match.groupdict(), words, published)
    raise UnresolvedDate(f"{words!r} is not a date actorgraph can resolve", f"{HOW}; or say it in `note:`")


def _anchor(words: str, published: str | None, precision: str = "day") -> date:
    """The publication date, to at least `precision` ("day", "month" or "year")."""
    match = _ANCHOR.match(published or "")
    need = {"day": 3, "month": 2, "year": 1}[precision]
    if match is None or match.lastindex is None or match.lastindex < need:
        given = f"is {published!r}" if published else "is not given"
        raise UnresolvedDate(
            f"{words!r} is relative to the document's publication date, which {given}",
            f"add `published: YYYY-MM-DD` to the document's metadata, or {HOW.split(' or ')[0]}",
        )
    year, month, day = (int(part) if part else 1 for part in match.groups())
    return date(year, month, day)


def _day(parts: dict, words: str, published: str | None) -> str:
    anchor = _anchor(words, published)
    shift = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(parts["word"], 0)
    return (anchor + timedelta(days=shift)).isoformat()


def _weekday(parts: dict, words: str, published: str | None) -> str:
    anchor = _anchor(words, published)
    wanted, which = WEEKDAYS[parts["weekday"]], parts["which"]
    back = (anchor.weekday() - wanted) % 7  # days back to the most recent one, 0 if today
    if which == "last":
        back = back or 7
    elif which in ("next", "coming", "this coming"):
        back = -((wanted - anchor.weekday()) % 7 or 7)
    elif which == "this":
        back = anchor.weekday() - wanted
    return (anchor - timedelta(days=back)).isoformat()


def _month_day(parts: dict, words: str, published: str | None) -> str:
    month, day = MONTHS[parts["month"]], int(parts["day"])
    if parts["year"]:
        return _real(words, int(parts["year"]), month, day)
    try:
        anchor = _anchor(words, published)
    except UnresolvedDate:  # published gives only a year or a month: that year
        return _real(words, _anchor(words, published, "year").year, month, day)
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise UnresolvedDate(f"{words!r}: {parts['month'].title()} has no day {day}", HOW)
    return min(candidates, key=lambda d: (abs((d - anchor).days), d)).isoformat()


def _month(parts: dict, words: str, published: str | None) -> str:
    month = MONTHS[parts["month"]]
    if parts["year"]:
        return f"{parts['year']}-{month:02d}"
    try:
        anchor = _anchor(words, published, "month")
    except UnresolvedDate:
        return f"{_anchor(words, published, 'year').year}-{month:02d}"
    here = anchor.year * 12 + anchor.month - 1
    nearest = min(
        (y * 12 + month - 1 for y in (anchor.year - 1, anchor.year, anchor.year + 1)), key=lambda k: (abs(k - here), k)
    )
    return f"{nearest // 12}-{nearest % 12 + 1:02d}"


def _day_of_month(parts: dict, words: str, published: str | None) -> str:
    anchor, day = _anchor(words, published), int(parts["day"])
    if not 1 <= day <= 31:
        raise UnresolvedDate(f"{words!r}: no month has a day {day}", HOW)
    year, month = anchor.year, anchor.month
    for _ in range(13):  # this month if the day has come, else the latest month that has that day
        try:
            found = date(year, month, day)
        except ValueError:
            found = None
        if found is not None and found <= anchor:
            return found.isoformat()
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    raise UnresolvedDate(f"{words!r} cannot be placed", HOW)  # pragma: no cover - some month has each day 1..31


def _period(parts: dict, words: str, published: str | None) -> str:
    step = {"last": -1, "past": -1, "this": 0, "next": 1}[parts["which"]]
    return _shift(parts["unit"], step, words, published)


def _ago(parts: dict, words: str, published: str | None) -> str:
    count = parts["count"]
    number = int(count) if count.isdigit() else NUMBERS.get(count)
    if number is None or number < 0:
        raise UnresolvedDate(f"{words!r} gives no exact number of {parts['unit']}s", HOW)
    if parts["unit"] in ("day", "week"):  # a duration back from the day, not a calendar week
        days = number * (7 if parts["unit"] == "week" else 1)
        return (_anchor(words, published) - timedelta(days=days)).isoformat()
    return _shift(parts["unit"], -number, words, published)


def _shift(unit: str, step: int, words: str, published: str | None) -> str:
    """The `unit` (week, month or year) `step` units from the publication's, at that unit's precision."""
    if unit == "year":
        return str(_anchor(words, published, "year").year + step)
    if unit == "month":
        anchor = _anchor(words, published, "month")
        k = anchor.year * 12 + anchor.month - 1 + step
        return f"{k // 12}-{k % 12 + 1:02d}"
    anchor = _anchor(words, published)
    monday = anchor - timedelta(days=anchor.weekday())
    return (monday + timedelta(weeks=step)).isoformat()


def _real(words: str, year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError as err:
        raise UnresolvedDate(f"{words!r} is not a real date: {err}", HOW) from None


_RESOLVERS = {
    "day": _day,
    "weekday": _weekday,
    "month_day": _month_day,
    "month": _month,
    "day_of_month": _day_of_month,
    "period": _period,
    "ago": _ago,
}


def earliest(iso: str) -> date:
    """The first day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) covers."""
    year, month, day = (int(part) if part else 1 for part in _ANCHOR.fullmatch(iso).groups())
    return date(year, month, day)


def latest(iso: str) -> date:
    """The last day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) covers."""
    year, month, day = _ANCHOR.fullmatch(iso).groups()
    if day:
        return date(int(year), int(month), int(day))
    if month:
        following = date(int(year) + int(month) // 12, int(month) % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(int(year), 12, 31)
