"""Names that reach Cypher text: plain identifiers and dataset names, matched in full."""

from __future__ import annotations

import pytest

from graph.errors import SyncError
from graph.neo4j.records import check_dataset, quoted


@pytest.mark.parametrize("name", ["Agency\n", "Agency`", "", "1abc", "a b"])
def test_a_label_that_is_not_a_plain_identifier_is_refused(name: str) -> None:
    with pytest.raises(SyncError):
        quoted(name)


@pytest.mark.parametrize("name", ["seeds\n", "-seeds", "a" * 101, "a/b"])
def test_a_dataset_name_outside_the_pattern_is_refused(name: str) -> None:
    """A trailing newline slipped past `re.match` with `$`; names are matched in full."""
    with pytest.raises(SyncError):
        check_dataset(name)


def test_plain_names_pass() -> None:
    assert quoted("Agency") == "`Agency`"
    assert check_dataset("la-2024.v1_b") == "la-2024.v1_b"
