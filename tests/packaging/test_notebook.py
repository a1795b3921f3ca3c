"""The example notebook runs top to bottom on a real Jupyter kernel: a query, a DataFrame, the inline page."""

from __future__ import annotations

import html
import re

import nbformat
from nbclient import NotebookClient

from tests.conftest import REPO

NOTEBOOK = REPO / "examples" / "notebook.ipynb"


def outputs_of(cell) -> dict[str, str]:
    """The cell's rich outputs by MIME type (the last of each)."""
    found: dict[str, str] = {}
    for output in cell.get("outputs", []):
        assert output["output_type"] != "error", "".join(output.get("traceback", []))
        found.update({kind: "".join(value) for kind, value in output.get("data", {}).items()})
    return found


def test_the_committed_notebook_has_no_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_the_example_notebook_runs_on_a_real_kernel() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    code = [outputs_of(cell) for cell in notebook.cells if cell.cell_type == "code"]
    table, first, stances, neighbourhood, page = code
    assert (
        "<table>" in table["text/html"] and "Bob Blumenfield" in table["text/html"] and "5 rows" in table["text/html"]
    )
    assert "'source': 'Bob Blumenfield'" in first["text/plain"]
    assert re.search(r"opposes\s+3", stances["text/plain"]), stances["text/plain"]
    assert "Los Angeles Police Department" in neighbourhood["text/html"]  # a pandas DataFrame's HTML
    frame = page["text/html"]
    assert frame.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in frame
    inner = html.unescape(frame.split('srcdoc="', 1)[1].split('"', 1)[0])
    assert "<!DOCTYPE html>" in inner[:200] or "<html" in inner[:200]
    assert "Content-Security-Policy" in inner
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", inner), "the inline page must fetch nothing"
