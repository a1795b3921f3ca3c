"""What `actorgraph sync` and `actorgraph pull` print, over `graph.sync` and `graph.pull`.

Exit 2: the graph or the dataset cannot be used as it is (a bad name, a write Neo4j refused, a dataset that is
missing or incomplete). Exit 3: Neo4j cannot be used (down, wrong login, no such database, too old, not Neo4j,
or it stopped answering within the timeout).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph._terminal import markup as escape
from graph.build import build_graph
from graph.cli.common import err, out
from graph.corpus import Corpus
from graph.neo4j import api
from graph.neo4j.records import check_dataset
from graph.neo4j.settings import Settings
from graph.neo4j.writer import SyncReport
from graph.readwrite import node_link

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
    """Build the graph and sync it into `dataset` (`graph.sync`); print what was (or would be) written."""
    check_dataset(dataset)  # before reading the seeds
    loaded = corpus()
    with _ProgressBar() as progress:
        report = api.sync(
            build_graph(loaded),
            loaded.schema,
            settings,
            dataset,
            prune=prune,
            dry_run=dry_run,
            replace=replace,
            batch_size=batch_size,
            progress=progress,
        )
    for line in summary(report, settings):
        out.print(escape(line))


def pull(settings: Settings, dataset: str, target: Path) -> None:
    """Read `dataset` back (`graph.pull`) and write it as node-link JSON to `target`."""
    graph = api.pull(settings, dataset)
    node_link.write(graph, target)
    out.print(
        escape(
            f"Pulled dataset {dataset!r}: {graph.number_of_nodes()} nodes, "
            f"{graph.number_of_edges()} relationships → {target}"
        )
    )


def summary(report: SyncReport, settings: Settings) -> list[str]:
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


def _counts(create: int, update: int, same: int, stale: int, report: SyncReport) -> str:
    if report.dry_run:
        text = f"{create} to create, {update} to update, {same} unchanged"
        gone = "to delete (--prune)"
    else:
        text = f"{create} created, {update} updated, {same} unchanged"
        gone = "deleted (--prune)"
    if not stale:
        return text
    return f"{text}, {stale} {gone if report.pruned else 'stale kept (--prune deletes them)'}"


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
