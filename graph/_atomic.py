"""Atomic file writes: readers see the old file or the new one, never half of one.

`write_all` writes several files as one step: every new content is complete on disk before the first
file is replaced, so a failure while preparing any of them replaces none and leaves no temporary file.

Temporary files are named `.NAME.XXXXXXXX.tmp` beside their target and hold an exclusive `flock` from
creation until they are renamed or removed. A writer killed with `kill -9` leaves its file behind, but its
lock dies with it: the first write into a folder sweeps every such file there that is unlocked and older
than `STALE_SECONDS`, so concurrent builds never remove each other's files.
"""

from __future__ import annotations

import fcntl
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from graph.errors import OutputError

STALE_SECONDS = 10  # a temporary file this old whose writer is gone is swept
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")  # tempfile.mkstemp(prefix=".NAME.", suffix=".tmp")
_swept: set[Path] = set()


@contextmanager
def atomic_open(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside `path`; rename it over `path` only if the block succeeds.

    A file system error (no such folder, no permission, a full disk) is an `OutputError` naming `path`.
    """
    binary = "b" in mode
    with _as_output_error(path):
        f, tmp = _open_temp(path, mode, None if binary else encoding)
    try:
        with f, _as_output_error(path):
            yield f
            _finish(f, tmp)
            os.replace(tmp, path)  # still locked: a sweep never takes a file about to be renamed
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    """Write `text` to `path` atomically, UTF-8, newlines as given."""
    with atomic_open(path) as f:
        f.write(text)


def write_all(outputs: Mapping[Path, str | Iterable[str]]) -> None:
    """Write every `path: text` (a string or its chunks) to a temporary file, then rename them all into place."""
    temps: list[tuple[IO, str, Path]] = []
    try:
        for path, text in outputs.items():
            with _as_output_error(path):
                f, tmp = _open_temp(path, "w", "utf-8")
                temps.append((f, tmp, path))
                f.writelines([text] if isinstance(text, str) else text)
                _finish(f, tmp)
        for _, tmp, path in temps:
            with _as_output_error(path):
                os.replace(tmp, path)
    finally:
        for f, tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
            f.close()


@contextmanager
def _as_output_error(path: Path) -> Iterator[None]:
    """OS errors while writing `path` as one `OutputError` that names it (other errors pass unchanged)."""
    try:
        yield
    except OutputError:
        raise
    except OSError as err:
        raise OutputError(f"{path}: {err.strerror or err}") from err


def sweep(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove the stale temporary files in `folder`: our name pattern, unlocked, older than `older_than` s."""
    removed = []
    try:
        names = [n for n in os.listdir(folder) if _TEMP_NAME.fullmatch(n)]
    except OSError:
        return removed
    for name in names:
        path = folder / name
        if _remove_if_stale(path, time.time() - older_than):
            removed.append(path)
    return removed


def _remove_if_stale(path: Path, cutoff: float) -> bool:
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_mtime > cutoff:
            return False
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by a live writer: not ours to remove
        opened, now = os.fstat(fd), os.lstat(path)
        if (opened.st_dev, opened.st_ino) != (now.st_dev, now.st_ino):
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _open_temp(path: Path, mode: str, encoding: str | None) -> tuple[IO, str]:
    """A new, locked temporary file beside `path` (sweeping the folder's stale ones first, once a process)."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    if folder.resolve() not in _swept:
        sweep(folder)
        _swept.add(folder.resolve())
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return os.fdopen(fd, mode, encoding=encoding, newline=None if "b" in mode else ""), tmp
    except BaseException:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise


def _finish(f: IO, tmp: str) -> None:
    f.flush()
    os.fsync(f.fileno())
    os.chmod(tmp, 0o644)
