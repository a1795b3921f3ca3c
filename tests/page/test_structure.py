"""Communities and core numbers: computed when the page is written, the same for the same seeds."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

import networkx as nx

from graph.page.data import page_data, split
from graph.page.structure import communities, core_numbers
from tests.page.conftest import ROOT

TWO_CLIQUES = [*itertools.combinations(range(5), 2), *((a + 5, b + 5) for a, b in itertools.combinations(range(5), 2))]

PRINT_COMMUNITIES = """
import json, sys
from graph import load_corpus
from graph.build import build_graph
from graph.page.data import page_data, split
from tests.page.support import big_graph
corpus = load_corpus("seeds")
out = {}
for name, graph in (("seeds", build_graph(corpus)), ("big", big_graph(corpus.schema, 3000))):
    data = page_data(graph, corpus.schema)
    out[name] = [data["communities"], [[n["key"], n["c"], n["k"]] for n in data["nodes"].values()]]
print(json.dumps(out))
"""


def test_two_cliques_joined_by_one_relation_are_two_communities():
    edges = [*TWO_CLIQUES, (0, 5), (3, 3)]
    assert communities(11, edges) == [0] * 5 + [1] * 5 + [None]  # the actor with no relation is alone
    assert core_numbers(11, edges) == [4] * 10 + [0]


def test_core_numbers_are_networkx_core_numbers(seed_graph, schema):
    data = page_data(seed_graph, schema)
    simple = nx.Graph(seed_graph.to_undirected())
    simple.remove_edges_from(nx.selfloop_edges(simple))
    cores = nx.core_number(simple)
    assert {n["key"]: n["k"] for n in data["nodes"].values()} == cores
    assert max(cores.values()) >= 2
    core, _ = split(data)  # the page carries them as two lists in actor order
    assert core["structure"] == {k: [n[k] for n in data["nodes"].values()] for k in ("c", "k")}


def test_communities_partition_the_connected_actors_biggest_first(seed_graph, schema):
    data = page_data(seed_graph, schema)
    members: dict[int, set[str]] = {}
    for n in data["nodes"].values():
        if n["c"] is not None:
            members.setdefault(n["c"], set()).add(n["key"])
    assert data["communities"] == [len(members[c]) for c in range(len(members))]
    assert data["communities"] == sorted(data["communities"], reverse=True) and len(members) >= 2
    undirected = seed_graph.to_undirected()
    for group in members.values():  # each community is connected
        assert nx.is_connected(undirected.subgraph(group))


def test_the_same_seeds_give_the_same_community_ids_in_every_process():
    runs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-c", PRINT_COMMUNITIES], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1]
    sizes, nodes = runs[0]["big"]
    assert len(sizes) > 5 and sum(c is not None for _, c, _ in nodes) > 2000
