"""The schema: entity types, relation types and qualifiers, loaded from a data file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from graph.errors import LoadError, ValidationFailed
from graph.files import shapes as m
from graph.files.parse import parse
from graph.files.problems import Problem, closest
from graph.files.yamlfile import Located, load_file

ENTITY_TYPE = re.compile(r"[A-Z][A-Za-z0-9]*")  # patterns are used with fullmatch
RELATION_TYPE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")
CYPHER_TYPE = re.compile(r"[A-Z][A-Z0-9_]*")
# What the page can draw: vis-network shapes that need no image or code, and colours it paints (never a url()).
NODE_SHAPES = frozenset(
    {
        "dot",
        "ellipse",
        "circle",
        "box",
        "database",
        "text",
        "diamond",
        "star",
        "triangle",
        "triangleDown",
        "hexagon",
        "square",
    }
)
COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
NAMED_COLORS = frozenset(
    [
        "black",
        "silver",
        "gray",
        "grey",
        "white",
        "maroon",
        "red",
        "purple",
        "fuchsia",
        "green",
        "lime",
        "olive",
        "yellow",
        "navy",
        "blue",
        "teal",
        "aqua",
        "orange",
        "brown",
        "pink",
        "gold",
        "indigo",
        "violet",
        "cyan",
        "magenta",
        "coral",
        "crimson",
        "salmon",
        "tomato",
        "khaki",
        "plum",
        "orchid",
        "tan",
        "beige",
        "ivory",
        "lavender",
        "turquoise",
        "chocolate",
        "sienna",
        "peru",
        "darkred",
        "darkgreen",
        "darkblue",
        "darkorange",
        "darkviolet",
        "lightblue",
        "lightgreen",
        "lightgray",
        "lightgrey",
        "steelblue",
        "slategray",
        "slategrey",
        "seagreen",
        "skyblue",
        "royalblue",
        "firebrick",
    ]
)

# The core fields: what `graph.build` sets on the graph, on every node and on every edge, in the schema's own
# value types (plus `strings`, `integers` and `numbers`, lists of one kind, and `json`, any nested value).
# Declared here, once: every backend derives its columns from these through its one type map
# (readwrite/_fields.py for the file formats, cypher/engines/tables.py for the embedded engine, neo4j/records.py
# for Neo4j).
CORE_GRAPH: dict[str, str] = {"name": "string", "schema_version": "integer", "documents": "json"}
NODE_KEY = "id"  # a node's id: its key in networkx, an `id` column or property in the engines
CORE_NODE: dict[str, str] = {
    "type": "string",
    "name": "string",
    "aliases": "strings",
    "description": "string",
    "document": "string",
    "quote": "string",
    "quote_start": "integer",
    "quote_end": "integer",
    # Every mention, from any document's annotation file, in document order; the scalar fields above are the first.
    "documents": "strings",
    "mention_documents": "strings",
    "mention_quotes": "strings",
    "mention_starts": "integers",
    "mention_ends": "integers",
}
CORE_EDGE: dict[str, str] = {
    "id": "string",
    "type": "string",
    "cypher_type": "string",
    "document": "string",
    "quote": "string",
    "quote_start": "integer",
    "quote_end": "integer",
    "attribution": "string",
    "attributed_to": "string",
    "confidence": "number",
    "note": "string",
    # Every report of the relation (graph.corpus.model.Report), earliest published first: parallel lists, one
    # item per evidence record ("" where a record has no speaker or no date); the scalar fields above are the first.
    "documents": "strings",
    "evidence_count": "integer",
    "evidence_documents": "strings",
    "evidence_quotes": "strings",
    "evidence_starts": "integers",
    "evidence_ends": "integers",
    "evidence_attributions": "strings",
    "evidence_attributed_to": "strings",
    "evidence_confidences": "numbers",
    "evidence_dates": "strings",
    # Reports that disagree (a qualifier's values) or contradict another relation (`contradicts`, its ids).
    "conflicted": "boolean",
    "conflicts": "strings",
    "contradicts": "strings",
}
# Names no entity property or qualifier may take: the core fields and the names formats use for structure
# (`label`; an edge's `source`/`target`/`key`; `from`/`to`, the endpoint columns of the engines' relationship tables).
NODE_FIELDS = frozenset({NODE_KEY, *CORE_NODE, "label"})
EDGE_FIELDS = frozenset({*CORE_EDGE, "label", "source", "target", "key", "from", "to"})


@dataclass(frozen=True)
class Schema:
    """A validated schema; `spec` is the parsed file.

    Entity types may extend a parent (`extends:`); a parent may be `abstract: true`. What the rest of the
    package sees is resolved: `entity_types` holds the concrete types only, each with its inherited properties
    (and display, unless it sets its own), and each relation type's `source`/`target` lists name concrete types
    only (a parent in the file stands for every concrete type below it). `all_entity_types` is the file's list.
    """

    spec: m.SchemaFile
    file: str

    @property
    def all_entity_types(self) -> dict[str, m.EntityTypeSpec]:
        """Every entity type of the file, abstract ones included, as written."""
        return self.spec.entity_types

    @cached_property
    def entity_types(self) -> dict[str, m.EntityTypeSpec]:
        """The concrete entity types, in file order, with inherited properties and display."""
        types = self.spec.entity_types
        return {name: _inherited(name, types) for name, spec in types.items() if not spec.abstract}

    @cached_property
    def relation_types(self) -> dict[str, m.RelationTypeSpec]:
        """The relation types, their endpoint lists expanded to concrete types."""
        return {
            name: spec.model_copy(update={"source": self.concrete(spec.source), "target": self.concrete(spec.target)})
            for name, spec in self.spec.relation_types.items()
        }

    @cached_property
    def qualifiers(self) -> dict[str, m.ValueSpec]:
        """The declared qualifiers, each date qualifier followed by its `<name>_text` (the date as written)."""
        out: dict[str, m.ValueSpec] = {}
        for name, spec in self.spec.qualifiers.items():
            out[name] = spec
            if spec.type == "date":
                out[text_field(name)] = m.ValueSpec(description=f"{name} as the document words it, if not ISO")
        return out

    @cached_property
    def ordered(self) -> dict[str, m.ValueSpec]:
        """The date qualifiers that name one they may not precede (`not_before:`)."""
        return {name: spec for name, spec in self.spec.qualifiers.items() if spec.not_before is not None}

    def ancestors(self, entity_type: str) -> list[str]:
        """`entity_type`'s parents, nearest first."""
        out, at = [], self.spec.entity_types.get(entity_type)
        while at is not None and at.extends is not None and at.extends not in out:
            out.append(at.extends)
            at = self.spec.entity_types.get(at.extends)
        return out

    def concrete(self, names: list[str]) -> list[str]:
        """The concrete types `names` stand for (each, or every concrete type below it), in file order."""
        wanted = set(names)
        return [
            name
            for name, spec in self.spec.entity_types.items()
            if not spec.abstract and (name in wanted or wanted.intersection(self.ancestors(name)))
        ]

    def cypher_type(self, relation_type: str) -> str:
        """The relationship type used in Cypher for `relation_type`."""
        return cypher_type(relation_type, self.relation_types[relation_type])

    def allowed_qualifiers(self, relation_type: str) -> list[str]:
        """The qualifiers `relation_type` may carry, each date one followed by its `<name>_text`."""
        spec = self.relation_types[relation_type]
        out = []
        for name in (*spec.required, *spec.optional):
            out.append(name)
            if self.spec.qualifiers[name].type == "date":
                out.append(text_field(name))
        return out

    @property
    def stances(self) -> dict[str, int]:
        """The relation types that are stances, with their sign (+1 in favour, -1 against), in schema order."""
        return {name: spec.stance for name, spec in self.relation_types.items() if spec.stance is not None}

    def endpoint_pairs(self, relation_type: str) -> list[tuple[str, str]]:
        """Every (source type, target type) pair the schema allows for `relation_type`."""
        spec = self.relation_types[relation_type]
        return [(s, t) for s in spec.source for t in spec.target]


def text_field(name: str) -> str:
    """Where a date qualifier's words are kept when the document gives it in words ("Tuesday")."""
    return f"{name}_text"


def _inherited(name: str, types: dict[str, m.EntityTypeSpec]) -> m.EntityTypeSpec:
    """`name`'s spec with its ancestors' properties (theirs first) and the nearest display set explicitly."""
    chain, at = [], name
    while at is not None and at in types and at not in chain:
        chain.append(at)
        at = types[at].extends
    if len(chain) == 1:
        return types[name]
    properties: dict[str, m.ValueSpec] = {}
    for ancestor in reversed(chain):
        properties.update(types[ancestor].properties)
    display = next((types[a].display for a in chain if "display" in types[a].model_fields_set), types[name].display)
    return types[name].model_copy(update={"properties": properties, "display": display})


def cypher_type(name: str, spec: m.RelationTypeSpec) -> str:
    return spec.cypher or name.replace("-", "_").upper()


def load_schema(path: Path | str) -> Schema:
    """Load and check a schema file; raise `ValidationFailed` listing every problem."""
    path = Path(path)
    try:
        located = load_file(path)
    except LoadError as err:
        raise ValidationFailed([err.problem]) from None
    except OSError as err:
        raise ValidationFailed(
            [
                Problem(
                    str(path),
                    None,
                    f"cannot read schema: {err.strerror}",
                    "pass --schema PATH or put schema.yaml in the seeds folder",
                )
            ]
        ) from None
    spec, problems = parse(located, m.SchemaFile)
    if spec is not None:
        problems = check_schema(spec, located)
    if problems:
        raise ValidationFailed(problems)
    return Schema(spec, located.file)


def check_schema(spec: m.SchemaFile, located: Located) -> list[Problem]:
    """Meaning checks a parsed schema must pass: names, references, no reserved fields."""
    out: list[Problem] = []

    def bad(path: tuple, message: str, hint: str) -> None:
        out.append(Problem(located.file, located.line(path), message, hint))

    for name, etype in spec.entity_types.items():
        if not ENTITY_TYPE.fullmatch(name):
            bad(("entity_types", name), f"entity type {name!r} is not CamelCase", "e.g. GovernmentBody")
        _check_display(bad, ("entity_types", name, "display"), etype.display)
        for prop in etype.properties:
            _check_field(bad, ("entity_types", name, "properties", prop), prop, NODE_FIELDS)
        _check_parent(bad, spec, name)
    for name, qual in spec.qualifiers.items():
        _check_field(bad, ("qualifiers", name), name, EDGE_FIELDS)
        _check_qualifier(bad, spec, name, qual)
    seen_cypher: dict[str, str] = {}
    for name, rtype in spec.relation_types.items():
        path = ("relation_types", name)
        if not RELATION_TYPE.fullmatch(name):
            bad(path, f"relation type {name!r} is not kebab-case", "e.g. aligns-with")
        for side in ("source", "target"):
            for i, etype in enumerate(getattr(rtype, side)):
                if etype not in spec.entity_types:
                    bad(
                        (*path, side, i),
                        f"{name}.{side}: unknown entity type {etype!r}",
                        closest(etype, spec.entity_types),
                    )
                elif not Schema(spec, located.file).concrete([etype]):
                    bad(
                        (*path, side, i),
                        f"{name}.{side}: {etype} is abstract and no concrete type extends it",
                        f"add a type with `extends: {etype}` or name a concrete type",
                    )
        for group in ("required", "optional"):
            for i, qual in enumerate(getattr(rtype, group)):
                if qual not in spec.qualifiers:
                    bad(
                        (*path, group, i),
                        f"{name}.{group}: qualifier {qual!r} is not declared",
                        f"declare it under `qualifiers:` or {closest(qual, spec.qualifiers)}",
                    )
        _check_display(bad, (*path, "display"), rtype.display)
        for i, qual in enumerate(rtype.key or ()):
            if qual not in (*rtype.required, *rtype.optional):
                bad(
                    (*path, "key", i),
                    f"{name}.key: {qual!r} is not a qualifier of {name}",
                    f"a key rule names qualifiers the type allows: {', '.join([*rtype.required, *rtype.optional])}",
                )
        if rtype.stance is not None and not rtype.directed:
            bad(
                (*path, "stance"),
                f"{name}: a stance must be directed (source takes a stance on target)",
                "remove `stance:` or `directed: false`",
            )
        ctype = cypher_type(name, rtype)
        if not CYPHER_TYPE.fullmatch(ctype):
            bad(path, f"{name}: Cypher type {ctype!r} is not UPPER_SNAKE_CASE", "set `cypher:` to e.g. ALIGNS_WITH")
        elif ctype in seen_cypher:
            bad(path, f"{name}: Cypher type {ctype} is also used by {seen_cypher[ctype]!r}", "set a distinct `cypher:`")
        seen_cypher.setdefault(ctype, name)
    return out


def _check_parent(bad, spec: m.SchemaFile, name: str) -> None:
    """`extends:` names a known type, without a cycle; inherited properties are not declared again."""
    types, path = spec.entity_types, ("entity_types", name, "extends")
    parent = types[name].extends
    if parent is None:
        return
    if parent not in types:
        bad(path, f"entity type {name} extends unknown type {parent!r}", closest(parent, types))
        return
    seen = [name]
    while parent is not None and parent in types:
        if parent in seen:
            bad(path, f"entity type {name}: `extends` loops ({' -> '.join([*seen, parent])})", "break the cycle")
            return
        for prop in types[name].properties:
            if prop in types[parent].properties:
                bad(
                    ("entity_types", name, "properties", prop),
                    f"{name}.{prop} is already a property of its parent {parent}",
                    f"remove it here: {name} inherits it",
                )
        seen.append(parent)
        parent = types[parent].extends


def _check_qualifier(bad, spec: m.SchemaFile, name: str, qual: m.ValueSpec) -> None:
    """`<date>_text` is where a date's words go; `not_before:` links two date qualifiers."""
    path = ("qualifiers", name)
    for other, spec_other in spec.qualifiers.items():
        if spec_other.type == "date" and name == text_field(other):
            bad(path, f"qualifier {name!r} is reserved: it holds {other!r} as the text words it", "rename it")
    if qual.not_before is None:
        return
    earlier = spec.qualifiers.get(qual.not_before)
    if earlier is None or earlier.type != "date" or qual.type != "date":
        bad(
            (*path, "not_before"),
            f"qualifier {name!r}: not_before must name another date qualifier, and {name} must be a date",
            closest(qual.not_before, [q for q, v in spec.qualifiers.items() if v.type == "date"]),
        )


def _check_display(bad, path: tuple, display: m.NodeDisplay | m.EdgeDisplay) -> None:
    """Only colours and shapes the page draws by itself: no image, custom code or url() fetch."""
    if not (COLOR.fullmatch(display.color) or display.color.lower() in NAMED_COLORS):
        hint = "write #rgb, #rrggbb or a colour name such as red"
        bad((*path, "color"), f"display colour {display.color!r} is not a colour the page can draw", hint)
    shape = getattr(display, "shape", None)
    if shape is not None and shape not in NODE_SHAPES:
        bad(
            (*path, "shape"),
            f"display shape {shape!r} is not one the page can draw",
            f"use one of: {', '.join(sorted(NODE_SHAPES))}",
        )


def _check_field(bad, path: tuple, name: str, reserved: frozenset[str]) -> None:
    if not FIELD_NAME.fullmatch(name):
        bad(path, f"field name {name!r} is not snake_case", "use lower case letters, digits and _")
    elif name in reserved:
        bad(path, f"field name {name!r} is reserved", f"pick another name; reserved: {', '.join(sorted(reserved))}")
