"""The schema file: types as data, checked before any annotation is read."""

import json
from pathlib import Path

import pytest

from graph import ValidationFailed, load_schema
from tests.conftest import SEEDS, edit


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


# --- parent types, inheritance and endpoint lists naming parents -----------------------------------

FAMILY = """\
version: 1
entity_types:
  Actor: {abstract: true, properties: {founded: {type: integer}}, display: {color: "#123456", shape: star}}
  Organization: {abstract: true, extends: Actor}
  Person: {extends: Actor}
  NGO: {extends: Organization, properties: {focus: {type: string}}}
  Court: {extends: Organization, display: {color: red, shape: database}}
  Place: {}
qualifiers:
  start: {type: date}
  end: {type: date, not_before: start}
relation_types:
  sues: {source: [Actor], target: [Organization, Place]}
  member-of: {source: [Person], target: [Organization], optional: [start, end]}
"""


def _family(tmp_path: Path, text: str = FAMILY):
    path = tmp_path / "schema.yaml"
    path.write_text(text)
    return load_schema(path)


def test_abstract_types_are_parents_only(tmp_path: Path) -> None:
    schema = _family(tmp_path)
    assert list(schema.entity_types) == ["Person", "NGO", "Court", "Place"]
    assert list(schema.all_entity_types) == ["Actor", "Organization", "Person", "NGO", "Court", "Place"]
    assert schema.ancestors("NGO") == ["Organization", "Actor"]


def test_an_endpoint_list_naming_a_parent_accepts_every_concrete_type_below_it(tmp_path: Path) -> None:
    schema = _family(tmp_path)
    assert schema.relation_types["sues"].source == ["Person", "NGO", "Court"]
    assert schema.relation_types["sues"].target == ["NGO", "Court", "Place"]
    assert ("Person", "Place") in schema.endpoint_pairs("sues")


def test_properties_and_display_are_inherited(tmp_path: Path) -> None:
    schema = _family(tmp_path)
    assert list(schema.entity_types["NGO"].properties) == ["founded", "focus"]  # the parent's first
    assert list(schema.entity_types["Person"].properties) == ["founded"]
    assert schema.entity_types["NGO"].display.color == "#123456"  # the nearest display set
    assert schema.entity_types["Court"].display.shape == "database"  # its own
    assert schema.entity_types["Place"].display.color == "#9e9e9e"  # none above: the default


def test_engines_get_one_table_and_label_per_concrete_type(tmp_path: Path) -> None:
    from graph.cypher.engines.tables import node_tables, rel_tables

    schema = _family(tmp_path)
    tables = {t.name: t for t in node_tables(schema)}
    assert list(tables) == ["Person", "NGO", "Court", "Place"]
    assert {"founded", "focus"} <= set(tables["NGO"].columns)
    sues = next(t for t in rel_tables(schema) if t.name == "SUES")
    assert ("Court", "Place") in sues.pairs and not any("Actor" in pair for pair in sues.pairs)


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ([("Person: {extends: Actor}", "Person: {extends: Actr}")], "extends unknown type 'Actr'"),
        ([("Organization: {abstract: true, extends: Actor}", "Organization: {abstract: true, extends: NGO}")], "loops"),
        ([("properties: {focus:", "properties: {founded:")], "NGO.founded is already a property of its parent Actor"),
        (
            [("  Place: {}\n", "  Place: {}\n  Ghost: {abstract: true}\n"), ("[Organization, Place]", "[Ghost]")],
            "Ghost is abstract and no concrete type extends it",
        ),
        ([("not_before: start}", "not_before: begin}")], "not_before must name another date qualifier"),
        ([("end: {type: date,", "end: {type: string,")], "not_before must name another date qualifier"),
        ([("  start: {type: date}\n", "  start: {type: date}\n  start_text: {type: string}\n")], "is reserved"),
    ],
    ids=[
        "unknown parent",
        "cycle",
        "redeclared property",
        "abstract without children",
        "not_before",
        "not a date",
        "words field",
    ],
)
def test_parent_and_date_problems_are_named(tmp_path: Path, edits: list[tuple[str, str]], message: str) -> None:
    text = FAMILY
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    with pytest.raises(ValidationFailed) as caught:
        _family(tmp_path, text)
    assert any(message in p.message for p in caught.value.problems), caught.value.problems
    assert all(p.line for p in caught.value.problems)


def test_an_abstract_type_cannot_be_an_entity_type(seeds_copy: Path) -> None:
    from graph import validate

    notes = seeds_copy / "annotations" / "la-sanctuary-city-2024-11.yaml"
    edit(
        notes,
        "    type: Agency\n    name: Los Angeles Police Department\n",
        "    type: Organization\n    name: Los Angeles Police Department\n",
    )
    found = [p for p in validate(seeds_copy) if "abstract" in p.message]
    assert len(found) == 1 and "entity type 'Organization' is abstract" in found[0].message
    assert "NGO" in found[0].hint and found[0].line is not None


def test_an_entity_of_a_child_type_fits_a_relation_naming_its_parent(tmp_path: Path) -> None:
    from graph import load_graph
    from tests.corpus.corpora import write_corpus

    seeds = write_corpus(
        tmp_path / "seeds",
        {"a": ("Amnesty sued the court. Amnesty joined.", None), "b": ("Ann joined Amnesty.", None)},
        {
            "a.yaml": """\
                document: a
                entities:
                  - {id: amnesty, type: NGO, name: Amnesty, properties: {founded: 1961, focus: rights}}
                  - {id: court, type: Court, name: the court}
                relations:
                  - {type: sues, source: amnesty, target: court, quote: Amnesty sued the court}
                """,
            "b.yaml": """\
                document: b
                entities:
                  - {id: ann, type: Person, name: Ann}
                relations:
                  - {type: member-of, source: ann, target: amnesty, quote: Ann joined Amnesty}
                """,
        },
        schema=FAMILY,
    )
    graph = load_graph(seeds)
    assert graph.nodes["amnesty"]["founded"] == 1961 and graph.has_edge("ann", "amnesty")


def test_the_default_schema_covers_political_reporting() -> None:
    schema = load_schema(SEEDS / "schema.yaml")
    for etype in ("NGO", "Court", "Media", "Company", "GovernmentBody", "PoliticalParty", "Person", "Agency"):
        assert etype in schema.entity_types
    assert {"Actor", "Organization"} <= {n for n, s in schema.all_entity_types.items() if s.abstract}
    for rtype in ("appoints", "votes-for", "votes-against", "endorses", "criticizes", "sues", "funds", "employs"):
        assert rtype in schema.relation_types
    assert {"yes", "no", "absent"} <= set(schema.relation_types["votes-for"].optional)
    assert all(schema.qualifiers[q].type == "integer" for q in ("yes", "no", "abstain", "absent"))
    assert schema.allowed_qualifiers("holds-role")[:3] == ["role", "start", "start_text"]
    assert schema.qualifiers["end"].not_before == "start"
    assert "NGO" in schema.relation_types["member-of"].target  # Organization, expanded


def test_every_reader_of_entity_types_sees_concrete_types(tmp_path: Path) -> None:
    """The page legend, Neo4j labels and GraphML carry concrete types only; inherited properties reach them."""
    from graph import load_graph
    from graph.neo4j.records import node_records
    from graph.page.data import page_data
    from graph.readwrite._fields import from_schema
    from tests.corpus.corpora import write_corpus

    seeds = write_corpus(
        tmp_path / "seeds",
        {"a": ("Amnesty sued the court.", None)},
        {
            "a.yaml": """\
                document: a
                entities:
                  - {id: amnesty, type: NGO, name: Amnesty, properties: {founded: 1961}}
                  - {id: court, type: Court, name: the court}
                relations:
                  - {type: sues, source: amnesty, target: court, quote: Amnesty sued the court}
                """,
        },
        schema=FAMILY,
    )
    schema, graph = load_schema(seeds / "schema.yaml"), load_graph(seeds)
    legend = page_data(graph, schema)["legend"]["entity_types"]
    assert [t["name"] for t in legend] == ["Person", "NGO", "Court", "Place"]
    assert next(t for t in legend if t["name"] == "NGO")["shape"] == "star"  # Actor's display, inherited
    records = {r.id: r for r in node_records(graph, schema)}
    assert (records["amnesty"].label, records["amnesty"].props["founded"]) == ("NGO", 1961)
    assert "founded" in from_schema(schema).node
