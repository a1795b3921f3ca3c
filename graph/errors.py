"""Every error actorgraph raises, under one base, each with the exit code its command ends with.

A script can tell what went wrong from the exit code alone (README "Exit codes" lists them); the message says
how to fix it. Catch `ActorgraphError` for all of them; `str(error)` is the one line to show.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from collections.abc import Iterable

    from graph.files.problems import Problem

__all__ = [
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
]


class ExitCode(IntEnum):
    """What an `actorgraph` command's exit status means; `.meaning` says it in words."""

    OK = 0
    INVALID_SEEDS = 1
    USAGE = 2
    CONNECTION = 3
    OUTPUT = 4

    @property
    def meaning(self) -> str:
        return MEANINGS[self]


MEANINGS = {
    ExitCode.OK: "done",
    ExitCode.INVALID_SEEDS: "no seeds found, or invalid seeds or schema (each problem printed; nothing written)",
    ExitCode.USAGE: "bad option, argument, query or parameter; an unknown name; a folder init will not fill",
    ExitCode.CONNECTION: "Neo4j unreachable, login refused, or no such database",
    ExitCode.OUTPUT: "an output could not be written (nothing half-written is left)",
}


class ActorgraphError(Exception):
    """The base of every actorgraph error; `exit_code` is what the CLI exits with."""

    exit_code: ClassVar[ExitCode] = ExitCode.USAGE


# Inputs: the seeds folder, the project, imports.
class ValidationFailed(ActorgraphError):
    """Input files have problems; `problems` lists every one found, in file and line order."""

    exit_code = ExitCode.INVALID_SEEDS

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")


class LoadError(ActorgraphError):
    """A file that cannot be read as text of its format; `problem` says where and why."""

    exit_code = ExitCode.INVALID_SEEDS

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class ProjectError(ActorgraphError):
    """No project was found, its `actorgraph.toml` is malformed, or `init` was pointed at a non-empty folder."""

    exit_code = ExitCode.INVALID_SEEDS


class InitRefused(ProjectError):
    """`init` was pointed at a folder that is not new or empty; nothing was written."""

    exit_code = ExitCode.USAGE


class SynthRefused(ActorgraphError):
    """`synth` was pointed at a folder it did not create; nothing was written or deleted."""


class DnaError(ActorgraphError):
    """The file is not a DNA 3 database this importer can read; the message says why."""


# Queries.
class QueryError(ActorgraphError):
    """A query the engine could not run; `str()` is the message to show the user."""


class Refused(QueryError):
    """A query refused before it runs: the construct, where it is, and the nearest supported form."""

    def __init__(self, construct: str, where: tuple[int, int] | None, hint: str, engine: str = "") -> None:
        self.construct, self.where, self.hint = construct, where, hint
        place = f"line {where[0]}:{where[1]}: " if where else ""
        on = f" on the {engine} engine" if engine else ""
        super().__init__(f"{place}{construct} is not supported{on}; {hint}")


class ParamError(ActorgraphError):
    """A parameter that cannot be used; `str()` names it."""


class LibraryError(ActorgraphError):
    """A query file whose header is missing or malformed, or a query name not found."""


class EngineUnavailable(ActorgraphError):
    """The requested engine cannot be used here."""


class ConnectionProblem(EngineUnavailable):
    """Neo4j cannot be reached or refuses us; `str()` is the one-line message."""

    exit_code = ExitCode.CONNECTION


class SyncError(ActorgraphError):
    """The graph cannot be synced or pulled as it is; `str()` is the message to show."""


# Outputs.
class NetworkError(ActorgraphError, ValueError):
    """Network settings that cannot give a right network; the message says which and how to fix them."""


class ExportError(ActorgraphError, ValueError):
    """A graph that a format cannot hold faithfully (the message says which value and why)."""

    exit_code = ExitCode.OUTPUT


class OutputError(ActorgraphError, OSError):
    """An output that could not be written; nothing half-written is left."""

    exit_code = ExitCode.OUTPUT
