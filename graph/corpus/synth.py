"""Generated corpora: a valid seeds tree of any size, the same for the same seed.

Every relation's quote is a sentence of its generated document; every type, endpoint and
qualifier comes from the schema, so the output validates against it.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from graph._atomic import atomic_open
from graph.corpus.load import SYNTH_MARKER
from graph.errors import SynthRefused
from graph.files.shapes import ValueSpec
from graph.files.yamlfile import read_bytes
from graph.schema import Schema, load_schema

Format = Literal["yaml", "jsonl"]
_SYLLABLES = ("ba", "den", "ko", "ri", "mar", "sel", "to", "vin", "lu", "ga", "nor", "che", "pa", "zu", "lem")


@dataclass(frozen=True)
class SynthSpec:
    """What to generate: `relations` relations over `relations // 10` actors, `per_document` per document."""

    relations: int
    seed: int = 0
    per_document: int = 100
    format: Format = "jsonl"

    @property
    def entities(self) -> int:
        return max(10, self.relations // 10)


class _Generator:
    def __init__(self, schema: Schema, spec: SynthSpec) -> None:
        self.schema = schema
        self.spec = spec
        self.rng = random.Random(spec.seed)
        types = sorted(schema.entity_types)
        self.entities = [self._entity(i, types[i % len(types)]) for i in range(spec.entities)]
        self.by_type: dict[str, list[dict]] = {t: [] for t in types}
        for entity in self.entities:
            self.by_type[entity["type"]].append(entity)
        self.relation_types = [r for r in sorted(schema.relation_types) if self._pairs(r)]
        self.declared: set[str] = set()

    def _entity(self, i: int, etype: str) -> dict[str, Any]:
        words = [self._word().capitalize() for _ in range(2)]
        return {"id": f"e{i:07d}", "type": etype, "name": f"{' '.join(words)} {i}", "aliases": [f"{words[0]} #{i}"]}

    def _word(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 3)))

    def _pairs(self, rtype: str) -> list[tuple[str, str]]:
        return [(s, t) for s, t in self.schema.endpoint_pairs(rtype) if self.by_type[s] and self.by_type[t]]

    def document(self, number: int, count: int, last: bool = False) -> tuple[dict, dict]:
        """One document (metadata with content) and its annotation, `count` relations.

        The `last` one also declares every actor no relation used, so every seed gives the same node ids.
        """
        doc_id = f"doc-{number:07d}"
        sentences, relations, entities = [f"Generated report {number}."], [], []
        for i in range(count):
            relation, sentence, used = self._relation(doc_id, i)
            sentences.append(sentence)
            relations.append(relation)
            entities += [e for e in used if e["id"] not in self.declared]
            self.declared.update(e["id"] for e in used)
        if last:
            entities += [e for e in self.entities if e["id"] not in self.declared]
        meta = {"id": doc_id, "title": f"Generated report {number}", "content": "\n".join(sentences) + "\n"}
        unique = list({e["id"]: e for e in entities}.values())
        return meta, {"document": doc_id, "entities": unique, "relations": relations}

    def _relation(self, doc_id: str, i: int) -> tuple[dict, str, list[dict]]:
        rtype = self.rng.choice(self.relation_types)
        stype, ttype = self.rng.choice(self._pairs(rtype))
        source, target = self.rng.choice(self.by_type[stype]), self.rng.choice(self.by_type[ttype])
        sentence = f"In item {i}, {source['name']} {rtype.replace('-', ' ')} {target['name']}."
        relation: dict[str, Any] = {
            "id": f"{doc_id}-r{i:04d}",
            "type": rtype,
            "source": source["id"],
            "target": target["id"],
            "quote": sentence,
        }
        qualifiers = {q: self._value(self.schema.qualifiers[q]) for q in self._qualifiers(rtype)}
        for name, other in ((q, self.schema.qualifiers[q].not_before) for q in list(qualifiers)):
            if other in qualifiers and qualifiers[name] < qualifiers[other]:  # an end never before its start
                qualifiers[name], qualifiers[other] = qualifiers[other], qualifiers[name]
        if qualifiers:
            relation["qualifiers"] = qualifiers
        return relation, sentence, [source, target]

    def _qualifiers(self, rtype: str) -> list[str]:
        spec = self.schema.relation_types[rtype]
        return [*spec.required, *(q for q in spec.optional if self.rng.random() < 0.3)]

    def _value(self, spec: ValueSpec) -> Any:
        if spec.enum:
            return self.rng.choice(spec.enum)
        if spec.type == "date":
            return f"{self.rng.randint(1990, 2025)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        if spec.type == "integer":
            return self.rng.randint(0, 100)
        if spec.type == "number":
            return round(self.rng.random(), 3)
        if spec.type == "boolean":
            return self.rng.random() < 0.5
        return self._word()


def synthesize(out: Path, spec: SynthSpec, schema_path: Path) -> None:
    """Write a seeds tree for `spec` to `out`, with a copy of the schema.

    `out` must be missing, empty, or a folder an earlier `synth` made (it holds the marker file
    `.actorgraph-synth`); then only the files `synth` writes are replaced and anything else is kept.
    Any other folder raises `SynthRefused` before anything is touched.
    """
    schema = load_schema(schema_path)
    _claim(out)
    (out / "documents").mkdir(exist_ok=True)
    (out / "annotations").mkdir(exist_ok=True)
    # the bytes checked, not the path again: a schema swapped for a link after loading is never followed
    (out / "schema.yaml").write_bytes(read_bytes(Path(schema_path), str(schema_path)))
    generator = _Generator(schema, spec)
    counts = _document_sizes(spec)
    if spec.format == "jsonl":
        _write_jsonl(out, generator, counts)
    else:
        _write_yaml(out, generator, counts)


_GENERATED = re.compile(r"doc-\d{7}\.(?:txt|yaml)|documents\.jsonl|annotations\.jsonl")


def _claim(out: Path) -> None:
    """Make `out` a folder of ours: create it, or mark an empty one, or clear what an earlier run wrote."""
    marker = out / SYNTH_MARKER
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SynthRefused(f"{out} is not a folder; pass a new or empty folder")
    if out.exists() and any(out.iterdir()) and not marker.is_file():
        raise SynthRefused(
            f"{out} is not empty and was not made by `actorgraph synth` (no {SYNTH_MARKER} in it); "
            "pass a new or empty folder, nothing was changed"
        )
    for part in ("documents", "annotations", "schema.yaml", SYNTH_MARKER):
        if (out / part).is_symlink():
            raise SynthRefused(f"{out / part} is a symbolic link; synth never writes through links")
    out.mkdir(parents=True, exist_ok=True)
    marker.write_text("written by actorgraph synth; `synth` may replace the files it generated here\n", "utf-8")
    for part in ("documents", "annotations"):
        folder = out / part
        if folder.is_dir() and not folder.is_symlink():
            for path in folder.iterdir():
                if _GENERATED.fullmatch(path.name) and path.is_file() and not path.is_symlink():
                    path.unlink()


def _document_sizes(spec: SynthSpec) -> list[int]:
    full, rest = divmod(spec.relations, spec.per_document)
    return [spec.per_document] * full + ([rest] if rest else [])


def _write_jsonl(out: Path, generator: _Generator, counts: list[int]) -> None:
    with (
        atomic_open(out / "documents" / "documents.jsonl") as docs,
        atomic_open(out / "annotations" / "annotations.jsonl") as notes,
    ):
        for number, count in enumerate(counts, 1):
            meta, annotation = generator.document(number, count, number == len(counts))
            docs.write(json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n")
            notes.write(json.dumps(annotation, ensure_ascii=False, sort_keys=True) + "\n")


def _write_yaml(out: Path, generator: _Generator, counts: list[int]) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for number, count in enumerate(counts, 1):
        meta, annotation = generator.document(number, count, number == len(counts))
        doc_id = meta["id"]
        (out / "documents" / f"{doc_id}.txt").write_text(meta.pop("content"), encoding="utf-8")
        meta["text"] = f"{doc_id}.txt"
        for path, data in (
            (out / "documents" / f"{doc_id}.yaml", meta),
            (out / "annotations" / f"{doc_id}.yaml", annotation),
        ):
            path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
