"""Making the embedded engine's database: a table per entity type and Cypher type, filled from the built graph.

Every name written into Cypher text is checked against the schema's patterns first; values travel only as
pyarrow data or parameters.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx

from graph.cypher.engines import tables as cols
from graph.errors import EngineUnavailable
from graph.readwrite import node_link
from graph.schema import CYPHER_TYPE, ENTITY_TYPE, FIELD_NAME, Schema

CACHE_PREFIX = "ladybug-"


IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def graph_info(graph: nx.MultiDiGraph, schema: Schema) -> Any:
    """The names and self-looped relationship types of `graph`, for translating queries to ladybug."""
    from graph.cypher.ladybug import Graph

    tables = [*cols.node_tables(schema), *cols.rel_tables(schema)]
    looped = {attrs["cypher_type"] for u, v, attrs in graph.edges(data=True) if u == v}
    return Graph(
        labels=frozenset(schema.entity_types),
        types=frozenset(schema.cypher_type(r) for r in schema.relation_types),
        properties=frozenset(c for t in tables for c in t.columns),
        looped=frozenset(looped),
        lists=frozenset(c for t in tables for c, kind in t.columns.items() if kind in cols.LIST_KINDS),
    )


def load(conn: ladybug.Connection, graph: nx.MultiDiGraph, schema: Schema) -> None:
    """Create a table per entity type and relation type, and COPY the graph into them."""
    _check_identifiers(schema)
    _check_names(schema)
    nodes, rels = cols.node_tables(schema), cols.rel_tables(schema)
    for table in nodes:
        conn.execute(f"CREATE NODE TABLE {_q(table.name)}({_columns(table)}, PRIMARY KEY(`id`))")
    groups = cols.rel_rows(graph, rels)
    used: dict[str, list[tuple[str, str]]] = {}
    for name, source, target in groups:
        used.setdefault(name, []).append((source, target))
    for table in rels:
        # Only the endpoint pairs the graph has (each is a table ladybug opens and closes with the database; a
        # broad schema has hundreds): a pattern over an unused pair matches nothing, as on Neo4j.
        pairs = ", ".join(f"FROM {_q(s)} TO {_q(t)}" for s, t in used.get(table.name) or table.pairs[:1])
        conn.execute(f"CREATE REL TABLE {_q(table.name)}({pairs}, {_columns(table)})")
    # The rows travel as a query parameter (the documented `COPY T FROM $rows` form), never as text.
    for name, rows in cols.node_rows(graph, nodes).items():
        conn.execute(f"COPY {_q(name)} FROM $rows", {"rows": rows})
    for (name, source, target), rows in groups.items():
        if source not in schema.entity_types or target not in schema.entity_types:
            raise EngineUnavailable(f"{name}: endpoint types {source!r}, {target!r} are not in the schema")
        ends = f"(from='{_plain_name(source)}', to='{_plain_name(target)}')"
        conn.execute(f"COPY {_q(name)} FROM $rows {ends}", {"rows": rows})


def _check_identifiers(schema: Schema) -> None:
    """Every label, type and property name written into Cypher text follows the schema's naming patterns.

    `load_schema` already refuses other names; this holds for a `Schema` made any other way too.
    Values never enter Cypher text: they travel as pyarrow columns or query parameters.
    """
    names = [(t, ENTITY_TYPE) for t in schema.entity_types]
    names += [(schema.cypher_type(r), CYPHER_TYPE) for r in schema.relation_types]
    for table in [*cols.node_tables(schema), *cols.rel_tables(schema)]:
        names += [(c, FIELD_NAME) for c in table.columns]
        names += [(t, ENTITY_TYPE) for pair in table.pairs for t in pair]
    for name, pattern in names:
        if not pattern.fullmatch(name) or not IDENTIFIER.fullmatch(name):
            raise EngineUnavailable(f"the embedded engine refuses the name {name!r}: it is not a plain identifier")


def _check_names(schema: Schema) -> None:
    """Ladybug table names ignore case; Neo4j's labels do not. Refuse names that differ only in case."""
    seen: dict[str, str] = {}
    for table in [*cols.node_tables(schema), *cols.rel_tables(schema)]:
        other = seen.setdefault(table.name.lower(), table.name)
        if other != table.name:
            raise EngineUnavailable(
                f"the embedded engine cannot hold both {other!r} and {table.name!r}: its table names ignore case; "
                "rename one in the schema (for a relation type, set `cypher:`)"
            )


def content_key(graph: nx.MultiDiGraph, schema: Schema) -> str:
    """A hash of the built graph, the table layout and the engine version: equal keys, equal databases."""
    digest = hashlib.sha256(node_link.dumps(graph).encode())
    for table in [*cols.node_tables(schema), *cols.rel_tables(schema)]:
        digest.update(repr(table).encode())
    digest.update(ladybug.__version__.encode())
    digest.update(b"layout 2: relationship tables hold the endpoint pairs the graph uses")
    return digest.hexdigest()[:16]


def build_file(path: Path, graph: nx.MultiDiGraph, schema: Schema) -> None:
    """Build the database beside `path` and rename it into place; remove caches of other graphs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=".ladybug-")) / path.name
    try:
        db = ladybug.Database(str(tmp))
        conn = ladybug.Connection(db)
        load(conn, graph, schema)
        conn.close()
        db.close()
        os.replace(tmp, path)
    finally:
        for leftover in tmp.parent.iterdir():
            leftover.unlink()
        tmp.parent.rmdir()
    for stale in path.parent.glob(f"{CACHE_PREFIX}*.lbug*"):
        if not stale.name.startswith(path.name):
            stale.unlink()


def _columns(table: cols.Table) -> str:
    return ", ".join(f"{_q(name)} {cols.DDL_TYPE[kind]}" for name, kind in table.columns.items())


def _q(name: str) -> str:
    """A backtick-quoted identifier."""
    return f"`{_plain_name(name)}`"


def _plain_name(name: str) -> str:
    if not IDENTIFIER.fullmatch(name):
        raise EngineUnavailable(f"not a plain identifier: {name!r}")
    return name
