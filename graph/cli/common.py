"""What every command shares: the two consoles, and how an error ends a command (one line, its exit code)."""

from __future__ import annotations

from typing import NoReturn

import typer
from typer.core import TyperGroup

from graph._terminal import console, markup
from graph.errors import ActorgraphError, ExitCode, ValidationFailed

out = console()
err = console(stderr=True)


def fail(message: str, code: int = ExitCode.USAGE) -> NoReturn:
    """One line on stderr (data in it shown inert, never as markup), then exit with `code`."""
    err.print(f"[bold red]error[/]: {markup(message)}")
    raise typer.Exit(code)


def report_problems(failed: ValidationFailed) -> NoReturn:
    """Every problem (file, line, message, hint), then the count; exit 1."""
    from graph.cli.report import problem_text

    for problem in failed.problems:
        err.print(problem_text(problem))
    err.print(f"[bold red]{markup(failed)}[/]: nothing was written.")
    raise typer.Exit(failed.exit_code)


class Commands(TyperGroup):
    """The command group: an `ActorgraphError` a command lets through ends it as one message and its exit code."""

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except ValidationFailed as failed:
            report_problems(failed)
        except ActorgraphError as error:
            fail(str(error), error.exit_code)
