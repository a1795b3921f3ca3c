"""Query parameters from the command line: `key=value`, typed by the query's header or by their look."""

from __future__ import annotations

import re
from typing import Any

INTEGER = re.compile(r"^[+-]?\d+$")
NUMBER = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ParamError(Exception):
    """A parameter that cannot be used; `str()` names it."""


def parse(pairs: list[str], declared: dict[str, str] | None = None) -> dict[str, Any]:
    """`["k=v", ...]` as a dict; values typed by `declared` (name -> schema type) else inferred."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lstrip("$")
        if not sep or not NAME.match(key):
            raise ParamError(f"--param {pair!r}: write it as name=value")
        if key in out:
            raise ParamError(f"parameter {key!r} is given twice")
        out[key] = convert(key, value, (declared or {}).get(key))
    return out


def convert(key: str, value: str, kind: str | None) -> Any:
    """`value` as `kind` (string, integer, number, boolean), or inferred when `kind` is None."""
    if kind == "string":
        return value
    low = value.lower()
    if kind in (None, "boolean") and low in ("true", "false"):
        return low == "true"
    if kind in (None, "integer") and INTEGER.match(value):
        return int(value)
    if kind in (None, "number") and NUMBER.match(value):
        return float(value) if kind or not INTEGER.match(value) else int(value)
    if kind is None:
        return value
    raise ParamError(f"parameter {key!r} must be {'a' if kind != 'integer' else 'an'} {kind}, not {value!r}")


def check(used: list[str], given: dict[str, Any]) -> None:
    """Raise naming the first missing or unknown parameter."""
    missing = [p for p in used if p not in given]
    if missing:
        raise ParamError(f"missing parameter ${missing[0]}: pass --param {missing[0]}=VALUE")
    unknown = sorted(set(given) - set(used))
    if unknown:
        takes = ", ".join(f"${p}" for p in used) or "no parameters"
        raise ParamError(f"unknown parameter {unknown[0]!r}: the query takes {takes}")
