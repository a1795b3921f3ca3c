"""What `actorgraph network` does: resolve names, compute, write, report.

Exit status: 0 written; 1 the seeds do not validate; 2 settings that cannot give a right network (an unknown
actor, a window longer than the range, …); 4 a file that cannot be written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NoReturn

from graph._spreadsheet import Guard
from graph._terminal import markup
from graph.build import build_graph
from graph.cli import common
from graph.cli.common import err, out
from graph.corpus import Corpus
from graph.corpus.resolve import alias_key
from graph.errors import ExitCode, NetworkError
from graph.files.problems import closest
from graph.network import NetworkSpec, Selection, Window, discourse_network
from graph.network.write import FORMATS, write


@dataclass
class Lists:
    """Names, aliases or ids as given on the command line."""

    actors: list[str] = field(default_factory=list)
    exclude_actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    exclude_targets: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    exclude_types: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    exclude_documents: list[str] = field(default_factory=list)
    actor_types: list[str] = field(default_factory=list)
    target_types: list[str] = field(default_factory=list)


def fail(message: str, code: int = ExitCode.USAGE) -> NoReturn:
    """`common.fail`, saying that nothing was written."""
    common.fail(f"{message}; nothing was written.", code)


def selection(corpus: Corpus, lists: Lists, start: str | None, end: str | None) -> Selection:
    """The lists resolved against the corpus: every name must name something, or it is refused."""
    names = {alias_key(a): e.id for e in corpus.entities.values() for a in (e.id, e.name, *e.aliases)}

    def entities(given: Iterable[str]) -> frozenset[str]:
        out = set()
        for name in given:
            found = name if name in corpus.entities else names.get(alias_key(name))
            if found is None:
                raise NetworkError(f"no entity named {name!r}; {closest(name, sorted(corpus.entities))}")
            out.add(found)
        return frozenset(out)

    def known(given: Iterable[str], choices: Iterable[str], what: str) -> frozenset[str]:
        choices = set(choices)
        for name in given:
            if name not in choices:
                raise NetworkError(f"no {what} {name!r}; {closest(name, sorted(choices))}")
        return frozenset(given)

    stances = corpus.schema.stances
    return Selection(
        include_actors=entities(lists.actors),
        exclude_actors=entities(lists.exclude_actors),
        include_targets=entities(lists.targets),
        exclude_targets=entities(lists.exclude_targets),
        include_types=known(lists.types, stances, "stance type"),
        exclude_types=known(lists.exclude_types, stances, "stance type"),
        include_documents=known(lists.documents, corpus.documents, "document"),
        exclude_documents=known(lists.exclude_documents, corpus.documents, "document"),
        actor_types=known(lists.actor_types, corpus.schema.entity_types, "entity type"),
        target_types=known(lists.target_types, corpus.schema.entity_types, "entity type"),
        start=_day(start, "--start"),
        end=_day(end, "--end"),
    )


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise NetworkError(f"{option} {value!r} is not a date: use YYYY-MM-DD") from None


def network(
    corpus: Callable[[], Corpus],
    kind: str,
    qualifier: str | None,
    normalization: str,
    duplicates: str,
    lists: Lists,
    start: str | None,
    end: str | None,
    window: tuple[int | None, int, str],
    fmt: str,
    target: Path | None,
    csv_raw: bool = False,
) -> None:
    """Compute the network(s) and write them; print what was written and what was left out."""
    loaded = corpus()
    try:
        if fmt not in FORMATS:
            raise NetworkError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        size, step, unit = window
        spec = NetworkSpec(
            kind,
            qualifier,
            normalization,
            duplicates,
            selection(loaded, lists, start, end),
            Window(size, step, unit) if size is not None else None,
        )
        result = discourse_network(build_graph(loaded), loaded.schema, spec)
    except NetworkError as problem:
        fail(str(problem))
    path = target or Path("build") / f"network.{fmt}"
    guard = Guard(raw=csv_raw)
    try:
        written = write(result, fmt, path, loaded.schema, guard)
    except (OSError, ValueError) as problem:
        fail(str(problem), ExitCode.OUTPUT)
    counted = sum(s.matrix.statements for s in result.slices)
    out.print(
        markup(
            f"{len(result.slices)} network(s): {kind}, {spec.qualifier}, normalization {normalization}, "
            f"duplicates {duplicates}; {counted} of {result.statements} stance statements counted"
            f"{' (over all windows)' if len(result.slices) > 1 else ''} → {', '.join(map(str, written[:3]))}"
            f"{' …' if len(written) > 3 else ''}"
        )
    )
    if note := guard.note():
        err.print(f"note: {markup(note)}")
    for reason, n in result.left_out.items():
        err.print(markup(f"left out: {n} statement(s) {reason}"))
