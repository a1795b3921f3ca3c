"""What `actorgraph import dna` does. Exit status: 0 imported and valid; 1 written but not valid; 2 not a DNA 3
database (or the folder is not new): nothing written."""

from __future__ import annotations

from pathlib import Path

import typer

from graph._terminal import markup
from graph.cli.common import err, fail, out
from graph.cli.report import problem_text
from graph.corpus import load_corpus
from graph.dna.seeds import Mapping
from graph.dna.seeds import import_dna as run
from graph.errors import DnaError, ExitCode, ValidationFailed


def import_dna(path: Path, seeds: Path, mapping: Mapping) -> None:
    """Import the DNA file into a new seeds folder, then validate it with actorgraph's own validator."""
    try:
        report = run(path, seeds, mapping)
    except DnaError as problem:
        fail(f"{problem}; nothing was written.")
    for line in report.lines():
        out.print(markup(line))
    try:
        load_corpus(seeds)
    except ValidationFailed as failed:
        for problem in failed.problems:
            err.print(problem_text(problem))
        err.print(markup(f"{seeds} was written but does not validate: {failed}"))
        raise typer.Exit(ExitCode.INVALID_SEEDS) from None
    out.print(markup(f"Wrote {seeds}: it validates (actorgraph validate --seeds {seeds})"))
