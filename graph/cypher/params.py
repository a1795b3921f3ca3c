"""Query parameters from the command line: `name=value` or `name:type=value`.

The rule, in order:

1. `name:type=value` types the value explicitly: `string` (or `str`; the text as is, so `name:string=2017`
   and `name:str=[x]` stay text), `integer` (`int`), `number` (`float`), `boolean` (`bool`) or `json`
   (any JSON value, `null` included).
2. Else a shipped query's header types it (`string`, `integer`, `number`, `boolean`).
3. Else its look: `true`/`false` (any case) → boolean; `12`, `-3` → integer; `0.5`, `1e3` → float;
   text starting with `[` or `{` → a JSON list or map (`ids=["lapd","ice"]`, `m={"a": 1}`); text starting
   with `"` → a JSON string (`name="2017"` is the text 2017); anything else → the text as is.

Bad JSON is an error naming the parameter, line and column; NaN/Infinity, duplicate keys and nesting
deeper than 100 levels are refused.
"""

from __future__ import annotations

import json
import re
from typing import Any

from graph.errors import ParamError

INTEGER = re.compile(r"^[+-]?\d+$")
NUMBER = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
TYPES = {
    "string": "string",
    "str": "string",
    "integer": "integer",
    "int": "integer",
    "number": "number",
    "float": "number",
    "boolean": "boolean",
    "bool": "boolean",
    "json": "json",
}
MAX_DEPTH = 100


def parse(pairs: list[str], declared: dict[str, str] | None = None) -> dict[str, Any]:
    """`["k=v", "k:type=v", ...]` as a dict; typed explicitly, else by `declared` (name -> type), else by look."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key, colon, kind = key.strip().lstrip("$").partition(":")
        if not sep or not NAME.fullmatch(key):
            raise ParamError(f"--param {pair!r}: write it as name=value or name:type=value")
        if colon and kind.strip().lower() not in TYPES:
            raise ParamError(f"--param {pair!r}: unknown type {kind!r}; choose one of: {', '.join(TYPES)}")
        if key in out:
            raise ParamError(f"parameter {key!r} is given twice")
        explicit = TYPES[kind.strip().lower()] if colon else None
        out[key] = convert(key, value, explicit or (declared or {}).get(key))
    return out


def convert(key: str, value: str, kind: str | None) -> Any:
    """`value` as `kind` (string, integer, number, boolean, json), or by its look when `kind` is None."""
    if kind == "string":
        return value
    if kind == "json" or (kind is None and value[:1] in ("[", "{", '"')):
        return parse_json(key, value)
    low = value.lower()
    if kind in (None, "boolean") and low in ("true", "false"):
        return low == "true"
    if kind in (None, "integer") and INTEGER.fullmatch(value):
        return int(value)
    if kind in (None, "number") and NUMBER.fullmatch(value):
        return float(value) if kind or not INTEGER.fullmatch(value) else int(value)
    if kind is None:
        return value
    raise ParamError(f"parameter {key!r} must be {'a' if kind != 'integer' else 'an'} {kind}, not {value!r}")


def parse_json(key: str, text: str) -> Any:
    """`text` as JSON, or a `ParamError` saying where it goes wrong and how to pass text instead."""
    try:
        value = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
        deep = _depth(value) > MAX_DEPTH
    except json.JSONDecodeError as err:
        raise ParamError(
            f"parameter {key!r} is not valid JSON: {err.msg} (line {err.lineno}, column {err.colno}); "
            f"pass text as --param {key}:string=…"
        ) from None
    except ValueError as err:
        raise ParamError(f"parameter {key!r} is not usable JSON: {err}") from None
    except RecursionError:
        deep = True
    if deep:
        raise ParamError(f"parameter {key!r}: JSON nested deeper than {MAX_DEPTH} levels")
    return value


def check(used: list[str], given: dict[str, Any]) -> None:
    """Raise naming the first missing or unknown parameter."""
    missing = [p for p in used if p not in given]
    if missing:
        raise ParamError(f"missing parameter ${missing[0]}: pass --param {missing[0]}=VALUE")
    unknown = sorted(set(given) - set(used))
    if unknown:
        takes = ", ".join(f"${p}" for p in used) or "no parameters"
        raise ParamError(f"unknown parameter {unknown[0]!r}: the query takes {takes}")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"key {k!r} is given twice")
        out[k] = v
    return out


def _depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0
