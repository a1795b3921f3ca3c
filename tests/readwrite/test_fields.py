"""Attribute kinds: from the schema's declared types, or read off the values."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.errors import ExportError
from graph.readwrite._fields import from_schema, infer, to_text


def test_schema_types_map_to_export_kinds(rich_schema):
    fields = from_schema(rich_schema)
    assert fields.node["year"] == "long"  # integer
    assert fields.node["incumbent"] == "boolean"
    assert fields.node["aliases"] == "json"
    assert fields.edge["share"] == "double"  # number
    assert fields.edge["date"] == "string"  # date: ISO text
    assert fields.edge["confidence"] == "double"
    assert list(fields.edge) == sorted(fields.edge)


def test_inferred_kinds_widen_on_a_clash():
    graph = nx.MultiDiGraph()
    graph.add_node("a", n=1, x=1, tags=["t"], flag=True)
    graph.add_node("b", n=2.5, x="one", tags="t", flag=None)
    fields = infer(graph)
    assert fields.node == {"flag": "boolean", "n": "double", "tags": "json", "x": "string"}
    assert not fields.declared


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (True, "boolean", "true"),
        (False, "boolean", "false"),
        (7, "long", "7"),
        (0.1, "double", "0.1"),
        (float("nan"), "double", "NaN"),
        (float("-inf"), "double", "-INF"),
        (["b", "a"], "json", '["b","a"]'),
        ({"z": 1, "a": "é"}, "json", '{"a":"é","z":1}'),
    ],
)
def test_values_have_one_text_form(value, kind, text):
    assert to_text(value, kind) == text


@pytest.mark.parametrize(("value", "kind"), [(True, "long"), ("1", "long"), ("yes", "boolean"), (1, "boolean")])
def test_a_value_of_another_type_is_refused(value, kind):
    with pytest.raises(ExportError):
        to_text(value, kind)
