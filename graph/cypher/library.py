"""The shipped queries: `.cypher` files whose comment header names, describes and types them.

// name: who-opposes-the-ordinance
// description: Who opposes the Los Angeles sanctuary ordinance, with the quotes.
// param: name (string) — an actor's id, name or alias, any case
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HEADER = re.compile(r"^//\s*(name|description|param):\s*(.*?)\s*$")
PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<type>string|integer|number|boolean)\)\s*(?:[—-]+\s*)?(?P<meaning>.*)$"
)


class LibraryError(Exception):
    """A query file whose header is missing or malformed, or a query name not found."""


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


def list_queries(folder: Path) -> list[QueryFile]:
    """Every `.cypher` file in `folder`, by name."""
    return sorted((read_query(p) for p in folder.glob("*.cypher")), key=lambda q: q.name)


def find_query(folder: Path, name: str) -> QueryFile:
    """The shipped query called `name` (its file is `folder/name.cypher`)."""
    path = folder / f"{name}.cypher"
    if path.is_file():
        return read_query(path)
    names = [p.stem for p in sorted(folder.glob("*.cypher"))]
    listing = ", ".join(names) if names else f"none in {folder}"
    raise LibraryError(f"no query named {name!r}; shipped queries: {listing} (see `actorgraph queries`)")
