"""How big a corpus the network page serves at interactive speed, measured in headless Chromium.

Usage: PYTHONPATH=. python benchmarks/page.py [RELATIONS...]   (default 5000 20000 100000)

For each size (synthetic graph, 1.5 relations per actor, the seed schema's types, mixed attribution,
confidence and status so every line style is drawn) it reports:
  render s   writing the page (Python)
  MB         the page's size
  first ms   navigation start → the first useful view drawn (the page's own `readyAt`; parsed: data decoded)
  click ms   a real mouse click on an actor → its panel filled and the next frame drawn (* another actor's)
  focus ms   the same click inside the biggest focus the page draws (the best-connected actor, 3 degrees,
             at most 250 actors): median of 5 clicks on different actors (worst in brackets); then, from the
             page's own clock (actorgraph.timing.highlight), the median ms placing labels and restyling items
  frame ms   zoom/pan: median (and worst) time from a view change to the frame drawn, over 12 changes
Goals (issue 16): first ≤ 1500 ms, click ≤ 100 ms, frame ≤ 33 ms.
"""

from __future__ import annotations

import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from graph import load_corpus
from graph.page import write_page
from graph.schema import Schema
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
EDGES_PER_NODE = 1.5
READY = "() => Boolean(window.actorgraph && window.actorgraph.ready)"  # a function: no eval under the CSP
FRAMES = 12

# Time view changes in the page: each moveTo, then the frame vis-network draws for it.
ZOOM_PAN = """async (frames) => {
  const net = actorgraph.network;
  const drawn = () => new Promise((r) => { net.once("afterDrawing", r); setTimeout(r, 20000); });
  const start = net.getViewPosition(), scale = net.getScale(), out = [];
  for (let i = 0; i < frames; i++) {
    const t0 = performance.now();
    if (i % 2) net.moveTo({ scale: scale * (i % 4 === 1 ? 1.3 : 0.8), animation: false });
    else net.moveTo({ position: { x: start.x + 40 * i, y: start.y - 25 * i }, animation: false });
    await drawn();
    out.push(performance.now() - t0);
  }
  return out;
}"""


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
        claim = rng.random() < 0.3
        attrs.update(attribution="quote" if claim else "report", confidence=rng.choice((1.0, 1.0, 0.8, 0.6)))
        if claim:
            attrs["attributed_to"] = u
        attrs.update({q: "x" for q in spec.required})
        if "status" in schema.allowed_qualifiers(rtype) and rng.random() < 0.3:
            attrs["status"] = "expected"
        g.add_edge(u, v, attrs["id"], **attrs)
    return g


def measure(browser, path: Path) -> dict[str, float]:
    """Load the page and wait for its first drawing; then time a click on an actor, and zoom/pan frames."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function(READY, timeout=600_000, polling=100)
    ready = page.evaluate("() => actorgraph.readyAt")
    timing = page.evaluate("() => actorgraph.timing || {}")
    clicked, on_target = _click(page)
    frames = page.evaluate(ZOOM_PAN, FRAMES)
    focused = _focus_clicks(page)
    context.close()
    if errors:
        raise RuntimeError(f"{path}: {errors}")
    return {
        "ready_ms": ready,
        "parsed_ms": timing.get("parsed", float("nan")),
        "click_ms": clicked,
        "click_on_target": on_target,
        "frame_ms": statistics.median(frames),
        "frame_max_ms": max(frames),
        "focus_actors": focused[0],
        "focus_click_ms": statistics.median(focused[1]),
        "focus_click_max_ms": max(focused[1]),
        "focus_on_target": focused[2],
        "focus_labels_ms": statistics.median(p["labels"] for p in focused[3]),
        "focus_restyle_ms": statistics.median(p["restyle"] for p in focused[3]),
    }


def _focus_clicks(page, clicks: int = 5) -> tuple[int, list[float], bool]:
    """Focus on the best-connected actor at 3 degrees; click `clicks` other actors of that view in turn."""
    size = page.evaluate(
        """() => { const ids = actorgraph.nodes.getIds();
          const best = Object.keys(actorgraph.data.nodes).reduce((a, b) =>
            actorgraph.data.nodes[b].degree > actorgraph.data.nodes[a].degree ? b : a);
          actorgraph.focus(best, 3); return actorgraph.nodes.length; }"""
    )
    others = page.evaluate(
        "() => actorgraph.nodes.getIds().filter(id => id !== actorgraph.state.view.about.center).sort()"
    )
    times, all_on_target, parts = [], True, []
    for node in others[:: max(1, len(others) // clicks)][:clicks]:
        took, on_target = _click(page, node)
        times.append(took)
        parts.append(page.evaluate("() => actorgraph.timing.highlight") or {"labels": math.nan, "restyle": math.nan})
        all_on_target = all_on_target and on_target
    return size, times, all_on_target, parts


def _click(page, node: str | None = None) -> tuple[float, bool]:
    """Centre a drawn actor, click it with the mouse; time until a panel shows and a frame is drawn.

    Also says whether the panel is the clicked actor's (a slow page can land on another)."""
    node = node or page.evaluate("() => actorgraph.nodes.getIds()[0]")
    name = page.evaluate("id => actorgraph.data.nodes[id].name", node)
    point = page.evaluate("id => actorgraph.network.getPosition(id)", node)
    page.evaluate(
        """p => new Promise(r => {
          actorgraph.network.once("afterDrawing", r);
          actorgraph.network.moveTo({position: p, scale: 1.5, animation: false});
          setTimeout(r, 60000);
        })""",
        point,
    )
    dom = page.evaluate("p => actorgraph.network.canvasToDOM(p)", point)
    box = page.locator("#network canvas").bounding_box()
    page.evaluate("() => { delete window.clickedAt; }")
    page.evaluate(CLICK_CLOCK)
    page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])
    page.wait_for_function("() => window.clickedAt !== undefined", polling=50, timeout=120_000)
    return page.evaluate("() => window.clickedAt"), page.locator("#panel h2").inner_text() == name


# In the page: from the pointer going down on the canvas to the panel's new heading on screen with a frame drawn.
CLICK_CLOCK = """() => {
  const panel = document.getElementById("panel");
  const canvas = document.querySelector("#network canvas");
  canvas.addEventListener("pointerdown", () => {
    const t0 = performance.now();
    const seen = new MutationObserver(() => {
      if (!panel.querySelector("h2")) return;
      seen.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => { window.clickedAt = performance.now() - t0; }));
    });
    seen.observe(panel, { childList: true, subtree: true });
  }, { once: true, capture: true });
}"""


def run(sizes: list[int]) -> list[dict[str, float]]:
    """Render and load the page for synthetic graphs of `sizes` relations (for run.py)."""
    from playwright.sync_api import sync_playwright

    schema = load_corpus(ROOT / "seeds").schema
    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for relations in sizes:
                graph = synthetic(round(relations / EDGES_PER_NODE), schema)
                start = time.perf_counter()
                path = write_page(graph, schema, Path(tmp) / f"page-{relations}.html")
                rendered = time.perf_counter() - start
                m = measure(browser, path)
                results.append(
                    {
                        "nodes": graph.number_of_nodes(),
                        "edges": graph.number_of_edges(),
                        "render_s": rendered,
                        "mb": path.stat().st_size / 1e6,
                        **m,
                    }
                )
        finally:
            browser.close()
    return results


def main(sizes: list[int]) -> None:
    print(
        f"{'nodes':>7} {'edges':>7} {'render s':>9} {'MB':>6} {'first ms':>9} {'(parsed)':>9}"
        f" {'click ms':>9} {'frame ms':>14} {'focus click ms':>22}"
    )
    for r in run(sizes):
        print(
            f"{r['nodes']:>7} {r['edges']:>7} {r['render_s']:>9.2f} {r['mb']:>6.1f} {r['ready_ms']:>9.0f}"
            f" {r['parsed_ms']:>9.0f}"
            f" {r['click_ms']:>9.0f}{' ' if r['click_on_target'] else '*'}"
            f" {r['frame_ms']:>7.1f} ({r['frame_max_ms']:.0f})"
            f" {r['focus_click_ms']:>9.0f}{' ' if r['focus_on_target'] else '*'} ({r['focus_click_max_ms']:.0f})"
            f" in {r['focus_actors']} (labels {r['focus_labels_ms']:.1f}, restyle {r['focus_restyle_ms']:.1f})",
            flush=True,
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [5000, 20000, 100000])
