"""Command-line parameters: typed by the query's header when it declares them, else by their look."""

from __future__ import annotations

import pytest

from graph.cypher.params import check, parse
from graph.errors import ParamError


def test_values_are_inferred_ints_floats_booleans_else_strings():
    assert parse(["n=2", "x=0.5", "yes=true", "no=False", "name=LAPD", "empty=", "eq=a=b"]) == {
        "n": 2,
        "x": 0.5,
        "yes": True,
        "no": False,
        "name": "LAPD",
        "empty": "",
        "eq": "a=b",
    }


def test_declared_string_stays_a_string():
    assert parse(["name=2017"], {"name": "string"}) == {"name": "2017"}


def test_declared_integer_rejects_text():
    with pytest.raises(ParamError, match="'n' must be an integer"):
        parse(["n=two"], {"n": "integer"})


@pytest.mark.parametrize("pair", ["novalue", "=x", "9a=1"])
def test_malformed_pair_is_named(pair):
    with pytest.raises(ParamError, match="name=value"):
        parse([pair])


def test_repeated_parameter_is_an_error():
    with pytest.raises(ParamError, match="given twice"):
        parse(["a=1", "a=2"])


def test_missing_and_unknown_parameters_are_named():
    with pytest.raises(ParamError, match=r"missing parameter \$name"):
        check(["name"], {})
    with pytest.raises(ParamError, match=r"unknown parameter 'nme': the query takes \$name"):
        check(["name"], {"name": "x", "nme": "y"})


def test_lists_and_maps_are_json():
    assert parse(['ids=["lapd","ice"]', 'm={"a": [1, 2.5, null, true], "b": {"c": "d"}}', "e=[]"]) == {
        "ids": ["lapd", "ice"],
        "m": {"a": [1, 2.5, None, True], "b": {"c": "d"}},
        "e": [],
    }


@pytest.mark.parametrize(
    ("pair", "value"),
    [
        ("name:string=2017", "2017"),
        ("name:str=[not, json]", "[not, json]"),
        ("name:str=true", "true"),
        ('name="2017"', "2017"),  # a JSON string: the quoting rule for text that looks like a number
        ('name="[x]"', "[x]"),
        ("n:int=7", 7),
        ("x:float=7", 7.0),
        ("b:bool=FALSE", False),
        ("j:json=null", None),
        ("j:json=12", 12),
        ('j:json="a\\u00e9"', "aé"),
        ("n=-3", -3),
        ("x=1e3", 1000.0),
        ("s=null", "null"),  # unquoted words stay text, as before
        ("s=Los Angeles", "Los Angeles"),
    ],
)
def test_explicit_types_and_the_quoting_rule(pair, value):
    got = parse([pair])
    assert list(got.values()) == [value] and type(next(iter(got.values()))) is type(value)


def test_an_explicit_type_wins_over_the_header():
    assert parse(["name:json=[1]"], {"name": "string"}) == {"name": [1]}
    assert parse(["name=[1]"], {"name": "string"}) == {"name": "[1]"}


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("ids=[1,", r"parameter 'ids' is not valid JSON: Expecting value \(line 1, column 4\); pass text as"),
        ('m={"a": 1,}', r"not valid JSON: .*line 1, column 9"),
        ('m={"a": 1, "a": 2}', r"key 'a' is given twice"),
        ("x=[NaN]", r"NaN is not a JSON number"),
        ("x:json=Infinity", r"Infinity is not a JSON number"),
        ("x=" + "[" * 101 + "]" * 101, r"deeper than 100 levels"),
        ("x=" + "[" * 100_000, r"deeper than 100 levels|not valid JSON"),
        ("x:json=nope", r"not valid JSON"),
        ("x:date=2024-01-01", r"unknown type 'date'"),
        ("x:int=1.5", r"'x' must be an integer"),
    ],
)
def test_bad_json_and_types_are_one_clear_error(pair, message):
    with pytest.raises(ParamError, match=message):
        parse([pair])


@pytest.mark.parametrize("raw", ["n=5\n", "n=2.5\n", "n=-7\n"])
def test_a_number_with_a_trailing_newline_stays_text(raw: str) -> None:
    """Numbers are matched in full: `$` in re.match let a trailing newline through as a number."""
    key, _, value = raw.partition("=")
    assert parse([raw])[key] == value
