"""The allow-list: the clauses, expressions, functions and procedures a query may use, on each engine.

Anything not listed here is refused before the query runs, with the construct, its line:column and the
nearest supported form. `queries/README.md` lists this language (see `language()`); a test keeps it current.
"""

from __future__ import annotations

from pathlib import Path

from cypherast import ast as a

from graph.cypher.parse import Refused, children

READ_CLAUSES: dict[type[a.AstNode], str] = {
    a.Match: "MATCH / OPTIONAL MATCH … WHERE",
    a.With: "WITH [DISTINCT] … [ORDER BY] [SKIP] [LIMIT] [WHERE]",
    a.Unwind: "UNWIND list AS x",
    a.Return: "RETURN [DISTINCT] … [ORDER BY] [SKIP] [LIMIT]",
    a.Union: "UNION / UNION ALL",
}
WRITE_CLAUSES: dict[type[a.AstNode], str] = {
    a.Create: "CREATE",
    a.Merge: "MERGE",
    a.OnCreate: "ON CREATE SET",
    a.OnMatch: "ON MATCH SET",
    a.Set: "SET",
    a.SetItem: "SET",
    a.Delete: "DELETE / DETACH DELETE",
    a.Remove: "REMOVE",
    a.RemoveLabels: "REMOVE",
    a.Foreach: "FOREACH",
}
STRUCTURE = {a.Cypher, a.Query, a.Where, a.Order, a.Ordered, a.Skip, a.Limit, a.Alias}
EXPRESSIONS: dict[type[a.AstNode], str] = {
    a.Null: "null",
    a.Boolean: "true, false",
    a.Integer: "integers",
    a.Float: "floats",
    a.String: "strings",
    a.Parameter: "$parameters",
    a.Identifier: "variables",
    a.Star: "RETURN *, count(*), map projection .*",
    a.Property: "x.property",
    a.PropertySelector: "map projection n {.property}",
    a.MapProjection: "map projections n {.a, .b, key: expr}",
    a.LabelPredicate: "WHERE n:Label",
    a.Map: "map literals {key: value}",
    a.List: "list literals [a, b]",
    a.ListSubscript: "list[index] (0-based; negative from the end)",
    a.ListSlice: "list[from..to]",
    a.Add: "+",
    a.Sub: "-",
    a.Mul: "*",
    a.Div: "/",
    a.Mod: "%",
    a.Pow: "^",
    a.EQ: "=",
    a.NEQ: "<>",
    a.LT: "<",
    a.LTE: "<=",
    a.GT: ">",
    a.GTE: ">=",
    a.And: "AND",
    a.Or: "OR",
    a.Xor: "XOR",
    a.Not: "NOT",
    a.Neg: "unary -",
    a.In: "IN",
    a.StartsWith: "STARTS WITH",
    a.EndsWith: "ENDS WITH",
    a.Contains: "CONTAINS",
    a.RegexMatch: "=~",
    a.IsNull: "IS NULL, IS NOT NULL",
    a.FunctionCall: "the functions below",
    a.Case: "CASE … WHEN … THEN … ELSE … END",
    a.Coalesce: "coalesce()",
    a.ListComprehension: "[x IN list WHERE pred | expr]",
    a.Quantifier: "any/all/none/single(x IN list WHERE pred)",
    a.ListLambda: "reduce(acc = init, x IN list | expr)",
    a.PatternComprehension: "[(a)-->(b) WHERE pred | expr]",
    a.PatternPredicate: "EXISTS { MATCH … }, a pattern as a predicate",
    a.CountSubquery: "COUNT { … }",
    a.Pattern: "patterns",
    a.PathPattern: "p = (a)-[r]->(b)",
    a.NodePattern: "(n:Label {key: value})",
    a.RelationshipPattern: "-[r:TYPE|OTHER*min..max {key: value}]->",
    a.LabelExpression: "labels :A, :A:B, types :T|U",
    a.ShortestPath: "shortestPath(…), allShortestPaths(…)",
}
NEO4J_ONLY: dict[type[a.AstNode], str] = {
    a.CallSubquery: "CALL { … } subqueries",
    a.CallProcedure: "CALL of the procedures below",
    a.Yield: "YIELD",
}
# Functions with a known Neo4j 5 meaning (lower-case names).
FUNCTIONS = frozenset(
    [
        "count",
        "collect",
        "sum",
        "avg",
        "min",
        "max",
        "stdev",
        "stdevp",
        "percentilecont",
        "percentiledisc",
        "coalesce",
        "size",
        "length",
        "type",
        "labels",
        "keys",
        "properties",
        "startnode",
        "endnode",
        "nodes",
        "relationships",
        "id",
        "elementid",
        "head",
        "last",
        "tail",
        "range",
        "reverse",
        "isempty",
        "tolower",
        "toupper",
        "trim",
        "ltrim",
        "rtrim",
        "left",
        "right",
        "replace",
        "split",
        "substring",
        "tostring",
        "tointeger",
        "tofloat",
        "toboolean",
        "tostringornull",
        "tointegerornull",
        "tofloatornull",
        "tobooleanornull",
        "abs",
        "ceil",
        "floor",
        "round",
        "sign",
        "sqrt",
        "exp",
        "log",
        "log10",
        "e",
        "pi",
        "isnan",
        "date",
        "datetime",
        "localdatetime",
        "localtime",
        "time",
        "duration",
        "timestamp",
    ]
)
PROCEDURES = frozenset({"db.labels", "db.relationshiptypes", "db.propertykeys"})
FIX = {
    "write": "queries read the graph; writes are allowed only on --engine neo4j with --write",
    "write_neo4j": "the query writes, but the neo4j engine only reads: add --write to allow it",
    "call": "use MATCH, EXISTS { … } or COUNT { … } instead of CALL",
    "procedure": "call only db.labels(), db.relationshipTypes() or db.propertyKeys()",
    "other": "see queries/README.md for the accepted language",
}


def check(tree: a.AstNode, engine: str, write: bool = False) -> None:
    """Raise `Refused` for the first construct in `tree` outside the allow-list of `engine`."""
    _check(tree, engine, write, None)


def _check(node: a.AstNode, engine: str, write: bool, where: tuple[int, int] | None) -> None:
    where = getattr(node, "_pos", where)
    kind = type(node)
    if kind in WRITE_CLAUSES:
        if not (engine == "neo4j" and write):
            hint = FIX["write_neo4j"] if engine == "neo4j" else FIX["write"]
            raise Refused(WRITE_CLAUSES[kind], where, hint, engine)
    elif kind in NEO4J_ONLY:
        if engine != "neo4j":
            construct = f"CALL {node.name}()" if kind is a.CallProcedure else NEO4J_ONLY[kind]
            raise Refused(construct, where, FIX["call"], engine)
        if kind is a.CallProcedure and node.name.lower() not in PROCEDURES:
            raise Refused(f"CALL {node.name}()", where, FIX["procedure"], engine)
    elif kind is a.FunctionCall:
        if node.name.lower() not in FUNCTIONS:
            raise Refused(f"the function {node.name}()", where, FIX["other"], engine)
    elif kind is a.Cypher and node.version is not None:
        raise Refused("a CYPHER version prefix", where, "remove it", engine)
    elif kind not in READ_CLAUSES and kind not in EXPRESSIONS and kind not in STRUCTURE:
        raise Refused(kind.__name__, where, FIX["other"], engine)
    if isinstance(node, a.With | a.Return) and node.group_by is not None:
        raise Refused("GROUP BY", where, "Cypher groups by the non-aggregated columns: drop GROUP BY", engine)
    if isinstance(node, a.Match) and (node.hints or node.search):
        raise Refused("USING hints / SEARCH", where, "remove them", engine)
    if isinstance(node, a.RelationshipPattern) and (node.memgraph_quantifier or node.memgraph_weight_expr):
        raise Refused("a weighted relationship quantifier", where, "use -[*min..max]-", engine)
    for child in children(node):
        _check(child, engine, write, where)


BEGIN = "<!-- language: made by `python -m graph.cypher.allow`; do not edit by hand -->"
END = "<!-- end of language -->"


def language() -> str:
    """The accepted language as markdown, made from the allow-list above (and the embedded engine's part)."""
    from graph.cypher.ladybug import EMBEDDED_REFUSES, SAME, TRANSLATED

    lines = ["### Clauses", ""]
    lines += [f"- {text}" for text in READ_CLAUSES.values()]
    lines += ["", "### Expressions", ""]
    lines += ["; ".join(dict.fromkeys(EXPRESSIONS.values()))]
    lines += ["", "### Functions", "", ", ".join(f"`{f}()`" for f in sorted(FUNCTIONS)), ""]
    lines += ["### Neo4j engine only", ""]
    lines += [f"- {text}" for text in NEO4J_ONLY.values()]
    lines += [f"- procedures: {', '.join(f'`{p}()`' for p in sorted(PROCEDURES))}"]
    lines += [f"- with `--write`: {', '.join(dict.fromkeys(WRITE_CLAUSES.values()))}"]
    lines += ["", "### On the embedded engine", ""]
    lines += ["Functions answered as Neo4j answers them: " + ", ".join(f"`{f}()`" for f in sorted(SAME | TRANSLATED))]
    lines += ["", "Refused there (each with its line:column and a supported form; all run on `--engine neo4j`):", ""]
    lines += [f"- {text}" for text in EMBEDDED_REFUSES]
    return "\n".join(lines) + "\n"


def write_readme(path: Path) -> None:
    """Put `language()` between the markers of `path` (queries/README.md)."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{BEGIN}\n\n{language()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    write_readme(Path(__file__).resolve().parents[2] / "queries" / "README.md")
