"""The `actorgraph` command line: a thin layer over the library."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from graph._terminal import markup
from graph.cli.common import Commands, err, fail, out, report_problems
from graph.errors import ExitCode
from graph.readwrite.formats import FORMATS

if TYPE_CHECKING:
    from graph.corpus import Corpus
    from graph.project import Project

app = typer.Typer(
    name="actorgraph",
    cls=Commands,
    pretty_exceptions_enable=False,
    help="News reporting as a provenance-backed graph of political actors and their stances. "
    "Commands find the project (actorgraph.toml or a seeds/ folder) in the working folder or above it. "
    "Exit codes: " + "; ".join(f"{c.value} {c.meaning}" for c in ExitCode) + ".",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

ProjectDir = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-C",
        envvar="ACTORGRAPH_PROJECT",
        help="Find the project from this folder instead of the working folder.",
    ),
]
Seeds = Annotated[
    Path | None,
    typer.Option("--seeds", envvar="ACTORGRAPH_SEEDS", help="Seeds folder \\[default: the project's seeds/]."),
]
SchemaOpt = Annotated[Path | None, typer.Option("--schema", help="Schema file \\[default: SEEDS/schema.yaml].")]
OutDir = Annotated[
    Path | None, typer.Option("--out", envvar="ACTORGRAPH_OUT", help="Output folder \\[default: the project's build/].")
]


def _as_of_day(value: str | None) -> str | None:
    """--as-of: a real date, YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return None
    from graph.files.shapes import real_date

    try:
        return real_date(value) if len(value) <= 10 else real_date("")
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD (or YYYY, YYYY-MM)") from None


AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        callback=_as_of_day,
        help="The graph as reported by then: only documents published on or before DATE (undated ones left out).",
        metavar="DATE",
    ),
]


def _project(project: Path | None, seeds: Path | None, schema: Path | None) -> Project:
    """The project the command works on (found like git finds a repository), or exit 1 saying how to point at one."""
    from graph.project import open_project

    return open_project(seeds, schema, project)


def _load(where: Project, as_of: str | None = None) -> Corpus:
    """Load the project's corpus (as reported by `as_of`, if given), or print every problem and exit 1."""
    from graph.corpus import load_corpus

    corpus = load_corpus(where.seeds, where.schema)
    if as_of is None:
        return corpus
    dated = corpus.as_of(as_of)
    if left := len(corpus.documents) - len(dated.documents):
        undated = sum(1 for d in corpus.documents.values() if d.meta.get("published") is None)
        note = f"; {undated} of them without `published`" if undated else ""
        err.print(f"note: as of {as_of}, {left} of {len(corpus.documents)} documents are left out{note}")
    return dated


def _corpus(seeds: Path | None, schema: Path | None, project: Path | None = None) -> Corpus:
    """Load the corpus of the project found from `project` (or here), `seeds`/`schema` overriding; or exit 1."""
    return _load(_project(project, seeds, schema))


def _exit(message: str, code: ExitCode) -> NoReturn:
    """One line on stderr, then exit with `code`."""
    fail(message, code)


def _counts(corpus: Corpus) -> str:
    from graph.cli import report as _report

    return _report.counts_line(corpus)


@app.command(epilog="Example: actorgraph init la && cd la && actorgraph build && actorgraph query stance-matrix")
def init(
    folder: Annotated[Path, typer.Argument(help="A new or empty folder to make the project in.")],
) -> None:
    """Start a project: actorgraph.toml, example seeds (schema, one article, its annotation), queries/, README."""
    from graph.project import init_project

    try:
        made = init_project(folder)  # InitRefused (exit 2) for a folder in use
    except OSError as problem:
        _exit(f"cannot write {folder}: {problem}", ExitCode.OUTPUT)
    then = "`actorgraph build` and `actorgraph query stance-matrix`"
    out.print(f"Made a project in {_paths(folder)}: cd into it, then {then}.")
    out.print(f"Seeds in {_paths(made.seeds)}, your queries in {_paths(made.queries)}, outputs to {_paths(made.out)}.")


@app.command(epilog="Example: actorgraph validate --seeds seeds")
def validate(seeds: Seeds = None, schema: SchemaOpt = None, project: ProjectDir = None) -> None:
    """Check the seeds folder: every problem, with file, line and a hint. Exit 1 if any."""
    corpus = _corpus(seeds, schema, project)
    out.print(f"[green]ok[/]: {_counts(corpus)}")


@app.command(epilog="Example: actorgraph build --seeds seeds --out build")
def build(
    seeds: Seeds = None,
    schema: SchemaOpt = None,
    out_dir: OutDir = None,
    project: ProjectDir = None,
    as_of: AsOf = None,
) -> None:
    """Validate the seeds; write OUT/graph.json (node-link), OUT/graph.graphml and OUT/graph.html (the page)."""
    from graph.cli.report import stats_tables
    from graph.outputs import write_build

    where = _project(project, seeds, schema)
    built = _writing(lambda: write_build(_load(where, as_of), out_dir or where.out))
    out.print(f"Built {_counts(built.corpus)} → {_paths(*built.paths)}")
    out.print(stats_tables(built.graph))


@app.command(epilog="Example: actorgraph viz --seeds seeds --out build/graph.html --open")
def viz(
    seeds: Seeds = None,
    schema: SchemaOpt = None,
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Page to write \\[default: the project's build/graph.html].")
    ] = None,
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in the web browser.")] = False,
    project: ProjectDir = None,
    as_of: AsOf = None,
) -> None:
    """Write the interactive network page: one offline HTML file with legend, filters and evidence."""
    from graph.build import build_graph
    from graph.page import document_texts, write_page

    where = _project(project, seeds, schema)
    corpus = _load(where, as_of)
    target = out_path or where.out / "graph.html"
    page = _writing(lambda: write_page(build_graph(corpus), corpus.schema, target, document_texts(corpus)))
    out.print(f"Wrote {_paths(page)} ({_counts(corpus)})")
    if open_page:
        import webbrowser

        webbrowser.open(page.resolve().as_uri())


def _paths(*paths: Path | str) -> str:
    """File names as the user can read them: inert, never markup."""
    return markup(", ".join(map(str, paths)), lines=False)


CsvRaw = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help="CSV cells exactly as they are, even = + - @ formulas: UNSAFE to open in a spreadsheet.",
    ),
]


def _writing(write):
    """`write()`, an output that cannot be written exiting 4 with one message (nothing half-written is left)."""
    try:
        return write()
    except OSError as failed:
        _exit(f"cannot write: {failed}; nothing was written", ExitCode.OUTPUT)


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
    seeds: Seeds = None,
    schema: SchemaOpt = None,
    csv_raw: CsvRaw = False,
    project: ProjectDir = None,
    as_of: AsOf = None,
) -> None:
    """Validate the seeds and export the graph for Gephi, Cytoscape, yEd, igraph or neo4j-admin.

    CSV text cells starting with = + - @ tab or CR get a leading ' so spreadsheets do not run them;
    for `neo4j-admin database import` pass --csv-raw (exact cells, unsafe to open in a spreadsheet).
    """
    from graph._spreadsheet import Guard
    from graph.build import build_graph
    from graph.errors import ExportError
    from graph.readwrite.formats import export as export_graph

    where = _project(project, seeds, schema)
    corpus = _load(where, as_of)
    target = out_path or where.out / FORMATS[fmt.value].default
    guard = Guard(raw=csv_raw)
    try:
        written = export_graph(build_graph(corpus), fmt.value, target, corpus.schema, guard=guard)
    except (ExportError, OSError) as failed:
        err.print(f"[bold red]cannot export {fmt.value}[/]: {markup(failed)}; nothing was written.")
        raise typer.Exit(ExitCode.OUTPUT) from None
    out.print(f"Exported {_counts(corpus)} → {_paths(*written)}")
    if note := guard.note():
        err.print(f"note: {markup(note)}")


@app.command(epilog="Example: actorgraph show LAPD")
def show(
    name: Annotated[str, typer.Argument(help="An entity id, name or alias (any case).")],
    seeds: Seeds = None,
    schema: SchemaOpt = None,
    project: ProjectDir = None,
    as_of: AsOf = None,
) -> None:
    """Show one actor, its mentions and its relations' evidence, grouped by document."""
    from graph.cli import report as _report

    corpus = _load(_project(project, seeds, schema), as_of)
    entity = _report.find_entity(corpus, name)
    if entity is None:
        err.print(markup(f"no actor named {name!r}; {_report.suggest(corpus, name)}"))
        raise typer.Exit(ExitCode.USAGE)
    out.print(_report.entity_panel(corpus, entity))
    for table in _report.relations_tables(corpus, entity):
        out.print(table)


@app.command(epilog="Example: actorgraph stats --seeds seeds")
def stats(seeds: Seeds = None, schema: SchemaOpt = None, project: ProjectDir = None, as_of: AsOf = None) -> None:
    """Count documents, actors and relations, by type and by document."""
    from graph.build import build_graph
    from graph.cli.report import documents_table, stats_tables

    corpus = _load(_project(project, seeds, schema), as_of)
    out.print(_counts(corpus))
    out.print(stats_tables(build_graph(corpus)))
    out.print(documents_table(corpus))


@app.command(epilog="Example: actorgraph conflicts --seeds seeds --as-of 2024-11-30")
def conflicts(seeds: Seeds = None, schema: SchemaOpt = None, project: ProjectDir = None, as_of: AsOf = None) -> None:
    """List the relations whose reports disagree (a date, a tally, a status) or contradict another relation."""
    from graph.cli.report import conflicts_table
    from graph.corpus.load import conflicts as find

    found = find(_load(_project(project, seeds, schema), as_of))
    if found:
        out.print(conflicts_table(found))
    out.print(f"{len(found)} conflict{'s' * (len(found) != 1)}")


@app.command(epilog="Example: actorgraph synth build/synth-10k --relations 10000 --seed 1")
def synth(
    out_dir: Annotated[
        Path, typer.Argument(help="New or empty folder, or one an earlier synth wrote (only its files are replaced).")
    ],
    relations: Annotated[int, typer.Option(min=1, help="How many relations.")] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same files.")] = 0,
    per_document: Annotated[int, typer.Option(min=1, help="Relations per document.")] = 100,
    fmt: Annotated[str, typer.Option("--format", help="jsonl (bulk) or yaml (one file per document).")] = "jsonl",
    schema: Annotated[
        Path | None,
        typer.Option("--schema", help="Schema to generate for \\[default: the project's, else the example's]."),
    ] = None,
    project: ProjectDir = None,
) -> None:
    """Generate a valid seeds tree of any size, deterministically, for benchmarks and tests."""
    from graph.corpus.synth import SynthSpec, synthesize
    from graph.errors import SynthRefused, ValidationFailed
    from graph.project import STARTER, find_project

    if fmt not in ("jsonl", "yaml"):
        err.print(markup(f"--format must be jsonl or yaml, not {fmt!r}"))
        raise typer.Exit(ExitCode.USAGE)
    found = find_project(project) if schema is None else None
    schema = schema or (found.schema or found.seeds / "schema.yaml" if found else STARTER / "seeds" / "schema.yaml")
    try:
        synthesize(out_dir, SynthSpec(relations, seed, per_document, fmt), schema)
    except ValidationFailed as failed:
        report_problems(failed)
    except SynthRefused as refused:
        _exit(f"synth: {refused}", ExitCode.USAGE)
    out.print(f"Wrote {relations} relations in {fmt} to {_paths(out_dir)}")


QueriesDir = Annotated[
    Path | None,
    typer.Option(
        "--queries",
        envvar="ACTORGRAPH_QUERIES",
        help="Folder of your .cypher queries \\[default: the project's queries/]; looked in before the shipped ones.",
    ),
]


def _query_folders(where: Project | None, queries_dir: Path | None) -> list[Path]:
    """Where query names are looked up, first match wins: --queries, the project's queries/, the shipped ones."""
    from graph.project import SHIPPED_QUERIES

    given = [queries_dir] if queries_dir is not None else []
    return given + (where.query_folders if where else [SHIPPED_QUERIES])


def _project_or_none(project: Path | None, seeds: Path | None, schema: Path | None) -> Project | None:
    """The project if there is one; for commands that can work without (pull, queries, query on Neo4j)."""
    from graph.errors import ProjectError
    from graph.project import open_project

    try:
        return open_project(seeds, schema, project)
    except ProjectError:
        return None


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


Timeout = Annotated[
    float | None,
    typer.Option("--timeout", help="Seconds one Neo4j call may take before giving up (env NEO4J_TIMEOUT; default 30)."),
]


def _neo4j(
    uri: str | None, username: str | None, password: str | None, database: str | None, timeout: float | None = None
):
    from graph.neo4j.settings import Settings

    return Settings.from_env(uri=uri, username=username, password=password, database=database, timeout=timeout)


@app.command(
    epilog="Example: actorgraph sync --dataset default --prune · exit 3: Neo4j unreachable or refused the login"
)
def sync(
    seeds: Seeds = None,
    schema: SchemaOpt = None,
    dataset: Dataset = "default",
    prune: Annotated[
        bool, typer.Option("--prune", help="Delete the dataset's nodes and relations not in the seeds.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would change; write nothing.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per write transaction.")] = 2000,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Delete what the database holds (another dataset, other nodes) first: one dataset each."
        ),
    ] = False,
    uri: Uri = None,
    username: Username = None,
    password: Password = None,
    database: Database = None,
    timeout: Timeout = None,
    project: ProjectDir = None,
) -> None:
    """Write the graph into a Neo4j database as its one dataset; only what changed is written (a re-sync writes
    nothing)."""
    from graph.cli import neo4j as command

    settings = _neo4j(uri, username, password, database, timeout)
    command.sync(lambda: _corpus(seeds, schema, project), settings, dataset, prune, dry_run, batch_size, replace)


@app.command(epilog="Example: actorgraph pull --dataset default --out build/neo4j-graph.json")
def pull(
    dataset: Dataset = "default",
    target: Annotated[
        Path | None,
        typer.Option("--out", help="Node-link JSON file to write \\[default: the project's build/neo4j-graph.json]."),
    ] = None,
    uri: Uri = None,
    username: Username = None,
    password: Password = None,
    database: Database = None,
    timeout: Timeout = None,
    project: ProjectDir = None,
) -> None:
    """Read a dataset back from Neo4j and write it as node-link JSON (equal to the built graph.json)."""
    from graph.cli import neo4j as command

    where = _project_or_none(project, None, None)
    target = target or (where.out if where else Path("build")) / "neo4j-graph.json"
    command.pull(_neo4j(uri, username, password, database, timeout), dataset, target)


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
    seeds: Seeds = None,
    schema: SchemaOpt = None,
    queries_dir: QueriesDir = None,
    uri: Uri = None,
    username: Username = None,
    password: Password = None,
    database: Database = None,
    timeout: Timeout = None,
    project: ProjectDir = None,
    as_of: AsOf = None,
) -> None:
    """Answer a Cypher query from the graph; embedded engine by default, no server needed."""
    from graph.cli import query as command

    settings = _neo4j(uri, username, password, database, timeout)
    command.query(
        query,
        param or [],
        fmt,
        csv_raw,
        engine=engine,
        seeds=seeds,
        schema=schema,
        project=project,
        queries=queries_dir,
        store=store,
        neo4j=settings,
        as_of=as_of,
        write=write,
    )


@app.command(epilog="Example: actorgraph queries")
def queries(
    queries_dir: QueriesDir = None, seeds: Seeds = None, schema: SchemaOpt = None, project: ProjectDir = None
) -> None:
    """List the queries you can run by name (the project's own, then the shipped ones), with their parameters."""
    from graph.cli import query as command

    command.list_shipped(_query_folders(_project_or_none(project, seeds, schema), queries_dir))


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
    duplicates: Annotated[str, typer.Option(help="all, document, week, month, year or range.")] = "all",
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
    csv_raw: CsvRaw = False,
    seeds: Seeds = None,
    schema: SchemaOpt = None,
    project: ProjectDir = None,
) -> None:
    """Discourse networks from the stances, as DNA computes them: two-mode, congruence, conflict and more."""
    from graph.cli import network as command

    lists = command.Lists(
        *[v or [] for v in (actor, exclude_actor, target, exclude_target, stance_type, exclude_type)],
        *[v or [] for v in (document, exclude_document, actor_type, target_type)],
    )
    window = (window_size, window_step, window_unit)
    corpus = lambda: _corpus(seeds, schema, project)  # noqa: E731
    command.network(
        corpus, kind, qualifier, normalization, duplicates, lists, start, end, window, fmt, out_path, csv_raw
    )


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
    from graph.cli import dna as command
    from graph.dna import Mapping

    command.import_dna(path, out_dir, Mapping(actor, target, qualifier, speaker))


def main() -> None:
    app()
