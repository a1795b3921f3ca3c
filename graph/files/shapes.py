"""Shapes of the input files, checked by pydantic before any meaning is given to them."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Scalar = str | int | float | bool
_PUBLISHED = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:[T ].+)?)?)?", re.ASCII | re.DOTALL)


def _real_date(value: str) -> str:
    """`value` if it is a real ISO date or date-time (2024, 2024-11, 2024-11-20, 2024-11-20T10:30), matched in full."""
    try:
        if not _PUBLISHED.fullmatch(value):
            raise ValueError
        if len(value) > 10:
            datetime.fromisoformat(value)
        else:
            date(int(value[:4]), int(value[5:7] or 1), int(value[8:10] or 1))
    except ValueError:
        raise PydanticCustomError(
            "date", "not a real date: write YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time"
        ) from None
    return value


IsoDate = Annotated[str, AfterValidator(_real_date)]


def real_date(value: str) -> str:
    """`value` if it is a real ISO date (as `published` takes it), else `ValueError`."""
    try:
        return _real_date(value)
    except PydanticCustomError as err:
        raise ValueError(str(err)) from None


ValueType = Literal["string", "integer", "number", "boolean", "date"]


class Strict(BaseModel):
    """Base for input models: unknown fields are errors, values are not coerced, numbers are finite."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


# --- schema.yaml -------------------------------------------------------------


class ValueSpec(Strict):
    type: ValueType = "string"
    description: str | None = None
    enum: list[Scalar] | None = None
    not_before: str | None = None  # a date qualifier this one may not precede (an `end` names its `start`)


class NodeDisplay(Strict):
    color: str = "#9e9e9e"
    shape: str = "dot"


class EdgeDisplay(Strict):
    color: str = "#9e9e9e"
    dashes: bool = False
    arrow: Literal["arrow", "bar", "circle", "vee", "diamond", "box", "crow", "inv_triangle", "triangle"] = "arrow"


class EntityTypeSpec(Strict):
    description: str | None = None
    extends: str | None = None  # the parent type: its properties and display are inherited
    abstract: bool = False  # a parent only: endpoint lists may name it, entities may not have it as their type
    display: NodeDisplay = NodeDisplay()
    properties: dict[str, ValueSpec] = {}


class RelationTypeSpec(Strict):
    description: str | None = None
    source: list[str] = Field(min_length=1)
    target: list[str] = Field(min_length=1)
    directed: bool = True
    required: list[str] = []
    optional: list[str] = []
    cypher: str | None = None
    display: EdgeDisplay = EdgeDisplay()
    stance: Literal[1, -1] | None = None  # a stance on the target: +1 in favour, -1 against; None: not a stance
    # The key rule: reports without an `id:` are one relation when source, type, target and these qualifiers
    # agree (`[]`: source, type and target alone). None: no key rule, each such report is a relation of its own.
    key: list[str] | None = None


class SchemaFile(Strict):
    version: Literal[1]
    entity_types: dict[str, EntityTypeSpec] = Field(min_length=1)
    qualifiers: dict[str, ValueSpec] = {}
    relation_types: dict[str, RelationTypeSpec] = Field(min_length=1)


# --- documents/*.yaml ----------------------------------------------------------


class DocumentMeta(Strict):
    """What is known about a document; only what the text or its publisher gives."""

    id: Id
    title: Text
    language: str | None = None
    published: IsoDate | None = None  # the network's time windows and the page's date span read it as a date
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    section: str | None = None
    type: str | None = None  # the kind of document (e.g. news article, press release), as its source labels it
    notes: str | None = None


class DocumentFile(DocumentMeta):
    """documents/ID.yaml: metadata, and the name of the text file beside it."""

    text: Text


class DocumentLine(DocumentMeta):
    """One line of documents/*.jsonl: metadata and the text itself."""

    content: Annotated[str, StringConstraints(min_length=1)]


# --- annotations/*.yaml --------------------------------------------------------


class EntityIn(Strict):
    """An entity: declared (with `type:` and `name:`) once in the corpus, extended (`id:` alone, plus any of
    aliases, mention and properties) from any other annotation file."""

    id: Id
    type: Text | None = None
    name: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    description: str | None = None
    properties: dict[str, Scalar] = Field(default_factory=dict)
    mention: Text | None = None


class AttributionIn(Strict):
    kind: Literal["report", "quote", "statement"]
    by: Text | None = None


class RelationIn(Strict):
    """A report of a relation. `id:` names the relation (the same id in several files: one relation, a report
    each); `relation:` attaches this report to a relation declared elsewhere (type, source and target may then
    be left out); neither: the relation type's key rule decides. `contradicts:` names a relation this report
    disputes."""

    id: Id | None = None
    relation: Id | None = None
    type: Text | None = None
    source: Text | None = None
    target: Text | None = None
    quote: Text
    contradicts: Id | None = None
    start: Annotated[int, Field(ge=0)] | None = None
    qualifiers: dict[str, Scalar] = Field(default_factory=dict)
    attribution: AttributionIn | None = None
    confidence: Annotated[float, Field(ge=0, le=1)] = 1.0
    note: str | None = None


class AnnotationFile(Strict):
    document: Id
    entities: list[EntityIn] = Field(default_factory=list)
    relations: list[RelationIn] = Field(default_factory=list)
