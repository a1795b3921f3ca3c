"""Query output: every value type in every format, in one documented canonical form, never a crash."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import zoneinfo
from dataclasses import dataclass

import neo4j.time
import pytest
from rich.console import Console
from typer.testing import CliRunner

from graph._spreadsheet import Guard
from graph._terminal import inert
from graph.cli import app
from graph.cypher import output
from graph.cypher.engines.base import Node, Path, Relationship, Result
from tests.cypher.conftest import SEEDS

LAPD = Node("lapd", ("Agency",), {"name": "LAPD", "aliases": ["LAPD"], "year": None})
ICE = Node("ice", ("Agency",), {"name": "ICE"})
COOP = Relationship("lapd-ice", "COOPERATES_WITH", "lapd", "ice", {"confidence": 0.5, "when": dt.date(2024, 11, 5)})
NODE_FORM = {"id": "lapd", "labels": ["Agency"], "properties": {"aliases": ["LAPD"], "name": "LAPD", "year": None}}
REL_FORM = {
    "id": "lapd-ice",
    "type": "COOPERATES_WITH",
    "start": "lapd",
    "end": "ice",
    "properties": {"confidence": 0.5, "when": "2024-11-05"},
}
ICE_FORM = {"id": "ice", "labels": ["Agency"], "properties": {"name": "ICE"}}


@dataclass(frozen=True)
class EngineDuration:
    """The documented duck-typed duration an engine may hand over: months, days, seconds, nanoseconds."""

    months: int
    days: int
    seconds: int
    nanoseconds: int


# name: (value, canonical JSON form)
VALUES = {
    "null": (None, None),
    "true": (True, True),
    "false": (False, False),
    "int": (-3, -3),
    "big int": (2**70, 2**70),
    "float": (0.1, 0.1),
    "negative zero": (-0.0, -0.0),
    "nan": (math.nan, "NaN"),
    "infinity": (math.inf, "Infinity"),
    "-infinity": (-math.inf, "-Infinity"),
    "unicode": ("Łódź 東京 🗳️ “quoted”", "Łódź 東京 🗳️ “quoted”"),
    "markup and emoji codes": ("[/] [sic] [bold]x :x: :thumbs_up:", "[/] [sic] [bold]x :x: :thumbs_up:"),
    "controls": ("a\x1b[2Jb\x07\u202ec\x9b\r\n", "a\x1b[2Jb\x07\u202ec\x9b\r\n"),
    "empty string": ("", ""),
    "date": (dt.date(2024, 11, 5), "2024-11-05"),
    "datetime naive": (dt.datetime(2024, 11, 5, 10, 30), "2024-11-05T10:30:00"),
    "datetime micro": (dt.datetime(2024, 11, 5, 10, 30, 0, 120000), "2024-11-05T10:30:00.120000"),
    "datetime utc": (dt.datetime(2024, 11, 5, 10, 30, tzinfo=dt.UTC), "2024-11-05T10:30:00+00:00"),
    "datetime zone": (
        dt.datetime(2024, 11, 5, 10, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")),
        "2024-11-05T10:30:00+01:00[Europe/Paris]",
    ),
    "time": (dt.time(10, 30, 5), "10:30:05"),
    "time aware": (dt.time(10, 30, tzinfo=dt.timezone(dt.timedelta(hours=-8))), "10:30:00-08:00"),
    "timedelta": (dt.timedelta(days=1, hours=2, seconds=3.5), "P1DT2H3.5S"),
    "negative timedelta": (dt.timedelta(seconds=-1), "PT-1S"),
    "zero timedelta": (dt.timedelta(0), "PT0S"),
    "engine duration": (EngineDuration(14, 3, 3600 * 25 + 61, 500), "P1Y2M3DT25H1M1.0000005S"),
    "neo4j duration": (neo4j.time.Duration(months=-14, days=-1), "P-1Y-2M-1D"),
    "neo4j date": (neo4j.time.Date(2024, 11, 5), "2024-11-05"),
    "neo4j datetime nanos": (neo4j.time.DateTime(2024, 11, 5, 10, 30, 0, 123456789), "2024-11-05T10:30:00.123456789"),
    "neo4j time": (neo4j.time.Time(10, 30, 0), "10:30:00"),
    "list": ([1, "a", None, True], [1, "a", None, True]),
    "nested list": ([[1, [2.5, []]], [dt.date(2024, 1, 2)]], [[1, [2.5, []]], ["2024-01-02"]]),
    "empty list": ([], []),
    "map": ({"b": 1, "a": [dt.date(2024, 1, 2), {"z": None}]}, {"a": ["2024-01-02", {"z": None}], "b": 1}),
    "node": (LAPD, NODE_FORM),
    "relationship": (COOP, REL_FORM),
    "path": (Path((LAPD, ICE), (COOP,)), {"nodes": [NODE_FORM, ICE_FORM], "relationships": [REL_FORM]}),
    "list of nodes (collect)": ([LAPD, ICE], [NODE_FORM, ICE_FORM]),
    "bytes": (b"\x00\xff", "00ff"),
}
CASES = pytest.mark.parametrize(("value", "form"), list(VALUES.values()), ids=list(VALUES))


def result(value) -> Result:
    return Result(["v", "n"], [(value, 1)])


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def same(a, b) -> bool:
    """Equal as JSON data (NaN never appears: it is the string "NaN"), -0.0 and 0.0 told apart."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def expected_cell(form) -> str:
    if form is None:
        return ""
    if isinstance(form, bool):
        return "true" if form else "false"
    if isinstance(form, str | int | float):
        return str(form)
    return json.dumps(form, ensure_ascii=False)


@CASES
def test_plain_gives_the_documented_form(value, form):
    assert same(output.plain(value), form)


@CASES
def test_json_parses_back_to_the_documented_form(value, form):
    data = json.loads(output.to_json(result(value)))
    assert data["columns"] == ["v", "n"]
    assert same(data["rows"], [[form, 1]])


@CASES
def test_jsonl_is_one_object_per_row_in_column_order(value, form):
    text = output.to_jsonl(Result(["v", "n"], [(value, 1), (value, 2)]))
    lines = text.splitlines()
    assert len(lines) == 2
    assert [list(json.loads(line)) for line in lines] == [["v", "n"], ["v", "n"]]
    assert same(json.loads(lines[1]), {"v": form, "n": 2})


@CASES
def test_csv_cells_are_the_text_or_the_canonical_json(value, form):
    text = output.to_csv(result(value), Guard(raw=True))
    rows = read_csv(text)
    assert rows[0] == ["v", "n"]
    cell = rows[1][0]
    if isinstance(form, list | dict):
        assert same(json.loads(cell), form)
    else:
        assert cell == expected_cell(form)


@CASES
def test_table_cells_are_printed_literally(value, form):
    table = output.to_table(result(value))
    assert table.columns[0]._cells[0].plain == inert(expected_cell(form))  # a Text: never markup or emoji
    console = Console(file=io.StringIO(), width=400, emoji=False, highlight=False, force_terminal=True)
    console.print(table)
    shown = console.file.getvalue()
    assert "\x1b[2J" not in shown and "\u202e" not in shown and "\x9b" not in shown


def test_markup_and_emoji_codes_in_a_cell_show_as_typed():
    console = Console(file=io.StringIO(), width=200)
    console.print(output.to_table(Result(["[/]", "t"], [("[/] [sic] :x:", "[bold]b[/bold]")])))
    shown = console.file.getvalue()
    assert "[/] [sic] :x:" in shown and "[bold]b[/bold]" in shown and "❌" not in shown


def test_json_text_is_exact_and_holds_no_raw_control_or_bidi_character():
    value = "x\x1b]8;;http://evil.example/\x07y\u202e\u2066\x9b\x7f\u2028\udcff"
    text = output.to_json(result(value)) + output.to_jsonl(result(value))
    assert json.loads(output.to_json(result(value)))["rows"][0][0] == value
    assert json.loads(output.to_jsonl(result(value)))["v"] == value
    assert not any(c in text for c in "\x1b\x07\u202e\u2066\x9b\x7f\u2028\udcff")
    assert "\\u202e" in text and "\\u001b" in text


def test_json_is_byte_identical_for_maps_in_any_key_order():
    first = output.to_json(result({"b": 1, "a": 2}))
    assert first == output.to_json(result({"a": 2, "b": 1}))


def test_csv_to_a_terminal_is_inert_and_to_a_file_exact():
    value = "a\x1b[2J\u202eb"
    exact = read_csv(output.to_csv(result(value)))[1][0]
    shown = output.to_csv(result(value), terminal=True)
    assert exact == value
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "a\\x1b[2J\\u202eb" in shown


def test_csv_writes_a_lone_surrogate_as_an_escape_rather_than_crash():
    text = output.to_csv(result("bad\udcffbyte"))
    assert "bad\\udcffbyte" in text
    text.encode("utf-8")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("-2+3", "'-2+3"),
        ("-3", "'-3"),  # text that looks like a number is text
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("a=b", "a=b"),
        ("", ""),
        (-3, "-3"),  # a number stays a number
        (-0.5, "-0.5"),
        (-math.inf, "-Infinity"),
        (["=x"], '["=x"]'),
        (dt.timedelta(seconds=-1), "PT-1S"),
    ],
)
def test_csv_neutralises_spreadsheet_formulas_and_keeps_numbers(value, cell):
    guard = Guard()
    rows = read_csv(output.to_csv(result(value), guard))
    assert rows[1][0] == cell
    assert guard.changed == (cell != output.cell(value))
    raw = read_csv(output.to_csv(result(value), Guard(raw=True)))
    assert raw[1][0] == output.cell(value)


def test_csv_header_cells_are_guarded_too():
    rows = read_csv(output.to_csv(Result(["=cmd()", "ok"], [])))
    assert rows == [["'=cmd()", "ok"]]


def test_an_unknown_value_type_is_shown_by_its_text_never_a_crash():
    class Odd:
        def __str__(self) -> str:
            return "odd\x1b[31m"

    res = result(Odd())
    assert json.loads(output.to_json(res))["rows"][0][0] == "odd\x1b[31m"
    assert "odd" in output.to_csv(res)
    Console(file=io.StringIO()).print(output.to_table(res))


ALL = Result(list(VALUES), [tuple(v for v, _ in VALUES.values())])
FORMS = [form for _, form in VALUES.values()]


@pytest.mark.parametrize("fmt", output.FORMATS)
def test_every_value_type_through_the_cli_in_every_format(monkeypatch, fmt):
    """The whole CLI path (`query --format FMT`) with one row holding every value type: no crash, exact data."""
    monkeypatch.setattr("graph.cypher.run.run_query", lambda engine, text, given: ALL)
    result = CliRunner().invoke(app, ["query", "RETURN 1", "--format", fmt, "--seeds", str(SEEDS)])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert same(json.loads(result.stdout)["rows"], [FORMS])
    elif fmt == "jsonl":
        assert same(json.loads(result.stdout), dict(zip(ALL.columns, FORMS, strict=True)))
    elif fmt == "csv":
        header, row = read_csv(result.stdout)
        assert header == [Guard()(c) for c in ALL.columns] and len(row) == len(FORMS)
        assert row[ALL.columns.index("date")] == "2024-11-05"
        assert same(json.loads(row[ALL.columns.index("path")]), VALUES["path"][1])
    else:
        assert "1 row" in result.stdout and "[/] [sic] [bold]x :x: :thumbs_up:" in result.stdout
        assert "2024-11-05T10:30:00+01:00[Europe/Paris]" in result.stdout and "P1DT2H3.5S" in result.stdout
    if fmt != "csv":  # CSV piped is the exact data; every other format is inert text
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


NEO4J_VALUES = (
    "RETURN date('2024-11-05') AS d, datetime('2024-11-05T10:30:00.123456789+01:00') AS dt, "
    "datetime({year: 2024, month: 11, day: 5, hour: 10, timezone: 'Europe/Paris'}) AS zoned, "
    "localdatetime('2024-11-05T10:30:00') AS ldt, time('10:30:00+01:00') AS t, localtime('10:30:05') AS lt, "
    "duration('P1Y2M3DT4.5S') AS dur, duration({seconds: -1}) AS neg, {b: 1, a: [1, date('2024-01-02')]} AS m, "
    "[[1, [2]], []] AS l, 0.0 / 0.0 AS nan, -1.0 / 0.0 AS ninf, 'x\u001b[2J\u202e' AS s"
)
NEO4J_FORMS = [
    "2024-11-05",
    "2024-11-05T10:30:00.123456789+01:00",
    "2024-11-05T10:00:00+01:00[Europe/Paris]",
    "2024-11-05T10:30:00",
    "10:30:00+01:00",
    "10:30:05",
    "P1Y2M3DT4.5S",
    "PT-1S",
    {"a": [1, "2024-01-02"], "b": 1},
    [[1, [2]], []],
    "NaN",
    "-Infinity",
    "x\x1b[2J\u202e",
]


@pytest.mark.parametrize("fmt", output.FORMATS)
def test_neo4j_temporal_and_special_values_in_every_format(neo4j_settings, fmt):
    """What the real Neo4j driver returns (neo4j.time values, maps, NaN) prints in every format."""
    s = neo4j_settings
    args = ["--uri", s.uri, "--username", s.username, "--password", s.password, "--database", s.database]
    result = CliRunner().invoke(app, ["query", NEO4J_VALUES, "--engine", "neo4j", "--format", fmt, *args])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert same(json.loads(result.stdout)["rows"], [NEO4J_FORMS])
    elif fmt == "jsonl":
        assert same(list(json.loads(result.stdout).values()), NEO4J_FORMS)
    elif fmt == "csv":
        assert read_csv(result.stdout)[1] == [f if isinstance(f, str) else json.dumps(f) for f in NEO4J_FORMS]
    else:
        assert "P1Y2M3DT4.5S" in result.stdout and "x\\x1b[2J\\u202e" in result.stdout
