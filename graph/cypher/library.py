"""The shipped queries: `.cypher` files whose comment header names, describes and types them.

// name: who-opposes-the-ordinance
// description: Who opposes the Los Angeles sanctuary ordinance, with the quotes.
// param: name (string) — an actor's id, name or alias, any case
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.errors import LibraryError

QUERY_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
HEADER = re.compile(r"^//\s*(name|description|param):\s*(.*?)\s*$")
PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<type>string|integer|number|boolean)\)\s*(?:[—-]+\s*)?(?P<meaning>.*)$"
)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    meaning: str


@dataclass(frozen=True)
class QueryFile:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path


def read_query(path: Path) -> QueryFile:
    """Parse one `.cypher` file's header; the whole file (header included) is the query text."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {"name": [], "description": [], "param": []}
    for line in text.splitlines():
        m = HEADER.match(line.strip())
        if m:
            fields[m.group(1)].append(m.group(2))
        elif line.strip() and not line.strip().startswith("//"):
            break
    if len(fields["name"]) != 1 or len(fields["description"]) != 1:
        raise LibraryError(f"{path}: the header needs one `// name:` and one `// description:` line")
    params = []
    for raw in fields["param"]:
        m = PARAM.match(raw)
        if not m:
            raise LibraryError(f"{path}: bad `// param: {raw}`; write `// param: name (string) — meaning`")
        params.append(Param(m["name"], m["type"], m["meaning"]))
    return QueryFile(fields["name"][0], fields["description"][0], tuple(params), text, path)


def list_queries(folders: Path | Sequence[Path]) -> list[QueryFile]:
    """Every `.cypher` query in `folders`, by name; where two folders hold the same name, the first wins."""
    found: dict[str, QueryFile] = {}
    for folder in _folders(folders):
        for path in sorted(folder.glob("*.cypher")):
            found.setdefault(path.stem, read_query(path))
    return sorted(found.values(), key=lambda q: q.name)


def find_query(folders: Path | Sequence[Path], name: str) -> QueryFile:
    """The query called `name` (its file is `FOLDER/name.cypher`), from the first of `folders` that has it."""
    searched = _folders(folders)
    for folder in searched:
        path = folder / f"{name}.cypher"
        if path.is_file():
            return read_query(path)
    names = sorted({p.stem for folder in searched for p in folder.glob("*.cypher")})
    listing = ", ".join(names) if names else "none"
    where = " or ".join(str(folder) for folder in searched)
    raise LibraryError(
        f"no query named {name!r}; shipped queries: {listing} (looked in {where}; see `actorgraph queries`); "
        "give one of these, a .cypher file, Cypher text, or --queries DIR for a folder of your own"
    )


def _folders(folders: Path | Sequence[Path]) -> list[Path]:
    return [folders] if isinstance(folders, Path) else list(folders)


def resolve(text: str, folders: Path | Sequence[Path]) -> QueryFile | None:
    """The query or `.cypher` file `text` names, or None when `text` is Cypher itself."""
    if text.endswith(".cypher"):
        path = Path(text)
        if not path.is_file():
            raise LibraryError(f"no such query file: {text}")
        return read_query(path)
    if QUERY_NAME.match(text):
        return find_query(folders, text)
    return None
