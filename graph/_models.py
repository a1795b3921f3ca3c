"""Shapes of the input files, checked by pydantic before any meaning is given to them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Scalar = str | int | float | bool
ValueType = Literal["string", "integer", "number", "boolean", "date"]


class Strict(BaseModel):
    """Base for input models: unknown fields are errors, values are not coerced, numbers are finite."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


# --- schema.yaml -------------------------------------------------------------


class ValueSpec(Strict):
    type: ValueType = "string"
    description: str | None = None
    enum: list[Scalar] | None = None


class NodeDisplay(Strict):
    color: str = "#9e9e9e"
    shape: str = "dot"


class EdgeDisplay(Strict):
    color: str = "#9e9e9e"
    dashes: bool = False
    arrow: Literal["arrow", "bar", "circle", "vee", "diamond", "box", "crow", "inv_triangle", "triangle"] = "arrow"


class EntityTypeSpec(Strict):
    description: str | None = None
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
    published: str | None = None
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
    id: Id
    type: Text
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    description: str | None = None
    properties: dict[str, Scalar] = Field(default_factory=dict)
    mention: Text | None = None


class AttributionIn(Strict):
    kind: Literal["report", "quote", "statement"]
    by: Text | None = None


class RelationIn(Strict):
    id: Id | None = None
    type: Text
    source: Text
    target: Text
    quote: Text
    start: Annotated[int, Field(ge=0)] | None = None
    qualifiers: dict[str, Scalar] = Field(default_factory=dict)
    attribution: AttributionIn | None = None
    confidence: Annotated[float, Field(ge=0, le=1)] = 1.0
    note: str | None = None


class AnnotationFile(Strict):
    document: Id
    entities: list[EntityIn] = Field(default_factory=list)
    relations: list[RelationIn] = Field(default_factory=list)
