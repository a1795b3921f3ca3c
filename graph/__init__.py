"""actorgraph: news reporting as a provenance-backed graph of political actors.

>>> from graph import load_graph
>>> g = load_graph("seeds")
>>> g.edges["lapd", "ice", "lapd-cooperates-with-ice"]["exception"]
'violent felonies'

Each name below is imported on first use, so `import graph` (and the CLI's start-up) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# name: the module that defines it. The public API, one line per name; every CLI command is a call to one of these.
_EXPORTS = {
    # read and check the seeds (validate, show, stats)
    "Corpus": "corpus",
    "Document": "corpus",
    "Entity": "corpus",
    "Evidence": "corpus",
    "Relation": "corpus",
    "load_corpus": "corpus",
    "Problem": "_problems",
    "ValidationFailed": "_problems",
    "Schema": "schema",
    "load_schema": "schema",
    # build, viz, export, synth
    "build_graph": "build",
    "load_graph": "build",
    "Built": "outputs",
    "write_build": "outputs",
    "render_page": "page",
    "write_page": "page",
    "export": "readwrite.formats",
    "synthesize": "synth",
    "SynthSpec": "synth",
    # query, queries
    "query": "querying",
    "QueryResult": "querying",
    "QueryError": "engines.base",
    "EngineUnavailable": "engines.base",
    "Node": "engines.base",
    "Relationship": "engines.base",
    "Path": "engines.base",
    "list_queries": "cypher.library",
    "LibraryError": "cypher.library",
    "ParamError": "cypher.params",
    # projects (init) and notebooks
    "Project": "project",
    "ProjectError": "project",
    "find_project": "project",
    "open_project": "project",
    "init_project": "project",
    "show_page": "notebook",
    "InlinePage": "notebook",
    "ExitCode": "exitcodes",
}

# `validate` is also a submodule's name: bound here (cheaply), so importing graph.validate cannot shadow it.
from .validate import validate  # noqa: E402

__all__ = [
    "Built",
    "Corpus",
    "Document",
    "EngineUnavailable",
    "Entity",
    "Evidence",
    "ExitCode",
    "InlinePage",
    "LibraryError",
    "Node",
    "ParamError",
    "Path",
    "Problem",
    "Project",
    "ProjectError",
    "QueryError",
    "QueryResult",
    "Relation",
    "Relationship",
    "Schema",
    "SynthSpec",
    "ValidationFailed",
    "build_graph",
    "export",
    "find_project",
    "init_project",
    "list_queries",
    "load_corpus",
    "load_graph",
    "load_schema",
    "open_project",
    "query",
    "render_page",
    "show_page",
    "synthesize",
    "validate",
    "write_build",
    "write_page",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:
    from ._problems import Problem, ValidationFailed
    from .build import build_graph, load_graph
    from .corpus import Corpus, Document, Entity, Evidence, Relation, load_corpus
    from .cypher.library import LibraryError, list_queries
    from .cypher.params import ParamError
    from .engines.base import EngineUnavailable, Node, Path, QueryError, Relationship
    from .exitcodes import ExitCode
    from .notebook import InlinePage, show_page
    from .outputs import Built, write_build
    from .page import render_page, write_page
    from .project import Project, ProjectError, find_project, init_project, open_project
    from .querying import QueryResult, query
    from .readwrite.formats import export
    from .schema import Schema, load_schema
    from .synth import SynthSpec, synthesize
