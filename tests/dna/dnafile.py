"""Building DNA 3 databases for tests, with sqlite3, in the table layout DNA's `Sql.createTables` gives SQLite.

`DnaFile` holds the default contents DNA writes into a new database (the Admin coder, version 3 settings, the
statement types `DNA Statement`, `NPF Story Element` and `Annotation` with their variables and attribute
variables) and has helpers to add documents, entities and statements as DNA stores them.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

TABLES = """
CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT NOT NULL);
CREATE TABLE CODERS(ID INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL CHECK (LENGTH(Name) < 191),
  Red INTEGER NOT NULL DEFAULT 0, Green INTEGER NOT NULL DEFAULT 0, Blue INTEGER NOT NULL DEFAULT 0,
  Refresh INTEGER NOT NULL DEFAULT 0, FontSize INTEGER NOT NULL DEFAULT 14, Password TEXT NOT NULL,
  PopupWidth INTEGER DEFAULT 300, ColorByCoder INTEGER NOT NULL DEFAULT 0, PopupDecoration INTEGER NOT NULL DEFAULT 0,
  PopupAutoComplete INTEGER NOT NULL DEFAULT 1);
CREATE TABLE DOCUMENTS(ID INTEGER NOT NULL PRIMARY KEY, Title TEXT NOT NULL CHECK (LENGTH(Title) < 191),
  Text TEXT NOT NULL, Coder INTEGER, Author TEXT NOT NULL DEFAULT '', Source TEXT NOT NULL DEFAULT '',
  Section TEXT NOT NULL DEFAULT '', Notes TEXT NOT NULL DEFAULT '', Type TEXT NOT NULL DEFAULT '',
  Date INTEGER NOT NULL, FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE);
CREATE TABLE STATEMENTTYPES(ID INTEGER NOT NULL PRIMARY KEY, Label TEXT NOT NULL, Red INTEGER NOT NULL DEFAULT 0,
  Green INTEGER NOT NULL DEFAULT 0, Blue INTEGER NOT NULL DEFAULT 0);
CREATE TABLE VARIABLES(ID INTEGER NOT NULL PRIMARY KEY, Variable TEXT NOT NULL, DataType TEXT NOT NULL
  CHECK (DataType = 'boolean' OR DataType = 'integer' OR DataType = 'long text' OR DataType = 'short text')
  DEFAULT 'short text', StatementTypeId INTEGER, FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID)
  ON DELETE CASCADE, UNIQUE (Variable, StatementTypeId));
CREATE TABLE VARIABLELINKS(ID INTEGER NOT NULL PRIMARY KEY, SourceVariableId INTEGER, TargetVariableId INTEGER);
CREATE TABLE REGEXES(Label TEXT PRIMARY KEY, Red INTEGER NOT NULL DEFAULT 0, Green INTEGER NOT NULL DEFAULT 0,
  Blue INTEGER NOT NULL DEFAULT 0);
CREATE TABLE CODERRELATIONS(ID INTEGER NOT NULL PRIMARY KEY, Coder INTEGER, OtherCoder INTEGER,
  viewStatements INTEGER NOT NULL DEFAULT 1, editStatements INTEGER NOT NULL DEFAULT 1,
  viewDocuments INTEGER NOT NULL DEFAULT 1, editDocuments INTEGER NOT NULL DEFAULT 1);
CREATE TABLE STATEMENTS(ID INTEGER NOT NULL PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER,
  Start INTEGER NOT NULL CHECK(Start >= 0), Stop INTEGER NOT NULL CHECK(Stop >= 0), Coder INTEGER,
  CHECK (Start < Stop), FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE,
  FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE,
  FOREIGN KEY(DocumentId) REFERENCES DOCUMENTS(ID) ON DELETE CASCADE);
CREATE TABLE DATABOOLEAN(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL,
  Value INTEGER NOT NULL DEFAULT 1, UNIQUE (StatementId, VariableId));
CREATE TABLE DATAINTEGER(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL,
  Value INTEGER NOT NULL DEFAULT 0, UNIQUE (StatementId, VariableId));
CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL,
  Value TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Value) < 191), Red INTEGER, Green INTEGER, Blue INTEGER,
  ChildOf INTEGER CHECK(ChildOf > 0), UNIQUE (VariableId, Value));
CREATE TABLE DATASHORTTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL,
  VariableId INTEGER NOT NULL, Entity INTEGER NOT NULL, UNIQUE (StatementId, VariableId));
CREATE TABLE DATALONGTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL,
  Value TEXT DEFAULT '', UNIQUE (StatementId, VariableId));
CREATE TABLE ATTRIBUTEVARIABLES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL,
  AttributeVariable TEXT NOT NULL, UNIQUE(VariableId, AttributeVariable));
CREATE TABLE ATTRIBUTEVALUES(ID INTEGER PRIMARY KEY NOT NULL, EntityId INTEGER NOT NULL,
  AttributeVariableId INTEGER NOT NULL, AttributeValue TEXT NOT NULL DEFAULT '',
  UNIQUE (EntityId, AttributeVariableId));
"""

DEFAULTS = """
INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password) VALUES (1, 'Admin', 255, 255, 0, 'x');
INSERT INTO SETTINGS (Property, Value) VALUES ('version', '3.0.11');
INSERT INTO SETTINGS (Property, Value) VALUES ('date', '2023-06-01');
INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (1, 'DNA Statement', 239, 208, 51);
INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (1, 'person', 'short text', 1);
INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (2, 'organization', 'short text', 1);
INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (3, 'concept', 'short text', 1);
INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (4, 'agreement', 'boolean', 1);
INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (1, 'Type'), (2, 'Type'), (3, 'Type'),
  (1, 'Alias'), (2, 'Alias'), (3, 'Alias'), (1, 'Notes'), (2, 'Notes'), (3, 'Notes');
INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (2, 'NPF Story Element', 100, 200, 190);
INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (5, 'narrator', 'short text', 2),
  (6, 'victim', 'short text', 2), (7, 'villain', 'short text', 2), (8, 'plot', 'short text', 2),
  (9, 'hero', 'short text', 2), (10, 'policy solution', 'short text', 2);
INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (3, 'Annotation', 211, 211, 211);
INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (11, 'note', 'long text', 3);
"""

PERSON, ORGANIZATION, CONCEPT, AGREEMENT, NARRATOR, NOTE = 1, 2, 3, 4, 5, 11


def epoch(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp())


class DnaFile:
    """A new DNA 3 SQLite database at `path`, with DNA's default contents."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = sqlite3.connect(path)
        self.con.executescript(TABLES + DEFAULTS)
        self.entities: dict[tuple[int, str], int] = {}

    def sql(self, query: str, *args: object) -> int:
        cur = self.con.execute(query, args)
        return cur.lastrowid

    def document(self, title: str, text: str, day: str, **meta: str) -> tuple[int, str]:
        cols = ", ".join(["Title", "Text", "Coder", "Date", *meta])
        marks = ", ".join("?" * (4 + len(meta)))
        return self.sql(
            f"INSERT INTO DOCUMENTS ({cols}) VALUES ({marks})", title, text, 1, epoch(day), *meta.values()
        ), text

    def entity(self, variable: int, value: str, **attributes: str) -> int:
        key = (variable, value)
        if key not in self.entities:
            self.entities[key] = self.sql(
                "INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (?, ?, 10, 20, 30)", variable, value
            )
        eid = self.entities[key]
        for name, value_ in attributes.items():
            (aid,) = self.con.execute(
                "SELECT ID FROM ATTRIBUTEVARIABLES WHERE VariableId = ? AND AttributeVariable = ?", (variable, name)
            ).fetchone()
            self.sql(
                "INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) VALUES (?, ?, ?)",
                eid,
                aid,
                value_,
            )
        return eid

    def statement(self, doc: tuple[int, str], span: str, stype: int = 1, **values: object) -> int:
        """A statement over the first occurrence of `span` in the document, offsets in UTF-16 units as DNA's."""
        doc_id, text = doc
        at = text.index(span)
        start = len(text[:at].encode("utf-16-le")) // 2
        stop = start + len(span.encode("utf-16-le")) // 2
        sid = self.sql(
            "INSERT INTO STATEMENTS (StatementTypeId, DocumentId, Start, Stop, Coder) VALUES (?, ?, ?, ?, 1)",
            stype,
            doc_id,
            start,
            stop,
        )
        for var, value in values.items():
            self.value(sid, int(var.removeprefix("v")), value)
        return sid

    def value(self, sid: int, var: int, value: object) -> None:
        (dtype,) = self.con.execute("SELECT DataType FROM VARIABLES WHERE ID = ?", (var,)).fetchone()
        if dtype == "short text":
            self.sql(
                "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
                sid,
                var,
                self.entity(var, str(value)),
            )
        else:
            table = {"boolean": "DATABOOLEAN", "integer": "DATAINTEGER", "long text": "DATALONGTEXT"}[dtype]
            self.sql(f"INSERT INTO {table} (StatementId, VariableId, Value) VALUES (?, ?, ?)", sid, var, value)

    def close(self) -> Path:
        self.con.commit()
        self.con.close()
        return self.path
