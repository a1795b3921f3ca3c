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
from cypherast.errors import CypherastError, Position
from cypherast.lexer import Lexer, Token, TokenKind
from cypherast.parser import Parser

from graph.errors import QueryError, Refused

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


@dataclass(frozen=True)
class Parsed:
    """One parsed statement: its text (a trailing `;` dropped), its tree, and the parameters it names."""

    text: str
    tree: a.AstNode
    parameters: tuple[str, ...]


class _Positioned(Parser):
    """cypherast's parser, stamping each node it returns with the position and span of the first token it read."""

    def __init__(self, source: str, tokens: list[Any]) -> None:  # the tokens we lexed already: lex once
        super().__init__("", dialect="neo4j5")
        self.source, self.tokens = source, tokens


def _stamped(method: Any) -> Any:
    @functools.wraps(method)
    def wrapper(self: _Positioned, *args: Any, **kwargs: Any) -> Any:
        start = self.tokens[self._i].position
        node = method(self, *args, **kwargs)
        if isinstance(node, a.AstNode):  # the outermost method that returns a node knows where it starts
            node._pos = (start.line, start.col)
            node._span = (start.offset, self.tokens[self._i - 1] if self._i else None)  # to its last token
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
        end = tokens[-1].position
        tokens = [*words, Token(TokenKind.EOF, "", Position(end.line, end.col, len(text)))]
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
        tree = _Positioned(text, tokens).parse()
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
    if not span or span[1] is None:
        return None
    return text[span[0] : _token_end(span[1], text)]


def _token_end(token: Any, text: str) -> int:
    """Where `token` ends in `text` (a string or quoted name's text is unescaped: scan to its closing quote)."""
    start = token.position.offset
    quote = text[start] if start < len(text) else ""
    if quote not in ("'", '"', "`"):
        return start + len(token.text) + (1 if token.kind is TokenKind.PARAMETER else 0)
    i = start + 1
    while i < len(text):
        if text[i] == "\\" and quote != "`":
            i += 2
            continue
        if text[i] == quote:
            if quote == "`" and text[i + 1 : i + 2] == "`":
                i += 2
                continue
            return i + 1
        i += 1
    return len(text)


def _where(err: CypherastError) -> str:
    position = getattr(err, "position", None)
    return f"line {position.line}:{position.col}: " if position else ""


def _first_line(err: CypherastError) -> str:
    """cypherast's message without its code and position (we give the position once)."""
    return re.sub(r"^\[CG\d+\]\s*(line \d+:\d+\s*)?", "", str(err).splitlines()[0])
