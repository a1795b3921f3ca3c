"""Where a sync's bookkeeping lives in Neo4j: in the names of schema objects, never in nodes or properties.

A database holds one dataset, and `MATCH (n)` sees only the dataset's nodes as the build holds them.

- The dataset's *mark* is one range index on `(:<carrier>).actorgraph_meta`, a property no node has (so the index
  stays empty), named `actorgraph:v2:<state>:<dataset>:<payload>`: state `ready`, or `syncing` while a sync writes
  (and after one stopped part-way); payload the graph's own attributes as JSON, zlib-compressed, base64url. The
  carrier is the first entity label the graph uses, so the mark adds no label to `db.labels()` (a graph with no
  node uses `ActorgraphDataset`).
- Uniqueness constraints `actorgraph_id_node_<Label>` on `n.id` and `actorgraph_id_rel_<TYPE>` on `r.id`, one per
  label and type in use: their labels and types are the ones sync and pull read as the dataset's.
- The previous layout (an `Entity` label and `dataset`/`sync_hash` properties on everything, one
  `(:ActorgraphDataset)` node per dataset, constraints `actorgraph_entity_key`, `actorgraph_dataset_key`,
  `actorgraph_rel_<type>`) is recognised: readers refuse it, naming the sync that migrates it.

Names only ever reach Cypher as parameters (`CREATE INDEX $name …`); labels and types are quoted.
"""

from __future__ import annotations

import base64
import zlib
from dataclasses import dataclass

import neo4j

from graph.errors import SyncError
from graph.neo4j.records import DATASET, ENTITY

PREFIX = "actorgraph:"
LAYOUT = "v2"
READY, SYNCING = "ready", "syncing"
NODE_CONSTRAINT = "actorgraph_id_node_"
REL_CONSTRAINT = "actorgraph_id_rel_"
OURS = "actorgraph_"  # every constraint a sync of either layout made starts so
EMPTY_CARRIER = DATASET


@dataclass(frozen=True)
class Mark:
    """One dataset mark (an index): its name, the label it is on, and what the name says."""

    name: str
    label: str
    state: str
    dataset: str
    graph_json: str | None


@dataclass(frozen=True)
class State:
    """The actorgraph schema objects in a database, and what is left of the previous layout."""

    marks: tuple[Mark, ...] = ()
    node_constraints: tuple[tuple[str, str], ...] = ()  # (label, constraint name)
    rel_constraints: tuple[tuple[str, str], ...] = ()  # (type, constraint name)
    old_constraints: tuple[str, ...] = ()
    old_datasets: tuple[str, ...] = ()
    old_nodes: int = 0  # nodes with the previous layout's labels
    nodes: int = 0  # every node in the database

    @property
    def old_layout(self) -> bool:
        return bool(self.old_constraints or self.old_datasets or self.old_nodes)

    @property
    def datasets(self) -> list[str]:
        """The datasets the database holds, in either layout."""
        return sorted({m.dataset for m in self.marks} | set(self.old_datasets))

    @property
    def incomplete(self) -> bool:
        """A sync is writing, or stopped part-way (two marks: two syncs raced, or one stopped mid-swap)."""
        return len(self.marks) > 1 or any(m.state != READY for m in self.marks)

    @property
    def labels(self) -> list[str]:
        return sorted(label for label, _ in self.node_constraints)

    @property
    def types(self) -> list[str]:
        return sorted(rtype for rtype, _ in self.rel_constraints)

    def ready(self, dataset: str) -> Mark | None:
        """The dataset's mark, if it is the one mark and says ready."""
        if len(self.marks) == 1 and self.marks[0].state == READY and self.marks[0].dataset == dataset:
            return self.marks[0]
        return None


def mark_name(state: str, dataset: str, graph_json: str | None) -> str:
    payload = "" if graph_json is None else base64.urlsafe_b64encode(zlib.compress(graph_json.encode(), 9)).decode()
    return f"{PREFIX}{LAYOUT}:{state}:{dataset}:{payload}"


def parse_mark(name: str, label: str) -> Mark | None:
    """The mark an index name is, or None if it is not one of this layout."""
    head, _, payload = name.rpartition(":")
    parts = head.split(":", 3)
    if len(parts) != 4 or f"{parts[0]}:" != PREFIX or parts[1] != LAYOUT or parts[2] not in (READY, SYNCING):
        return None
    try:
        graph_json = zlib.decompress(base64.urlsafe_b64decode(payload)).decode() if payload else None
    except (ValueError, zlib.error):
        return None
    return Mark(name, label, parts[2], parts[3], graph_json)


def read_state(tx: neo4j.ManagedTransaction) -> State:
    """The database's actorgraph state, read in `tx` (a read transaction will do)."""

    def one(query: str, **params: object) -> object:
        return tx.run(query, params).single(strict=True)[0]

    indexes = one(
        "SHOW INDEXES YIELD name, labelsOrTypes WHERE name STARTS WITH $prefix "
        "RETURN collect([name, coalesce(labelsOrTypes[0], '')])",
        prefix=PREFIX,
    )
    constraints = one(
        "SHOW CONSTRAINTS YIELD name, labelsOrTypes WHERE name STARTS WITH $prefix "
        "RETURN collect([name, coalesce(labelsOrTypes[0], '')])",
        prefix=OURS,
    )
    marks = [m for m in (parse_mark(name, label) for name, label in indexes) if m is not None]
    nodes, rels, old = [], [], []
    for name, label in constraints:
        if name.startswith(NODE_CONSTRAINT):
            nodes.append((label, name))
        elif name.startswith(REL_CONSTRAINT):
            rels.append((label, name))
        else:
            old.append(name)
    old_datasets = one(f"MATCH (d:{DATASET}) RETURN collect(DISTINCT d.dataset)")
    old_nodes = one(f"MATCH (n:{ENTITY}) RETURN count(n)") + one(f"MATCH (n:{DATASET}) RETURN count(n)")
    if old_nodes and not old_datasets:
        old_datasets = one(f"MATCH (n:{ENTITY}) RETURN collect(DISTINCT n.dataset)")
    return State(
        tuple(sorted(marks, key=lambda m: m.name)),
        tuple(sorted(nodes)),
        tuple(sorted(rels)),
        tuple(sorted(old)),
        tuple(sorted(d for d in old_datasets if isinstance(d, str))),
        old_nodes,
        one("MATCH (n) RETURN count(n)"),
    )


def state_of(driver: neo4j.Driver, database: str) -> State:
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        return session.execute_read(read_state)


def check_readable(state: State, database: str, dataset: str | None = None) -> Mark | None:
    """Refuse (`SyncError`) a database a reader must not take for a finished dataset: an incomplete dataset (a sync
    migrating the previous layout included), or the previous layout; with `dataset`, also one that does not hold
    it. Returns that dataset's mark."""
    if state.incomplete:
        names = sorted({m.dataset for m in state.marks})
        if dataset is None:
            raise SyncError(incomplete_message(names))
        raise SyncError(
            f"dataset {', '.join(repr(d) for d in names)} is incomplete (a sync is writing it, or one stopped "
            f"part-way), so it is not pulled: re-run `actorgraph sync --dataset {names[0]}` to finish it"
        )
    if state.old_layout:
        names = state.old_datasets or ("default",)
        raise SyncError(
            f"Neo4j database {database!r} holds {named(list(names))} in actorgraph's previous layout (an Entity "
            f"label, dataset and sync_hash properties on every node), which queries would see: run "
            f"`actorgraph sync --dataset {names[0]}` to migrate it"
        )
    if dataset is None:
        return None
    mark = state.ready(dataset)
    if mark is None:
        held = f"it holds {named(state.datasets)}" if state.datasets else "it holds none; run `actorgraph sync` first"
        raise SyncError(f"no dataset {dataset!r} in Neo4j database {database!r} ({held})")
    return mark


def incomplete_message(datasets: list[str]) -> str:
    names = sorted(set(datasets))
    return (
        f"dataset {', '.join(repr(d) for d in names)} in this database is incomplete (a sync is writing it, or stopped "
        f"part-way), so no query is answered until it is done: re-run `actorgraph sync --dataset {names[0]}` to finish"
    )


def named(datasets: list[str]) -> str:
    return ("dataset " if len(datasets) == 1 else "datasets ") + ", ".join(repr(d) for d in datasets)


def any_of(names: list[str] | tuple[str, ...]) -> str:
    """A label (or type) expression matching any of `names`, each quoted by `ref`."""
    return "|".join(ref(n) for n in names)


def ref(name: str) -> str:
    """A label or type read from the database, quoted for Cypher (backticks doubled)."""
    return "`" + name.replace("`", "``") + "`"
