"""Translating a parsed query for the embedded engine (ladybug) so that its rows are Neo4j 5's.

The query is re-rendered from its syntax tree, never passed through as text. Each difference between
the engines is either rewritten (below) or refused with the construct and a supported form:

- relationship uniqueness within a MATCH: `id(r1) <> id(r2)` for every pair of fixed-length relationships;
  variable-length relationships use ladybug's TRAIL semantics (no relationship twice), alone in their MATCH;
- an undirected pattern is refused when the graph has a self-loop of a type it can match (ladybug counts
  such a loop twice); `WITH … ORDER BY/SKIP/LIMIT` is kept before later aggregation (an `UNWIND [0]` fence);
- `a + b` is null when either side is; `list[i]` counts from 0 (negative from the end, null out of range);
  `substring()` counts from 0; `type(r)`, `labels(n)`, `n:Label`, `(n:A:B)` (A and B) as Neo4j means them;
- map projections, list comprehensions, EXISTS { } and COUNT { } in ladybug's forms;
- unaliased columns are named by their text, as Neo4j names them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import ClassVar

from cypherast import ast as a
from cypherast.lexer import KEYWORDS, Lexer, TokenKind
from cypherast.renderer import Renderer

from graph.cypher.parse import Parsed, source, walk
from graph.errors import Refused

ENGINE = "embedded"
NEO4J = "or run it with --engine neo4j"
# Neo4j functions ladybug runs with the same meaning on the values this graph holds (lower-case).
SAME = frozenset(
    [
        "count",
        "collect",
        "min",
        "max",
        "sum",
        "avg",
        "coalesce",
        "size",
        "tolower",
        "toupper",
        "trim",
        "ltrim",
        "rtrim",
        "left",
        "right",
        "abs",
        "ceil",
        "floor",
        "sqrt",
        "sign",
    ]
)
# On a list property, list literal or collect(): Neo4j's meaning in ladybug's terms.
LIST_FUNCTIONS = {
    "head": "{items}[CASE WHEN size({items}) > 0 THEN 1 END]",
    "last": "{items}[CASE WHEN size({items}) > 0 THEN size({items}) END]",
}
TRANSLATED = frozenset({"type", "labels", "substring", *LIST_FUNCTIONS})
EMBEDDED_REFUSES = [
    "other functions (keys(), properties(), id(), toString(), replace(), …) and `=~`; reverse();"
    " head() and last() other than of a list property, list literal or collect()",
    "`list[index]` except a list property, list literal or collect() at a whole-number literal index; `list[a..b]`",
    "path variables `p = …`, `shortestPath()`, `allShortestPaths()`, pattern comprehensions, `reduce()`",
    "`RETURN *`, `WITH *`, `n {.*}`, WHERE inside a node or relationship pattern",
    "variable-length relationships that are named, unbounded, from 0 hops, with properties, or beside other"
    " relationships in one MATCH",
    "an undirected relationship that can match a self-loop of the graph, where the query counts rows"
    " (ladybug counts the loop twice); with RETURN DISTINCT and no aggregation it is answered",
    "label expressions other than `:A`, `:A:B` and `:A|B`; a `$parameter` inside a list predicate",
    "CALL subqueries and procedures",
]
AGGREGATES = frozenset(
    ["count", "collect", "min", "max", "sum", "avg", "stdev", "stdevp", "percentilecont", "percentiledisc"]
)
COMPOUND = (a.Binary, a.Unary, a.IsNull, a.LabelPredicate, a.PatternPredicate)


@dataclass
class Graph:
    """What the translator needs to know of the loaded graph: names, and the types that have self-loops."""

    labels: frozenset[str]
    types: frozenset[str]
    properties: frozenset[str]
    looped: frozenset[str] = frozenset()
    lists: frozenset[str] = frozenset()  # properties that hold lists


@dataclass(frozen=True)
class Translation:
    """The text ladybug runs, and one warning line per name the schema does not know."""

    text: str
    warnings: list[str] = field(default_factory=list)


def translate(parsed: Parsed, graph: Graph) -> Translation:
    """The ladybug text for `parsed`, or `Refused` for the first construct that cannot be made equal."""
    translator = _Translator(parsed, graph)
    text = translator.generate(parsed.tree)
    if any(t.kind is TokenKind.SEMICOLON for t in Lexer(text).tokenize()):  # defence in depth: one statement
        raise Refused("a statement separator in the translation", None, NEO4J, ENGINE)
    return Translation(text, translator.warnings)


class _Translator(Renderer):
    dialect_name = ENGINE
    unsupported: ClassVar[set[type[a.AstNode]]] = set()

    @staticmethod
    def _identifier(name: object) -> str:
        """A name as Cypher text; a keyword (a qualifier named `end`, `order`…) in backticks, as Neo4j reads it."""
        text = Renderer._identifier(name)
        return f"`{text}`" if text.upper() in KEYWORDS else text

    def __init__(self, parsed: Parsed, graph: Graph) -> None:
        self.text, self.graph = parsed.text, graph
        self._names = (f"__r{i}" for i in itertools.count())
        self._extra: list[list[str]] = []  # per MATCH being rendered: predicates to AND into its WHERE
        self._top: set[int] = set()
        self.warnings: list[str] = []
        for node in walk(parsed.tree):
            if isinstance(node, a.RelationshipPattern | a.NodePattern | a.Property | a.LabelPredicate):
                _warn_unknown(node, graph, self.warnings)
        self._mark_top(parsed.tree)
        self._subqueries: list[str] = []  # "exists" / "count" while rendering inside one
        self._as_set = _as_set(parsed.tree)
        self._entities = {  # variables bound to nodes or relationships somewhere in the query
            n.variable.this
            for n in walk(parsed.tree)
            if isinstance(n, a.NodePattern | a.RelationshipPattern) and isinstance(n.variable, a.Identifier)
        }

    def refuse(self, node: a.AstNode, construct: str, hint: str) -> Refused:
        return Refused(construct, getattr(node, "_pos", None), hint, ENGINE)

    def _mark_top(self, tree: a.AstNode) -> None:
        """The final RETURN of each branch of the outer query: their columns get Neo4j's names."""
        body = tree.this if isinstance(tree, a.Cypher) else tree
        stack = [body]
        while stack:
            node = stack.pop()
            if isinstance(node, a.Union):
                stack += [node.this, node.expression]
            elif isinstance(node, a.Query) and isinstance(node.clauses[-1], a.Return):
                self._top.add(id(node.clauses[-1]))

    # --- clauses ------------------------------------------------------------------------------

    def render_Match(self, node: a.Match) -> str:
        self._extra.append([])
        try:
            pattern = self.dispatch(node.pattern)
            self._unique(node)
            where = [f"({self.dispatch(node.where.this)})"] if node.where else []
            conds = self._extra[-1] + where
        finally:
            self._extra.pop()
        head = "OPTIONAL MATCH" if node.optional else "MATCH"
        return f"{head} {pattern}" + (f" WHERE {' AND '.join(conds)}" if conds else "")

    def _unique(self, node: a.Match) -> None:
        """Neo4j never binds one relationship twice in a MATCH: say so for ladybug."""
        rels = [r for p in node.pattern.paths for r in _rels(p)]
        if any(r.variable_length for r in rels) and len(rels) > 1:
            var = next(r for r in rels if r.variable_length)
            raise self.refuse(var, "a variable-length relationship beside others in one MATCH", f"split it; {NEO4J}")
        for r1, r2 in itertools.combinations(rels, 2):
            self._extra[-1].append(f"id({self.dispatch(r1.variable)}) <> id({self.dispatch(r2.variable)})")

    def render_With(self, node: a.With) -> str:
        if any(isinstance(e, a.Star) for e in node.expressions):
            raise self.refuse(node, "WITH *", f"name the variables to carry; {NEO4J}")
        body = "WITH " + ("DISTINCT " if node.distinct else "") + self._proj_list(node.expressions)
        tail = self._tail(node)
        if node.order and not (node.skip or node.limit):
            tail += " SKIP 0"
        body += tail
        if node.order or node.skip or node.limit:  # ladybug drops them before a later aggregate unless fenced
            body += f" UNWIND [0] AS {next(self._names)}"
            if node.where:
                body += f" WITH * WHERE {self.dispatch(node.where.this)}"
        elif node.where:
            body += f" WHERE {self.dispatch(node.where.this)}"
        return body

    def render_Return(self, node: a.Return) -> str:
        if any(isinstance(e, a.Star) for e in node.expressions):
            raise self.refuse(node, "RETURN *", f"name the columns; {NEO4J}")
        items = []
        for expr in node.expressions:
            if id(node) in self._top and not isinstance(expr, a.Alias):
                named = expr.this if isinstance(expr, a.MapProjection) else expr  # Neo4j names n {.a} `n`
                name = source(named, self.text) or self.dispatch(named)
                items.append(f"{self.dispatch(expr)} AS {self._identifier(name)}")
            else:
                items.append(self.dispatch(expr))
        return "RETURN " + ("DISTINCT " if node.distinct else "") + ", ".join(items) + self._tail(node)

    # --- patterns -----------------------------------------------------------------------------

    def render_PathPattern(self, node: a.PathPattern) -> str:
        if node.variable:
            raise self.refuse(node, "a path variable", f"name the nodes and relationships instead; {NEO4J}")
        return "".join(self.dispatch(e) for e in node.elements)

    def render_ShortestPath(self, node: a.ShortestPath) -> str:
        raise self.refuse(node, "shortestPath()/allShortestPaths()", NEO4J)

    def render_NodePattern(self, node: a.NodePattern) -> str:
        var = self.dispatch(node.variable) if node.variable else ""
        labels = ""
        if node.labels:
            names = self._labels(node, node.labels)
            if node.labels.expression:  # A|B: either label
                known = [n for n in names if n in self.graph.labels]
                labels = "".join(f":{self._identifier(n)}" for n in known)
                if not known:
                    self._where("false")
            else:  # A:B: every label; a node has exactly one
                if any(n not in self.graph.labels for n in names) or len(set(names)) > 1:
                    self._where("false")
                elif names:
                    labels = f":{self._identifier(names[0])}"
        props = self._pattern_properties(node)
        if node.where:
            raise self.refuse(node, "WHERE inside a node pattern", "move it to the MATCH's WHERE")
        return f"({var}{labels}{' ' + props if props else ''})"

    def _pattern_properties(self, node: a.NodePattern | a.RelationshipPattern) -> str:
        """`{key: value}` in a pattern; a key no table has matches nothing, as on Neo4j."""
        if not isinstance(node.properties, a.Map):
            return self.dispatch(node.properties) if node.properties else ""
        known = [(k, v) for k, v in node.properties.entries if k in self.graph.properties]
        if len(known) < len(node.properties.entries):
            self._where("false")
        return self.render_Map(a.Map(entries=known)) if known else ""

    def _labels(self, node: a.AstNode, labels: a.LabelExpression) -> list[str]:
        if not labels.expression:
            return list(labels.labels)
        names = labels.expression.split("|")
        if any(not n.isidentifier() for n in names):
            raise self.refuse(node, f"the label expression :{labels.expression}", f"use :A, :A:B or :A|B; {NEO4J}")
        return names

    def render_RelationshipPattern(self, node: a.RelationshipPattern) -> str:
        if node.where:
            raise self.refuse(node, "WHERE inside a relationship pattern", "move it to the MATCH's WHERE")
        if node.variable is None:
            node.variable = a.Identifier(this=next(self._names))
        types = list(node.types or [])
        known = [t for t in types if t in self.graph.types]
        if types and not known:
            self._where("false")
        possible = set(known) if types else set(self.graph.types)
        counted = "count" in self._subqueries or not (self._as_set or self._subqueries)
        if node.direction is a.Direction.BOTH and possible & self.graph.looped and counted:
            raise self.refuse(
                node,
                "an undirected relationship pattern where the graph has self-loops",
                f"give a direction (-->, <--) or a type without self-loops; {NEO4J}",
            )
        detail = self.dispatch(node.variable)
        if known:
            detail += ":" + "|".join(self._identifier(t) for t in known)
        if node.variable_length:
            detail = self._var_length(node, detail)
        props = self._pattern_properties(node)
        if props:
            detail += " " + props
        if node.direction is a.Direction.OUTGOING:
            return f"-[{detail}]->"
        if node.direction is a.Direction.INCOMING:
            return f"<-[{detail}]-"
        return f"-[{detail}]-"

    def _var_length(self, node: a.RelationshipPattern, detail: str) -> str:
        if not node.variable.this.startswith("__r"):
            raise self.refuse(node, "a named variable-length relationship", f"leave it unnamed; {NEO4J}")
        if node.max_hops is None:
            raise self.refuse(node, "an unbounded variable-length relationship", "give an upper bound, e.g. *1..3")
        low = 1 if node.min_hops is None else node.min_hops
        if low < 1:
            raise self.refuse(node, "a zero-length relationship", "start from one hop, e.g. *1..3")
        if node.properties:
            raise self.refuse(node, "properties on a variable-length relationship", NEO4J)
        return f"{detail}* TRAIL {low}..{node.max_hops}"

    def _where(self, predicate: str) -> None:
        if not self._extra:
            raise Refused("this pattern outside MATCH", None, NEO4J, ENGINE)
        self._extra[-1].append(predicate)

    # --- expressions --------------------------------------------------------------------------

    def _operand(self, node: a.AstNode) -> str:
        text = self.dispatch(node)
        return f"({text})" if isinstance(node, COMPOUND) else text

    def _bin(self, node: a.Binary, op: str) -> str:
        return f"{self._operand(node.this)} {op} {self._operand(node.expression)}"

    def render_Not(self, node: a.Not) -> str:
        return f"NOT {self._operand(node.this)}"

    def render_Neg(self, node: a.Neg) -> str:
        return f"-{self._operand(node.this)}"

    def render_IsNull(self, node: a.IsNull) -> str:
        return f"{self._operand(node.this)} IS{' NOT' if node.not_ else ''} NULL"

    def render_Add(self, node: a.Add) -> str:
        left, right = self._operand(node.this), self._operand(node.expression)
        if isinstance(node.this, a.Null) or isinstance(node.expression, a.Null):
            return "NULL"
        return f"(CASE WHEN {left} IS NULL OR {right} IS NULL THEN NULL ELSE {left} + {right} END)"

    def render_RegexMatch(self, node: a.RegexMatch) -> str:
        raise self.refuse(node, "=~ (regular expressions)", f"use STARTS WITH, ENDS WITH or CONTAINS; {NEO4J}")

    def render_Float(self, node: a.Float) -> str:
        return repr(float(node.this))

    def render_Property(self, node: a.Property) -> str:
        """A property no table has is null on Neo4j; ladybug would fail to bind it."""
        subject = node.this
        if (
            isinstance(subject, a.Identifier)
            and subject.this in self._entities
            and node.name not in self.graph.properties
        ):
            return "NULL"
        return f"{self._operand(subject)}.{self._identifier(node.name)}"

    def render_ListSubscript(self, node: a.ListSubscript) -> str:
        """`list[i]` counts from 0 (negative from the end) and is null out of range; ladybug counts from 1."""
        index = node.index
        literal = isinstance(index, a.Integer) or (isinstance(index, a.Neg) and isinstance(index.this, a.Integer))
        if not literal or not self._is_list(node.this):
            raise self.refuse(node, "list[index] other than a list property or literal at a whole-number index", NEO4J)
        items, i = self._operand(node.this), self._operand(index)
        return (
            f"{items}[CASE WHEN {i} >= 0 AND {i} < size({items}) THEN {i} + 1 "
            f"WHEN {i} < 0 AND -{i} <= size({items}) THEN size({items}) + {i} + 1 END]"
        )

    def _is_list(self, node: a.AstNode) -> bool:
        if isinstance(node, a.List):
            return True
        if isinstance(node, a.Property):
            return node.name in self.graph.lists
        return isinstance(node, a.FunctionCall) and node.name.lower() == "collect"

    def render_ListSlice(self, node: a.ListSlice) -> str:
        raise self.refuse(node, "a list slice list[a..b]", NEO4J)

    def render_LabelPredicate(self, node: a.LabelPredicate) -> str:
        names = self._labels(node, node.labels)
        subject = self._operand(node.this)
        tests = [f"label({subject}) = {self.render_String(a.String(this=n))}" for n in names]
        joiner = " OR " if node.labels.expression else " AND "
        return "(" + joiner.join(tests) + ")"

    def render_FunctionCall(self, node: a.FunctionCall) -> str:
        name = node.name.lower()
        if name == "count" and len(node.expressions) == 1 and isinstance(node.expressions[0], a.Star):
            return "count(*)"
        args = [self.dispatch(e) for e in node.expressions]
        if name == "type" and len(args) == 1:
            return f"label({args[0]})"
        if name == "labels" and len(args) == 1:
            return f"[label({args[0]})]"
        if name == "substring" and len(args) in (2, 3):
            length = args[2] if len(args) == 3 else f"size({args[0]})"
            return f"substring({args[0]}, ({args[1]}) + 1, {length})"
        if name in LIST_FUNCTIONS and len(args) == 1 and self._is_list(node.expressions[0]):
            items = self._operand(node.expressions[0])
            return LIST_FUNCTIONS[name].format(items=items)
        if name not in SAME:
            raise self.refuse(node, f"the function {node.name}()", NEO4J)
        return f"{node.name}({'DISTINCT ' if node.distinct else ''}{', '.join(args)})"

    def render_Star(self, node: a.Star) -> str:
        raise self.refuse(node, "*", NEO4J)

    def render_MapProjection(self, node: a.MapProjection) -> str:
        subject = self.dispatch(node.this)
        parts = []
        for entry in node.entries:
            if isinstance(entry, a.PropertySelector):
                parts.append(f"{self._identifier(entry.name)}: {subject}.{self._identifier(entry.name)}")
            elif isinstance(entry, tuple):
                parts.append(f"{self._identifier(entry[0])}: {self.dispatch(entry[1])}")
            else:
                raise self.refuse(node, "n {.*} in a map projection", f"list the properties: n {{.id, .name}}; {NEO4J}")
        return "{" + ", ".join(parts) + "}"

    def render_Map(self, node: a.Map) -> str:
        return "{" + ", ".join(f"{self._identifier(k)}: {self.dispatch(v)}" for k, v in node.entries) + "}"

    def _no_parameters(self, node: a.AstNode) -> None:
        """Ladybug cannot read a parameter inside a list lambda."""
        for inner in walk(node):
            if isinstance(inner, a.Parameter):
                raise self.refuse(
                    inner,
                    f"the parameter ${inner.name} inside a list predicate",
                    f"bind it first, e.g. WITH ${inner.name} AS value, and use value inside",
                )

    def render_ListComprehension(self, node: a.ListComprehension) -> str:
        self._no_parameters(node)
        var = self.dispatch(node.variable)
        text = self.dispatch(node.source)
        if node.where:
            text = f"list_filter({text}, {var} -> {self.dispatch(node.where)})"
        if node.projection:
            text = f"list_transform({text}, {var} -> {self.dispatch(node.projection)})"
        return text

    def render_ListLambda(self, node: a.ListLambda) -> str:
        raise self.refuse(node, f"{node.name}()", NEO4J)

    def render_PatternComprehension(self, node: a.PatternComprehension) -> str:
        raise self.refuse(node, "a pattern comprehension [(a)-->(b) | …]", f"use COUNT {{ … }} or a MATCH; {NEO4J}")

    def render_PatternPredicate(self, node: a.PatternPredicate) -> str:
        body = self._subquery(node.pattern, "exists")
        return f"{'NOT ' if node.not_ else ''}EXISTS {{ {body} }}"

    def render_CountSubquery(self, node: a.CountSubquery) -> str:
        return f"COUNT {{ {self._subquery(node.query, 'count')} }}"

    def _subquery(self, pattern: a.AstNode, kind: str) -> str:
        self._subqueries.append(kind)
        try:
            return self._subquery_body(pattern)
        finally:
            self._subqueries.pop()

    def _subquery_body(self, pattern: a.AstNode) -> str:
        if isinstance(pattern, a.PathPattern):
            return self.render_Match(a.Match(pattern=a.Pattern(paths=[pattern])))
        if isinstance(pattern, a.Query) and all(isinstance(c, a.Match) for c in pattern.clauses):
            return " ".join(self.dispatch(c) for c in pattern.clauses)
        raise self.refuse(pattern, "a subquery with clauses other than MATCH", NEO4J)

    def render_Quantifier(self, node: a.Quantifier) -> str:
        if node.name.lower() not in ("any", "all", "none", "single"):
            raise self.refuse(node, f"{node.name}()", NEO4J)
        self._no_parameters(node)
        return super().render_Quantifier(node)


def _as_set(tree: a.AstNode) -> bool:
    """Whether the query's rows are a set: duplicate matches can change neither which rows nor how many.

    True when every final RETURN is DISTINCT (or a UNION removes duplicates), nothing aggregates and no
    WITH cuts rows with SKIP/LIMIT. Ladybug counts an undirected self-loop twice; such a query cannot tell.
    """
    body = tree.this if isinstance(tree, a.Cypher) else tree
    if isinstance(body, a.Union):
        branches_distinct = all(n.distinct for n in walk(body) if isinstance(n, a.Union))
    else:
        branches_distinct = False
    for node in walk(body):
        if isinstance(node, a.FunctionCall) and node.name.lower() in AGGREGATES:
            return False
        if isinstance(node, a.With) and (node.skip or node.limit):
            return False
        if isinstance(node, a.CountSubquery):
            return False
    queries = [n for n in walk(body) if isinstance(n, a.Query) and n.clauses and isinstance(n.clauses[-1], a.Return)]
    return branches_distinct or all(
        q.clauses[-1].distinct and not q.clauses[-1].limit and not q.clauses[-1].skip for q in queries
    )


def _rels(path: a.AstNode) -> list[a.RelationshipPattern]:
    return [e for e in path.elements if isinstance(e, a.RelationshipPattern)] if isinstance(path, a.PathPattern) else []


def _warn_unknown(node: a.AstNode, graph: Graph, warnings: list[str]) -> None:
    """One warning per label, relationship type or property the schema does not know."""
    names: list[tuple[str, str]] = []
    if isinstance(node, a.NodePattern | a.LabelPredicate) and node.labels:
        labels = node.labels.expression.split("|") if node.labels.expression else node.labels.labels
        names += [("label", n) for n in labels if n not in graph.labels]
    if isinstance(node, a.RelationshipPattern):
        names += [("relationship type", t) for t in node.types or [] if t not in graph.types]
    if isinstance(node, a.NodePattern | a.RelationshipPattern) and isinstance(node.properties, a.Map):
        names += [("property", k) for k, _ in node.properties.entries if k not in graph.properties]
    if isinstance(node, a.Property) and isinstance(node.this, a.Identifier) and node.name not in graph.properties:
        names.append(("property", node.name))
    for kind, name in names:
        line = f"warning: the schema has no {kind} {name!r}: it matches nothing"
        if line not in warnings:
            warnings.append(line)
