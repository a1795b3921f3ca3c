"""Reading documents and annotations from a seeds folder, as YAML files or JSON Lines."""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

from graph.corpus.model import Annotation, Document
from graph.errors import LoadError
from graph.files import shapes as m
from graph.files.parse import parse
from graph.files.problems import Problem, display_path
from graph.files.yamlfile import LONE_SURROGATE, Located, decode_utf8, load_file, read_bytes

_META_EXCLUDE = {"id", "title", "text", "content"}
_DOCUMENT_SUFFIXES = frozenset({".yaml", ".txt", ".jsonl"})
_ANNOTATION_SUFFIXES = frozenset({".yaml", ".jsonl"})
_STRAY_HINT = "move it out of the seeds folder (only regular input files belong here), or rename it"
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def read_documents(folder: Path, problems: list[Problem]) -> dict[str, Document]:
    """Documents from `folder`: ID.yaml + text file pairs, then *.jsonl lines."""
    documents: dict[str, Document] = {}
    described: set[Path] = set()
    files = input_files(folder, _DOCUMENT_SUFFIXES, problems, recursive=False)
    for meta_path in (p for p in files if p.suffix == ".yaml"):
        located, spec = _read_yaml(meta_path, m.DocumentFile, problems)
        if spec is not None and not _plain_file_name(spec.text):
            hint = "name a file in this folder, e.g. text: ID.txt"
            message = f"text {spec.text!r} is not a file name"
            problems.append(Problem(located.file, located.line(("text",)), message, hint))
        elif spec is not None:
            text_path = meta_path.parent / spec.text
            described.add(text_path)
            _add(documents, _document_from_files(spec, text_path, located, problems), located, problems)
    for path in (p for p in files if p.suffix == ".jsonl"):
        for located in _json_lines(path, problems):
            spec, found = parse(located, m.DocumentLine)
            problems.extend(found)
            if spec is not None:
                _add(documents, _document_from_line(spec, path), located, problems)
    for text_path in (p for p in files if p.suffix == ".txt"):
        if text_path not in described:
            hint = f"add {text_path.stem}.yaml beside it with id, title and text"
            problems.append(Problem(display_path(text_path), None, "document has no metadata file", hint))
    return documents


def read_annotations(folder: Path, problems: list[Problem]) -> list[Annotation]:
    """Annotations from every *.yaml and *.jsonl file below `folder`, in path order."""
    if not os.path.lexists(folder):
        hint = "create it and add one YAML file per document"
        problems.append(Problem(display_path(folder), None, "annotations folder not found", hint))
        return []
    annotations = []
    for path in input_files(folder, _ANNOTATION_SUFFIXES, problems, recursive=True):
        if path.suffix == ".yaml":
            located, spec = _read_yaml(path, m.AnnotationFile, problems)
            pairs = [(located, spec)]
        else:
            # a line's decoded JSON is dropped once parsed: problems need only its line number
            pairs = [
                (Located(located.file, None, located.lines), _parse_into(located, m.AnnotationFile, problems))
                for located in _json_lines(path, problems)
            ]
        annotations.extend(Annotation(located, spec) for located, spec in pairs if spec is not None)
    return annotations


def input_files(folder: Path, suffixes: frozenset[str], problems: list[Problem], *, recursive: bool) -> list[Path]:
    """The files in `folder` (and below it if `recursive`) whose suffix is in `suffixes`, in path order.

    Nothing is followed or skipped silently: a link as the folder or a sub-folder, and every entry that is
    not an input file (another suffix, such as `.yml`, a stray file, a link, a FIFO), is a problem naming it.
    Files with an input suffix are returned whatever they are: `read_bytes` refuses those that are not
    regular files before reading them.
    """
    found: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            if os.path.islink(current):
                raise OSError(errno.ELOOP, "it is a symbolic link (links are never followed)")
            with os.scandir(current) as it:
                entries = list(it)
        except FileNotFoundError:
            continue
        except OSError as err:
            problems.append(
                Problem(display_path(current), None, f"cannot read the folder: {err.strerror}", _STRAY_HINT)
            )
            continue
        for entry in entries:
            path = Path(entry.path)
            if path.suffix in suffixes:
                found.append(path)
            elif recursive and entry.is_dir(follow_symlinks=False):
                pending.append(path)
            else:
                message = f"not an input file ({_kind_of(entry)}; inputs here are {', '.join(sorted(suffixes))})"
                problems.append(Problem(display_path(path), None, message, _STRAY_HINT))
    return sorted(found)


def _kind_of(entry: os.DirEntry) -> str:
    if entry.is_symlink():
        return "a symbolic link"
    if entry.is_dir(follow_symlinks=False):
        return "a folder"
    if entry.is_file(follow_symlinks=False):
        return "a file"
    return "a special file"


def _plain_file_name(name: str) -> bool:
    """A name of a file beside the metadata: no folder part, so never /dev/zero or ../../secret."""
    return Path(name).name == name and name not in (".", "..") and "\\" not in name


def _add(documents: dict[str, Document], document: Document | None, located: Located, problems: list[Problem]) -> None:
    if document is None:
        return
    if document.id in documents:
        hint = f"also used by {display_path(documents[document.id].path)}; pick another id"
        problems.append(Problem(located.file, located.line(("id",)), f"duplicate document id {document.id!r}", hint))
        return
    documents[document.id] = document


def _document_from_files(
    spec: m.DocumentFile, text_path: Path, located: Located, problems: list[Problem]
) -> Document | None:
    if not os.path.lexists(text_path):
        hint = "put the text file beside this metadata file or fix `text:`"
        problems.append(Problem(located.file, located.line(("text",)), f"text file {spec.text!r} not found", hint))
        return None
    try:
        raw = read_bytes(text_path, display_path(text_path))
        text = decode_utf8(raw, display_path(text_path))
    except LoadError as err:
        problems.append(err.problem)
        return None
    return _document(spec, text, memoryview(raw)[3:] if raw.startswith(codecs.BOM_UTF8) else raw, text_path)


def _document_from_line(spec: m.DocumentLine, path: Path) -> Document:
    return _document(spec, spec.content, spec.content.encode("utf-8"), path)


def _document(
    spec: m.DocumentFile | m.DocumentLine, text: str, raw: bytes | bytearray | memoryview, path: Path
) -> Document:
    """The document; `raw` is its text's UTF-8 bytes (without a BOM, so the hash covers what offsets count)."""
    meta = spec.model_dump(exclude=_META_EXCLUDE, exclude_none=True)
    return Document(spec.id, spec.title, text, path, hashlib.sha256(raw).hexdigest(), MappingProxyType(meta))


def _read_yaml(path: Path, model: type, problems: list[Problem]) -> tuple[Located, Any]:
    try:
        located = load_file(path)
    except LoadError as err:
        problems.append(err.problem)
        return Located(display_path(path), None), None
    return located, _parse_into(located, model, problems)


def _parse_into(located: Located, model: type, problems: list[Problem]) -> Any:
    spec, found = parse(located, model)
    problems.extend(found)
    return spec


def _json_lines(path: Path, problems: list[Problem]) -> Iterator[Located]:
    """Each non-blank line of a JSON Lines file, located at its line number."""
    shown = display_path(path)
    try:
        text = decode_utf8(read_bytes(path, shown), shown)
    except LoadError as err:
        problems.append(err.problem)
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line, object_pairs_hook=_unique_keys)
            if _SURROGATE_ESCAPE.search(line) and LONE_SURROGATE.search(json.dumps(data, ensure_ascii=False)):
                raise ValueError("a \\ud800-\\udfff escape is half of a surrogate pair, not a character")
        except (ValueError, RecursionError) as err:
            problems.append(Problem(shown, number, _json_error(err), "each line must be one complete JSON object"))
            continue
        yield Located(shown, data, {(): number})


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict; a key given twice is an error, as in YAML (json.loads keeps the last)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise _DuplicateKey(f"duplicate key {key!r}")
    return result


def _json_error(err: ValueError | RecursionError) -> str:
    if isinstance(err, json.JSONDecodeError):
        return f"invalid JSON at column {err.colno}: {err.msg}"
    if isinstance(err, RecursionError):
        return "invalid JSON: nested too deeply"
    if isinstance(err, _DuplicateKey):
        return f"invalid JSON: {err}"
    return "invalid JSON: a number has too many digits" if "digits" in str(err) else f"invalid JSON: {err}"
