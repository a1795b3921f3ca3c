"""Query results as a table for people, or as deterministic JSON or CSV for programs."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.table import Table

from ..engines import Result

FORMATS = ("table", "json", "csv")


def to_json(result: Result) -> str:
    """`{"columns": [...], "rows": [[...], ...]}`, one row per line, keys and floats stable."""
    rows = ",\n".join("  " + json.dumps(list(row), ensure_ascii=False) for row in result.rows)
    body = f"[\n{rows}\n ]" if result.rows else "[]"
    return f'{{"columns": {json.dumps(result.columns, ensure_ascii=False)},\n "rows": {body}}}\n'


def to_csv(result: Result) -> str:
    """A header line and one line per row; lists as JSON arrays, null as an empty field."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([_cell(v) for v in row] for row in result.rows)
    return buf.getvalue()


def to_table(result: Result) -> Table:
    """A rich table (text wraps to the terminal's width)."""
    table = Table()
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*(_cell(v) for v in row))
    return table


def count_line(result: Result) -> str:
    return f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
