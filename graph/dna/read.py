"""Reading a DNA 3 database (SQLite), table by table, in the layout DNA's `Sql.createTables` makes.

Tables read: SETTINGS (version), DOCUMENTS (ID, Title, Text, Author, Source, Section, Notes, Type, Date in
epoch seconds, UTC), STATEMENTTYPES (ID, Label), VARIABLES (ID, Variable, DataType, StatementTypeId),
STATEMENTS (ID, StatementTypeId, DocumentId, Start, Stop: UTF-16 offsets into the text, as Java counts),
ENTITIES (ID, VariableId, Value, Red, Green, Blue, ChildOf), DATASHORTTEXT (StatementId, VariableId, Entity),
DATABOOLEAN / DATAINTEGER / DATALONGTEXT (StatementId, VariableId, Value), ATTRIBUTEVARIABLES (ID,
VariableId, AttributeVariable) and ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue).
The file is opened read-only; nothing in it is executed.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import DnaError

TABLES = (
    "SETTINGS",
    "DOCUMENTS",
    "STATEMENTTYPES",
    "VARIABLES",
    "STATEMENTS",
    "ENTITIES",
    "DATASHORTTEXT",
    "DATABOOLEAN",
    "DATAINTEGER",
    "DATALONGTEXT",
    "ATTRIBUTEVARIABLES",
    "ATTRIBUTEVALUES",
)


@dataclass
class Document:
    id: int
    title: str
    text: str
    author: str
    source: str
    section: str
    notes: str
    type: str
    date: int  # seconds since 1970-01-01 UTC


@dataclass
class Variable:
    id: int
    name: str
    data_type: str  # short text, long text, boolean, integer
    statement_type: int


@dataclass
class Entity:
    id: int
    variable: int
    value: str
    color: str | None
    child_of: int | None
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class Statement:
    id: int
    statement_type: int
    document: int
    start: int
    stop: int
    values: dict[int, object] = field(default_factory=dict)  # variable id → Entity id (short text) or value


@dataclass
class Database:
    version: str
    documents: dict[int, Document]
    statement_types: dict[int, str]
    variables: dict[int, Variable]
    entities: dict[int, Entity]
    statements: list[Statement]
    attribute_names: dict[int, list[str]]  # variable id → its attribute variables, in ID order


def read_database(path: Path | str) -> Database:
    """Every table this importer uses, read in ID order; raises `DnaError` for a file it cannot read."""
    path = Path(path)
    if not path.is_file():
        raise DnaError(f"{path}: no such file")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as err:
        raise DnaError(f"{path}: cannot open as SQLite: {err}") from None
    try:
        return _read(con, path)
    except sqlite3.DatabaseError as err:
        raise DnaError(f"{path}: not a readable DNA 3 database: {err}") from None
    finally:
        con.close()


def _read(con: sqlite3.Connection, path: Path) -> Database:
    present = {r[0].upper() for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in TABLES if t not in present]
    if missing:
        raise DnaError(f"{path}: not a DNA 3 database: no table {', '.join(missing)}")
    version = next((v for (v,) in con.execute("SELECT Value FROM SETTINGS WHERE Property = 'version'")), "")
    if not str(version).startswith("3"):
        raise DnaError(f"{path}: DNA version {version or 'unknown'}; only DNA 3 databases can be imported")
    documents = {
        r[0]: Document(*r)
        for r in con.execute(
            "SELECT ID, Title, Text, Author, Source, Section, Notes, Type, Date FROM DOCUMENTS ORDER BY ID"
        )
    }
    types = dict(con.execute("SELECT ID, Label FROM STATEMENTTYPES ORDER BY ID"))
    variables = {
        r[0]: Variable(*r)
        for r in con.execute("SELECT ID, Variable, DataType, StatementTypeId FROM VARIABLES ORDER BY ID")
    }
    entities = {}
    for eid, var, value, red, green, blue, child in con.execute(
        "SELECT ID, VariableId, Value, Red, Green, Blue, ChildOf FROM ENTITIES ORDER BY ID"
    ):
        color = f"#{red:02x}{green:02x}{blue:02x}" if None not in (red, green, blue) else None
        entities[eid] = Entity(eid, var, value, color, child)
    names: dict[int, list[str]] = defaultdict(list)
    attribute = {}
    for aid, var, name in con.execute("SELECT ID, VariableId, AttributeVariable FROM ATTRIBUTEVARIABLES ORDER BY ID"):
        names[var].append(name)
        attribute[aid] = name
    for eid, aid, value in con.execute(
        "SELECT EntityId, AttributeVariableId, AttributeValue FROM ATTRIBUTEVALUES ORDER BY ID"
    ):
        if eid in entities and aid in attribute:
            entities[eid].attributes[attribute[aid]] = value
    statements = {
        r[0]: Statement(*r)
        for r in con.execute("SELECT ID, StatementTypeId, DocumentId, Start, Stop FROM STATEMENTS ORDER BY ID")
    }
    for table, column in (
        ("DATASHORTTEXT", "Entity"),
        ("DATABOOLEAN", "Value"),
        ("DATAINTEGER", "Value"),
        ("DATALONGTEXT", "Value"),
    ):
        for sid, var, value in con.execute(f"SELECT StatementId, VariableId, {column} FROM {table} ORDER BY ID"):
            if sid in statements:
                statements[sid].values[var] = value
    return Database(str(version), documents, types, variables, entities, list(statements.values()), dict(names))
