"""Neo4j from Python: `sync` writes a built graph into a database as its one dataset, `pull` reads it back.

>>> from graph import load_corpus, build_graph, sync, pull, Neo4jSettings
>>> corpus = load_corpus("seeds")
>>> report = sync(build_graph(corpus), corpus.schema, Neo4jSettings.from_env(), "seeds")  # doctest: +SKIP

Both connect, bound every call by the settings' timeout, and close the connection; every failure is a
`ConnectionProblem` (Neo4j cannot be used: exit 3) or a `SyncError` (the graph or the dataset cannot be used as
it is: exit 2), with one message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import neo4j
from neo4j.exceptions import ConstraintError, DriverError, Neo4jError

from graph.errors import ConnectionProblem, SyncError
from graph.neo4j import reader, writer
from graph.neo4j.connect import as_problem, bounded, connect
from graph.neo4j.records import check_dataset
from graph.neo4j.settings import TX_GRACE_S, Settings

if TYPE_CHECKING:
    import networkx as nx

    from graph.schema import Schema

__all__ = ["pull", "sync"]

RERUN = "re-run `actorgraph sync` to finish"


def sync(
    graph: nx.MultiDiGraph,
    schema: Schema,
    settings: Settings,
    dataset: str = "default",
    *,
    prune: bool = False,
    dry_run: bool = False,
    replace: bool = False,
    batch_size: int = writer.DEFAULT_BATCH,
    progress: Callable[[int], Callable[[int], None] | None] | None = None,
) -> writer.SyncReport:
    """Make the database `settings` names hold `graph` as `dataset`; only what changed is written.

    `prune` deletes what the graph no longer has; `replace` first deletes a dataset of another name (a database
    holds one); `dry_run` plans without writing; `progress(total)` may return a callback advanced per item.
    """
    check_dataset(dataset)
    stopped = f"the sync stopped part-way (what it wrote is kept): {RERUN}"
    with connected(settings, stopped) as driver:
        return writer.write_dataset(
            driver,
            settings.database,
            graph,
            schema,
            dataset,
            prune=prune,
            dry_run=dry_run,
            replace=replace,
            batch_size=batch_size,
            progress=progress,
            guard=lambda call: bounded(settings, call),
            timeout=settings.timeout + TX_GRACE_S,
        )


def pull(settings: Settings, dataset: str = "default") -> nx.MultiDiGraph:
    """The dataset as a MultiDiGraph equal to the one that was synced (refused while it is incomplete)."""
    check_dataset(dataset)
    with connected(settings) as driver:
        return reader.read_dataset(driver, settings.database, dataset, guard=lambda call: bounded(settings, call))


@contextlib.contextmanager
def connected(settings: Settings, stopped: str | None = None) -> Iterator[neo4j.Driver]:
    """A connected driver, closed after; the driver's errors inside become `ConnectionProblem` or `SyncError`.

    `stopped` is added to a failure after connecting (the server went away, or a concurrent write got in the way).
    """
    driver = connect(settings)
    try:
        yield driver
    except ConnectionProblem as problem:  # the server stopped answering (see `connect.bounded`)
        raise ConnectionProblem(_joined(str(problem), stopped)) from None
    except (Neo4jError, DriverError) as error:
        problem = as_problem(error, settings)
        if isinstance(problem, ConnectionProblem):
            raise ConnectionProblem(_joined(str(problem), stopped)) from None
        message = f"Neo4j refused the write: {_first_line(error)}"
        if isinstance(error, ConstraintError) and stopped:
            message += "; another sync of this dataset may be writing at the same time"
        raise SyncError(_joined(message, stopped)) from None
    finally:
        driver.close()


def _joined(message: str, hint: str | None) -> str:
    return f"{message}; {hint}" if hint else message


def _first_line(error: Exception) -> str:
    return str(getattr(error, "message", None) or error).strip().splitlines()[0]
