"""The Neo4j engine: queries run as they are on what `actorgraph sync` put in the database.

Sessions read only unless the engine was opened for writing; a write in read mode is a `QueryError`.
The engine does not filter by dataset: a query sees every dataset synced into the database.
"""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j.exceptions import CypherSyntaxError, DriverError, Neo4jError
from neo4j.graph import Node, Path, Relationship

from ..neo4jdb.connect import ConnectionProblem, Settings, connect, explain
from .base import QueryError, Result

ACCESS_MODE_ERROR = "Neo.ClientError.Statement.AccessMode"


class Neo4jEngine:
    """Cypher over a Neo4j database, read-only by default."""

    name = "neo4j"

    def __init__(self, driver: neo4j.Driver, settings: Settings, write: bool = False) -> None:
        self._driver = driver
        self.settings = settings
        self.write = write

    @classmethod
    def connect(cls, settings: Settings, write: bool = False) -> Neo4jEngine:
        """Connect (raises `ConnectionProblem` with one line if the server is down or refuses us)."""
        return cls(connect(settings), settings, write)

    def run(self, query: str, params: dict[str, Any] | None = None) -> Result:
        mode = neo4j.WRITE_ACCESS if self.write else neo4j.READ_ACCESS
        try:
            with self._driver.session(database=self.settings.database, default_access_mode=mode) as session:
                result = session.run(query, params or {})
                columns = list(result.keys())
                rows = [tuple(record.values()) for record in result]
        except CypherSyntaxError as error:
            raise QueryError(f"syntax error: {_message(error)}") from None
        except Neo4jError as error:
            if error.code == ACCESS_MODE_ERROR:
                raise QueryError("the query writes, but the neo4j engine only reads: add --write to allow it") from None
            problem = explain(error, self.settings)
            if isinstance(problem, ConnectionProblem):
                raise problem from None
            raise QueryError(_message(error)) from None
        except DriverError as error:
            raise explain(error, self.settings) from None
        _check_scalars(columns, rows)
        return Result(columns, rows)

    def close(self) -> None:
        self._driver.close()


def _check_scalars(columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Refuse whole nodes, relationships and paths, as the embedded engine does."""
    for row in rows:
        for name, value in zip(columns, row, strict=True):
            if isinstance(value, Node | Relationship | Path):
                raise QueryError(
                    f"column {name!r} is a whole node, relationship or path; "
                    f"return its properties instead (e.g. n.name, r.quote)"
                )


def _message(error: Neo4jError) -> str:
    return (error.message or str(error)).strip()
