"""Readable terminal output for the CLI (rich tables and panels); every string from data is made inert."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.columns import Columns
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from graph._terminal import inert, plain
from graph._terminal import markup as _esc
from graph.corpus import Conflict, Corpus, Entity, Relation, Report
from graph.corpus.model import document_rank
from graph.corpus.resolve import alias_key
from graph.files.problems import Problem, closest

if TYPE_CHECKING:
    import networkx as nx


def problem_text(problem: Problem) -> Text:
    """A validation problem as shown on a terminal: file, line, message and hint, all inert, never markup."""
    where = inert(problem.file, lines=False) + (f":{problem.line}" if problem.line else "")
    text = f"{where}: {inert(problem.message)}"
    return Text(f"{text}\n    hint: {inert(problem.hint)}" if problem.hint else text)


def counts_line(corpus: Corpus) -> str:
    d, e, r = len(corpus.documents), len(corpus.entities), len(corpus.relations)
    return f"{e} actor{'s' * (e != 1)} and {r} relation{'s' * (r != 1)} from {d} document{'s' * (d != 1)}"


def stats_tables(graph: nx.MultiDiGraph) -> Columns:
    nodes = Counter(t for _, t in graph.nodes(data="type"))
    edges = Counter(t for *_, t in graph.edges(data="type"))
    return Columns([_count_table("entity type", nodes), _count_table("relation type", edges)])


def _count_table(title: str, counts: Counter) -> Table:
    table = Table(title_justify="left")
    table.add_column(title)
    table.add_column("count", justify="right")
    for name, count in sorted(counts.items()):
        table.add_row(plain(name, lines=False), str(count))
    return table


def find_entity(corpus: Corpus, name: str) -> Entity | None:
    key = alias_key(name)
    for entity in corpus.entities.values():
        if key in {alias_key(n) for n in (entity.id, entity.name, *entity.aliases)}:
            return entity
    return None


def suggest(corpus: Corpus, name: str) -> str:
    names = {n for e in corpus.entities.values() for n in (e.id, e.name, *e.aliases)}
    return closest(name, names)


def entity_panel(corpus: Corpus, entity: Entity) -> Panel:
    lines = [f"[bold]{_esc(entity.name)}[/]  ({_esc(entity.type)}, id {_esc(entity.id)})"]
    if entity.aliases:
        lines.append("aliases: " + _esc(", ".join(entity.aliases)))
    lines += [f"{_esc(k)}: {_esc(str(v))}" for k, v in entity.properties.items()]
    for document in _in_document_order(corpus, entity.documents):
        said = [s for s in entity.sources if s.document == document]
        what = "declared" if any(s.declares for s in said) else "extended" if said else "mentioned"
        lines.append(f"[bold]{_esc(document)}[/] ({what})")
        added = [a for s in said if not s.declares for a in s.aliases]
        if added:
            lines.append("  adds aliases: " + _esc(", ".join(added)))
        for mention in entity.mentions:
            if mention.document == document:
                lines.append(f"  mentioned: “{_esc(mention.quote)}” [{mention.start}:{mention.end}]")
    return Panel("\n".join(lines), expand=False)


def relations_tables(corpus: Corpus, entity: Entity) -> list[Table]:
    """The entity's relations, one table per document (earliest published first), a row per evidence record."""
    rows: dict[str, list[tuple[str, ...]]] = {}
    for relation in corpus.relations.values():
        if entity.id in (relation.source, relation.target):
            for report in relation.reports:
                rows.setdefault(report.document, []).append(_relation_row(corpus, entity, relation, report))
    tables = []
    for document in _in_document_order(corpus, rows):
        published = corpus.documents[document].meta.get("published") if document in corpus.documents else None
        when = f", published {published}" if published else ""
        title = f"relations of {_esc(entity.name)} in {_esc(document)}{_esc(when)}"
        table = Table(show_lines=True, title=title, title_justify="left", expand=True)
        table.add_column("relation", ratio=2, overflow="fold")
        table.add_column("with", ratio=2)
        table.add_column("qualifiers", ratio=2)
        table.add_column("evidence", ratio=5)
        for row in rows[document]:
            table.add_row(*row)
        tables.append(table)
    return tables


def _in_document_order(corpus: Corpus, documents) -> list[str]:
    rank = document_rank(corpus.documents)
    return sorted(documents, key=lambda d: rank.get(d, ("~", d)))


def _relation_row(corpus: Corpus, entity: Entity, relation: Relation, report: Report) -> tuple[str, str, str, str]:
    outgoing = relation.source == entity.id
    other = corpus.entities[relation.target if outgoing else relation.source]
    arrow = f"{relation.type} →" if outgoing else f"← {relation.type}"
    arrow += f"\n{relation.id}"
    if len(relation.reports) > 1:
        arrow += f"\n({len(relation.reports)} reports, {len(relation.documents)} documents)"
    qualifiers = "\n".join(f"{k}: {v}" for k, v in report.qualifiers.items())
    evidence = (
        f"“{report.evidence.quote}”\n— [{report.evidence.start}:{report.evidence.end}], {_attribution(corpus, report)}"
    )
    if report.confidence < 1:
        evidence += f", confidence {report.confidence:g}"
    if report.contradicts:
        evidence += f"\ncontradicts {report.contradicts}"
    if relation.conflicts:
        evidence += "\nconflict: " + "; ".join(c.description for c in relation.conflicts)
    return _esc(arrow), _esc(other.name), _esc(qualifiers), _esc(evidence)


def _attribution(corpus: Corpus, report: Report) -> str:
    if report.attributed_to is None:
        return "as reported"
    return f"{report.attribution} by {corpus.entities[report.attributed_to].name}"


def documents_table(corpus: Corpus) -> Table:
    """Per document: its date, the entities it declares, extends or mentions, and its evidence records."""
    table = Table(title_justify="left")
    for column in ("document", "published", "entities", "mentions", "evidence", "relations"):
        table.add_column(column, justify="left" if column in ("document", "published") else "right")
    entities: Counter = Counter(d for e in corpus.entities.values() for d in e.documents)
    mentions: Counter = Counter(m.document for e in corpus.entities.values() for m in e.mentions)
    evidence: Counter = Counter(r.document for rel in corpus.relations.values() for r in rel.reports)
    relations: Counter = Counter(d for rel in corpus.relations.values() for d in rel.documents)
    for doc in _in_document_order(corpus, corpus.documents):
        published = str(corpus.documents[doc].meta.get("published") or "")
        counts = (entities[doc], mentions[doc], evidence[doc], relations[doc])
        table.add_row(plain(doc, lines=False), plain(published, lines=False), *map(str, counts))
    return table


def conflicts_table(conflicts: list[Conflict]) -> Table:
    """One row per conflict: the relation, what disagrees, and the values with the documents giving them."""
    table = Table(show_lines=True, title="conflicts", title_justify="left", expand=True)
    table.add_column("relation", ratio=2, overflow="fold")
    table.add_column("field", ratio=1)
    table.add_column("what the reports say", ratio=5)
    for conflict in conflicts:
        table.add_row(_esc(conflict.relation), _esc(conflict.field), _esc(conflict.description))
    return table
