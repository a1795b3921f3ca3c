"""Precomputed, seeded node positions so the page opens on a stable, readable layout.

Each connected component is laid out on its own (Fruchterman-Reingold, edges about one unit long) and the
components are packed in rows, biggest first, so small groups do not drift far from the rest.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import igraph

SEED = 20241120
GRID_FROM = 1000  # components bigger than this use grid Fruchterman-Reingold with fewer iterations (fast, coarser)
SPACING = 170.0  # page pixels per layout unit (about one edge length)
MARGIN = 1.6  # layout units between packed components
MIN_GAP = 150.0  # small graphs: no two nodes closer than this many pixels (labels need room)
GAP_CHECK_UP_TO = 400  # the gap check is quadratic, so only small graphs get it

Point = tuple[float, float]


def positions(n: int, edges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Integer (x, y) pixels for nodes 0..n-1; the same input always gives the same output."""
    if n == 0:
        return []
    g = igraph.Graph(n=n, edges=list(edges), directed=False)
    g.simplify()
    previous = random.getstate()
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        parts = [(members, _component_layout(g.induced_subgraph(members))) for members in _components(g)]
    finally:
        igraph.set_random_number_generator(random)
        random.setstate(previous)
    coords = _pack(n, parts)
    return _scaled(coords)


def _components(g: igraph.Graph) -> list[list[int]]:
    """Connected components, biggest first, ties by their smallest node."""
    return sorted((sorted(c) for c in g.connected_components()), key=lambda c: (-len(c), c[0]))


def _component_layout(g: igraph.Graph) -> list[Point]:
    if g.vcount() == 1:
        return [(0.0, 0.0)]
    if g.vcount() == 2:
        return [(0.0, 0.0), (0.5, 1.4)]  # slanted: labels sit under nodes
    if g.vcount() > GRID_FROM:
        return [tuple(c) for c in g.layout_fruchterman_reingold(niter=300, grid=True).coords]
    return [tuple(c) for c in g.layout_fruchterman_reingold(niter=500, grid=False).coords]


def _pack(n: int, parts: list[tuple[list[int], list[Point]]]) -> list[Point]:
    """Shelf-pack the component drawings into rows about as wide as the square root of their total area."""
    boxes = [_bounds(coords) for _, coords in parts]
    area = sum((w + MARGIN) * (h + MARGIN) for _, _, w, h in boxes)
    row_width = max(math.sqrt(area) * 1.3, max(w for _, _, w, _ in boxes))
    out: list[Point] = [(0.0, 0.0)] * n
    x = y = row_height = 0.0
    for (members, coords), (left, top, w, h) in zip(parts, boxes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + MARGIN, 0.0
        for node, (cx, cy) in zip(members, coords, strict=True):
            out[node] = (x + cx - left, y + cy - top)
        x += w + MARGIN
        row_height = max(row_height, h)
    return out


def _bounds(coords: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _scaled(coords: list[Point]) -> list[tuple[int, int]]:
    """Centre on 0 and turn layout units into pixels, spread further if two nodes would touch."""
    left, top, w, h = _bounds(coords)
    scale = SPACING
    if 1 < len(coords) <= GAP_CHECK_UP_TO:
        scale = max(scale, min(2 * scale, MIN_GAP / (_closest_pair(coords) or 1e-9)))
    cx, cy = left + w / 2, top + h / 2
    return [(round((x - cx) * scale), round((y - cy) * scale)) for x, y in coords]


def _closest_pair(coords: list[Point]) -> float:
    return min(math.dist(a, b) for i, a in enumerate(coords) for b in coords[i + 1 :])
