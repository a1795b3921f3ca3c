"""Load a seeds folder: read its files, parse them, check their values, resolve references into a `Corpus`."""

from __future__ import annotations

import os
from pathlib import Path

from graph._gc import paused_gc
from graph.corpus.model import Conflict, Corpus
from graph.corpus.read import read_annotations, read_documents
from graph.corpus.resolve import resolve
from graph.errors import ValidationFailed
from graph.files.problems import Problem, display_path
from graph.schema import load_schema


def load_corpus(seeds: Path | str = "seeds", schema: Path | str | None = None) -> Corpus:
    """Read and check a seeds folder; raise `ValidationFailed` listing every problem."""
    seeds = Path(seeds)
    if not seeds.is_dir():
        raise ValidationFailed(
            [Problem(str(seeds), None, "seeds folder not found", "run from the repository root or pass --seeds DIR")]
        )
    loaded_schema = load_schema(schema if schema is not None else seeds / "schema.yaml")
    problems: list[Problem] = []
    _check_top_level(seeds, problems)
    with paused_gc():
        documents = read_documents(seeds / "documents", problems)
        annotations = read_annotations(seeds / "annotations", problems)
        corpus = resolve(loaded_schema, documents, annotations, problems)
    if problems:
        raise ValidationFailed(problems)
    return corpus


def conflicts(corpus: Corpus | Path | str = "seeds", as_of: str | None = None) -> list[Conflict]:
    """Every recorded conflict of a corpus (or of the seeds folder at this path), by relation id: qualifiers its
    reports disagree on, and reports that contradict another relation (`contradicts:`), both sides.

    >>> [c.description for c in conflicts("seeds")]
    []
    """
    corpus = corpus if isinstance(corpus, Corpus) else load_corpus(corpus)
    return (corpus.as_of(as_of) if as_of is not None else corpus).conflicts()


SEEDS_ENTRIES = frozenset({"schema.yaml", "documents", "annotations"})
SYNTH_MARKER = ".actorgraph-synth"  # written by `synth` into the folders it creates


def _check_top_level(seeds: Path, problems: list[Problem]) -> None:
    """Anything in the seeds folder besides the schema, documents/, annotations/ (and synth's marker) is a problem."""
    for name in sorted(os.listdir(seeds)):
        if name not in SEEDS_ENTRIES and name != SYNTH_MARKER:
            hint = f"the seeds folder holds only {', '.join(sorted(SEEDS_ENTRIES))}; move it elsewhere"
            problems.append(Problem(display_path(seeds / name), None, "not part of a seeds folder", hint))
