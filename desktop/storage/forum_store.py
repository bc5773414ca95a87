"""Design forums in a workspace: every change is committed at once (nothing typed is lost).

Several laptops may run one session (table facilitators typing their tables' ideas): a save
that finds the forum saved meanwhile by someone else merges the two copies (ideas, check-ins,
clusters and votes united by id, see `models.forum.merge_forums`) instead of refusing the
whole document; so does importing another laptop's forum from an exchange file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.i18n import _
from desktop.models.forum import Forum, merge_forums
from desktop.storage.concurrency import ConcurrentEdit
from desktop.storage.document_store import DocumentPart, delete_stored, list_stored, load_stored, save_stored
from desktop.storage.tables import ForumRecord
from desktop.storage.workspace import Workspace


@dataclass(frozen=True)
class ForumSummary:
    id: int
    title: str
    participants: int
    ideas: int
    updated_at: datetime


_COUNTED = (DocumentPart("participants", length=True), DocumentPart("ideas", length=True))


def list_forums(workspace: Workspace) -> list[ForumSummary]:
    summaries = []
    for listed in list_stored(workspace, ForumRecord, _COUNTED):
        participants, ideas = listed.parts
        counts = (participants or 0, ideas or 0)
        summaries.append(ForumSummary(listed.id, listed.title, *counts, listed.updated_at))
    return summaries


# The forum as last read or written here travels with the object (like its version), so a
# save that meets someone else's change can tell their changes from ours.
_BASE_ATTRIBUTE = "_shutafut_forum_base"
_MERGE_ATTEMPTS = 5


def _remember_base(forum: Forum) -> None:
    object.__setattr__(forum, _BASE_ATTRIBUTE, forum.to_json())


def _base(forum: Forum) -> Forum | None:
    text = getattr(forum, _BASE_ATTRIBUTE, None)
    return Forum.from_json(text) if text else None


def load_forum(workspace: Workspace, forum_id: int) -> Forum:
    forum = load_stored(workspace, ForumRecord, forum_id, Forum.from_json)
    _remember_base(forum)
    return forum


def save_forum(
    workspace: Workspace, forum: Forum, forum_id: int | None = None, *, expected_version: int | None = None
) -> int:
    """Store the forum. When someone else saved it since it was loaded (or since
    `expected_version`), their copy and this one are merged, `forum` takes the merged content
    and that is stored; ConcurrentEdit is raised (nothing written) only when they deleted it."""

    written: list[str] = []

    def fill(record: ForumRecord) -> None:
        record.title = forum.title
        record.state = forum.to_json()
        written.append(record.state)

    for attempt in range(_MERGE_ATTEMPTS):
        try:
            saved = save_stored(
                workspace,
                ForumRecord,
                forum_id,
                forum,
                Forum.from_json,
                _("the design forum “{name}”").format(name=forum.title),
                fill,
                expected_version=expected_version,
            )
        except ConcurrentEdit as edit:
            if edit.theirs is None or edit.version is None or attempt + 1 == _MERGE_ATTEMPTS:
                raise
            forum.replace_with(merge_forums(forum, edit.theirs, _base(forum)))
            expected_version = edit.version
            continue
        object.__setattr__(forum, _BASE_ATTRIBUTE, written[-1])  # what was stored: the new base
        return saved
    raise AssertionError("unreachable")


def merge_exchanged_forum(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """The fields to store when a forum changed both here and in an imported exchange file:
    theirs with the two copies' content merged (nothing either laptop typed is dropped; where
    both changed the same field, the incoming copy's value is taken)."""

    def forum_of(fields: Mapping[str, Any]) -> Forum:
        state = fields.get("state") or {}
        return Forum.from_json(state if isinstance(state, str) else json.dumps(state))

    merged = merge_forums(forum_of(theirs), forum_of(mine))
    result = dict(theirs)
    result["state"] = json.loads(merged.to_json())
    result["title"] = merged.title
    return result


def delete_forum(workspace: Workspace, forum_id: int) -> None:
    delete_stored(workspace, ForumRecord, forum_id)
