"""The inline page really works where Jupyter puts it: inside an `<iframe srcdoc>` of a host page, offline."""

from __future__ import annotations

from pathlib import Path

from graph import show_page
from tests.conftest import SEEDS


def test_the_inline_page_draws_the_network_inside_its_frame_and_fetches_nothing(browser, tmp_path: Path) -> None:
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body>{show_page(SEEDS)._repr_html_()}</body></html>", encoding="utf-8")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(host.as_uri())
        frame = page.locator("iframe").element_handle().content_frame()
        frame.wait_for_function("window.actorgraph && window.actorgraph.ready", timeout=30_000)
        drawn = frame.evaluate("Object.keys(actorgraph.network.getPositions()).length")
        assert drawn == 13
        # Sandboxed: the page's scripts cannot reach the notebook around it.
        assert (
            frame.evaluate("(() => { try { return !!window.parent.document; } catch (e) { return false; } })()")
            is False
        )
        assert requests == [host.as_uri()], requests
        assert errors == []
    finally:
        context.close()
