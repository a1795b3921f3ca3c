"""The portable Cypher dialect: the subset on which the embedded engine (ladybug) and Neo4j 5 agree.

A tokenizer-level check: string literals and comments are skipped, so a word inside a quote or a
comment never counts. It is strict on purpose; a query it accepts runs the same on both engines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_HOPS = 3
RELS = ("-", "<-")
LIST_PREDICATES = ("any", "all", "none", "single")

# Functions both engines provide with the same meaning (checked on ladybug 0.22 and Neo4j 5).
PORTABLE_FUNCTIONS = frozenset(
    {
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
        "replace",
        "reverse",
        "abs",
        "any",
        "all",
        "none",
        "single",
    }
)

# Functions with a known portable replacement (lower-case name -> hint).
FUNCTION_HINTS = {
    "type": "store-and-filter on the property instead: r.type (kebab-case) or r.cypher_type",
    "labels": "use the node's `type` property: n.type",
    "id": "use the `id` property: n.id (internal ids differ between engines)",
    "elementid": "use the `id` property: n.id",
    "shortestpath": "use a small bounded pattern with DISTINCT, e.g. -[*1..3]-",
    "allshortestpaths": "use a small bounded pattern with DISTINCT, e.g. -[*1..3]-",
    "substring": "indexes differ (ladybug counts from 1, Neo4j from 0); use left()/right() or STARTS WITH/CONTAINS",
    "lower": "use toLower()",
    "upper": "use toUpper()",
    "tostring": "return the value itself; the output formats render it",
    "tointeger": "store the value with its schema type instead of converting",
    "tofloat": "store the value with its schema type instead of converting",
    "nodes": "return properties of named nodes instead of path nodes",
    "relationships": "return properties of named relationships instead of path relationships",
    "length": "name the hops you need with a bounded pattern; path values are not portable",
    "startnode": "name both ends in the pattern: (a)-[r]->(b)",
    "endnode": "name both ends in the pattern: (a)-[r]->(b)",
    "properties": "return the properties you need by name",
    "keys": "return the properties you need by name",
    "exists": "use IS NOT NULL for a property, or EXISTS { MATCH ... } for a pattern",
}

# Keywords, one per construct the dialect leaves out (lower-case -> hint).
KEYWORD_HINTS = {
    "create": "queries are read-only: the graph is built from the seeds",
    "merge": "queries are read-only: the graph is built from the seeds",
    "delete": "queries are read-only: the graph is built from the seeds",
    "detach": "queries are read-only: the graph is built from the seeds",
    "set": "queries are read-only: the graph is built from the seeds",
    "remove": "queries are read-only: the graph is built from the seeds",
    "call": "procedures differ between engines; use MATCH",
    "load": "queries read the graph only",
    "copy": "queries read the graph only",
    "shortest": "use a small bounded pattern with DISTINCT, e.g. -[*1..3]-",
    "foreach": "queries are read-only",
}

# Words that may precede "(" without being a function call.
NOT_FUNCTIONS = frozenset(
    {
        "match",
        "optional",
        "where",
        "and",
        "or",
        "xor",
        "not",
        "in",
        "return",
        "with",
        "unwind",
        "as",
        "when",
        "then",
        "else",
        "case",
        "distinct",
        "by",
        "is",
        "contains",
        "union",
        "all",
        "limit",
        "skip",
    }
)

TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<quoted>`[^`]*(?:`|\Z))
  | (?P<param>\$[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\.\.|<>|<=|>=|=~|->|<-|\S)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str  # param, number, word, quoted, string, op
    text: str
    offset: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Violation:
    """One construct outside the portable dialect, where it starts and its portable form."""

    construct: str
    offset: int
    hint: str

    def where(self, query: str) -> str:
        line = query.count("\n", 0, self.offset) + 1
        column = self.offset - (query.rfind("\n", 0, self.offset) + 1) + 1
        return f"line {line}, column {column}"

    def describe(self, query: str) -> str:
        return f"{self.construct} ({self.where(query)}) is outside the portable dialect: {self.hint}"


def tokens(query: str) -> list[Token]:
    """The query's tokens, without whitespace and comments (string literals kept as one token)."""
    out = []
    for m in TOKEN.finditer(query):
        if m.lastgroup not in ("ws", "comment"):
            out.append(Token(m.lastgroup or "op", m.group(), m.start()))
    return out


def parameters(query: str) -> list[str]:
    """The names of the `$parameters` a query uses, sorted, each once."""
    return sorted({t.text[1:] for t in tokens(query) if t.kind == "param"})


def check(query: str) -> list[Violation]:
    """Every construct in `query` outside the portable dialect, in query order."""
    toks = tokens(query)
    found = [
        *_functions_and_keywords(toks),
        *_brackets(toks),
        *_whole_values(toks),
        *_statements(toks),
        *_params_in_list_predicates(toks),
        *_walks_without_distinct(toks),
    ]
    return sorted(set(found), key=lambda v: (v.offset, v.construct))


def _functions_and_keywords(toks: list[Token]) -> list[Violation]:
    out = []
    for i, tok in enumerate(toks):
        if tok.kind != "word" or (i and toks[i - 1].text in (".", ":")):
            continue
        if tok.low in KEYWORD_HINTS:
            out.append(Violation(tok.text.upper(), tok.offset, KEYWORD_HINTS[tok.low]))
            continue
        is_call = i + 1 < len(toks) and toks[i + 1].text == "("
        if not is_call or tok.low in PORTABLE_FUNCTIONS or tok.low in NOT_FUNCTIONS:
            continue
        hint = FUNCTION_HINTS.get(tok.low, "portable functions are: " + ", ".join(sorted(PORTABLE_FUNCTIONS)))
        out.append(Violation(f"{tok.text}()", tok.offset, hint))
    return out


def _brackets(toks: list[Token]) -> list[Violation]:
    """Checks that depend on being inside a node pattern `( )` or a list/relationship `[ ]`."""
    out = []
    stack: list[tuple[str, int]] = []  # (bracket, index of its token)
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i else None
        if tok.text in "([{" and tok.kind == "op":
            stack.append((tok.text, i))
            if tok.text == "[":
                out += _open_square(toks, i, prev)
        elif tok.text in ")]}" and tok.kind == "op" and stack:
            opener, start = stack.pop()
            if opener == "[" and start and toks[start - 1].text in ("-", "<-"):
                out += _var_length(toks[start + 1 : i], toks[start])
        elif tok.text == ":" and stack and stack[-1][0] == "(" and _label_after(toks, i):
            nxt = toks[i + 2] if i + 2 < len(toks) else None
            if nxt is not None and nxt.text in (":", "|", "&", "!"):
                out.append(Violation("multi-label pattern", tok.offset, "match one label and filter on n.type"))
    return out


def _open_square(toks: list[Token], i: int, prev: Token | None) -> list[Violation]:
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    after = toks[i + 2] if i + 2 < len(toks) else None
    if prev is not None and prev.text in ("-", "<-"):
        return []  # a relationship pattern
    if prev is not None and _ends_value(prev):
        return [Violation("list indexing", toks[i].offset, "ladybug counts from 1, Neo4j from 0; avoid [i]")]
    if nxt is not None and nxt.kind == "word" and after is not None and after.low == "in":
        return [Violation("list comprehension", toks[i].offset, "use any()/all()/none() or UNWIND and WITH")]
    if nxt is not None and nxt.text == "(":
        return [Violation("pattern comprehension", toks[i].offset, "use OPTIONAL MATCH and collect()")]
    return []


def _ends_value(tok: Token) -> bool:
    """Whether `tok` can end an expression, so a following `[` indexes it."""
    if tok.kind == "word":
        return tok.low not in NOT_FUNCTIONS
    return tok.kind in ("quoted", "param") or tok.text in (")", "]")


def _label_after(toks: list[Token], i: int) -> bool:
    return i + 1 < len(toks) and toks[i + 1].kind in ("word", "quoted")


def _var_length(inner: list[Token], opener: Token) -> list[Violation]:
    """A relationship pattern's `*min..max`: both bounds given, max at most MAX_HOPS."""
    star = next((k for k, t in enumerate(inner) if t.text == "*"), None)
    if star is None:
        return []
    rest = [t.text for t in inner[star + 1 :]]
    bounded = (
        len(rest) >= 3 and rest[0].isdigit() and rest[1] == ".." and rest[2].isdigit() and int(rest[2]) <= MAX_HOPS
    )
    if bounded:
        return []
    return [
        Violation(
            "unbounded or long variable-length pattern",
            opener.offset,
            f"give both bounds, at most {MAX_HOPS} hops, e.g. [*1..2], and return DISTINCT rows",
        )
    ]


def _whole_values(toks: list[Token]) -> list[Violation]:
    """RETURN items that are a bare pattern variable (a whole node, relationship or path)."""
    bound = _pattern_variables(toks)
    out = []
    for item in _return_items(toks):
        if [t.text for t in item] == ["*"]:
            out.append(Violation("RETURN *", item[0].offset, "name the properties to return, e.g. n.name, r.quote"))
            continue
        words = [t for t in item if t.text.lower() not in ("distinct", "collect", "(", ")")]
        if words and words[0].text in bound and (len(words) == 1 or words[1].low == "as"):
            out.append(
                Violation(
                    f"returning whole {words[0].text!r}",
                    words[0].offset,
                    "return scalar properties, e.g. n.name, r.quote",
                )
            )
    return out


def _pattern_variables(toks: list[Token]) -> set[str]:
    names = set()
    for i, tok in enumerate(toks[:-1]):
        if tok.kind != "word":
            continue
        prev, nxt = toks[i - 1] if i else None, toks[i + 1]
        in_node = prev is not None and prev.text == "(" and nxt.text in (":", ")", "{")
        opener_before = toks[i - 2] if i >= 2 else None
        node_pattern = in_node and (opener_before is None or not _ends_value(opener_before))
        in_rel = prev is not None and prev.text == "[" and opener_before is not None and opener_before.text in RELS
        path = (
            nxt.text == "="
            and i + 2 < len(toks)
            and toks[i + 2].text == "("
            and prev is not None
            and (prev.low == "match" or prev.text == ",")
        )
        if node_pattern or in_rel or path:
            names.add(tok.text)
    return names


def _return_items(toks: list[Token]) -> list[list[Token]]:
    """The comma-separated items of every RETURN clause, at bracket depth 0."""
    items: list[list[Token]] = []
    current: list[Token] | None = None
    depth = 0
    for tok in toks:
        low = tok.low if tok.kind == "word" else ""
        if low == "return" and depth == 0:
            current = []
            items.append(current)
            continue
        if current is None:
            continue
        if low in ("order", "skip", "limit", "union") and depth == 0:
            current = None
        elif tok.text in "([{" and tok.kind == "op":
            depth += 1
            current.append(tok)
        elif tok.text in ")]}" and tok.kind == "op":
            depth -= 1
            current.append(tok)
        elif tok.text == "," and depth == 0:
            current = []
            items.append(current)
        else:
            current.append(tok)
    return [i for i in items if i]


def _walks_without_distinct(toks: list[Token]) -> list[Violation]:
    """Variable-length patterns match walks on ladybug and trails on Neo4j: only DISTINCT rows agree."""
    if any(t.kind == "word" and t.low == "distinct" for t in toks):
        return []
    stars = [t for i, t in enumerate(toks) if t.text == "*" and _in_relationship(toks, i)]
    return [
        Violation(
            "variable-length pattern without DISTINCT",
            star.offset,
            "return DISTINCT rows (ladybug matches walks, Neo4j trails, so duplicate rows differ)",
        )
        for star in stars[:1]
    ]


def _in_relationship(toks: list[Token], i: int) -> bool:
    """Whether token `i` is inside `-[ ... ]`."""
    for j in range(i - 1, -1, -1):
        if toks[j].text in ("]", ")"):
            return False
        if toks[j].text == "[":
            return j > 0 and toks[j - 1].text in RELS
    return False


def _params_in_list_predicates(toks: list[Token]) -> list[Violation]:
    """A `$param` inside any()/all()/none()/single(): ladybug 0.22 cannot bind it there."""
    out = []
    depth_at_open: list[int] = []
    depth = 0
    for i, tok in enumerate(toks):
        if tok.kind == "op" and tok.text in "([{":
            depth += 1
            if i and toks[i - 1].low in LIST_PREDICATES and toks[i - 1].kind == "word":
                depth_at_open.append(depth)
        elif tok.kind == "op" and tok.text in ")]}":
            if depth_at_open and depth_at_open[-1] == depth:
                depth_at_open.pop()
            depth -= 1
        elif tok.kind == "param" and depth_at_open:
            out.append(
                Violation(
                    f"parameter {tok.text} inside a list predicate",
                    tok.offset,
                    f"bind it first, e.g. WITH {tok.text} AS value, and use value inside",
                )
            )
    return out


def _statements(toks: list[Token]) -> list[Violation]:
    semis = [t for t in toks if t.text == ";"]
    if len(semis) > 1 or (semis and semis[-1] is not toks[-1]):
        return [Violation("several statements", semis[0].offset, "one query per file or command")]
    return []
