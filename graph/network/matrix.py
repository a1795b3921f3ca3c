"""Two-mode and one-mode network matrices from statements, with DNA's definitions.

Every (row, column) pair holds a count per stance, n⁻ and n⁺ (DNA's boolean qualifier levels 0 and 1).

Two-mode (actor x target), `aggregation`:
    ignore: n⁺ + n⁻ · agree: n⁺ · disagree: n⁻ (the other stance left out, rows and all) · subtract: n⁺ - n⁻ ·
    combine: 1 if only in favour, 2 if only against, 3 if both (DNA's lexical rank of [n⁻ > 0, n⁺ > 0]).
  normalization: none · activity (each row divided by the actor's total) · prominence (each column by the
  target's total); totals as DNA takes them (for combine: the row's or column's non-zero cells).

One-mode (actor x actor, or target x target with the roles swapped), summed over every target j:
    ignore (co-occurrence): (n⁺ᵢ + n⁻ᵢ)(n⁺ₖ + n⁻ₖ) · congruence: n⁺ᵢn⁺ₖ + n⁻ᵢn⁻ₖ ·
    conflict: n⁺ᵢn⁻ₖ + n⁻ᵢn⁺ₖ · subtract: congruence - conflict.   The diagonal is 0.
  normalization, with tᵢ = actor i's statements over all targets:
    none · average: w / ((tᵢ + tₖ) / 2) · jaccard: w / (m₁₀ + m₀₁ + m₁₁), summing over cells (j, stance):
    m₁₀ = Σ nᵢ where nₖ = 0, m₀₁ = Σ nₖ where nᵢ = 0, m₁₁ = Σ nᵢnₖ where both > 0 ·
    cosine (as DNA computes it): w / (tᵢ · tₖ).   A zero denominator gives 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.network.select import NetworkError
from graph.network.statements import Statement

TWO_MODE = ("ignore", "agree", "disagree", "combine", "subtract")
ONE_MODE = ("ignore", "congruence", "conflict", "subtract")
TWO_MODE_NORMALIZATION = ("none", "activity", "prominence")
ONE_MODE_NORMALIZATION = ("none", "average", "jaccard", "cosine")

Number = int | float


@dataclass
class Matrix:
    """A network as a sparse matrix: labels (entity ids, sorted) and the non-zero cells."""

    rows: list[str]
    columns: list[str]
    cells: dict[tuple[int, int], Number] = field(default_factory=dict)
    symmetric: bool = False
    statements: int = 0

    def dense(self) -> list[list[Number]]:
        out: list[list[Number]] = [[0] * len(self.columns) for _ in self.rows]
        for (i, j), w in self.cells.items():
            out[i][j] = w
        return out

    def get(self, row: str, column: str) -> Number:
        """The cell by labels (0 if absent or not a label); for tests and notebooks."""
        try:
            return self.cells.get((self.rows.index(row), self.columns.index(column)), 0)
        except ValueError:
            return 0


def _counts(statements: Iterable[Statement], swap: bool) -> dict[str, dict[str, list[int]]]:
    """row → column → [n⁻, n⁺]."""
    out: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for s in statements:
        row, col = (s.target, s.actor) if swap else (s.actor, s.target)
        cell = out[row].get(col)
        if cell is None:
            cell = out[row][col] = [0, 0]
        cell[s.sign > 0] += 1
    return out


def two_mode(statements: list[Statement], aggregation: str = "ignore", normalization: str = "none") -> Matrix:
    """Actor x target."""
    _check(aggregation, TWO_MODE, "two-mode aggregation")
    _check(normalization, TWO_MODE_NORMALIZATION, "two-mode normalization")
    if aggregation in ("agree", "disagree"):  # as DNA: the other stance's statements are excluded first
        sign = 1 if aggregation == "agree" else -1
        statements = [s for s in statements if s.sign == sign]
    counts = _counts(statements, swap=False)
    rows = sorted(counts)
    columns = sorted({c for cols in counts.values() for c in cols})
    col_index = {c: j for j, c in enumerate(columns)}
    cells: dict[tuple[int, int], Number] = {}
    totals: dict[tuple[int, int], int] = {}
    for i, row in enumerate(rows):
        for col, (neg, pos) in counts[row].items():
            value = {
                "ignore": pos + neg,
                "agree": pos,
                "disagree": neg,
                "subtract": pos - neg,
                "combine": 2 * (neg > 0) + (pos > 0),
            }[aggregation]
            key = (i, col_index[col])
            totals[key] = pos + neg
            if value:
                cells[key] = value
    matrix = Matrix(rows, columns, cells, statements=len(statements))
    if normalization != "none":
        _normalize_two_mode(matrix, totals, aggregation, by_row=normalization == "activity")
    return matrix


def _normalize_two_mode(matrix: Matrix, totals: dict, aggregation: str, by_row: bool) -> None:
    side = 0 if by_row else 1
    denominators: dict[int, Number] = defaultdict(int)
    if aggregation == "subtract":
        for key, n in totals.items():
            denominators[key[side]] += n
    elif aggregation == "combine":
        for key in matrix.cells:
            denominators[key[side]] += 1
    else:
        for key, w in matrix.cells.items():
            denominators[key[side]] += w
    matrix.cells = {k: w / denominators[k[side]] for k, w in matrix.cells.items() if denominators[k[side]]}


def one_mode(
    statements: list[Statement], aggregation: str = "congruence", normalization: str = "none", of: str = "actors"
) -> Matrix:
    """Actor x actor (`of="actors"`), or target x target tied by the actors they share (`of="targets"`)."""
    _check(aggregation, ONE_MODE, "one-mode aggregation")
    _check(normalization, ONE_MODE_NORMALIZATION, "one-mode normalization")
    _check(of, ("actors", "targets"), "one-mode network of")
    counts = _counts(statements, swap=of == "targets")
    labels = sorted(counts)
    index = {label: i for i, label in enumerate(labels)}
    totals = [sum(n + p for n, p in counts[label].values()) for label in labels]
    by_column: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for label in labels:
        i = index[label]
        for col, (neg, pos) in counts[label].items():
            by_column[col].append((i, neg, pos))
    # per pair (i < k): congruence, conflict, Σ nᵢ where nₖ > 0, Σ nₖ where nᵢ > 0
    pairs: dict[tuple[int, int], list[int]] = {}
    for members in by_column.values():
        for a in range(len(members)):
            i, ni, pi = members[a]
            for b in range(a + 1, len(members)):
                k, nk, pk = members[b]
                key = (i, k) if i < k else (k, i)
                acc = pairs.get(key)
                if acc is None:
                    acc = pairs[key] = [0, 0, 0, 0]
                acc[0] += pi * pk + ni * nk
                acc[1] += pi * nk + ni * pk
                si = (pi if pk else 0) + (ni if nk else 0)
                sk = (pk if pi else 0) + (nk if ni else 0)
                if i < k:
                    acc[2] += si
                    acc[3] += sk
                else:
                    acc[2] += sk
                    acc[3] += si
    cells: dict[tuple[int, int], Number] = {}
    for (i, k), (congruence, conflict, s_ik, s_ki) in pairs.items():
        weight = {
            "ignore": congruence + conflict,
            "congruence": congruence,
            "conflict": conflict,
            "subtract": congruence - conflict,
        }[aggregation]
        if not weight:
            continue
        if normalization == "average":
            weight = weight / ((totals[i] + totals[k]) / 2)
        elif normalization == "jaccard":
            weight = weight / ((totals[i] - s_ik) + (totals[k] - s_ki) + congruence)
        elif normalization == "cosine":
            weight = weight / (totals[i] * totals[k])
        cells[(i, k)] = cells[(k, i)] = weight
    return Matrix(labels, labels, cells, symmetric=True, statements=len(statements))


def _check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise NetworkError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")
