"""Running a query on an engine: parameters checked first, engine errors explained."""

from __future__ import annotations

from typing import Any

from ..engines import Engine, QueryError, Result
from . import dialect, params


def run_query(engine: Engine, query: str, given: dict[str, Any]) -> Result:
    """Run `query` with `given` parameters; raise `QueryError` or `params.ParamError` with one message."""
    if not dialect.tokens(query):
        raise QueryError("the query is empty")
    params.check(dialect.parameters(query), given)
    try:
        return engine.run(query, given)
    except QueryError as err:
        raise QueryError(_with_dialect_hint(str(err), query, engine.name)) from None


def _with_dialect_hint(message: str, query: str, engine: str) -> str:
    """Name the first construct outside the portable dialect, which is the likely cause."""
    violations = dialect.check(query)
    if not violations or engine == "neo4j":  # Neo4j runs all of Cypher: the dialect is not the cause
        return message
    return f"{message}\n{violations[0].describe(query)}; or run it with --engine neo4j."
