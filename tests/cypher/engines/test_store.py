"""`query --store`: a store made from the same inputs is opened without reading the seeds again; any change to
any input (a byte of a file, the schema, the code, a link or FIFO in the folder) loads and checks them as always."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.cypher.engines import store

QUERY = "MATCH (a:Agency) RETURN a.name ORDER BY a.name"


def run(seeds: Path, folder: Path, query: str = QUERY):
    return CliRunner().invoke(app, ["query", query, "--store", str(folder), "--seeds", str(seeds), "-f", "json"])


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every seeds folder the CLI loads (and checks), in order."""
    import graph.corpus.load as load

    seen: list[Path] = []
    real = load.load_corpus

    def counting(seeds, schema=None):
        seen.append(Path(seeds))
        return real(seeds, schema)

    monkeypatch.setattr(load, "load_corpus", counting)
    return seen


def test_the_same_inputs_open_the_store_without_loading_the_seeds(seeds_copy, tmp_path, loads) -> None:
    first, second = run(seeds_copy, tmp_path / "store"), run(seeds_copy, tmp_path / "store")
    assert first.exit_code == second.exit_code == 0, first.output
    assert first.stdout == second.stdout
    assert len(loads) == 1
    assert json.loads(second.stdout)["rows"]


def test_a_changed_byte_in_any_input_loads_and_checks_the_seeds_again(seeds_copy, tmp_path, loads) -> None:
    run(seeds_copy, tmp_path / "store")
    annotation = next((seeds_copy / "annotations").glob("*.yaml"))
    annotation.write_text(annotation.read_text().replace("Los Angeles Police Department", "LA Police Dept", 1))
    changed = run(seeds_copy, tmp_path / "store")
    assert len(loads) == 2
    assert changed.exit_code in (0, 1)  # the edit may break a quote: then it is reported, never answered stale
    if changed.exit_code == 0:
        assert "LA Police Dept" in changed.stdout


def test_a_broken_edit_is_reported_not_answered_from_the_old_store(seeds_copy, tmp_path, loads) -> None:
    run(seeds_copy, tmp_path / "store")
    (seeds_copy / "schema.yaml").write_text("version: [\n")
    broken = run(seeds_copy, tmp_path / "store")
    assert broken.exit_code == 1
    assert "schema.yaml" in broken.stderr


def test_a_link_in_the_seeds_folder_gives_no_fingerprint_and_is_refused_by_the_check(
    seeds_copy, tmp_path, loads
) -> None:
    run(seeds_copy, tmp_path / "store")
    (seeds_copy / "annotations" / "again.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert store.fingerprint(seeds_copy, seeds_copy / "schema.yaml", "v") is None
    linked = run(seeds_copy, tmp_path / "store")
    assert linked.exit_code == 1 and "symbolic link" in linked.stderr


def test_a_fifo_in_the_seeds_folder_is_never_opened(seeds_copy) -> None:
    os.mkfifo(seeds_copy / "documents" / "pipe.txt")
    assert store.fingerprint(seeds_copy, seeds_copy / "schema.yaml", "v") is None  # returns: nothing blocked


def test_the_fingerprint_covers_the_code_and_the_engine_version(seeds_copy, monkeypatch) -> None:
    schema = seeds_copy / "schema.yaml"
    before = store.fingerprint(seeds_copy, schema, "v1")
    assert before == store.fingerprint(seeds_copy, schema, "v1")
    assert before != store.fingerprint(seeds_copy, schema, "v2")
    monkeypatch.setattr(store, "_code", lambda: b"other code")
    assert before != store.fingerprint(seeds_copy, schema, "v1")


def test_a_damaged_or_hostile_index_is_ignored(seeds_copy, tmp_path, loads) -> None:
    folder = tmp_path / "store"
    run(seeds_copy, folder)
    index = folder / store.INDEX
    entries = json.loads(index.read_text())
    for entry in entries.values():
        entry["database"] = "../../etc"  # never a path outside the store
    index.write_text(json.dumps(entries))
    assert run(seeds_copy, folder).exit_code == 0
    index.write_text("{not json")
    assert run(seeds_copy, folder).exit_code == 0
    assert len(loads) == 3
    assert json.loads(index.read_text())  # remembered again


def test_an_as_of_answer_never_comes_from_a_store_made_without_it(seeds_copy, tmp_path) -> None:
    folder = tmp_path / "store"
    full = run(seeds_copy, folder)
    early = CliRunner().invoke(
        app, ["query", QUERY, "--store", str(folder), "--seeds", str(seeds_copy), "-f", "json", "--as-of", "2000"]
    )
    again = run(seeds_copy, folder)
    assert full.exit_code == early.exit_code == again.exit_code == 0, early.output
    assert json.loads(full.stdout)["rows"] and json.loads(early.stdout)["rows"] == []
    assert again.stdout == full.stdout
