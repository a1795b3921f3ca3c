"""JSON Lines input: one document or annotation per line, problems located by line."""

import json
from pathlib import Path

from graph import load_graph, validate
from tests.conftest import SEEDS


def write_jsonl(path: Path, records: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(r if isinstance(r, str) else json.dumps(r) + "\n" for r in records), encoding="utf-8")


def bulk_seeds(tmp_path: Path, annotation_lines: list) -> Path:
    seeds = tmp_path / "bulk"
    (seeds / "documents").mkdir(parents=True)
    (seeds / "schema.yaml").write_bytes((SEEDS / "schema.yaml").read_bytes())
    write_jsonl(
        seeds / "documents" / "docs.jsonl",
        [
            {"id": "d1", "title": "One", "content": "The LAPD backs the ordinance.\n"},
            {"id": "d2", "title": "Two", "content": "The party \u201copposes\u201d it.\n"},
        ],
    )
    write_jsonl(seeds / "annotations" / "all.jsonl", annotation_lines)
    return seeds


ENTITIES = {
    "document": "d1",
    "entities": [
        {"id": "lapd", "type": "Agency", "name": "LAPD"},
        {"id": "ord", "type": "Legislation", "name": "the ordinance"},
        {"id": "gop", "type": "PoliticalParty", "name": "the party"},
    ],
    "relations": [{"type": "supports", "source": "LAPD", "target": "ord", "quote": "The LAPD backs the ordinance."}],
}


def test_documents_and_annotations_load_from_json_lines(tmp_path: Path) -> None:
    second = {
        "document": "d2",
        "relations": [{"type": "opposes", "source": "gop", "target": "ord", "quote": 'The party "opposes" it.'}],
    }
    g = load_graph(bulk_seeds(tmp_path, [ENTITIES, second]))
    assert sorted(g.edges(keys=True)) == [("gop", "ord", "gop:opposes:ord"), ("lapd", "ord", "lapd:supports:ord")]
    assert g.edges["gop", "ord", "gop:opposes:ord"]["quote"] == "The party \u201copposes\u201d it."
    assert g.graph["documents"]["d2"]["path"] == "docs.jsonl"


def test_problems_name_the_jsonl_line(tmp_path: Path) -> None:
    broken = {
        "document": "d2",
        "relations": [{"type": "opposes", "source": "gop", "target": "nobody", "quote": "opposes"}],
    }
    seeds = bulk_seeds(tmp_path, [ENTITIES, "\n", "{not json\n", broken, {"document": "d1", "relatons": []}])
    problems = validate(seeds)
    shown = [(Path(p.file).name, p.line, p.message) for p in problems]
    assert ("all.jsonl", 3, "invalid JSON at column 2: Expecting property name enclosed in double quotes") in shown
    assert ("all.jsonl", 4, "unknown entity 'nobody'") in shown
    assert ("all.jsonl", 5, "unknown field 'relatons'") in shown
    assert len(problems) == 3


def test_lines_json_cannot_read_are_problems_on_their_line(tmp_path: Path) -> None:
    lines = [
        ENTITIES,
        "[" * 100_000 + "]" * 100_000 + "\n",
        '{"document": ' + "9" * 5000 + "}\n",
        "null\n",
        '{"document": "nope", "relations": [], "document": "d1"}\n',
        '{"document": "d1", "entities": [{"id": "x", "type": "Agency", "name": "X", "description": "\\udc00"}]}\n',
        '{"document": "d1", "entities": [{"id": "y", "type": "Agency", "name": "Y \\ud83d\\ude00"}]}\n',
    ]
    shown = [(p.line, p.message) for p in validate(bulk_seeds(tmp_path, lines)) if p.file.endswith("all.jsonl")]
    assert shown == [
        (2, "invalid JSON: nested too deeply"),
        (3, "invalid JSON: a number has too many digits"),
        (4, "no data (null)"),
        (5, "invalid JSON: duplicate key 'document'"),
        (6, "invalid JSON: a \\ud800-\\udfff escape is half of a surrogate pair, not a character"),
    ]  # line 7 is a valid pair: an emoji
