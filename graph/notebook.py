"""The network page inline in Jupyter: the same offline page, in a sandboxed `<iframe srcdoc>`.

>>> from graph import show_page
>>> show_page()  # the last expression in a cell: the interactive page appears below it
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from graph.project import open_project

__all__ = ["InlinePage", "show_page"]


@dataclass(frozen=True)
class InlinePage:
    """One network page (`html`, the same bytes `actorgraph viz` writes), shown inline by Jupyter."""

    html: str
    height: int = 640

    def _repr_html_(self) -> str:
        # srcdoc holds the whole page, escaped; nothing is fetched. The sandbox lets its own scripts run in an
        # opaque origin, so the page can neither reach the notebook nor be reached by it.
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'title="actorgraph network page" style="width:100%;height:{int(self.height)}px;border:0"></iframe>'
        )

    def save(self, path: Path | str) -> Path:
        """Write the page as a file (atomically) and return its path."""
        from graph._atomic import write_text

        write_text(Path(path), self.html)
        return Path(path)


def show_page(
    seeds: Path | str | None = None,
    *,
    schema: Path | str | None = None,
    project: Path | str | None = None,
    height: int = 640,
) -> InlinePage:
    """The network page of the project's graph (found as the CLI finds it; `seeds`/`schema` override)."""
    from graph.build import build_graph
    from graph.corpus import load_corpus
    from graph.page import document_texts, render_page

    where = open_project(*(None if p is None else Path(p) for p in (seeds, schema, project)))
    corpus = load_corpus(where.seeds, where.schema)
    return InlinePage(render_page(build_graph(corpus), corpus.schema, document_texts(corpus)), height)
