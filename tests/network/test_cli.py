"""`actorgraph import dna` and `actorgraph network`: a few lines over the library, one message per problem."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.conftest import SEEDS


def test_import_then_network(cli, dna_file: Path, tmp_path: Path) -> None:
    seeds = tmp_path / "dna-seeds"
    done = cli("import", "dna", dna_file, "--out", seeds)
    assert done.exit_code == 0, done.output
    assert "11 stance relations" in done.stdout and "it validates" in done.stdout
    assert "not imported: 1 statement(s): empty concept" in done.stdout
    assert cli("validate", "--seeds", seeds).exit_code == 0
    out = tmp_path / "conflict.csv"
    args = ["network", "actors", "-q", "conflict", "--actor-type", "Organization", "-f", "csv", "--out", out]
    done = cli(*args, "--seeds", seeds)
    assert done.exit_code == 0, done.output
    rows = {r[0]: r[1:] for r in csv.reader(out.open())}
    assert rows["Alpha"] == ["0", "1", "0", "3"] and rows[""] == ["Alpha", "Beta", "Delta", "Gamma"]
    done = cli(
        "network",
        "targets",
        "--exclude-target",
        "subsidy",
        "-f",
        "json",
        "--out",
        tmp_path / "t.json",
        "--seeds",
        seeds,
    )
    assert done.exit_code == 0, done.output
    assert "concept-subsidy" not in json.loads((tmp_path / "t.json").read_text())["nodes"]


def test_network_of_the_repository_seeds(cli, tmp_path: Path) -> None:
    out = tmp_path / "two.graphml"
    done = cli("network", "two-mode", "-q", "subtract", "--out", out, "--seeds", SEEDS)
    assert done.exit_code == 0, done.output
    assert "5 of 5 stance statements counted" in done.stdout and out.exists()


def test_bad_settings_exit_2_and_write_nothing(cli, tmp_path: Path) -> None:
    out = tmp_path / "n.graphml"
    for args in (
        ["--actor", "Nobody At All"],
        ["--type", "enacts"],
        ["-q", "combine"],
        ["-n", "activity"],
        ["--duplicates", "fortnight"],
        ["--start", "soon"],
        ["-f", "xlsx"],
        ["--window-size", "2", "--window-unit", "years", "--start", "2024-01-01", "--end", "2024-12-31"],
    ):
        done = cli("network", *args, "--out", out, "--seeds", SEEDS)
        assert done.exit_code == 2, (args, done.output)
        assert "nothing was written" in done.stderr
    assert not out.exists()


def test_importing_something_else_exits_2(cli, tmp_path: Path) -> None:
    (tmp_path / "x.dna").write_text("hello")
    done = cli("import", "dna", tmp_path / "x.dna", "--out", tmp_path / "s")
    assert done.exit_code == 2 and "nothing was written" in done.stderr


def test_csv_names_a_spreadsheet_would_run_are_neutralised(cli, tmp_path: Path) -> None:
    from tests.dna.dnafile import AGREEMENT, CONCEPT, ORGANIZATION, DnaFile

    f = DnaFile(tmp_path / "hostile.dna")
    names = ['=HYPERLINK("http://x")', 'Smith, "Jo" & Co', "-2+3", "@SUM(A1)"]
    text = " ".join(f"{n} backs the tax." for n in names)
    doc = f.document("Formulas", text, "2020-01-06")
    for n in names:
        f.entity(ORGANIZATION, n)
        f.statement(doc, f"{n} backs the tax.", **{f"v{ORGANIZATION}": n, f"v{CONCEPT}": "tax", f"v{AGREEMENT}": 1})
    seeds = tmp_path / "seeds"
    assert cli("import", "dna", f.close(), "--out", seeds).exit_code == 0
    out = tmp_path / "m.csv"
    done = cli("network", "two-mode", "--actor-type", "Organization", "-f", "csv", "--out", out, "--seeds", seeds)
    assert done.exit_code == 0, done.output
    rows = list(csv.reader(out.open(newline="")))
    assert sorted(r[0] for r in rows[1:]) == sorted(
        ['\'=HYPERLINK("http://x")', 'Smith, "Jo" & Co', "'-2+3", "'@SUM(A1)"]
    )
    assert rows[0] == ["", "tax"] and all(r[1] == "1" for r in rows[1:])
    assert "3 cells" in done.stderr and "--csv-raw" in done.stderr
    raw = tmp_path / "raw.csv"
    args = ["network", "two-mode", "--actor-type", "Organization", "-f", "csv", "--out", raw, "--csv-raw"]
    assert cli(*args, "--seeds", seeds).exit_code == 0
    assert sorted(r[0] for r in list(csv.reader(raw.open(newline="")))[1:]) == sorted(names)
