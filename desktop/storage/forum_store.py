"""Design forums in a workspace: every change is committed at once (nothing typed is lost)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models.forum import Forum, ForumRecord
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
class ForumSummary:
    id: int
    title: str
    participants: int
    ideas: int
    updated_at: datetime


def list_forums(workspace: Workspace) -> list[ForumSummary]:
    with workspace.session() as session:
        records = list(session.scalars(select(ForumRecord).order_by(ForumRecord.id)))
    summaries = []
    for record in records:
        forum = Forum.from_json(record.state)
        summaries.append(ForumSummary(record.id, record.title, len(forum.participants),
                                      len(forum.ideas), record.updated_at))
    return summaries


def load_forum(workspace: Workspace, forum_id: int) -> Forum:
    with workspace.session() as session:
        record = session.get(ForumRecord, forum_id)
        if record is None:
            raise RecordNotFound(forum_id)
        return stored_document(record, Forum.from_json)


def save_forum(workspace: Workspace, forum: Forum, forum_id: int | None = None, *,
               expected_version: int | None = None) -> int:
    """Store the forum; raises ConcurrentEdit (nothing written) when someone else saved it
    since it was loaded (or since `expected_version`)."""
    what = _("the design forum “{name}”").format(name=forum.title)

    def reread(session: Session) -> tuple[ForumRecord | None, Forum | None]:
        record = session.get(ForumRecord, forum_id) if forum_id else None
        return record, stored_document(record, Forum.from_json) if record else None

    with guarded_save(workspace, what, reread) as session:
        record = session.get(ForumRecord, forum_id) if forum_id else None
        if forum_id:
            check_version(record, expected_for(forum, expected_version), what,
                          lambda row: stored_document(row, Forum.from_json))
        if record is None:
            record = ForumRecord()
            session.add(record)
        record.title = forum.title
        record.state = forum.to_json()
        session.flush()
        saved_id, version = int(record.id), int(record.version)
    remember_version(forum, version)
    return saved_id


def delete_forum(workspace: Workspace, forum_id: int) -> None:
    with workspace.session() as session:
        record = session.get(ForumRecord, forum_id)
        if record is not None:
            session.delete(record)
