"""Parse, allow-list and translate overhead per shipped query (goal: under 5 ms each), on the seed graph.

PYTHONPATH=. python benchmarks/cypher_gate.py
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPEAT = 50


def measure() -> dict[str, Any]:
    """Milliseconds per shipped query for parse + check + translate (median of REPEAT runs), and the worst."""
    from graph import load_corpus
    from graph.build import build_graph
    from graph.cypher import allow
    from graph.cypher.engines.loading import graph_info
    from graph.cypher.ladybug import translate
    from graph.cypher.library import list_queries
    from graph.cypher.parse import parse

    corpus = load_corpus(ROOT / "seeds")
    info = graph_info(build_graph(corpus), corpus.schema)
    per: dict[str, float] = {}
    for query in list_queries(ROOT / "queries"):
        times = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            parsed = parse(query.text)
            allow.check(parsed.tree, "embedded")
            translate(parsed, info)
            times.append(time.perf_counter() - start)
        per[query.name] = sorted(times)[REPEAT // 2] * 1000
    return {"per_query_ms": per, "worst_ms": max(per.values()), "mean_ms": sum(per.values()) / len(per)}


if __name__ == "__main__":
    result = measure()
    for name, ms in result["per_query_ms"].items():
        print(f"{name:32} {ms:6.2f} ms")
    print(f"worst {result['worst_ms']:.2f} ms, mean {result['mean_ms']:.2f} ms (goal < 5 ms)")
