"""Discourse networks: a one-mode network against building the graph, on the same generated corpus.

Usage: PYTHONPATH=. python benchmarks/network.py [RELATIONS...]   (default 100000)

In one fresh process: `load_corpus` (read, validate), `build_graph` alone (the networkx step, timed on the
loaded corpus; best of two runs, as every figure here), then the networks from the built graph: statements
extracted, selected and counted for a one-mode network (congruence; subtract with average normalization)
and a two-mode network. The goal: a one-mode network in at most 2x the time of building the graph.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def measure(seeds: Path) -> dict[str, float]:
    from graph._gc import paused_gc
    from graph.build import build_graph
    from graph.corpus import load_corpus
    from graph.network import NetworkSpec, discourse_network, statements

    seeds = Path(seeds)
    with paused_gc():
        t0 = time.perf_counter()
        corpus = load_corpus(seeds)
        t1 = time.perf_counter()
    out = {"load": t1 - t0, "build": _best(lambda: build_graph(corpus))}
    graph = build_graph(corpus)
    schema = corpus.schema
    out |= {"relations": graph.number_of_edges(), "statements": len(statements(graph, schema.stances))}
    for name, spec in (
        ("one_mode", NetworkSpec("actors", "congruence")),
        ("one_mode_average", NetworkSpec("actors", "subtract", "average")),
        ("two_mode", NetworkSpec("two-mode", "subtract")),
    ):
        out[name] = _best(lambda spec=spec: discourse_network(graph, schema, spec))
        out[f"{name}_ties"] = len(discourse_network(graph, schema, spec).slices[0].matrix.cells)
    return out


def _best(run, times: int = 2) -> float:
    """The fastest of `times` runs, in seconds: on a shared machine the others' load only ever adds time."""
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
        del result  # freeing it is not part of the work measured
    return best


if __name__ == "__main__":
    sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]
    import build

    for size in [int(a) for a in sys.argv[1:]] or [100_000]:
        print(size, measure(build.corpus(size)))
