"""The one place where the graph's edges become discourse statements: actor, target, stance sign, document, date.

A statement is one stance relation (a relation type with `stance:` in the schema) read as DNA reads a coded
statement. Its date is the relation's `date` qualifier when it has one, else its document's `published`
metadata, else unknown. Dates keep their precision: `2024` covers the whole year, `2024-11` the month,
`2024-11-19` (or a longer ISO date-time) the day. A relation with several evidence records (reports from
several documents) is a statement per record, each with its own document, date and quote.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import networkx as nx

from graph._nx import successors


@dataclass(frozen=True, slots=True)
class Period:
    """The days a date covers, as proleptic Gregorian ordinals (`date.toordinal()`), both ends included."""

    first: int
    last: int
    precision: str  # "year", "month" or "day"

    def __str__(self) -> str:
        first = date.fromordinal(self.first)
        return {"year": f"{first:%Y}", "month": f"{first:%Y-%m}"}.get(self.precision, first.isoformat())


@dataclass(frozen=True, slots=True)
class Statement:
    """One coded stance: `actor` takes a stance of `sign` (+1 in favour, -1 against) on `target`."""

    actor: str
    target: str
    type: str
    sign: int
    document: str | None
    date: Period | None
    relation: str
    quote: str
    quote_start: int | None


def parse_period(value: Any) -> Period | None:
    """The period an ISO date (YYYY, YYYY-MM, YYYY-MM-DD or a date-time) covers; None if it is not one."""
    return None if value is None else _period(str(value))


@lru_cache(maxsize=1 << 16)
def _period(value: str) -> Period | None:
    n = len(value)
    try:
        if n == 4 and value.isdigit():
            year = int(value)
            return Period(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal(), "year")
        if n == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit():
            year, month = int(value[:4]), int(value[5:])
            last = monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return Period(date(year, month, 1).toordinal(), date(year, month, last).toordinal(), "month")
        if n >= 10 and value[4] == value[7] == "-" and (n == 10 or value[10] in "T "):
            if not (value[:4].isdigit() and value[5:7].isdigit() and value[8:10].isdigit()):
                return None
            ordinal = date(int(value[:4]), int(value[5:7]), int(value[8:10])).toordinal()
            return Period(ordinal, ordinal, "day")
    except ValueError:
        return None
    return None


def statements(graph: nx.MultiDiGraph, stances: Mapping[str, int]) -> list[Statement]:
    """Every stance relation of `graph` as a statement, in relation-id order; `stances` is `Schema.stances`."""
    documents = graph.graph.get("documents", {})
    published = {doc: parse_period(meta.get("published")) for doc, meta in documents.items()}
    out: list[Statement] = []
    for actor, targets in successors(graph).items():  # the adjacency itself: an edge view costs more than the work
        for target, keyed in targets.items():
            for key, attrs in keyed.items():
                sign = stances.get(attrs.get("type"))
                if sign is None:
                    continue
                if attrs.get("evidence_count", 1) > 1:  # a statement per report, as DNA codes each one
                    out += _reports(actor, target, key, attrs, sign, published)
                    continue
                document = attrs.get("document")
                when = parse_period(attrs["date"]) if "date" in attrs else None
                if when is None:
                    when = published.get(document)
                quote, start = attrs.get("quote", ""), attrs.get("quote_start")
                out.append(Statement(actor, target, attrs["type"], sign, document, when, key, quote, start))
    out.sort(key=lambda s: s.relation)
    return out


def _reports(actor: str, target: str, key: str, attrs: Mapping[str, Any], sign: int, published: Mapping) -> list:
    """A relation's reports (graph.build's parallel `evidence_*` lists), each a statement with its own document,
    date (the report's `date`, else its document's `published`), quote and offset."""
    out = []
    columns = (attrs["evidence_documents"], attrs["evidence_dates"], attrs["evidence_quotes"], attrs["evidence_starts"])
    for document, day, quote, start in zip(*columns, strict=True):
        when = parse_period(day) if day else None
        if when is None:
            when = published.get(document)
        out.append(Statement(actor, target, attrs["type"], sign, document, when, key, quote, start))
    return out
