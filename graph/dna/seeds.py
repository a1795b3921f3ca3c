"""A DNA 3 database as an actorgraph seeds folder: schema, documents byte for byte, annotations.

Each statement of a statement type with the actor, target and agreement variables (DNA's default `DNA
Statement`: organization, concept, agreement; person as the speaker) becomes one stance relation: actor →
target, `supports` if agreement is 1 (or an integer > 0), `opposes` if 0 (or < 0). Its quote is the text
span at the statement's offsets (DNA counts UTF-16 code units; leading and trailing blanks are trimmed), so
actorgraph's validator checks it like any quote. A statement with no actor but a speaker has the speaker as
its actor. The speaker is the relation's attribution, and speaker → actor becomes one `member-of` relation
per pair, quoting the first statement that pairs them. Other variables of the statement become qualifiers.
Entities keep their attributes (as properties), colour and DNA id. The document date (epoch seconds, UTC)
becomes `published`. Whatever cannot be imported (other statement types, statements with an empty target,
an offset outside the text, a zero agreement) is listed in the report with its count, never dropped silently.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from graph.corpus.resolve import alias_key
from graph.dna.read import Database, DnaError, Entity, Statement, read_database
from graph.schema import EDGE_FIELDS, NODE_FIELDS


@dataclass(frozen=True)
class Mapping:
    """Which DNA variables play which part."""

    actor: str = "organization"
    target: str = "concept"
    qualifier: str = "agreement"
    speaker: str | None = "person"


@dataclass
class ImportReport:
    documents: int = 0
    entities: int = 0
    stances: int = 0
    memberships: int = 0
    not_imported: Counter = field(default_factory=Counter)  # reason → statements
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"{self.documents} documents, {self.entities} entities, {self.stances} stance relations, "
            f"{self.memberships} member-of relations"
        ]
        out += [f"not imported: {n} statement(s): {reason}" for reason, n in sorted(self.not_imported.items())]
        return out + self.notes


def import_dna(path: Path | str, out: Path | str, mapping: Mapping = Mapping()) -> ImportReport:
    """Write the seeds folder `out` (which must not exist or be empty) from the DNA 3 file `path`."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise DnaError(f"{out} exists and is not empty; choose a new folder")
    db = read_database(path)
    builder = _Builder(db, mapping)
    files = builder.files()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for rel, data in files.items():
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if out.exists():
            out.rmdir()
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return builder.report


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")


def _camel(text: str) -> str:
    return "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", text) if w) or "Entity"


def _field(text: str, reserved: frozenset[str]) -> str:
    name = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "value"
    if not name[0].isalpha():
        name = f"v_{name}"
    return f"dna_{name}" if name in reserved else name


def _dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9).encode("utf-8")


class _Builder:
    def __init__(self, db: Database, mapping: Mapping) -> None:
        self.db = db
        self.map = mapping
        self.report = ImportReport()
        self.types = self._importable_types()
        self.entity_ids: dict[int, str] = {}
        self.entity_type: dict[int, str] = {}  # DNA variable id → entity type name

    # --- which statement types and variables -----------------------------------------------------

    def _importable_types(self) -> dict[int, dict[str, int]]:
        """Statement type id → role → variable id, for the types that have the actor, target and qualifier."""
        by_type: dict[int, dict[str, Any]] = defaultdict(dict)
        for var in self.db.variables.values():
            by_type[var.statement_type][var.name] = var
        counts = Counter(s.statement_type for s in self.db.statements)
        out = {}
        m = self.map
        for tid, label in self.db.statement_types.items():
            vars_ = by_type.get(tid, {})
            actor, target, qual = vars_.get(m.actor), vars_.get(m.target), vars_.get(m.qualifier)
            speaker = vars_.get(m.speaker) if m.speaker else None
            ok = (
                target is not None
                and target.data_type == "short text"
                and qual is not None
                and qual.data_type in ("boolean", "integer")
                and any(v is not None and v.data_type == "short text" for v in (actor, speaker))
            )
            if not ok:
                if counts[tid]:
                    need = f"{m.actor} or {m.speaker}, {m.target} (short text) and {m.qualifier} (boolean or integer)"
                    self.report.not_imported[f"statement type {label!r} lacks {need}"] += counts[tid]
                continue
            roles = {"target": target.id, "qualifier": qual.id}
            for role, var in (("actor", actor), ("speaker", speaker)):
                if var is not None and var.data_type == "short text":
                    roles[role] = var.id
            out[tid] = roles
        return out

    def _extra_variables(self) -> dict[int, tuple[str, str]]:
        """Variable id → (qualifier name, schema value type) for the other variables of importable types."""
        used = {v for roles in self.types.values() for v in roles.values()}
        kinds = {"boolean": "boolean", "integer": "integer", "short text": "string", "long text": "string"}
        return {
            var.id: (_field(var.name, EDGE_FIELDS), kinds.get(var.data_type, "string"))
            for var in self.db.variables.values()
            if var.statement_type in self.types and var.id not in used
        }

    # --- the files ---------------------------------------------------------------------------------

    def files(self) -> dict[str, bytes]:
        extra = self._extra_variables()
        entity_vars = sorted({v for roles in self.types.values() for r, v in roles.items() if r != "qualifier"})
        for var in entity_vars:
            self.entity_type[var] = _camel(self.db.variables[var].name)
        entities = self._entities(entity_vars)
        relations, first_use = self._relations(extra)
        docs = self.db.documents
        files: dict[str, bytes] = {"schema.yaml": self._schema(entity_vars, extra)}
        first_doc = next(iter(docs), None)
        per_doc: dict[int, list] = defaultdict(list)
        for eid, spec in entities.items():
            doc = first_use.get(eid, first_doc)
            if doc is not None:
                per_doc[doc].append(spec)
        rel_by_doc: dict[int, list] = defaultdict(list)
        for doc, rel in relations:
            rel_by_doc[doc].append(rel)
        for doc in docs.values():
            did = f"dna-{doc.id}"
            files[f"documents/{did}.txt"] = doc.text.encode("utf-8")
            files[f"documents/{did}.yaml"] = _dump(self._document_meta(doc, did))
            files[f"annotations/{did}.yaml"] = _dump(
                {"document": did, "entities": per_doc.get(doc.id, []), "relations": rel_by_doc.get(doc.id, [])}
            )
        self.report.documents = len(docs)
        self.report.entities = sum(len(v) for v in per_doc.values())
        return files

    def _schema(self, entity_vars: list[int], extra: dict[int, tuple[str, str]]) -> bytes:
        entity_types: dict[str, Any] = {}
        for var in entity_vars:
            props = {"dna_id": {"type": "integer", "description": "The entity's ID in the DNA database."}}
            props["color"] = {"type": "string", "description": "The entity's colour in DNA."}
            props["child_of"] = {"type": "string", "description": "The entity's parent in DNA (its value)."}
            for name in self.db.attribute_names.get(var, []):
                props[_field(name, NODE_FIELDS)] = {"type": "string", "description": f"DNA attribute {name!r}."}
            label = self.db.variables[var].name
            entity_types.setdefault(
                self.entity_type[var], {"description": f"DNA variable {label!r}.", "properties": props}
            )
        actors = sorted({self.entity_type[r["actor"]] for r in self.types.values() if "actor" in r})
        speakers = sorted({self.entity_type[r["speaker"]] for r in self.types.values() if "speaker" in r})
        targets = sorted({self.entity_type[r["target"]] for r in self.types.values()})
        qualifiers = {name: {"type": kind} for name, kind in sorted(set(extra.values()))}
        qualifiers["dna_statement"] = {"type": "integer", "description": "The statement's ID in the DNA database."}
        optional = sorted(qualifiers)
        sources = sorted({*actors, *speakers})
        relation_types: dict[str, Any] = {
            "supports": {
                "description": "The actor agrees with the target (DNA agreement 1).",
                "source": sources,
                "target": targets,
                "optional": optional,
                "display": {"color": "#2e7d32"},
                "stance": 1,
            },
            "opposes": {
                "description": "The actor disagrees with the target (DNA agreement 0).",
                "source": sources,
                "target": targets,
                "optional": optional,
                "display": {"color": "#c62828"},
                "stance": -1,
            },
        }
        if speakers and actors:
            relation_types["member-of"] = {
                "description": "The speaker speaks for the organisation (coded together in a DNA statement).",
                "source": speakers,
                "target": actors,
                "display": {"color": "#9e9e9e", "dashes": True},
            }
        head = b"# Generated by `actorgraph import dna` from a DNA 3 database.\n"
        return head + _dump(
            {"version": 1, "entity_types": entity_types, "qualifiers": qualifiers, "relation_types": relation_types}
        )

    def _document_meta(self, doc, did: str) -> dict[str, Any]:
        when = datetime.fromtimestamp(doc.date, UTC)
        published = (
            when.date().isoformat() if when.time() == datetime.min.time() else when.strftime("%Y-%m-%dT%H:%M:%S")
        )
        title = doc.title.strip() or f"DNA document {doc.id}"
        meta: dict[str, Any] = {"id": did, "title": title, "text": f"{did}.txt", "published": published}
        for key, value in (
            ("author", doc.author),
            ("outlet", doc.source),
            ("section", doc.section),
            ("type", doc.type),
            ("notes", doc.notes),
        ):
            if value and value.strip():
                meta[key] = value
        return meta

    def _entities(self, entity_vars: list[int]) -> dict[int, dict[str, Any]]:
        """DNA entity id → entity spec, for the variables used as actor, target or speaker."""
        wanted = set(entity_vars)
        taken_ids: set[str] = set()
        taken_names: set[str] = set()
        out = {}
        for ent in self.db.entities.values():
            if ent.variable not in wanted or not ent.value.strip():
                continue
            var = self.db.variables[ent.variable].name
            eid = f"{_slug(var) or 'v'}-{_slug(ent.value) or ent.id}"
            if eid in taken_ids:
                eid = f"{eid}-{ent.id}"
            taken_ids.add(eid)
            name = ent.value.strip()
            if alias_key(name) in taken_names or alias_key(name) in taken_ids:
                self.report.notes.append(f"{var} {name!r} is named {name} ({var}): another entity has that name")
                name = f"{name} ({var})"
            taken_names.add(alias_key(name))
            self.entity_ids[ent.id] = eid
            out[ent.id] = {
                "id": eid,
                "type": self.entity_type[ent.variable],
                "name": name,
                "properties": self._props(ent),
            }
        return out

    def _props(self, ent: Entity) -> dict[str, Any]:
        props: dict[str, Any] = {"dna_id": ent.id}
        if ent.color:
            props["color"] = ent.color
        parent = self.db.entities.get(ent.child_of) if ent.child_of else None
        if parent is not None and parent.value.strip():
            props["child_of"] = parent.value.strip()
        for name, value in ent.attributes.items():
            if value.strip():
                props[_field(name, NODE_FIELDS)] = value
        return props

    def _relations(self, extra: dict[int, tuple[str, str]]) -> tuple[list[tuple[int, dict]], dict[int, int]]:
        """(document id, relation spec) in statement order, and each entity's first document."""
        out: list[tuple[int, dict]] = []
        first_use: dict[int, int] = {}
        members: set[tuple[str, str]] = set()
        for st in self.db.statements:
            roles = self.types.get(st.statement_type)
            if roles is None:
                continue
            made = self._stance(st, roles, extra)
            if made is None:
                continue
            rel, used, speaker_actor = made
            for ent in used:
                first_use.setdefault(ent, st.document)
            out.append((st.document, rel))
            self.report.stances += 1
            if speaker_actor is not None and speaker_actor not in members:
                members.add(speaker_actor)
                person, org = speaker_actor
                member = {"id": _relation_id(f"dna-member-{person}-{org}"), "type": "member-of"}
                member |= {"source": person, "target": org, "quote": rel["quote"], "start": rel["start"]}
                out.append((st.document, member))
                self.report.memberships += 1
        return out, first_use

    def _stance(self, st: Statement, roles: dict[str, int], extra) -> tuple[dict, list[int], tuple | None] | None:
        doc = self.db.documents.get(st.document)
        target = self._entity(st, roles.get("target"))
        actor = self._entity(st, roles.get("actor"))
        speaker = self._entity(st, roles.get("speaker"))
        agreement = st.values.get(roles["qualifier"])
        reason = None
        if doc is None:
            reason = "its document is missing"
        elif target is None:
            reason = f"empty {self.map.target}"
        elif actor is None and speaker is None:
            reason = f"empty {self.map.actor} and {self.map.speaker}"
        elif not isinstance(agreement, int) or (agreement == 0 and self._integer(roles["qualifier"])):
            reason = f"{self.map.qualifier} missing or 0 on an integer scale (no stance)"
        span = _span(doc.text, st.start, st.stop) if doc is not None else None
        if reason is None and span is None:
            reason = "its offsets are outside the text or span only blanks"
        if reason is not None:
            self.report.not_imported[reason] += 1
            return None
        quote, start = span
        source = actor if actor is not None else speaker
        positive = agreement > 0 if self._integer(roles["qualifier"]) else agreement == 1
        rel: dict[str, Any] = {
            "id": f"dna-statement-{st.id}",
            "type": "supports" if positive else "opposes",
            "source": self.entity_ids[source],
            "target": self.entity_ids[target],
            "quote": quote,
            "start": start,
        }
        qualifiers: dict[str, Any] = {"dna_statement": st.id}
        for var, (name, kind) in extra.items():
            value = st.values.get(var)
            if value is None:
                continue
            if kind == "string" and self.db.variables[var].data_type == "short text":
                ent = self.db.entities.get(value)
                value = ent.value if ent is not None else None
            if kind == "boolean":
                value = bool(value)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            qualifiers[name] = value
        rel["qualifiers"] = dict(sorted(qualifiers.items()))
        pair = None
        if actor is not None and speaker is not None:
            rel["attribution"] = {"kind": "statement", "by": self.entity_ids[speaker]}
            pair = (self.entity_ids[speaker], self.entity_ids[actor])
        used = [e for e in (source, target, speaker) if e is not None]
        return rel, used, pair

    def _integer(self, var: int) -> bool:
        return self.db.variables[var].data_type == "integer"

    def _entity(self, st: Statement, var: int | None) -> int | None:
        if var is None:
            return None
        ent = st.values.get(var)
        return ent if ent in self.entity_ids else None


def _relation_id(text: str) -> str:
    return text[:200].rstrip("-.")


def _span(text: str, start: int, stop: int) -> tuple[str, int] | None:
    """The text between UTF-16 offsets `start` and `stop`, trimmed, and its code-point offset."""
    units = text.encode("utf-16-le")
    if not 0 <= start < stop <= len(units) // 2:
        return None
    try:
        before = units[: 2 * start].decode("utf-16-le")
        raw = units[2 * start : 2 * stop].decode("utf-16-le")
    except UnicodeDecodeError:  # an offset inside a surrogate pair
        return None
    quote = raw.strip()
    if not quote:
        return None
    return quote, len(before) + (len(raw) - len(raw.lstrip()))
