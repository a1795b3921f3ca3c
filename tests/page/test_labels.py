"""Labels on the canvas: measured where vis-network draws them, no two drawn labels on top of each other."""

from __future__ import annotations

import pytest

from graph.page import write_page
from tests.page.support import big_graph, click_node, drawn_labels, label_overlaps, vis_id

pytestmark = pytest.mark.usefixtures("browser")

ORDINANCE = "la-sanctuary-ordinance"  # 7 relations into it, 3 pairs of them parallel


@pytest.fixture
def seed_page(seed_graph, schema, texts, tmp_path, open_page):
    return open_page(write_page(seed_graph, schema, tmp_path / "graph.html", texts))


def test_no_two_labels_overlap_at_open_and_every_actor_is_named(seed_page, seed_graph):
    labels = drawn_labels(seed_page)
    assert label_overlaps(labels) == []
    assert {x["text"] for x in labels if x["kind"] == "node"} == {n for _, n in seed_graph.nodes(data="name")}
    assert sum(x["kind"] == "edge" for x in labels) >= seed_graph.number_of_edges() // 2


def test_parallel_relations_into_the_ordinance_curve_apart(seed_page, seed_graph):
    ordinance = vis_id(seed_page, "nodes", ORDINANCE)
    click_node(seed_page, ordinance)
    labels = drawn_labels(seed_page)
    assert label_overlaps(labels) == []
    pairs = {}
    for u, v, k in seed_graph.edges(keys=True):
        if ORDINANCE in (u, v):
            pairs.setdefault(frozenset((u, v)), []).append(vis_id(seed_page, "edges", k))
    several = [ids for ids in pairs.values() if len(ids) > 1]
    assert several
    for ids in several:  # each parallel relation is drawn on its own curve
        shapes = seed_page.js("ids => ids.map(id => JSON.stringify(actorgraph.edges.get(id).smooth))", ids)
        assert len(set(shapes)) == len(ids)
    neighbours = {seed_graph.nodes[x]["name"] for pair in pairs for x in pair}
    assert neighbours <= {x["text"] for x in labels if x["kind"] == "node"}  # the selection's names come first


def test_a_label_left_out_is_in_the_tooltip_and_drawn_when_its_item_is_picked(seed_page):
    drawn = {x["id"] for x in drawn_labels(seed_page)}
    left_out = sorted(set(seed_page.js("() => actorgraph.edges.getIds()")) - drawn)
    assert left_out  # the seeds' hub has more relations than room for their labels
    title, named = seed_page.js(
        """id => { const e = actorgraph.data.edges[id], n = actorgraph.data.nodes;
          return [actorgraph.edges.get(id).title, `${n[e.from].name} ${e.type} ${n[e.to].name}`]; }""",
        left_out[0],
    )
    assert title == named
    seed_page.js("id => actorgraph.showEdge(id)", left_out[0])
    after = drawn_labels(seed_page)
    assert left_out[0] in {x["id"] for x in after} and label_overlaps(after) == []


def test_actor_names_do_not_overlap_in_a_big_focus(schema, tmp_path, open_page):
    opened = open_page(write_page(big_graph(schema, 13_333), schema, tmp_path / "big.html"))  # 20k relations
    best = opened.js(
        "() => Object.keys(actorgraph.data.nodes).reduce((a, b) => "
        "actorgraph.data.nodes[b].degree > actorgraph.data.nodes[a].degree ? b : a)"
    )
    opened.js("id => actorgraph.focus(id, 3)", best)
    shown = opened.js("() => actorgraph.nodes.getIds()")
    assert len(shown) > 150
    labels = drawn_labels(opened)
    assert label_overlaps(labels) == []
    named = {x["id"] for x in labels if x["kind"] == "node"}
    assert len(named) >= 0.9 * len(shown)  # actor names overlapped in this view before
    assert opened.errors == []


def test_on_a_phone_labels_do_not_overlap_and_every_actor_is_on_screen(seed_graph, schema, texts, tmp_path, open_page):
    opened = open_page(write_page(seed_graph, schema, tmp_path / "graph.html", texts), viewport=(390, 844))
    assert label_overlaps(drawn_labels(opened)) == []
    inside = opened.js(
        """() => { const net = actorgraph.network, c = document.querySelector('#network canvas');
          return actorgraph.nodes.getIds().every(id => { const p = net.canvasToDOM(net.getPosition(id));
            return p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight; }); }"""
    )
    assert inside
    assert opened.js("() => actorgraph.network.getScale()") * 16 >= 12  # at a readable size
