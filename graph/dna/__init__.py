"""Bringing a DNA (Discourse Network Analyzer) 3 database into actorgraph as a seeds folder."""

from __future__ import annotations

from graph.dna.read import DnaError, read_database
from graph.dna.seeds import ImportReport, Mapping, import_dna

__all__ = ["DnaError", "ImportReport", "Mapping", "import_dna", "read_database"]
