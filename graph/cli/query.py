"""What `actorgraph query` and `actorgraph queries` do; every failure is one message and exit 2 (3: no Neo4j)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from graph._spreadsheet import Guard
from graph._terminal import is_terminal, markup
from graph.cli.common import err, fail, out
from graph.cypher import output, params
from graph.cypher.engines import Result, open_engine
from graph.cypher.library import list_queries, resolve
from graph.cypher.run import run_query
from graph.errors import ConnectionProblem, EngineUnavailable, LibraryError, QueryError
from graph.neo4j.settings import EXIT_CONNECTION, Settings

if TYPE_CHECKING:
    import networkx as nx

    from graph.corpus import Corpus
    from graph.schema import Schema


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
    csv_raw: bool = False,
    inputs: tuple[Path, Path] | None = None,
) -> None:
    """Resolve the query, check its parameters, run it and print the result in `fmt`.

    The neo4j engine answers from what `actorgraph sync` wrote, so it does not read the seeds. With a `store`,
    `inputs` (the seeds folder and schema file) let a store made from the same inputs open without a rebuild.
    CSV cells a spreadsheet would run are prefixed with `'` unless `csv_raw`.
    """
    try:
        if fmt not in output.FORMATS:
            raise QueryError(f"unknown format {fmt!r}; choose one of: {', '.join(output.FORMATS)}")
        shipped = resolve(text, queries_dir)
        declared = {p.name: p.type for p in shipped.params} if shipped else {}
        given = params.parse(pairs, declared)
        if engine_name == "neo4j":
            engine = open_engine(engine_name, None, None, neo4j=neo4j, write=write)
        elif engine_name == "embedded" and store is not None and inputs is not None:
            from graph.cypher.engines.embedded import EmbeddedEngine

            engine = EmbeddedEngine.stored(store, *inputs, lambda: built(corpus()))
        else:
            engine = open_engine(engine_name, *built(corpus()), store)
        try:
            result = run_query(engine, shipped.text if shipped else text, given)
        finally:
            engine.close()
    except ConnectionProblem as problem:
        fail(str(problem), EXIT_CONNECTION)
    except (QueryError, params.ParamError, LibraryError, EngineUnavailable) as problem:
        fail(str(problem))
    print_result(result, fmt, csv_raw)


def built(corpus: Corpus) -> tuple[nx.MultiDiGraph, Schema]:
    from graph.build import build_graph

    return build_graph(corpus), corpus.schema


def print_result(result: Result, fmt: str, csv_raw: bool = False) -> None:
    """Write `result` to stdout in `fmt`; CSV is made inert only when stdout is a terminal."""
    if fmt == "json":
        out.file.write(output.to_json(result))
    elif fmt == "jsonl":
        out.file.write(output.to_jsonl(result))
    elif fmt == "csv":
        guard = Guard(raw=csv_raw)
        out.file.write(output.to_csv(result, guard, terminal=is_terminal(out.file)))
        if note := guard.note():
            err.print(f"note: {markup(note)}")
    else:
        # In a terminal the table wraps to fit; piped, it keeps each row on one line.
        width = None if out.is_terminal else 100_000
        Console(width=width, soft_wrap=False, emoji=False, highlight=False).print(output.to_table(result))
        out.print(output.count_line(result))


def list_shipped(queries_dir: Path) -> None:
    """Print each shipped query's name, description and parameters."""
    try:
        found = list_queries(queries_dir)
    except (LibraryError, OSError) as problem:
        fail(str(problem))
    if not found:
        fail(f"no .cypher queries in {queries_dir}")
    for q in found:
        out.print(f"[bold]{markup(q.name, lines=False)}[/]")
        out.print(f"    {markup(q.description)}")
        for p in q.params:
            out.print(f"    --param {markup(p.name, lines=False)}=… ({p.type}) {markup(p.meaning)}")
    out.print(f"Run one: actorgraph query NAME [--param name=value] [--format {'|'.join(output.FORMATS)}]")
