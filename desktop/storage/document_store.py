"""Loading, saving and deleting a record that keeps its domain object as one JSON document
(agreements, selection processes, forums, learning communities), by the record's id.

A save carries the version the document was loaded at (see `concurrency`): when someone
else saved the record meanwhile, ConcurrentEdit is raised with their version and nothing
is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, literal_column, select
from sqlalchemy.orm import Session

from desktop.storage.concurrency import (
    check_version,
    expected_for,
    guarded_save,
    remember_version,
    stored_document,
)
from desktop.storage.reference_store import RecordNotFound
from desktop.storage.workspace import Workspace

T = TypeVar("T")


def load_stored(
    workspace: Workspace, record_class: type[Any], record_id: int, parse: Callable[[str], T]
) -> T:
    """The document of record `record_id`, remembering the version it was read at."""
    with workspace.session() as session:
        record = session.get(record_class, record_id)
        if record is None:
            raise RecordNotFound(record_id)
        return stored_document(record, parse)


def save_stored(
    workspace: Workspace,
    record_class: type[Any],
    record_id: int | None,
    document: Any,
    parse: Callable[[str], Any],
    what: str,
    fill: Callable[[Any], None],
    *,
    expected_version: int | None = None,
) -> int:
    """Write `document` into record `record_id` (a new record when None) with `fill(record)`,
    which sets its columns; returns the record's id.

    Raises ConcurrentEdit (nothing written) when someone else saved the record since the
    document was loaded (or since `expected_version`).
    """

    def reread(session: Session) -> tuple[Any, Any]:
        record = session.get(record_class, record_id) if record_id else None
        return record, stored_document(record, parse) if record else None

    with guarded_save(workspace, what, reread) as session:
        record = session.get(record_class, record_id) if record_id else None
        if record_id:
            check_version(
                record,
                expected_for(document, expected_version),
                what,
                lambda row: stored_document(row, parse),
            )
        if record is None:
            record = record_class()
            session.add(record)
        fill(record)
        session.flush()
        saved_id, version = int(record.id), int(record.version)
    remember_version(document, version)
    return saved_id


def delete_stored(workspace: Workspace, record_class: type[Any], record_id: int) -> None:
    with workspace.session() as session:
        record = session.get(record_class, record_id)
        if record is not None:
            session.delete(record)


def stored_ids(workspace: Workspace, record_class: type[Any]) -> list[int]:
    """The id of every record of `record_class`, in order, nothing of their documents read
    (for work that loads each document itself)."""
    with workspace.session() as session:
        return list(session.scalars(select(record_class.id).order_by(record_class.id)))


@dataclass(frozen=True)
class Listed:
    """A record as its feature's list shows it: its columns, and the parts of its document asked
    for (DocumentPart), in the order asked."""

    id: int
    title: str
    updated_at: datetime
    parts: tuple[Any, ...]


@dataclass(frozen=True)
class DocumentPart:
    """What a list reads of each record's document, read by the database from its text (a
    foundation's hundred forums parsed whole took 0.12-0.3 s; 0.02 s this way). `length`: the
    number of items of the list under `key` at the document's top; otherwise that value's JSON
    text; None when there is none. (SQLite's JSON functions are built in since 3.38, and were
    compiled in by the distributions before.)"""

    key: str
    length: bool = False

    def __post_init__(self) -> None:
        if not self.key.isidentifier():  # (written into the SQL)
            raise ValueError(f"not a document key: {self.key!r}")

    def expression(self, dialect: str) -> ColumnElement[Any]:
        state = "NULLIF(state, '')"  # (no document: none of its parts, as for NULL)
        if dialect == "sqlite" and self.length:
            value = f"json_array_length({state}, '$.{self.key}')"
        elif dialect == "sqlite":  # (a list or an object as its JSON text; not "->": SQLite 3.38)
            value = f"json_extract({state}, '$.{self.key}')"
        elif self.length:  # (PostgreSQL, a team server)
            value = f"json_array_length(CAST({state} AS json) -> '{self.key}')"
        else:
            value = f"CAST(CAST({state} AS json) -> '{self.key}' AS text)"
        return literal_column(value)


def list_stored(workspace: Workspace, record: type[Any], parts: Sequence[DocumentPart]) -> list[Listed]:
    """Every record of the class `record` in id order, with the `parts` of its document, in one
    query (the documents are not read whole)."""
    dialect = workspace.engine.dialect.name
    query = select(record.id, record.title, record.updated_at, *(p.expression(dialect) for p in parts))
    with workspace.session() as session:
        rows = session.execute(query.order_by(record.id)).all()
    return [Listed(row[0], row[1], row[2], tuple(row[3:])) for row in rows]
