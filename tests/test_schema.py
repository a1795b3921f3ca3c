"""The schema file: types as data, checked before any annotation is read."""

import json
from pathlib import Path

import pytest

from graph import ValidationFailed, load_schema

from .conftest import SEEDS, edit


def test_the_seed_schema_loads() -> None:
    schema = load_schema(SEEDS / "schema.yaml")
    assert schema.cypher_type("cooperates-with-under-exception") == "COOPERATES_WITH_UNDER_EXCEPTION"
    assert schema.relation_types["cooperates-with-under-exception"].required == ["exception"]
    assert ("Agency", "Agency") in schema.endpoint_pairs("cooperates-with-under-exception")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  Person:\n", "  person:\n", "entity type 'person' is not CamelCase"),
        ("  member-of:\n", "  member_of:\n", "relation type 'member_of' is not kebab-case"),
        ("    source: [Agency, GovernmentBody, Jurisdiction]\n", "    source: [Persn]\n", "type 'Persn'"),
        ("      role: {type: string", "      quote: {type: string", "field name 'quote' is reserved"),
        ("  exception: {type: string", "  from: {type: string", "field name 'from' is reserved"),
        ("  exception: {type: string", "  to: {type: string", "field name 'to' is reserved"),
        ("  exception: {type: string", "  exception: {type: text", "qualifiers.exception.type"),
        ('    display: {color: "#88ccee", shape: dot}', "    display: {colour: red}", "unknown field"),
        ("version: 1", "version: 2", "version"),
    ],
)
def test_schema_problems_are_named(seeds_copy: Path, old: str, new: str, message: str) -> None:
    path = seeds_copy / "schema.yaml"
    edit(path, old, new)
    with pytest.raises(ValidationFailed) as caught:
        load_schema(path)
    assert any(message in p.message for p in caught.value.problems), caught.value.problems
    assert all(p.line for p in caught.value.problems)


def test_a_new_relation_type_needs_no_code(seeds_copy: Path) -> None:
    from graph import load_graph

    schema = seeds_copy / "schema.yaml"
    schema.write_text(
        schema.read_text()
        + "  criticises:\n    source: [PoliticalParty]\n    target: [Legislation]\n    cypher: CRITICISES\n"
    )
    annotations = seeds_copy / "annotations" / "la-sanctuary-city-2024-11.yaml"
    edit(
        annotations,
        "  - id: gop-opposes-ordinance\n    type: opposes\n",
        "  - id: gop-opposes-ordinance\n    type: criticises\n",
    )
    edge = load_graph(seeds_copy).edges["la-county-gop", "la-sanctuary-ordinance", "gop-opposes-ordinance"]
    assert (edge["type"], edge["cypher_type"]) == ("criticises", "CRITICISES")


HOSTILE_NAMES = ["Agency`", "Agency`) DETACH DELETE n //", "Agency}) DETACH DELETE n //", "Agency'", "Agency\n", "A\nB"]


def hostile(name: str, case: str) -> str:
    """`name` in the case its place asks for, as a double-quoted YAML scalar."""
    return json.dumps({"lower": name.lower(), "upper": name.upper()}.get(case, name))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize(
    ("old", "new", "case", "message"),
    [
        ("  Agency:\n", "  NAME:\n", "same", "is not CamelCase"),
        ("  member-of:\n", "  NAME:\n", "lower", "is not kebab-case"),
        ("  exception: {type: string", "  NAME: {type: string", "lower", "is not snake_case"),
        ("      role: {type: string", "      NAME: {type: string", "lower", "is not snake_case"),
        (
            "    source: [Person, Organization]\n    target: [Organization]\n",
            "    cypher: NAME\n    source: [Person, Organization]\n    target: [Organization]\n",
            "upper",
            "is not UPPER_SNAKE_CASE",
        ),
    ],
    ids=["entity type", "relation type", "qualifier", "property", "cypher type"],
)
def test_hostile_names_are_refused_by_the_schema(
    seeds_copy: Path, name: str, old: str, new: str, case: str, message: str
) -> None:
    path = seeds_copy / "schema.yaml"
    edit(path, old, new.replace("NAME", hostile(name, case)))
    with pytest.raises(ValidationFailed) as caught:
        load_schema(path)
    assert any(message in p.message for p in caught.value.problems), caught.value.problems
    assert all(p.line for p in caught.value.problems)
