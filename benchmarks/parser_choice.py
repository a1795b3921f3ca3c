"""How the parser was chosen: parse the ~100 queries in parser_sample.txt with each candidate, count and time.

Run: .venv/bin/python benchmarks/parser_choice.py  (antlr4-cypher is not a dependency: pip install it first).
"""

from __future__ import annotations

import time
from pathlib import Path

SAMPLE = Path(__file__).with_name("parser_sample.txt")


def antlr4_cypher(query: str) -> object:
    from antlr4 import CommonTokenStream, InputStream
    from antlr4.error.ErrorListener import ErrorListener
    from antlr4_cypher import CypherLexer, CypherParser

    class Raise(ErrorListener):
        def syntaxError(self, *args: object) -> None:
            raise SyntaxError(args[3])

    lexer = CypherLexer(InputStream(query))
    lexer.removeErrorListeners()
    lexer.addErrorListener(Raise())
    parser = CypherParser(CommonTokenStream(lexer))
    parser.removeErrorListeners()
    parser.addErrorListener(Raise())
    return parser.script()


def cypherast(query: str) -> object:
    import cypherast

    return cypherast.parse_one(query, read="neo4j5")


def main() -> None:
    queries = [q for q in SAMPLE.read_text(encoding="utf-8").splitlines() if q.strip()]
    for name, parse in [("antlr4-cypher", antlr4_cypher), ("cypherast", cypherast)]:
        failed = []
        start = time.perf_counter()
        for q in queries:
            try:
                parse(q)
            except Exception:
                failed.append(q)
        per = (time.perf_counter() - start) * 1000 / len(queries)
        print(f"{name}: {len(queries) - len(failed)}/{len(queries)} parsed, {per:.2f} ms per query")
        for q in failed:
            print(f"    not parsed: {q[:100]}")


if __name__ == "__main__":
    main()
