"""Meaning checks across files: references, endpoint types, qualifiers, quotes, ids."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from graph.corpus.dates import UnresolvedDate, earliest, latest
from graph.corpus.model import Corpus, Document, Entity, Evidence, Relation, folded
from graph.corpus.quotes import FoldedText, context, exact_offset, fold
from graph.corpus.values import BadValue, check_date, check_value, describe
from graph.files import shapes as m
from graph.files.problems import Problem, closest
from graph.schema import text_field

if TYPE_CHECKING:
    from graph.corpus.model import Annotation
    from graph.files.yamlfile import Located
    from graph.schema import Schema

_AMBIGUOUS = "\0ambiguous"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_NO_QUALIFIERS: MappingProxyType = MappingProxyType({})
_SHOWN = 10  # occurrences listed for a quote that occurs more than once


def alias_key(name: str) -> str:
    """The form under which names and aliases are compared: NFKC, casefolded, invisible characters removed.

    So names that differ only by normalization (NFC/NFD, compatibility forms), case or zero-width
    characters are one name: a reference by either finds the entity, and two entities so named are a problem.
    """
    return fold(unicodedata.normalize("NFKC", name.translate(_INVISIBLE))).casefold()


def nfc(name: str) -> str:
    """A name or alias as stored: NFC, so the same name typed two ways is stored one way."""
    return unicodedata.normalize("NFC", name)


class _Resolver:
    def __init__(self, schema: Schema, documents: dict[str, Document], problems: list[Problem]) -> None:
        self.schema = schema
        self.documents = documents
        self.problems = problems
        self.entities: dict[str, Entity] = {}
        self.defined_at: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        self.relations: dict[str, Relation] = {}
        self.rtypes = schema.relation_types
        self.texts: dict[str, FoldedText] = {}
        self.fast_rules = {name: _FastRule.of(spec) for name, spec in schema.relation_types.items()}

    def bad(self, located: Located, path: tuple, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(located.file, located.line(path), message, hint))

    # --- entities ---------------------------------------------------------------

    def add_entity(self, located: Located, path: tuple, spec: m.EntityIn, document: Document | None) -> None:
        etype = self.schema.entity_types.get(spec.type)
        if etype is None and spec.type in self.schema.all_entity_types:
            below = ", ".join(self.schema.concrete([spec.type])) or "none"
            self.bad(located, (*path, "type"), f"entity type {spec.type!r} is abstract", f"use one of: {below}")
        elif etype is None:
            self.bad(
                located,
                (*path, "type"),
                f"unknown entity type {spec.type!r}",
                closest(spec.type, self.schema.entity_types),
            )
        if spec.id in self.entities or spec.id in self.defined_at:
            self.bad(
                located,
                (*path, "id"),
                f"duplicate entity id {spec.id!r}",
                f"first defined at {self.defined_at[spec.id]}; refer to it instead of defining it again",
            )
            return
        self.defined_at[spec.id] = f"{located.file}:{located.line((*path, 'id'))}"
        properties = self._properties(located, path, spec, etype)
        mention = None
        if spec.mention is not None and document is not None:
            mention = self.evidence(located, (*path, "mention"), document, spec.mention, None)
        self.entities[spec.id] = Entity(
            spec.id,
            spec.type,
            nfc(spec.name),
            tuple(map(nfc, spec.aliases)),
            spec.description,
            MappingProxyType(properties),
            mention,
        )

    def _properties(self, located: Located, path: tuple, spec: m.EntityIn, etype: m.EntityTypeSpec | None) -> dict:
        out = {}
        for name, value in spec.properties.items():
            where = (*path, "properties", name)
            declared = etype.properties.get(name) if etype else None
            if etype is not None and declared is None:
                self.bad(
                    located,
                    where,
                    f"property {name!r} is not declared for {spec.type}",
                    f"declare it in the schema or {closest(name, etype.properties)}",
                )
            elif declared is not None:
                try:
                    out[name] = check_value(value, declared)
                except BadValue as err:
                    self.bad(located, where, f"property {name!r}: {err}", describe(name, declared))
        return out

    def index_aliases(self, located: Located, path: tuple, spec: m.EntityIn) -> None:
        for i, name in enumerate([spec.id, spec.name, *spec.aliases]):
            key = alias_key(name)
            owner = self.aliases.get(key)
            if owner is None:
                self.aliases[key] = spec.id
            elif owner not in (spec.id, _AMBIGUOUS):
                self.aliases[key] = _AMBIGUOUS
                where = (*path, "aliases", i - 2) if i >= 2 else (*path, "name" if i else "id")
                self.bad(
                    located,
                    where,
                    f"{name!r} names both {owner!r} and {spec.id!r}",
                    "names equal up to case, Unicode normalization or invisible characters are one name; "
                    "remove it from one of them, or use the entity id in relations",
                )

    def lookup(self, located: Located, path: tuple, ref: str) -> Entity | None:
        """The entity `ref` names (id, name or alias); `path` locates `ref` for problems."""
        if ref in self.entities:
            return self.entities[ref]
        found = self.aliases.get(alias_key(ref))
        if found == _AMBIGUOUS:
            self.bad(located, path, f"{ref!r} is ambiguous: it names more than one entity", "use the entity id")
            return None
        if found is None or found not in self.entities:
            self.bad(located, path, f"unknown entity {ref!r}", closest(ref, self.aliases_shown()))
            return None
        return self.entities[found]

    def aliases_shown(self) -> list[str]:
        return sorted(self.entities) + sorted({a for e in self.entities.values() for a in (e.name, *e.aliases)})

    # --- evidence ---------------------------------------------------------------

    def evidence(
        self, located: Located, path: tuple, document: Document, quote: str, start: int | None
    ) -> Evidence | None:
        text = folded(document, self.texts)
        found = text.occurrences(quote, _SHOWN + 1) if start is None else [text.find(quote, start)]
        if not found or found[0] is None:
            where = f"at offset {start}" if start is not None else "anywhere"
            self.bad(
                located,
                path,
                f"quote not found {where} in document {document.id!r}: {_preview(quote)}",
                _not_found_hint(text, quote, start),
            )
            return None
        if len(found) > 1:
            self._repeated(located, path, document, quote, found)
            return None
        span = found[0]
        return Evidence(document.id, document.text[span.start : span.end], span.start, span.end)

    def _repeated(self, located: Located, path: tuple, document: Document, quote: str, found: list) -> None:
        """A quote that occurs more than once: a problem listing where (the first `_SHOWN` places)."""
        listed = "; ".join(f"at {s.start}: {context(document.text, s)}" for s in found[:_SHOWN])
        more = " and more" if len(found) > _SHOWN else ""
        self.bad(
            located,
            path,
            f"quote occurs more than once in document {document.id!r}: {_preview(quote)} — {listed}{more}",
            "pin the one meant with `start: OFFSET` (an offset above) or lengthen the quote until it is unique",
        )

    # --- relations --------------------------------------------------------------

    def add_relation(
        self, located: Located, path: tuple, spec: m.RelationIn, document: Document | None, rid: str
    ) -> None:
        relation = self._fast_relation(spec, document, rid)
        if relation is not None:
            self.relations[rid] = relation
            return
        rtype = self.rtypes.get(spec.type)
        if rtype is None:
            self.bad(
                located,
                (*path, "type"),
                f"unknown relation type {spec.type!r}",
                closest(spec.type, self.schema.relation_types),
            )
        source = self._endpoint(located, path, "source", spec, rtype)
        target = self._endpoint(located, path, "target", spec, rtype)
        qualifiers = self._qualifiers(located, path, spec, rtype, document) if rtype is not None else {}
        attribution, by = self._attribution(located, path, spec)
        evidence = self.evidence(located, (*path, "quote"), document, spec.quote, spec.start) if document else None
        if rid in self.relations:
            self.bad(located, (*path, "id"), f"duplicate relation id {rid!r}", "give each relation its own id")
            return
        if None in (rtype, source, target, evidence) or by is False:
            return
        self.relations[rid] = Relation(
            rid,
            spec.type,
            source.id,
            target.id,
            evidence,
            MappingProxyType(qualifiers) if qualifiers else _NO_QUALIFIERS,
            attribution,
            by,
            spec.confidence,
            spec.note,
        )

    def _fast_relation(self, spec: m.RelationIn, document: Document | None, rid: str) -> Relation | None:
        """The relation, if it passes every check the plain way (ids, exact quote); else None.

        The common case of a bulk load, done with few calls; anything else (names or aliases as
        references, a quote that differs in quote marks or spacing, any problem) returns None and
        takes the full path, which finds the same relation or reports the problems.
        """
        rule = self.fast_rules.get(spec.type)
        entities = self.entities
        source, target = entities.get(spec.source), entities.get(spec.target)
        if (
            rule is None
            or document is None
            or source is None
            or target is None
            or source.type not in rule.source
            or target.type not in rule.target
            or rid in self.relations
        ):
            return None
        attribution, by = "report", None
        if spec.attribution is not None:
            attribution, by = spec.attribution.kind, spec.attribution.by
            if by is not None:
                speaker = entities.get(by)
                if speaker is None:
                    return None
                by = speaker.id
            elif attribution != "report":
                return None
            else:
                attribution = "report"
        qualifiers = self._fast_qualifiers(spec.qualifiers, rule) if spec.qualifiers or rule.required else {}
        if qualifiers is None:
            return None
        quote = spec.quote.strip()
        if spec.start is None:  # the one place it occurs, if it occurs once, and letter for letter there
            at = folded(document, self.texts).only(quote)
            if at < 0 or not document.text.startswith(quote, at):
                return None
        else:
            at = exact_offset(document.text, quote, spec.start)
            if at < 0:
                return None
        return Relation(
            rid,
            spec.type,
            source.id,
            target.id,
            Evidence(document.id, quote, at, at + len(quote)),
            MappingProxyType(qualifiers) if qualifiers else _NO_QUALIFIERS,
            attribution,
            by,
            spec.confidence,
            spec.note,
        )

    def _fast_qualifiers(self, given: dict, rule: _FastRule) -> dict | None:
        """The checked qualifiers, or None if any is not allowed, missing or malformed."""
        if not rule.required <= given.keys():
            return None
        declared = self.schema.qualifiers
        out = {}
        for name, value in given.items():
            if name not in rule.allowed:
                return None
            try:
                out[name] = check_value(value, declared[name])
            except BadValue:
                return None
        return None if any(self._out_of_order(out)) else out

    def _endpoint(
        self, located: Located, path: tuple, side: str, spec: m.RelationIn, rtype: m.RelationTypeSpec | None
    ) -> Entity | None:
        """The relation's `side` ("source" or "target"), checked against the types `rtype` allows there."""
        ref = getattr(spec, side)
        entity = self.lookup(located, (*path, side), ref)
        allowed = getattr(rtype, side) if rtype is not None else None
        if entity is not None and allowed is not None and entity.type not in allowed:
            self.bad(
                located,
                (*path, side),
                f"{spec.type} cannot have a {entity.type} ({entity.id}) as its {side}",
                f"allowed {side} types: {', '.join(allowed)}; fix the {side} or extend the schema",
            )
        return entity

    def _qualifiers(
        self, located: Located, path: tuple, spec: m.RelationIn, rtype: m.RelationTypeSpec, document: Document | None
    ) -> dict:
        if not spec.qualifiers and not rtype.required:
            return {}
        allowed = [*rtype.required, *rtype.optional]  # not the `<date>_text` fields: those are the words of a date
        out = {}
        for name, value in spec.qualifiers.items():
            where = (*path, "qualifiers", name)
            declared = self.schema.qualifiers.get(name)
            if name in allowed and declared is not None and declared.type == "date":
                self._date(located, where, name, value, declared, document, out)
                continue
            if name not in allowed:
                self.bad(
                    located,
                    where,
                    f"qualifier {name!r} is not allowed on {spec.type}",
                    f"allowed: {', '.join(allowed) or 'none'}; or add it to the schema",
                )
                continue
            try:
                out[name] = check_value(value, self.schema.qualifiers[name])
            except BadValue as err:
                self.bad(located, where, f"qualifier {name!r}: {err}", describe(name, self.schema.qualifiers[name]))
        for name in rtype.required:
            if name not in spec.qualifiers:
                self.bad(
                    located,
                    path,
                    f"{spec.type} requires the qualifier {name!r}",
                    f"add `qualifiers: {{{name}: ...}}` as the text states it",
                )
        self._order(located, path, out)
        return out

    def _date(
        self, located: Located, where: tuple, name: str, value, declared: m.ValueSpec, document, out: dict
    ) -> None:
        """A date qualifier: ISO as given, or words resolved against the document's `published` (words kept)."""
        published = document.meta.get("published") if document is not None else None
        try:
            out[name], words = check_date(value, declared, published)
        except BadValue as err:
            self.bad(located, where, f"qualifier {name!r}: {err}", describe(name, declared))
        except UnresolvedDate as err:
            self.bad(located, where, f"qualifier {name!r}: {err}", err.hint)
        else:
            if words is not None:
                out[text_field(name)] = words

    def _order(self, located: Located, path: tuple, out: dict) -> None:
        """A date qualifier with `not_before: other` may not end before `other` begins (2024 is not before 2024-05)."""
        for name, other in self._out_of_order(out):
            self.bad(
                located,
                (*path, "qualifiers", name),
                f"qualifier {name!r} ({out[name]}) is before {other!r} ({out[other]})",
                f"check both dates against the text; {name} may not precede {other}",
            )

    def _out_of_order(self, out: dict) -> list[tuple[str, str]]:
        """Each (qualifier, the one it may not precede) in `out` where it does (2024 is not before 2024-05)."""
        return [
            (name, spec.not_before)
            for name, spec in self.schema.ordered.items()
            if name in out and spec.not_before in out and latest(out[name]) < earliest(out[spec.not_before])
        ]

    def _attribution(self, located: Located, path: tuple, spec: m.RelationIn) -> tuple[str, str | bool | None]:
        if spec.attribution is None:
            return "report", None
        if spec.attribution.by is None:
            if spec.attribution.kind != "report":
                self.bad(
                    located,
                    (*path, "attribution"),
                    f"a {spec.attribution.kind} needs `by:`",
                    "name the entity whose words these are",
                )
                return spec.attribution.kind, False
            return "report", None
        speaker = self.lookup(located, (*path, "attribution", "by"), spec.attribution.by)
        return spec.attribution.kind, speaker.id if speaker else False


@dataclass(frozen=True, slots=True)
class _FastRule:
    """A relation type's checks as sets, for the fast path."""

    source: frozenset[str]
    target: frozenset[str]
    required: frozenset[str]
    allowed: frozenset[str]

    @classmethod
    def of(cls, spec: m.RelationTypeSpec) -> _FastRule:
        allowed = frozenset(spec.required) | frozenset(spec.optional)
        return cls(frozenset(spec.source), frozenset(spec.target), frozenset(spec.required), allowed)


def resolve(
    schema: Schema, documents: dict[str, Document], annotations: list[Annotation], problems: list[Problem]
) -> Corpus:
    """Check every annotation against the schema, documents and each other."""
    resolver = _Resolver(schema, documents, problems)
    docs = [_document_of(resolver, a) for a in annotations]
    for annotation, document in zip(annotations, docs, strict=True):
        for i, spec in enumerate(annotation.spec.entities):
            resolver.add_entity(annotation.located, ("entities", i), spec, document)
    for annotation in annotations:
        for i, spec in enumerate(annotation.spec.entities):
            resolver.index_aliases(annotation.located, ("entities", i), spec)
    for annotation, document in zip(annotations, docs, strict=True):
        ids = _relation_ids(annotation.spec, resolver.aliases)
        for i, spec in enumerate(annotation.spec.relations):
            resolver.add_relation(annotation.located, ("relations", i), spec, document, ids[i])
    return Corpus(
        schema,
        dict(sorted(documents.items())),
        dict(sorted(resolver.entities.items())),
        dict(sorted(resolver.relations.items())),
    )


def _document_of(resolver: _Resolver, annotation: Annotation) -> Document | None:
    doc_id = annotation.spec.document
    document = resolver.documents.get(doc_id)
    if document is None:
        resolver.bad(
            annotation.located,
            ("document",),
            f"unknown document {doc_id!r}",
            closest(doc_id, resolver.documents) + " (documents are documents/*.yaml)",
        )
    return document


def _relation_ids(spec: m.AnnotationFile, aliases: dict[str, str]) -> list[str]:
    """Explicit ids, else `document:source:type:target`, numbered from the second repeat."""
    seen: dict[str, int] = defaultdict(int)
    ids = []
    for rel in spec.relations:
        if rel.id is not None:
            ids.append(rel.id)
            continue
        source, target = (aliases.get(alias_key(ref), alias_key(ref)) for ref in (rel.source, rel.target))
        base = f"{spec.document}:{source}:{rel.type}:{target}".replace(" ", "-")
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}:{seen[base]}")
    return ids


def _not_found_hint(text: FoldedText, quote: str, start: int | None) -> str:
    """Where the quote is if `start:` is wrong, else the nearest passage and what differs."""
    anywhere = text.find(quote) if start is not None else None
    if anywhere is not None:
        return f"it occurs at offset {anywhere.start}; fix or remove `start:`"
    near = text.nearest(quote)
    again = "copy the passage from the text again; only quote-mark style and whitespace may differ"
    return f"{near.describe()}; {again}" if near else f"no passage of the document is close; {again}"


def _preview(quote: str, width: int = 70) -> str:
    flat = " ".join(quote.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")
