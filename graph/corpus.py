"""Reading a seeds folder into a checked corpus: documents, entities, relations.

Layout (all paths relative to the seeds folder):

    schema.yaml              entity, relation and qualifier types
    documents/ID.yaml        a document's metadata; `text:` names its text file
    documents/ID.txt         the document, stored byte for byte (UTF-8)
    annotations/**/*.yaml    entities and relations, each file about one `document:`

For bulk corpora, `documents/*.jsonl` holds one document per line (metadata and `content`)
and `annotations/**/*.jsonl` one annotation (an annotation file's mapping) per line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from . import _models as m
from ._gc import paused_gc
from ._problems import Problem, ValidationFailed, display_path
from ._yaml import Located
from .quotes import FoldedText
from .schema import Schema, load_schema


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


def load_corpus(seeds: Path | str = "seeds", schema: Path | str | None = None) -> Corpus:
    """Read and check a seeds folder; raise `ValidationFailed` listing every problem."""
    from ._read import read_annotations, read_documents
    from ._resolve import resolve

    seeds = Path(seeds)
    if not seeds.is_dir():
        raise ValidationFailed(
            [Problem(str(seeds), None, "seeds folder not found", "run from the repository root or pass --seeds DIR")]
        )
    loaded_schema = load_schema(schema if schema is not None else seeds / "schema.yaml")
    problems: list[Problem] = []
    _check_top_level(seeds, problems)
    with paused_gc():
        documents = read_documents(seeds / "documents", problems)
        annotations = read_annotations(seeds / "annotations", problems)
        corpus = resolve(loaded_schema, documents, annotations, problems)
    if problems:
        raise ValidationFailed(problems)
    return corpus


SEEDS_ENTRIES = frozenset({"schema.yaml", "documents", "annotations"})
SYNTH_MARKER = ".actorgraph-synth"  # written by `synth` into the folders it creates


def _check_top_level(seeds: Path, problems: list[Problem]) -> None:
    """Anything in the seeds folder besides the schema, documents/, annotations/ (and synth's marker) is a problem."""
    for name in sorted(os.listdir(seeds)):
        if name not in SEEDS_ENTRIES and name != SYNTH_MARKER:
            hint = f"the seeds folder holds only {', '.join(sorted(SEEDS_ENTRIES))}; move it elsewhere"
            problems.append(Problem(display_path(seeds / name), None, "not part of a seeds folder", hint))


def folded(document: Document, cache: dict[str, FoldedText]) -> FoldedText:
    """The matching form of a document, computed once per document."""
    if document.id not in cache:
        cache[document.id] = FoldedText(document.text)
    return cache[document.id]
