"""Fixtures for the network page: the seed graph, and a real headless Chromium loading pages from file://."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

from graph import Schema, load_corpus
from graph.build import build_graph

ROOT = Path(__file__).resolve().parents[2]
# The page sets these attributes once drawn and once its details are decoded. A function, not a string
# expression: the page's CSP forbids eval, so a string predicate throws EvalError whenever the page is not
# ready at the first check.
READY = "() => document.documentElement.dataset.ready === 'true' && document.documentElement.dataset.detail === 'true'"


@pytest.fixture(scope="session")
def seed_corpus():
    return load_corpus(ROOT / "seeds")


@pytest.fixture
def seed_graph(seed_corpus) -> nx.MultiDiGraph:
    return build_graph(seed_corpus)


@pytest.fixture(scope="session")
def schema(seed_corpus) -> Schema:
    return seed_corpus.schema


@pytest.fixture(scope="session")
def texts(seed_corpus) -> dict[str, str]:
    from graph.page import document_texts

    return document_texts(seed_corpus)


@dataclass
class Opened:
    """A page loaded from file://, with everything it logged, requested or tried to pop up."""

    page: object
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)


@pytest.fixture
def open_page(browser) -> Iterator:
    """open_page(path, fragment="", viewport=(w, h)) loads a page and waits until the network is drawn."""
    contexts = []

    def _open(path: Path, fragment: str = "", viewport: tuple[int, int] = (1400, 850), **options) -> Opened:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, **options)
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page, path.resolve().as_uri())
        page.on("console", lambda m: m.type in ("error", "warning") and opened.errors.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: opened.errors.append(f"pageerror: {e}"))
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.goto(opened.url + fragment)
        page.wait_for_function(READY, timeout=30_000)
        return opened

    yield _open
    for context in contexts:
        context.close()
