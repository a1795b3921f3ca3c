"""The seeds folder as a checked corpus, in the order data flows: read its files (`read`, with `graph.files`),
check values (`values`), find quotes (`quotes`) and resolve references (`resolve`) into the `Corpus` of `model`;
`load_corpus` does it all, `validate` reports without raising, `synth` writes test corpora.

Names are imported on first use, so importing one module of the package (say `graph.corpus.model` for a type)
does not load the whole input side.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Annotation": "model",
    "Conflict": "model",
    "Report": "model",
    "Corpus": "model",
    "Document": "model",
    "Entity": "model",
    "Evidence": "model",
    "Relation": "model",
    "folded": "model",
    "load_corpus": "load",
}
__all__ = [
    "Annotation",
    "Conflict",
    "Corpus",
    "Document",
    "Entity",
    "Evidence",
    "Relation",
    "Report",
    "folded",
    "load_corpus",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graph.corpus' has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


if TYPE_CHECKING:
    from graph.corpus.load import load_corpus
    from graph.corpus.model import Annotation, Conflict, Corpus, Document, Entity, Evidence, Relation, Report, folded
