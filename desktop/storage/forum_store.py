"""Design forums in a workspace: every change is committed at once (nothing typed is lost)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desktop.models.forum import Forum, ForumRecord
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
        return Forum.from_json(record.state)


def save_forum(workspace: Workspace, forum: Forum, forum_id: int | None = None) -> int:
    with workspace.session() as session:
        record = session.get(ForumRecord, forum_id) if forum_id else None
        if record is None:
            record = ForumRecord()
            session.add(record)
        record.title = forum.title
        record.state = forum.to_json()
        session.flush()
        return int(record.id)


def delete_forum(workspace: Workspace, forum_id: int) -> None:
    with workspace.session() as session:
        record = session.get(ForumRecord, forum_id)
        if record is not None:
            session.delete(record)
