"""The interactive network page: one self-contained HTML file, made with pyvis' vis-network bundle."""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis

from graph._atomic import write_text
from graph.page.data import page_data, split
from graph.schema import Schema

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"

JSON_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))

__all__ = ["document_texts", "render_page", "safe_json", "write_page"]


def document_texts(corpus: Any) -> dict[str, str]:
    """Document id → text, for `render_page(..., texts=)`: what lets the page show a quote in its paragraph."""
    return {doc_id: doc.text for doc_id, doc in corpus.documents.items()}


def render_page(graph: nx.MultiDiGraph, schema: Schema, texts: Mapping[str, str] | None = None) -> str:
    """The page as one HTML string: no external resource, same bytes for the same graph.

    `texts` (document id → text, e.g. from the corpus) lets the page show each quote inside its paragraph.
    """
    data = page_data(graph, schema, texts)
    core, detail = split(data)
    vis_js, page_js = _asset_vis("vis-network.min.js"), _asset("page.js")
    return _asset("page.html").format(
        title=html.escape(data["title"]),
        caption=html.escape(data["caption"]),
        csp=_csp([vis_js, page_js]),
        vis_css=_asset_vis("vis-network.css"),
        page_css=_asset("page.css"),
        vis_js=vis_js,
        data=safe_json(core),
        detail=safe_json(detail),
        page_js=page_js,
    )


def write_page(
    graph: nx.MultiDiGraph, schema: Schema, path: Path | str, texts: Mapping[str, str] | None = None
) -> Path:
    """Write the page to `path` atomically; return the path."""
    path = Path(path)
    write_text(path, render_page(graph, schema, texts))
    return path


def safe_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: no `<`, `>`, `&` or line separators left raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in JSON_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _csp(scripts: list[str]) -> str:
    """Nothing may be fetched; only our own inline scripts (by hash) may run, so injected markup cannot."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    return f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:"


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


@cache
def _asset_vis(name: str) -> str:
    text = (VIS_DIR / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise RuntimeError(f"{VIS_DIR / name} cannot be inlined: it contains a closing tag")
    return text
