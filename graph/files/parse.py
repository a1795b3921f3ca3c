"""Turn a loaded YAML file into a model, or into one problem per thing wrong with it."""

from __future__ import annotations

import difflib
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from graph.files.problems import Problem
from graph.files.yamlfile import Located

M = TypeVar("M", bound=BaseModel)


def parse(located: Located, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate `located.data` against `model`; problems carry file, line and a hint."""
    if located.data is None:
        message = "no data (null)" if located.lines else "file is empty"
        return None, [Problem(located.file, located.line(), message, f"write the {_kind(model)} fields here")]
    try:
        return model.model_validate(located.data), []
    except ValidationError as err:
        return None, [_problem(located, model, e) for e in err.errors(include_url=False)]


def _problem(located: Located, model: type[BaseModel], error: dict) -> Problem:
    loc = tuple(error["loc"])
    where = ".".join(str(part) for part in loc) or "the file"
    kind = error["type"]
    if kind == "extra_forbidden":
        return Problem(located.file, located.line(loc), f"unknown field {where!r}", _did_you_mean(model, loc))
    if kind == "missing":
        return Problem(
            located.file, located.line(loc[:-1]), f"missing required field {where!r}", f"add `{loc[-1]}:` here"
        )
    got = error.get("input")
    shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
    return Problem(located.file, located.line(loc), f"{where}: {error['msg']} (got {shown[:80]})", _hint_for(kind))


def _hint_for(kind: str) -> str:
    if kind.startswith("string"):
        return "write text; quote values YAML would read as numbers, dates or booleans"
    if kind.startswith(("int", "float")):
        return "write a number without quotes"
    if kind == "literal_error":
        return "use one of the listed values"
    if kind in ("dict_type", "model_type"):
        return "write a mapping of `key: value` lines here"
    if kind == "list_type":
        return "write a list: `[a, b]` or one `- item` per line"
    return "see the data model in README.md"


def _did_you_mean(model: type[BaseModel], loc: tuple) -> str:
    fields = _fields_at(model, loc[:-1])
    close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"allowed fields here: {', '.join(sorted(fields))}" if fields else "remove this field"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(str(part))
        if field is not None:  # otherwise `part` is a key of a mapping of models
            current = _model_in(field.annotation)
    return list(current.model_fields) if current else []


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if (found := _model_in(arg)) is not None:
            return found
    return None


def _kind(model: type[BaseModel]) -> str:
    return model.__name__.removesuffix("File").lower()
