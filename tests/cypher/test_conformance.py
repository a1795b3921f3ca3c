"""Same answers on every engine: each shipped query on a larger generated graph (plus the seeds), row for row.

Rows are compared in the order the engines return them (every shipped query orders its rows totally);
numbers compare by value (an engine may give 2 where another gives 2.0), lists as returned.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import networkx as nx
import pytest

from graph import load_corpus
from graph.build import build_graph
from graph.corpus.synth import SynthSpec, synthesize
from graph.cypher.engines import open_engine
from graph.cypher.library import list_queries
from graph.cypher.run import run_query
from tests.cypher.conftest import EXPECTED, QUERIES, SEEDS
from tests.support.neo4j_data import load_only

SHIPPED = list_queries(QUERIES)
DATASET = "conformance"


@pytest.fixture(scope="module")
def big(tmp_path_factory, seed_corpus):
    """The seed graph and a generated one of 2000 relations, side by side in one graph."""
    out = tmp_path_factory.mktemp("synth") / "seeds"
    synthesize(out, SynthSpec(relations=2000, seed=1), SEEDS / "schema.yaml")
    generated = build_graph(load_corpus(out))
    return nx.compose(build_graph(seed_corpus), generated), generated


@pytest.fixture(scope="module")
def engines(big, seed_corpus, request):
    graph, _ = big
    embedded = open_engine("embedded", graph, seed_corpus.schema)
    settings, driver = request.getfixturevalue("neo4j_settings"), request.getfixturevalue("neo4j_driver")
    load_only(driver, settings.database, graph, seed_corpus.schema, DATASET)
    neo = open_engine("neo4j", None, None, neo4j=settings)
    yield embedded, neo
    embedded.close()
    neo.close()


def _param_sets(query, generated: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The seed expectation's parameters, and for a query with parameters, values from the generated graph."""
    seeds = json.loads((EXPECTED / f"{query.name}.json").read_text(encoding="utf-8"))["params"]
    if not query.params:
        return [seeds]
    busiest = max(generated.nodes, key=lambda n: (generated.degree(n), n))
    common = Counter(t for *_, t in generated.edges(data="cypher_type")).most_common(1)[0][0]
    picks = {"name": generated.nodes[busiest]["aliases"][0].upper(), "type": common.lower().replace("_", "-")}
    return [seeds, {p.name: picks[p.name] for p in query.params}]


def normal(value: Any) -> Any:
    """A value for comparison: numbers by value, lists element by element."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return round(float(value), 9)
    if isinstance(value, list | tuple):
        return [normal(v) for v in value]
    return value


@pytest.mark.parametrize("query", SHIPPED, ids=lambda q: q.name)
def test_both_engines_give_the_same_rows_on_a_larger_graph(engines, big, query):
    embedded, neo = engines
    for params in _param_sets(query, big[1]):
        ours = run_query(embedded, query.text, params)
        theirs = run_query(neo, query.text, params)
        assert ours.columns == theirs.columns
        assert ours.rows, f"{query.name} {params} returns no rows: the comparison would prove nothing"
        assert [normal(r) for r in ours.rows] == [normal(r) for r in theirs.rows], f"{query.name} {params}"
