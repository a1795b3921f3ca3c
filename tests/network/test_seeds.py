"""The same networks from actorgraph's own corpus (seeds/): stances follow the schema's `stance:` signs.

Stance relations there: Blumenfield supports the ordinance twice; the LA County GOP opposes it twice; Trump
opposes the City of Los Angeles once (Blumenfield's claim). Nothing else is a stance.
"""

from __future__ import annotations

import pytest

from graph.build import load_graph
from graph.corpus import load_corpus
from graph.errors import NetworkError
from graph.network import NetworkSpec, Selection, discourse_network, statements
from tests.conftest import SEEDS
from tests.network.conftest import named, symmetric

ORDINANCE = "Los Angeles sanctuary city ordinance"


@pytest.fixture(scope="module")
def seeds():
    return load_graph(SEEDS), load_corpus(SEEDS).schema


def test_statements_follow_the_schema_stances(seeds) -> None:
    graph, schema = seeds
    got = [(s.relation, s.sign) for s in statements(graph, schema.stances)]
    assert got == [
        ("blumenfield-supports-ordinance-codifying", 1),
        ("blumenfield-supports-ordinance-hardening", 1),
        ("gop-opposes-ordinance", -1),
        ("gop-opposes-sanctuary-cities", -1),
        ("trump-opposes-los-angeles", -1),
    ]
    assert all(s.date is None for s in statements(graph, schema.stances))  # the article gives no date


def test_two_mode_and_one_mode(seeds) -> None:
    graph, schema = seeds
    two = discourse_network(graph, schema, NetworkSpec("two-mode", "subtract"))
    assert named(two)[2] == {
        ("Bob Blumenfield", ORDINANCE): 2,
        ("Los Angeles County Republican Party", ORDINANCE): -2,
        ("Donald Trump", "City of Los Angeles"): -1,
    }
    conflict = discourse_network(graph, schema, NetworkSpec("actors", "conflict", "average"))
    assert named(conflict)[2] == symmetric({("Bob Blumenfield", "Los Angeles County Republican Party"): 2.0})
    assert named(discourse_network(graph, schema, NetworkSpec("actors", "congruence")))[2] == {}
    per_doc = discourse_network(graph, schema, NetworkSpec("actors", "conflict", duplicates="document"))
    assert named(per_doc)[2] == symmetric({("Bob Blumenfield", "Los Angeles County Republican Party"): 1})


def test_date_rules_on_an_undated_corpus_say_what_they_left_out(seeds) -> None:
    graph, schema = seeds
    spec = NetworkSpec("two-mode", duplicates="month")
    result = discourse_network(graph, schema, spec)
    assert result.slices[0].matrix.cells == {}
    assert result.left_out == {"undated or dated less precisely than one per month needs": 5}


def test_a_schema_without_stances_or_an_unknown_type_is_refused(seeds) -> None:
    graph, schema = seeds
    with pytest.raises(NetworkError, match="not stance types: enacts"):
        discourse_network(graph, schema, NetworkSpec(selection=Selection(include_types=frozenset({"enacts"}))))
    with pytest.raises(NetworkError, match="kind"):
        discourse_network(graph, schema, NetworkSpec("three-mode"))
