"""The `actorgraph` command line: a thin layer over the library."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import _report
from ._problems import ValidationFailed
from .build import build_graph
from .corpus import Corpus, load_corpus
from .readwrite import graphml, node_link
from .readwrite._fields import ExportError
from .readwrite.formats import FORMATS
from .readwrite.formats import export as export_graph

app = typer.Typer(
    name="actorgraph",
    help="News reporting as a provenance-backed graph of political actors and their stances.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
out = Console()
err = Console(stderr=True)

Seeds = Annotated[Path, typer.Option("--seeds", envvar="ACTORGRAPH_SEEDS", help="Seeds folder.", show_default=True)]
SchemaOpt = Annotated[Path | None, typer.Option("--schema", help="Schema file [default: SEEDS/schema.yaml].")]
OutDir = Annotated[Path, typer.Option("--out", envvar="ACTORGRAPH_OUT", help="Output folder.", show_default=True)]


def _corpus(seeds: Path, schema: Path | None) -> Corpus:
    """Load the corpus, or print every problem and exit 1."""
    try:
        return load_corpus(seeds, schema)
    except ValidationFailed as failed:
        for problem in failed.problems:
            err.print(str(problem), markup=False, highlight=False, soft_wrap=True)
        err.print(f"[bold red]{failed}[/]: nothing was written.")
        raise typer.Exit(1) from None


@app.command(epilog="Example: actorgraph validate --seeds seeds")
def validate(seeds: Seeds = Path("seeds"), schema: SchemaOpt = None) -> None:
    """Check the seeds folder: every problem, with file, line and a hint. Exit 1 if any."""
    corpus = _corpus(seeds, schema)
    out.print(f"[green]ok[/]: {_report.counts_line(corpus)}")


@app.command(epilog="Example: actorgraph build --seeds seeds --out build")
def build(seeds: Seeds = Path("seeds"), schema: SchemaOpt = None, out_dir: OutDir = Path("build")) -> None:
    """Validate the seeds and write the graph to OUT/graph.json (node-link JSON) and OUT/graph.graphml."""
    corpus = _corpus(seeds, schema)
    graph = build_graph(corpus)
    target = out_dir / "graph.json"
    node_link.write(graph, target)
    graphml.write(graph, out_dir / "graph.graphml", corpus.schema)
    out.print(f"Built {_report.counts_line(corpus)} → {target}, {out_dir / 'graph.graphml'}")
    out.print(_report.stats_tables(graph))


ExportFormat = Enum("ExportFormat", {name: name for name in FORMATS}, type=str)
DEFAULT_FORMAT = ExportFormat("graphml")


@app.command(epilog="Examples: actorgraph export --format graphml  ·  actorgraph export --format csv --out build/neo4j")
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="; ".join(f"{n}: {f.opens_in}" for n, f in FORMATS.items())),
    ] = DEFAULT_FORMAT,
    out_path: Annotated[
        Path | None,
        typer.Option(
            "--out", help="File to write \\[default: build/graph.EXT]; for csv a folder \\[default: build/csv]."
        ),
    ] = None,
    seeds: Seeds = Path("seeds"),
    schema: SchemaOpt = None,
) -> None:
    """Validate the seeds and export the graph for Gephi, Cytoscape, yEd, igraph or neo4j-admin."""
    corpus = _corpus(seeds, schema)
    target = out_path or Path("build") / FORMATS[fmt.value].default
    try:
        written = export_graph(build_graph(corpus), fmt.value, target, corpus.schema)
    except (ExportError, OSError) as failed:
        err.print(f"[bold red]cannot export {fmt.value}[/]: {failed}; nothing was written.", highlight=False)
        raise typer.Exit(1) from None
    out.print(f"Exported {_report.counts_line(corpus)} → {', '.join(map(str, written))}")


@app.command(epilog="Example: actorgraph show LAPD")
def show(
    name: Annotated[str, typer.Argument(help="An entity id, name or alias (any case).")],
    seeds: Seeds = Path("seeds"),
    schema: SchemaOpt = None,
) -> None:
    """Show one actor, its relations and their evidence."""
    corpus = _corpus(seeds, schema)
    entity = _report.find_entity(corpus, name)
    if entity is None:
        err.print(f"no actor named {name!r}; {_report.suggest(corpus, name)}", markup=False)
        raise typer.Exit(1)
    out.print(_report.entity_panel(corpus, entity))
    out.print(_report.relations_table(corpus, entity))


@app.command(epilog="Example: actorgraph stats --seeds seeds")
def stats(seeds: Seeds = Path("seeds"), schema: SchemaOpt = None) -> None:
    """Count documents, actors and relations, by type."""
    corpus = _corpus(seeds, schema)
    out.print(_report.counts_line(corpus))
    out.print(_report.stats_tables(build_graph(corpus)))


def main() -> None:
    app()
