"""How big a graph the network page can show: render time, file size and page-ready time in headless Chromium.

Usage: PYTHONPATH=. python benchmarks/page.py [SIZES...]   (default 13 1000 5000 20000 nodes, 1.5 edges per node)

The synthetic graph uses the seed schema's types, so it is drawn exactly like real data.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from graph import load_corpus
from graph.build import build_graph
from graph.page import write_page
from graph.schema import Schema
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
EDGES_PER_NODE = 1.5


def synthetic(n: int, schema: Schema, seed: int = 1) -> nx.MultiDiGraph:
    """n actors of the schema's entity types and 1.5 n relations of its relation types, endpoints allowed by it."""
    rng = random.Random(seed)
    types = list(schema.entity_types)
    g = nx.MultiDiGraph(name=f"synthetic {n}", documents={"doc": {"title": "Synthetic document"}})
    by_type: dict[str, list[str]] = {t: [] for t in types}
    for i in range(n):
        etype = types[i % len(types)]
        key = f"actor-{i:06d}"
        by_type[etype].append(key)
        g.add_node(key, type=etype, name=f"Actor {i}", aliases=[f"A{i}"], document="doc", quote=f"Actor {i} said")
    relation_types = list(schema.relation_types)
    for j in range(int(n * EDGES_PER_NODE)):
        rtype = rng.choice(relation_types)
        spec = schema.relation_types[rtype]
        sources = [t for t in spec.source if by_type[t]]
        targets = [t for t in spec.target if by_type[t]]
        if not sources or not targets:
            continue
        u = rng.choice(by_type[rng.choice(sources)])
        v = rng.choice(by_type[rng.choice(targets)])
        attrs = {"id": f"rel-{j:07d}", "type": rtype, "document": "doc", "quote": f"quote {j}"}
        attrs.update(attribution="report", confidence=1.0, **{q: "x" for q in spec.required})
        g.add_edge(u, v, attrs["id"], **attrs)
    return g


def measure(browser, path: Path) -> dict[str, float]:
    """Load the page, wait for the first drawing; then time a filter and a click on an actor."""
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("window.actorgraph && window.actorgraph.ready", timeout=600_000)
    ready = page.evaluate("actorgraph.readyAt")
    rtype = page.evaluate("actorgraph.data.legend.relation_types[0].name")
    start = time.perf_counter()
    page.locator(f'input[data-kind="relation"][data-type="{rtype}"]').uncheck()
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    filtered = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    page.evaluate("actorgraph.showNode('n0', true)")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    clicked = (time.perf_counter() - start) * 1000
    context.close()
    if errors:
        raise RuntimeError(f"{path}: {errors}")
    return {"ready_ms": ready, "filter_ms": filtered, "select_ms": clicked}


def run(sizes: list[int]) -> list[dict[str, float]]:
    """Render and load the page for synthetic graphs of `sizes` nodes (for run.py)."""
    from playwright.sync_api import sync_playwright

    schema = load_corpus(ROOT / "seeds").schema
    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for n in sizes:
            graph = synthetic(n, schema)
            start = time.perf_counter()
            path = write_page(graph, schema, Path(tmp) / f"page-{n}.html")
            rendered = time.perf_counter() - start
            m = measure(browser, path)
            results.append({"nodes": n, "edges": graph.number_of_edges(), "render_s": rendered, **m})
        browser.close()
    return results


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    corpus = load_corpus(ROOT / "seeds")
    print(f"{'nodes':>7} {'edges':>7} {'render s':>9} {'MB':>6} {'ready ms':>9} {'filter ms':>10} {'select ms':>10}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for n in sizes:
            graph = build_graph(corpus) if n == corpus_size(corpus) else synthetic(n, corpus.schema)
            start = time.perf_counter()
            path = write_page(graph, corpus.schema, Path(tmp) / f"page-{n}.html")
            rendered = time.perf_counter() - start
            m = measure(browser, path)
            print(
                f"{graph.number_of_nodes():>7} {graph.number_of_edges():>7} {rendered:>9.2f}"
                f" {path.stat().st_size / 1e6:>6.1f} {m['ready_ms']:>9.0f}"
                f" {m['filter_ms']:>10.0f} {m['select_ms']:>10.0f}",
                flush=True,
            )
        browser.close()


def corpus_size(corpus) -> int:
    return len(corpus.entities)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [13, 1000, 5000, 20000])
