"""YAML loading that remembers the line of every key and item.

Values come back as plain dicts, lists and scalars; `Located.line(path)` gives the
1-based line of the value at `path` (a tuple of keys and indexes), or of its nearest
located parent. Dates stay strings: no value changes type behind the user's back.
Only plain data loads: tags other than the core scalar, list and mapping ones are problems,
nesting stops at `MAX_DEPTH` levels and aliases may repeat at most `MAX_ALIAS_VALUES` values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ._problems import LoadError, Problem, display_path

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 100  # levels of nested lists and mappings
MAX_ALIAS_VALUES = 100_000  # values aliases may repeat, in all, per file
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # only from escapes such as "\\ud800"; cannot be saved as UTF-8
_DEPTH_HINT = "flatten the structure; annotation files need at most five levels"
_ALIAS_HINT = "write the values out instead of repeating them with `*alias`"


class _TooDeep(yaml.YAMLError):
    def __init__(self, line: int) -> None:
        self.line = line


class _NoDatesLoader(yaml.SafeLoader):
    """SafeLoader whose scalars never become datetime objects, and which refuses deep nesting."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_NoDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

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


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of a regular file; raise `LoadError` if it is a folder or cannot be read."""
    try:
        if not path.is_file():
            raise IsADirectoryError(21, "not a regular file") if path.exists() else FileNotFoundError(2, "not found")
        return path.read_bytes()
    except OSError as err:
        raise LoadError(
            Problem(shown, None, f"cannot read the file: {err.strerror}", "make it a readable file, or remove it")
        ) from None


def decode_utf8(raw: bytes, shown: str) -> str:
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
    """Load YAML from `text`; `shown` names the file in problems."""
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
