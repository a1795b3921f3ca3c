"""The embedded engine: the graph loaded into a ladybug database, in memory or cached on disk."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ladybug

from graph.cypher.engines.base import Node, Relationship, Result
from graph.errors import EngineUnavailable, QueryError

if TYPE_CHECKING:
    import networkx as nx

    from graph.schema import Schema

WHOLE_VALUES = {"RECURSIVE_REL", "PATH"}
INTERNAL = {"_ID", "_LABEL", "_SRC", "_DST"}


class EmbeddedEngine:
    """Cypher over a ladybug database holding one built graph."""

    name = "embedded"

    def __init__(self, database: ladybug.Database, graph_info: Any = None) -> None:
        self._db = database
        self._conn = ladybug.Connection(database)
        self.graph_info = graph_info  # what `cypher.ladybug.translate` needs to know of the graph
        self._ids: dict[tuple[int, int], str] | None = None
        self.path: Path | None = None  # the database file, when kept on disk

    @classmethod
    def in_memory(cls, graph: nx.MultiDiGraph, schema: Schema) -> EmbeddedEngine:
        """A fresh in-memory database loaded with `graph`."""
        from graph.cypher.engines.loading import graph_info, load

        db = ladybug.Database()
        try:
            load(ladybug.Connection(db), graph, schema)
        except RuntimeError as err:
            db.close()
            problem = ladybug_message(str(err))
            raise EngineUnavailable(f"cannot load the graph into the embedded engine: {problem}") from None
        return cls(db, graph_info(graph, schema))

    @classmethod
    def cached(cls, graph: nx.MultiDiGraph, schema: Schema, folder: Path) -> EmbeddedEngine:
        """A read-only database under `folder`, built once per graph content and reused after."""
        from graph.cypher.engines.loading import CACHE_PREFIX, build_file, content_key, graph_info

        path = folder / f"{CACHE_PREFIX}{content_key(graph, schema)}.lbug"
        try:
            if not path.exists():
                build_file(path, graph, schema)
            engine = cls(ladybug.Database(str(path), read_only=True), graph_info(graph, schema))
        except (OSError, RuntimeError) as err:
            raise EngineUnavailable(f"cannot keep the database at {path}: {err}") from None
        engine.path = path
        return engine

    @classmethod
    def stored(
        cls,
        folder: Path,
        seeds: Path,
        schema_path: Path,
        build: Callable[[], tuple[nx.MultiDiGraph, Schema]],
        as_of: str | None = None,
    ) -> EmbeddedEngine:
        """The database under `folder` for these inputs: opened directly when their fingerprint is remembered,
        else `build()` (which loads and checks the seeds) makes it, and the fingerprint is remembered. `as_of`, the
        day `build()` filters the corpus by, is part of the fingerprint."""
        from graph.cypher.engines import store

        key = store.fingerprint(seeds, schema_path, f"{ladybug.__version__} as of {as_of}")
        if key and (hit := store.recall(folder, key)):
            try:
                return cls(ladybug.Database(str(hit[0]), read_only=True), hit[1])
            except RuntimeError:
                pass  # a damaged store: build it again
        engine = cls.cached(*build(), folder)
        if key:
            with contextlib.suppress(OSError):
                store.remember(folder, key, engine.path, engine.graph_info)
        return engine

    def run(self, query: str, params: dict[str, Any] | None = None) -> Result:
        try:
            result = self._conn.execute(query, params or {})
        except RuntimeError as err:
            raise QueryError(ladybug_message(str(err))) from None
        if isinstance(result, list):
            raise QueryError("run one statement at a time (the query holds several, separated by ';')")
        try:
            names = result.get_column_names()
            types = result.get_column_data_types()
            whole = [n for n, t in zip(names, types, strict=True) if t.split("(")[0] in WHOLE_VALUES]
            if whole:
                raise QueryError(
                    f"column {whole[0]!r} is a whole node, relationship or path; "
                    f"return its properties instead (e.g. n.name, r.quote)"
                )
            return Result(list(names), [tuple(self._value(v) for v in row) for row in result.get_all()])
        finally:
            result.close()

    def _value(self, value: Any) -> Any:
        """A ladybug value as Neo4j returns it: whole nodes and relationships as `base` values."""
        if isinstance(value, list):
            return [self._value(v) for v in value]
        if not isinstance(value, dict):
            return _plain(value)
        if "_ID" not in value or "_LABEL" not in value:
            return {k: self._value(v) for k, v in value.items()}
        props = {k: self._value(v) for k, v in value.items() if k not in INTERNAL and v is not None}
        if "_SRC" not in value:
            return Node(str(props.get("id")), (value["_LABEL"],), props)
        ids = self._node_ids()
        start, end = (ids[(v["table"], v["offset"])] for v in (value["_SRC"], value["_DST"]))
        return Relationship(str(props.get("id")), value["_LABEL"], start, end, props)

    def _node_ids(self) -> dict[tuple[int, int], str]:
        """Ladybug's internal node ids to actorgraph ids, read once."""
        if self._ids is None:
            result = self._conn.execute("MATCH (n) RETURN id(n), n.id")
            self._ids = {(i["table"], i["offset"]): n for i, n in result.get_all()}
            result.close()
        return self._ids

    def close(self) -> None:
        self._conn.close()
        self._db.close()


def ladybug_message(message: str) -> str:
    """Ladybug's error message, minus its exception-class prefix; parser errors keep position and caret."""
    kind, _, rest = message.partition(" exception: ")
    if not rest:
        return message.strip()
    if kind == "Parser":
        return f"syntax error: {rest.strip()}"
    return rest.strip()


def _plain(value: Any) -> Any:
    """Ladybug's DECIMAL (e.g. from sum()) as int or float, the types Neo4j returns."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
