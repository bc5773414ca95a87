"""Selection processes in a workspace: list, load, save (as drafts or decided), delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models.selection_process import ProcessStatus, SelectionProcess, SelectionRecord
from desktop.storage.concurrency import (
    check_version,
    expected_for,
    guarded_save,
    remember_version,
    stored_document,
)
from desktop.storage.reference_store import RecordNotFound
from desktop.storage.workspace import Workspace


@dataclass(frozen=True)
class ProcessSummary:
    id: int
    uuid: str
    title: str
    status: ProcessStatus
    page: int
    decided_on: date | None
    updated_at: datetime


def list_processes(workspace: Workspace) -> list[ProcessSummary]:
    with workspace.session() as session:
        records = session.scalars(select(SelectionRecord).order_by(SelectionRecord.id))
        return [ProcessSummary(r.id, r.uuid, r.title, ProcessStatus(r.status), r.page,
                               r.decided_on, r.updated_at) for r in records]


def load_process(workspace: Workspace, process_id: int) -> SelectionProcess:
    with workspace.session() as session:
        record = session.get(SelectionRecord, process_id)
        if record is None:
            raise RecordNotFound(process_id)
        return stored_document(record, SelectionProcess.from_json)


def save_process(workspace: Workspace, process: SelectionProcess,
                 process_id: int | None = None, *, expected_version: int | None = None) -> int:
    """Store the process (a draft until it has a decision); returns its id.

    Raises ConcurrentEdit (nothing written) when someone else saved it since it was loaded.
    """
    what = _("the selection process “{name}”").format(
        name=process.title or process.purpose[:60])

    def reread(session: Session) -> tuple[SelectionRecord | None, SelectionProcess | None]:
        record = session.get(SelectionRecord, process_id) if process_id else None
        return record, stored_document(record, SelectionProcess.from_json) if record else None

    with guarded_save(workspace, what, reread) as session:
        record = session.get(SelectionRecord, process_id) if process_id else None
        if process_id:
            check_version(record, expected_for(process, expected_version), what,
                          lambda row: stored_document(row, SelectionProcess.from_json))
        if record is None:
            record = SelectionRecord()
            session.add(record)
        record.title = process.title or process.purpose[:200]
        record.status = (ProcessStatus.DECIDED if process.chosen and process.decided_on
                         else ProcessStatus.DRAFT).value
        record.page = process.page
        record.decided_on = process.decided_on
        record.state = process.to_json()
        session.flush()
        saved_id, version = int(record.id), int(record.version)
    remember_version(process, version)
    return saved_id


def delete_process(workspace: Workspace, process_id: int) -> None:
    with workspace.session() as session:
        record = session.get(SelectionRecord, process_id)
        if record is not None:
            session.delete(record)
