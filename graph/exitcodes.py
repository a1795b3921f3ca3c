"""The exit codes of every `actorgraph` command, defined once (README "Exit codes" lists them).

A script can tell what went wrong from the code alone; the message on stderr says how to fix it.
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["ExitCode"]


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
