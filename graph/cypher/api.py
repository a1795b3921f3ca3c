"""Cypher from Python: `query()` answers a shipped query's name, a `.cypher` file or Cypher text with a `QueryResult`.

>>> from graph import query
>>> result = query("stance-matrix")
>>> result.columns
['source', 'stance', 'target', 'evidence']
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.cypher.engines.base import Node, Relationship, Result
from graph.cypher.engines.base import Path as ResultPath
from graph.errors import ProjectError, QueryError
from graph.project import SHIPPED_QUERIES, open_project

if TYPE_CHECKING:
    from collections.abc import Sequence

    import networkx as nx
    import pandas

    from graph.cypher.engines.base import Engine
    from graph.neo4j.settings import Settings
    from graph.project import Project
    from graph.schema import Schema

__all__ = ["QueryResult", "query"]

HTML_ROWS = 200  # a notebook shows this many rows; the result holds them all


@dataclass(frozen=True)
class QueryResult(Result):
    """The rows a query returned under its columns; shown as a table in Jupyter."""

    def records(self) -> list[dict[str, Any]]:
        """One dict per row, column name to value."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame (needs the `pandas` extra: pip install 'actorgraph[pandas]')."""
        try:
            import pandas as pd
        except ModuleNotFoundError:
            raise ModuleNotFoundError("to_pandas() needs pandas: pip install 'actorgraph[pandas]'") from None
        return pd.DataFrame([list(row) for row in self.rows], columns=list(self.columns))

    def __len__(self) -> int:
        return len(self.rows)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell_text(v))}</td>" for v in row) + "</tr>"
            for row in self.rows[:HTML_ROWS]
        )
        n = len(self.rows)
        shown = f"{n} row{'s' * (n != 1)}" + (f", first {HTML_ROWS} shown" if n > HTML_ROWS else "")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table><p>{shown}</p>"


def cell_text(value: Any) -> str:
    """A result value as plain text for a table cell (the caller escapes it)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Node):
        return f"({':'.join(('', *value.labels))} {value.properties.get('name', value.id)})"
    if isinstance(value, Relationship):
        return f"[:{value.type} {value.id}]"
    if isinstance(value, ResultPath):
        return " ".join(cell_text(part) for part in (*value.nodes, *value.relationships))
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=cell_text)
    return str(value)


def query(
    text: str,
    params: dict[str, Any] | Sequence[str] | None = None,
    *,
    engine: str = "embedded",
    seeds: Path | str | None = None,
    schema: Path | str | None = None,
    project: Path | str | None = None,
    queries: Path | str | None = None,
    store: Path | str | None = None,
    neo4j: Settings | None = None,
    write: bool = False,
    as_of: str | None = None,
) -> QueryResult:
    """Answer `text` (a query's name, a `.cypher` file or Cypher text) with `params`, like `actorgraph query`.

    `params` is a dict, or `name=value` strings read as `--param` reads them (`["ids=[\"lapd\"]"]`).
    The project is found as the CLI finds it (from `project` or the working folder; `seeds`/`schema` override);
    names are looked up in `queries` (default: the project's `queries/`), then in the shipped queries. `engine`
    is `embedded` (the graph built from the seeds, in memory or cached in `store`) or `neo4j` (what `actorgraph
    sync` wrote; `neo4j` settings default to NEO4J_URI etc.). `as_of` (YYYY[-MM[-DD]]) answers from the graph as
    reported by then (embedded engine only: Neo4j holds what was synced). Raises `QueryError`, `ParamError`,
    `LibraryError`, `EngineUnavailable` (a `ConnectionProblem` for Neo4j) or `ValidationFailed`, one message each.
    """
    from graph.cypher.library import resolve
    from graph.cypher.run import run_query

    if as_of is not None and engine == "neo4j":
        raise QueryError("--as-of filters the seeds, which the neo4j engine does not read: use the embedded one")
    where = _project(seeds, schema, project, needed=engine != "neo4j")
    folders = [Path(queries)] if queries is not None else []
    folders += where.query_folders if where else [SHIPPED_QUERIES]
    named = resolve(text, folders)
    declared = {p.name: p.type for p in named.params} if named else {}
    given = _given(params, declared)
    runner = _engine(engine, where, Path(store) if store is not None else None, neo4j, write, as_of)
    try:
        result = run_query(runner, named.text if named else text, given)
    finally:
        runner.close()
    return QueryResult(result.columns, result.rows)


def _given(params: dict[str, Any] | Sequence[str] | None, declared: dict[str, str]) -> dict[str, Any]:
    """The parameters to pass: `name=value` strings parsed as the CLI does; in a dict, a string for a declared
    integer, number or boolean is read as on the command line, other values pass as given."""
    from graph.cypher import params as checking

    if params is None:
        return {}
    if not isinstance(params, dict):
        return checking.parse(list(params), declared)
    return {
        key: checking.convert(key, value, declared[key]) if isinstance(value, str) and key in declared else value
        for key, value in params.items()
    }


def _engine(
    name: str, where: Project | None, store: Path | None, neo4j: Settings | None, write: bool, as_of: str | None
) -> Engine:
    """The engine to answer on: Neo4j as synced; else the seeds' graph, in memory or in `store` (reopened without
    reading the seeds while its inputs are unchanged)."""
    from graph.cypher.engines import open_engine

    if name == "neo4j":
        return open_engine(name, None, None, neo4j=neo4j, write=write)
    if where is None:
        raise ProjectError("no project found")  # unreachable: _project requires one for the embedded engine

    def built() -> tuple[nx.MultiDiGraph, Schema]:
        from graph.build import build_graph
        from graph.corpus import load_corpus

        corpus = load_corpus(where.seeds, where.schema)
        if as_of is not None:
            corpus = corpus.as_of(as_of)
        return build_graph(corpus), corpus.schema

    if name == "embedded" and store is not None:
        from graph.cypher.engines.embedded import EmbeddedEngine

        schema = where.schema or where.seeds / "schema.yaml"
        return EmbeddedEngine.stored(store, where.seeds, schema, built, as_of=as_of)
    return open_engine(name, *built(), store)


def _project(seeds: Any, schema: Any, start: Any, *, needed: bool):
    """The project to query, or None when none is found and none is needed (the neo4j engine)."""
    try:
        return open_project(_path(seeds), _path(schema), _path(start))
    except ProjectError:
        if needed:
            raise
        return None


def _path(value: Path | str | None) -> Path | None:
    return None if value is None else Path(value)
