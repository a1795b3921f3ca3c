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
    "Corpus": "corpus.model",
    "Document": "corpus.model",
    "Entity": "corpus.model",
    "Evidence": "corpus.model",
    "Relation": "corpus.model",
    "load_corpus": "corpus.load",
    "conflicts": "corpus.load",
    "Conflict": "corpus.model",
    "Report": "corpus.model",
    "validate": "corpus.validate",
    "Problem": "files.problems",
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
    "synthesize": "corpus.synth",
    "SynthSpec": "corpus.synth",
    # query, queries
    "query": "cypher.api",
    # Neo4j (sync, pull)
    "sync": "neo4j.api",
    "pull": "neo4j.api",
    "SyncReport": "neo4j.writer",
    "Neo4jSettings": "neo4j.settings:Settings",
    "QueryResult": "cypher.api",
    "Node": "cypher.engines.base",
    "Relationship": "cypher.engines.base",
    "Path": "cypher.engines.base",
    "list_queries": "cypher.library",
    # projects (init) and notebooks
    "Project": "project",
    "find_project": "project",
    "open_project": "project",
    "init_project": "project",
    "show_page": "notebook",
    "InlinePage": "notebook",
    # errors: one tree under ActorgraphError, each with its exit code
    **{
        name: "errors"
        for name in (
            "ActorgraphError",
            "ConnectionProblem",
            "DnaError",
            "EngineUnavailable",
            "ExitCode",
            "ExportError",
            "InitRefused",
            "LibraryError",
            "LoadError",
            "NetworkError",
            "OutputError",
            "ParamError",
            "ProjectError",
            "QueryError",
            "Refused",
            "SyncError",
            "SynthRefused",
            "ValidationFailed",
        )
    },
}

__all__ = [
    "ActorgraphError",
    "Built",
    "Conflict",
    "ConnectionProblem",
    "Corpus",
    "DnaError",
    "Document",
    "EngineUnavailable",
    "Entity",
    "Evidence",
    "ExitCode",
    "ExportError",
    "InitRefused",
    "InlinePage",
    "LibraryError",
    "LoadError",
    "Neo4jSettings",
    "NetworkError",
    "Node",
    "OutputError",
    "ParamError",
    "Path",
    "Problem",
    "Project",
    "ProjectError",
    "QueryError",
    "QueryResult",
    "Refused",
    "Relation",
    "Relationship",
    "Report",
    "Schema",
    "SyncError",
    "SyncReport",
    "SynthRefused",
    "SynthSpec",
    "ValidationFailed",
    "build_graph",
    "conflicts",
    "export",
    "find_project",
    "init_project",
    "list_queries",
    "load_corpus",
    "load_graph",
    "load_schema",
    "open_project",
    "pull",
    "query",
    "render_page",
    "show_page",
    "sync",
    "synthesize",
    "validate",
    "write_build",
    "write_page",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    module, _, attribute = module.partition(":")  # "module:Name" when the public name differs
    value = getattr(import_module(f".{module}", __name__), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:
    from graph.build import build_graph, load_graph
    from graph.corpus.load import conflicts, load_corpus
    from graph.corpus.model import Conflict, Corpus, Document, Entity, Evidence, Relation, Report
    from graph.corpus.synth import SynthSpec, synthesize
    from graph.corpus.validate import validate
    from graph.cypher.api import QueryResult, query
    from graph.cypher.engines.base import Node, Path, Relationship
    from graph.cypher.library import list_queries
    from graph.errors import (
        ActorgraphError,
        ConnectionProblem,
        DnaError,
        EngineUnavailable,
        ExitCode,
        ExportError,
        InitRefused,
        LibraryError,
        LoadError,
        NetworkError,
        OutputError,
        ParamError,
        ProjectError,
        QueryError,
        Refused,
        SyncError,
        SynthRefused,
        ValidationFailed,
    )
    from graph.files.problems import Problem
    from graph.neo4j.api import pull, sync
    from graph.neo4j.settings import Settings as Neo4jSettings
    from graph.neo4j.writer import SyncReport
    from graph.notebook import InlinePage, show_page
    from graph.outputs import Built, write_build
    from graph.page import render_page, write_page
    from graph.project import Project, find_project, init_project, open_project
    from graph.readwrite.formats import export
    from graph.schema import Schema, load_schema
