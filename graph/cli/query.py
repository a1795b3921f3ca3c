"""What `actorgraph query` and `actorgraph queries` do; every failure is one message and exit 2 (3: no Neo4j)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console

from graph._spreadsheet import Guard
from graph._terminal import is_terminal, markup
from graph.cli.common import err, fail, out
from graph.cypher import output
from graph.cypher.engines import Result
from graph.cypher.library import list_queries
from graph.errors import LibraryError, QueryError


def query(text: str, pairs: list[str], fmt: str, csv_raw: bool = False, **where: Any) -> None:
    """Answer `text` with `graph.query` (`where`: its engine, seeds, schema, project, queries, store, neo4j,
    write) and print the result in `fmt`; CSV cells a spreadsheet would run get a `'` unless `csv_raw`."""
    from graph.cypher.api import query as answer

    if fmt not in output.FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of: {', '.join(output.FORMATS)}")
    print_result(answer(text, pairs, **where), fmt, csv_raw)


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
