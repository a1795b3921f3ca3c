"""Building: stable ids, typed attributes, determinism, and merging a second article."""

import os
from pathlib import Path

import pytest

from graph import load_graph
from graph.readwrite import node_link
from tests.conftest import ARTICLE, SEEDS, edit

SECOND_TEXT = (
    "LAPD Chief Jim McDonnell said the department will follow the new ordinance.\n"
    "The Los Angeles County Republican Party again criticised the policy.\n"
)

SECOND_ANNOTATIONS = """\
document: follow-up
entities:
  - id: jim-mcdonnell
    type: Person
    name: Jim McDonnell
    aliases: [LAPD Chief Jim McDonnell]
    mention: LAPD Chief Jim McDonnell
relations:
  - type: supports
    source: LAPD Chief Jim McDonnell
    target: sanctuary ordinance
    quote: said the department will follow the new ordinance
  - relation: gop-opposes-ordinance
    quote: The Los Angeles County Republican Party again criticised the policy.
"""


def add_second_article(seeds: Path) -> None:
    (seeds / "documents" / "follow-up.txt").write_text(SECOND_TEXT, encoding="utf-8")
    (seeds / "documents" / "follow-up.yaml").write_text("id: follow-up\ntitle: A follow-up\ntext: follow-up.txt\n")
    (seeds / "annotations" / "follow-up.yaml").write_text(SECOND_ANNOTATIONS, encoding="utf-8")


def test_nodes_are_keyed_by_entity_id_and_edges_by_relation_id() -> None:
    g = load_graph(SEEDS)
    assert "lapd" in g
    assert ("lapd", "ice", "lapd-cooperates-with-ice") in g.edges(keys=True)
    assert all(key == data["id"] for *_, key, data in g.edges(keys=True, data=True))


def test_attributes_are_typed_and_never_none() -> None:
    g = load_graph(SEEDS)
    for _, data in g.nodes(data=True):
        assert isinstance(data["aliases"], list)
        assert None not in data.values()
    for *_, data in g.edges(data=True):
        assert isinstance(data["quote_start"], int) and isinstance(data["confidence"], float)
        assert None not in data.values()


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    node_link.write(load_graph(SEEDS), tmp_path / "a.json")
    node_link.write(load_graph(SEEDS), tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_node_link_round_trip_gives_the_same_graph(tmp_path: Path) -> None:
    g = load_graph(SEEDS)
    node_link.write(g, tmp_path / "g.json")
    back = node_link.read(tmp_path / "g.json")
    assert sorted(back.nodes(data=True)) == sorted(g.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(g.edges(keys=True, data=True))
    assert back.graph == g.graph


def test_a_second_article_merges_resolving_actors_by_id_or_alias(seeds_copy: Path) -> None:
    before = load_graph(seeds_copy)
    add_second_article(seeds_copy)
    g = load_graph(seeds_copy)
    assert g.number_of_nodes() == before.number_of_nodes() + 1
    assert g.number_of_edges() == before.number_of_edges() + 1
    supports = g.edges["jim-mcdonnell", "la-sanctuary-ordinance", "jim-mcdonnell:supports:la-sanctuary-ordinance"]
    assert supports["document"] == "follow-up"
    opposes = g.edges["la-county-gop", "la-sanctuary-ordinance", "gop-opposes-ordinance"]  # one more report of it
    assert opposes["evidence_documents"] == ["follow-up", ARTICLE]  # undated documents: by id
    assert set(g.graph["documents"]) == {"follow-up", "la-sanctuary-city-2024-11"}
    for *_, key, data in before.edges(keys=True, data=True):  # earlier relations keep their ids and data
        if key != "gop-opposes-ordinance":
            assert g.edges[data_key(before, key)] == data


def data_key(g, key: str) -> tuple[str, str, str]:
    return next((u, v, k) for u, v, k in g.edges(keys=True) if k == key)


def test_repeated_derived_ids_are_numbered_in_file_order(seeds_copy: Path) -> None:
    """Without a key rule, each report without an id is a relation of its own, named for its document."""
    edit(
        seeds_copy / "schema.yaml",
        '    optional: [date]\n    key: []\n    display: {color: "#d55e00"',
        '    optional: [date]\n    display: {color: "#d55e00"',
    )
    add_second_article(seeds_copy)
    path = seeds_copy / "annotations" / "follow-up.yaml"
    path.write_text(
        path.read_text()
        + "  - {type: opposes, source: la-county-gop, target: la-sanctuary-ordinance, quote: again criticised}\n"
        + "  - {type: opposes, source: la-county-gop, target: la-sanctuary-ordinance,"
        " quote: The Los Angeles County Republican Party}\n"
    )
    keys = {k for *_, k in load_graph(seeds_copy).edges(keys=True) if k.startswith("follow-up:la-county-gop")}
    assert keys == {
        "follow-up:la-county-gop:opposes:la-sanctuary-ordinance",
        "follow-up:la-county-gop:opposes:la-sanctuary-ordinance:2",
    }


@pytest.mark.parametrize("name", ["LAPD", "lapd", "los angeles police department", "Los  Angeles Police Department"])
def test_aliases_resolve_regardless_of_case_and_spacing(seeds_copy: Path, name: str) -> None:
    path = seeds_copy / "annotations" / "la-sanctuary-city-2024-11.yaml"
    text = path.read_text()
    path.write_text(text.replace("    source: lapd\n", f"    source: {name}\n", 1))
    assert load_graph(seeds_copy).has_edge("lapd", "ice", "lapd-cooperates-with-ice")


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file in `folder`, hidden temporary files included."""
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize(
    "failing",
    [
        "graph.page.render_page",
        "graph.readwrite.node_link.dumps",
        "graph.readwrite.graphml._edges",  # mid-stream: after the GraphML header is already in its temporary file
    ],
)
def test_a_build_failing_while_rendering_replaces_no_output(
    seeds_copy: Path, cli, tmp_path: Path, monkeypatch, failing: str
) -> None:
    out = tmp_path / "out"
    assert cli("build", "--seeds", seeds_copy, "--out", out).exit_code == 0
    before = outputs(out)
    assert set(before) == {"graph.json", "graph.graphml", "graph.html"}
    edit(seeds_copy / "annotations" / f"{ARTICLE}.yaml", "vote: unanimous", "vote: split")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(failing, broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        cli("build", "--seeds", seeds_copy, "--out", out)
    assert outputs(out) == before


def test_a_build_failing_while_writing_leaves_no_temporary_file(
    seeds_copy: Path, cli, tmp_path: Path, monkeypatch
) -> None:
    out = tmp_path / "out"
    assert cli("build", "--seeds", seeds_copy, "--out", out).exit_code == 0
    before = outputs(out)
    edit(seeds_copy / "annotations" / f"{ARTICLE}.yaml", "vote: unanimous", "vote: split")
    real_fsync, calls = os.fsync, []

    def fsync_then_fail(fd: int) -> None:  # the second file's write fails after the first is on disk
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_then_fail)
    failed = cli("build", "--seeds", seeds_copy, "--out", out)
    assert failed.exit_code == 4 and "No space left" in failed.stderr and "nothing was written" in failed.stderr
    assert outputs(out) == before
