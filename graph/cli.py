"""The `actorgraph` command line: a thin layer over the library."""

from __future__ import annotations

import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import _report, _terminal
from ._atomic import write_all
from ._problems import ValidationFailed
from ._spreadsheet import Guard
from ._terminal import markup
from .build import build_graph
from .corpus import Corpus, load_corpus
from .page import document_texts, render_page, write_page
from .readwrite import graphml, node_link
from .readwrite._fields import ExportError
from .readwrite.formats import FORMATS
from .readwrite.formats import export as export_graph
from .synth import SynthRefused, SynthSpec, synthesize

app = typer.Typer(
    name="actorgraph",
    help="News reporting as a provenance-backed graph of political actors and their stances.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
out = _terminal.console()
err = _terminal.console(stderr=True)

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
        err.print(_report.problem_text(problem))
    err.print(f"[bold red]{markup(failed)}[/]: nothing was written.")
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
        page: render_page(graph, corpus.schema, document_texts(corpus)),
    }
    with _writing("build"):
        write_all(outputs)
    out.print(f"Built {_report.counts_line(corpus)} → {_paths(target, graphml_path, page)}")
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
    with _writing("write the page"):
        page = write_page(build_graph(corpus), corpus.schema, out_path, document_texts(corpus))
    out.print(f"Wrote {_paths(page)} ({_report.counts_line(corpus)})")
    if open_page:
        webbrowser.open(page.resolve().as_uri())


CsvRaw = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help="CSV cells exactly as they are, even = + - @ formulas: UNSAFE to open in a spreadsheet.",
    ),
]


@contextmanager
def _writing(what: str) -> Iterator[None]:
    """An output that cannot be written (a file where a folder goes, no permission, disk full): one line, exit 1."""
    try:
        yield
    except OSError as failed:
        err.print(f"[bold red]cannot {what}[/]: {markup(failed)}; nothing was written.")
        raise typer.Exit(1) from None


def _paths(*paths: Path | str) -> str:
    """File names as the user can read them: inert, never markup."""
    return markup(", ".join(map(str, paths)), lines=False)


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
    csv_raw: CsvRaw = False,
) -> None:
    """Validate the seeds and export the graph for Gephi, Cytoscape, yEd, igraph or neo4j-admin.

    CSV text cells starting with = + - @ tab or CR get a leading ' so spreadsheets do not run them;
    for `neo4j-admin database import` pass --csv-raw (exact cells, unsafe to open in a spreadsheet).
    """
    corpus = _corpus(seeds, schema)
    target = out_path or Path("build") / FORMATS[fmt.value].default
    guard = Guard(raw=csv_raw)
    try:
        written = export_graph(build_graph(corpus), fmt.value, target, corpus.schema, guard=guard)
    except (ExportError, OSError) as failed:
        err.print(f"[bold red]cannot export {fmt.value}[/]: {markup(failed)}; nothing was written.")
        raise typer.Exit(1) from None
    out.print(f"Exported {_report.counts_line(corpus)} → {_paths(*written)}")
    if note := guard.note():
        err.print(f"note: {markup(note)}")


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
        err.print(markup(f"no actor named {name!r}; {_report.suggest(corpus, name)}"))
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
    out_dir: Annotated[
        Path, typer.Argument(help="New or empty folder, or one an earlier synth wrote (only its files are replaced).")
    ],
    relations: Annotated[int, typer.Option(min=1, help="How many relations.")] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same files.")] = 0,
    per_document: Annotated[int, typer.Option(min=1, help="Relations per document.")] = 100,
    fmt: Annotated[str, typer.Option("--format", help="jsonl (bulk) or yaml (one file per document).")] = "jsonl",
    schema: Annotated[Path, typer.Option("--schema", help="Schema to generate for.")] = Path("seeds/schema.yaml"),
) -> None:
    """Generate a valid seeds tree of any size, deterministically, for benchmarks and tests."""
    if fmt not in ("jsonl", "yaml"):
        err.print(markup(f"--format must be jsonl or yaml, not {fmt!r}"))
        raise typer.Exit(2)
    try:
        synthesize(out_dir, SynthSpec(relations, seed, per_document, fmt), schema)
    except ValidationFailed as failed:
        _fail(failed)
    except SynthRefused as refused:
        err.print(f"synth: {_terminal.inert(str(refused))}", markup=False)
        raise typer.Exit(2) from None
    out.print(f"Wrote {relations} relations in {fmt} to {_paths(out_dir)}")


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
Dataset = Annotated[
    str, typer.Option("--dataset", envvar="ACTORGRAPH_DATASET", help="Name of the dataset in Neo4j.", show_default=True)
]


def _neo4j(uri: str | None, username: str | None, password: str | None, database: str | None):
    from .neo4jdb.settings import Settings

    return Settings.from_env(uri=uri, username=username, password=password, database=database)


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
) -> None:
    """Write the graph into Neo4j as one dataset; only what changed is written (a re-sync writes nothing)."""
    from .neo4jdb import command

    settings = _neo4j(uri, username, password, database)
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
) -> None:
    """Read a dataset back from Neo4j and write it as node-link JSON (equal to the built graph.json)."""
    from .neo4jdb import command

    command.pull(_neo4j(uri, username, password, database), dataset, target)


@app.command(
    epilog="Examples: actorgraph query who-opposes-the-ordinance · "
    "actorgraph query neighbourhood --param name=LAPD --format json · "
    'actorgraph query "MATCH (a:Agency) RETURN a.name ORDER BY a.name"'
)
def query(
    query: Annotated[str, typer.Argument(help="A shipped query's name, a .cypher file, or Cypher text.")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="name=value: ints, floats, true/false, JSON \\[lists], {maps}, else text."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, jsonl or csv.")] = "table",
    engine: Annotated[
        str, typer.Option("--engine", help="embedded (no server) or neo4j (what `actorgraph sync` wrote).")
    ] = "embedded",
    write: Annotated[bool, typer.Option("--write", help="Allow a query that writes (neo4j engine).")] = False,
    csv_raw: CsvRaw = False,
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
        neo4j=_neo4j(uri, username, password, database),
        write=write,
        csv_raw=csv_raw,
    )


@app.command(epilog="Example: actorgraph queries")
def queries(queries_dir: QueriesDir = Path("queries")) -> None:
    """List the shipped queries with their description and parameters."""
    from .cypher import command

    command.list_shipped(queries_dir)


Names = Annotated[list[str] | None, typer.Option(help="Repeat for several: an id, name or alias.")]
Ids = Annotated[list[str] | None, typer.Option(help="Repeat for several.")]


@app.command(
    epilog="Examples: actorgraph network actors --qualifier congruence --normalization average · "
    "actorgraph network two-mode --qualifier subtract --format csv --out build/two-mode.csv · "
    "actorgraph network actors -q conflict --duplicates document --window-size 6 --window-unit months -f json"
)
def network(
    kind: Annotated[str, typer.Argument(help="actors, targets (one-mode) or two-mode (actor x target).")] = "actors",
    qualifier: Annotated[
        str | None,
        typer.Option(
            "--qualifier",
            "-q",
            help="one-mode: ignore, congruence (default), conflict, subtract; "
            "two-mode: ignore (default), agree, disagree, combine, subtract.",
        ),
    ] = None,
    normalization: Annotated[
        str,
        typer.Option(
            "--normalization",
            "-n",
            help="one-mode: none, average, jaccard, cosine; two-mode: none, activity, prominence.",
        ),
    ] = "none",
    duplicates: Annotated[str, typer.Option(help="all, document, week, month or year.")] = "all",
    start: Annotated[str | None, typer.Option(help="First day counted, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="Last day counted, YYYY-MM-DD.")] = None,
    window_size: Annotated[int | None, typer.Option(help="Moving time windows of this many units.")] = None,
    window_step: Annotated[int, typer.Option(help="Units from one window's start to the next.")] = 1,
    window_unit: Annotated[str, typer.Option(help="days, weeks, months or years.")] = "months",
    actor: Names = None,
    exclude_actor: Names = None,
    target: Names = None,
    exclude_target: Names = None,
    stance_type: Annotated[list[str] | None, typer.Option("--type", help="Only these stance types.")] = None,
    exclude_type: Ids = None,
    document: Ids = None,
    exclude_document: Ids = None,
    actor_type: Annotated[list[str] | None, typer.Option(help="Only actors of these entity types.")] = None,
    target_type: Annotated[list[str] | None, typer.Option(help="Only targets of these entity types.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="graphml, csv, json or html (the page).")] = "graphml",
    out_path: Annotated[Path | None, typer.Option("--out", help="File \\[default: build/network.FORMAT].")] = None,
    seeds: Seeds = Path("seeds"),
    schema: SchemaOpt = None,
) -> None:
    """Discourse networks from the stances, as DNA computes them: two-mode, congruence, conflict and more."""
    from .network import command

    lists = command.Lists(
        *[v or [] for v in (actor, exclude_actor, target, exclude_target, stance_type, exclude_type)],
        *[v or [] for v in (document, exclude_document, actor_type, target_type)],
    )
    window = (window_size, window_step, window_unit)
    corpus = lambda: _corpus(seeds, schema)  # noqa: E731
    command.network(corpus, kind, qualifier, normalization, duplicates, lists, start, end, window, fmt, out_path)


import_app = typer.Typer(help="Bring a coded corpus from another tool in as a seeds folder.", no_args_is_help=True)
app.add_typer(import_app, name="import")


@import_app.command("dna", epilog="Example: actorgraph import dna sample.dna --out dna-seeds")
def import_dna(
    path: Annotated[Path, typer.Argument(help="A DNA 3 database (.dna, SQLite).")],
    out_dir: Annotated[Path, typer.Option("--out", help="New seeds folder to write.")] = Path("dna-seeds"),
    actor: Annotated[str, typer.Option(help="DNA variable of the actor.")] = "organization",
    target: Annotated[str, typer.Option(help="DNA variable of the target.")] = "concept",
    qualifier: Annotated[str, typer.Option(help="DNA variable of the stance (boolean or integer).")] = "agreement",
    speaker: Annotated[str, typer.Option(help="DNA variable of the speaker (member of the actor).")] = "person",
) -> None:
    """Import a DNA 3 database: documents, entities with attributes, each statement a stance with its quote."""
    from .dna import Mapping, command

    command.import_dna(path, out_dir, Mapping(actor, target, qualifier, speaker))


def main() -> None:
    app()
