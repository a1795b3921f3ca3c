"""Bad input: every problem reported in one run, each naming file, line and a fix; exit 1; nothing written."""

from pathlib import Path

import pytest

from graph import validate
from tests.conftest import ARTICLE, edit, line_of

ANNOTATIONS = f"annotations/{ARTICLE}.yaml"

# (file, text to replace, replacement, text on the reported line, expected message)
CASES = {
    "unknown entity reference": (
        ANNOTATIONS,
        "    source: lapd\n",
        "    source: lapdd\n",
        "source: lapdd",
        "unknown entity 'lapdd'",
    ),
    "endpoint type not allowed": (
        ANNOTATIONS,
        "    type: signs\n    source: Mayor Karen Bass\n",
        "    type: signs\n    source: lapd\n",
        "source: lapd",
        "signs cannot have a Agency (lapd) as its source",
    ),
    "quote not found": (
        ANNOTATIONS,
        "quote: As Councilman Bob Blumenfield stated",
        "quote: As Councilman Bob Blumenfield said",
        "Blumenfield said",
        "quote not found anywhere in document",
    ),
    "duplicate entity id": (
        ANNOTATIONS,
        "  - id: ice\n",
        "  - id: lapd  # again\n",
        "# again",
        "duplicate entity id 'lapd'",
    ),
    "duplicate relation id": (  # the same id for another relation (the same one would be another report of it)
        ANNOTATIONS,
        "  - id: gop-opposes-sanctuary-cities\n",
        "  - id: trump-opposes-los-angeles  # again\n",
        "# again",
        "duplicate relation id 'trump-opposes-los-angeles'",
    ),
    "missing required qualifier": (
        ANNOTATIONS,
        "qualifiers: {exception: violent felonies, ",
        "qualifiers: {",
        "  - id: lapd-cooperates-with-ice",
        "requires the qualifier 'exception'",
    ),
    "malformed date": (
        ANNOTATIONS,
        "date: 2024-11-19",
        "date: 2024-19-11",
        "date: 2024-19-11",
        "malformed date '2024-19-11'",
    ),
    "unknown field": (
        ANNOTATIONS,
        "    confidence: 0.6\n",
        "    confidance: 0.6\n",
        "confidance:",
        "unknown field 'relations.",
    ),
    "unknown qualifier": (
        ANNOTATIONS,
        "vote: unanimous",
        "votes: unanimous",
        "votes: unanimous",
        "qualifier 'votes' is not allowed",
    ),
    "malformed YAML": (
        ANNOTATIONS,
        "    aliases: [LAPD]\n",
        "    aliases: [LAPD\n",
        "mention: the Los Angeles Police",
        "flow sequence begun on line 37",
    ),
    "unknown entity type": (
        ANNOTATIONS,
        "    type: PoliticalParty\n",
        "    type: Party\n",
        "type: Party",
        "unknown entity type 'Party'",
    ),
    "unknown relation type": (
        ANNOTATIONS,
        "    type: member-of\n",
        "    type: member_of\n",
        "type: member_of",
        "unknown relation type",
    ),
    "wrong value type": (
        ANNOTATIONS,
        "    confidence: 0.8\n",
        "    confidence: high\n",
        "confidence: high",
        "confidence",
    ),
    "unknown document": (
        ANNOTATIONS,
        f"document: {ARTICLE}\n",
        "document: nope\n",
        "document: nope",
        "unknown document 'nope'",
    ),
    "schema references an undeclared qualifier": (
        "schema.yaml",
        "    required: [exception]\n",
        "    required: [exceptoin]\n",
        "required: [exceptoin]",
        "qualifier 'exceptoin' is not declared",
    ),
    "document metadata typo": (f"documents/{ARTICLE}.yaml", "title:", "titel:", "titel:", "unknown field 'titel'"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_bad_input_names_file_line_and_exits_1(seeds_copy: Path, cli, tmp_path: Path, case: str) -> None:
    relative, old, new, on_line, message = CASES[case]
    path = seeds_copy / relative
    edit(path, old, new)
    out = tmp_path / "out"
    result = cli("build", "--seeds", seeds_copy, "--out", out)
    assert result.exit_code == 1
    expected = f"{path}:{line_of(path, on_line)}: "  # tmp_path lies outside the working directory: shown whole
    reported = [line for line in result.stderr.splitlines() if message in line]
    assert any(line.startswith(expected) for line in reported), f"expected {expected} in:\n{result.stderr}"
    assert "hint:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists(), "nothing may be written when the input is bad"


def test_bad_encoding_in_an_annotation_names_the_line(seeds_copy: Path, cli) -> None:
    path = seeds_copy / ANNOTATIONS
    raw = path.read_bytes().replace(b"name: Karen Bass\n", b"name: Karen B\xe4ss\n")
    path.write_bytes(raw)
    result = cli("validate", "--seeds", seeds_copy)
    assert result.exit_code == 1
    assert f":{line_of_bytes(raw, b'Karen B')}: not valid UTF-8" in result.stderr


def line_of_bytes(raw: bytes, needle: bytes) -> int:
    return raw[: raw.index(needle)].count(b"\n") + 1


def test_bad_encoding_in_a_document_text_is_reported(seeds_copy: Path) -> None:
    path = seeds_copy / "documents" / f"{ARTICLE}.txt"
    path.write_bytes(path.read_bytes().replace("\u2019".encode(), b"\x92", 1))
    problems = validate(seeds_copy)
    assert any(p.file.endswith(f"{ARTICLE}.txt") and "not valid UTF-8" in p.message for p in problems)


def test_every_problem_is_reported_in_one_run(seeds_copy: Path) -> None:
    path = seeds_copy / ANNOTATIONS
    edit(path, "    source: lapd\n", "    source: lapdd\n")
    edit(path, "date: 2024-11-19", "date: 2024-11-31")
    edit(path, "in cases involving violent felonies", "in cases involving all felonies")
    messages = [p.message for p in validate(seeds_copy)]
    assert len(messages) == 3, messages
    assert [p.line for p in validate(seeds_copy)] == sorted(p.line for p in validate(seeds_copy))


def test_a_failed_build_leaves_the_previous_output_alone(seeds_copy: Path, cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("build", "--seeds", seeds_copy, "--out", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "graph.json" in before
    edit(seeds_copy / ANNOTATIONS, "in cases involving violent felonies", "in cases involving all felonies")
    assert cli("build", "--seeds", seeds_copy, "--out", out).exit_code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_pinned_start_must_match(seeds_copy: Path) -> None:
    path = seeds_copy / ANNOTATIONS
    edit(path, "    qualifiers: {role: Councilmember}\n", "    start: 3\n    qualifiers: {role: Councilmember}\n")
    problems = validate(seeds_copy)
    assert len(problems) == 1
    assert "quote not found at offset 3" in problems[0].message
    assert "it occurs at offset" in problems[0].hint


def test_an_alias_naming_two_entities_is_reported(seeds_copy: Path) -> None:
    edit(seeds_copy / ANNOTATIONS, "    aliases: [ICE, Immigration", "    aliases: [LAPD, Immigration")
    problems = validate(seeds_copy)
    assert any("'LAPD' names both 'lapd' and 'ice'" in p.message for p in problems)


def test_text_without_metadata_is_reported(seeds_copy: Path) -> None:
    (seeds_copy / "documents" / "orphan.txt").write_text("text", encoding="utf-8")
    problems = validate(seeds_copy)
    assert [p.message for p in problems] == ["document has no metadata file"]
    assert "orphan.yaml" in problems[0].hint


def test_the_seeds_are_valid(cli) -> None:
    result = cli("validate")
    assert result.exit_code == 0, result.stderr
    assert "13 actors and 13 relations from 1 document" in result.stdout


@pytest.mark.parametrize("name", ["annotations/extra.yaml", "annotations/extra.jsonl", "documents/extra.yaml"])
def test_a_folder_where_a_file_belongs_is_a_problem(seeds_copy: Path, name: str) -> None:
    (seeds_copy / name).mkdir()
    problems = validate(seeds_copy)
    assert [(Path(p.file).name, p.line, p.message) for p in problems] == [
        (Path(name).name, None, "cannot read the file: it is a folder")
    ]


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_numbers_must_be_finite(seeds_copy: Path, cli, tmp_path: Path, value: str) -> None:
    edit(seeds_copy / "schema.yaml", "times_invoked: {type: integer", "times_invoked: {type: number")
    edit(seeds_copy / ANNOTATIONS, "times_invoked: 2", f"times_invoked: {value}")
    result = cli("build", "--seeds", seeds_copy, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f":{line_of(seeds_copy / ANNOTATIONS, 'times_invoked')}: " in result.stderr
    assert "finite number" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", ["/dev/zero", "../schema.yaml", "../../../etc/passwd", "sub/la.txt", ".."])
def test_a_document_text_must_be_a_file_beside_its_metadata(seeds_copy: Path, text: str) -> None:
    path = seeds_copy / "documents" / f"{ARTICLE}.yaml"
    edit(path, f"text: {ARTICLE}.txt", f"text: {text}")
    problems = [p for p in validate(seeds_copy) if "is not a file name" in p.message]
    assert [(p.file, p.line) for p in problems] == [(str(path), line_of(path, "text:"))]


def test_a_multi_megabyte_name_and_quote_build(seeds_copy: Path, cli, tmp_path: Path) -> None:
    huge = "Karen " + "B" * 3_000_000
    edit(seeds_copy / ANNOTATIONS, "name: Karen Bass\n", f"name: {huge}\n")
    text = seeds_copy / "documents" / f"{ARTICLE}.txt"
    text.write_text(text.read_text(encoding="utf-8") + huge + "\n", encoding="utf-8")
    edit(seeds_copy / ANNOTATIONS, "    mention: Mayor Karen Bass' signature\n", f"    mention: {huge}\n")
    result = cli("build", "--seeds", seeds_copy, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr[:500]
    assert huge in (tmp_path / "out" / "graph.json").read_text(encoding="utf-8")


def test_a_multi_megabyte_unknown_reference_is_reported_briefly(seeds_copy: Path) -> None:
    edit(seeds_copy / ANNOTATIONS, "    source: lapd\n", f"    source: {'x' * 3_000_000}\n")
    (problem,) = validate(seeds_copy)
    assert problem.message.startswith("unknown entity 'xxx")
    assert len(problem.message) <= 500 and problem.message.endswith("…")
