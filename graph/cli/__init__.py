"""The `actorgraph` command line: each command a few lines over one library call."""

from __future__ import annotations

from graph.cli.app import app, main

__all__ = ["app", "main"]
