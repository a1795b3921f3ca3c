"""The one interface graph code uses to run Cypher, whatever the engine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Result:
    """Rows of scalar values under named columns, in the order the engine returned them."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


class QueryError(Exception):
    """A query the engine could not run; `str()` is the message to show the user."""


class EngineUnavailable(Exception):
    """The requested engine cannot be used here."""


class Engine(Protocol):
    """Runs a Cypher query with parameters and returns its result."""

    name: str

    def run(self, query: str, params: dict[str, Any] | None = None) -> Result: ...

    def close(self) -> None: ...
