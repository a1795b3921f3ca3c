"""Sync a built graph into one Neo4j dataset: write only what changed, so syncing twice writes nothing.

Every synced node and relationship stores `dataset` and a `sync_hash` of its content. A sync reads the
dataset's ids and hashes, plans what to create, update, relabel, recreate and (with `prune`) delete,
then writes that plan in batches of `UNWIND $rows AS row MERGE … SET …`, keyed by (dataset, id) under
uniqueness constraints. A sync that writes anything first marks the dataset incomplete (`syncing: true` on its
dataset node) and clears the mark in its last write, with the graph attributes: `pull` and the neo4j engine
refuse the dataset in between, so a reader never takes a half-written dataset for the whole. Labels and
types come from the schema and are checked before they reach Cypher; all values are parameters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import neo4j
import networkx as nx

from graph._gc import paused_gc
from graph.neo4j.records import (
    DATASET,
    ENTITY,
    NodeRecord,
    RelRecord,
    check_dataset,
    graph_json,
    node_records,
    quoted,
    rel_records,
)
from graph.schema import Schema

DEFAULT_BATCH = 2000
COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
    "labels_removed",
    "constraints_added",
)


@dataclass(frozen=True)
class Existing:
    """What a dataset holds now: node id → (hash, labels); rel id → (hash, type, source, target).

    `duplicate_rels` are (id, type) of further relationships with an id already in `rels` (of another type:
    the uniqueness constraints are per type), which two syncs of different versions at once can leave.
    """

    nodes: dict[str, tuple[str | None, list[str]]]
    rels: dict[str, tuple[str | None, str, str, str]]
    graph_json: str | None
    duplicate_rels: list[tuple[str, str]] = field(default_factory=list)
    incomplete: bool = False  # marked `syncing`: a sync is writing it, or stopped part-way


@dataclass
class Plan:
    """What a sync writes. Relabelled nodes and recreated relationships are also in the update counts."""

    dataset: str
    create_nodes: list[NodeRecord] = field(default_factory=list)
    update_nodes: list[NodeRecord] = field(default_factory=list)
    relabel: list[tuple[NodeRecord, list[str]]] = field(default_factory=list)  # (node, labels to drop)
    stale_nodes: list[str] = field(default_factory=list)
    create_rels: list[RelRecord] = field(default_factory=list)
    update_rels: list[RelRecord] = field(default_factory=list)
    recreate: list[tuple[RelRecord, str]] = field(default_factory=list)  # (relationship, its old type)
    stale_rels: list[tuple[str, str]] = field(default_factory=list)  # (id, type)
    duplicate_rels: list[tuple[str, str]] = field(default_factory=list)  # (id, type): always deleted
    unchanged_nodes: int = 0
    unchanged_rels: int = 0
    graph_attrs: str | None = None  # "created", "updated" or None (unchanged)
    graph_json: str = ""
    finish: bool = False  # the dataset is marked incomplete: the sync must clear the mark even if all else is in place

    def writes(self, prune: bool) -> int:
        """Rows the sync writes: upserts, relabels, recreations, graph attrs and, with `prune`, deletions."""
        upserts = len(self.create_nodes) + len(self.update_nodes) + len(self.create_rels) + len(self.update_rels)
        stale = len(self.stale_nodes) + len(self.stale_rels) if prune else 0
        extra = len(self.relabel) + len(self.recreate) + len(self.duplicate_rels)
        return upserts + extra + stale + (self.graph_attrs is not None or self.finish)


@dataclass
class SyncReport:
    plan: Plan
    pruned: bool
    dry_run: bool
    counters: Counter[str] = field(default_factory=Counter)
    statements: int = 0  # write transactions run (0 when nothing changed)

    @property
    def written(self) -> int:
        """The sum of Neo4j's update counters over every write: 0 means the database was not changed."""
        return sum(self.counters.values())


Progress = Callable[[int], None]
T = TypeVar("T")
Guard = Callable[[Callable[[], T]], T]


def unguarded(call: Callable[[], T]) -> T:
    return call()


def sync(
    driver: neo4j.Driver,
    database: str,
    graph: nx.MultiDiGraph,
    schema: Schema,
    dataset: str,
    *,
    prune: bool = False,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], Progress] | None = None,
    guard: Guard = unguarded,
    timeout: float | None = None,
) -> SyncReport:
    """Make `dataset` in `database` hold `graph`; `progress(total)` returns a callback advanced per item.

    Every call to Neo4j runs through `guard` (the command gives it a deadline: `connect.bounded`); `timeout` is
    the server-side limit of each write transaction, in seconds.
    """
    check_dataset(dataset)
    with paused_gc():  # a million records that all stay alive: nothing for the collector to find
        nodes, rels = node_records(graph, schema, dataset), rel_records(graph, schema, dataset)
    existing = guard(lambda: read_existing(driver, database, dataset, rels))
    plan = make_plan(dataset, nodes, rels, graph_json(graph), existing)
    report = SyncReport(plan, prune, dry_run)
    if dry_run:
        return report
    total = plan.writes(prune)
    if not total:
        return report
    writer = _Writer(driver, database, dataset, batch_size, report, guard, timeout)
    writer.constraints(schema)
    writer.advance = progress(total + 1) if progress else None  # + the mark written first
    _apply(writer, plan, prune)
    return report


def read_existing(driver: neo4j.Driver, database: str, dataset: str, current: Sequence[RelRecord] = ()) -> Existing:
    """The ids, hashes, labels, types and endpoints stored for `dataset`.

    Each query returns one record of lists: a million rows as one record cost a fraction of what a
    million records do. Relationships are read as ids and hashes first; type and endpoints are read
    only for those whose hash differs from their `current` record (an equal hash means the same type
    and endpoints, which it covers).
    """

    def read(query: str, **params: Any) -> neo4j.Record:
        records, _, _ = driver.execute_query(
            query, dataset=dataset, **params, database_=database, routing_=neo4j.RoutingControl.READ
        )
        return records[0]

    nodes = read(f"MATCH (n:{ENTITY} {{dataset: $dataset}}) RETURN collect([n.id, n.sync_hash, labels(n)]) AS rows")
    match = f"MATCH (a:{ENTITY} {{dataset: $dataset}})-[r]->(b:{ENTITY} {{dataset: $dataset}}) "
    hashes = read(
        f"{match}WHERE r.dataset = $dataset AND r.id IS NOT NULL "
        "RETURN collect(r.id) AS ids, collect(coalesce(r.sync_hash, '')) AS hashes"
    )
    known = {r.id: r for r in current}
    copies = Counter(hashes["ids"])
    rels: dict[str, tuple[str | None, str, str, str]] = {}
    differ = []
    for rid, digest in zip(hashes["ids"], hashes["hashes"], strict=True):
        record = known.get(rid)
        if copies[rid] == 1 and record is not None and record.hash == digest:
            rels[rid] = (digest, record.type, record.source, record.target)
        else:
            differ.append(rid)
    duplicates = []
    if differ:
        details = read(
            f"{match}WHERE r.dataset = $dataset AND r.id IN $ids "
            "RETURN collect([r.id, r.sync_hash, type(r), a.id, b.id]) AS rows",
            ids=sorted(set(differ)),
        )
        for rid, digest, rtype, source, target in details["rows"]:
            if rid in rels:  # the same id stored under a second type: a stale race left it
                duplicates.append((rid, rtype))
            else:
                rels[rid] = (digest, rtype, source, target)
    marks = read(
        f"MATCH (d:{DATASET} {{dataset: $dataset}}) RETURN collect(d.graph_json) AS rows, "
        "coalesce(max(d.syncing), false) AS incomplete"
    )
    return Existing(
        nodes={i: (h, labels) for i, h, labels in nodes["rows"]},
        rels=rels,
        graph_json=marks["rows"][0] if marks["rows"] else None,
        duplicate_rels=sorted(duplicates),
        incomplete=marks["incomplete"],
    )


def make_plan(
    dataset: str, nodes: Sequence[NodeRecord], rels: Sequence[RelRecord], attrs: str, existing: Existing
) -> Plan:
    """Compare the graph's records with what the dataset holds."""
    plan = Plan(dataset, graph_json=attrs, duplicate_rels=list(existing.duplicate_rels), finish=existing.incomplete)
    for node in nodes:
        old = existing.nodes.get(node.id)
        if old is None:
            plan.create_nodes.append(node)
        elif old[0] == node.hash and len(old[1]) == 2 and node.label in old[1]:  # labels: Entity and its type
            plan.unchanged_nodes += 1
        else:
            plan.update_nodes.append(node)
            drop = sorted(set(old[1]) - {ENTITY, node.label})
            if drop or node.label not in old[1]:
                plan.relabel.append((node, drop))
    for rel in rels:
        old_rel = existing.rels.get(rel.id)
        if old_rel is None:
            plan.create_rels.append(rel)
        elif old_rel[0] == rel.hash:
            plan.unchanged_rels += 1
        else:
            plan.update_rels.append(rel)
            if old_rel[1:] != (rel.type, rel.source, rel.target):
                plan.recreate.append((rel, old_rel[1]))
    current_nodes, current_rels = {n.id for n in nodes}, {r.id for r in rels}
    plan.stale_nodes = sorted(set(existing.nodes) - current_nodes)
    plan.stale_rels = sorted((i, old[1]) for i, old in existing.rels.items() if i not in current_rels)
    if existing.graph_json != attrs:
        plan.graph_attrs = "created" if existing.graph_json is None else "updated"
    return plan


def _apply(writer: _Writer, plan: Plan, prune: bool) -> None:
    """Write the plan: the dataset marked incomplete, old and duplicate relationships out, nodes in, relationships
    in, stale nodes out, then graph attrs and the mark cleared in one last write (so a sync that stops part-way
    leaves the dataset marked: `pull` and the neo4j engine refuse it until a re-run finishes)."""
    writer.write(f"UNWIND $rows AS mark MERGE (d:{DATASET} {{dataset: $dataset}}) SET d.syncing = mark", [True])
    doomed = [(r.id, old_type) for r, old_type in plan.recreate] + plan.duplicate_rels
    if prune:
        doomed += plan.stale_rels
    for rtype, ids in _grouped(doomed, lambda d: d[1]):
        writer.write(
            f"UNWIND $rows AS id MATCH ()-[r:{_ref(rtype)} {{dataset: $dataset, id: id}}]->() DELETE r",
            [i for i, _ in ids],
        )
    for (drop, label), group in _grouped(plan.relabel, lambda x: (tuple(x[1]), x[0].label)):
        remove = f" REMOVE n:{':'.join(_ref(x) for x in drop)}" if drop else ""
        writer.write(
            f"UNWIND $rows AS id MATCH (n:{ENTITY} {{dataset: $dataset, id: id}}){remove} SET n:{quoted(label)}",
            [node.id for node, _ in group],
        )
    # What the plan creates did not exist when it was read: CREATE it, sparing MERGE's look-up. Should another
    # writer have created it since, the uniqueness constraints refuse the batch and it is re-run as MERGE.
    for label, group in _grouped(plan.create_nodes, lambda n: n.label):
        writer.write(
            f"UNWIND $rows AS row CREATE (n:{ENTITY}:{quoted(label)}) SET n = row.props",
            [{"props": n.props} for n in group],
            on_conflict=f"UNWIND $rows AS row MERGE (n:{ENTITY} {{dataset: $dataset, id: row.props.id}}) "
            f"SET n = row.props, n:{quoted(label)}",
        )
    for label, group in _grouped(plan.update_nodes, lambda n: n.label):
        writer.write(
            f"UNWIND $rows AS row MERGE (n:{ENTITY} {{dataset: $dataset, id: row.id}}) "
            f"SET n = row.props, n:{quoted(label)}",
            [{"id": n.id, "props": n.props} for n in group],
        )
    endpoints = (
        f"UNWIND $rows AS row "
        f"MATCH (a:{ENTITY} {{dataset: $dataset, id: row.source}}) "
        f"MATCH (b:{ENTITY} {{dataset: $dataset, id: row.target}}) "
    )
    for rtype, group in _grouped(plan.create_rels, lambda r: r.type):
        writer.write(
            f"{endpoints}CREATE (a)-[r:{quoted(rtype)}]->(b) SET r = row.props",
            [{"source": r.source, "target": r.target, "props": r.props} for r in group],
            on_conflict=f"{endpoints}MERGE (a)-[r:{quoted(rtype)} {{dataset: $dataset, id: row.props.id}}]->(b) "
            "SET r = row.props",
        )
    for rtype, group in _grouped(plan.update_rels, lambda r: r.type):
        writer.write(
            f"{endpoints}MERGE (a)-[r:{quoted(rtype)} {{dataset: $dataset, id: row.id}}]->(b) SET r = row.props",
            [{"id": r.id, "source": r.source, "target": r.target, "props": r.props} for r in group],
        )
    if prune and plan.stale_nodes:
        writer.write(
            f"UNWIND $rows AS id MATCH (n:{ENTITY} {{dataset: $dataset, id: id}}) DETACH DELETE n",
            plan.stale_nodes,
        )
    writer.write(
        f"UNWIND $rows AS json MERGE (d:{DATASET} {{dataset: $dataset}}) SET d.graph_json = json REMOVE d.syncing",
        [plan.graph_json],
    )


class _Writer:
    """Runs write statements in batches, one transaction per batch, adding up Neo4j's counters."""

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str,
        dataset: str,
        batch: int,
        report: SyncReport,
        guard: Guard = unguarded,
        timeout: float | None = None,
    ) -> None:
        self.driver, self.database, self.dataset = driver, database, dataset
        self.guard, self.timeout = guard, timeout
        self.batch = max(1, batch)
        self.report = report
        self.advance: Progress | None = None

    def constraints(self, schema: Schema) -> None:
        """Uniqueness of (dataset, id) for nodes, for each relationship type, and of dataset nodes."""
        statements = [
            f"CREATE CONSTRAINT actorgraph_entity_key IF NOT EXISTS "
            f"FOR (n:{ENTITY}) REQUIRE (n.dataset, n.id) IS UNIQUE",
            f"CREATE CONSTRAINT actorgraph_dataset_key IF NOT EXISTS FOR (d:{DATASET}) REQUIRE d.dataset IS UNIQUE",
        ]
        for relation in sorted(schema.relation_types):
            rtype = quoted(schema.cypher_type(relation))
            statements.append(
                f"CREATE CONSTRAINT {quoted('actorgraph_rel_' + rtype.strip('`').lower())} IF NOT EXISTS "
                f"FOR ()-[r:{rtype}]-() REQUIRE (r.dataset, r.id) IS UNIQUE"
            )
        for statement in statements:  # managed: a deadlock with a concurrent sync creating them is retried
            self._count(self._transaction(statement, {}), statement=False)

    def write(self, query: str, rows: Sequence[Any], on_conflict: str | None = None) -> None:
        """Run `query` with `$rows` = each batch of `rows` and `$dataset`, one transaction per batch.

        A batch the uniqueness constraints refuse is run again as `on_conflict`, if given (MERGE for CREATE).
        """
        for start in range(0, len(rows), self.batch):
            params = {"rows": list(rows[start : start + self.batch]), "dataset": self.dataset}
            try:
                counters = self._transaction(query, params)
            except neo4j.exceptions.ConstraintError:
                if on_conflict is None:
                    raise
                counters = self._transaction(on_conflict, params)
            self._count(counters)
            if self.advance:
                self.advance(len(params["rows"]))

    def _transaction(self, query: str, params: dict[str, Any]) -> neo4j.SummaryCounters:
        """One write transaction in a session of its own (pooled connections make that cheap), session and all
        within the guard's deadline, the transaction also within the server-side `timeout`."""
        work = neo4j.unit_of_work(timeout=self.timeout)(_run)

        def in_session() -> neo4j.SummaryCounters:
            with self.driver.session(database=self.database) as session:
                return session.execute_write(work, query, params)

        return self.guard(in_session)

    def _count(self, counters: neo4j.SummaryCounters, statement: bool = True) -> None:
        self.report.statements += statement
        for name in COUNTERS:
            value = getattr(counters, name)
            if value:
                self.report.counters[name] += value


def _run(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> neo4j.SummaryCounters:
    return tx.run(query, params).consume().counters


def _grouped(items: Iterable[Any], key: Callable[[Any], Any]) -> list[tuple[Any, list[Any]]]:
    """Items grouped by `key`, groups in key order, items in their order."""
    groups: dict[Any, list[Any]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return sorted(groups.items(), key=lambda g: g[0])


def _ref(name: str) -> str:
    """A label or type read from the database, quoted for Cypher (backticks doubled)."""
    return "`" + name.replace("`", "``") + "`"
