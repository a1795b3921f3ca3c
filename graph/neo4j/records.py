"""The graph as Neo4j records: labels, types and property names checked against the schema, a content hash each.

A node becomes `(:Entity:<entity type> {dataset, id, sync_hash, …attrs})`; an edge becomes
`-[:<cypher type> {dataset, id, sync_hash, …attrs}]->` between two nodes of the same dataset; the graph's
own attributes are JSON on one `(:ActorgraphDataset {dataset, graph_json})` node, which also carries
`syncing: true` while a sync writes the dataset (and after one stopped part-way): `pull` and the neo4j engine
refuse an incomplete dataset until a sync finishes it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import networkx as nx

from graph.errors import SyncError
from graph.schema import EDGE_FIELDS, NODE_FIELDS, Schema

ENTITY = "Entity"  # the label every synced node carries, besides its entity type
DATASET = "ActorgraphDataset"  # the label of the node holding a dataset's graph attributes
RESERVED = ("dataset", "sync_hash")  # properties sync adds; attrs may not use them
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
DATASET_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
HASH_VERSION = "actorgraph-sync-1"
INCOMPLETE_DATASETS = f"MATCH (d:{DATASET}) WHERE d.syncing = true RETURN collect(d.dataset) AS incomplete"


@dataclass(frozen=True)
class NodeRecord:
    id: str
    label: str
    props: dict[str, Any]  # everything stored, including dataset, id and sync_hash

    @property
    def hash(self) -> str:
        return self.props["sync_hash"]


@dataclass(frozen=True)
class RelRecord:
    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any]

    @property
    def hash(self) -> str:
        return self.props["sync_hash"]


def quoted(name: str) -> str:
    """`name` as a backtick-quoted Cypher identifier, if it is a plain identifier; else `SyncError`."""
    if not IDENTIFIER.fullmatch(name):
        raise SyncError(f"{name!r} is not a plain identifier and cannot be a Neo4j label or type")
    return f"`{name}`"


def check_dataset(name: str) -> str:
    if not DATASET_NAME.fullmatch(name):
        raise SyncError(f"dataset name {name!r}: use letters, digits, '.', '_' and '-' (at most 100)")
    return name


def node_records(graph: nx.MultiDiGraph, schema: Schema, dataset: str) -> list[NodeRecord]:
    """Every node, in id order, labelled by its schema entity type."""
    labels = set(schema.entity_types)
    for reserved in (ENTITY, DATASET):
        if reserved in labels:
            raise SyncError(f"entity type {reserved!r} clashes with a label sync reserves; rename it in the schema")
    fields = {name: _named(NODE_FIELDS | set(spec.properties)) for name, spec in schema.entity_types.items()}
    records = []
    for node, attrs in sorted(graph.nodes(data=True)):
        label = attrs.get("type")
        if label not in labels:
            raise SyncError(f"node {node!r}: type {label!r} is not an entity type of the schema")
        quoted(label)
        props = {"id": node, **_storable(f"node {node!r}", attrs, fields[label])}
        records.append(NodeRecord(node, label, _hashed(props, dataset, [label])))
    return records


def rel_records(graph: nx.MultiDiGraph, schema: Schema, dataset: str) -> list[RelRecord]:
    """Every edge, in key order, typed by its schema Cypher type."""
    types = {schema.cypher_type(r) for r in schema.relation_types}
    fields = _named(EDGE_FIELDS | set(schema.qualifiers))
    records = []
    edges = [
        (source, target, key, attrs)
        for source, targets in graph._succ.items()
        for target, keys in targets.items()
        for key, attrs in keys.items()
    ]  # what graph.edges(keys=True, data=True) yields, in its order, without a view call per edge
    edges.sort(key=itemgetter(2))
    for source, target, key, attrs in edges:
        rtype = attrs.get("cypher_type")
        if rtype not in types:
            raise SyncError(f"relation {key!r}: type {rtype!r} is not a Cypher type of the schema")
        quoted(rtype)
        if attrs.get("id", key) != key:
            raise SyncError(f"relation {key!r}: its `id` attribute {attrs['id']!r} differs from its key")
        props = {**_storable(f"relation {key!r}", attrs, fields), "id": key}
        records.append(RelRecord(key, rtype, source, target, _hashed(props, dataset, [rtype, source, target])))
    return records


def graph_json(graph: nx.MultiDiGraph) -> str:
    """The graph's own attributes (name, schema version, documents) as canonical JSON."""
    return json.dumps(graph.graph, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_SCALARS = frozenset((str, bool, int, float))
_RESERVED = frozenset(RESERVED)
_canonical = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # as json.dumps(…, same options)


def _named(names: set[str] | frozenset[str]) -> frozenset[str]:
    """The attribute names sync may write: plain identifiers, none reserved for sync."""
    return frozenset(n for n in names if IDENTIFIER.fullmatch(n) and n not in _RESERVED)


def _storable(what: str, attrs: dict[str, Any], fields: frozenset[str]) -> dict[str, Any]:
    """The attrs, checked to be named by `fields` (see `_named`) and to be values Neo4j stores as they are
    (scalars and lists of one scalar type)."""
    if attrs.keys() <= fields and all(type(v) in _SCALARS for v in attrs.values()):
        return dict(attrs)  # the common case, checked at once
    for name, value in attrs.items():
        if name in RESERVED:
            raise SyncError(f"{what}: attribute {name!r} is reserved for sync; rename it in the schema")
        if name not in fields or not IDENTIFIER.fullmatch(name):
            raise SyncError(f"{what}: attribute {name!r} is neither a core field nor declared in the schema")
        if not _is_storable(value):
            raise SyncError(f"{what}: attribute {name!r} holds {type(value).__name__}, which Neo4j cannot store")
    return dict(attrs)


def _is_storable(value: Any) -> bool:
    if type(value) in _SCALARS or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list):
        kinds = {type(v) for v in value}
        return len(kinds) <= 1 and all(k in (str, bool, int, float) for k in kinds)
    return False


def _hashed(props: dict[str, Any], dataset: str, shape: list[str]) -> dict[str, Any]:
    """`props` plus `dataset` and a hash of the shape (labels or type and endpoints) and the properties."""
    canonical = _canonical([HASH_VERSION, shape, props])
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:32]
    return {**props, "dataset": dataset, "sync_hash": digest}
