"""The checked corpus: documents, entities, relations and their evidence, as `load_corpus` gives them.

Layout (all paths relative to the seeds folder):

    schema.yaml              entity, relation and qualifier types
    documents/ID.yaml        a document's metadata; `text:` names its text file
    documents/ID.txt         the document, stored byte for byte (UTF-8)
    annotations/**/*.yaml    entities and relations, each file about one `document:`

For bulk corpora, `documents/*.jsonl` holds one document per line (metadata and `content`)
and `annotations/**/*.jsonl` one annotation (an annotation file's mapping) per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from graph.corpus.quotes import FoldedText
from graph.files import shapes as m
from graph.files.yamlfile import Located
from graph.schema import Schema

_EMPTY: MappingProxyType = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Evidence:
    """A verbatim quote and where it stands: `document.text[start:end] == quote`."""

    document: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    text: str
    path: Path
    sha256: str
    meta: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class EntitySource:
    """What one annotation file says about an entity: its declaration, or an extension (aliases, a mention,
    properties) from another document's file."""

    document: str
    declares: bool
    aliases: tuple[str, ...] = ()
    properties: MappingProxyType = field(default_factory=lambda: _EMPTY)
    mention: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity of the corpus: what its declaration and every extension say, merged (declaration first)."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    description: str | None
    properties: MappingProxyType
    mention: Evidence | None  # the first of `mentions`
    mentions: tuple[Evidence, ...] = ()
    sources: tuple[EntitySource, ...] = ()

    @property
    def documents(self) -> list[str]:
        """Every document that declares, extends or mentions the entity, sorted."""
        return sorted({s.document for s in self.sources} | {m.document for m in self.mentions})


@dataclass(frozen=True, slots=True)
class Report:
    """One evidence record of a relation: a document's quote, who says it, how sure, and what it states."""

    evidence: Evidence
    attribution: str
    attributed_to: str | None
    confidence: float
    qualifiers: MappingProxyType
    note: str | None = None
    contradicts: str | None = None  # the id of a relation this report disputes

    @property
    def document(self) -> str:
        return self.evidence.document


@dataclass(frozen=True, slots=True)
class Conflict:
    """Reports that disagree: on a qualifier of one relation (`field` is its name, `values` each value with the
    documents giving it), or a report of `relation` that contradicts `other` (`field` is "contradicts")."""

    relation: str
    field: str
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()
    other: str | None = None
    documents: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        if self.field == "contradicts":
            return f"contradicts {self.other} ({', '.join(self.documents)})"
        if self.field == "contradicted":
            return f"contradicted by {self.other} ({', '.join(self.documents)})"
        return f"{self.field}: " + " vs ".join(f"{v} ({', '.join(docs)})" for v, docs in self.values)


@dataclass(frozen=True, slots=True)
class Relation:
    """One real-world relation and every report of it (`reports`, the earliest published first).

    `qualifiers` merges the reports' (each from the first report giving it); where reports disagree, or a report
    contradicts another relation, `conflicts` says so. The scalar evidence fields are the first report's.
    """

    id: str
    type: str
    source: str
    target: str
    reports: tuple[Report, ...]
    qualifiers: MappingProxyType
    conflicts: tuple[Conflict, ...] = ()

    @property
    def evidence(self) -> Evidence:
        return self.reports[0].evidence

    @property
    def attribution(self) -> str:
        return self.reports[0].attribution

    @property
    def attributed_to(self) -> str | None:
        return self.reports[0].attributed_to

    @property
    def confidence(self) -> float:
        return self.reports[0].confidence

    @property
    def note(self) -> str | None:
        return self.reports[0].note

    @property
    def documents(self) -> list[str]:
        return sorted({r.document for r in self.reports})

    @property
    def contradicts(self) -> list[str]:
        return sorted({r.contradicts for r in self.reports if r.contradicts is not None})


@dataclass
class Corpus:
    """Everything a seeds folder says, checked; ids are keys."""

    schema: Schema
    documents: dict[str, Document]
    entities: dict[str, Entity]
    relations: dict[str, Relation]

    def conflicts(self) -> list[Conflict]:
        """Every recorded conflict, by relation id."""
        return [c for r in self.relations.values() for c in r.conflicts]

    def as_of(self, day: str) -> Corpus:
        """The corpus as reported by `day` (YYYY, YYYY-MM or YYYY-MM-DD, inclusive): only documents published by
        then (a document without `published` cannot be shown to be, so it is left out), only their evidence; an
        entity or relation with none left is gone."""
        if len(day) > 10:
            raise ValueError(f"as_of {day!r}: write YYYY-MM-DD (or YYYY, YYYY-MM)")
        m.real_date(day)  # ValueError if it is not a real date
        kept = {d: doc for d, doc in self.documents.items() if published_by(doc, day)}
        rank = document_rank(kept)
        relations: dict[str, Relation] = {}
        for rel in self.relations.values():
            reports = tuple(r for r in rel.reports if r.document in kept)
            if reports:
                relations[rel.id] = merge_relation(rel.id, rel.type, rel.source, rel.target, reports, rank)
        used = {e for r in relations.values() for e in (r.source, r.target, *(p.attributed_to for p in r.reports))}
        entities = {}
        for ent in self.entities.values():
            sources = tuple(s for s in ent.sources if s.document in kept)
            if not sources and ent.id in used:  # declared later, but a kept report names it: its name, no more
                sources = tuple(replace(s, aliases=(), properties=_EMPTY, mention=None) for s in ent.sources[:1])
            if sources:
                entities[ent.id] = merge_entity(ent, sources, rank)
        return Corpus(self.schema, kept, entities, with_conflicts(relations))


def _end_of(day: str) -> str:
    """An ISO date (or its YYYY / YYYY-MM prefix, or a date-time) as text that sorts at the end of its period."""
    day = day[:10]
    return day + "-99-99"[len(day) - 4 :] if len(day) < 10 else day


def published_by(document: Document, day: str) -> bool:
    """Whether `document` was certainly published on or before `day` (a partial date counts as its last day)."""
    published = document.meta.get("published")
    return published is not None and _end_of(str(published)) <= _end_of(day)


def document_rank(documents: dict[str, Document]) -> dict[str, tuple[str, str]]:
    """Documents in the order their reports come: earliest published first, undated last, then by id."""
    return {d: (str(doc.meta.get("published") or "~"), d) for d, doc in documents.items()}


def _report_order(rank: dict[str, tuple[str, str]]):
    """Reports by document (`document_rank`), offset, then everything else they say: an order no file name sets."""

    def key(r: Report) -> tuple:
        e = r.evidence
        said = (r.attribution, r.attributed_to or "", r.confidence, r.note or "", r.contradicts or "")
        return (
            rank.get(e.document, ("~", e.document)),
            e.start,
            e.end,
            e.quote,
            *said,
            repr(sorted(r.qualifiers.items())),
        )

    return key


def merge_relation(
    rid: str, rtype: str, source: str, target: str, reports: tuple[Report, ...] | list[Report], rank: dict
) -> Relation:
    """The relation of these reports, in report order, qualifiers merged (conflicts are added by
    `with_conflicts`)."""
    ordered = tuple(sorted(reports, key=_report_order(rank))) if len(reports) > 1 else tuple(reports)
    if len(ordered) == 1:
        qualifiers = ordered[0].qualifiers
    else:
        merged: dict = {}
        for report in ordered:
            for name, value in report.qualifiers.items():
                merged.setdefault(name, value)
        qualifiers = MappingProxyType(merged) if merged else _EMPTY
    return Relation(rid, rtype, source, target, ordered, qualifiers)


def with_conflicts(relations: dict[str, Relation]) -> dict[str, Relation]:
    """`relations` with each one's conflicts recorded: qualifiers its reports disagree on, contradictions."""
    found: dict[str, list[Conflict]] = {}
    for rel in relations.values():
        reports = rel.reports
        if len(reports) > 1:
            found.setdefault(rel.id, []).extend(_disagreements(rel))
        elif reports[0].contradicts is None:
            continue
        for report in reports:
            other = report.contradicts
            if other is not None and other in relations:
                found.setdefault(rel.id, []).append(Conflict(rel.id, "contradicts", other=other))
                found.setdefault(other, []).append(Conflict(other, "contradicted", other=rel.id))
    if not found:
        return relations
    out = dict(relations)
    for rid, conflicts in found.items():
        if conflicts:
            out[rid] = replace(relations[rid], conflicts=_combined(relations[rid], conflicts, relations))
    return out


def _disagreements(rel: Relation) -> list[Conflict]:
    values: dict[str, dict[str, list[str]]] = {}
    for report in rel.reports:
        for name, value in report.qualifiers.items():
            docs = values.setdefault(name, {}).setdefault(str(value), [])
            if report.document not in docs:
                docs.append(report.document)
    return [
        Conflict(rel.id, name, tuple((v, tuple(d)) for v, d in given.items()))
        for name, given in sorted(values.items())
        if len(given) > 1
    ]


def _combined(rel: Relation, conflicts: list[Conflict], relations: dict[str, Relation]) -> tuple[Conflict, ...]:
    """One conflict per field and other relation, naming the documents of the contradicting reports."""
    out: dict[tuple, Conflict] = {}
    for c in conflicts:
        if c.other is None:
            out[(c.field, "")] = c
            continue
        contradicting = rel if c.field == "contradicts" else relations[c.other]
        target = c.other if c.field == "contradicts" else rel.id
        docs = sorted({r.document for r in contradicting.reports if r.contradicts == target})
        out[(c.field, c.other)] = replace(c, documents=tuple(docs))
    return tuple(out[k] for k in sorted(out))


def merge_entity(entity: Entity, sources: tuple[EntitySource, ...], rank: dict) -> Entity:
    """`entity` as these sources (declaration first, then extensions) make it: aliases, properties, mentions."""
    aliases: dict[str, None] = {}  # each alias once, in the order first given
    properties: dict = {}
    mentions = []
    for source in sources:
        aliases.update(dict.fromkeys(source.aliases))
        for name, value in source.properties.items():
            properties.setdefault(name, value)
        if source.mention is not None and source.mention not in mentions:
            mentions.append(source.mention)
    mentions.sort(key=lambda e: (rank.get(e.document, ("~", e.document)), e.start, e.end))
    return replace(
        entity,
        aliases=tuple(aliases),
        properties=MappingProxyType(properties) if properties else _EMPTY,
        mention=mentions[0] if mentions else None,
        mentions=tuple(mentions),
        sources=sources,
    )


@dataclass
class Annotation:
    """One parsed annotation: a YAML file, or one line of a JSON Lines file."""

    located: Located
    spec: m.AnnotationFile


def folded(document: Document, cache: dict[str, FoldedText]) -> FoldedText:
    """The matching form of a document, computed once per document."""
    if document.id not in cache:
        cache[document.id] = FoldedText(document.text)
    return cache[document.id]
