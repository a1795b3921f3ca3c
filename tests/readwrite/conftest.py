"""Graphs the export tests share: the seed graph, and one full of hostile text and every value type."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import yaml

from graph import load_corpus, load_graph, load_schema
from graph.build import build_graph
from graph.schema import Schema

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# Curly quotes, emoji, markup, CR/LF/tab, edge spaces — and characters XML 1.0 cannot hold (\x00 \x01 \x0b \x1f \ufffe).
HOSTILE = " “Curly” \u2018quotes\u2019 🗳️👩🏽‍⚖️ <b>&amp; \"dq\" 'sq' ]]> \x00\x01\x0b\x1f\ufffe tab\tCR\rCRLF\r\nend "
HOSTILE_CLEAN = " “Curly” \u2018quotes\u2019 🗳️👩🏽‍⚖️ <b>&amp; \"dq\" 'sq' ]]>  tab\tCR\rCRLF\r\nend "


@pytest.fixture(scope="session")
def schema() -> Schema:
    return load_schema(SEEDS / "schema.yaml")


@pytest.fixture
def seed_graph() -> nx.MultiDiGraph:
    return load_graph(SEEDS)


@pytest.fixture(scope="session")
def rich_schema(tmp_path_factory) -> Schema:
    """The seed schema plus a boolean property and a number qualifier."""
    spec = yaml.safe_load((SEEDS / "schema.yaml").read_text(encoding="utf-8"))
    spec["entity_types"]["Person"]["properties"]["incumbent"] = {"type": "boolean"}
    spec["qualifiers"]["share"] = {"type": "number"}
    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return load_schema(path)


@pytest.fixture
def hostile_graph(rich_schema) -> nx.MultiDiGraph:
    """The seed graph with hostile text in names, aliases and quotes, booleans, floats and a parallel edge."""
    graph = build_graph(load_corpus(SEEDS))
    graph.nodes["karen-bass"].update(name="Karen " + HOSTILE, incumbent=True, aliases=[HOSTILE, "Bass"])
    graph.nodes["donald-trump"]["incumbent"] = False
    graph.nodes["lapd"]["description"] = HOSTILE
    u, v, k = next((u, v, k) for u, v, k, d in graph.edges(keys=True, data=True) if d["type"] == "signs")
    graph.edges[u, v, k].update(quote=HOSTILE, note="note\u2028with line separator", share=0.125)
    parallel = {**graph.edges[u, v, k], "id": "zz-parallel", "quote": "again", "share": 1e-9}
    graph.add_edge(u, v, key="zz-parallel", **parallel)
    graph.graph["documents"]["extra <doc>"] = {"title": HOSTILE, "characters": 3}
    return graph
