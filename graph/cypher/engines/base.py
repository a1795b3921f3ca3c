"""The one interface graph code uses to run Cypher, whatever the engine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Node:
    """A whole node in a result, engine-neutral: its actorgraph `id`, labels (sorted) and properties."""

    id: str
    labels: tuple[str, ...]
    properties: dict[str, Any]


@dataclass(frozen=True)
class Relationship:
    """A whole relationship in a result: its actorgraph `id`, Cypher type, endpoint ids and properties."""

    id: str
    type: str
    start: str
    end: str
    properties: dict[str, Any]


@dataclass(frozen=True)
class Path:
    """A path in a result: nodes and the relationships between them, in walking order."""

    nodes: tuple[Node, ...]
    relationships: tuple[Relationship, ...]


@dataclass(frozen=True)
class Duration:
    """A Cypher duration as Neo4j holds it: months, days, seconds and nanoseconds, each kept apart (a month or
    a day has no fixed length in Cypher, so no `timedelta` is faithful). `iso()` is Neo4j's `toString()` form."""

    months: int
    days: int
    seconds: int
    nanoseconds: int

    def iso(self) -> str:
        """ISO 8601, as Neo4j writes it (e.g. `P1Y2M3DT4.5S`)."""
        from neo4j.time import Duration as Neo4jDuration

        return Neo4jDuration(
            months=self.months, days=self.days, seconds=self.seconds, nanoseconds=self.nanoseconds
        ).iso_format()


@dataclass(frozen=True)
class Result:
    """Rows of values under named columns, in the order the engine returned them.

    Values are Python scalars, `datetime.date`/`datetime`/`time`, lists, dicts, or the `Node`, `Relationship`,
    `Path` and `Duration` above, whichever engine answered.
    """

    columns: list[str]
    rows: list[tuple[Any, ...]]


class Engine(Protocol):
    """Runs a Cypher query with parameters and returns its result."""

    name: str

    def run(self, query: str, params: dict[str, Any] | None = None) -> Result: ...

    def close(self) -> None: ...
