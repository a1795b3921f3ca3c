"""What `actorgraph query` and `actorgraph queries` do; every failure is one message and exit 2 (3: no Neo4j)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from ..build import build_graph
from ..corpus import Corpus
from ..engines import EngineUnavailable, QueryError, open_engine
from ..exitcodes import ExitCode
from ..neo4jdb.settings import EXIT_CONNECTION, ConnectionProblem, Settings
from . import output, params
from .library import LibraryError, list_queries, resolve
from .run import run_query

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def query(
    text: str,
    pairs: list[str],
    fmt: str,
    engine_name: str,
    store: Path | None,
    queries_dir: Path,
    corpus: Callable[[], Corpus],
    *,
    neo4j: Settings | None = None,
    write: bool = False,
) -> None:
    """Resolve the query, check its parameters, run it and print the result in `fmt`.

    The neo4j engine answers from what `actorgraph sync` wrote, so it does not read the seeds.
    """
    try:
        if fmt not in output.FORMATS:
            raise QueryError(f"unknown format {fmt!r}; choose one of: {', '.join(output.FORMATS)}")
        shipped = resolve(text, queries_dir)
        declared = {p.name: p.type for p in shipped.params} if shipped else {}
        given = params.parse(pairs, declared)
        if engine_name == "neo4j":
            engine = open_engine(engine_name, None, None, neo4j=neo4j, write=write)
        else:
            loaded = corpus()
            engine = open_engine(engine_name, build_graph(loaded), loaded.schema, store)
        try:
            result = run_query(engine, shipped.text if shipped else text, given)
        finally:
            engine.close()
    except ConnectionProblem as problem:
        fail(str(problem), EXIT_CONNECTION)
    except (QueryError, params.ParamError, LibraryError, EngineUnavailable) as problem:
        fail(str(problem))
    if fmt == "json":
        out.file.write(output.to_json(result))
    elif fmt == "csv":
        out.file.write(output.to_csv(result))
    else:
        # In a terminal the table wraps to fit; piped, it keeps each row on one line.
        width = None if out.is_terminal else 100_000
        Console(width=width, soft_wrap=False).print(output.to_table(result))
        out.print(output.count_line(result), highlight=False)


def list_shipped(queries_dir: Path) -> None:
    """Print each shipped query's name, description and parameters."""
    try:
        found = list_queries(queries_dir)
    except (LibraryError, OSError) as problem:
        fail(str(problem))
    if not found:
        fail(f"no .cypher queries in {queries_dir}")
    for q in found:
        out.print(f"[bold]{q.name}[/]", highlight=False)
        out.print(f"    {_escape(q.description)}", highlight=False)
        for p in q.params:
            out.print(f"    --param {p.name}=… ({p.type}) {_escape(p.meaning)}", highlight=False)
    out.print("Run one: actorgraph query NAME [--param name=value] [--format table|json|csv]", highlight=False)


def fail(message: str, code: int = ExitCode.USAGE) -> NoReturn:
    err.print(f"[bold red]error[/]: {_escape(message)}", highlight=False)
    raise typer.Exit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
