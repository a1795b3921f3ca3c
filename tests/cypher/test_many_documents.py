"""A three-document corpus (tests/support/story.py) answers every shipped query with the same rows on both engines,
and the rows carry its provenance: the documents and how many reports back each relation, and its conflicts."""

from __future__ import annotations

import json

import pytest

from graph import load_corpus
from graph.build import build_graph
from graph.cypher.engines import open_engine
from graph.cypher.library import list_queries
from graph.cypher.run import run_query
from tests.cypher.conftest import EXPECTED, QUERIES
from tests.support.neo4j_data import load_only
from tests.support.story import MAYOR, VOTE, write_story

SHIPPED = list_queries(QUERIES)
STORY_DATASET = "story"


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    corpus = load_corpus(write_story(tmp_path_factory.mktemp("story")))
    return corpus, build_graph(corpus)


@pytest.fixture(scope="module")
def embedded(story):
    corpus, graph = story
    engine = open_engine("embedded", graph, corpus.schema)
    yield engine
    engine.close()


@pytest.fixture
def neo4j(story, neo4j_settings, neo4j_driver):
    corpus, graph = story
    load_only(neo4j_driver, neo4j_settings.database, graph, corpus.schema, STORY_DATASET)
    engine = open_engine("neo4j", None, None, neo4j=neo4j_settings)
    yield engine
    engine.close()


def _rows(engine, query):
    params = json.loads((EXPECTED / f"{query.name}.json").read_text(encoding="utf-8"))["params"]
    result = run_query(engine, query.text, params)
    return result.columns, [list(row) for row in result.rows]


def test_every_shipped_query_gives_the_same_rows_on_both_engines(embedded, neo4j):
    for query in SHIPPED:
        assert _rows(embedded, query) == _rows(neo4j, query), query.name


def test_timeline_shows_the_vote_once_with_its_reports_and_the_conflict(embedded):
    query = next(q for q in SHIPPED if q.name == "timeline")
    columns, rows = _rows(embedded, query)
    vote = [dict(zip(columns, r, strict=True)) for r in rows if r[-1] == "council-approves-ordinance"]
    assert len(vote) == 1
    [row] = vote
    assert row["evidence"] == 3 and MAYOR in row["documents"] and VOTE in row["documents"]
    assert row["reported_dates"] == ["2024-11-19", "2024-11-20", "2024-11-19"]
    assert row["conflicted"] is True
    assert any(c.startswith("date: 2024-11-19") for c in row["conflicts"])
    contradicted = [dict(zip(columns, r, strict=True)) for r in rows if r[-1] == "california-enacts-sb-54"]
    assert contradicted[0]["conflicted"] is True


def test_stance_matrix_counts_relations_reports_and_documents(embedded):
    query = next(q for q in SHIPPED if q.name == "stance-matrix")
    columns, rows = _rows(embedded, query)
    row = next(dict(zip(columns, r, strict=True)) for r in rows if r[0] == "Bob Blumenfield")
    assert (row["relations"], row["evidence"]) == (2, 3)
    assert row["documents"] == sorted(["la-sanctuary-city-2024-11", VOTE])
