"""Provenance on the canvas, evidence in its paragraph, deep links, keyboard, phone, export: in a real Chromium."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote

import pytest

from graph.page import write_page
from tests.page.support import (
    CANVAS_COLOURS,
    click_edge,
    click_node,
    fragment,
    panel_text,
    shown_edges,
    shown_nodes,
    vis_id,
)

pytestmark = pytest.mark.usefixtures("browser")

CLAIM = "blumenfield-supports-ordinance-hardening"  # Blumenfield's quoted words
EDGE_STYLE = "id => { const e = actorgraph.edges.get(id); return [e.dashes, e.width, e.color.color, e.arrows.to.type] }"


@pytest.fixture
def page_file(seed_graph, schema, texts, tmp_path):
    return write_page(seed_graph, schema, tmp_path / "graph.html", texts)


@pytest.fixture
def seed_page(page_file, open_page):
    return open_page(page_file)


def style(opened, key: str):
    return opened.js(EDGE_STYLE, vis_id(opened, "edges", key))


def test_claims_expected_and_uncertain_relations_are_drawn_differently(seed_page, seed_graph):
    edges = {k: a for _, _, k, a in seed_graph.edges(keys=True, data=True)}
    reported = next(k for k, a in edges.items() if a["attribution"] == "report" and a.get("status") != "expected")
    expected = next(k for k, a in edges.items() if a["attribution"] == "report" and a.get("status") == "expected")
    unsure = min(edges, key=lambda k: edges[k]["confidence"])
    assert style(seed_page, reported)[0] is False
    assert style(seed_page, CLAIM)[0] and style(seed_page, expected)[0]
    assert style(seed_page, CLAIM)[0] != style(seed_page, expected)[0]
    assert edges[unsure]["confidence"] < 1
    assert style(seed_page, unsure)[1] < style(seed_page, reported)[1]  # thinner
    assert style(seed_page, unsure)[2].endswith(f"{0.3 + 0.7 * edges[unsure]['confidence']:.2g})")  # fainter
    opposes = next(k for k, a in edges.items() if a["type"] == "opposes")
    supports = next(k for k, a in edges.items() if a["type"] == "supports")
    assert (style(seed_page, opposes)[3], style(seed_page, supports)[3]) == ("bar", "arrow")
    assert seed_page.page.locator("#style-key li").count() >= 6  # the legend for it


def test_the_panel_shows_the_quote_marked_inside_its_paragraph(seed_page, seed_graph):
    click_edge(seed_page, vis_id(seed_page, "edges", CLAIM))
    attrs = seed_graph.edges["bob-blumenfield", "la-sanctuary-ordinance", CLAIM]
    assert seed_page.page.locator("#panel mark").inner_text() == attrs["quote"]
    paragraph = seed_page.page.locator("#panel blockquote").inner_text()
    assert paragraph.startswith("The council initially approved") and attrs["quote"] in paragraph
    text = panel_text(seed_page)
    assert "the claim of Bob Blumenfield" in text
    assert "attributed claim" in text
    assert "confidence" in text


def test_several_evidence_records_are_all_shown(seed_graph, schema, texts, tmp_path, open_page):
    attrs = seed_graph.edges["lapd", "ice", "lapd-cooperates-with-ice"]
    first = {k: attrs[k] for k in ("document", "quote", "quote_start", "quote_end")}
    attrs["evidence"] = [first, {"document": attrs["document"], "quote": "a second source", "attribution": "quote"}]
    opened = open_page(write_page(seed_graph, schema, tmp_path / "two.html", texts))
    click_edge(opened, vis_id(opened, "edges", "lapd-cooperates-with-ice"))
    assert opened.page.locator("#panel section.evidence").count() == 2
    assert "Evidence 2 of 2" in panel_text(opened) and "a second source" in panel_text(opened)


def test_deep_links_restore_focus_depth_and_filters(page_file, open_page, seed_graph):
    opened = open_page(page_file, "#actor=karen-bass&depth=2&rel=supports,signs,enacts&conf=0.5")
    assert opened.js("() => actorgraph.state.view.kind") == "focus"
    assert opened.page.locator("#panel h2").inner_text() == "Karen Bass"
    assert opened.page.locator("#depth").input_value() == "2"
    assert not opened.page.locator('input[data-kind="relation"][data-type="opposes"]').is_checked()
    types = {k: t for _, _, k, t in seed_graph.edges(keys=True, data="type")}
    assert shown_edges(opened) and {types[k] for k in shown_edges(opened)} <= {"supports", "signs", "enacts"}
    assert opened.page.locator("#confidence").input_value() == "0.5"
    assert opened.errors == []


def test_the_link_of_a_view_reopens_that_view(page_file, open_page):
    first = open_page(page_file)
    first.page.fill("#search", "LAPD")
    first.page.press("#search", "Enter")
    first.page.locator('input[data-kind="relation"][data-type="member-of"]').uncheck()
    first.page.locator("#isolates").check()
    link = first.js("() => location.hash")
    assert fragment(first)["actor"] == "lapd" and fragment(first)["isolates"] == "hide"
    again = open_page(page_file, link)
    assert (shown_nodes(again), shown_edges(again)) == (shown_nodes(first), shown_edges(first))
    assert again.page.locator("#panel h2").inner_text() == "Los Angeles Police Department"


def test_relation_links_and_bare_actor_ids_open_their_item(page_file, open_page):
    relation = open_page(page_file, "#relation=lapd-cooperates-with-ice")
    assert "violent felonies" in panel_text(relation)
    assert {"lapd", "ice"} <= shown_nodes(relation)
    bare = open_page(page_file, "#karen-bass")
    assert bare.page.locator("#panel h2").inner_text() == "Karen Bass"


def test_keyboard_walks_search_results_and_the_focused_items(seed_page):
    seed_page.page.fill("#search", "los angeles")
    names = seed_page.page.locator("#matches li").all_inner_texts()
    assert len(names) >= 3
    seed_page.page.press("#search", "ArrowDown")
    seed_page.page.press("#search", "ArrowDown")
    assert seed_page.page.locator("#matches li.active").inner_text() == names[2]
    seed_page.page.press("#search", "Enter")
    assert names[2].startswith(seed_page.page.locator("#panel h2").inner_text())
    seed_page.page.fill("#search", "karen")
    seed_page.page.press("#search", "Enter")
    chosen = "Karen Bass"
    seed_page.page.focus("#network")
    seed_page.page.keyboard.press("ArrowRight")
    walked = seed_page.page.locator("#panel h2").inner_text()
    assert walked != chosen and walked in seed_page.page.locator("#announce").inner_text()
    seed_page.page.keyboard.press("Enter")
    assert f"Focus: {walked}" in seed_page.page.locator("#view-status").inner_text()
    seed_page.page.keyboard.press("Backspace")
    assert f"Focus: {chosen}" in seed_page.page.locator("#view-status").inner_text()


def test_a_phone_shows_the_graph_and_opens_panels_as_drawers(page_file, open_page, tmp_path):
    opened = open_page(page_file, viewport=(390, 844), is_mobile=True, has_touch=True)
    box = opened.page.locator("#network canvas").bounding_box()
    assert box["width"] >= 380 and box["height"] >= 500
    assert opened.js(CANVAS_COLOURS) > 50
    shot = tmp_path / "phone.png"
    opened.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert not opened.page.locator("#legend").is_visible()
    opened.page.locator("#show-filters").click()
    assert opened.page.locator("#legend").is_visible()
    opened.page.locator("#legend .drawer-close").click()
    click_node(opened, vis_id(opened, "nodes", "karen-bass"))
    opened.page.wait_for_timeout(300)  # the drawer slides in
    assert opened.page.locator("#panel").is_visible()
    assert opened.page.locator("#panel h2").inner_text() == "Karen Bass"
    assert opened.errors == []


def test_png_and_svg_of_the_current_view_download_without_a_request(seed_page, tmp_path):
    click_node(seed_page, vis_id(seed_page, "nodes", "karen-bass"))
    with seed_page.page.expect_download() as png:
        seed_page.page.locator("#export-png").click()
    shot = tmp_path / "view.png"
    png.value.save_as(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    with seed_page.page.expect_download() as svg:
        seed_page.page.locator("#export-svg").click()
    assert svg.value.suggested_filename.endswith(".svg")
    saved = tmp_path / "view.svg"
    svg.value.save_as(saved)
    body = saved.read_text(encoding="utf-8")
    assert body.startswith("<svg") and body.count("<text") >= len(shown_nodes(seed_page))
    assert "Karen Bass" in body and "<script" not in body
    assert seed_page.requests == [seed_page.url]
    assert seed_page.errors == []


def test_svg_export_keeps_hostile_names_as_text(seed_graph, schema, tmp_path, open_page):
    seed_graph.nodes["lapd"]["name"] = '<script>alert(1)</script>"&'
    opened = open_page(write_page(seed_graph, schema, tmp_path / "evil.html"))
    body = opened.js("() => actorgraph.svgText()")
    assert "<script" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;" in body
    url = opened.js("() => 'data:' + encodeURIComponent(actorgraph.svgText())")
    assert unquote(url).startswith("data:<svg")


@pytest.mark.parametrize("link", ["#%E0%A4%A", "#actor=karen-bass&depth=2&rel=%", "#actor=%"])
def test_a_link_with_a_broken_escape_still_opens_the_page(page_file, open_page, link):
    opened = open_page(page_file, link)
    assert opened.js("() => actorgraph.state.view.kind") == ("focus" if "karen" in link else "start")
    assert opened.errors == []


def test_the_link_of_a_relation_picked_in_a_focus_reopens_that_focus(schema, tmp_path, open_page):
    from tests.page.support import big_graph

    page = write_page(big_graph(schema, 600), schema, tmp_path / "big.html", {})
    first = open_page(page, "#actor=a00007&depth=2")
    relation = first.js(
        """() => { const c = actorgraph.state.view.about.center;
          const ends = (id) => [actorgraph.edges.get(id).from, actorgraph.edges.get(id).to];
          return actorgraph.edges.getIds().find(id => !ends(id).includes(c)); }"""
    )
    first.js("id => actorgraph.showEdge(id)", relation)
    link = first.js("() => location.hash")
    assert fragment(first)["actor"] == "a00007" and fragment(first)["depth"] == "2" and "relation" in fragment(first)
    again = open_page(page, link)
    assert len(shown_nodes(first)) > 20
    assert (shown_nodes(again), shown_edges(again)) == (shown_nodes(first), shown_edges(first))
    assert panel_text(again) == panel_text(first)
    assert first.errors == again.errors == []


def test_the_link_of_an_actor_picked_in_a_focus_reopens_that_focus_with_it_selected(page_file, open_page):
    first = open_page(page_file, "#actor=karen-bass&depth=2")
    picked = sorted(shown_nodes(first) - {"karen-bass"})[0]
    first.js("id => actorgraph.showNode(id, false)", vis_id(first, "nodes", picked))
    assert fragment(first) == {"actor": "karen-bass", "depth": "2", "select": picked}
    again = open_page(page_file, first.js("() => location.hash"))
    assert (shown_nodes(again), shown_edges(again)) == (shown_nodes(first), shown_edges(first))
    assert again.page.locator("#panel h2").inner_text() == first.page.locator("#panel h2").inner_text()
    assert first.errors == again.errors == []


def test_a_capped_search_list_says_how_many_match_and_the_keys_still_walk_it(schema, tmp_path, open_page):
    from tests.page.support import big_graph

    graph = big_graph(schema, 600)
    opened = open_page(write_page(graph, schema, tmp_path / "big.html"))
    opened.page.fill("#search", "Actor 1")
    total = sum("actor 1" in name.lower() for _, name in graph.nodes(data="name"))
    assert total > 12
    options = opened.page.locator('#matches li[role="option"]')
    assert options.count() == 12
    assert opened.page.locator("#matches li.more").inner_text() == f"12 of {total} matches — refine the search"
    opened.page.press("#search", "ArrowUp")  # wraps to the last of the 12, never onto the note
    last = options.nth(11).inner_text()
    assert opened.page.locator("#matches li.active").inner_text() == last
    opened.page.press("#search", "Enter")
    assert last.startswith(opened.page.locator("#panel h2").inner_text())
    opened.page.fill("#search", "Actor 59")
    assert opened.page.locator('#matches li[role="option"]').count() == 11
    assert opened.page.locator("#matches li.more").count() == 0
    assert opened.errors == []


def test_the_link_of_an_expanded_and_dismissed_view_rebuilds_it(page_file, open_page, seed_graph):
    first = open_page(page_file, "#actor=karen-bass&depth=1")
    click_node(first, vis_id(first, "nodes", "la-sanctuary-ordinance"))
    first.page.locator('#panel button[data-action="expand"]').click()
    click_node(first, vis_id(first, "nodes", "la-county-gop"))
    first.page.locator('#panel button[data-action="dismiss"]').click()
    click_node(first, vis_id(first, "nodes", "bob-blumenfield"))
    link = first.js("() => location.hash")
    assert [(k, v) for k, v in parse_qsl(link[1:]) if k in ("expand", "dismiss")] == [
        ("expand", "la-sanctuary-ordinance"),
        ("dismiss", "la-county-gop"),
    ]
    again = open_page(page_file, link)
    assert "la-county-gop" not in shown_nodes(again) and "la-sanctuary-ordinance" in shown_nodes(again)
    assert (shown_nodes(again), shown_edges(again)) == (shown_nodes(first), shown_edges(first))
    assert again.page.locator("#panel h2").inner_text() == "Bob Blumenfield"
    status = again.page.locator("#view-status").inner_text()
    assert status == first.page.locator("#view-status").inner_text()
    assert status == "Custom view: focus on Karen Bass, 1 expanded, 1 dismissed"
    assert again.js("() => location.hash") == link  # the reopened view writes the same link
    again.page.locator("#back").click()  # and its history walks back through the steps
    assert "la-county-gop" in shown_nodes(again)
    assert first.errors == again.errors == []


def test_steps_replay_in_order_so_a_dismissed_actor_can_come_back(page_file, open_page, seed_graph):
    # Dismissing the council and then expanding the ordinance brings the council back; the other order does not.
    both = "#dismiss=la-city-council&expand=la-sanctuary-ordinance"
    assert "la-city-council" in shown_nodes(open_page(page_file, both))
    reverse = open_page(page_file, "#expand=la-sanctuary-ordinance&dismiss=la-city-council&select=karen-bass")
    assert "la-city-council" not in shown_nodes(reverse)
    assert reverse.page.locator("#panel h2").inner_text() == "Karen Bass"
    assert fragment(reverse)["select"] == "karen-bass"


def test_a_relation_picked_from_a_panel_brings_its_actors_back_and_the_link_keeps_it(page_file, open_page, seed_graph):
    first = open_page(page_file, "#dismiss=la-county-gop&select=la-sanctuary-ordinance")
    assert "la-county-gop" not in shown_nodes(first)
    key = next(k for u, v, k in seed_graph.edges(keys=True) if "la-county-gop" in (u, v))
    first.page.locator(f'#panel button[data-edge="{vis_id(first, "edges", key)}"]').click()
    assert "la-county-gop" in shown_nodes(first)
    link = first.js("() => location.hash")
    assert [k for k, _ in parse_qsl(link[1:]) if k in ("dismiss", "add")] == ["dismiss", "add"]
    again = open_page(page_file, link)
    assert (shown_nodes(again), shown_edges(again)) == (shown_nodes(first), shown_edges(first))
    assert panel_text(again) == panel_text(first)
    assert first.errors == again.errors == []
