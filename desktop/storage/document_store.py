"""Loading, saving and deleting a record that keeps its domain object as one JSON document
(agreements, selection processes, forums, learning communities), by the record's id.

A save carries the version the document was loaded at (see `concurrency`): when someone
else saved the record meanwhile, ConcurrentEdit is raised with their version and nothing
is written.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import select
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
class Listed(Generic[T]):
    """A record as its feature's list shows it: its columns, and what was read from its document."""

    id: int
    title: str
    updated_at: datetime
    read: T


# By workspace, what each record's document gave its list, by (record UUID, version): listing
# again parses only what changed since (a foundation's hundred forums took 0.3 s each time).
_LISTED: weakref.WeakKeyDictionary[Workspace, dict[tuple[str, str, int], Any]] = weakref.WeakKeyDictionary()
_LISTED_LOCK = threading.Lock()


def list_stored(workspace: Workspace, record_class: type[Any], read: Callable[[str], T]) -> list[Listed[T]]:
    """Every record of `record_class` in id order, with `read(document text)` of each, taken
    from what was read of the same version before. (`read` must depend on the text alone.)"""
    table, record = record_class.__tablename__, record_class
    with workspace.session() as session:  # (one transaction: the rows and texts agree)
        columns = (record.id, record.uuid, record.version, record.title, record.updated_at)
        rows = session.execute(select(*columns).order_by(record.id)).all()
        with _LISTED_LOCK:
            known = dict(_LISTED.get(workspace, {}))
        missing = [row.id for row in rows if (table, row.uuid, row.version) not in known]
        texts: dict[int, str] = {}
        if missing:
            chosen = select(record.id, record.state)
            if len(missing) < len(rows):
                chosen = chosen.where(record.id.in_(missing))
            texts = {int(row_id): state for row_id, state in session.execute(chosen)}
    found = {
        (table, row.uuid, row.version): read(texts[row.id] or "{}")
        if row.id in texts
        else known[(table, row.uuid, row.version)]
        for row in rows
    }
    with _LISTED_LOCK:
        remembered = _LISTED.setdefault(workspace, {})
        for key in [key for key in remembered if key[0] == table]:
            del remembered[key]  # (older versions, deleted records)
        remembered.update(found)
    return [Listed(row.id, row.title, row.updated_at, found[(table, row.uuid, row.version)]) for row in rows]
