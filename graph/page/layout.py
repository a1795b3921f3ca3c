"""Precomputed, seeded node positions so the page opens on a stable, readable layout."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import igraph

SEED = 20241120
GRID_FROM = 1000  # above this many nodes, grid Fruchterman-Reingold with fewer iterations (fast, coarser)
SPACING = 170.0  # target distance between neighbouring nodes, in page pixels
MIN_GAP = 150.0  # small graphs: no two nodes closer than this (labels need room)
GAP_CHECK_UP_TO = 400  # the gap check is quadratic, so only small graphs get it


def positions(n: int, edges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Integer (x, y) for nodes 0..n-1; the same input always gives the same output."""
    if n == 0:
        return []
    if n == 1:
        return [(0, 0)]
    g = igraph.Graph(n=n, edges=list(edges), directed=False)
    g.simplify()
    previous = random.getstate()
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        coords = _layout(g)
    finally:
        igraph.set_random_number_generator(random)
        random.setstate(previous)
    return _scaled(coords, n)


def _layout(g: igraph.Graph) -> list[list[float]]:
    if g.vcount() > GRID_FROM:
        return g.layout_fruchterman_reingold(niter=300, grid=True).coords
    return g.layout_fruchterman_reingold(niter=500, grid=False).coords


def _scaled(coords: list[list[float]], n: int) -> list[tuple[int, int]]:
    """Centre on 0 and stretch so the drawing covers about SPACING² per node."""
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = SPACING * math.sqrt(n) / extent
    if n <= GAP_CHECK_UP_TO:
        scale = max(scale, min(3 * scale, MIN_GAP / (_closest_pair(xs, ys) or 1e-9)))
    return [(round((x - cx) * scale), round((y - cy) * scale)) for x, y in zip(xs, ys, strict=True)]


def _closest_pair(xs: list[float], ys: list[float]) -> float:
    return min(math.dist((xs[i], ys[i]), (xs[j], ys[j])) for i in range(len(xs)) for j in range(i + 1, len(xs)))
