"""The networks DNA computes for its organization x concept settings, worked out by hand for the sample.

Counts [n-, n+]: Alpha tax [0,3] subsidy [1,0] (t=4); Beta tax [0,1] subsidy [0,1] cap [1,0] (t=3);
Gamma tax [1,0] subsidy [1,0] (t=2); Delta cap [0,1] (t=1). Per pair (congruence, conflict):
Alpha-Beta (3, 1), Alpha-Gamma (1, 3), Beta-Gamma (0, 2), Beta-Delta (0, 1); no other pair shares a concept.
"""

from __future__ import annotations

import pytest

from graph.errors import NetworkError
from graph.network import Window
from tests.network.conftest import named, symmetric

ORGS = ["Alpha", "Beta", "Delta", "Gamma"]  # sorted by id: organization-alpha, -beta, -delta, -gamma
CONCEPTS = ["carbon tax", "emissions cap", "subsidy"]
TAX, CAP, SUB = CONCEPTS


def approx(cells: dict) -> dict:
    return {k: pytest.approx(v) for k, v in cells.items()}


TWO_MODE = {
    "ignore": {("Alpha", TAX): 3, ("Alpha", SUB): 1, ("Beta", TAX): 1, ("Beta", SUB): 1, ("Beta", CAP): 1,
               ("Gamma", TAX): 1, ("Gamma", SUB): 1, ("Delta", CAP): 1},
    "subtract": {("Alpha", TAX): 3, ("Alpha", SUB): -1, ("Beta", TAX): 1, ("Beta", SUB): 1, ("Beta", CAP): -1,
                 ("Gamma", TAX): -1, ("Gamma", SUB): -1, ("Delta", CAP): 1},
    "combine": {("Alpha", TAX): 1, ("Alpha", SUB): 2, ("Beta", TAX): 1, ("Beta", SUB): 1, ("Beta", CAP): 2,
                ("Gamma", TAX): 2, ("Gamma", SUB): 2, ("Delta", CAP): 1},
}  # fmt: skip


@pytest.mark.parametrize("qualifier", sorted(TWO_MODE))
def test_two_mode_counts(dna_network, qualifier: str) -> None:
    rows, cols, cells = named(dna_network("two-mode", qualifier))
    assert (rows, cols) == (ORGS, CONCEPTS)
    assert cells == TWO_MODE[qualifier]


def test_two_mode_agree_and_disagree_leave_the_other_stance_out(dna_network) -> None:
    rows, cols, cells = named(dna_network("two-mode", "agree"))
    assert (rows, cols) == (["Alpha", "Beta", "Delta"], CONCEPTS)
    assert cells == {("Alpha", TAX): 3, ("Beta", TAX): 1, ("Beta", SUB): 1, ("Delta", CAP): 1}
    rows, cols, cells = named(dna_network("two-mode", "disagree"))
    assert (rows, cols) == (["Alpha", "Beta", "Gamma"], CONCEPTS)
    assert cells == {("Alpha", SUB): 1, ("Beta", CAP): 1, ("Gamma", TAX): 1, ("Gamma", SUB): 1}
    # the same as DNA's way: ignore, with the agreement value excluded
    assert named(dna_network("two-mode", "ignore", exclude_types=frozenset({"opposes"}))) == named(
        dna_network("two-mode", "agree")
    )


def test_two_mode_activity_and_prominence(dna_network) -> None:
    _, _, cells = named(dna_network("two-mode", "ignore", "activity"))
    assert cells == approx(
        {k: v / {"Alpha": 4, "Beta": 3, "Gamma": 2, "Delta": 1}[k[0]] for k, v in TWO_MODE["ignore"].items()}
    )
    _, _, cells = named(dna_network("two-mode", "ignore", "prominence"))
    assert cells == approx({k: v / {TAX: 5, SUB: 3, CAP: 2}[k[1]] for k, v in TWO_MODE["ignore"].items()})


ONE_MODE = {
    "ignore": {("Alpha", "Beta"): 4, ("Alpha", "Gamma"): 4, ("Beta", "Gamma"): 2, ("Beta", "Delta"): 1},
    "congruence": {("Alpha", "Beta"): 3, ("Alpha", "Gamma"): 1},
    "conflict": {("Alpha", "Beta"): 1, ("Alpha", "Gamma"): 3, ("Beta", "Gamma"): 2, ("Beta", "Delta"): 1},
    "subtract": {("Alpha", "Beta"): 2, ("Alpha", "Gamma"): -2, ("Beta", "Gamma"): -2, ("Beta", "Delta"): -1},
}
TOTALS = {"Alpha": 4, "Beta": 3, "Gamma": 2, "Delta": 1}
# jaccard denominators m10 + m01 + m11 over (concept, stance) cells, per pair: Alpha-Beta 1 + 2 + 3;
# Alpha-Gamma 3 + 1 + 1; Beta-Gamma 3 + 2 + 0; Beta-Delta 3 + 1 + 0 (Beta's cap is against, Delta's in favour)
JACCARD = {("Alpha", "Beta"): 6, ("Alpha", "Gamma"): 5, ("Beta", "Gamma"): 5, ("Beta", "Delta"): 4}


@pytest.mark.parametrize("qualifier", sorted(ONE_MODE))
def test_one_mode_without_normalization(dna_network, qualifier: str) -> None:
    rows, cols, cells = named(dna_network("actors", qualifier))
    assert rows == cols == ORGS
    assert cells == symmetric(ONE_MODE[qualifier])


@pytest.mark.parametrize("qualifier", sorted(ONE_MODE))
def test_one_mode_average(dna_network, qualifier: str) -> None:
    expected = {(a, b): w / ((TOTALS[a] + TOTALS[b]) / 2) for (a, b), w in ONE_MODE[qualifier].items()}
    assert named(dna_network("actors", qualifier, "average"))[2] == approx(symmetric(expected))


@pytest.mark.parametrize("qualifier", sorted(ONE_MODE))
def test_one_mode_jaccard(dna_network, qualifier: str) -> None:
    expected = {pair: w / JACCARD[pair] for pair, w in ONE_MODE[qualifier].items()}
    assert named(dna_network("actors", qualifier, "jaccard"))[2] == approx(symmetric(expected))


@pytest.mark.parametrize("qualifier", sorted(ONE_MODE))
def test_one_mode_cosine_as_dna_defines_it(dna_network, qualifier: str) -> None:
    expected = {(a, b): w / (TOTALS[a] * TOTALS[b]) for (a, b), w in ONE_MODE[qualifier].items()}
    assert named(dna_network("actors", qualifier, "cosine"))[2] == approx(symmetric(expected))


def test_excluded_values_are_honoured(dna_network) -> None:
    # without the subsidy: Alpha tax [0,3] t=3, Beta tax [0,1] cap [1,0] t=2, Gamma tax [1,0] t=1, Delta cap t=1
    no_subsidy = dna_network("actors", "congruence", "average", exclude_targets=frozenset({"concept-subsidy"}))
    assert named(no_subsidy)[2] == approx(symmetric({("Alpha", "Beta"): 3 / 2.5}))
    conflict = dna_network("actors", "conflict", exclude_actors=frozenset({"organization-gamma"}))
    assert named(conflict) == (["Alpha", "Beta", "Delta"],) * 2 + (
        symmetric({("Alpha", "Beta"): 1, ("Beta", "Delta"): 1}),
    )
    only = dna_network("two-mode", include_actors=frozenset({"organization-delta"}))
    assert named(only) == (["Delta"], [CAP], {("Delta", CAP): 1})
    doc4 = dna_network("actors", "conflict", exclude_documents=frozenset({"dna-4"}))
    assert named(doc4)[2] == symmetric({("Alpha", "Beta"): 1, ("Alpha", "Gamma"): 3, ("Beta", "Gamma"): 2})


def test_without_the_organisation_filter_the_speaker_without_organisation_is_an_actor(dna_network) -> None:
    rows, _, cells = named(dna_network("actors", "congruence", actor_types=frozenset()))
    assert rows == ["Alpha", "Beta", "Delta", "Gamma", "Pat"]
    assert cells[("Alpha", "Pat")] == 3 and cells[("Beta", "Pat")] == 1


def test_target_networks_tie_concepts_through_shared_actors(dna_network) -> None:
    # Alpha: tax +3, subsidy -1; Beta: tax +1, subsidy +1, cap -1; Gamma: tax -1, subsidy -1; Delta: cap +1
    assert named(dna_network("targets", "congruence"))[2] == symmetric({(TAX, SUB): 2})
    assert named(dna_network("targets", "conflict"))[2] == symmetric({(TAX, SUB): 3, (TAX, CAP): 1, (CAP, SUB): 1})


def test_duplicates(dna_network) -> None:
    # Alpha says tax +1 twice in document 1 (6 Jan 2020) and once in document 3 (10 Feb 2020)
    per_doc = {**ONE_MODE["congruence"], ("Alpha", "Beta"): 2}
    assert named(dna_network("actors", "congruence", duplicates="document"))[2] == symmetric(per_doc)
    assert named(dna_network("actors", "congruence", duplicates="week"))[2] == symmetric(per_doc)
    assert named(dna_network("actors", "congruence", duplicates="month"))[2] == symmetric(per_doc)
    per_year = {**ONE_MODE["congruence"], ("Alpha", "Beta"): 1}
    assert named(dna_network("actors", "congruence", duplicates="year"))[2] == symmetric(per_year)
    assert named(dna_network("two-mode", duplicates="year"))[2][("Alpha", TAX)] == 1


def test_a_date_range(dna_network) -> None:
    january = dna_network("two-mode", start=_d("2020-01-01"), end=_d("2020-01-31"))
    assert named(january) == (
        ["Alpha", "Beta"],
        [TAX, SUB],
        {("Alpha", TAX): 2, ("Alpha", SUB): 1, ("Beta", TAX): 1, ("Beta", SUB): 1},
    )


def test_moving_time_windows(dna_network) -> None:
    result = dna_network(
        "actors", "conflict", window=Window(1, 1, "months"), start=_d("2020-01-01"), end=_d("2020-03-31")
    )
    assert [(str(s.start), str(s.end)) for s in result.slices] == [
        ("2020-01-01", "2020-01-31"),
        ("2020-02-01", "2020-02-29"),
        ("2020-03-01", "2020-03-31"),
    ]
    assert named(result, 0)[2] == symmetric({("Alpha", "Beta"): 1})  # Alpha subsidy -1, Beta subsidy +1
    assert named(result, 1)[2] == symmetric({("Alpha", "Gamma"): 1})  # Alpha tax +1, Gamma tax -1
    assert named(result, 2)[2] == {}
    two = dna_network("two-mode", window=Window(2, 1, "months"), start=_d("2020-01-01"), end=_d("2020-03-31"))
    assert len(two.slices) == 2 and two.slices[0].matrix.statements == 8 and two.slices[1].matrix.statements == 3


def test_a_window_longer_than_the_range_is_refused(dna_network) -> None:
    with pytest.raises(NetworkError, match="does not fit"):
        dna_network(window=Window(3, 1, "years"))


def _d(text: str):
    from datetime import date

    return date.fromisoformat(text)


def test_one_per_range_is_dnas_acrossrange(dna_network) -> None:
    """Alpha's three statements in favour of the tax (documents 1 and 3) count once across the range; Alpha's
    statement against the subsidy stays; with the qualifier ignored, stance no longer tells statements apart."""
    _, _, cells = named(dna_network("two-mode", "ignore", duplicates="range"))
    assert cells == {**TWO_MODE["ignore"], ("Alpha", TAX): 1}
    _, _, cells = named(dna_network("actors", "congruence", duplicates="range"))
    assert cells == symmetric({("Alpha", "Beta"): 1, ("Alpha", "Gamma"): 1})
