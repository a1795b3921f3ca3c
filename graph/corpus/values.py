"""Checking typed values (qualifiers, entity properties) against their declared types."""

from __future__ import annotations

import re
from datetime import date

from graph.corpus.dates import resolve_words
from graph.files.shapes import Scalar, ValueSpec

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)  # matched in full: no trailing newline
_ISO_LIKE = re.compile(r"[\d\s/.-]*")  # digits and separators only: a malformed ISO date, not words


class BadValue(ValueError):
    """A value that does not fit its declared type; the message says what would."""


def check_value(value: Scalar, spec: ValueSpec) -> Scalar:
    """Return `value` in its stored form, or raise `BadValue` saying what is expected."""
    kind = spec.type
    if kind == "date":
        value = _check_date(value)
    elif kind == "string" and not isinstance(value, str):
        raise BadValue(f"expected text, got {value!r}; quote it")
    elif kind == "integer" and (isinstance(value, bool) or not isinstance(value, int)):
        raise BadValue(f"expected a whole number, got {value!r}")
    elif kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise BadValue(f"expected a number, got {value!r}")
    elif kind == "boolean" and not isinstance(value, bool):
        raise BadValue(f"expected true or false, got {value!r}")
    if spec.enum is not None and value not in spec.enum:
        raise BadValue(f"{value!r} is not one of: {', '.join(map(str, spec.enum))}")
    return value


def check_date(value: Scalar, spec: ValueSpec, published: str | None) -> tuple[str, str | None]:
    """A date qualifier: its ISO value and, if the document words it ("Tuesday"), those words.

    Raises `BadValue` for a malformed ISO date, `dates.UnresolvedDate` (with a hint) for words that give no date.
    """
    try:
        return str(check_value(value, spec)), None
    except BadValue:
        if not isinstance(value, str) or _ISO_LIKE.fullmatch(value):
            raise
    return resolve_words(value, published), value.strip()


def _check_date(value: Scalar) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    match = _DATE.fullmatch(value) if isinstance(value, str) else None
    if not match:
        raise BadValue(f"malformed date {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError as err:
        raise BadValue(f"malformed date {value!r}: {err}") from None
    return value


def describe(name: str, spec: ValueSpec) -> str:
    """A hint saying what `name` holds."""
    kind = {
        "date": "a date (YYYY, YYYY-MM or YYYY-MM-DD, or words the published date anchors: 'Tuesday')",
        "integer": "a whole number",
    }.get(spec.type, spec.type)
    text = f"{name} is {kind}"
    if spec.enum is not None:
        text += f", one of: {', '.join(map(str, spec.enum))}"
    return f"{text}; {spec.description}" if spec.description else text
