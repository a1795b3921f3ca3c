"""Where a writer writes: a path (written atomically) or a text file the caller opened (left open)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from graph._atomic import atomic_open

Target = Path | str | IO[str]


@contextmanager
def opened(target: Target) -> Iterator[IO[str]]:
    """`target` itself if it is an open text file, else an atomic file at that path (replaced only on success)."""
    if hasattr(target, "write"):
        yield target  # type: ignore[misc]
        return
    with atomic_open(Path(target)) as f:  # type: ignore[arg-type]
        yield f
