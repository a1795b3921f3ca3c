"""YAML loading that remembers the line of every key and item.

Values come back as plain dicts, lists and scalars; `Located.line(path)` gives the
1-based line of the value at `path` (a tuple of keys and indexes), or of its nearest
located parent. Dates stay strings: no value changes type behind the user's back.
Only plain data loads: tags other than the core scalar, list and mapping ones are problems,
nesting stops at `MAX_DEPTH` levels and aliases may repeat at most `MAX_ALIAS_VALUES` values.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure loader alone
    CParser = None

from graph.errors import LoadError
from graph.files.problems import Problem, display_path

MAX_FILE_BYTES = 1 << 30  # bytes of one input file (1 GiB)
MAX_READ_SECONDS = 60  # to read one input file
_CHUNK = 1 << 24
_KINDS = (
    (stat.S_ISLNK, "a symbolic link (links are never followed)"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
MAX_DEPTH = 100  # levels of nested lists and mappings
MAX_ALIAS_VALUES = 100_000  # values aliases may repeat, in all, per file
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # only from escapes such as "\\ud800"; cannot be saved as UTF-8
_DEPTH_HINT = "flatten the structure; annotation files need at most five levels"
_ALIAS_HINT = "write the values out instead of repeating them with `*alias`"


class _TooDeep(yaml.YAMLError):
    def __init__(self, line: int) -> None:
        self.line = line


class _DepthLimit:
    """A composer that refuses nesting deeper than `MAX_DEPTH` (mixed into both loaders)."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _NoDatesLoader(_DepthLimit, yaml.SafeLoader):
    """SafeLoader whose scalars never become datetime objects, and which refuses deep nesting."""


_NoDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

if CParser is not None:

    class _CNoDatesLoader(_DepthLimit, Composer, CParser, SafeConstructor, Resolver):  # type: ignore[misc]
        """The same loader over libyaml's scanner and parser (about ten times faster); composing stays Python."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _CNoDatesLoader.yaml_implicit_resolvers = _NoDatesLoader.yaml_implicit_resolvers
    _LOADERS: tuple[type, ...] = (_CNoDatesLoader, _NoDatesLoader)
else:  # PyYAML built without libyaml
    _LOADERS = (_NoDatesLoader,)

# Text the C loader is not trusted with: what the pure reader refuses, and line breaks other than LF and CR.
_PURE_ONLY = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq"))
_TAG_HINT = "write plain text, numbers, true/false, lists and mappings; quote a value to keep it as text"


@dataclass
class Located:
    """A loaded YAML document and the line of each value in it."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_ = ()) -> int:
        """Line of the value at `path`, or of its nearest parent that has one."""
        for end in range(len(path), -1, -1):
            if (found := self.lines.get(tuple(path[:end]))) is not None:
                return found
        return 1


def load_file(path: Path) -> Located:
    """Load one YAML file with line numbers; raise `LoadError` for bad encoding or syntax."""
    shown = display_path(path)
    text = decode_utf8(read_bytes(path, shown), shown)
    return load_text(text, shown)


def read_bytes(path: Path, shown: str) -> bytearray:
    """The bytes of a regular file, never following a link; raise `LoadError` naming the path otherwise.

    Before any byte is read: a symbolic link (wherever it points), a FIFO, a device, a socket or a folder
    is refused (`lstat`, then `open` with `O_NOFOLLOW | O_NONBLOCK` and `fstat` of the opened descriptor,
    which must be the same regular file). A file over `MAX_FILE_BYTES`, or one whose reading takes more
    than `MAX_READ_SECONDS`, is refused too. Messages name the path and never show its contents.
    """
    try:
        return _read_regular(path, shown)
    except OSError as err:
        reason = "it is a symbolic link (links are never followed)" if err.errno == errno.ELOOP else err.strerror
        raise _unreadable(shown, reason) from None


def _read_regular(path: Path, shown: str) -> bytearray:
    before = os.lstat(path)
    _check_kind(before, shown)
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        opened = os.fstat(fd)
        _check_kind(opened, shown)
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise _unreadable(shown, "the file was replaced while being opened")
        if opened.st_size > MAX_FILE_BYTES:
            raise _unreadable(
                shown, f"the file is larger than {MAX_FILE_BYTES // 2**20:,} MiB ({opened.st_size:,} bytes)"
            )
        return _read_all(fd, opened.st_size, shown)
    finally:
        os.close(fd)


def _check_kind(info: os.stat_result, shown: str) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
    raise _unreadable(shown, f"it is {kind}")


def _read_all(fd: int, size: int, shown: str) -> bytearray:
    """Up to `size` bytes (the size when opened), in chunks, within `MAX_READ_SECONDS`."""
    buffer = bytearray(size)
    view, done, deadline = memoryview(buffer), 0, time.monotonic() + MAX_READ_SECONDS
    with os.fdopen(os.dup(fd), "rb", buffering=0) as f:
        while done < size:
            got = f.readinto(view[done : done + _CHUNK])
            if not got:
                break
            done += got
            if time.monotonic() > deadline:
                raise _unreadable(shown, f"reading the file took more than {MAX_READ_SECONDS} s")
    view.release()
    del buffer[done:]
    return buffer  # one buffer, never copied: a big file is in memory once


def _unreadable(shown: str, message: str) -> LoadError:
    return LoadError(
        Problem(
            shown,
            None,
            f"cannot read the file: {message}",
            "make it a regular, readable file inside the seeds folder, or remove it",
        )
    )


def decode_utf8(raw: bytes | bytearray, shown: str) -> str:
    """Decode UTF-8 (a BOM is allowed); raise `LoadError` naming the line of a bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise LoadError(
            Problem(
                shown,
                line,
                f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start})",
                "save the file as UTF-8",
            )
        ) from None


def load_text(text: str, shown: str) -> Located:
    """Load YAML from `text`; `shown` names the file in problems.

    The C loader reads plain text; any text it is not trusted with, and any file it fails on, is read
    again by the pure loader, whose problems (messages and lines) are the ones reported.
    """
    node = None
    if len(_LOADERS) > 1 and _PURE_ONLY.search(text) is None:
        try:
            return _convert(yaml.compose(text, Loader=_LOADERS[0]), shown)
        except (yaml.YAMLError, LoadError, RecursionError, ValueError):
            pass
    try:
        node = yaml.compose(text, Loader=_NoDatesLoader)
    except yaml.MarkedYAMLError as err:
        raise LoadError(_syntax_problem(shown, err)) from None
    except _TooDeep as err:
        raise LoadError(Problem(shown, err.line, f"nested deeper than {MAX_DEPTH} levels", _DEPTH_HINT)) from None
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1
        message = f"character U+{err.character:04X} is not allowed in YAML (offset {err.position})"
        raise LoadError(Problem(shown, line, message, "remove it; control characters need a JSON Lines file")) from None
    except yaml.YAMLError as err:
        raise LoadError(Problem(shown, None, f"YAML error: {err}", "save the file as UTF-8 YAML")) from None
    return _convert(node, shown)


def _convert(node: yaml.Node | None, shown: str) -> Located:
    located = Located(shown, None)
    if node is not None:
        located.data = _Converter(located, _NoDatesLoader("")).convert(node, ())
    return located


def _syntax_problem(shown: str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    message = f"YAML syntax error: {err.problem or err}"
    if err.context and err.context_mark and mark and err.context_mark.line != mark.line:
        message += f" ({err.context.removeprefix('while parsing a ')} begun on line {err.context_mark.line + 1})"
    hint = "check brackets, indentation, colons and quotes here and on the lines above"
    return Problem(shown, mark.line + 1 if mark else None, message, hint)


class _Converter:
    """Turns composed nodes into plain values, recording lines; aliases may not loop or blow up."""

    def __init__(self, out: Located, loader: yaml.SafeLoader) -> None:
        self.out = out
        self.loader = loader
        self.seen: set[int] = set()
        self.open: set[int] = set()
        self.repeated = 0

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.out.lines[path] = node.start_mark.line + 1
        _check_tag(node, self.out.file)
        if len(path) > MAX_DEPTH:
            _fail(self.out.file, node, f"nested deeper than {MAX_DEPTH} levels", _DEPTH_HINT)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node, self.out.file, self.loader)
        self._enter(node)
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _enter(self, node: yaml.Node) -> None:
        """Count values an alias repeats; refuse an alias inside its own anchor."""
        if id(node) in self.open:
            _fail(self.out.file, node, "an alias refers to the list or mapping it is part of", _ALIAS_HINT)
        if id(node) in self.seen:
            self.repeated += len(node.value)
            if self.repeated > MAX_ALIAS_VALUES:
                message = f"aliases repeat more than {MAX_ALIAS_VALUES:,} values (anchor on this line)"
                _fail(self.out.file, node, message, _ALIAS_HINT)
        self.seen.add(id(node))
        self.open.add(id(node))

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            _check_tag(key_node, self.out.file)
            key = _scalar(key_node, self.out.file, self.loader) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int, float, bool)):
                _fail(self.out.file, key_node, "a mapping key must be a plain scalar", "write the key as text")
            if key in result:
                _fail(self.out.file, key_node, f"duplicate key {key!r}", "remove or rename one of the two keys")
            result[key] = self.convert(value_node, (*path, key))
        return result


def _check_tag(node: yaml.Node, file: str) -> None:
    """Only plain data: a tag such as `!!python/object` or `!!binary` is a problem, never a constructor call."""
    if node.tag not in _PLAIN_TAGS:
        _fail(file, node, f"YAML tag {node.tag!r} is not allowed", _TAG_HINT)


def _scalar(node: yaml.Node, file: str, loader: yaml.SafeLoader) -> Any:
    try:
        value = loader.construct_object(node)
        if isinstance(value, str) and (found := LONE_SURROGATE.search(value)):
            raise ValueError(f"\\u{ord(found.group()):04x} is half of a surrogate pair, not a character")
        return value
    except (yaml.YAMLError, ValueError, KeyError) as err:
        shown = node.value if len(node.value) <= 40 else node.value[:39] + "…"
        reason = "it has too many digits" if "digits" in str(err) else str(err).splitlines()[0]
        _fail(file, node, f"cannot read the value {shown!r} as {node.tag.rsplit(':', 1)[-1]}: {reason}", _TAG_HINT)


def _fail(file: str, node: yaml.Node, message: str, hint: str) -> None:
    raise LoadError(Problem(file, node.start_mark.line + 1, message, hint))
