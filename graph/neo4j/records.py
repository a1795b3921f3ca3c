"""The graph as Neo4j records: labels, types and property names checked against the schema.

A node becomes `(:<entity type> {id, …attrs})`; an edge becomes `-[:<cypher type> {id, …attrs}]->`: exactly
what the build holds, nothing of the sync's own (a null attribute is refused: Neo4j stores none). A sync reads
back what is stored and compares it with the records by `same` (value types included), so it stores no hashes.
The dataset's name, graph attributes and "syncing" mark live in the name of one index (see `layout`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import networkx as nx

from graph.errors import SyncError
from graph.schema import EDGE_FIELDS, NODE_FIELDS, Schema

ENTITY = "Entity"  # the previous layout's label on every synced node (migrated away; not an entity type)
DATASET = "ActorgraphDataset"  # the previous layout's dataset node label (migrated away; not an entity type)
META_PROPERTY = "actorgraph_meta"  # the property of the (always empty) index whose name holds the metadata
RESERVED = (META_PROPERTY,)  # attrs may not use it
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
DATASET_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


@dataclass(frozen=True)
class NodeRecord:
    id: str
    label: str
    props: dict[str, Any]  # everything stored: id and the attributes


@dataclass(frozen=True)
class RelRecord:
    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any]  # everything stored: the attributes and id
    source_label: str = ""  # the endpoints' entity types (their labels)
    target_label: str = ""


def quoted(name: str) -> str:
    """`name` as a backtick-quoted Cypher identifier, if it is a plain identifier; else `SyncError`."""
    if not IDENTIFIER.fullmatch(name):
        raise SyncError(f"{name!r} is not a plain identifier and cannot be a Neo4j label or type")
    return f"`{name}`"


def check_dataset(name: str) -> str:
    if not DATASET_NAME.fullmatch(name):
        raise SyncError(f"dataset name {name!r}: use letters, digits, '.', '_' and '-' (at most 100)")
    return name


def node_records(graph: nx.MultiDiGraph, schema: Schema) -> list[NodeRecord]:
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
        records.append(NodeRecord(node, label, props))
    return records


def rel_records(graph: nx.MultiDiGraph, schema: Schema) -> list[RelRecord]:
    """Every edge, in key order, typed by its schema Cypher type."""
    types = {schema.cypher_type(r) for r in schema.relation_types}
    fields = _named(EDGE_FIELDS | set(schema.qualifiers))
    labels = graph.nodes(data="type")
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
        records.append(RelRecord(key, rtype, source, target, props, labels[source], labels[target]))
    return records


def graph_json(graph: nx.MultiDiGraph) -> str:
    """The graph's own attributes (name, schema version, documents) as canonical JSON."""
    return json.dumps(graph.graph, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_SCALARS = frozenset((str, bool, int, float))
_RESERVED = frozenset(RESERVED)


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


def same(stored: dict[str, Any], wanted: dict[str, Any]) -> bool:
    """Whether stored properties are the wanted ones exactly: equal, and of the same types (Python's `==` takes 1,
    1.0 and True for one value; Neo4j keeps them apart), lists element by element."""
    if stored != wanted:
        return False
    for key, value in stored.items():
        other = wanted[key]
        if type(value) is not type(other):
            return False
        if type(value) is list and any(type(a) is not type(b) for a, b in zip(value, other, strict=True)):
            return False
    return True
