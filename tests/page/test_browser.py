"""The page in a real headless Chromium, loaded from file:// with nothing else reachable."""

from __future__ import annotations

import pytest

from graph.page import write_page
from tests.page.support import CANVAS_COLOURS, click_edge, click_node, panel_text, shown_edges, shown_nodes, vis_id

pytestmark = pytest.mark.usefixtures("browser")

LAPD_ICE = "lapd-cooperates-with-ice"
PAYLOADS = (
    '<img src=x onerror="window.pwned=1;alert(1)">',
    "</script><script>window.pwned=2;alert(2)</script>",
)


@pytest.fixture
def seed_page(seed_graph, schema, tmp_path, open_page):
    return open_page(write_page(seed_graph, schema, tmp_path / "graph.html"))


def test_loads_offline_without_errors_or_requests(seed_page):
    assert seed_page.errors == []
    assert seed_page.requests == [seed_page.url]


def test_draws_every_actor_and_relation(seed_page, seed_graph):
    assert seed_page.js("actorgraph.nodes.length") == seed_graph.number_of_nodes()
    assert seed_page.js("actorgraph.edges.length") == seed_graph.number_of_edges()
    assert seed_page.js("actorgraph.network.body.nodeIndices.length") == seed_graph.number_of_nodes()
    assert seed_page.js("actorgraph.network.body.edgeIndices.length") == seed_graph.number_of_edges()
    keys = seed_page.js("actorgraph.edges.get().map(e => actorgraph.data.edges[e.id].key)")
    assert sorted(keys) == sorted(k for _, _, k in seed_graph.edges(keys=True))


def test_clicking_an_actor_shows_its_evidence_and_highlights_neighbours(seed_page, seed_graph):
    lapd, ice = vis_id(seed_page, "nodes", "lapd"), vis_id(seed_page, "nodes", "ice")
    click_node(seed_page, lapd)
    text = panel_text(seed_page)
    assert "Los Angeles Police Department" in text
    assert "Agency" in text
    assert "LAPD" in text  # alias
    assert seed_graph.nodes["lapd"]["quote"] in text
    assert "cooperates-with-under-exception" in text and "U.S. Immigration and Customs Enforcement" in text
    assert seed_page.js(f"actorgraph.nodes.get('{ice}').color") == seed_page.js(f"actorgraph.nodes.get('{lapd}').color")
    others = seed_page.js(f"actorgraph.nodes.get().filter(n => n.id !== '{lapd}' && n.id !== '{ice}')")
    assert others and all(n["color"]["background"] == "#eef0f2" for n in others)  # dimmed


def test_clicking_lapd_ice_shows_the_violent_felony_exception_and_its_quote(seed_page, seed_graph):
    click_edge(seed_page, vis_id(seed_page, "edges", LAPD_ICE))
    attrs = seed_graph.edges["lapd", "ice", LAPD_ICE]
    assert seed_page.page.locator("#panel blockquote").inner_text() == attrs["quote"]
    text = panel_text(seed_page)
    assert "violent felonies" in text
    assert "exception" in text
    assert seed_graph.graph["documents"][attrs["document"]]["title"] in text
    assert "times invoked\n2" in text.replace("\t", "\n")
    assert "report" in text  # attribution
    assert seed_page.errors == []


def test_relation_type_filter_hides_exactly_its_edges(seed_page, seed_graph):
    seed_page.page.locator('input[data-kind="relation"][data-type="supports"]').uncheck()
    supports = {k for _, _, k, t in seed_graph.edges(keys=True, data="type") if t == "supports"}
    assert shown_edges(seed_page) == {k for _, _, k in seed_graph.edges(keys=True)} - supports
    assert shown_nodes(seed_page) == set(seed_graph.nodes)
    assert seed_page.js("actorgraph.network.body.edgeIndices.length") == seed_graph.number_of_edges() - len(supports)
    seed_page.page.locator('input[data-kind="relation"][data-type="supports"]').check()
    assert len(shown_edges(seed_page)) == seed_graph.number_of_edges()


def test_entity_type_filter_hides_its_actors_and_their_relations(seed_page, seed_graph):
    seed_page.page.locator('input[data-kind="entity"][data-type="Person"]').uncheck()
    people = {n for n, t in seed_graph.nodes(data="type") if t == "Person"}
    assert shown_nodes(seed_page) == set(seed_graph.nodes) - people
    kept = {k for u, v, k in seed_graph.edges(keys=True) if u not in people and v not in people}
    assert shown_edges(seed_page) == kept


def test_search_by_alias_finds_the_actor(seed_page):
    seed_page.page.fill("#search", "lapd")
    assert seed_page.page.locator("#matches li").first.inner_text().startswith("Los Angeles Police Department")
    seed_page.page.press("#search", "Enter")
    assert seed_page.page.locator("#panel h2").inner_text() == "Los Angeles Police Department"


def test_physics_can_be_switched_on(seed_page):
    assert seed_page.js("actorgraph.network.physics.options.enabled") is False
    seed_page.page.locator("#physics").check()
    assert seed_page.js("actorgraph.network.physics.options.enabled") is True


def test_script_in_names_aliases_and_quotes_does_not_run(seed_graph, schema, tmp_path, open_page):
    for payload in PAYLOADS:
        seed_graph.graph["name"] = payload
        seed_graph.graph["documents"]["la-sanctuary-city-2024-11"]["title"] = payload
        seed_graph.nodes["lapd"]["name"] = payload
        seed_graph.nodes["lapd"]["aliases"] = [payload]
        seed_graph.nodes["ice"]["quote"] = payload
        seed_graph.edges["lapd", "ice", LAPD_ICE]["quote"] = payload
        opened = open_page(write_page(seed_graph, schema, tmp_path / "evil.html"))
        lapd = vis_id(opened, "nodes", "lapd")
        click_node(opened, lapd)
        assert opened.page.locator("#panel h2").inner_text() == payload
        click_node(opened, vis_id(opened, "nodes", "ice"))
        click_edge(opened, vis_id(opened, "edges", LAPD_ICE))
        assert opened.page.locator("#panel blockquote").inner_text() == payload
        opened.page.fill("#search", payload[:12])
        assert opened.page.title() == payload
        assert opened.js("window.pwned") is None
        assert opened.dialogs == []
        assert opened.errors == []
        assert opened.requests == [opened.url]


def test_screenshot_is_not_blank(seed_page, tmp_path):
    shot = tmp_path / "graph.png"
    seed_page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert seed_page.js(CANVAS_COLOURS) > 50


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_in_any_seeds_text_field_stays_text(payload, tmp_path, cli, open_page):
    """Payloads in names, aliases, descriptions, properties, quotes, notes, qualifiers and the document title."""
    from tests.support.hostile import hostile_seeds

    seeds = hostile_seeds(tmp_path, payload)
    assert cli("build", "--seeds", seeds, "--out", tmp_path / "out").exit_code == 0
    opened = open_page(tmp_path / "out" / "graph.html")
    click_node(opened, vis_id(opened, "nodes", "ann"))
    node_panel = panel_text(opened)
    for value in ("Ann", "Mayor", "Description", "Role"):
        assert f"{value} {payload}" in node_panel
    texts = []
    for edge in ("ann-supports", "ann-member", "council-approves"):
        click_node(opened, vis_id(opened, "nodes", "council" if edge == "council-approves" else "ann"))
        opened.page.locator(f'#panel button[data-edge="{vis_id(opened, "edges", edge)}"]').click()
        texts.append(panel_text(opened))
    shown = "\n".join(texts)
    for value in ("Smith said", "Note", "Member", "Stage", "Vote", "Title"):
        assert f"{value} {payload}" in shown
    opened.page.fill("#search", "Ann")
    assert opened.js("window.pwned") is None
    assert opened.dialogs == []
    assert opened.errors == []
    assert opened.requests == [opened.url]


def test_a_search_with_no_match_says_so_and_a_match_clears_it(seed_page):
    seed_page.page.fill("#search", "<b>nobody</b>")
    assert seed_page.page.locator("#matches li").inner_text() == "No actor matches “<b>nobody</b>”"
    seed_page.page.press("#search", "Enter")
    assert seed_page.js("() => actorgraph.state.view.kind") == "start"
    seed_page.page.fill("#search", "lapd")
    assert "No actor" not in seed_page.page.locator("#matches").inner_text()
    seed_page.page.press("#search", "Enter")
    assert seed_page.page.locator("#matches li").count() == 0
    assert seed_page.errors == []
