"""Command-line parameters: typed by the query's header when it declares them, else by their look."""

from __future__ import annotations

import pytest

from graph.cypher.params import ParamError, check, parse


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
