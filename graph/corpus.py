"""Reading a seeds folder into a checked corpus: documents, entities, relations.

Layout (all paths relative to the seeds folder):

    schema.yaml              entity, relation and qualifier types
    documents/ID.yaml        a document's metadata; `text:` names its text file
    documents/ID.txt         the document, stored byte for byte (UTF-8)
    annotations/**/*.yaml    entities and relations, each file about one `document:`
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import _models as m
from ._parse import parse
from ._problems import Problem, ValidationFailed, display_path
from ._yaml import Located, YamlError, decode_utf8, load_file
from .quotes import FoldedText
from .schema import Schema, load_schema


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    description: str | None
    properties: MappingProxyType
    mention: Evidence | None


@dataclass(frozen=True)
class Relation:
    id: str
    type: str
    source: str
    target: str
    evidence: Evidence
    qualifiers: MappingProxyType
    attribution: str
    attributed_to: str | None
    confidence: float
    note: str | None


@dataclass
class Corpus:
    """Everything a seeds folder says, checked; ids are keys."""

    schema: Schema
    documents: dict[str, Document]
    entities: dict[str, Entity]
    relations: dict[str, Relation]


@dataclass
class _Annotation:
    located: Located
    spec: m.AnnotationFile


def load_corpus(seeds: Path | str = "seeds", schema: Path | str | None = None) -> Corpus:
    """Read and check a seeds folder; raise `ValidationFailed` listing every problem."""
    from ._resolve import resolve

    seeds = Path(seeds)
    if not seeds.is_dir():
        raise ValidationFailed(
            [Problem(str(seeds), None, "seeds folder not found", "run from the repository root or pass --seeds DIR")]
        )
    loaded_schema = load_schema(schema if schema is not None else seeds / "schema.yaml")
    problems: list[Problem] = []
    documents = _load_documents(seeds / "documents", problems)
    annotations = _load_annotations(seeds / "annotations", problems)
    corpus = resolve(loaded_schema, documents, annotations, problems)
    if problems:
        raise ValidationFailed(problems)
    return corpus


def _load_documents(folder: Path, problems: list[Problem]) -> dict[str, Document]:
    documents: dict[str, Document] = {}
    described: set[Path] = set()
    for meta_path in sorted(folder.glob("*.yaml")):
        located, spec = _read(meta_path, m.DocumentFile, problems)
        if spec is None:
            continue
        text_path = meta_path.parent / spec.text
        described.add(text_path.resolve())
        document = _read_document(spec, text_path, located, problems)
        if document is None:
            continue
        if spec.id in documents:
            problems.append(
                Problem(
                    located.file,
                    located.line(("id",)),
                    f"duplicate document id {spec.id!r}",
                    f"also used by {display_path(documents[spec.id].path)}; pick another id",
                )
            )
            continue
        documents[spec.id] = document
    for text_path in sorted(folder.glob("*.txt")):
        if text_path.resolve() not in described:
            problems.append(
                Problem(
                    display_path(text_path),
                    None,
                    "document has no metadata file",
                    f"add {text_path.stem}.yaml beside it with id, title and text",
                )
            )
    return documents


def _read_document(spec: m.DocumentFile, text_path: Path, located: Located, problems: list[Problem]) -> Document | None:
    try:
        raw = text_path.read_bytes()
        text = decode_utf8(raw, display_path(text_path))
    except OSError:
        problems.append(
            Problem(
                located.file,
                located.line(("text",)),
                f"text file {spec.text!r} not found",
                "put the text file beside this metadata file or fix `text:`",
            )
        )
        return None
    except YamlError as err:
        problems.append(err.problem)
        return None
    meta = spec.model_dump(exclude={"id", "title", "text"}, exclude_none=True)
    return Document(spec.id, spec.title, text, text_path, hashlib.sha256(raw).hexdigest(), MappingProxyType(meta))


def _load_annotations(folder: Path, problems: list[Problem]) -> list[_Annotation]:
    if not folder.is_dir():
        problems.append(
            Problem(
                display_path(folder),
                None,
                "annotations folder not found",
                "create it and add one YAML file per document",
            )
        )
        return []
    annotations = []
    for path in sorted(folder.rglob("*.yaml")):
        located, spec = _read(path, m.AnnotationFile, problems)
        if spec is not None:
            annotations.append(_Annotation(located, spec))
    return annotations


def _read(path: Path, model: type, problems: list[Problem]) -> tuple[Located, Any]:
    try:
        located = load_file(path)
    except YamlError as err:
        problems.append(err.problem)
        return Located(display_path(path), None), None
    spec, found = parse(located, model)
    problems.extend(found)
    return located, spec


def folded(document: Document, cache: dict[str, FoldedText]) -> FoldedText:
    """The matching form of a document, computed once per document."""
    if document.id not in cache:
        cache[document.id] = FoldedText(document.text)
    return cache[document.id]
