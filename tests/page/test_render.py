"""The page as text: self-contained, deterministic, and with no room for injected markup."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import networkx as nx

from graph.page import render_page, safe_json, write_page

REMOTE = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def test_two_renders_are_byte_identical(seed_graph, schema):
    assert render_page(seed_graph, schema) == render_page(seed_graph, schema)


def test_output_does_not_depend_on_insertion_order(seed_graph, schema):
    shuffled = nx.MultiDiGraph(**seed_graph.graph)
    shuffled.add_nodes_from(reversed(list(seed_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(seed_graph.edges(keys=True, data=True))))
    assert render_page(shuffled, schema) == render_page(seed_graph, schema)


def test_no_remote_resource_is_referenced(seed_graph, schema):
    page = render_page(seed_graph, schema)
    assert not REMOTE.search(page)
    assert "<link" not in page
    assert not re.search(r"<script[^>]*\bsrc=", page)


def test_vis_network_is_inlined(seed_graph, schema):
    page = render_page(seed_graph, schema)
    assert "vis-network" in page
    assert len(re.findall(r"^<script", page, re.MULTILINE)) == 4  # vis-network, the two data blobs, the page script


def test_content_security_policy_allows_only_the_inlined_scripts(seed_graph, schema):
    page = render_page(seed_graph, schema)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_nodes_and_edges_get_opaque_ids_in_sorted_order(seed_graph, schema):
    data = _data(render_page(seed_graph, schema))
    assert [n["key"] for n in data["nodes"].values()] == sorted(seed_graph.nodes)
    assert list(data["nodes"]) == [f"n{i}" for i in range(seed_graph.number_of_nodes())]
    assert [e["key"] for e in data["edges"].values()] == sorted(k for _, _, k in seed_graph.edges(keys=True))
    assert all(data["edges"][e]["from"] in data["nodes"] for e in data["edges"])


def test_display_hints_come_from_the_schema(seed_graph, schema):
    data = _data(render_page(seed_graph, schema))
    entity = {t["name"]: t for t in data["legend"]["entity_types"]}
    assert (entity["Agency"]["shape"], entity["Agency"]["color"]) == (
        schema.entity_types["Agency"].display.shape,
        schema.entity_types["Agency"].display.color,
    )
    for t in data["legend"]["relation_types"]:
        spec = schema.relation_types[t["name"]]
        assert (t["color"], t["arrow"], t["directed"]) == (spec.display.color, spec.display.arrow, spec.directed)
    assert [t["name"] for t in data["legend"]["relation_types"]] == list(schema.relation_types)


def test_supports_and_opposes_differ_by_more_than_colour_and_person_is_not_red(schema):
    supports, opposes = schema.relation_types["supports"].display, schema.relation_types["opposes"].display
    assert supports.arrow != opposes.arrow
    red, green, blue = (int(schema.entity_types["Person"].display.color[i : i + 2], 16) for i in (1, 3, 5))
    assert not (red > 150 and green < 120 and blue < 120)


def test_vis_options_come_through_pyvis_and_start_static(seed_graph, schema):
    options = _data(render_page(seed_graph, schema))["vis"]["options"]
    assert options["physics"]["enabled"] is False
    assert options["physics"]["solver"] == "forceAtlas2Based"
    assert options["interaction"]["hover"] is True
    assert options["nodes"]["font"]["size"] >= 16


def test_title_and_caption_come_from_the_corpus(seed_graph, schema):
    page = render_page(seed_graph, schema)
    doc_title = next(iter(seed_graph.graph["documents"].values()))["title"]
    data = _data(page)
    assert data["title"] == doc_title  # the corpus has no name of its own, and one document
    assert data["caption"].startswith(f"{seed_graph.number_of_nodes()} actors and {seed_graph.number_of_edges()}")
    seed_graph.graph["name"] = "LA sanctuary city, Nov 2024"
    assert "<title>LA sanctuary city, Nov 2024</title>" in render_page(seed_graph, schema)


def test_quotes_carry_their_paragraph_and_span(seed_graph, schema, texts):
    data = _data(render_page(seed_graph, schema, texts))
    for relation in data["edges"].values():
        for record in relation["evidence"]:
            paragraph = data["paragraphs"][record["paragraph"]]
            start, end = record["span"]
            assert paragraph[start:end] == record["quote"]
            assert "\n" not in paragraph
    assert len(data["paragraphs"]) == len(set(data["paragraphs"]))  # each paragraph kept once


def test_a_relation_with_several_evidence_records_lists_them_all(seed_graph, schema):
    attrs = seed_graph.edges["lapd", "ice", "lapd-cooperates-with-ice"]
    second = {"document": attrs["document"], "quote": "another quote", "attribution": "quote", "confidence": 0.5}
    attrs["evidence"] = [{k: attrs[k] for k in ("document", "quote", "quote_start", "quote_end")}, second]
    relation = next(e for e in _data(render_page(seed_graph, schema))["edges"].values() if e["key"] == attrs["id"])
    assert [r["quote"] for r in relation["evidence"]] == [attrs["quote"], "another quote"]
    assert relation["evidence"][0]["attribution"] == attrs["attribution"]  # the relation's, unless the record says
    assert (relation["evidence"][1]["attribution"], relation["evidence"][1]["confidence"]) == ("quote", 0.5)


def test_a_big_graph_opens_on_a_bounded_connected_subgraph(schema):
    from graph.page.data import OPEN_EDGES, OPEN_NODES, page_data
    from tests.page.support import big_graph

    graph = big_graph(schema, 2000)
    start = page_data(graph, schema)["start"]
    assert len(start["nodes"]) <= OPEN_NODES and len(start["xy"]) == len(start["nodes"])
    keys = {f"a{int(n[1:]):05d}" for n in start["nodes"]}
    sub = graph.subgraph(keys)
    assert sub.number_of_edges() <= OPEN_EDGES
    assert max(len(c) for c in nx.connected_components(sub.to_undirected())) == len(keys)
    assert page_data(graph, schema)["start"] == start  # deterministic


def test_relation_evidence_is_carried(seed_graph, schema):
    data = _data(render_page(seed_graph, schema))
    relation = next(e for e in data["edges"].values() if e["key"] == "lapd-cooperates-with-ice")
    attrs = seed_graph.edges["lapd", "ice", "lapd-cooperates-with-ice"]
    (record,) = relation["evidence"]
    assert record["quote"] == attrs["quote"]
    assert ["exception", "violent felonies"] in relation["qualifiers"]
    assert data["documents"][record["document"]]["title"] == seed_graph.graph["documents"][attrs["document"]]["title"]
    assert (record["attribution"], record["confidence"]) == (attrs["attribution"], attrs["confidence"])


def test_script_payloads_are_escaped(seed_graph, schema):
    payload = "</script><script>window.pwned=1</script><img src=x onerror=alert(1)>"
    seed_graph.graph["name"] = payload
    seed_graph.nodes["lapd"]["name"] = payload
    seed_graph.edges["lapd", "ice", "lapd-cooperates-with-ice"]["quote"] = payload
    page = render_page(seed_graph, schema)
    assert payload not in page
    assert "<img src=x" not in page
    assert page.count("</script>") == 4
    assert payload in json.dumps(_data(page))  # still there, as data


def test_safe_json_round_trips_and_cannot_close_a_script():
    value = {"q": "</script><!-- & \u2028 \u2029 >", "n": [1, 2.5, True, None]}
    text = safe_json(value)
    assert json.loads(text) == value
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text


def test_write_page_writes_the_rendered_page(seed_graph, schema, tmp_path):
    target = write_page(seed_graph, schema, tmp_path / "out" / "graph.html")
    assert target.read_text(encoding="utf-8") == render_page(seed_graph, schema)
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def _data(page: str) -> dict:
    """The page data as the page script sees it once both blobs are decoded and merged."""
    blobs = {
        name: json.loads(text)
        for name, text in re.findall(
            r'<script type="application/json" id="graph-(data|detail)">(.*?)</script>', page, re.DOTALL
        )
    }
    data = blobs["data"]
    for kind in ("nodes", "edges"):
        for item, extra in zip(data[kind].values(), blobs["detail"][kind], strict=True):
            item.update(extra)
    return data
