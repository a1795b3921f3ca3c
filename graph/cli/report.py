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
from graph.corpus import Corpus, Entity, Relation
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
    if entity.mention:
        lines.append(f"mentioned: “{_esc(entity.mention.quote)}” ({_esc(entity.mention.document)})")
    return Panel("\n".join(lines), expand=False)


def relations_table(corpus: Corpus, entity: Entity) -> Table:
    table = Table(show_lines=True, title=f"relations of {_esc(entity.name)}", title_justify="left", expand=True)
    table.add_column("relation", ratio=2, overflow="fold")
    table.add_column("with", ratio=2)
    table.add_column("qualifiers", ratio=2)
    table.add_column("evidence", ratio=5)
    for relation in corpus.relations.values():
        if entity.id in (relation.source, relation.target):
            table.add_row(*_relation_row(corpus, entity, relation))
    return table


def _relation_row(corpus: Corpus, entity: Entity, relation: Relation) -> tuple[str, str, str, str]:
    outgoing = relation.source == entity.id
    other = corpus.entities[relation.target if outgoing else relation.source]
    arrow = f"{relation.type} →" if outgoing else f"← {relation.type}"
    qualifiers = "\n".join(f"{k}: {v}" for k, v in relation.qualifiers.items())
    evidence = (
        f"“{relation.evidence.quote}”\n— {relation.evidence.document} [{relation.evidence.start}:"
        f"{relation.evidence.end}], {_attribution(corpus, relation)}"
    )
    if relation.confidence < 1:
        evidence += f", confidence {relation.confidence:g}"
    return _esc(arrow), _esc(other.name), _esc(qualifiers), _esc(evidence)


def _attribution(corpus: Corpus, relation: Relation) -> str:
    if relation.attributed_to is None:
        return "as reported"
    return f"{relation.attribution} by {corpus.entities[relation.attributed_to].name}"
