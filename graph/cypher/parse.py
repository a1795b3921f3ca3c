"""Parsing a query before any engine sees it: one statement, a syntax tree with source positions.

The parser is `cypherast` (pure Python, openCypher + Neo4j 5 forms; see PARSER.md for why). Every
node of the tree a `parse_*` method returns carries `_pos` (line, column) and `_span` (start and end
offsets in the text), so a refusal can point at the construct and a column can be named by its text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from cypherast import ast as a
from cypherast.errors import CypherastError
from cypherast.lexer import Lexer, TokenKind
from cypherast.parser import Parser

from ..engines.base import QueryError

# Statements the parser does not model (or models only to refuse), by their leading words: construct, hint.
STATEMENTS: dict[tuple[str, ...], str] = {
    ("LOAD", "CSV"): "LOAD CSV",
    ("LOAD", "FROM"): "LOAD FROM",
    ("LOAD",): "LOAD EXTENSION",
    ("COPY",): "COPY",
    ("ATTACH",): "ATTACH",
    ("DETACH", "DATABASE"): "DETACH DATABASE",
    ("INSTALL",): "INSTALL",
    ("UNINSTALL",): "UNINSTALL",
    ("IMPORT",): "IMPORT DATABASE",
    ("EXPORT",): "EXPORT DATABASE",
    ("SHOW",): "SHOW",
    ("TERMINATE",): "TERMINATE",
    ("CREATE", "INDEX"): "CREATE INDEX",
    ("CREATE", "CONSTRAINT"): "CREATE CONSTRAINT",
    ("CREATE", "DATABASE"): "CREATE DATABASE",
    ("CREATE", "USER"): "CREATE USER",
    ("CREATE", "ROLE"): "CREATE ROLE",
    ("CREATE", "NODE"): "CREATE NODE TABLE",
    ("CREATE", "REL"): "CREATE REL TABLE",
    ("CREATE", "MACRO"): "CREATE MACRO",
    ("CREATE", "SEQUENCE"): "CREATE SEQUENCE",
    ("CREATE", "TYPE"): "CREATE TYPE",
    ("CREATE", "GRAPH"): "CREATE GRAPH",
    ("DROP",): "DROP",
    ("ALTER",): "ALTER",
    ("GRANT",): "GRANT",
    ("DENY",): "DENY",
    ("REVOKE",): "REVOKE",
    ("START",): "START DATABASE",
    ("STOP",): "STOP DATABASE",
    ("ENABLE",): "ENABLE",
    ("USE",): "USE",
    ("EXPLAIN",): "EXPLAIN",
    ("PROFILE",): "PROFILE",
    ("BEGIN",): "BEGIN",
    ("COMMIT",): "COMMIT",
    ("ROLLBACK",): "ROLLBACK",
    ("CHECKPOINT",): "CHECKPOINT",
    ("CYPHER",): "CYPHER version prefix",
    ("FINISH",): "FINISH",
}
READ_ONLY_HINT = "queries read the graph: start with MATCH, OPTIONAL MATCH, WITH, UNWIND or RETURN"


class Refused(QueryError):
    """A query refused before it runs: the construct, where it is, and the nearest supported form."""

    def __init__(self, construct: str, where: tuple[int, int] | None, hint: str, engine: str = "") -> None:
        self.construct, self.where, self.hint = construct, where, hint
        place = f"line {where[0]}:{where[1]}: " if where else ""
        on = f" on the {engine} engine" if engine else ""
        super().__init__(f"{place}{construct} is not supported{on}; {hint}")


@dataclass(frozen=True)
class Parsed:
    """One parsed statement: its text (a trailing `;` dropped), its tree, and the parameters it names."""

    text: str
    tree: a.AstNode
    parameters: tuple[str, ...]


class _Positioned(Parser):
    """cypherast's parser, stamping each node it builds with the position and span of its first token."""


def _stamped(method: Any) -> Any:
    @functools.wraps(method)
    def wrapper(self: _Positioned, *args: Any, **kwargs: Any) -> Any:
        start = self._peek().position
        node = method(self, *args, **kwargs)
        if isinstance(node, a.AstNode) and not hasattr(node, "_pos"):
            end = self._peek().position.offset if self._peek().kind is not TokenKind.EOF else len(self.source)
            node._pos = (start.line, start.col)
            node._span = (start.offset, start.offset + len(self.source[start.offset : end].rstrip()))
        return node

    return wrapper


for _name, _method in list(vars(Parser).items()):
    if callable(_method) and _name.lstrip("_").startswith("parse"):
        setattr(_Positioned, _name, _stamped(_method))


def parse(query: str) -> Parsed:
    """Parse `query` as one Cypher statement, or raise `Refused`/`QueryError` naming what and where."""
    try:
        tokens = Lexer(query).tokenize()
    except CypherastError as err:
        raise QueryError(f"syntax error: {_where(err)}{_first_line(err)}") from None
    words = [t for t in tokens if t.kind is not TokenKind.EOF]
    if not words:
        raise QueryError("the query is empty")
    text = query
    if words[-1].kind is TokenKind.SEMICOLON:  # one trailing `;` ends the statement
        text, words = query[: words[-1].position.offset], words[:-1]
    for i, tok in enumerate(words):
        if tok.kind is TokenKind.SEMICOLON:
            after = words[i + 1].position if i + 1 < len(words) else tok.position
            raise Refused(
                "a second statement",
                (after.line, after.col),
                "run one statement at a time: remove the `;` and what follows it",
            )
    _refuse_statement(words, 0)
    try:
        tree = _Positioned(text, dialect="neo4j5").parse()
    except CypherastError as err:
        position = getattr(err, "position", None)
        at = next((i for i, t in enumerate(words) if position and t.position.offset == position.offset), None)
        if at is not None:
            _refuse_statement(words, at)
        raise QueryError(f"syntax error: {_where(err)}{_first_line(err)}") from None
    return Parsed(text, tree, tuple(dict.fromkeys(n.name for n in walk(tree) if isinstance(n, a.Parameter))))


def _refuse_statement(words: list[Any], at: int) -> None:
    """Refuse a statement the parser does not model, named by the words at index `at`."""
    upper = [w.text.upper() if w.kind is not TokenKind.STRING else "" for w in words[at : at + 2]]
    for lead, construct in STATEMENTS.items():
        if tuple(upper[: len(lead)]) == lead:
            pos = words[at].position
            raise Refused(construct, (pos.line, pos.col), READ_ONLY_HINT)


def walk(node: Any) -> Any:
    """Every `AstNode` under `node` (itself included), depth first, in source order."""
    if isinstance(node, a.AstNode):
        yield node
        for value in node.args.values():
            yield from walk(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from walk(item)


def children(node: a.AstNode) -> list[a.AstNode]:
    """The `AstNode`s directly under `node`, in order (inside lists and (key, value) pairs too)."""
    found: list[a.AstNode] = []

    def collect(value: Any) -> None:
        if isinstance(value, a.AstNode):
            found.append(value)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    for value in node.args.values():
        collect(value)
    return found


def source(node: a.AstNode, text: str) -> str | None:
    """The text `node` was parsed from, if the parser recorded it."""
    span = getattr(node, "_span", None)
    return text[span[0] : span[1]] if span else None


def _where(err: CypherastError) -> str:
    position = getattr(err, "position", None)
    return f"line {position.line}:{position.col}: " if position else ""


def _first_line(err: CypherastError) -> str:
    """cypherast's message without its code and position (we give the position once)."""
    return re.sub(r"^\[CG\d+\]\s*(line \d+:\d+\s*)?", "", str(err).splitlines()[0])
