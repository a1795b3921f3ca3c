"""The Neo4j engine: queries run as they are on what `actorgraph sync` put in the database.

Read mode is read-only three times over: the query runs in a READ access-mode transaction (the server refuses
any write, `CALL { … } IN TRANSACTIONS` and schema commands), and before it runs, an `EXPLAIN` in the same
transaction must show a plain read: query type `r` and no plan operator that reads files, lists or ends
transactions, or calls a procedure outside `READ_PROCEDURES` (Neo4j 5.26 types `LOAD CSV`, `SHOW …` and
`TERMINATE TRANSACTIONS` as reads). `--write` runs the query as an auto-commit write instead.

Whole nodes, relationships and paths come back as the engine-neutral `base.Node`, `base.Relationship` and
`base.Path` (ids are the actorgraph `id` property; the element id only when a node has none); Neo4j's temporal
values as `datetime.date`, `datetime.datetime`, `datetime.time` and `base.Duration` (a time or datetime with
nanoseconds stays a `neo4j.time` value, so nothing is rounded). Neo4j's warnings (an unknown
label, relationship type or property) go to `warn`, one line each (stderr by default).

A database holds one dataset, stored as the build holds it (sync keeps its bookkeeping in schema-object names, see
`graph.neo4j.layout`), so a query sees exactly the graph. It is refused while the dataset is incomplete (a sync is
writing it, or stopped part-way), and on a database in actorgraph's previous layout (whose bookkeeping queries
would see), naming the sync that migrates it.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

import neo4j
import neo4j.time
from neo4j.exceptions import CypherSyntaxError, DriverError, Neo4jError
from neo4j.graph import Node as DriverNode
from neo4j.graph import Path as DriverPath
from neo4j.graph import Relationship as DriverRelationship

from graph._terminal import inert
from graph.cypher.engines.base import Duration, Node, Path, Relationship, Result
from graph.errors import ConnectionProblem, QueryError, SyncError
from graph.neo4j import layout
from graph.neo4j.connect import Settings, as_problem, bounded, connect
from graph.neo4j.settings import TX_GRACE_S

ACCESS_MODE_ERROR = "Neo.ClientError.Statement.AccessMode"
WRITE_REFUSED = "the query writes, but the neo4j engine only reads: add --write to allow it"
# Procedures a read-mode query may call: they only describe the graph's own labels, types and keys.
READ_PROCEDURES = frozenset(
    (
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
    )
)
# Plan operators that Neo4j types as reads but that reach outside the graph or into the server.
OUTSIDE_OPERATORS = ("LoadCSV", "Show", "Terminate", "ProcedureCall", "Create", "Drop", "Alter", "Grant", "Deny")


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


class Neo4jEngine:
    """Cypher over a Neo4j database, read-only by default."""

    name = "neo4j"

    def __init__(
        self, driver: neo4j.Driver, settings: Settings, write: bool = False, warn: Callable[[str], None] = _stderr
    ) -> None:
        self._driver = driver
        self.settings = settings
        self.write = write
        self.warn = warn
        self.warnings: list[str] = []  # the last query's warnings

    @classmethod
    def connect(cls, settings: Settings, write: bool = False) -> Neo4jEngine:
        """Connect (raises `ConnectionProblem` with one line if the server is down or refuses us)."""
        return cls(connect(settings), settings, write)

    def run(self, query: str, params: dict[str, Any] | None = None) -> Result:
        params = params or {}
        try:
            columns, rows, summary = bounded(self.settings, lambda: self._run(query, params))
        except QueryError:
            raise
        except CypherSyntaxError as error:
            raise QueryError(f"syntax error: {_message(error)}") from None
        except Neo4jError as error:
            if error.code == ACCESS_MODE_ERROR:
                raise QueryError(WRITE_REFUSED) from None
            problem = as_problem(error, self.settings)
            if isinstance(problem, ConnectionProblem):
                raise problem from None
            raise QueryError(_message(error)) from None
        except (DriverError, OSError) as error:
            raise as_problem(error, self.settings) from None
        self.warnings = warnings_of(summary)
        for line in self.warnings:
            self.warn(line)
        return Result(columns, [tuple(value(v) for v in row) for row in rows])

    def _run(self, query: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]], neo4j.ResultSummary]:
        def work(tx: neo4j.ManagedTransaction | neo4j.Session) -> tuple[list[str], list[list[Any]], Any]:
            if not self.write:
                check_plain_read(tx.run(f"EXPLAIN {query}", params).consume())
            result = tx.run(query, params)
            columns = list(result.keys())
            rows = [list(record.values()) for record in result]
            return columns, rows, result.consume()

        config = {"database": self.settings.database, "notifications_min_severity": "WARNING"}
        state = layout.state_of(self._driver, self.settings.database)  # a transaction of its own, before the query
        try:
            layout.check_readable(state, self.settings.database)
        except SyncError as problem:
            raise QueryError(str(problem)) from None
        if self.write:  # auto-commit, so CALL { … } IN TRANSACTIONS works
            with self._driver.session(default_access_mode=neo4j.WRITE_ACCESS, **config) as session:
                return work(session)
        with self._driver.session(default_access_mode=neo4j.READ_ACCESS, **config) as session:
            return session.execute_read(neo4j.unit_of_work(timeout=self.settings.timeout + TX_GRACE_S)(work))

    def close(self) -> None:
        self._driver.close()


def check_plain_read(summary: neo4j.ResultSummary) -> None:
    """Refuse a query whose EXPLAIN is not a plain read of the graph (see the module docstring)."""
    if summary.query_type in ("w", "rw"):
        raise QueryError(WRITE_REFUSED)
    if summary.query_type != "r":  # "s": users, settings, connections, other transactions, the server itself
        raise QueryError(
            f"the query reads or changes the server's own state (query type {summary.query_type!r}), "
            "not the graph: the neo4j engine only reads the graph"
        )
    for operator, details in _operators(summary.plan or {}):
        if operator == "ProcedureCall" and details.split("(")[0].strip() in READ_PROCEDURES:
            continue
        if operator.startswith(OUTSIDE_OPERATORS):
            shown = f"{operator} ({details.split('(')[0].strip()})" if operator == "ProcedureCall" else operator
            raise QueryError(
                f"the query reaches outside the graph ({shown}): the neo4j engine only reads the graph; "
                f"procedures allowed: {', '.join(sorted(READ_PROCEDURES))}"
            )


def _operators(plan: dict[str, Any]) -> list[tuple[str, str]]:
    """Every (operator type without its '@database' suffix, details) in an EXPLAIN plan."""
    found = [(plan.get("operatorType", "").split("@")[0], str(plan.get("args", {}).get("Details", "")))]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


def warnings_of(summary: neo4j.ResultSummary) -> list[str]:
    """Neo4j's warnings about the query, one line each, with their position."""
    lines = []
    for status in summary.gql_status_objects:
        if not status.is_notification or status.severity != neo4j.NotificationSeverity.WARNING:
            continue
        text = " ".join(status.status_description.removeprefix("warn: ").split())
        where = status.position
        at = f" (line {where.line}, column {where.column})" if where else ""
        lines.append(f"warning: {inert(text)}{at}")
    return lines


def value(item: Any) -> Any:
    """A driver value as an engine-neutral one (see the module docstring); lists and maps converted inside."""
    if item is None or isinstance(item, str | bool | int | float):
        return item
    if isinstance(item, neo4j.time.Duration):  # a tuple: before lists
        return Duration(item.months, item.days, item.seconds, item.nanoseconds)
    if isinstance(item, list | tuple):
        return [value(v) for v in item]
    if isinstance(item, dict):
        return {k: value(v) for k, v in item.items()}
    if isinstance(item, DriverNode):
        return node(item)
    if isinstance(item, DriverRelationship):
        return relationship(item)
    if isinstance(item, DriverPath):
        return Path(tuple(node(n) for n in item.nodes), tuple(relationship(r) for r in item.relationships))
    return temporal(item)


def node(item: DriverNode) -> Node:
    props = {k: value(v) for k, v in item.items()}
    return Node(_id(item), tuple(sorted(item.labels)), props)


def relationship(item: DriverRelationship) -> Relationship:
    props = {k: value(v) for k, v in item.items()}
    start, end = item.start_node, item.end_node
    return Relationship(_id(item), item.type, _id(start) if start else "", _id(end) if end else "", props)


def _id(entity: DriverNode | DriverRelationship) -> str:
    """The actorgraph id of a node or relationship; its element id if it has none (not written by sync)."""
    own = entity.get("id")
    return own if isinstance(own, str) else entity.element_id


def temporal(item: Any) -> Any:
    """neo4j.time values as Python's; one with nanoseconds Python cannot hold stays a neo4j.time value (never
    rounded: the output formats print it exactly, as Neo4j's `toString()` does)."""
    if isinstance(item, neo4j.time.Date):
        return item.to_native()
    if isinstance(item, neo4j.time.DateTime | neo4j.time.Time):
        return item if item.nanosecond % 1000 else item.to_native()
    if isinstance(item, dt.date | dt.time | dt.timedelta):
        return item
    raise QueryError(f"a value of type {type(item).__name__} cannot be shown; return it as text instead (toString(…))")


def _message(error: Neo4jError) -> str:
    return (error.message or str(error)).strip()
