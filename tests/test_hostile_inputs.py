"""Hostile seeds folders: links, FIFOs, devices, stray files, huge files, Unicode tricks; all real, none mocked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from graph import load_corpus, validate
from graph._atomic import STALE_SECONDS, sweep, write_all
from graph.corpus.synth import SynthSpec, synthesize
from graph.errors import LoadError, SynthRefused
from graph.files import yamlfile as _yaml
from graph.readwrite import gexf
from tests.conftest import ARTICLE, REPO, SEEDS, edit

ANNOTATIONS = f"annotations/{ARTICLE}.yaml"
SECRET = "NEO4J_PASSWORD=hunter2-secret"


def messages(problems) -> list[tuple[str, str]]:
    return [(Path(p.file).name, p.message) for p in problems]


def run_validate(seeds: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`actorgraph validate` in a real process, so a hang fails the test by timeout instead of hanging it."""
    command = [sys.executable, "-m", "graph", "validate", "--seeds", str(seeds), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False)


# --- 1. only regular files inside the seeds folder -------------------------------------------


def test_a_symlink_to_a_secret_is_refused_and_its_contents_never_shown(seeds_copy: Path) -> None:
    secret = seeds_copy.parent / ".env"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    (seeds_copy / "annotations" / "notes.yaml").symlink_to("../../.env")
    result = run_validate(seeds_copy)
    assert result.returncode == 1
    assert "notes.yaml: cannot read the file: it is a symbolic link" in result.stderr
    assert "hunter2" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_symlink_pointing_inside_the_folder_is_refused_too(seeds_copy: Path) -> None:
    (seeds_copy / "annotations" / "again.yaml").symlink_to(f"{ARTICLE}.yaml")
    assert messages(validate(seeds_copy)) == [
        ("again.yaml", "cannot read the file: it is a symbolic link (links are never followed)")
    ]


def test_a_document_linked_outside_the_folder_is_not_built_in(seeds_copy: Path) -> None:
    text = seeds_copy / "documents" / f"{ARTICLE}.txt"
    outside = seeds_copy.parent / "outside.txt"
    outside.write_bytes(text.read_bytes())
    text.unlink()
    text.symlink_to(outside)
    problems = validate(seeds_copy)
    assert (f"{ARTICLE}.txt", "cannot read the file: it is a symbolic link (links are never followed)") in messages(
        problems
    )


def test_a_document_linked_to_dev_zero_is_a_problem_not_a_memory_error(seeds_copy: Path) -> None:
    text = seeds_copy / "documents" / f"{ARTICLE}.txt"
    text.unlink()
    text.symlink_to("/dev/zero")
    result = run_validate(seeds_copy)
    assert result.returncode == 1, result.stderr
    assert f"{ARTICLE}.txt: cannot read the file: it is a symbolic link" in result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr


def test_a_device_as_the_schema_is_refused_before_reading(seeds_copy: Path) -> None:
    result = run_validate(seeds_copy, "--schema", "/dev/zero")
    assert result.returncode == 1
    assert "/dev/zero: cannot read the file: it is a character device" in result.stderr


def test_a_fifo_is_refused_without_hanging(seeds_copy: Path) -> None:
    os.mkfifo(seeds_copy / "annotations" / "pipe.yaml")
    os.mkfifo(seeds_copy / "documents" / "pipe.jsonl")
    started = time.monotonic()
    result = run_validate(seeds_copy, timeout=60)
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    assert "pipe.yaml: cannot read the file: it is a FIFO (named pipe)" in result.stderr
    assert "pipe.jsonl: cannot read the file: it is a FIFO (named pipe)" in result.stderr


def test_a_linked_annotations_folder_is_not_followed(seeds_copy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (seeds_copy / "annotations").rename(elsewhere)
    (seeds_copy / "annotations").symlink_to(elsewhere)
    found = messages(validate(seeds_copy))
    assert ("annotations", "cannot read the folder: it is a symbolic link (links are never followed)") in found


def test_a_file_over_the_size_limit_is_refused_unread(seeds_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_yaml, "MAX_FILE_BYTES", 1 << 20)
    big = seeds_copy / "annotations" / "big.yaml"
    with big.open("wb") as f:
        f.truncate((1 << 20) + 1)  # a real file, one byte over
    assert messages(validate(seeds_copy)) == [
        ("big.yaml", "cannot read the file: the file is larger than 1 MiB (1,048,577 bytes)")
    ]


def test_reading_is_bounded_in_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_yaml, "MAX_READ_SECONDS", -1)  # every chunk is over time: the first one stops it
    monkeypatch.setattr(_yaml, "_CHUNK", 1024)
    slow = tmp_path / "slow.yaml"
    slow.write_bytes(b"# padding\n" * 1000)
    with pytest.raises(LoadError) as caught:
        _yaml.load_file(slow)
    assert caught.value.problem.message == "cannot read the file: reading the file took more than -1 s"


# --- 8. unknown files are reported, never ignored ---------------------------------------------


@pytest.mark.parametrize(
    "name", ["annotations/extra.yml", "annotations/notes.txt", "documents/README.md", "documents/x.yml", "stray.md"]
)
def test_files_that_are_not_inputs_are_problems(seeds_copy: Path, name: str) -> None:
    (seeds_copy / name).write_text("document: x\n", encoding="utf-8")
    found = validate(seeds_copy)
    assert [Path(p.file).name for p in found] == [Path(name).name]
    assert "not" in found[0].message and found[0].line is None


# --- 5. synth never destroys what it did not make ---------------------------------------------


def test_synth_refuses_a_folder_it_did_not_create(seeds_copy: Path, cli) -> None:
    before = {p: p.read_bytes() for p in seeds_copy.rglob("*") if p.is_file()}
    result = cli("synth", seeds_copy, "--relations", "20", "--schema", seeds_copy / "schema.yaml")
    assert result.exit_code == 2
    assert "was not made by `actorgraph synth`" in result.stderr
    assert {p: p.read_bytes() for p in seeds_copy.rglob("*") if p.is_file()} == before


def test_synth_replaces_only_its_own_files(tmp_path: Path) -> None:
    out = tmp_path / "s"
    synthesize(out, SynthSpec(relations=30, format="yaml", per_document=10), SEEDS / "schema.yaml")
    keep = out / "documents" / "mine.md"
    keep.write_text("kept", encoding="utf-8")
    synthesize(out, SynthSpec(relations=30), SEEDS / "schema.yaml")
    assert keep.read_text(encoding="utf-8") == "kept"
    assert not list((out / "documents").glob("doc-*.txt"))  # the earlier run's files went
    assert (out / "documents" / "documents.jsonl").is_file()
    keep.unlink()
    assert validate(out) == []


def test_synth_into_an_empty_folder_or_a_file(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    synthesize(tmp_path / "empty", SynthSpec(relations=20), SEEDS / "schema.yaml")
    assert validate(tmp_path / "empty") == []
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(SynthRefused):
        synthesize(tmp_path / "file", SynthSpec(relations=20), SEEDS / "schema.yaml")
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"


# --- 6. stale temporary files are swept, live ones never -------------------------------------


def _stale(path: Path) -> Path:
    path.write_bytes(b"x" * 1000)
    old = time.time() - STALE_SECONDS - 5
    os.utime(path, (old, old))
    return path


def test_a_build_sweeps_temporary_files_of_killed_builds(seeds_copy: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    out.mkdir()
    left = [_stale(out / f".graph.json.{i:08d}.tmp") for i in range(3)]
    fresh = out / ".graph.html.abcdefgh.tmp"
    fresh.write_bytes(b"being written")  # young: could be a concurrent build's
    other = _stale(out / ".notes.tmp")  # not our pattern
    code = (
        "import sys; from graph.cli import app; "
        "sys.argv = ['actorgraph', 'build', '--seeds', sys.argv[1], '--out', sys.argv[2]]; app()"
    )
    done = subprocess.run([sys.executable, "-c", code, str(seeds_copy), str(out)], capture_output=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert not any(p.exists() for p in left)
    assert fresh.exists() and other.exists()
    assert sorted(p.name for p in out.iterdir()) == [
        ".graph.html.abcdefgh.tmp",
        ".notes.tmp",
        "graph.graphml",
        "graph.html",
        "graph.json",
    ]


def test_a_temporary_file_locked_by_a_live_writer_is_never_swept(tmp_path: Path) -> None:
    held = _stale(tmp_path / ".graph.json.live0000.tmp")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); "
            "print(1, flush=True); time.sleep(60)",
            str(held),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline().strip() == b"1"
        assert sweep(tmp_path) == [] and held.exists()
    finally:
        holder.kill()
        holder.wait()
    assert sweep(tmp_path) == [held] and not held.exists()


def test_concurrent_builds_do_not_remove_each_other_s_files(seeds_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = (
        "import sys; from graph.cli import app; "
        "sys.argv = ['actorgraph', 'build', '--seeds', sys.argv[1], '--out', sys.argv[2]]; app()"
    )
    builds = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(seeds_copy), str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=REPO,
        )
        for _ in range(4)
    ]
    for build in builds:
        assert build.wait(timeout=300) == 0, build.stderr.read()
    assert sorted(p.name for p in out.iterdir()) == ["graph.graphml", "graph.html", "graph.json"]


def test_our_own_locked_temporary_file_survives_a_sweep_during_write_all(tmp_path: Path) -> None:
    def chunks():
        yield "a"
        assert sweep(tmp_path, older_than=-10) == []  # our own file is locked while written
        yield "b"

    write_all({tmp_path / "x.txt": chunks()})
    assert (tmp_path / "x.txt").read_text() == "ab" and sorted(os.listdir(tmp_path)) == ["x.txt"]


# --- 8. values checked in full -------------------------------------------------------------


def test_a_date_with_a_trailing_newline_is_malformed(seeds_copy: Path) -> None:
    edit(seeds_copy / ANNOTATIONS, "{date: 2024-11-19,", '{date: "2024-11-19\\n",')
    edit(seeds_copy / ANNOTATIONS, 'invoked_since: "2018"', 'invoked_since: "2018\\n"')
    found = [p.message for p in validate(seeds_copy)]
    assert len(found) == 2 and all("malformed date" in m for m in found), found


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("shape: dot}", "shape: image}", "display shape 'image' is not one the page can draw"),
        ("shape: dot}", "shape: custom}", "display shape 'custom' is not one the page can draw"),
        ('color: "#88ccee"', 'color: "url(http://example.com/x)"', "is not a colour the page can draw"),
        ('color: "#88ccee"', 'color: "#88ccee\\n"', "is not a colour the page can draw"),
        ('color: "#0072b2"', 'color: "red;background:url(x)"', "is not a colour the page can draw"),
    ],
)
def test_display_values_are_only_what_the_page_draws(seeds_copy: Path, old: str, new: str, expected: str) -> None:
    edit(seeds_copy / "schema.yaml", old, new)
    found = validate(seeds_copy)
    assert [Path(p.file).name for p in found] == ["schema.yaml"] and expected in found[0].message
    assert found[0].line is not None


def test_short_and_named_colours_are_accepted(seeds_copy: Path) -> None:
    edit(seeds_copy / "schema.yaml", 'color: "#88ccee"', "color: red")
    edit(seeds_copy / "schema.yaml", 'color: "#ddcc77"', 'color: "#47a"')
    assert validate(seeds_copy) == []


# --- 8. Unicode: NFC names, near-duplicates, BOM ------------------------------------------------


def _add_entity(seeds: Path, entity: str) -> None:
    edit(seeds / ANNOTATIONS, "\nentities:\n", f"\nentities:\n{entity}")


@pytest.mark.parametrize(
    "name",
    ["Karen Bas\u0301s", "Karen\u200b Bass", "KAREN BASS", "\uff2baren Bass"],
    ids=["nfd", "zwsp", "case", "nfkc"],
)
def test_near_duplicate_actor_names_are_a_problem(seeds_copy: Path, name: str) -> None:
    base = "Karen Bas\u0301s" if name == "Karen Bas\u0301s" else "Karen Bass"
    if base != "Karen Bass":
        edit(seeds_copy / ANNOTATIONS, "    name: Karen Bass\n", "    name: Karen Ba\u015bs\n")
    entity = f"  - id: other-karen\n    type: Person\n    name: {json.dumps(name)}\n"
    _add_entity(seeds_copy, entity)
    found = validate(seeds_copy)
    assert any("names both" in p.message and "other-karen" in p.message for p in found), found


def test_names_are_stored_nfc_and_found_by_any_normalization(seeds_copy: Path) -> None:
    _add_entity(
        seeds_copy, '  - id: jose\n    type: Person\n    name: "Jose\u0301 Marti\u0301"\n    aliases: ["J\u200bM"]\n'
    )
    corpus = load_corpus(seeds_copy)
    assert corpus.entities["jose"].name == "Jos\u00e9 Mart\u00ed"
    assert corpus.entities["jose"].aliases == ("J\u200bM",)


def test_a_bom_is_not_text_offsets_and_hash_agree(seeds_copy: Path) -> None:
    before = load_corpus(seeds_copy)
    text = seeds_copy / "documents" / f"{ARTICLE}.txt"
    text.write_bytes(b"\xef\xbb\xbf" + text.read_bytes())
    after = load_corpus(seeds_copy)
    assert after.documents[ARTICLE].text == before.documents[ARTICLE].text
    assert after.documents[ARTICLE].sha256 == before.documents[ARTICLE].sha256
    assert [r.evidence for r in after.relations.values()] == [r.evidence for r in before.relations.values()]


# --- 8. GEXF ---------------------------------------------------------------------------------


def test_gexf_escapes_edge_labels_once_without_a_schema() -> None:
    from xml.etree import ElementTree

    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", key="r1", type='says <&> "so"')
    root = ElementTree.fromstring(gexf.dumps(graph))
    edge = root.find(".//{http://www.gexf.net/1.2draft}edge")
    assert edge.get("label") == edge.get("kind") == 'says <&> "so"'


# --- 7. big inputs: the C loader and the compact quote map ---------------------------------------


def test_the_c_and_pure_yaml_loaders_give_the_same_values_and_lines(tmp_path: Path) -> None:
    if len(_yaml._LOADERS) < 2:
        pytest.skip("PyYAML here has no libyaml")  # the pure loader is then the only one, tested everywhere
    synthesize(tmp_path / "s", SynthSpec(relations=300, format="yaml", per_document=50), SEEDS / "schema.yaml")
    tricky = "a: |\n  block\n  text\nb: >-\n  folded\n\n  more\nc: [1, {d: 'x'}, &k y, *k]\r\n# c\r\ne:\n- - f\n  - g\n"
    texts = [p.read_text(encoding="utf-8") for p in sorted(REPO.joinpath("seeds").rglob("*.yaml"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "s").rglob("*.yaml"))] + [tricky]
    for text in texts:
        fast = _yaml._convert(yaml.compose(text, Loader=_yaml._LOADERS[0]), "f")
        pure = _yaml._convert(yaml.compose(text, Loader=_yaml._NoDatesLoader), "f")
        assert (fast.data, fast.lines) == (pure.data, pure.lines)


def test_without_libyaml_the_pure_loader_reads_everything(seeds_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_c = load_corpus(seeds_copy)
    monkeypatch.setattr(_yaml, "_LOADERS", (_yaml._NoDatesLoader,))
    assert load_corpus(seeds_copy) == with_c
    edit(seeds_copy / ANNOTATIONS, "document: ", "document: [")
    assert [p.line for p in validate(seeds_copy)] == [p.line for p in _problems_with_c(seeds_copy, monkeypatch)]


def _problems_with_c(seeds: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.undo()
    return validate(seeds)


def test_a_big_document_quoted_with_other_quote_marks_is_found(seeds_copy: Path) -> None:
    text = seeds_copy / "documents" / f"{ARTICLE}.txt"
    body = text.read_text(encoding="utf-8")
    filler = "Filler  sentence with \u201ccurly\u201d quotes and  double  spaces.\n" * 400_000  # about 24 MB
    text.write_text(filler + body, encoding="utf-8")
    edit(seeds_copy / ANNOTATIONS, '"sanctuary city."', "\u201csanctuary city.\u201d")
    corpus = load_corpus(seeds_copy)
    full = corpus.documents[ARTICLE].text
    for relation in corpus.relations.values():
        evidence = relation.evidence
        assert full[evidence.start : evidence.end] == evidence.quote


def test_synth_never_writes_through_a_link_in_its_own_folder(tmp_path: Path) -> None:
    out = tmp_path / "s"
    synthesize(out, SynthSpec(relations=20), SEEDS / "schema.yaml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil_tree = out / "documents"
    for path in shutil_tree.iterdir():
        path.unlink()
    shutil_tree.rmdir()
    shutil_tree.symlink_to(elsewhere)
    with pytest.raises(SynthRefused):
        synthesize(out, SynthSpec(relations=20), SEEDS / "schema.yaml")
    assert list(elsewhere.iterdir()) == []


def test_gexf_colours_a_short_hex_colour(seeds_copy: Path) -> None:
    from graph.build import build_graph

    edit(seeds_copy / "schema.yaml", 'color: "#88ccee"', 'color: "#e57"')
    corpus = load_corpus(seeds_copy)
    assert '<viz:color r="238" g="85" b="119"/>' in gexf.dumps(build_graph(corpus), corpus.schema)
