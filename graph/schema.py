"""The schema: entity types, relation types and qualifiers, loaded from a data file."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    """A validated schema; `spec` is the parsed file."""

    spec: m.SchemaFile
    file: str

    @property
    def entity_types(self) -> dict[str, m.EntityTypeSpec]:
        return self.spec.entity_types

    @property
    def relation_types(self) -> dict[str, m.RelationTypeSpec]:
        return self.spec.relation_types

    @property
    def qualifiers(self) -> dict[str, m.ValueSpec]:
        return self.spec.qualifiers

    def cypher_type(self, relation_type: str) -> str:
        """The relationship type used in Cypher for `relation_type`."""
        return cypher_type(relation_type, self.relation_types[relation_type])

    def allowed_qualifiers(self, relation_type: str) -> list[str]:
        spec = self.relation_types[relation_type]
        return [*spec.required, *spec.optional]

    @property
    def stances(self) -> dict[str, int]:
        """The relation types that are stances, with their sign (+1 in favour, -1 against), in schema order."""
        return {name: spec.stance for name, spec in self.relation_types.items() if spec.stance is not None}

    def endpoint_pairs(self, relation_type: str) -> list[tuple[str, str]]:
        """Every (source type, target type) pair the schema allows for `relation_type`."""
        spec = self.relation_types[relation_type]
        return [(s, t) for s in spec.source for t in spec.target]


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
    for name in spec.qualifiers:
        _check_field(bad, ("qualifiers", name), name, EDGE_FIELDS)
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
