"""actorgraph: news reporting as a provenance-backed graph of political actors.

>>> from graph import load_graph
>>> g = load_graph("seeds")
>>> g.edges["lapd", "ice", "lapd-cooperates-with-ice"]["exception"]
'violent felonies'
"""

from ._problems import Problem, ValidationFailed
from .build import build_graph, load_graph
from .corpus import Corpus, Document, Entity, Evidence, Relation, load_corpus
from .schema import Schema, load_schema
from .validate import validate

__all__ = [
    "Corpus",
    "Document",
    "Entity",
    "Evidence",
    "Problem",
    "Relation",
    "Schema",
    "ValidationFailed",
    "build_graph",
    "load_corpus",
    "load_graph",
    "load_schema",
    "validate",
]
