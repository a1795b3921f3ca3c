"""Running a query on an engine: parsed and checked against the allow-list first, then translated for the
embedded engine; shipped queries, typed queries and both engines pass the same gate."""

from __future__ import annotations

import sys
from typing import Any

from graph._terminal import inert
from graph.cypher import allow, params
from graph.cypher.engines import Engine, Result
from graph.cypher.parse import parse


def run_query(engine: Engine, query: str, given: dict[str, Any]) -> Result:
    """Run `query` with `given` parameters; raise `QueryError` (a `parse.Refused` before anything runs)
    or `params.ParamError` with one message. Warnings about unknown names go to stderr, one line each."""
    parsed = parse(query)
    allow.check(parsed.tree, engine.name, bool(getattr(engine, "write", False)))
    params.check(list(parsed.parameters), given)
    text = parsed.text
    if engine.name == "embedded":
        from graph.cypher.ladybug import translate

        translation = translate(parsed, engine.graph_info)  # type: ignore[attr-defined]
        for line in translation.warnings:
            print(inert(line), file=sys.stderr)  # the one terminal layer, as Neo4j's warnings use
        text = translation.text
    return engine.run(text, given)
