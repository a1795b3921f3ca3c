"""`import_dna`: a DNA 3 database becomes a seeds folder that actorgraph's own validator accepts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml

from graph.corpus import load_corpus
from graph.dna import import_dna
from graph.errors import DnaError
from tests.dna.dnafile import DnaFile


def test_the_imported_seeds_validate_and_hold_every_statement(dna_seeds: Path, dna_import) -> None:
    corpus = load_corpus(dna_seeds)
    stances = [r for r in corpus.relations.values() if r.type in ("supports", "opposes")]
    assert len(stances) == 11 == dna_import[1].stances
    assert sorted(r.id for r in corpus.relations.values() if r.type == "member-of") == [
        "dna-member-person-ann-organization-alpha",
        "dna-member-person-bob-organization-beta",
    ]
    assert corpus.schema.stances == {"supports": 1, "opposes": -1}


def test_what_is_not_imported_is_reported(dna_import) -> None:
    reasons = dna_import[1].not_imported
    assert reasons["empty concept"] == 1
    assert [n for r, n in reasons.items() if "NPF Story Element" in r] == [1]
    assert sum(reasons.values()) == 2


def test_documents_are_byte_for_byte_with_their_metadata(dna_file: Path, dna_seeds: Path) -> None:
    con = sqlite3.connect(dna_file)
    for doc_id, text in con.execute("SELECT ID, Text FROM DOCUMENTS"):
        assert (dna_seeds / "documents" / f"dna-{doc_id}.txt").read_bytes() == text.encode("utf-8")
    meta = yaml.safe_load((dna_seeds / "documents" / "dna-1.yaml").read_text())
    assert meta == {
        "id": "dna-1",
        "title": "Tax debate",
        "text": "dna-1.txt",
        "published": "2020-01-06",
        "author": "R. Porter",
        "outlet": "Daily Planet",
        "section": "Politics",
        "type": "news",
    }
    assert load_corpus(dna_seeds).documents["dna-1"].meta["section"] == "Politics"


def test_quotes_are_the_spans_at_dna_utf16_offsets(dna_seeds: Path) -> None:
    corpus = load_corpus(dna_seeds)
    first = corpus.relations["dna-statement-1"]
    text = corpus.documents["dna-1"].text
    assert first.evidence.quote == "Alpha wants the tax." == text[first.evidence.start : first.evidence.end]
    assert text[: first.evidence.start] == "\U0001f30d Climate desk. "  # the emoji is 2 UTF-16 units, 1 code point
    assert first.type == "supports" and first.source == "organization-alpha" and first.target == "concept-carbon-tax"
    assert first.attributed_to == "person-ann"
    assert first.qualifiers["reason"] == "cost" and first.qualifiers["dna_statement"] == 1
    assert corpus.relations["dna-statement-3"].type == "opposes"
    pat = corpus.relations["dna-statement-8"]  # no organisation: the speaker is the actor
    assert pat.source == "person-pat" and pat.type == "supports"


def test_entities_keep_their_attributes_and_unused_ones_are_imported(dna_seeds: Path) -> None:
    entities = load_corpus(dna_seeds).entities
    alpha = entities["organization-alpha"]
    assert alpha.type == "Organization" and alpha.name == "Alpha"
    assert dict(alpha.properties) == {"dna_id": 1, "color": "#0a141e", "dna_type": "NGO", "alias": "A."}
    assert entities["concept-carbon-tax"].properties["dna_type"] == "policy"
    assert "organization-unused-org" in entities
    assert {e.type for e in entities.values()} == {"Organization", "Concept", "Person"}


def test_a_non_dna_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE T (x)").connection.commit()
    with pytest.raises(DnaError, match="not a DNA 3 database: no table"):
        import_dna(other, tmp_path / "out")
    (tmp_path / "text.dna").write_text("not sqlite")
    with pytest.raises(DnaError):
        import_dna(tmp_path / "text.dna", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_dna2_database_is_refused(tmp_path: Path) -> None:
    f = DnaFile(tmp_path / "old.dna")
    f.sql("UPDATE SETTINGS SET Value = '2.0 beta 25' WHERE Property = 'version'")
    with pytest.raises(DnaError, match="only DNA 3"):
        import_dna(f.close(), tmp_path / "out")


def test_an_existing_folder_is_not_overwritten(dna_file: Path, tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "keep.txt").write_text("mine")
    with pytest.raises(DnaError, match="not empty"):
        import_dna(dna_file, tmp_path / "seeds")
    assert (tmp_path / "seeds" / "keep.txt").read_text() == "mine"


def test_a_bad_offset_or_integer_zero_is_reported_not_dropped(tmp_path: Path) -> None:
    f = DnaFile(tmp_path / "edge.dna")
    f.sql("UPDATE VARIABLES SET DataType = 'integer' WHERE ID = 4")
    doc = f.document("D", "Alpha likes it. Beta is neutral. Gamma hates it.", "2022-03-04T10:30:00")
    f.statement(doc, "Alpha likes it.", v2="Alpha", v3="it", v4=2)
    f.statement(doc, "Beta is neutral.", v2="Beta", v3="it", v4=0)
    f.statement(doc, "Gamma hates it.", v2="Gamma", v3="it", v4=-1)
    f.sql("INSERT INTO STATEMENTS (StatementTypeId, DocumentId, Start, Stop, Coder) VALUES (1, 1, 40, 400, 1)")
    f.value(4, 2, "Alpha")
    f.value(4, 3, "it")
    f.value(4, 4, 1)
    report = import_dna(f.close(), tmp_path / "seeds")
    corpus = load_corpus(tmp_path / "seeds")
    assert sorted((r.source, r.type) for r in corpus.relations.values()) == [
        ("organization-alpha", "supports"),
        ("organization-gamma", "opposes"),
    ]
    assert report.not_imported["agreement missing or 0 on an integer scale (no stance)"] == 1
    assert report.not_imported["its offsets are outside the text or span only blanks"] == 1
    assert corpus.documents["dna-1"].meta["published"] == "2022-03-04T10:30:00"


def test_same_names_in_two_variables_and_empty_titles_still_validate(tmp_path: Path) -> None:
    f = DnaFile(tmp_path / "names.dna")
    f.document("", "", "2020-01-01")
    doc = f.document("Same", "Alpha and Alpha say yes.", "2020-01-01")
    f.statement(doc, "Alpha say yes.", v1="Alpha", v2="Alpha", v3="yes", v4=1)
    report = import_dna(f.close(), tmp_path / "seeds")
    corpus = load_corpus(tmp_path / "seeds")
    assert {e.id: e.name for e in corpus.entities.values()} == {
        "person-alpha": "Alpha",  # the lower DNA entity id keeps the name
        "organization-alpha": "Alpha (organization)",
        "concept-yes": "yes",
    }
    assert any("another entity has that name" in note for note in report.notes)
    assert corpus.documents["dna-1"].title == "DNA document 1"
    assert corpus.relations["dna-statement-1"].evidence.start == len("Alpha and ")
