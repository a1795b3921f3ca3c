"""Escaping text for XML 1.0: characters it cannot hold are removed, markup characters escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice

from graph.readwrite._fields import Kind

# XML Schema type of each attribute kind, for GraphML `attr.type` and GEXF `type` (JSON travels as a string).
XML_TYPES: dict[Kind, str] = {
    "string": "string",
    "long": "long",
    "double": "double",
    "boolean": "boolean",
    "json": "string",
}

# Everything XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_SPECIAL = re.compile("[&<>\r]|" + NOT_XML.pattern)
_ATTR_SPECIAL = re.compile('[&<>"\t\n\r]|' + NOT_XML.pattern)


def clean(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return NOT_XML.sub("", text)


def needs_escape(value: str) -> bool:
    """Whether `text(value)` differs from `value`."""
    return _TEXT_SPECIAL.search(value) is not None


def text(value: str) -> str:
    """Element content; CR kept as a reference so parsers do not fold it into LF."""
    if _TEXT_SPECIAL.search(value) is None:
        return value
    value = clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\r", "&#13;")


def attr(value: str) -> str:
    """A double-quoted attribute value; tab, LF and CR kept as references (parsers turn them into spaces)."""
    if _ATTR_SPECIAL.search(value) is None:
        return value
    value = clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return value.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def batched(elements: Iterable[str], size: int = 2000) -> Iterator[str]:
    """`elements` joined `size` at a time, so a streaming writer makes few, large writes."""
    it = iter(elements)
    while group := list(islice(it, size)):
        yield "".join(group)
