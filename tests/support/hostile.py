"""A small valid seeds tree whose every free-text field carries a given payload (names, quotes, notes…)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def hostile_seeds(root: Path, payload: str) -> Path:
    """Write the tree under `root`/seeds; `payload` sits inside names, aliases, descriptions, properties,
    mentions, quotes, notes, string qualifiers and document metadata."""
    p = payload
    seeds = root / "seeds"
    (seeds / "documents").mkdir(parents=True)
    (seeds / "annotations").mkdir()
    shutil.copy(SEEDS / "schema.yaml", seeds / "schema.yaml")
    text = f"Headline {p}\nMayor Ann {p} Smith said {p} loudly.\nThe council {p} passed the ordinance {p} today.\n"
    (seeds / "documents" / "d1.txt").write_text(text, encoding="utf-8")
    meta = {"id": "d1", "title": f"Title {p}", "text": "d1.txt", "outlet": f"Outlet {p}", "author": f"Author {p}"}
    _dump(seeds / "documents" / "d1.yaml", meta)
    entities = [
        {
            "id": "ann",
            "type": "Person",
            "name": f"Ann {p} Smith",
            "aliases": [f"Mayor {p} Ann"],
            "description": f"Description {p}",
            "properties": {"role": f"Role {p}"},
            "mention": f"Mayor Ann {p} Smith said",
        },
        {"id": "council", "type": "GovernmentBody", "name": f"Council {p}"},
        {"id": "ordinance", "type": "Legislation", "name": f"Ordinance {p}", "properties": {"year": 2024}},
    ]
    relations = [
        {
            "id": "ann-supports",
            "type": "supports",
            "source": "ann",
            "target": "ordinance",
            "quote": f"Smith said {p} loudly.",
            "qualifiers": {"date": "2024-11"},
            "attribution": {"kind": "quote", "by": "ann"},
            "note": f"Note {p}",
        },
        {
            "id": "ann-member",
            "type": "member-of",
            "source": "ann",
            "target": "council",
            "quote": f"The council {p} passed",
            "qualifiers": {"role": f"Member {p}"},
        },
        {
            "id": "council-approves",
            "type": "approves",
            "source": "council",
            "target": "ordinance",
            "quote": f"passed the ordinance {p} today.",
            "qualifiers": {"stage": f"Stage {p}", "vote": f"Vote {p}", "status": "done"},
        },
    ]
    _dump(seeds / "annotations" / "d1.yaml", {"document": "d1", "entities": entities, "relations": relations})
    return seeds


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
