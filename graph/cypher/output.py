"""Query results as a table for people, or as deterministic JSON, JSON Lines or CSV for programs.

Every value has one canonical JSON form (`plain`), used by JSON and JSON Lines as is and by CSV and the table
for everything that is not a scalar:

- null, booleans, integers, strings: themselves; floats: numbers, NaN and infinities as the strings
  `"NaN"`, `"Infinity"`, `"-Infinity"` (JSON has no such numbers).
- `date` → `"2024-11-05"`; `datetime` → `"2024-11-05T10:30:00"` (naive), `"2024-11-05T10:30:00+01:00"`
  (aware; `[Europe/Paris]` appended when the zone has a name), `time` → `"10:30:00"` (ISO 8601, microseconds
  or nanoseconds only when non-zero). `neo4j.time` values are accepted as they are.
- durations → ISO 8601 in Neo4j's `toString` form: `"P1Y2M3DT4H5M6.5S"`, `"PT0S"`, `"PT-1S"`. A duration is
  a `neo4j.time.Duration`, a `datetime.timedelta`, or any object with integer `months`, `days`, `seconds`
  and `nanoseconds` attributes (the representation the engines hand over).
- lists → arrays; maps → objects with sorted keys; `Node` → `{"id", "labels", "properties"}`,
  `Relationship` → `{"id", "type", "start", "end", "properties"}`, `Path` → `{"nodes", "relationships"}`.
- bytes → lowercase hex; anything else → its `str()` (output never crashes).

JSON text escapes every control, bidi control, line separator and lone surrogate (`\\u001b`, `\\u202e`), so
it is exact data and inert on a terminal. CSV is exact when written to a file or pipe (text cells guarded
against spreadsheet formulas unless `raw`) and made inert when written to a terminal. Table cells are
printed literally: never read as markup or emoji codes, controls shown as escapes.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from rich.table import Table

from graph._spreadsheet import Guard, csv_row
from graph._terminal import inert
from graph._terminal import plain as plain_text
from graph.cypher.engines import Result
from graph.cypher.engines.base import Node, Path, Relationship

FORMATS = ("table", "json", "jsonl", "csv")
NS = 1_000_000_000
DAY_US = 86_400_000_000
# What json.dumps(ensure_ascii=False) leaves raw but a terminal would act on (C0 controls it escapes itself).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SCALARS = frozenset((str, int, bool, type(None)))
_SURROGATE = re.compile("[\ud800-\udfff]")


def to_json(result: Result) -> str:
    """`{"columns": [...], "rows": [[...], ...]}`, one row per line, keys and floats stable."""
    rows = ",\n".join("  " + dumps(list(row)) for row in result.rows)
    body = f"[\n{rows}\n ]" if result.rows else "[]"
    return f'{{"columns": {dumps(result.columns)},\n "rows": {body}}}\n'


def to_jsonl(result: Result) -> str:
    """One JSON object per row, `{"column": value, ...}` in column order; nothing for no rows."""
    return "".join(
        _json_text({c: plain(v) for c, v in zip(result.columns, row, strict=True)}) + "\n" for row in result.rows
    )


def to_csv(result: Result, guard: Guard | None = None, terminal: bool = False) -> str:
    """A header line and one line per row; non-scalars as canonical JSON, null as an empty field.

    Text cells pass through `guard` (spreadsheet formulas neutralised; default `Guard()`); with `terminal`,
    cells are also made inert. Lone surrogates, which UTF-8 cannot hold, are always written as `\\udcxx`.
    """
    guard = guard or Guard()
    shown = inert if terminal else _no_surrogates
    lines = [csv_row([shown(guard(c)) for c in result.columns])]
    lines += (csv_row([shown(_csv_cell(v, guard)) for v in row]) for row in result.rows)
    return "".join(lines)


def to_table(result: Result) -> Table:
    """A rich table (text wraps to the terminal's width); every cell printed literally."""
    table = Table()
    for column in result.columns:
        table.add_column(plain_text(column, lines=False), overflow="fold")
    for row in result.rows:
        table.add_row(*(plain_text(cell(v)) for v in row))
    return table


def count_line(result: Result) -> str:
    return f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"


def dumps(value: Any) -> str:
    """`value` as canonical JSON text, inert on a terminal (and still exact data)."""
    return _json_text(plain(value))


def _json_text(form: Any) -> str:
    text = json.dumps(form, ensure_ascii=False, allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def cell(value: Any) -> str:
    """The text of one value in a table or CSV cell: scalars as text, null empty, the rest canonical JSON."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    form = plain(value)
    if isinstance(form, bool):
        return "true" if form else "false"
    if isinstance(form, str | int | float):
        return str(form)
    return json.dumps(form, ensure_ascii=False, allow_nan=False)


def plain(value: Any) -> Any:
    """The canonical JSON form of a result value (see the module docstring)."""
    if type(value) in _SCALARS:
        return value
    if type(value) is list:
        return [plain(v) for v in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, Node):
        return {"id": value.id, "labels": list(value.labels), "properties": plain(value.properties)}
    if isinstance(value, Relationship):
        props = plain(value.properties)
        return {"id": value.id, "type": value.type, "start": value.start, "end": value.end, "properties": props}
    if isinstance(value, Path):
        return {"nodes": plain(list(value.nodes)), "relationships": plain(list(value.relationships))}
    text = temporal_text(value)
    if text is not None:
        return text
    if isinstance(value, dict):
        return {str(k): plain(value[k]) for k in sorted(value, key=str)}
    if type(value).__module__.startswith("neo4j.graph"):
        return _neo4j_graph(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bytes | bytearray):
        return value.hex()
    return str(value)


def temporal_text(value: Any) -> str | None:
    """ISO 8601 text of a date, time, datetime or duration (Python's or `neo4j.time`'s), else None."""
    if isinstance(value, dt.datetime):
        zone = getattr(value.tzinfo, "key", None) or getattr(value.tzinfo, "zone", None)
        return value.isoformat() + (f"[{zone}]" if zone else "")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        micros = value // dt.timedelta(microseconds=1)
        days = abs(micros) // DAY_US * (1 if micros >= 0 else -1)
        return duration_text(0, days, 0, (micros - days * DAY_US) * 1000)
    if type(value).__module__.startswith("neo4j.time"):
        return _neo4j_temporal(value)
    if all(isinstance(getattr(value, a, None), int) for a in ("months", "days", "seconds", "nanoseconds")):
        return duration_text(value.months, value.days, value.seconds, value.nanoseconds)
    return None


def duration_text(months: int, days: int, seconds: int, nanoseconds: int) -> str:
    """`P1Y2M3DT4H5M6.5S` as Neo4j's `toString(duration)` writes it; `PT0S` when zero."""
    years = int(months / 12)  # toward zero, so -14 months is -1 year -2 months
    total = seconds * NS + nanoseconds
    sign = -1 if total < 0 else 1
    hours, rest = divmod(abs(total), 3600 * NS)
    minutes, rest = divmod(rest, 60 * NS)
    date = _units((years, "Y"), (months - 12 * years, "M"), (days, "D"))
    time = _units((sign * hours, "H"), (sign * minutes, "M")) + (_seconds(sign, rest) if rest else "")
    if not date and not time:
        return "PT0S"
    return f"P{date}" + (f"T{time}" if time else "")


def _seconds(sign: int, nanoseconds: int) -> str:
    whole, frac = divmod(nanoseconds, NS)
    return ("-" if sign < 0 else "") + str(whole) + (f".{frac:09d}".rstrip("0") if frac else "") + "S"


def _units(*pairs: tuple[int, str]) -> str:
    return "".join(f"{n}{unit}" for n, unit in pairs if n)


def _neo4j_temporal(value: Any) -> str:
    """`neo4j.time` Date/Time/DateTime as Python's would print (nanoseconds kept), Duration as above."""
    if all(hasattr(value, a) for a in ("months", "days", "seconds", "nanoseconds")):
        return duration_text(value.months, value.days, value.seconds, value.nanoseconds)
    try:
        if getattr(value, "nanosecond", 0) % 1000 == 0:
            return temporal_text(value.to_native()) or value.iso_format()
    except (ValueError, OverflowError):  # outside Python's range (e.g. year 0 or 10000)
        pass
    return value.iso_format()


def _neo4j_graph(value: Any) -> Any:
    """A `neo4j.graph` Node, Relationship or Path the engine did not convert: the same canonical form."""
    kind = type(value).__name__
    if kind == "Path":
        return {"nodes": plain(list(value.nodes)), "relationships": plain(list(value.relationships))}
    props = plain(dict(value.items()))
    ident = props.get("id", value.element_id)
    if kind == "Node":
        return {"id": ident, "labels": sorted(value.labels), "properties": props}
    start, end = (n if n is None else dict(n.items()).get("id", n.element_id) for n in value.nodes)
    return {"id": ident, "type": value.type, "start": start, "end": end, "properties": props}


def _csv_cell(value: Any, guard: Guard) -> str:
    """Numbers as they are; every other cell's text through the formula guard."""
    text = cell(value)
    return text if isinstance(value, int | float) and not isinstance(value, bool) else guard(text)


def _no_surrogates(text: str) -> str:
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
