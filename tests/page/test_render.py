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
    assert len(re.findall(r"^<script", page, re.MULTILINE)) == 3  # vis-network, the data blob, the page script


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
    assert {n["id"] for n in data["vis"]["nodes"]} == set(data["nodes"])


def test_display_hints_come_from_the_schema(seed_graph, schema):
    data = _data(render_page(seed_graph, schema))
    lapd = next(n for n in data["vis"]["nodes"] if n["label"] == "Los Angeles Police Department")
    assert (lapd["shape"], lapd["color"]) == (
        schema.entity_types["Agency"].display.shape,
        schema.entity_types["Agency"].display.color,
    )
    for edge in data["vis"]["edges"]:
        spec = schema.relation_types[edge["rtype"]]
        assert edge["color"]["color"] == spec.display.color
        assert edge["dashes"] == spec.display.dashes
        assert edge["arrows"] == ("to" if spec.directed else "")
    assert [t["name"] for t in data["legend"]["relation_types"]] == list(schema.relation_types)


def test_relation_evidence_is_carried(seed_graph, schema):
    data = _data(render_page(seed_graph, schema))
    relation = next(e for e in data["edges"].values() if e["key"] == "lapd-cooperates-with-ice")
    attrs = seed_graph.edges["lapd", "ice", "lapd-cooperates-with-ice"]
    assert relation["quote"] == attrs["quote"]
    assert ["exception", "violent felonies"] in relation["qualifiers"]
    assert relation["document"]["title"] == seed_graph.graph["documents"][attrs["document"]]["title"]


def test_script_payloads_are_escaped(seed_graph, schema):
    payload = "</script><script>window.pwned=1</script><img src=x onerror=alert(1)>"
    seed_graph.graph["name"] = payload
    seed_graph.nodes["lapd"]["name"] = payload
    seed_graph.edges["lapd", "ice", "lapd-cooperates-with-ice"]["quote"] = payload
    page = render_page(seed_graph, schema)
    assert payload not in page
    assert "<img src=x" not in page
    assert page.count("</script>") == 3
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
    blob = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.DOTALL).group(1)
    return json.loads(blob)
