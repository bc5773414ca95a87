"""Loading, saving and deleting a record that keeps its domain object as one JSON document
(agreements, selection processes, forums, learning communities), by the record's id.

A save carries the version the document was loaded at (see `concurrency`): when someone
else saved the record meanwhile, ConcurrentEdit is raised with their version and nothing
is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

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
