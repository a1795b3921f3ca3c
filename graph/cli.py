"""The `actorgraph` command line: a thin layer over the library."""

from __future__ import annotations

import webbrowser
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from . import _report
from ._atomic import write_all
from ._problems import ValidationFailed
from .build import build_graph
from .corpus import Corpus, load_corpus
from .page import render_page, write_page
from .readwrite import graphml, node_link
from .readwrite._fields import ExportError
from .readwrite.formats import FORMATS
from .readwrite.formats import export as export_graph
from .synth import SynthSpec, synthesize

app = typer.Typer(
    name="actorgraph",
    help="News reporting as a provenance-backed graph of political actors and their stances.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
out = Console(emoji=False, highlight=False)
err = Console(stderr=True, emoji=False, highlight=False)

Seeds = Annotated[Path, typer.Option("--seeds", envvar="ACTORGRAPH_SEEDS", help="Seeds folder.", show_default=True)]
SchemaOpt = Annotated[Path | None, typer.Option("--schema", help="Schema file \\[default: SEEDS/schema.yaml].")]
OutDir = Annotated[Path, typer.Option("--out", envvar="ACTORGRAPH_OUT", help="Output folder.", show_default=True)]


def _corpus(seeds: Path, schema: Path | None) -> Corpus:
    """Load the corpus, or print every problem and exit 1."""
    try:
        return load_corpus(seeds, schema)
    except ValidationFailed as failed:
        _fail(failed)


def _fail(failed: ValidationFailed) -> NoReturn:
    """Print every problem, then exit 1."""
    for problem in failed.problems:
        typer.echo(str(problem), err=True)
    err.print(f"[bold red]{failed}[/]: nothing was written.")
    raise typer.Exit(1)


@app.command(epilog="Example: actorgraph validate --seeds seeds")
def validate(seeds: Seeds = Path("seeds"), schema: SchemaOpt = None) -> None:
    """Check the seeds folder: every problem, with file, line and a hint. Exit 1 if any."""
    corpus = _corpus(seeds, schema)
    out.print(f"[green]ok[/]: {_report.counts_line(corpus)}")


@app.command(epilog="Example: actorgraph build --seeds seeds --out build")
def build(seeds: Seeds = Path("seeds"), schema: SchemaOpt = None, out_dir: OutDir = Path("build")) -> None:
    """Validate the seeds; write OUT/graph.json (node-link), OUT/graph.graphml and OUT/graph.html (the page)."""
    corpus = _corpus(seeds, schema)
    graph = build_graph(corpus)
    target, graphml_path, page = out_dir / "graph.json", out_dir / "graph.graphml", out_dir / "graph.html"
    # Every output is written to a temporary file before any is renamed: a failure leaves the previous build whole.
    outputs = {
        target: node_link.dumps(graph),
        graphml_path: graphml.stream(graph, corpus.schema),
        page: render_page(graph, corpus.schema),
    }
    write_all(outputs)
    out.print(f"Built {_report.counts_line(corpus)} → {target}, {graphml_path}, {page}")
    out.print(_report.stats_tables(graph))


@app.command(epilog="Example: actorgraph viz --seeds seeds --out build/graph.html --open")
def viz(
    seeds: Seeds = Path("seeds"),
    schema: SchemaOpt = None,
    out_path: Annotated[Path, typer.Option("--out", help="Page to write.", show_default=True)] = Path(
        "build/graph.html"
    ),
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in the web browser.")] = False,
) -> None:
    """Write the interactive network page: one offline HTML file with legend, filters and evidence."""
    corpus = _corpus(seeds, schema)
    page = write_page(build_graph(corpus), corpus.schema, out_path)
    out.print(f"Wrote {page} ({_report.counts_line(corpus)})")
    if open_page:
        webbrowser.open(page.resolve().as_uri())


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


@app.command(epilog="Example: actorgraph synth build/synth-10k --relations 10000 --seed 1")
def synth(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the seeds tree to (replaced).")],
    relations: Annotated[int, typer.Option(min=1, help="How many relations.")] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same files.")] = 0,
    per_document: Annotated[int, typer.Option(min=1, help="Relations per document.")] = 100,
    fmt: Annotated[str, typer.Option("--format", help="jsonl (bulk) or yaml (one file per document).")] = "jsonl",
    schema: Annotated[Path, typer.Option("--schema", help="Schema to generate for.")] = Path("seeds/schema.yaml"),
) -> None:
    """Generate a valid seeds tree of any size, deterministically, for benchmarks and tests."""
    if fmt not in ("jsonl", "yaml"):
        err.print(f"--format must be jsonl or yaml, not {fmt!r}", markup=False)
        raise typer.Exit(2)
    try:
        synthesize(out_dir, SynthSpec(relations, seed, per_document, fmt), schema)
    except ValidationFailed as failed:
        _fail(failed)
    out.print(f"Wrote {relations} relations in {fmt} to {out_dir}")


QueriesDir = Annotated[
    Path, typer.Option("--queries", envvar="ACTORGRAPH_QUERIES", help="Folder of shipped .cypher queries.")
]


Uri = Annotated[
    str | None,
    typer.Option(
        "--uri", help="Neo4j URI: bolt://, neo4j:// or neo4j+s:// (env NEO4J_URI; default bolt://localhost:7687)."
    ),
]
Username = Annotated[str | None, typer.Option("--username", help="Neo4j user (env NEO4J_USERNAME; default neo4j).")]
Password = Annotated[str | None, typer.Option("--password", help="Neo4j password (env NEO4J_PASSWORD).")]
Database = Annotated[str | None, typer.Option("--database", help="Neo4j database (env NEO4J_DATABASE; default neo4j).")]
Timeout = Annotated[
    float | None,
    typer.Option("--timeout", help="Seconds one Neo4j call may take before giving up (env NEO4J_TIMEOUT; default 30)."),
]
Dataset = Annotated[
    str, typer.Option("--dataset", envvar="ACTORGRAPH_DATASET", help="Name of the dataset in Neo4j.", show_default=True)
]


def _neo4j(
    uri: str | None, username: str | None, password: str | None, database: str | None, timeout: float | None = None
):
    from .neo4jdb.settings import Settings

    return Settings.from_env(uri=uri, username=username, password=password, database=database, timeout=timeout)


@app.command(
    epilog="Example: actorgraph sync --dataset default --prune · exit 3: Neo4j unreachable or refused the login"
)
def sync(
    seeds: Seeds = Path("seeds"),
    schema: SchemaOpt = None,
    dataset: Dataset = "default",
    prune: Annotated[
        bool, typer.Option("--prune", help="Delete the dataset's nodes and relations not in the seeds.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would change; write nothing.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per write transaction.")] = 2000,
    uri: Uri = None,
    username: Username = None,
    password: Password = None,
    database: Database = None,
    timeout: Timeout = None,
) -> None:
    """Write the graph into Neo4j as one dataset; only what changed is written (a re-sync writes nothing)."""
    from .neo4jdb import command

    settings = _neo4j(uri, username, password, database, timeout)
    command.sync(lambda: _corpus(seeds, schema), settings, dataset, prune, dry_run, batch_size)


@app.command(epilog="Example: actorgraph pull --dataset default --out build/neo4j-graph.json")
def pull(
    dataset: Dataset = "default",
    target: Annotated[Path, typer.Option("--out", help="Node-link JSON file to write.")] = Path(
        "build/neo4j-graph.json"
    ),
    uri: Uri = None,
    username: Username = None,
    password: Password = None,
    database: Database = None,
    timeout: Timeout = None,
) -> None:
    """Read a dataset back from Neo4j and write it as node-link JSON (equal to the built graph.json)."""
    from .neo4jdb import command

    command.pull(_neo4j(uri, username, password, database, timeout), dataset, target)


@app.command(
    epilog="Examples: actorgraph query who-opposes-the-ordinance · "
    "actorgraph query neighbourhood --param name=LAPD --format json · "
    'actorgraph query "MATCH (a:Agency) RETURN a.name ORDER BY a.name"'
)
def query(
    query: Annotated[str, typer.Argument(help="A shipped query's name, a .cypher file, or Cypher text.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="name=value (ints, floats, true/false, else text).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    engine: Annotated[
        str, typer.Option("--engine", help="embedded (no server) or neo4j (what `actorgraph sync` wrote).")
    ] = "embedded",
    write: Annotated[bool, typer.Option("--write", help="Allow a query that writes (neo4j engine).")] = False,
    store: Annotated[
        Path | None,
        typer.Option("--store", envvar="ACTORGRAPH_STORE", help="Keep the embedded database here (e.g. build)."),
    ] = None,
    seeds: Seeds = Path("seeds"),
    schema: SchemaOpt = None,
    queries_dir: QueriesDir = Path("queries"),
    uri: Uri = None,
    username: Username = None,
    password: Password = None,
    database: Database = None,
    timeout: Timeout = None,
) -> None:
    """Answer a Cypher query from the graph; embedded engine by default, no server needed."""
    from .cypher import command

    command.query(
        query,
        param or [],
        fmt,
        engine,
        store,
        queries_dir,
        lambda: _corpus(seeds, schema),
        neo4j=_neo4j(uri, username, password, database, timeout),
        write=write,
    )


@app.command(epilog="Example: actorgraph queries")
def queries(queries_dir: QueriesDir = Path("queries")) -> None:
    """List the shipped queries with their description and parameters."""
    from .cypher import command

    command.list_shipped(queries_dir)


def main() -> None:
    app()
