"""Malformed input files, each made from a valid seed file by one change that can never leave it valid.

A change is either structural (applied to the file's data, then written out as YAML or JSON) or textual
(applied to the written bytes). `KINDS` says, per kind of input file, which fields are required,
which are references to something else, and which hold text that must be non-empty.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import strategies as st

Path_ = tuple[str | int, ...]
ANY = "*"


@dataclass(frozen=True)
class Kind:
    """Which paths of a kind of file are required, references, or non-empty text (`*` matches any key)."""

    required: tuple[Path_, ...]
    references: tuple[Path_, ...]
    texts: tuple[Path_, ...]


KINDS = {
    "schema": Kind(
        required=(("version",), ("entity_types",), ("relation_types",), ("relation_types", ANY, "source")),
        references=(
            ("relation_types", ANY, "source", ANY),
            ("relation_types", ANY, "target", ANY),
            ("relation_types", ANY, "required", ANY),
            ("relation_types", ANY, "optional", ANY),
        ),
        texts=(("entity_types",), ("relation_types",), ("relation_types", ANY, "target")),
    ),
    "document": Kind(
        required=(("id",), ("title",), ("text",)),
        references=(("text",),),
        texts=(("id",), ("title",), ("text",)),
    ),
    "document-line": Kind(
        required=(("id",), ("title",), ("content",)),
        references=(("id",),),  # the annotation file names the document by this id
        texts=(("id",), ("title",), ("content",)),
    ),
    "annotation": Kind(
        required=(
            ("document",),
            ("entities", ANY, "id"),
            ("entities", ANY, "type"),
            ("entities", ANY, "name"),
            ("relations", ANY, "type"),
            ("relations", ANY, "source"),
            ("relations", ANY, "target"),
            ("relations", ANY, "quote"),
            ("relations", ANY, "attribution", "kind"),
        ),
        references=(
            ("document",),
            ("entities", ANY, "type"),
            ("entities", ANY, "mention"),
            ("relations", ANY, "type"),
            ("relations", ANY, "source"),
            ("relations", ANY, "target"),
            ("relations", ANY, "quote"),
            ("relations", ANY, "attribution", "by"),
        ),
        texts=(
            ("document",),
            ("entities", ANY, "id"),
            ("entities", ANY, "type"),
            ("entities", ANY, "name"),
            ("relations", ANY, "type"),
            ("relations", ANY, "source"),
            ("relations", ANY, "target"),
            ("relations", ANY, "quote"),
        ),
    ),
}

# --- paths in plain data ------------------------------------------------------


def paths(data: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every path to a value below the root, parents before children."""
    out: list[Path_] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        out.append((*prefix, key))
        out.extend(paths(value, (*prefix, key)))
    return out


def matching(data: Any, patterns: tuple[Path_, ...]) -> list[Path_]:
    return [p for p in paths(data) if any(_fits(p, pattern) for pattern in patterns)]


def _fits(path: Path_, pattern: Path_) -> bool:
    return len(path) == len(pattern) and all(want in (ANY, got) for got, want in zip(path, pattern, strict=True))


def get(data: Any, path: Path_) -> Any:
    for key in path:
        data = data[key]
    return data


def put(data: Any, path: Path_, value: Any) -> Any:
    """A copy of `data` with the value at `path` replaced (or added, for a new mapping key)."""
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    head, *rest = path
    copy[head] = put(data[head], tuple(rest), value) if rest else value
    return copy


def drop(data: Any, path: Path_) -> Any:
    parent = get(data, path[:-1])
    copy = dict(parent) if isinstance(parent, dict) else list(parent)
    del copy[path[-1]]
    return put(data, path[:-1], copy)


# --- values -------------------------------------------------------------------

NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
JUNK = st.one_of(
    st.integers(min_value=-(10**9), max_value=-1),
    st.text(max_size=30),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), min_size=1, max_size=3),
)  # never a mapping: an empty mapping is a valid spec in some places


def other_kind(value: Any) -> st.SearchStrategy:
    """A value of another kind than `value` that no field holding `value` accepts."""
    big = st.integers(min_value=10**6, max_value=10**12)
    if isinstance(value, bool):
        return st.one_of(big, st.text(min_size=1, max_size=20))
    if isinstance(value, int):
        return st.one_of(st.text(max_size=20), st.floats(0.1, 0.9), st.just([value]), st.just({"x": value}))
    if isinstance(value, float):
        return st.one_of(st.text(max_size=20), st.booleans(), st.just([value]), st.just({"x": value}))
    if isinstance(value, str):
        return st.one_of(big, st.booleans(), st.just([value, 1]), st.just({"x": value}))
    if isinstance(value, list):
        return st.one_of(st.text(max_size=20), big, st.just({"x": 1}))
    return st.one_of(st.text(max_size=20), big, st.just([1]))


def deep(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def unknown_name(text: str) -> str:
    return f"zz-unknown-{text}"


# --- structural changes -------------------------------------------------------


@st.composite
def structural(draw, data: Any, kind: Kind) -> tuple[str, Any]:
    """(a description, the changed data): one change no file of this kind survives."""
    ops = ["wrong type", "unknown key", "deep"]
    if matching(data, kind.required):
        ops.append("missing")
    if matching(data, kind.references):
        ops += ["unknown reference", "huge"]
    if matching(data, kind.texts):
        ops.append("empty")
    op = draw(st.sampled_from(ops))
    if op == "wrong type":
        path = draw(st.sampled_from([p for p in paths(data) if "enum" not in p]))
        return f"{op} at {path}", put(data, path, draw(other_kind(get(data, path))))
    if op == "unknown key":
        parents = [()] + [p for p in paths(data) if isinstance(get(data, p), dict)]
        parent = draw(st.sampled_from(parents))
        key = "zz_" + draw(NAMES)
        return f"{op} {key} in {parent}", put(data, (*parent, key), draw(JUNK))
    if op == "deep":
        path = draw(st.sampled_from(paths(data)))
        return f"{op} at {path}", put(data, path, deep(draw(st.integers(101, 400))))
    if op == "missing":
        path = draw(st.sampled_from(matching(data, kind.required)))
        return f"{op} {path}", drop(data, path)
    if op == "unknown reference":
        path = draw(st.sampled_from(matching(data, kind.references)))
        return f"{op} at {path}", put(data, path, unknown_name(draw(NAMES)))
    if op == "huge":
        path = draw(st.sampled_from(matching(data, kind.references)))
        size = draw(st.sampled_from([300, 70_000, 1_200_000]))
        return f"{op} ({size}) at {path}", put(data, path, ("Z" + draw(NAMES) * size)[:size])
    path = draw(st.sampled_from(matching(data, kind.texts)))
    return f"{op} at {path}", put(data, path, draw(st.sampled_from(["", "   ", [], {}])))


# --- YAML text ------------------------------------------------------------------

PLACEHOLDER = "zz-placeholder-value"
BOMB = "".join(f"  - &b{i} [{', '.join([f'*b{i - 1}'] * 10)}]\n" for i in range(1, 9))
TAGS = (
    '!!python/object/apply:os.system ["echo pwned"]',
    "!!python/name:os.system",
    "!!binary aGVsbG8=",
    "!!timestamp 2024-11-19",
    "!!set {a, b}",
    "!custom value",
)


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=2**30)


@st.composite
def yaml_text(draw, data: Any, kind: Kind) -> tuple[str, bytes]:
    """(a description, file bytes): broken YAML, bad bytes, or good YAML of changed data."""
    op = draw(
        st.sampled_from(
            ["structural"] * 6
            + ["bad utf-8", "utf-16", "nul", "tag", "alias bomb", "self alias", "duplicate key", "unclosed"]
            + ["surrogate"]
            + ["not a mapping"]
        )
    )
    text = dump_yaml(data)
    if op == "structural":
        what, changed = draw(structural(data, kind))
        return what, dump_yaml(changed).encode()
    if op in ("tag", "alias bomb", "self alias", "surrogate"):
        path = draw(st.sampled_from(paths(data)))
        text = dump_yaml(put(data, path, PLACEHOLDER))
        if op == "tag":
            return f"{op} at {path}", text.replace(PLACEHOLDER, draw(st.sampled_from(TAGS)), 1).encode()
        if op == "surrogate":
            return f"{op} at {path}", text.replace(PLACEHOLDER, '"a\\ud800b"', 1).encode()
        if op == "self alias":
            return f"{op} at {path}", text.replace(PLACEHOLDER, "&loop [1, *loop]", 1).encode()
        anchors = "zz_anchors:\n  - &b0 [x, x, x, x, x, x, x, x, x, x]\n" + BOMB
        return f"{op} at {path}", (anchors + text.replace(PLACEHOLDER, "*b8", 1)).encode()
    if op == "duplicate key":
        lines = text.splitlines(keepends=True)
        keyed = [i for i, line in enumerate(lines) if re.match(r"^\s*[A-Za-z_][\w-]*:(\s|$)", line)]
        i = draw(st.sampled_from(keyed))
        return f"{op} line {i + 1}", "".join([*lines[: i + 1], lines[i], *lines[i + 1 :]]).encode()
    if op == "unclosed":
        lines = text.splitlines(keepends=True)
        i = draw(st.integers(0, len(lines)))
        return f"{op} at line {i + 1}", "".join([*lines[:i], "zz: [unclosed, {a: 1\n", *lines[i:]]).encode()
    if op == "not a mapping":
        top = draw(st.sampled_from([[data], "just text", 42, [1, 2], True]))
        return f"{op}: {type(top).__name__}", dump_yaml(top).encode()
    return raw_change(draw, op, text.encode())


def raw_change(draw, op: str, raw: bytes) -> tuple[str, bytes]:
    """Bytes no loader may take: bad UTF-8, UTF-16, or a NUL byte at a drawn offset."""
    if op == "utf-16":
        codec = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be"]))
        return f"{op} ({codec})", raw.decode().encode(codec)
    at = draw(st.integers(0, len(raw)))
    insert = b"\x00" if op == "nul" else draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80"]))
    return f"{op} at offset {at}", raw[:at] + insert + raw[at:]


# --- JSON Lines text ---------------------------------------------------------------


def dump_line(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


@st.composite
def json_line(draw, data: Any, kind: Kind) -> tuple[str, bytes]:
    """(a description, file bytes): a JSON Lines file whose one record is broken or wrong."""
    op = draw(
        st.sampled_from(
            ["structural"] * 6
            + ["bad utf-8", "utf-16", "nul", "truncated", "non-finite", "huge number", "surrogate"]
            + ["duplicate key", "not an object"]
        )
    )
    line = dump_line(data)
    if op == "structural":
        what, changed = draw(structural(data, kind))
        return what, (dump_line(changed) + "\n").encode()
    if op == "truncated":
        cut = draw(st.integers(1, len(line) - 1))
        return f"{op} at {cut}", (line[:cut] + "\n").encode()
    if op in ("non-finite", "surrogate"):
        path = draw(st.sampled_from(paths(data)))
        value = draw(st.sampled_from([math.nan, math.inf, -math.inf])) if op == "non-finite" else "a\ud800b"
        return f"{op} at {path}", (json.dumps(put(data, path, value)) + "\n").encode()
    if op == "huge number":
        path = draw(st.sampled_from(paths(data)))
        line = dump_line(put(data, path, PLACEHOLDER)).replace(f'"{PLACEHOLDER}"', "9" * 5000)
        return f"{op} at {path}", (line + "\n").encode()
    if op == "duplicate key":
        key = draw(st.sampled_from(sorted(data)))
        return f"{op} {key}", ("{" + json.dumps(key) + ': "first", ' + line[1:] + "\n").encode()
    if op == "not an object":
        top = draw(st.sampled_from([[data], "just text", 42, None, []]))
        return f"{op}: {top!r:.20}", (json.dumps(top) + "\n").encode()
    return raw_change(draw, op, (line + "\n").encode())
