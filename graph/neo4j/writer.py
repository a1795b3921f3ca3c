"""Sync a built graph into a Neo4j database as its one dataset: write only what changed, so syncing twice writes
nothing, and store nothing but the graph (see `layout` for where the bookkeeping lives).

A sync reads the database's actorgraph state (`layout.read_state`) and refuses a database that holds another
dataset, unless `replace` (which deletes everything in the database first). It reads back the ids,
labels, types, endpoints and properties of what is stored, compares them with the graph's records, plans what
to create, update, relabel, recreate and (with `prune`) delete, then writes that plan in batches of
`UNWIND $rows AS row CREATE|MERGE … SET …`, keyed by label (or type) and `id` under uniqueness constraints. A sync
that writes anything first marks the dataset `syncing` and marks it `ready`, with the graph attributes, in its
last write: `pull` and the neo4j engine refuse the dataset in between, so a reader never takes a half-written
dataset for the whole. A database in the previous layout is migrated by the sync of its dataset. Labels and types
come from the schema and are checked before they reach Cypher; all values are parameters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import neo4j
import networkx as nx

from graph._gc import paused_gc
from graph.errors import SyncError
from graph.neo4j import layout
from graph.neo4j.layout import READY, SYNCING, State, any_of, ref
from graph.neo4j.records import (
    DATASET,
    ENTITY,
    META_PROPERTY,
    NodeRecord,
    RelRecord,
    check_dataset,
    graph_json,
    node_records,
    quoted,
    rel_records,
    same,
)
from graph.schema import Schema

DEFAULT_BATCH = 2000
# Two syncs creating one index or constraint at once: one commits, the other fails with one of these (the driver
# does not retry them); run again, its `IF NOT EXISTS` finds the rule and does nothing.
SCHEMA_RACES = frozenset(
    (
        "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
        "Neo.ClientError.Schema.IndexAlreadyExists",
        "Neo.ClientError.Schema.ConstraintAlreadyExists",
    )
)
SCHEMA_RACE_RETRIES = 3
COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
    "labels_removed",
    "constraints_added",
    "constraints_removed",
)


@dataclass(frozen=True)
class Existing:
    """What the database holds now: node id → (as in the graph?, labels); rel id → (as in the graph?, type, source,
    target).

    `duplicate_rels` are (id, type) of further relationships with an id already in `rels` (of another type: the
    uniqueness constraints are per type); `duplicate_nodes` the element ids of further nodes with an id already in
    `nodes` (under another label), and `suspects` those ids: two syncs of different versions at once can leave both.
    """

    nodes: dict[str, tuple[bool, list[str]]]
    rels: dict[str, tuple[bool, str, str, str]]
    graph_json: str | None
    duplicate_rels: list[tuple[str, str]] = field(default_factory=list)
    incomplete: bool = False  # not one `ready` mark on the right label: a sync is writing, or stopped part-way
    duplicate_nodes: list[str] = field(default_factory=list)
    suspects: frozenset[str] = frozenset()


@dataclass
class Plan:
    """What a sync writes. Relabelled nodes and recreated relationships are also in the update counts."""

    dataset: str
    create_nodes: list[NodeRecord] = field(default_factory=list)
    update_nodes: list[NodeRecord] = field(default_factory=list)
    relabel: list[tuple[NodeRecord, list[str]]] = field(default_factory=list)  # (node, its labels now)
    stale_nodes: list[str] = field(default_factory=list)
    create_rels: list[RelRecord] = field(default_factory=list)
    update_rels: list[RelRecord] = field(default_factory=list)
    recreate: list[tuple[RelRecord, str]] = field(default_factory=list)  # (relationship, its old type)
    stale_rels: list[tuple[str, str]] = field(default_factory=list)  # (id, type)
    duplicate_rels: list[tuple[str, str]] = field(default_factory=list)  # (id, type): always deleted
    duplicate_nodes: list[str] = field(default_factory=list)  # element ids: always deleted
    unchanged_nodes: int = 0
    unchanged_rels: int = 0
    graph_attrs: str | None = None  # "created", "updated" or None (unchanged)
    graph_json: str = ""
    finish: bool = False  # the dataset is marked incomplete: the sync must clear the mark even if all else is in place
    replace: list[str] = field(default_factory=list)  # what `replace` deletes first, in words
    migrate: bool = False  # the database is in the previous layout: strip it first
    stale_labels: dict[str, list[str]] = field(default_factory=dict)  # stale node id → its labels

    def writes(self, prune: bool) -> int:
        """Rows the sync writes: upserts, relabels, recreations, graph attrs and, with `prune`, deletions."""
        upserts = len(self.create_nodes) + len(self.update_nodes) + len(self.create_rels) + len(self.update_rels)
        stale = len(self.stale_nodes) + len(self.stale_rels) if prune else 0
        extra = len(self.relabel) + len(self.recreate) + len(self.duplicate_rels) + len(self.duplicate_nodes)
        once = self.graph_attrs is not None or self.finish or bool(self.replace) or self.migrate
        return upserts + extra + stale + once


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
Bound = Callable[[Callable[[], T]], T]


def unguarded(call: Callable[[], T]) -> T:
    return call()


def write_dataset(
    driver: neo4j.Driver,
    database: str,
    graph: nx.MultiDiGraph,
    schema: Schema,
    dataset: str,
    *,
    prune: bool = False,
    dry_run: bool = False,
    replace: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], Progress] | None = None,
    guard: Bound = unguarded,
    timeout: float | None = None,
) -> SyncReport:
    """Make `database` hold `graph` as `dataset`; `progress(total)` returns a callback advanced per item.

    A database holding another dataset is refused with `SyncError`, unless `replace`: then everything in the
    database is deleted first (as it is when it holds only nodes actorgraph did not write; else nodes of labels
    the graph does not use are left alone). Every call to
    Neo4j runs through `guard` (the command gives it a deadline: `connect.bounded`); `timeout` is the server-side
    limit of each write transaction, in seconds.
    """
    check_dataset(dataset)
    with paused_gc():  # a million records that all stay alive: nothing for the collector to find
        nodes, rels = node_records(graph, schema), rel_records(graph, schema)
    state = guard(lambda: layout.state_of(driver, database))
    doomed = _replaced(state, database, dataset, replace)
    carrier = min((n.label for n in nodes), default=layout.EMPTY_CARRIER)
    if doomed:
        existing = Existing({}, {}, None, incomplete=True)
    else:
        existing = guard(lambda: read_existing(driver, database, state, dataset, nodes, rels, carrier))
    plan = make_plan(dataset, nodes, rels, graph_json(graph), existing)
    plan.replace, plan.migrate = doomed, state.old_layout and not doomed
    report = SyncReport(plan, prune, dry_run)
    if dry_run:
        return report
    total = plan.writes(prune)
    if not total:
        return report
    writer = _Writer(driver, database, dataset, batch_size, report, guard, timeout)
    writer.advance = progress(total + 1) if progress else None  # + the mark written first
    writer.mark(SYNCING, existing.graph_json, carrier)
    if plan.replace:
        writer.clear()
    elif plan.migrate:
        writer.migrate()
        bare = guard(lambda: layout.state_of(driver, database))
        existing = guard(lambda: read_existing(driver, database, bare, dataset, nodes, rels))
        plan = make_plan(dataset, nodes, rels, plan.graph_json, existing)  # what the old layout holds, now bare
        plan.migrate, report.plan = True, plan
    writer.constraints(sorted({n.label for n in nodes}), sorted({r.type for r in rels}))
    _apply(writer, plan, prune)
    writer.finish(plan.graph_json, carrier)
    return report


def _replaced(state: State, database: str, dataset: str, replace: bool) -> list[str]:
    """What `replace` deletes before `dataset` is written, in words (empty: nothing); another dataset is refused
    unless `replace`."""
    others = [d for d in state.datasets if d != dataset]
    if replace:  # a database that holds `dataset` (in either layout) is synced as it is: no need to start over
        foreign = state.nodes and not state.marks and not state.old_layout
        return [f"dataset {d!r}" for d in others] or (["nodes actorgraph did not write"] if foreign else [])
    if others:
        them = "it" if len(others) == 1 else "them"
        raise SyncError(
            f"Neo4j database {database!r} holds {layout.named(others)}, and a database holds one dataset: sync "
            f"{dataset!r} into another database (--database), or add --replace to delete {them} and write "
            f"{dataset!r} in its place"
        )
    return []


def read_existing(
    driver: neo4j.Driver,
    database: str,
    state: State,
    dataset: str,
    current_nodes: Sequence[NodeRecord] = (),
    current: Sequence[RelRecord] = (),
    carrier: str | None = None,
) -> Existing:
    """The ids, labels, types and endpoints of what the database holds, and whether each is as in the graph.

    Nodes are read by the labels of the uniqueness constraints (and the graph's), relationships by the types: each
    query returns one record of lists (a million rows as one record cost a fraction of what a million records do),
    compared with the graph's records by `records.same` (20k relations: 0.04 s; hashing both sides was 0.5 s). A
    node id on two nodes, or a relationship id under two types, keeps the copy that matches the graph and lists the
    others as duplicates.
    """

    def read(query: str) -> list[Any]:
        records, _, _ = driver.execute_query(query, database_=database, routing_=neo4j.RoutingControl.READ)
        return records[0][0]

    labels = sorted(set(state.labels) | {n.label for n in current_nodes})
    types = sorted(set(state.types) | {r.type for r in current})
    stored_nodes = []
    if labels:
        stored_nodes = read(f"MATCH (n:{any_of(labels)}) RETURN collect([elementId(n), labels(n), properties(n)])")
    wanted = {n.id: n for n in current_nodes}
    nodes: dict[str, tuple[bool, list[str]]] = {}
    element: dict[str, str] = {}
    duplicates: list[str] = []
    suspects: set[str] = set()
    for eid, node_labels, props in sorted(stored_nodes, key=lambda row: row[0]):
        nid = props.get("id")
        if not isinstance(nid, str):
            continue  # not a node a sync wrote
        record = wanted.get(nid)
        labelled = record is not None and node_labels == [record.label]
        stored = (labelled and same(props, record.props), sorted(node_labels))
        if nid in nodes:
            suspects.add(nid)
            if labelled and nodes[nid][1] != [record.label]:
                duplicates.append(element[nid])  # keep the copy labelled as the graph has it
                nodes[nid], element[nid] = stored, eid
            else:
                duplicates.append(eid)
            continue
        nodes[nid], element[nid] = stored, eid
    rels: dict[str, tuple[bool, str, str, str]] = {}
    duplicate_rels = []
    if types:
        match = f"MATCH (a)-[r:{any_of(types)}]->(b) "
        stored_rels = read(f"{match}RETURN collect([r.id, type(r), a.id, b.id, properties(r)])")
        known = {r.id: r for r in current}
        for rid, rtype, source, target, props in stored_rels:
            if not isinstance(rid, str):
                continue
            rel = known.get(rid)
            shaped = rel is not None and (rel.type, rel.source, rel.target) == (rtype, source, target)
            entry = (shaped and same(props, rel.props), rtype, source, target)
            if rid in rels:
                if entry[0]:
                    duplicate_rels.append((rid, rels[rid][1]))
                    rels[rid] = entry
                else:
                    duplicate_rels.append((rid, rtype))
                continue
            rels[rid] = entry
    mark = state.ready(dataset)
    return Existing(
        nodes=nodes,
        rels=rels,
        graph_json=next((m.graph_json for m in state.marks if m.dataset == dataset), None),
        duplicate_rels=sorted(duplicate_rels),
        incomplete=mark is None or (carrier is not None and mark.label != carrier),
        duplicate_nodes=sorted(duplicates),
        suspects=frozenset(suspects),
    )


def make_plan(
    dataset: str, nodes: Sequence[NodeRecord], rels: Sequence[RelRecord], attrs: str, existing: Existing
) -> Plan:
    """Compare the graph's records with what the dataset holds."""
    plan = Plan(
        dataset,
        graph_json=attrs,
        duplicate_rels=list(existing.duplicate_rels),
        duplicate_nodes=list(existing.duplicate_nodes),
        finish=existing.incomplete,
    )
    for node in nodes:
        old = existing.nodes.get(node.id)
        if old is None:
            plan.create_nodes.append(node)
        elif old[0]:  # the same properties, and exactly the entity type's label
            plan.unchanged_nodes += 1
        else:
            plan.update_nodes.append(node)
            if old[1] != [node.label]:
                plan.relabel.append((node, old[1]))
    for rel in rels:
        old_rel = existing.rels.get(rel.id)
        if old_rel is None:
            plan.create_rels.append(rel)
        elif old_rel[0] and not ({rel.source, rel.target} & existing.suspects):
            plan.unchanged_rels += 1
        else:  # a changed one, or one whose endpoint had a duplicate (which goes, and may take it along): MERGE
            plan.update_rels.append(rel)
            if old_rel[1:] != (rel.type, rel.source, rel.target):
                plan.recreate.append((rel, old_rel[1]))
    current_nodes, current_rels = {n.id for n in nodes}, {r.id for r in rels}
    plan.stale_nodes = sorted(set(existing.nodes) - current_nodes)
    plan.stale_labels = {i: existing.nodes[i][1] for i in plan.stale_nodes}
    plan.stale_rels = sorted((i, old[1]) for i, old in existing.rels.items() if i not in current_rels)
    if existing.graph_json != attrs:
        plan.graph_attrs = "created" if existing.graph_json is None else "updated"
    return plan


def _apply(writer: _Writer, plan: Plan, prune: bool) -> None:
    """Write the plan: duplicates and old relationships out, nodes relabelled, nodes in, relationships in, stale
    nodes out (the dataset is marked `syncing` before and `ready` after, so a sync that stops part-way leaves it
    marked: `pull` and the neo4j engine refuse it until a re-run finishes)."""
    doomed = [(r.id, old_type) for r, old_type in plan.recreate] + plan.duplicate_rels
    if prune:
        doomed += plan.stale_rels
    for rtype, ids in _grouped(doomed, lambda d: d[1]):
        writer.write(f"UNWIND $rows AS id MATCH ()-[r:{ref(rtype)} {{id: id}}]->() DELETE r", [i for i, _ in ids])
    if plan.duplicate_nodes:
        writer.write("UNWIND $rows AS e MATCH (n) WHERE elementId(n) = e DETACH DELETE n", plan.duplicate_nodes)
    for (now, label), group in _grouped(plan.relabel, lambda x: (tuple(x[1]), x[0].label)):
        drop = [x for x in now if x != label]
        remove = f" REMOVE n:{':'.join(ref(x) for x in drop)}" if drop else ""
        writer.write(
            f"UNWIND $rows AS id MATCH (n:{ref(now[0])} {{id: id}}){remove} SET n:{quoted(label)}",
            [node.id for node, _ in group],
        )
    # What the plan creates did not exist when it was read: CREATE it, sparing MERGE's look-up. Should another
    # writer have created it since, the uniqueness constraints refuse the batch and it is re-run as MERGE.
    for label, group in _grouped(plan.create_nodes, lambda n: n.label):
        writer.write(
            f"UNWIND $rows AS row CREATE (n:{quoted(label)}) SET n = row",
            [n.props for n in group],
            on_conflict=f"UNWIND $rows AS row MERGE (n:{quoted(label)} {{id: row.id}}) SET n = row",
        )
    for label, group in _grouped(plan.update_nodes, lambda n: n.label):
        writer.write(
            f"UNWIND $rows AS row MERGE (n:{quoted(label)} {{id: row.id}}) SET n = row", [n.props for n in group]
        )

    def endpoints(group: list[RelRecord]) -> str:
        """Each endpoint found by `id` under the labels its side has in `group` (one index seek per label: one
        statement per type, not per type and pair of labels, so few statements to plan and commit)."""
        sources = "|".join(quoted(x) for x in sorted({r.source_label for r in group}))
        targets = "|".join(quoted(x) for x in sorted({r.target_label for r in group}))
        return f"UNWIND $rows AS row MATCH (a:{sources} {{id: row.source}}) MATCH (b:{targets} {{id: row.target}}) "

    def rows(group: list[RelRecord]) -> list[dict[str, Any]]:
        return [{"source": r.source, "target": r.target, "props": r.props} for r in group]

    for rtype, group in _grouped(plan.create_rels, lambda r: r.type):
        merge = f"{endpoints(group)}MERGE (a)-[r:{quoted(rtype)} {{id: row.props.id}}]->(b) SET r = row.props"
        writer.write(f"{endpoints(group)}CREATE (a)-[r:{quoted(rtype)}]->(b) SET r = row.props", rows(group), merge)
    for rtype, group in _grouped(plan.update_rels, lambda r: r.type):
        writer.write(
            f"{endpoints(group)}MERGE (a)-[r:{quoted(rtype)} {{id: row.props.id}}]->(b) SET r = row.props", rows(group)
        )
    if prune and plan.stale_nodes:
        for label, ids in _grouped(plan.stale_nodes, lambda i: plan.stale_labels[i][0]):
            writer.write(f"UNWIND $rows AS id MATCH (n:{ref(label)} {{id: id}}) DETACH DELETE n", ids)


class _Writer:
    """Runs write statements in batches, one transaction per batch, adding up Neo4j's counters."""

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str,
        dataset: str,
        batch: int,
        report: SyncReport,
        guard: Bound = unguarded,
        timeout: float | None = None,
    ) -> None:
        self.driver, self.database, self.dataset = driver, database, dataset
        self.guard, self.timeout = guard, timeout
        self.batch = max(1, batch)
        self.report = report
        self.advance: Progress | None = None

    def mark(self, state: str, graph: str | None, carrier: str, drop: Sequence[str] = ()) -> None:
        """Make the dataset's mark the one mark, in `state`, on `carrier`; drop the constraints `drop` with it."""
        name = layout.mark_name(state, self.dataset, graph)

        def swap(tx: neo4j.ManagedTransaction) -> None:
            counters = []
            for old, label in _marks(tx):
                if (old, label) != (name, carrier):
                    counters.append(tx.run("DROP INDEX $name IF EXISTS", name=old).consume().counters)
            for constraint in drop:
                counters.append(tx.run("DROP CONSTRAINT $name IF EXISTS", name=constraint).consume().counters)
            counters.append(
                tx.run(f"CREATE INDEX $name IF NOT EXISTS FOR (n:{ref(carrier)}) ON (n.{META_PROPERTY})", name=name)
                .consume()
                .counters
            )
            for c in counters:
                self._count(c, statement=False)

        self._work(swap)
        self.report.statements += 1
        if self.advance and state == SYNCING:
            self.advance(1)

    def finish(self, graph: str, carrier: str) -> None:
        """Mark the dataset ready with the graph attributes, dropping the constraints of labels and types no node or
        relationship has any more (so `db.labels()` lists only labels in use), in one transaction."""
        state = self.guard(lambda: layout.state_of(self.driver, self.database))
        unused = []
        for label, name in state.node_constraints:
            if not self._read(f"MATCH (n:{ref(label)}) RETURN count(n)"):
                unused.append(name)
        for rtype, name in state.rel_constraints:
            if not self._read(f"MATCH ()-[r:{ref(rtype)}]->() RETURN count(r)"):
                unused.append(name)
        self.mark(READY, graph, carrier, drop=unused)

    def constraints(self, labels: Sequence[str], types: Sequence[str], checked: bool = True) -> None:
        """Uniqueness of `id` per label and per relationship type (names from the schema: `checked`)."""
        name = quoted if checked else ref
        statements = [
            (
                f"CREATE CONSTRAINT $name IF NOT EXISTS FOR (n:{name(label)}) REQUIRE n.id IS UNIQUE",
                layout.NODE_CONSTRAINT + label,
            )
            for label in labels
        ] + [
            (
                f"CREATE CONSTRAINT $name IF NOT EXISTS FOR ()-[r:{name(rtype)}]-() REQUIRE r.id IS UNIQUE",
                layout.REL_CONSTRAINT + rtype,
            )
            for rtype in types
        ]
        for statement, constraint in statements:  # managed: a deadlock with a concurrent sync is retried
            self._count(self._transaction(statement, {"name": constraint}), statement=False)

    def clear(self) -> None:
        """Delete every relationship and node in the database, in batches, and every actorgraph constraint but the
        mark (`replace`)."""
        batch = {"n": self.batch}
        for query in (
            "MATCH ()-[r]->() WITH r LIMIT $n DELETE r RETURN count(*) AS done",
            "MATCH (n) WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS done",
        ):
            while True:
                counters = self._transaction(query, batch)
                self._count(counters)
                if not (counters.nodes_deleted or counters.relationships_deleted):
                    break
        state = self.guard(lambda: layout.state_of(self.driver, self.database))
        constraints = [n for _, n in state.node_constraints + state.rel_constraints] + list(state.old_constraints)
        self._drop_constraints(constraints)

    def migrate(self) -> None:
        """Strip the previous layout: its constraints go, each label and type it used gets its uniqueness
        constraint, every node loses the `Entity` label, nodes and relationships lose `dataset` and `sync_hash`,
        and the dataset nodes go (last, so a re-run after a stop still sees the old layout and goes on)."""
        state = self.guard(lambda: layout.state_of(self.driver, self.database))
        labels = self._read(
            f"MATCH (n:{ENTITY}) UNWIND labels(n) AS l WITH DISTINCT l WHERE l <> '{ENTITY}' RETURN collect(l)"
        )
        types = self._read("MATCH ()-[r]->() WHERE r.dataset IS NOT NULL RETURN collect(DISTINCT type(r))")
        self._drop_constraints(list(state.old_constraints))
        self.constraints(sorted(labels), sorted(types), checked=False)
        nodes = self._read(f"MATCH (n:{ENTITY}) RETURN collect(elementId(n))")
        self.write(
            f"UNWIND $rows AS e MATCH (n) WHERE elementId(n) = e REMOVE n:{ENTITY} REMOVE n.dataset, n.sync_hash", nodes
        )
        rels = self._read(
            "MATCH ()-[r]->() WHERE r.dataset IS NOT NULL OR r.sync_hash IS NOT NULL RETURN collect(elementId(r))"
        )
        self.write("UNWIND $rows AS e MATCH ()-[r]->() WHERE elementId(r) = e REMOVE r.dataset, r.sync_hash", rels)
        self._count(self._transaction(f"MATCH (d:{DATASET}) DETACH DELETE d", {}))

    def _drop_constraints(self, names: Sequence[str]) -> None:
        if not names:
            return

        def drop(tx: neo4j.ManagedTransaction) -> None:
            for name in names:
                self._count(tx.run("DROP CONSTRAINT $name IF EXISTS", name=name).consume().counters, statement=False)

        self._work(drop)

    def write(self, query: str, rows: Sequence[Any], on_conflict: str | None = None) -> None:
        """Run `query` with `$rows` = each batch of `rows`, one transaction per batch.

        A batch the uniqueness constraints refuse is run again as `on_conflict`, if given (MERGE for CREATE).
        """
        for start in range(0, len(rows), self.batch):
            params = {"rows": list(rows[start : start + self.batch])}
            try:
                counters = self._transaction(query, params)
            except neo4j.exceptions.ConstraintError:
                if on_conflict is None:
                    raise
                counters = self._transaction(on_conflict, params)
            self._count(counters)
            if self.advance:
                self.advance(len(params["rows"]))

    def _read(self, query: str) -> Any:
        def run() -> Any:
            records, _, _ = self.driver.execute_query(
                query, database_=self.database, routing_=neo4j.RoutingControl.READ
            )
            return records[0][0]

        return self.guard(run)

    def _transaction(self, query: str, params: dict[str, Any]) -> neo4j.SummaryCounters:
        """One write transaction in a session of its own (pooled connections make that cheap), session and all
        within the guard's deadline, the transaction also within the server-side `timeout`."""
        return self._work(lambda tx: _run(tx, query, params))

    def _work(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        unit = neo4j.unit_of_work(timeout=self.timeout)(work)

        def in_session() -> T:
            for attempt in range(SCHEMA_RACE_RETRIES + 1):
                try:
                    with self.driver.session(database=self.database) as session:
                        return session.execute_write(unit)
                except neo4j.exceptions.ClientError as error:  # another sync created the same index or constraint
                    if error.code not in SCHEMA_RACES or attempt == SCHEMA_RACE_RETRIES:
                        raise
            raise AssertionError("unreachable")

        return self.guard(in_session)

    def _count(self, counters: neo4j.SummaryCounters, statement: bool = True) -> None:
        self.report.statements += statement
        for name in COUNTERS:
            value = getattr(counters, name)
            if value:
                self.report.counters[name] += value


def _run(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> neo4j.SummaryCounters:
    return tx.run(query, params).consume().counters


def clear(driver: neo4j.Driver, database: str, batch_size: int = DEFAULT_BATCH) -> None:
    """Empty `database` of every node, relationship and actorgraph schema object (what `replace` deletes)."""
    writer = _Writer(driver, database, "", batch_size, SyncReport(Plan(""), False, False))
    writer.clear()

    def drop_marks(tx: neo4j.ManagedTransaction) -> None:
        for name, _ in _marks(tx):
            tx.run("DROP INDEX $name IF EXISTS", name=name).consume()

    writer._work(drop_marks)


def _marks(tx: neo4j.ManagedTransaction) -> list[tuple[str, str]]:
    """(name, label) of every index named as a mark is (of either state, of any dataset)."""
    found = tx.run(
        "SHOW INDEXES YIELD name, labelsOrTypes WHERE name STARTS WITH $p RETURN collect([name, labelsOrTypes[0]])",
        p=layout.PREFIX,
    )
    return [(name, label) for name, label in found.single(strict=True)[0]]


def _grouped(items: Iterable[Any], key: Callable[[Any], Any]) -> list[tuple[Any, list[Any]]]:
    """Items grouped by `key`, groups in key order, items in their order."""
    groups: dict[Any, list[Any]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return sorted(groups.items(), key=lambda g: g[0])
