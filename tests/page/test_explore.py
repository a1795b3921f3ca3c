"""Focus, expand, dismiss, back and reset; the filters; a big corpus opens bounded; physics can be undone."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from graph.page import write_page
from graph.page.data import OPEN_EDGES, OPEN_NODES
from tests.page.conftest import READY
from tests.page.support import SHOWN_NODE_KEYS, big_graph, click_node, panel_text, shown_edges, shown_nodes, vis_id

pytestmark = pytest.mark.usefixtures("browser")


@pytest.fixture
def seed_page(seed_graph, schema, texts, tmp_path, open_page):
    return open_page(write_page(seed_graph, schema, tmp_path / "graph.html", texts))


def neighbours(graph, key: str, depth: int) -> set[str]:
    return set(nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), key, cutoff=depth))


def test_search_then_enter_focuses_on_the_actor_and_its_neighbours(seed_page, seed_graph):
    seed_page.page.fill("#search", "Mayor Bass")
    seed_page.page.press("#search", "Enter")
    assert seed_page.js("() => actorgraph.state.view.kind") == "focus"
    assert shown_nodes(seed_page) == neighbours(seed_graph, "karen-bass", 1)
    assert seed_page.page.locator("#panel h2").inner_text() == "Karen Bass"
    seed_page.page.select_option("#depth", "2")
    assert shown_nodes(seed_page) == neighbours(seed_graph, "karen-bass", 2)
    assert "Focus: Karen Bass, 2 degrees" in seed_page.page.locator("#view-status").inner_text()


def test_expand_dismiss_back_and_reset(seed_page, seed_graph):
    karen = vis_id(seed_page, "nodes", "karen-bass")
    seed_page.js(f"() => actorgraph.focus('{karen}', 1)")
    ordinance = vis_id(seed_page, "nodes", "la-sanctuary-ordinance")
    click_node(seed_page, ordinance)
    seed_page.page.locator('#panel button[data-action="expand"]').click()
    assert shown_nodes(seed_page) == neighbours(seed_graph, "karen-bass", 1) | neighbours(
        seed_graph, "la-sanctuary-ordinance", 1
    )
    click_node(seed_page, vis_id(seed_page, "nodes", "la-county-gop"))
    seed_page.page.locator('#panel button[data-action="dismiss"]').click()
    assert "la-county-gop" not in shown_nodes(seed_page)
    seed_page.page.locator("#back").click()
    assert "la-county-gop" in shown_nodes(seed_page)
    seed_page.page.locator("#back").click()
    assert shown_nodes(seed_page) == neighbours(seed_graph, "karen-bass", 1)
    seed_page.page.locator("#reset").click()
    assert shown_nodes(seed_page) == set(seed_graph.nodes)
    assert seed_page.errors == []


def test_only_opposes_with_isolates_hidden_leaves_no_actor_without_a_relation(seed_page, seed_graph):
    seed_page.page.locator('#relation-types button[data-only="opposes"]').click()
    opposes = {(u, v, k) for u, v, k, t in seed_graph.edges(keys=True, data="type") if t == "opposes"}
    assert shown_edges(seed_page) == {k for _, _, k in opposes}
    assert shown_nodes(seed_page) == {x for u, v, _ in opposes for x in (u, v)}
    assert seed_page.page.locator("#isolates").is_checked()


def test_attribution_filter_keeps_the_reported_relations(seed_page, seed_graph):
    seed_page.page.locator('#attributions button[data-only="report"]').click()
    reported = {k for _, _, k, a in seed_graph.edges(keys=True, data="attribution") if a == "report"}
    assert shown_edges(seed_page) == reported
    seed_page.page.locator('input[data-kind="attribution"][data-type="quote"]').check()
    quoted = {k for _, _, k, a in seed_graph.edges(keys=True, data="attribution") if a == "quote"}
    assert shown_edges(seed_page) == reported | quoted


def test_confidence_filter_hides_the_less_certain(seed_page, seed_graph):
    seed_page.page.locator("#confidence").fill("0.95")
    sure = {k for _, _, k, c in seed_graph.edges(keys=True, data="confidence") if c >= 0.95}
    assert sure and shown_edges(seed_page) == sure
    assert len(sure) < seed_graph.number_of_edges()


def test_date_range_filter(seed_page, seed_graph):
    dates = seed_page.js("() => actorgraph.data.dates")
    assert dates == sorted({str(d) for _, _, d in seed_graph.edges(data="date") if d is not None})
    seed_page.page.locator("#date-from").fill(str(len(dates) - 1))
    last = dates[-1]
    kept = {k for _, _, k, d in seed_graph.edges(keys=True, data="date") if d is not None and str(d) >= last}
    assert shown_edges(seed_page) == kept
    assert "undated relations hidden" in seed_page.page.locator("#date-range").inner_text()


def test_document_filter(seed_graph, schema, tmp_path, open_page):
    seed_graph.graph["documents"]["later"] = {"title": "A later article", "published": "2024-12-02"}
    moved = "lapd-cooperates-with-ice"
    seed_graph.edges["lapd", "ice", moved]["document"] = "later"
    opened = open_page(write_page(seed_graph, schema, tmp_path / "two.html"))
    opened.page.locator('input[data-kind="document"][data-doc="later"]').uncheck()
    assert shown_edges(opened) == {k for _, _, k in seed_graph.edges(keys=True)} - {moved}
    opened.page.locator('input[data-kind="document"][data-doc="la-sanctuary-city-2024-11"]').uncheck()
    opened.page.locator('input[data-kind="document"][data-doc="later"]').check()
    assert shown_edges(opened) == {moved}


def test_size_by_degree(seed_page, seed_graph):
    seed_page.page.locator("#size").check()
    sizes = seed_page.js("() => Object.fromEntries(actorgraph.nodes.get().map(n => [n.id, n.size]))")
    degree = {vis_id(seed_page, "nodes", k): d for k, d in seed_graph.to_undirected().degree()}
    busiest, loneliest = max(degree, key=degree.get), min(degree, key=degree.get)
    assert sizes[busiest] > sizes[loneliest]


def test_physics_can_be_reset_to_the_computed_layout(seed_page):
    node = seed_page.js("() => actorgraph.nodes.getIds()[0]")
    before = seed_page.js(f"() => actorgraph.network.getPosition('{node}')")
    seed_page.page.locator("#physics").check()
    seed_page.js(f"() => actorgraph.network.moveNode('{node}', 5000, 5000)")
    seed_page.page.locator("#relayout").click()
    assert seed_page.js("() => actorgraph.network.physics.options.enabled") is False
    after = seed_page.js(f"() => actorgraph.network.getPosition('{node}')")
    assert (round(after["x"]), round(after["y"])) == (round(before["x"]), round(before["y"]))


def test_a_big_corpus_opens_bounded_and_the_full_graph_is_one_click_away(schema, tmp_path, open_page):
    graph = big_graph(schema, 3000)
    opened = open_page(write_page(graph, schema, tmp_path / "big.html"))
    assert 20 < len(shown_nodes(opened)) <= OPEN_NODES
    assert len(shown_edges(opened)) <= OPEN_EDGES
    assert opened.js("() => actorgraph.network.body.nodeIndices.length") == len(shown_nodes(opened))
    opened.page.locator("#full").click()
    assert len(shown_nodes(opened)) == 3000
    assert len(shown_edges(opened)) == graph.number_of_edges()
    opened.page.locator("#back").click()
    assert len(shown_nodes(opened)) <= OPEN_NODES
    opened.page.fill("#search", "Actor 2999")
    opened.page.press("#search", "Enter")
    assert opened.page.locator("#panel h2").inner_text() == "Actor 2999"
    assert "Actor 2999" in panel_text(opened)
    assert opened.errors == []


@pytest.mark.parametrize("size", [0, 2000])
def test_labels_are_readable_at_open(size, seed_graph, schema, tmp_path, open_page):
    graph = big_graph(schema, size) if size else seed_graph
    opened = open_page(write_page(graph, schema, tmp_path / "open.html"))
    scale = opened.js("() => actorgraph.network.getScale()")
    fonts = opened.js("() => actorgraph.data.vis.options")
    assert fonts["nodes"]["font"]["size"] * scale >= 12
    assert fonts["edges"]["font"]["size"] * scale >= 10


def test_k_core_filter_keeps_the_actors_of_the_k_core(seed_page, seed_graph):
    simple = nx.Graph(seed_graph.to_undirected())
    simple.remove_edges_from(nx.selfloop_edges(simple))
    cores = nx.core_number(simple)
    top = max(cores.values())
    assert seed_page.page.locator("#kcore").get_attribute("max") == str(top)
    seed_page.page.locator("#kcore").fill(str(top))
    kept = {k for k, c in cores.items() if c >= top}
    assert shown_nodes(seed_page) == kept and len(kept) < seed_graph.number_of_nodes()
    assert shown_edges(seed_page) == {k for u, v, k in seed_graph.edges(keys=True) if u in kept and v in kept}
    assert seed_page.page.locator("#kcore-value").inner_text() == str(top)
    link = seed_page.js("() => location.hash")
    assert f"kcore={top}" in link
    again = seed_page.page.context.new_page()
    again.goto(seed_page.url + link)
    again.wait_for_function(READY)
    assert set(again.evaluate(SHOWN_NODE_KEYS)) == kept and again.locator("#kcore").input_value() == str(top)
    seed_page.page.locator("#kcore").fill("0")
    assert shown_nodes(seed_page) == set(seed_graph.nodes)


def test_community_filter_and_colour_by_community(seed_page, seed_graph, page_data_of_seeds):
    community = {n["key"]: n["c"] for n in page_data_of_seeds["nodes"].values()}
    seed_page.page.select_option("#colour-by", "community")
    fills = seed_page.js("() => Object.fromEntries(actorgraph.nodes.get().map(n => [n.id, n.color.background]))")
    by_key = {seed_page.js(f"() => actorgraph.data.nodes.{i}.key"): c for i, c in fills.items()}
    for a, b in itertools.combinations(sorted(k for k, c in community.items() if c is not None), 2):
        assert (by_key[a] == by_key[b]) == (community[a] == community[b])  # one colour per community
    assert seed_page.page.locator("#community-key li").count() == len(page_data_of_seeds["communities"]) + 1
    seed_page.page.select_option("#community", "1")  # the second biggest
    assert shown_nodes(seed_page) == {k for k, c in community.items() if c == 1}
    link = seed_page.js("() => location.hash")
    assert "colour=community" in link and "community=2" in link
    again = seed_page.page.context.new_page()
    again.goto(seed_page.url + link)
    again.wait_for_function(READY)
    assert set(again.evaluate(SHOWN_NODE_KEYS)) == {k for k, c in community.items() if c == 1}
    assert again.locator("#colour-by").input_value() == "community"
    click_node(seed_page, vis_id(seed_page, "nodes", next(k for k, c in community.items() if c == 1)))
    assert f"community 2 of {len(page_data_of_seeds['communities'])}" in panel_text(seed_page)
    assert seed_page.errors == []


@pytest.fixture
def page_data_of_seeds(seed_graph, schema):
    from graph.page.data import page_data

    return page_data(seed_graph, schema)


OFF_CENTRE = """() => { const net = actorgraph.network, c = document.querySelector('#network canvas');
  const w = c.clientWidth, h = c.clientHeight;
  return actorgraph.nodes.getIds().filter(id => id !== actorgraph.state.view.about.center).sort().find(id => {
    const p = net.canvasToDOM(net.getPosition(id));
    return p.x > 60 && p.y > 60 && p.x < w - 60 && p.y < h - 60 && Math.hypot(p.x - w / 2, p.y - h / 2) > 150; }); }"""


def test_zooming_after_a_click_in_a_focus_keeps_the_picked_actor_in_place(schema, tmp_path, open_page):
    opened = open_page(write_page(big_graph(schema, 600), schema, tmp_path / "big.html"), "#actor=a00007&depth=2")
    node = opened.js(OFF_CENTRE)
    assert node is not None

    def on_screen():
        return opened.js("id => actorgraph.network.canvasToDOM(actorgraph.network.getPosition(id))", node)

    where, scale = on_screen(), opened.js("() => actorgraph.network.getScale()")
    box = opened.page.locator("#network canvas").bounding_box()
    opened.page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])
    assert opened.js("() => actorgraph.state.selected.id") == node
    opened.page.mouse.wheel(0, -200)  # the wheel zooms about the pointer, which is on the picked actor
    opened.page.wait_for_timeout(100)
    for key in ("+", "+", "-"):  # the keys zoom about the picked actor
        opened.page.keyboard.press(key)
    after = on_screen()
    assert opened.js("() => actorgraph.network.getScale()") > scale * 1.2
    assert abs(after["x"] - where["x"]) < 3 and abs(after["y"] - where["y"]) < 3
    assert opened.errors == []
