"""Names that reach Cypher text: plain identifiers and dataset names, matched in full."""

from __future__ import annotations

import pytest

from graph.errors import SyncError
from graph.neo4j.records import check_dataset, node_records, quoted, rel_records, same


@pytest.mark.parametrize("name", ["Agency\n", "Agency`", "", "1abc", "a b"])
def test_a_label_that_is_not_a_plain_identifier_is_refused(name: str) -> None:
    with pytest.raises(SyncError):
        quoted(name)


@pytest.mark.parametrize("name", ["seeds\n", "-seeds", "a" * 101, "a/b"])
def test_a_dataset_name_outside_the_pattern_is_refused(name: str) -> None:
    """A trailing newline slipped past `re.match` with `$`; names are matched in full."""
    with pytest.raises(SyncError):
        check_dataset(name)


def test_plain_names_pass() -> None:
    assert quoted("Agency") == "`Agency`"
    assert check_dataset("la-2024.v1_b") == "la-2024.v1_b"


def test_same_tells_value_types_and_list_order_apart() -> None:
    """Sync compares what it reads back with the graph's records so: 1, 1.0 and true must differ."""
    values = (1, 1.0, True, "1", [1], [1.0], [True], [1, 2], [2, 1])
    for a in values:
        for b in values:
            assert same({"id": "a", "x": a}, {"id": "a", "x": b}) == (a is b), (a, b)
    assert same({"b": 1, "a": 2}, {"a": 2, "b": 1})  # key order does not count
    assert not same({"id": "a"}, {"id": "a", "x": 1})


def test_a_record_stores_its_id_and_attributes_only(corpus, seed_graph) -> None:
    [lapd] = [n for n in node_records(seed_graph, corpus.schema) if n.id == "lapd"]
    assert (lapd.label, lapd.props) == ("Agency", {"id": "lapd", **seed_graph.nodes["lapd"]})
    rel = next(r for r in rel_records(seed_graph, corpus.schema) if r.id == "lapd-cooperates-with-ice")
    assert (rel.source_label, rel.target_label, rel.props["id"]) == ("Agency", "Agency", rel.id)
