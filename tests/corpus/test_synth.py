"""Generated corpora: valid against the schema, the same for the same seed, in YAML or JSON Lines."""

import filecmp
from pathlib import Path

import pytest

from graph import load_corpus, load_graph
from graph.corpus.synth import SynthSpec, synthesize
from graph.readwrite import node_link
from tests.conftest import SEEDS


@pytest.mark.parametrize("fmt", ["jsonl", "yaml"])
def test_a_generated_corpus_validates_with_every_quote_in_its_text(tmp_path: Path, fmt: str) -> None:
    synthesize(tmp_path / "s", SynthSpec(relations=250, per_document=40, format=fmt), SEEDS / "schema.yaml")
    corpus = load_corpus(tmp_path / "s")
    assert len(corpus.relations) == 250
    assert len(corpus.documents) == 7
    for relation in corpus.relations.values():
        ev = relation.evidence
        assert corpus.documents[ev.document].text[ev.start : ev.end] == ev.quote
    required = corpus.schema.relation_types["cooperates-with-under-exception"].required
    for relation in corpus.relations.values():
        if relation.type == "cooperates-with-under-exception":
            assert set(required) <= set(relation.qualifiers)


def test_the_same_seed_gives_the_same_files_and_graph(tmp_path: Path) -> None:
    for name in ("a", "b"):
        synthesize(tmp_path / name, SynthSpec(relations=300, seed=7), SEEDS / "schema.yaml")
    assert not filecmp.dircmp(tmp_path / "a", tmp_path / "b").diff_files
    node_link.write(load_graph(tmp_path / "a"), tmp_path / "a.json")
    node_link.write(load_graph(tmp_path / "b"), tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_another_seed_gives_another_corpus(tmp_path: Path) -> None:
    synthesize(tmp_path / "a", SynthSpec(relations=100, seed=1), SEEDS / "schema.yaml")
    synthesize(tmp_path / "b", SynthSpec(relations=100, seed=2), SEEDS / "schema.yaml")
    first, second = (p / "annotations" / "annotations.jsonl" for p in (tmp_path / "a", tmp_path / "b"))
    assert first.read_bytes() != second.read_bytes()


def test_synth_command_writes_a_valid_tree(cli, tmp_path: Path) -> None:
    result = cli("synth", tmp_path / "s", "--relations", "120", "--seed", "3", "--schema", SEEDS / "schema.yaml")
    assert result.exit_code == 0, result.stderr
    assert cli("validate", "--seeds", tmp_path / "s").stdout.startswith("ok: ")
