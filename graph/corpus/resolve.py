"""Meaning checks across files: references, endpoint types, qualifiers, quotes, ids; an entity merged from its
declaration and every file's extension of it, reports grouped into relations (by id, `relation:` or the type's key
rule, see `_Resolver.group`), conflicts recorded."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from graph.corpus.dates import UnresolvedDate, earliest, latest
from graph.corpus.model import (
    Corpus,
    Document,
    Entity,
    EntitySource,
    Evidence,
    Relation,
    Report,
    document_rank,
    folded,
    merge_entity,
    merge_relation,
    with_conflicts,
)
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
        self.property_at: dict[tuple[str, str], tuple] = {}
        self.aliases: dict[str, str] = {}
        self.claims: dict[str, list[tuple]] = {}  # name key -> (entity id, name, "name"/"alias", located, path)
        self.broken: dict[str, list[str]] = {}  # name key -> places of references it leaves ambiguous
        self.rtypes = schema.relation_types
        self.texts: dict[str, FoldedText] = {}
        self.fast_rules = {name: _FastRule.of(spec) for name, spec in schema.relation_types.items()}

    def bad(self, located: Located, path: tuple, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(located.file, located.line(path), message, hint))

    # --- entities ---------------------------------------------------------------

    def place(self, located: Located, path: tuple) -> str:
        line = located.line(path)
        return f"{located.file}:{line}" if line else located.file

    def declare(self, places: list[tuple[Located, tuple, m.EntityIn, Document | None]]) -> None:
        """An entity from its declaration; declared more than once, a problem at each place naming all."""
        places = sorted(places, key=lambda p: self.place(p[0], (*p[1], "id")))
        if len(places) > 1:
            where = [self.place(loc, (*path, "id")) for loc, path, _, _ in places]
            for (loc, path, spec, _), here in zip(places, where, strict=True):
                others = ", ".join(w for w in where if w != here)
                self.bad(
                    loc,
                    (*path, "id"),
                    f"duplicate entity id {spec.id!r}: declared here and at {others}",
                    "declare it once; in other files write only `- id: "
                    f"{spec.id}` with the aliases, mention or properties they add",
                )
        located, path, spec, document = places[0]
        if spec.type is None or spec.name is None:
            missing = "type" if spec.type is None else "name"
            self.bad(
                located,
                (*path, missing),
                f"entity {spec.id!r} has a {'name' if spec.type is None else 'type'} but no `{missing}:`",
                "declare it with both `type:` and `name:`, or extend an entity declared elsewhere with `id:` alone",
            )
            return
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
        self.defined_at[spec.id] = self.place(located, (*path, "id"))
        source = self._source(located, path, spec, etype, document, declares=True)
        self.entities[spec.id] = Entity(
            spec.id, spec.type, nfc(spec.name), (), spec.description, _NO_QUALIFIERS, None, (), (source,)
        )

    def extend(self, located: Located, path: tuple, spec: m.EntityIn, document: Document | None) -> None:
        """Another file's additions to an entity declared elsewhere: aliases, a mention, properties."""
        entity = self.entities.get(spec.id)
        if entity is None:
            if spec.id not in self.defined_at:
                self.bad(
                    located,
                    (*path, "id"),
                    f"entity {spec.id!r} is extended here but declared nowhere",
                    f"add `type:` and `name:` to declare it, or {closest(spec.id, self.entities)}",
                )
            return
        if spec.description is not None:
            self.bad(
                located,
                (*path, "description"),
                f"{spec.id!r} is declared at {self.defined_at[spec.id]}; its description belongs there",
                "remove `description:` here (an extension adds aliases, a mention and properties)",
            )
        etype = self.schema.entity_types.get(entity.type)
        source = self._source(located, path, spec, etype, document, declares=False)
        if source.document is not None:
            for name, value in source.properties.items():
                given = self.property_at.get((spec.id, name))
                if given is not None and given[0] != value:
                    self.bad(
                        located,
                        (*path, "properties", name),
                        f"property {name!r} of {spec.id!r} is {value!r} here but {given[0]!r} at {given[1]}",
                        "an entity's property has one value in the corpus; remove one of them",
                    )
        self.entities[spec.id] = replace(entity, sources=(*entity.sources, source))

    def _source(
        self,
        located: Located,
        path: tuple,
        spec: m.EntityIn,
        etype: m.EntityTypeSpec | None,
        document: Document | None,
        declares: bool,
    ) -> EntitySource:
        properties = self._properties(located, path, spec, etype)
        for name, value in properties.items():
            self.property_at.setdefault((spec.id, name), (value, self.place(located, (*path, "properties", name))))
        mention = None
        if spec.mention is not None and document is not None:
            mention = self.evidence(located, (*path, "mention"), document, spec.mention, None)
        return EntitySource(
            document.id if document is not None else "",
            declares,
            tuple(map(nfc, spec.aliases)),
            MappingProxyType(properties) if properties else _NO_QUALIFIERS,
            mention,
        )

    def _properties(self, located: Located, path: tuple, spec: m.EntityIn, etype: m.EntityTypeSpec | None) -> dict:
        out = {}
        type_name = spec.type or (self.entities[spec.id].type if spec.id in self.entities else "")
        for name, value in spec.properties.items():
            where = (*path, "properties", name)
            declared = etype.properties.get(name) if etype else None
            if etype is not None and declared is None:
                self.bad(
                    located,
                    where,
                    f"property {name!r} is not declared for {type_name}",
                    f"declare it in the schema or {closest(name, etype.properties)}",
                )
            elif declared is not None:
                try:
                    out[name] = check_value(value, declared)
                except BadValue as err:
                    self.bad(located, where, f"property {name!r}: {err}", describe(name, declared))
        return out

    def index_aliases(self, located: Located, path: tuple, spec: m.EntityIn) -> None:
        """Index the names this entry gives (a declaration: id, name, aliases; an extension: its aliases)."""
        if spec.id not in self.entities:
            return
        names = [spec.id, spec.name, *spec.aliases] if spec.name is not None else [None, None, *spec.aliases]
        for i, name in enumerate(names):
            if name is None:
                continue
            key = alias_key(name)
            where = (*path, "aliases", i - 2) if i >= 2 else (*path, "name" if i else "id")
            claims = self.claims.setdefault(key, [])
            claims.append((spec.id, name, "alias" if i >= 2 else "name", located, where))
            owner = self.aliases.get(key)
            if owner is None:
                self.aliases[key] = spec.id
            elif owner not in (spec.id, _AMBIGUOUS):
                self.aliases[key] = _AMBIGUOUS

    def lookup(self, located: Located, path: tuple, ref: str) -> Entity | None:
        """The entity `ref` names (id, name or alias); `path` locates `ref` for problems.

        A reference by id always finds its entity; a name two entities share is reported once, at the names
        that cause it (`report_ambiguous`), with every reference it breaks.
        """
        if ref in self.entities:
            return self.entities[ref]
        key = alias_key(ref)
        found = self.aliases.get(key)
        if found == _AMBIGUOUS:
            self.broken.setdefault(key, []).append(self.place(located, path))
            return None
        if found is None or found not in self.entities:
            self.bad(located, path, f"unknown entity {ref!r}", closest(ref, self.aliases_shown()))
            return None
        return self.entities[found]

    def report_ambiguous(self) -> None:
        """Each name that names two entities: a problem at each alias that makes it so (at each name, if no
        alias does), listing the references it breaks."""
        for key, claims in self.claims.items():
            if self.aliases.get(key) != _AMBIGUOUS:
                continue
            owners = sorted({c[0] for c in claims})
            causes = [c for c in claims if c[2] == "alias"] or claims
            broken = sorted(set(self.broken.get(key, [])))
            effect = (
                f"; it makes {len(broken)} reference{'s' * (len(broken) != 1)} ambiguous: {', '.join(broken)}"
                if broken
                else ""
            )
            for eid, name, _, located, where in causes:
                other = next(o for o in owners if o != eid)
                self.bad(
                    located,
                    where,
                    f"{name!r} names both {other!r} and {eid!r}{effect}",
                    "names equal up to case, Unicode normalization or invisible characters are one name; "
                    "remove it from one of them, or refer by entity id (ids never become ambiguous)",
                )

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

    def claim(self, located: Located, path: tuple, spec: m.RelationIn, document: Document | None) -> _Claim | None:
        """One report, checked: its relation's type and endpoints and the report itself; None after a problem."""
        if spec.id is not None and spec.relation is not None and spec.id != spec.relation:
            self.bad(
                located,
                (*path, "relation"),
                f"this report gives both `id: {spec.id}` and `relation: {spec.relation}`",
                "keep one: `id:` names the relation, `relation:` attaches the report to one declared elsewhere",
            )
            return None
        fast = self._fast_report(spec, document)
        if fast is not None:
            return _Claim(located, path, spec, spec.type, spec.source, spec.target, fast)
        if None in (spec.type, spec.source, spec.target):
            missing = ", ".join(f"`{f}:`" for f in ("type", "source", "target") if getattr(spec, f) is None)
            self.bad(
                located,
                path,
                f"a relation needs type, source and target; this one has no {missing}",
                "write them, or `relation: <id>` to add this report to a relation declared elsewhere",
            )
            return None
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
        if None in (rtype, source, target, evidence) or by is False:
            return None
        report = Report(
            evidence,
            attribution,
            by,
            spec.confidence,
            MappingProxyType(qualifiers) if qualifiers else _NO_QUALIFIERS,
            spec.note,
            spec.contradicts,
        )
        return _Claim(located, path, spec, spec.type, source.id, target.id, report)

    def _fast_report(self, spec: m.RelationIn, document: Document | None) -> Report | None:
        """The report, if it passes every check the plain way (ids, exact quote); else None.

        The common case of a bulk load, done with few calls; anything else (names or aliases as
        references, a quote that differs in quote marks or spacing, any problem) returns None and
        takes the full path, which finds the same report or reports the problems.
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
        return Report(
            Evidence(document.id, quote, at, at + len(quote)),
            attribution,
            by,
            spec.confidence,
            MappingProxyType(qualifiers) if qualifiers else _NO_QUALIFIERS,
            spec.note,
            spec.contradicts,
        )

    def attached(self, located: Located, path: tuple, spec: m.RelationIn, document, relations) -> _Claim | None:
        """A report given with `relation: ID`: checked as a report of that relation (its type and endpoints
        unless the report repeats them, which must then agree)."""
        group = relations.get(spec.relation)
        if group is None:
            self.bad(
                located,
                (*path, "relation"),
                f"unknown relation {spec.relation!r}",
                closest(spec.relation, relations) + " (a relation's id, as `actorgraph show` lists it)",
            )
            return None
        first = group[0]
        filled = spec.model_copy(
            update={
                "type": spec.type or first.type,
                "source": spec.source or first.source,
                "target": spec.target or first.target,
            }
        )
        claim = self.claim(located, path, filled, document)
        if claim is not None and (claim.type, claim.source, claim.target) != first.triple:
            self.bad(
                located,
                (*path, "relation"),
                f"this report is a {claim.type} from {claim.source} to {claim.target}, but relation "
                f"{spec.relation!r} is a {first.type} from {first.source} to {first.target}",
                "leave out type, source and target to take the relation's, or fix `relation:`",
            )
            return None
        return claim

    def group(self, claims: list[_Claim]) -> dict[str, list[_Claim]]:
        """Reports by relation id: an id given (or derived per document), else the type's key rule."""
        by_id: dict[str, list[_Claim]] = {}
        keyed: list[_Claim] = []
        for claim in claims:
            if claim.rid is not None:
                by_id.setdefault(claim.rid, []).append(claim)
            else:
                keyed.append(claim)
        for rid, group in by_id.items():
            if len(group) > 1:
                self._same_relation(rid, group)
        named: dict[tuple, set[str]] = defaultdict(set)
        for rid, group in by_id.items() if keyed else ():  # keys of named relations matter only to unnamed reports
            for claim in group:
                key = self._key(claim)
                if key is not None:
                    named[key].add(rid)
        for claim in keyed:
            key = self._key(claim)
            ids = sorted(named.get(key, ()))
            if len(ids) > 1:
                self.bad(
                    claim.located,
                    claim.path,
                    f"this report matches relations {', '.join(map(repr, ids))} by the {claim.type} key rule",
                    "say which with `relation: <id>`",
                )
                continue
            rid = ids[0] if ids else _key_id(key)
            if not ids and rid in by_id and by_id[rid][0].rid_given:
                self.bad(claim.located, claim.path, f"duplicate relation id {rid!r}", "give the relation an `id:`")
                continue
            claim.rid = rid
            by_id.setdefault(rid, []).append(claim)
        return by_id

    def _key(self, claim: _Claim) -> tuple | None:
        rule = self.rtypes[claim.type].key
        if rule is None:
            return None
        values = tuple(str(claim.report.qualifiers.get(q, "")) for q in rule)
        return (claim.source, claim.type, claim.target, *values)

    def _same_relation(self, rid: str, group: list[_Claim]) -> None:
        """Reports that share an id must agree on its type, source and target."""
        triples = {c.triple for c in group}
        if len(triples) == 1:
            return
        where = sorted({self.place(c.located, (*c.path, "id")) for c in group})
        for claim in group:
            here = self.place(claim.located, (*claim.path, "id"))
            self.bad(
                claim.located,
                (*claim.path, "id"),
                f"duplicate relation id {rid!r}: given to a {claim.type} from {claim.source} to {claim.target} here, "
                f"and to another relation at {', '.join(w for w in where if w != here)}",
                "the same id means the same relation (another report of it); give a different relation its own id",
            )
        group[:] = [c for c in group if c.triple == group[0].triple]

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


@dataclass(slots=True)
class _Claim:
    """One checked report and the relation it reports (type, endpoint ids); `rid` once known."""

    located: Located
    path: tuple
    spec: m.RelationIn
    type: str
    source: str
    target: str
    report: Report
    rid: str | None = None
    rid_given: bool = False

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.type, self.source, self.target)


def resolve(
    schema: Schema, documents: dict[str, Document], annotations: list[Annotation], problems: list[Problem]
) -> Corpus:
    """Check every annotation against the schema, documents and each other."""
    resolver = _Resolver(schema, documents, problems)
    docs = [_document_of(resolver, a) for a in annotations]
    declared: dict[str, list] = defaultdict(list)
    extensions = []
    for annotation, document in zip(annotations, docs, strict=True):
        for i, spec in enumerate(annotation.spec.entities):
            entry = (annotation.located, ("entities", i), spec, document)
            if spec.type is None and spec.name is None:
                extensions.append(entry)
            else:
                declared[spec.id].append(entry)
    for places in declared.values():
        resolver.declare(places)
    for located, path, spec, document in extensions:
        resolver.extend(located, path, spec, document)
    rank = document_rank(documents)
    for eid, entity in resolver.entities.items():
        sources = (entity.sources[0], *sorted(entity.sources[1:], key=lambda s: _source_order(s, rank)))
        resolver.entities[eid] = merge_entity(entity, sources, rank)
    for annotation in annotations:
        for i, spec in enumerate(annotation.spec.entities):
            resolver.index_aliases(annotation.located, ("entities", i), spec)
    claims, attaching = [], []
    for annotation, document in zip(annotations, docs, strict=True):
        ids = _relation_ids(annotation.spec, resolver.aliases)
        for i, spec in enumerate(annotation.spec.relations):
            if spec.relation is not None and spec.id is None:
                attaching.append((annotation.located, ("relations", i), spec, document))
                continue
            claim = resolver.claim(annotation.located, ("relations", i), spec, document)
            if claim is None:
                continue
            if spec.id is not None:
                claim.rid, claim.rid_given = spec.id, True
            elif schema.relation_types[claim.type].key is None:
                claim.rid = ids[i]
            claims.append(claim)
    groups = resolver.group(claims)
    for located, path, spec, document in attaching:
        claim = resolver.attached(located, path, spec, document, groups)
        if claim is not None:
            claim.rid = spec.relation
            groups[spec.relation].append(claim)
    resolver.report_ambiguous()
    relations = {
        rid: merge_relation(rid, *group[0].triple, [c.report for c in group], rank)
        for rid, group in sorted(groups.items())
        if group
    }
    for group in groups.values():
        for claim in group:
            _check_contradicts(resolver, claim, relations)
    return Corpus(
        schema,
        dict(sorted(documents.items())),
        dict(sorted(resolver.entities.items())),
        with_conflicts(relations),
    )


def _source_order(source: EntitySource, rank: dict) -> tuple:
    mention = source.mention
    return (rank.get(source.document, ("~", source.document)), mention.start if mention else -1, source.aliases)


def _check_contradicts(resolver: _Resolver, claim: _Claim, relations: dict[str, Relation]) -> None:
    other = claim.report.contradicts
    if other is None:
        return
    if other == claim.rid:
        resolver.bad(
            claim.located,
            (*claim.path, "contradicts"),
            "a report cannot contradict its own relation",
            "name another relation, or give this report its own relation",
        )
    elif other not in relations:
        resolver.bad(
            claim.located,
            (*claim.path, "contradicts"),
            f"unknown relation {other!r}",
            closest(other, relations) + " (a relation's id, as `actorgraph show` lists it)",
        )


def _key_id(key: tuple) -> str:
    """The id of a relation found by its type's key rule: source:type:target, then each key qualifier's value."""
    source, rtype, target, *values = key
    parts = [source, rtype, target, *(_slug(v) for v in values)]
    return ":".join(parts).replace(" ", "-")


def _slug(value: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in value.casefold()).split()) or "-"


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


def _relation_ids(spec: m.AnnotationFile, aliases: dict[str, str]) -> list[str | None]:
    """Explicit ids, else `document:source:type:target`, numbered from the second repeat."""
    seen: dict[str, int] = defaultdict(int)
    ids = []
    for rel in spec.relations:
        if rel.id is not None or rel.source is None or rel.target is None:
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
