"""Writing small multi-document corpora for tests: the seed schema, documents and annotation files."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from tests.conftest import SEEDS


def write_corpus(
    root: Path, documents: dict[str, tuple[str, str | None]], annotations: dict[str, str], schema: str | None = None
) -> Path:
    """A seeds folder at `root`: each document id → (text, published or None); each annotation file → its YAML.

    The annotation YAML is dedented; `schema` (YAML) replaces the seed schema if given.
    """
    (root / "documents").mkdir(parents=True)
    (root / "annotations").mkdir()
    if schema is None:
        shutil.copy(SEEDS / "schema.yaml", root / "schema.yaml")
    else:
        (root / "schema.yaml").write_text(textwrap.dedent(schema), encoding="utf-8")
    for doc_id, (text, published) in documents.items():
        (root / "documents" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        meta = f"id: {doc_id}\ntitle: {doc_id}\ntext: {doc_id}.txt\n"
        if published is not None:
            meta += f"published: {published!r}\n".replace("'", '"')
        (root / "documents" / f"{doc_id}.yaml").write_text(meta, encoding="utf-8")
    for name, body in annotations.items():
        (root / "annotations" / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return root
