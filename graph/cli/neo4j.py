"""What `actorgraph sync` and `actorgraph pull` do: one line per failure, exit 2 (or 3: connection).

Exit 2: the graph or the dataset cannot be used as it is (a bad name, a write Neo4j refused, a dataset that is
missing or incomplete). Exit 3: Neo4j cannot be used (down, wrong login, no such database, too old, not Neo4j,
or it stopped answering within the timeout).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import neo4j
from neo4j.exceptions import ConstraintError, DriverError, Neo4jError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph._terminal import markup as escape
from graph.build import build_graph
from graph.cli.common import err, fail, out
from graph.corpus import Corpus
from graph.errors import ConnectionProblem, ExitCode, SyncError
from graph.neo4j import pull as pulling
from graph.neo4j import sync as syncing
from graph.neo4j.connect import bounded, connect, explain
from graph.neo4j.records import check_dataset
from graph.neo4j.settings import EXIT_CONNECTION, TX_GRACE_S, Settings
from graph.readwrite import node_link

EXIT_USAGE = ExitCode.USAGE
RERUN = "re-run `actorgraph sync` to finish"
PROGRESS_MIN = 5000  # show a progress bar from this many rows to write (and only on a terminal)


def sync(
    corpus: Callable[[], Corpus],
    settings: Settings,
    dataset: str,
    prune: bool,
    dry_run: bool,
    batch_size: int,
    replace: bool = False,
) -> None:
    """Build the graph and sync it into `dataset`; print what was (or would be) written."""
    _check_dataset(dataset)
    loaded = corpus()
    graph = build_graph(loaded)
    stopped = f"the sync stopped part-way (what it wrote is kept): {RERUN}"
    with _connected(settings, stopped) as driver, _ProgressBar() as progress:
        report = syncing.sync(
            driver,
            settings.database,
            graph,
            loaded.schema,
            dataset,
            prune=prune,
            dry_run=dry_run,
            replace=replace,
            batch_size=batch_size,
            progress=progress,
            guard=lambda call: bounded(settings, call),
            timeout=settings.timeout + TX_GRACE_S,
        )
    for line in summary(report, settings):
        out.print(escape(line))


def pull(settings: Settings, dataset: str, target: Path) -> None:
    """Read `dataset` back and write it as node-link JSON to `target`."""
    _check_dataset(dataset)
    with _connected(settings) as driver:
        graph = pulling.pull(driver, settings.database, dataset, guard=lambda call: bounded(settings, call))
    node_link.write(graph, target)
    out.print(
        escape(
            f"Pulled dataset {dataset!r}: {graph.number_of_nodes()} nodes, "
            f"{graph.number_of_edges()} relationships → {target}"
        )
    )


def summary(report: syncing.SyncReport, settings: Settings) -> list[str]:
    """What the sync did, or with --dry-run would do, in a few lines."""
    plan = report.plan
    dry = report.dry_run
    where = f"dataset {plan.dataset!r} in database {settings.database!r} at {settings.uri}"
    head = f"Dry run for {where} (nothing written):" if dry else f"Synced {where}:"
    nodes = _counts(len(plan.create_nodes), len(plan.update_nodes), plan.unchanged_nodes, len(plan.stale_nodes), report)
    rels = _counts(len(plan.create_rels), len(plan.update_rels), plan.unchanged_rels, len(plan.stale_rels), report)
    if plan.relabel:
        nodes += f" ({len(plan.relabel)} relabelled)"
    if plan.recreate:
        rels += f" ({len(plan.recreate)} recreated: type or endpoints changed)"
    attrs = {"created": "to create" if dry else "created", "updated": "to update" if dry else "updated"}.get(
        plan.graph_attrs or "", "unchanged"
    )
    lines = [head]
    if plan.replace:
        gone = ", ".join(plan.replace)
        lines.append(f"  replaced       {gone} (everything in the database {'to delete' if dry else 'deleted'} first)")
    if plan.migrate:
        lines.append("  migrated       from the previous layout (Entity label, dataset and sync_hash properties go)")
    lines += [f"  nodes          {nodes}", f"  relationships  {rels}", f"  graph attributes {attrs}"]
    if not dry:
        counters = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(report.counters.items()))
        lines.append(f"  Neo4j: {counters}" if counters else "  Neo4j: nothing written (already in sync)")
    return lines


def _counts(create: int, update: int, same: int, stale: int, report: syncing.SyncReport) -> str:
    if report.dry_run:
        text = f"{create} to create, {update} to update, {same} unchanged"
        gone = "to delete (--prune)"
    else:
        text = f"{create} created, {update} updated, {same} unchanged"
        gone = "deleted (--prune)"
    if not stale:
        return text
    return f"{text}, {stale} {gone if report.pruned else 'stale kept (--prune deletes them)'}"


@contextlib.contextmanager
def _connected(settings: Settings, stopped: str | None = None) -> Iterator[neo4j.Driver]:
    """A connected driver; every failure inside becomes one message and an exit code.

    `stopped` is added to a failure after connecting (the server went away, or a concurrent write got in the way).
    """
    try:
        driver = connect(settings)
    except ConnectionProblem as problem:
        fail(str(problem), EXIT_CONNECTION)
    try:
        yield driver
    except SyncError as problem:
        fail(str(problem), EXIT_USAGE)
    except ConnectionProblem as problem:  # the server stopped answering (see `connect.bounded`)
        fail(_joined(str(problem), stopped), EXIT_CONNECTION)
    except (Neo4jError, DriverError) as error:
        problem = explain(error, settings)
        if isinstance(problem, ConnectionProblem):
            fail(_joined(str(problem), stopped), EXIT_CONNECTION)
        message = f"Neo4j refused the write: {_first_line(error)}"
        if isinstance(error, ConstraintError) and stopped:
            message += "; another sync of this dataset may be writing at the same time"
        fail(_joined(message, stopped), EXIT_USAGE)
    finally:
        driver.close()


def _check_dataset(name: str) -> None:
    """Refuse a bad dataset name before connecting (it is only ever a query parameter, but names stay simple)."""
    try:
        check_dataset(name)
    except SyncError as problem:
        fail(str(problem), EXIT_USAGE)


def _joined(message: str, hint: str | None) -> str:
    return f"{message}; {hint}" if hint else message


def _first_line(error: Exception) -> str:
    return str(getattr(error, "message", None) or error).strip().splitlines()[0]


class _ProgressBar:
    """A rich progress bar on stderr for large syncs, only when stderr is a terminal; stopped on exit."""

    def __init__(self) -> None:
        self.bar: Progress | None = None

    def __call__(self, total: int) -> Callable[[int], None] | None:
        if total < PROGRESS_MIN or not err.is_terminal:
            return None
        self.bar = Progress(
            TextColumn("syncing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
        )
        task = self.bar.add_task("sync", total=total)
        self.bar.start()
        return lambda n: self.bar.advance(task, n) if self.bar else None

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
