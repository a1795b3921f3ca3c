"""The seed corpus: what the article says, as a graph, with evidence for every relation."""

from collections import Counter

import networkx as nx
import pytest

from graph import load_corpus, load_graph
from tests.conftest import ARTICLE, SEEDS


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return load_graph(SEEDS)


def test_the_text_is_stored_byte_for_byte() -> None:
    shared = SEEDS.parent.parent / "shared" / "seeds" / f"{ARTICLE}.txt"
    stored = SEEDS / "documents" / f"{ARTICLE}.txt"
    if shared.exists():
        assert stored.read_bytes() == shared.read_bytes()
    assert stored.read_bytes().startswith(b"Los Angeles Takes Stand")


def test_document_metadata_holds_only_what_the_text_gives(g: nx.MultiDiGraph) -> None:
    meta = g.graph["documents"][ARTICLE]
    assert meta["title"].startswith('Los Angeles Takes Stand as "Sanctuary City,"')
    assert not {"url", "outlet", "author", "published"} & set(meta)


@pytest.mark.parametrize(
    ("node", "type_", "alias"),
    [
        ("la-city-council", "GovernmentBody", "City Council"),
        ("karen-bass", "Person", "Mayor Karen Bass"),
        ("bob-blumenfield", "Person", "Councilmember Bob Blumenfield"),
        ("lapd", "Agency", "LAPD"),
        ("ice", "Agency", "ICE"),
        ("la-county-gop", "PoliticalParty", "LA County Republican Party"),
        ("lausd", "Agency", "LAUSD"),
        ("ca-sb-54", "Legislation", "California Values Act of 2017"),
        ("la-sanctuary-ordinance", "Legislation", "sanctuary ordinance"),
        ("donald-trump", "Person", "Trump"),
        ("la-county-board-of-supervisors", "GovernmentBody", "LA County Board of Supervisors"),
        ("city-of-los-angeles", "Jurisdiction", "Los Angeles"),
        ("state-of-california", "Jurisdiction", "California"),
    ],
)
def test_required_actors_are_typed_and_aliased(g: nx.MultiDiGraph, node: str, type_: str, alias: str) -> None:
    assert g.nodes[node]["type"] == type_
    assert alias in g.nodes[node]["aliases"]


def test_all_five_stance_types_are_present(g: nx.MultiDiGraph) -> None:
    types = Counter(t for *_, t in g.edges(data="type"))
    for required in ("supports", "opposes", "enacts", "aligns-with", "cooperates-with-under-exception"):
        assert types[required] >= 1, required


def test_every_quote_stands_in_its_document_at_its_offsets() -> None:
    corpus = load_corpus(SEEDS)
    for relation in corpus.relations.values():
        ev = relation.evidence
        assert corpus.documents[ev.document].text[ev.start : ev.end] == ev.quote, relation.id
    for entity in corpus.entities.values():
        ev = entity.mention
        assert ev is not None, f"{entity.id} has no mention"
        assert corpus.documents[ev.document].text[ev.start : ev.end] == ev.quote, entity.id


def test_lapd_may_work_with_ice_only_for_violent_felonies(g: nx.MultiDiGraph) -> None:
    edge = g.edges["lapd", "ice", "lapd-cooperates-with-ice"]
    assert edge["type"] == "cooperates-with-under-exception"
    assert edge["exception"] == "violent felonies"
    assert (edge["times_invoked"], edge["invoked_since"]) == (2, "2018")
    assert "in cases involving violent felonies" in edge["quote"]


def test_initial_approval_was_unanimous_on_2024_11_19(g: nx.MultiDiGraph) -> None:
    edge = g.edges["la-city-council", "la-sanctuary-ordinance", "council-approves-ordinance"]
    assert (edge["date"], edge["vote"], edge["stage"]) == ("2024-11-19", "unanimous", "initial approval")


def test_the_ordinance_takes_effect_within_ten_days_of_the_mayors_signature(g: nx.MultiDiGraph) -> None:
    edge = g.edges["karen-bass", "la-sanctuary-ordinance", "bass-signs-ordinance"]
    assert edge["type"] == "signs" and edge["status"] == "expected"
    assert "10 days" in edge["takes_effect"]


def test_sb_54_is_of_2017_and_los_angeles_aligns_with_it(g: nx.MultiDiGraph) -> None:
    assert g.edges["state-of-california", "ca-sb-54", "california-enacts-sb-54"]["date"] == "2017"
    assert g.nodes["ca-sb-54"]["year"] == 2017
    assert g.has_edge("city-of-los-angeles", "ca-sb-54", "los-angeles-aligns-with-sb-54")


def test_quotes_and_statements_are_their_speakers_claims(g: nx.MultiDiGraph) -> None:
    gop = g.edges["la-county-gop", "la-sanctuary-ordinance", "gop-opposes-ordinance"]
    assert (gop["attribution"], gop["attributed_to"]) == ("statement", "la-county-gop")
    claim = g.edges["donald-trump", "city-of-los-angeles", "trump-opposes-los-angeles"]
    assert (claim["attribution"], claim["attributed_to"]) == ("quote", "bob-blumenfield")
    assert claim["confidence"] < 1
    reported = g.edges["la-city-council", "la-sanctuary-ordinance", "council-enacts-ordinance"]
    assert reported["attribution"] == "report" and "attributed_to" not in reported


def test_the_ordinance_draws_both_support_and_opposition(g: nx.MultiDiGraph) -> None:
    stances = {d["type"] for _, _, d in g.in_edges("la-sanctuary-ordinance", data=True)}
    assert {"supports", "opposes"} <= stances
