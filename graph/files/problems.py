"""Problems found in input files, and the error that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MAX_MESSAGE = 500  # characters of a problem's message or hint


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file: where it is, what is wrong, how to fix it."""

    file: str
    line: int | None
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:  # a multi-megabyte value quoted in a message is shown cut short
        for name in ("message", "hint"):
            text = getattr(self, name)
            if text is not None and len(text) > MAX_MESSAGE:
                object.__setattr__(self, name, text[: MAX_MESSAGE - 1] + "…")

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


def _sort_key(problem: Problem) -> tuple[str, int, str]:
    return (problem.file, problem.line or 0, problem.message)


def display_path(path: Path) -> str:
    """`path` relative to the working directory when inside it, else absolute."""
    absolute = Path(path).absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def closest(name: str, choices: Iterable[str]) -> str:
    """A hint naming the choice closest to `name`, or listing the choices."""
    shown = sorted(choices)
    close = difflib.get_close_matches(name, shown, n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    more = f" (+{len(shown) - 12} more)" if len(shown) > 12 else ""
    return f"known: {', '.join(shown[:12])}{more}" if shown else "none are defined yet"
