"""Query files: the comment header names, describes and types each shipped query."""

from __future__ import annotations

import pytest

from graph.cypher.library import Param, find_query, read_query
from graph.errors import LibraryError


def test_header_is_parsed(tmp_path):
    path = tmp_path / "q.cypher"
    path.write_text(
        "// name: q\n// description: Something.\n// param: name (string) — an actor\n"
        "// param: n (integer) - how many\nMATCH (a) WHERE a.id = $name RETURN a.id LIMIT $n\n",
        encoding="utf-8",
    )
    q = read_query(path)
    assert (q.name, q.description) == ("q", "Something.")
    assert q.params == (Param("name", "string", "an actor"), Param("n", "integer", "how many"))


def test_missing_description_is_an_error(tmp_path):
    path = tmp_path / "q.cypher"
    path.write_text("// name: q\nRETURN 1\n", encoding="utf-8")
    with pytest.raises(LibraryError, match="description"):
        read_query(path)


def test_bad_param_line_is_an_error(tmp_path):
    path = tmp_path / "q.cypher"
    path.write_text("// name: q\n// description: d\n// param: name\nRETURN $name\n", encoding="utf-8")
    with pytest.raises(LibraryError, match=r"name \(string\)"):
        read_query(path)


def test_unknown_name_lists_the_shipped_queries(tmp_path):
    (tmp_path / "known.cypher").write_text("// name: known\n// description: d\nRETURN 1\n", encoding="utf-8")
    with pytest.raises(LibraryError, match="no query named 'nope'; shipped queries: known"):
        find_query(tmp_path, "nope")
