"""The embedded engine's on-disk store, found again from the inputs alone.

`query --store DIR` keeps one read-only database per built graph in DIR. Beside it, `ladybug-inputs.json` maps a
fingerprint of everything the graph was built from (every file of the seeds folder byte for byte, the schema, the
code of this package and the ladybug version) to that database. When the fingerprint matches, the query opens the
database without reading, checking or building the seeds again; any change to any input, or a link, FIFO or other
non-regular file in the seeds folder, gives no fingerprint match and the seeds are loaded (and checked) as always.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

from graph.cypher.ladybug import Graph

INDEX = "ladybug-inputs.json"
KEEP = 16  # fingerprints remembered per store (a store shared by a few projects or schema versions)
_PACKAGE = Path(__file__).resolve().parents[2]


def fingerprint(seeds: Path, schema: Path, engine_version: str) -> str | None:
    """A hash of every input of the built graph, or None if the seeds folder holds anything but plain files."""
    digest = hashlib.sha256(b"actorgraph-store-1\0" + _code() + engine_version.encode())
    try:
        if not _add_file(digest, b"schema", schema) or not _add_tree(digest, seeds):
            return None
    except OSError:
        return None
    return digest.hexdigest()[:32]


def recall(folder: Path, key: str) -> tuple[Path, Graph] | None:
    """The database and graph info remembered for fingerprint `key`, if both are still there."""
    try:
        entry = json.loads((folder / INDEX).read_text(encoding="utf-8"))[key]
        path = folder / entry["database"]
        info = Graph(**{name: frozenset(values) for name, values in entry["graph"].items()})
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if path.parent != folder or not path.exists():  # a name in the store, never a path elsewhere
        return None
    return path, info


def remember(folder: Path, key: str, database: Path, info: Graph) -> None:
    """Record that fingerprint `key` gives `database` (atomically; the oldest entries beyond KEEP are dropped)."""
    from graph._atomic import write_text

    try:
        index: dict[str, Any] = json.loads((folder / INDEX).read_text(encoding="utf-8"))
        if not isinstance(index, dict):
            index = {}
    except (OSError, ValueError):
        index = {}
    index.pop(key, None)
    index[key] = {"database": database.name, "graph": {k: sorted(v) for k, v in asdict(info).items()}}
    kept = dict(list(index.items())[-KEEP:])
    write_text(folder / INDEX, json.dumps(kept, indent=1, sort_keys=False) + "\n")


@cache
def _code() -> bytes:
    """A hash of this package's source: a store made by other code is not reused."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _add_tree(digest: Any, root: Path) -> bool:
    """Every entry under `root`, names and bytes, in sorted order; False at the first non-regular one."""
    if not stat.S_ISDIR(os.lstat(root).st_mode):
        return False
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in dirs:
            if not stat.S_ISDIR(os.lstat(os.path.join(folder, name)).st_mode):
                return False  # a link to a folder: never followed
        for name in sorted(files):
            path = Path(folder, name)
            if not _add_file(digest, path.relative_to(root).as_posix().encode(), path):
                return False
    return True


def _add_file(digest: Any, name: bytes, path: Path) -> bool:
    """The bytes of a regular file (opened without following links or blocking), or False."""
    if not stat.S_ISREG(os.lstat(path).st_mode):
        return False
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return False
        digest.update(b"\0file\0" + name + b"\0")
        while block := f.read(1 << 20):
            digest.update(block)
    return True
