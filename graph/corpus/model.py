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

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from graph.corpus.quotes import FoldedText
from graph.files import shapes as m
from graph.files.yamlfile import Located
from graph.schema import Schema


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
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    description: str | None
    properties: MappingProxyType
    mention: Evidence | None


@dataclass(frozen=True, slots=True)
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
class Annotation:
    """One parsed annotation: a YAML file, or one line of a JSON Lines file."""

    located: Located
    spec: m.AnnotationFile


def folded(document: Document, cache: dict[str, FoldedText]) -> FoldedText:
    """The matching form of a document, computed once per document."""
    if document.id not in cache:
        cache[document.id] = FoldedText(document.text)
    return cache[document.id]
