"""A three-document corpus about one story, written as a new user would add articles: the seed article (given a
publication date), a report of the council's 13-0 vote, and a report of the mayor expediting the ordinance.

The two new articles are short invented texts; their files never edit the seed article's annotation file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ARTICLE, SEEDS

VOTE, MAYOR = "council-vote-2024-11-19", "bass-expedites-2024-11-21"

VOTE_TEXT = """\
L.A. City Council votes 13-0 for sanctuary ordinance

The Los Angeles City Council voted 13-0 on Tuesday to approve an ordinance that bars city resources from being
used for federal immigration enforcement. Councilman Blumenfield, who co-wrote the measure, said the city would
not be "a tool of mass deportation." A final vote is scheduled for next week.
"""

MAYOR_TEXT = """\
Bass moves to expedite sanctuary law

Mayor Karen Bass said she would sign the sanctuary ordinance as soon as it reaches her desk, to expedite it
before the new administration takes office. The council gave the measure its initial approval on Nov. 20 in a
13-0 vote, her office said. Bass called California a "sanctuary state since 2014."
"""

VOTE_ANNOTATION = f"""\
document: {VOTE}
entities:
  - id: la-city-council
    aliases: [L.A. City Council]
    mention: The Los Angeles City Council voted 13-0 on Tuesday
  - id: bob-blumenfield
    mention: Councilman Blumenfield, who co-wrote the measure
relations:
  - relation: council-approves-ordinance
    quote: The Los Angeles City Council voted 13-0 on Tuesday to approve an ordinance
    qualifiers: {{date: 2024-11-19, stage: initial approval, vote: 13-0}}
  - relation: blumenfield-supports-ordinance-hardening
    quote: the city would not be "a tool of mass deportation."
    attribution: {{kind: quote, by: bob-blumenfield}}
"""

MAYOR_ANNOTATION = f"""\
document: {MAYOR}
entities:
  - id: karen-bass
    aliases: [L.A. Mayor Karen Bass]
    mention: Mayor Karen Bass said she would sign the sanctuary ordinance
relations:
  - type: approves
    source: L.A. City Council
    target: la-sanctuary-ordinance
    quote: The council gave the measure its initial approval on Nov. 20 in a 13-0 vote
    qualifiers: {{date: 2024-11-20, stage: initial approval, vote: 13-0, status: done}}
    attribution: {{kind: statement, by: karen-bass}}
    confidence: 0.8
  - type: supports
    source: Mayor Karen Bass
    target: la-sanctuary-ordinance
    quote: she would sign the sanctuary ordinance as soon as it reaches her desk, to expedite it
  - id: california-sanctuary-since-2014
    type: enacts
    source: State of California
    target: ca-sb-54
    quote: sanctuary state since 2014
    qualifiers: {{date: "2014", status: done}}
    attribution: {{kind: quote, by: karen-bass}}
    contradicts: california-enacts-sb-54
"""


def write_story(root: Path, *, names: tuple[str, str] = ("vote", "mayor"), published: str = "2024-11-26") -> Path:
    """The three-document seeds folder under `root`; `names` are the new annotation files' names."""
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    meta = seeds / "documents" / f"{ARTICLE}.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + f"published: {published}\n", encoding="utf-8")
    for doc, day, title, text in (
        (VOTE, "2024-11-19", "L.A. City Council votes 13-0 for sanctuary ordinance", VOTE_TEXT),
        (MAYOR, "2024-11-21", "Bass moves to expedite sanctuary law", MAYOR_TEXT),
    ):
        (seeds / "documents" / f"{doc}.txt").write_text(text, encoding="utf-8")
        (seeds / "documents" / f"{doc}.yaml").write_text(
            f'id: {doc}\ntitle: "{title}"\ntext: {doc}.txt\nlanguage: en\npublished: {day}\n', encoding="utf-8"
        )
    (seeds / "annotations" / f"{names[0]}.yaml").write_text(VOTE_ANNOTATION, encoding="utf-8")
    (seeds / "annotations" / f"{names[1]}.yaml").write_text(MAYOR_ANNOTATION, encoding="utf-8")
    return seeds
