"""Design forums in a workspace: every change is committed at once (nothing typed is lost)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desktop.i18n import _
from desktop.models.forum import Forum
from desktop.storage.document_store import delete_stored, load_stored, save_stored
from desktop.storage.tables import ForumRecord
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
        summaries.append(
            ForumSummary(
                record.id, record.title, len(forum.participants), len(forum.ideas), record.updated_at
            )
        )
    return summaries


def load_forum(workspace: Workspace, forum_id: int) -> Forum:
    return load_stored(workspace, ForumRecord, forum_id, Forum.from_json)


def save_forum(
    workspace: Workspace, forum: Forum, forum_id: int | None = None, *, expected_version: int | None = None
) -> int:
    """Store the forum; raises ConcurrentEdit (nothing written) when someone else saved it
    since it was loaded (or since `expected_version`)."""

    def fill(record: ForumRecord) -> None:
        record.title = forum.title
        record.state = forum.to_json()

    return save_stored(
        workspace,
        ForumRecord,
        forum_id,
        forum,
        Forum.from_json,
        _("the design forum “{name}”").format(name=forum.title),
        fill,
        expected_version=expected_version,
    )


def delete_forum(workspace: Workspace, forum_id: int) -> None:
    delete_stored(workspace, ForumRecord, forum_id)
