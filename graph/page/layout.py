"""Precomputed, seeded node positions so the page opens on a stable, readable layout.

Each connected component is laid out on its own (Fruchterman-Reingold), scaled so its median edge is one unit
long whatever its size (a big component spreads instead of collapsing into a disc), and the components are
packed in rows, biggest first, into a landscape box shaped like a screen, so small groups sit beside the rest.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import igraph

SEED = 20241120
KK_UP_TO = 200  # components up to this size use Kamada-Kawai (even edge lengths: room for edge labels)
GRID_FROM = 1000  # components bigger than this use grid Fruchterman-Reingold with fewer iterations (fast, coarser)
SPACING = 170.0  # page pixels per layout unit (about one edge length)
MARGIN = 1.6  # layout units between packed components
NEIGHBOUR_UNITS = 1.4  # a node's nearest neighbour is at least this many units away … (see _unit_edges)
ASPECT = 1.6  # width / height the packing aims at (a laptop screen; the page stretches to the real one)
MIN_GAP = 150.0  # small graphs: no two nodes closer than this many pixels (labels need room)
GAP_CHECK_UP_TO = 400  # the gap check is quadratic, so only small graphs get it

Point = tuple[float, float]


def positions(n: int, edges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Integer (x, y) pixels for nodes 0..n-1; the same input always gives the same output."""
    if n == 0:
        return []
    g = igraph.Graph(n=n, edges=list(edges), directed=False)
    g.simplify()
    with seeded_igraph():
        parts = [(members, _component_layout(g.induced_subgraph(members))) for members in _components(g)]
    coords = _pack(n, parts)
    return _scaled(coords)


@contextmanager
def seeded_igraph(seed: int = SEED) -> Iterator[None]:
    """igraph draws from a random source seeded with `seed` inside the block (the same graph, the same result);
    Python's global random state is left as it was."""
    previous = random.getstate()
    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)
        random.setstate(previous)


def _components(g: igraph.Graph) -> list[list[int]]:
    """Connected components, biggest first, ties by their smallest node."""
    return sorted((sorted(c) for c in g.connected_components()), key=lambda c: (-len(c), c[0]))


def _component_layout(g: igraph.Graph) -> list[Point]:
    if g.vcount() == 1:
        return [(0.0, 0.0)]
    if g.vcount() == 2:
        return [(0.0, 0.0), (0.5, 1.4)]  # slanted: labels sit under nodes
    if g.vcount() > GRID_FROM:
        coords = [tuple(c) for c in g.layout_fruchterman_reingold(niter=300, grid=True).coords]
    elif g.vcount() <= KK_UP_TO:
        coords = [tuple(c) for c in g.layout_kamada_kawai(maxiter=50 * g.vcount()).coords]
    else:
        coords = [tuple(c) for c in g.layout_fruchterman_reingold(niter=500, grid=False).coords]
    return _unit_edges(coords, g.get_edgelist())


def _unit_edges(coords: list[Point], edges: list[tuple[int, int]]) -> list[Point]:
    """Scale a drawing so nodes sit about one unit from their nearest neighbour, or edges one unit long if sparser.

    FR's own scale grows and shrinks with size: without this a thousand actors fall into a dense disc.
    """
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in edges)
    unit = min(lengths[len(lengths) // 2] if lengths else math.inf, NEIGHBOUR_UNITS * _nearest_median(coords))
    if not 1e-9 < unit < math.inf:
        return coords
    return [(x / unit, y / unit) for x, y in coords]


def _nearest_median(coords: list[Point], samples: int = 400) -> float:
    """Median distance from a node to its nearest neighbour, over an even sample, with a bucket grid."""
    left, top, w, h = _bounds(coords)
    cell = max(math.sqrt(w * h / len(coords)), 1e-9)
    grid: dict[tuple[int, int], list[Point]] = {}
    for x, y in coords:
        grid.setdefault((int((x - left) / cell), int((y - top) / cell)), []).append((x, y))
    found = []
    for x, y in coords[:: max(1, len(coords) // samples)]:
        cx, cy, best, ring = int((x - left) / cell), int((y - top) / cell), math.inf, 1
        while best == math.inf and ring < 64:
            for gx in range(cx - ring, cx + ring + 1):
                for gy in range(cy - ring, cy + ring + 1):
                    for p in grid.get((gx, gy), ()):
                        d = math.dist(p, (x, y))
                        if 0 < d < best:
                            best = d
            ring *= 2
        if best < math.inf:
            found.append(best)
    found.sort()
    return found[len(found) // 2] if found else math.inf


def _pack(n: int, parts: list[tuple[list[int], list[Point]]]) -> list[Point]:
    """Shelf-pack the component drawings into rows, so the whole is about ASPECT times wider than high."""
    boxes = [_bounds(coords) for _, coords in parts]
    area = sum((w + MARGIN) * (h + MARGIN) for _, _, w, h in boxes)
    row_width = max(math.sqrt(area * ASPECT) * 1.1, max(w for _, _, w, _ in boxes))
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
