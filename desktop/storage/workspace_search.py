"""Ctrl+K: one search over the whole workspace — authorities, clusters, people, organisations,
selection processes, agreements, forums and their ideas and sessions, learning communities and
their meetings. Each hit names the record it opens (a desktop.models.journey.Target)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models.journey import Target
from desktop.models.records import RecordKind
from desktop.storage.workspace import Workspace

# What a hit is, in order of the results (message ids are translated by the view).
KINDS = (
    "authority",
    "cluster",
    "person",
    "organisation",
    "selection",
    "agreement",
    "forum",
    "idea",
    "community",
    "meeting",
)


@dataclass(frozen=True)
class Hit:
    kind: str  # one of KINDS
    title: str
    detail: str
    target: Target


def _matches(wanted: str, *texts: object) -> bool:
    return any(wanted in str(text or "").casefold() for text in texts)


def search_workspace(workspace: Workspace, text: str, limit: int = 200) -> list[Hit]:
    """Every record whose name or text contains `text` (case-insensitive), grouped by kind."""
    from desktop.storage.agreement_store import list_agreements
    from desktop.storage.community_store import list_communities, load_community
    from desktop.storage.forum_store import list_forums, load_forum
    from desktop.storage.reference_store import list_records
    from desktop.storage.selection_store import list_processes

    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return []
    hits: list[Hit] = []
    for row in list_records(workspace, RecordKind.AUTHORITY):
        if _matches(wanted, row["name_he"], row["name_ar"], row["name_en"], row["cbs_code"]):
            hits.append(
                Hit(
                    "authority",
                    str(row["name_he"]),
                    str(row.get("name_en") or ""),
                    Target("authority", uuid=row["uuid"]),
                )
            )
    for row in list_records(workspace, RecordKind.CLUSTER):
        if _matches(wanted, row["name"], row["notes"]):
            hits.append(Hit("cluster", str(row["name"]), "", Target("cluster", uuid=row["uuid"])))
    for row in list_records(workspace, RecordKind.PERSON):
        if _matches(wanted, row["full_name"], row["role"], row["email"]):
            hits.append(
                Hit(
                    "person",
                    str(row["full_name"]),
                    str(row["role"] or ""),
                    Target("person", uuid=row["uuid"]),
                )
            )
    for row in list_records(workspace, RecordKind.ORGANISATION):
        if _matches(wanted, row["name"], row["notes"]):
            hits.append(Hit("organisation", str(row["name"]), "", Target("organisation", uuid=row["uuid"])))
    for process in list_processes(workspace):
        if _matches(wanted, process.title):
            hits.append(Hit("selection", process.title, "", Target("selection", process.id)))
    for agreement in list_agreements(workspace):
        if _matches(wanted, agreement.title):
            hits.append(
                Hit("agreement", agreement.title, agreement.stage_summary, Target("agreements", agreement.id))
            )
    idea_hits, session_hits = [], []
    for summary in list_forums(workspace):
        forum = load_forum(workspace, summary.id)
        target = Target("forums", summary.id)
        if _matches(wanted, forum.title, forum.theme, forum.place_of):
            hits.append(Hit("forum", forum.title, forum.place_of, target))
        idea_hits += [
            Hit("idea", idea.text, forum.title, target) for idea in forum.ideas if _matches(wanted, idea.text)
        ]
        session_hits += [
            Hit("meeting", f"{session.number}. {session.title}", forum.title, target)
            for session in forum.sessions
            if _matches(wanted, session.title, session.place, session.decisions)
        ]
    hits += idea_hits
    meeting_hits = []
    for listed in list_communities(workspace):
        community = load_community(workspace, listed.id)
        target = Target("communities", listed.id)
        if _matches(wanted, community.name, community.profession):
            hits.append(Hit("community", community.name, community.profession, target))
        titles = {t.id: t.title for t in community.topics}
        meeting_hits += [
            Hit(
                "meeting",
                meeting.title or titles.get(meeting.topic, ""),
                f"{community.name} · {meeting.day.isoformat()}",
                target,
            )
            for meeting in community.meetings
            if _matches(wanted, meeting.title, titles.get(meeting.topic, ""))
        ]
    hits += session_hits + meeting_hits
    return hits[:limit]
