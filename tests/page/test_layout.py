"""Node positions: seeded, integer, and spread enough for labels."""

from __future__ import annotations

import math
import random

from graph.page.layout import positions

PATH_AND_PAIR = [(0, 1), (1, 2), (2, 3), (4, 5)]


def test_same_input_same_positions():
    assert positions(7, PATH_AND_PAIR) == positions(7, PATH_AND_PAIR)


def test_one_integer_point_per_node():
    points = positions(7, PATH_AND_PAIR)
    assert len(points) == 7
    assert all(isinstance(c, int) for point in points for c in point)
    assert positions(0, []) == []


def test_python_random_state_is_left_alone():
    before = random.getstate()
    positions(7, PATH_AND_PAIR)
    assert random.getstate() == before


def test_no_two_seed_actors_touch(seed_graph):
    keys = sorted(seed_graph.nodes)
    index = {k: i for i, k in enumerate(keys)}
    points = positions(len(keys), [(index[u], index[v]) for u, v in seed_graph.edges()])
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :])
    assert closest >= 100


def test_a_thousand_actors_do_not_collapse_into_a_disc():
    rng = random.Random(1)
    n = 2000
    points = positions(n, [(rng.randrange(n), rng.randrange(n)) for _ in range(3000)])
    nearest = sorted(min(math.dist(points[i], q) for j, q in enumerate(points) if j != i) for i in range(0, n, 20))
    assert nearest[len(nearest) // 2] >= 100  # median pixels to the nearest other actor
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assert (max(xs) - min(xs)) > (max(ys) - min(ys))  # packed landscape, like a screen
