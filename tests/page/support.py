"""Driving the page as a reader does: find items by their keys, click them on the canvas, read the panel."""

from __future__ import annotations

import random

import networkx as nx

SHOWN_NODE_KEYS = "() => actorgraph.nodes.getIds().map(id => actorgraph.data.nodes[id].key)"
SHOWN_EDGE_KEYS = "() => actorgraph.edges.getIds().map(id => actorgraph.data.edges[id].key)"

# How many distinct colours the network canvas holds: a blank or one-colour canvas has very few.
CANVAS_COLOURS = """() => {
  const c = document.querySelector('#network canvas');
  const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const seen = new Set();
  for (let i = 0; i < px.length; i += 4 * 7) seen.add(px[i] << 16 | px[i + 1] << 8 | px[i + 2]);
  return seen.size;
}"""


def vis_id(opened, kind: str, key: str) -> str:
    return opened.js(f"Object.entries(actorgraph.data.{kind}).find(([, v]) => v.key === {key!r})[0]")


def click_canvas_at(opened, point: dict) -> None:
    """Click the network canvas at a point given in network coordinates, zoomed in so it is unambiguous."""
    opened.js("p => actorgraph.network.moveTo({position: p, scale: 1.5, animation: false})", point)
    dom = opened.js("p => actorgraph.network.canvasToDOM(p)", point)
    box = opened.page.locator("#network canvas").bounding_box()
    opened.page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])


def click_node(opened, node: str) -> None:
    click_canvas_at(opened, opened.js(f"actorgraph.network.getPosition('{node}')"))


def click_edge(opened, edge: str) -> None:
    """Click the middle of a relation (straight, or the middle of its curve)."""
    point = opened.js(
        """id => { const e = actorgraph.network.body.edges[id];
          const ends = actorgraph.network.getPositions([e.fromId, e.toId]), a = ends[e.fromId], b = ends[e.toId];
          return e.edgeType.getPoint ? e.edgeType.getPoint(0.5) : {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}; }""",
        edge,
    )
    click_canvas_at(opened, point)


def panel_text(opened) -> str:
    return opened.page.locator("#panel").inner_text()


def shown_nodes(opened) -> set[str]:
    return set(opened.js(SHOWN_NODE_KEYS))


def shown_edges(opened) -> set[str]:
    return set(opened.js(SHOWN_EDGE_KEYS))


def fragment(opened) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(opened.js("() => location.hash.slice(1)")))


def big_graph(schema, n: int) -> nx.MultiDiGraph:
    """n people and 1.5 n aligns-with relations between random pairs, all reported in one document."""
    rng = random.Random(3)
    g = nx.MultiDiGraph(name="Big corpus", documents={"d": {"title": "Synthetic"}})
    for i in range(n):
        g.add_node(f"a{i:05d}", type="Person", name=f"Actor {i}", aliases=[])
    for j in range(int(n * 1.5)):
        u, v = f"a{rng.randrange(n):05d}", f"a{rng.randrange(n):05d}"
        g.add_edge(u, v, f"r{j:06d}", type="aligns-with", document="d", quote="q", attribution="report")
    return g


# Every label vis-network draws now, with its box as vis-network measured it (canvas units; a label not drawn
# is a blank one, or one below the drawing threshold at this zoom).
DRAWN_LABELS = """() => { const out = [], net = actorgraph.network;
  const kinds = [["node", net.body.nodes, actorgraph.nodes], ["edge", net.body.edges, actorgraph.edges]];
  for (const [kind, items, data] of kinds)
    for (const id of data.getIds()) {
      const l = items[id].labelModule, text = l.elementOptions.label;
      if (typeof text !== "string" || !text.trim() || !l.visible()) continue;
      out.push({kind, id, text, left: l.size.left, top: l.size.top, width: l.size.width, height: l.size.height});
    }
  return out; }"""


def drawn_labels(opened) -> list[dict]:
    opened.js("() => new Promise(r => { actorgraph.network.once('afterDrawing', r); actorgraph.network.redraw(); })")
    return opened.js(DRAWN_LABELS)


def label_overlaps(labels: list[dict], tolerance: float = 0.02) -> list[tuple[float, str, str]]:
    """Pairs of drawn labels sharing more than `tolerance` of the smaller one's area."""
    found = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            w = min(a["left"] + a["width"], b["left"] + b["width"]) - max(a["left"], b["left"])
            h = min(a["top"] + a["height"], b["top"] + b["height"]) - max(a["top"], b["top"])
            smaller = max(min(a["width"] * a["height"], b["width"] * b["height"]), 1)
            if w > 0 and h > 0 and w * h / smaller > tolerance:
                found.append((round(w * h / smaller, 2), a["text"], b["text"]))
    return found
