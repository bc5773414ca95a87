"""Selection processes in a workspace: list, load, save (as drafts or decided), delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from desktop.i18n import _
from desktop.models.selection_process import ProcessStatus, SelectionProcess
from desktop.storage.document_store import delete_stored, load_stored, save_stored
from desktop.storage.tables import SelectionRecord
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
        return [
            ProcessSummary(r.id, r.uuid, r.title, ProcessStatus(r.status), r.page, r.decided_on, r.updated_at)
            for r in records
        ]


def load_process(workspace: Workspace, process_id: int) -> SelectionProcess:
    return load_stored(workspace, SelectionRecord, process_id, SelectionProcess.from_json)


def save_process(
    workspace: Workspace,
    process: SelectionProcess,
    process_id: int | None = None,
    *,
    expected_version: int | None = None,
) -> int:
    """Store the process (a draft until it has a decision); returns its id.

    Raises ConcurrentEdit (nothing written) when someone else saved it since it was loaded.
    """

    def fill(record: SelectionRecord) -> None:
        record.title = process.title or process.purpose[:200]
        record.status = (
            ProcessStatus.DECIDED if process.chosen and process.decided_on else ProcessStatus.DRAFT
        ).value
        record.page = process.page
        record.decided_on = process.decided_on
        record.state = process.to_json()

    return save_stored(
        workspace,
        SelectionRecord,
        process_id,
        process,
        SelectionProcess.from_json,
        _("the selection process “{name}”").format(name=process.title or process.purpose[:60]),
        fill,
        expected_version=expected_version,
    )


def delete_process(workspace: Workspace, process_id: int) -> None:
    delete_stored(workspace, SelectionRecord, process_id)
