"""The sparse computation against a dense one written straight from DNA's definitions, on random statements.

The reference builds DNA's array a[row][column][qualifier level] and loops over every pair of rows and every
column as DNA's Exporter does; the library never builds that array. Both must agree cell for cell.
"""

from __future__ import annotations

import random

import pytest

from graph.network.matrix import ONE_MODE, ONE_MODE_NORMALIZATION, one_mode, two_mode
from graph.network.statements import Statement


def random_statements(seed: int, n: int = 120) -> list[Statement]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        sign = rng.choice((1, -1))
        actor, target = f"a{rng.randrange(9)}", f"t{rng.randrange(6)}"
        out.append(Statement(actor, target, "supports" if sign > 0 else "opposes", sign, "d", None, f"r{i}", "q", 0))
    return out


def dense_one_mode(statements: list[Statement], aggregation: str, normalization: str) -> dict:
    rows = sorted({s.actor for s in statements})
    cols = sorted({s.target for s in statements})
    a = {(r, c, k): 0 for r in rows for c in cols for k in (0, 1)}
    for s in statements:
        a[s.actor, s.target, 1 if s.sign > 0 else 0] += 1
    out = {}
    for i in rows:
        for k in rows:
            if i == k:
                continue
            w = 0.0
            for c in cols:
                if aggregation == "ignore":
                    w += (a[i, c, 0] + a[i, c, 1]) * (a[k, c, 0] + a[k, c, 1])
                for q1 in (0, 1):
                    for q2 in (0, 1):
                        same = a[i, c, q1] * a[k, c, q2] * (1 - abs(q1 - q2))
                        other = a[i, c, q1] * a[k, c, q2] * abs(q1 - q2)
                        w += {"congruence": same, "conflict": other, "subtract": same - other}.get(aggregation, 0)
            ti = sum(a[i, c, q] for c in cols for q in (0, 1))
            tk = sum(a[k, c, q] for c in cols for q in (0, 1))
            norm = 1.0
            if normalization == "average":
                norm = (ti + tk) / 2
            elif normalization == "jaccard":
                m10 = sum(a[i, c, q] for c in cols for q in (0, 1) if a[k, c, q] == 0)
                m01 = sum(a[k, c, q] for c in cols for q in (0, 1) if a[i, c, q] == 0)
                m11 = sum(a[i, c, q] * a[k, c, q] for c in cols for q in (0, 1) if a[i, c, q] and a[k, c, q])
                norm = m10 + m01 + m11
            elif normalization == "cosine":
                norm = ti * tk
            w = 0 if norm == 0 else w / norm
            if w:
                out[i, k] = w
    return out


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("aggregation", ONE_MODE)
@pytest.mark.parametrize("normalization", ONE_MODE_NORMALIZATION)
def test_one_mode_equals_the_dense_definition(seed: int, aggregation: str, normalization: str) -> None:
    statements = random_statements(seed)
    mx = one_mode(statements, aggregation, normalization)
    got = {(mx.rows[i], mx.columns[j]): w for (i, j), w in mx.cells.items()}
    want = dense_one_mode(statements, aggregation, normalization)
    assert got.keys() == want.keys()
    assert got == {k: pytest.approx(v) for k, v in want.items()}


@pytest.mark.parametrize("seed", range(4))
def test_two_mode_equals_the_dense_definition(seed: int) -> None:
    statements = random_statements(seed)
    pos, neg = {}, {}
    for s in statements:
        side = pos if s.sign > 0 else neg
        side[s.actor, s.target] = side.get((s.actor, s.target), 0) + 1
    mx = two_mode(statements, "subtract")
    got = {(mx.rows[i], mx.columns[j]): w for (i, j), w in mx.cells.items()}
    keys = pos.keys() | neg.keys()
    want = {k: pos.get(k, 0) - neg.get(k, 0) for k in keys if pos.get(k, 0) != neg.get(k, 0)}
    assert got == want
    combined = two_mode(statements, "combine")
    got = {(combined.rows[i], combined.columns[j]): w for (i, j), w in combined.cells.items()}
    assert got == {k: 2 * (k in neg) + (k in pos) for k in keys}
