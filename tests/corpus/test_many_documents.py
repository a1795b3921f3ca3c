"""A corpus of many documents: entities belong to the corpus, one relation has a report per document, conflicts are
data, and `as_of` gives the graph as reported by a date. The corpus is the seed article plus two more reports of
the same story (tests/support/story.py), added without editing the seed article's files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph import conflicts, load_corpus
from graph.build import build_graph
from graph.errors import ValidationFailed
from graph.readwrite import graphml, node_link
from tests.conftest import ARTICLE, SEEDS, line_of
from tests.support.story import MAYOR, VOTE, write_story

VOTE_ID = "council-approves-ordinance"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return write_story(tmp_path)


def _problems(seeds: Path) -> list:
    with pytest.raises(ValidationFailed) as failed:
        load_corpus(seeds)
    return failed.value.problems


def test_new_articles_need_no_edit_to_the_seed_articles_files(story: Path) -> None:
    annotation = f"annotations/{ARTICLE}.yaml"
    assert (story / annotation).read_bytes() == (SEEDS / annotation).read_bytes()
    corpus = load_corpus(story)
    assert sorted(corpus.documents) == sorted([ARTICLE, VOTE, MAYOR])


def test_the_council_vote_is_one_relation_with_a_report_from_each_article(story: Path) -> None:
    corpus = load_corpus(story)
    vote = corpus.relations[VOTE_ID]
    assert [r.document for r in vote.reports] == [VOTE, MAYOR, ARTICLE]  # earliest published first
    assert [r.qualifiers["date"] for r in vote.reports] == ["2024-11-19", "2024-11-20", "2024-11-19"]
    assert [(r.attribution, r.attributed_to, r.confidence) for r in vote.reports][1] == ("statement", "karen-bass", 0.8)
    edge = build_graph(corpus).edges["la-city-council", "la-sanctuary-ordinance", VOTE_ID]
    assert edge["documents"] == sorted([VOTE, MAYOR, ARTICLE])
    assert edge["evidence_count"] == 3
    assert edge["evidence_documents"] == [VOTE, MAYOR, ARTICLE]
    assert edge["evidence_dates"] == ["2024-11-19", "2024-11-20", "2024-11-19"]
    assert edge["evidence_attributed_to"] == ["", "karen-bass", ""]
    assert edge["evidence_confidences"] == [1.0, 0.8, 1.0]
    text = {d: corpus.documents[d].text for d in corpus.documents}
    for doc, quote, start, end in zip(
        edge["evidence_documents"], edge["evidence_quotes"], edge["evidence_starts"], edge["evidence_ends"], strict=True
    ):
        assert text[doc][start:end] == quote
    # the first report is the scalar evidence, as for a one-document relation
    assert (edge["document"], edge["quote_start"]) == (VOTE, edge["evidence_starts"][0])


def test_differing_dates_and_tallies_are_recorded_conflicts_not_a_silent_pick(story: Path) -> None:
    corpus = load_corpus(story)
    found = {(c.relation, c.field): c for c in conflicts(corpus)}
    date = found[(VOTE_ID, "date")]
    assert dict(date.values) == {"2024-11-19": (VOTE, ARTICLE), "2024-11-20": (MAYOR,)}
    assert dict(found[(VOTE_ID, "vote")].values) == {"13-0": (VOTE, MAYOR), "unanimous": (ARTICLE,)}
    edge = build_graph(corpus).edges["la-city-council", "la-sanctuary-ordinance", VOTE_ID]
    assert edge["conflicted"] is True
    assert any("2024-11-20 (bass-expedites-2024-11-21)" in c for c in edge["conflicts"])


def test_a_report_that_contradicts_another_relation_flags_both(story: Path) -> None:
    graph = build_graph(load_corpus(story))
    claim = graph.edges["state-of-california", "ca-sb-54", "california-sanctuary-since-2014"]
    fact = graph.edges["state-of-california", "ca-sb-54", "california-enacts-sb-54"]
    assert claim["contradicts"] == ["california-enacts-sb-54"]
    assert claim["conflicted"] and fact["conflicted"]
    assert fact["conflicts"] == [f"contradicted by california-sanctuary-since-2014 ({MAYOR})"]
    unflagged = graph.edges["lapd", "ice", "lapd-cooperates-with-ice"]
    assert unflagged["conflicted"] is False and "conflicts" not in unflagged


def test_a_contradiction_of_an_unknown_relation_is_a_problem(story: Path) -> None:
    path = story / "annotations" / "mayor.yaml"
    path.write_text(path.read_text().replace("contradicts: california-enacts-sb-54", "contradicts: ca-enacts"))
    [problem] = _problems(story)
    assert "unknown relation 'ca-enacts'" in problem.message
    assert problem.line == line_of(path, "contradicts:")


def test_a_report_attaches_by_the_type_key_rule_and_by_relation_id(story: Path) -> None:
    corpus = load_corpus(story)
    # The mayor's article names no relation id: the approves key rule (source, type, target, stage) attaches it.
    assert MAYOR in corpus.relations[VOTE_ID].documents
    # `relation:` attaches a quote to one of two relations the key rule could not tell apart.
    assert corpus.relations["blumenfield-supports-ordinance-hardening"].documents == sorted([ARTICLE, VOTE])
    # A new relation found by its key gets an id from the key alone: no document in it, so another report of it
    # (from any article, in any order) never changes it.
    assert corpus.relations["karen-bass:supports:la-sanctuary-ordinance"].documents == [MAYOR]


def test_a_report_the_key_rule_cannot_place_is_a_problem_naming_the_candidates(story: Path) -> None:
    path = story / "annotations" / "vote.yaml"
    path.write_text(
        path.read_text().replace(
            "  - relation: blumenfield-supports-ordinance-hardening\n",
            "  - type: supports\n    source: Councilman Blumenfield\n    target: la-sanctuary-ordinance\n",
        )
    )
    [problem] = _problems(story)
    assert "'blumenfield-supports-ordinance-codifying', 'blumenfield-supports-ordinance-hardening'" in problem.message
    assert "relation: <id>" in problem.hint


def test_relation_ids_stay_stable_when_reports_are_added(story: Path, tmp_path: Path) -> None:
    before = set(load_corpus(SEEDS).relations)
    after = set(load_corpus(story).relations)
    assert before <= after
    assert after - before == {"california-sanctuary-since-2014", "karen-bass:supports:la-sanctuary-ordinance"}


def test_another_file_extends_an_entity_with_aliases_and_mentions(story: Path) -> None:
    corpus = load_corpus(story)
    bass = corpus.entities["karen-bass"]
    assert bass.aliases == ("Mayor Karen Bass", "Mayor Bass", "L.A. Mayor Karen Bass")
    assert [m.document for m in bass.mentions] == [MAYOR, ARTICLE]
    node = build_graph(corpus).nodes["karen-bass"]
    assert node["documents"] == sorted([ARTICLE, MAYOR])
    assert node["mention_documents"] == [MAYOR, ARTICLE]
    # the vote article's alias for the council is a name any file may use (the mayor's article does)
    assert "L.A. City Council" in corpus.entities["la-city-council"].aliases


def test_an_extension_mention_is_offset_checked(story: Path) -> None:
    path = story / "annotations" / "vote.yaml"
    path.write_text(path.read_text().replace("who co-wrote the measure", "who wrote the measure"))
    [problem] = _problems(story)
    assert "quote not found" in problem.message and VOTE in problem.message
    assert problem.line == line_of(path, "who wrote the measure")


def test_extending_an_entity_declared_nowhere_is_a_problem(story: Path) -> None:
    path = story / "annotations" / "vote.yaml"
    path.write_text(path.read_text().replace("  - id: bob-blumenfield\n", "  - id: bob-blumenfeld\n"))
    problems = _problems(story)
    assert any("'bob-blumenfeld' is extended here but declared nowhere" in p.message for p in problems)
    assert any("bob-blumenfield" in (p.hint or "") for p in problems)


def test_a_property_another_file_gives_differently_is_a_problem(story: Path) -> None:
    path = story / "annotations" / "mayor.yaml"
    path.write_text(
        path.read_text().replace("    aliases: [L.A. Mayor Karen Bass]\n", "    properties: {role: Senator}\n")
    )
    [problem] = _problems(story)
    assert "'role' of 'karen-bass' is 'Senator' here but 'Mayor of Los Angeles'" in problem.message


def test_a_duplicate_entity_id_names_both_places_without_blame(story: Path) -> None:
    path = story / "annotations" / "vote.yaml"
    path.write_text(
        path.read_text().replace("entities:\n", "entities:\n  - id: lapd\n    type: Agency\n    name: L.A. police\n")
    )
    problems = [p for p in _problems(story) if "duplicate entity id 'lapd'" in p.message]
    seed = f"annotations/{ARTICLE}.yaml"
    assert sorted(Path(p.file).name for p in problems) == sorted([f"{ARTICLE}.yaml", "vote.yaml"])
    here = {Path(p.file).name: p.message for p in problems}
    assert "vote.yaml:3" in here[f"{ARTICLE}.yaml"]
    assert f"{seed}:{line_of(story / seed, '- id: lapd')}" in here["vote.yaml"]


def test_an_alias_that_breaks_other_files_references_is_a_problem_at_the_alias(story: Path) -> None:
    path = story / "annotations" / "mayor.yaml"
    office = "  - id: mayors-office\n    type: GovernmentBody\n    name: Office of the Mayor\n"
    path.write_text(path.read_text().replace("entities:\n", f"entities:\n{office}    aliases: [Mayor Karen Bass]\n"))
    problems = _problems(story)
    seed = story / "annotations" / f"{ARTICLE}.yaml"
    assert len(problems) == 2  # one for each alias claim of the name, none at the references
    assert {Path(p.file).name for p in problems} == {"mayor.yaml", f"{ARTICLE}.yaml"}
    at_alias = next(p for p in problems if p.file.endswith("mayor.yaml"))
    assert at_alias.line == line_of(path, "aliases: [Mayor Karen Bass]")
    assert "'Mayor Karen Bass' names both 'karen-bass' and 'mayors-office'" in at_alias.message
    broken = f"{seed.relative_to(story.parent)}:{line_of(seed, 'source: Mayor Karen Bass')}"
    assert broken.split("/", 1)[1] in at_alias.message
    assert "2 references" in at_alias.message  # the seed's signs relation and the mayor's supports relation


def test_references_by_id_never_become_ambiguous(story: Path) -> None:
    path = story / "annotations" / "mayor.yaml"
    office = (
        "  - id: mayors-office\n    type: GovernmentBody\n    name: Office of the Mayor\n    aliases: [karen-bass]\n"
    )
    path.write_text(path.read_text().replace("entities:\n", f"entities:\n{office}"))
    problems = _problems(story)
    assert all("ambiguous" not in p.message for p in problems)
    assert [p.line for p in problems] == [line_of(path, "aliases: [karen-bass]")]


def test_as_of_gives_the_graph_as_reported_by_then(story: Path) -> None:
    corpus = load_corpus(story)
    before = build_graph(corpus, as_of="2024-11-18")
    assert (before.number_of_nodes(), before.number_of_edges()) == (0, 0)  # the vote is not reported yet
    day_of_vote = corpus.as_of("2024-11-19")
    vote = day_of_vote.relations[VOTE_ID]
    assert vote.documents == [VOTE] and not vote.conflicts
    assert sorted(day_of_vote.entities) == ["bob-blumenfield", "la-city-council", "la-sanctuary-ordinance"]
    assert "lapd" not in day_of_vote.entities  # declared in an article published later
    later = corpus.as_of("2024-11-21")
    assert [c.field for c in later.conflicts() if c.relation == VOTE_ID] == ["date"]  # both say 13-0
    assert "L.A. Mayor Karen Bass" in later.entities["karen-bass"].aliases
    assert "karen-bass" not in corpus.as_of("2024-11-20").entities  # no article published by then names her
    assert set(corpus.as_of("2024-12").relations) == set(corpus.relations)


def test_as_of_leaves_out_undated_documents(tmp_path: Path) -> None:
    corpus = load_corpus(SEEDS)  # the seed article gives no publication date
    assert corpus.as_of("2099-01-01").relations == {}


def _outputs(seeds: Path) -> dict[str, str]:
    corpus = load_corpus(seeds)
    graph = build_graph(corpus)
    return {"json": node_link.dumps(graph), "graphml": "".join(graphml.stream(graph, corpus.schema))}


def test_outputs_are_byte_identical_under_any_file_order_and_names(story: Path, tmp_path: Path) -> None:
    renamed = write_story(tmp_path / "renamed", names=("zz-mayor-first", "aa-vote"))
    # the new files swap their content's order on disk: each name now sorts the other way round
    (renamed / "annotations" / "zz-mayor-first.yaml").rename(renamed / "annotations" / "b.yaml")
    nested = renamed / "annotations" / "nested"
    nested.mkdir()
    shutil.move(renamed / "annotations" / f"{ARTICLE}.yaml", nested / "z.yaml")
    assert _outputs(renamed) == _outputs(story)


def test_every_report_survives_graphml(story: Path, tmp_path: Path) -> None:
    corpus = load_corpus(story)
    graph = build_graph(corpus)
    path = tmp_path / "g.graphml"
    graphml.write(graph, path, corpus.schema)
    back = graphml.read(path, corpus.schema)
    edge = back.edges["la-city-council", "la-sanctuary-ordinance", VOTE_ID]
    assert edge == graph.edges["la-city-council", "la-sanctuary-ordinance", VOTE_ID]
    assert json.loads(json.dumps(edge["evidence_starts"])) == edge["evidence_starts"]
    assert 'id="d0"' not in path.read_text(encoding="utf-8")  # Gephi-safe key ids


def test_conflicts_command_lists_them(story: Path, cli) -> None:
    result = cli("conflicts", "--seeds", story)
    assert result.exit_code == 0, result.output
    assert "2024-11-20 (bass-expedites-2024-11-21)" in result.stdout
    assert "contradicted by california-sanctuary-since-2014" in result.stdout
    assert "4 conflicts" in result.stdout
    assert "0 conflicts" in cli("conflicts", "--seeds", story, "--as-of", "2024-11-19").stdout


def test_show_lists_every_documents_mentions_grouped_by_document(story: Path, cli) -> None:
    result = cli("show", "Karen Bass", "--seeds", story)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index(MAYOR) < out.index(ARTICLE)  # documents in order of publication
    assert "Mayor Karen Bass said she would sign" in out and "Mayor Karen Bass\u2019 signature" in out
    assert "adds aliases: L.A. Mayor Karen Bass" in out


def test_stats_counts_per_document(story: Path, cli) -> None:
    out = cli("stats", "--seeds", story).stdout
    row = next(line for line in out.splitlines() if VOTE in line)
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    assert cells == [VOTE, "2024-11-19", "2", "2", "2", "2"]  # entities, mentions, evidence records, relations
    seed = next(line for line in out.splitlines() if ARTICLE in line)
    assert [c.strip() for c in seed.strip("│ ").split("│")][2:] == ["13", "13", "13", "13"]


@pytest.mark.parametrize("command", ["build", "export", "viz"])
def test_as_of_on_the_output_commands(story: Path, tmp_path: Path, cli, command: str) -> None:
    out = tmp_path / "out"
    target = {"build": ["--out", out], "export": ["--out", out / "g.json", "-f", "json"]}.get(
        command, ["--out", out / "g.html"]
    )
    result = cli(command, "--seeds", story, "--as-of", "2024-11-19", *target)
    assert result.exit_code == 0, result.output
    assert "2 of 3 documents are left out" in result.stderr
    written = (out / "graph.json") if command == "build" else target[1]
    text = Path(written).read_text(encoding="utf-8")
    assert VOTE_ID in text and "lapd-cooperates-with-ice" not in text


def test_as_of_on_query_and_a_bad_date_is_refused(story: Path, cli) -> None:
    rows = json.loads(cli("query", "timeline", "--seeds", story, "--as-of", "2024-11-19", "-f", "json").stdout)["rows"]
    assert [r[-1] for r in rows] == [VOTE_ID]
    before = cli("query", "timeline", "--seeds", story, "--as-of", "2024-11-18", "-f", "json").stdout
    assert json.loads(before)["rows"] == []
    bad = cli("build", "--seeds", story, "--as-of", "2024-13-01")
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_each_report_of_a_stance_is_a_discourse_statement_of_its_own(story: Path) -> None:
    from graph.network.statements import statements

    corpus = load_corpus(story)
    found = [s for s in statements(build_graph(corpus), corpus.schema.stances) if s.actor == "bob-blumenfield"]
    hardening = [s for s in found if s.relation == "blumenfield-supports-ordinance-hardening"]
    assert [s.document for s in hardening] == [VOTE, ARTICLE]
    assert " ".join(hardening[0].quote.split()) == 'the city would not be "a tool of mass deportation."'


def test_an_extension_cannot_rewrite_the_description_or_mix_id_and_relation(story: Path) -> None:
    vote = story / "annotations" / "vote.yaml"
    text = vote.read_text()
    aliases = "    aliases: [L.A. City Council]\n"
    text = text.replace(aliases, f"{aliases}    description: new\n")
    text = text.replace("  - relation: council-approves", "  - id: other-vote\n    relation: council-approves")
    vote.write_text(text)
    problems = sorted(_problems(story), key=lambda p: p.line)
    assert "its description belongs there" in problems[0].message
    assert "both `id: other-vote` and `relation: council-approves-ordinance`" in problems[1].message


def test_an_alias_given_again_is_kept_once(story: Path) -> None:
    vote = story / "annotations" / "vote.yaml"
    vote.write_text(vote.read_text().replace("[L.A. City Council]", "[L.A. City Council, City Council]"))
    aliases = load_corpus(story).entities["la-city-council"].aliases
    assert aliases == ("City Council", "LA City Council", "L.A. City Council")


def test_as_of_on_the_neo4j_engine_is_refused_not_ignored(story: Path, cli) -> None:
    result = cli("query", "timeline", "--seeds", story, "--engine", "neo4j", "--as-of", "2024-11-19")
    assert result.exit_code == 2 and "--as-of" in result.stderr


def test_the_neo4j_admin_csv_types_every_reports_fields(story: Path, tmp_path: Path) -> None:
    import csv

    from graph.readwrite import neo4j_csv

    corpus = load_corpus(story)
    text = story / "documents" / f"{VOTE}.txt"
    text.write_text(text.read_text().replace("Councilman Blumenfield, who", "Councilman Blumenfield; who"))
    vote = story / "annotations" / "vote.yaml"
    vote.write_text(vote.read_text().replace("Councilman Blumenfield, who", "Councilman Blumenfield; who"))
    corpus = load_corpus(story)  # a quote holding the array delimiter
    _, rels = neo4j_csv.write(build_graph(corpus), tmp_path / "csv", corpus.schema)
    rows = list(csv.reader(rels.open(encoding="utf-8")))
    header = rows[0]
    assert "evidence_starts:long[]" in header and "evidence_confidences:double[]" in header
    assert "evidence_documents:string[]" in header and "evidence_quotes" in header
    row = next(dict(zip(header, r, strict=True)) for r in rows if "council-approves-ordinance" in r)
    assert row["evidence_confidences:double[]"] == "1.0;0.8;1.0"
    assert len(json.loads(row["evidence_quotes"])) == 3
    nodes = list(csv.reader((tmp_path / "csv" / "nodes.csv").open(encoding="utf-8")))
    council = next(dict(zip(nodes[0], r, strict=True)) for r in nodes if r[0] == "bob-blumenfield")
    assert any(";" in q for q in json.loads(council["mention_quotes"]))


@pytest.mark.parametrize("day", ["2024-13-01", "Tuesday", "2024-11-19T10:00", ""])
def test_as_of_takes_only_a_real_date(story: Path, day: str) -> None:
    with pytest.raises(ValueError):
        load_corpus(story).as_of(day)


def test_the_page_shows_every_report_of_a_relation(story: Path) -> None:
    from graph.page import document_texts
    from graph.page.data import page_data

    corpus = load_corpus(story)
    data = page_data(build_graph(corpus), corpus.schema, document_texts(corpus))
    vote = next(e for e in data["edges"].values() if e["key"] == VOTE_ID)
    docs = [d["id"] for d in data["documents"]]
    assert [docs[r["document"]] for r in vote["evidence"]] == [VOTE, MAYOR, ARTICLE]
    assert vote["evidence"][1]["confidence"] == 0.8 and vote["evidence"][1]["attribution"] == "statement"
    assert vote["f"]["o"] == sorted(docs.index(d) for d in (VOTE, MAYOR, ARTICLE))
