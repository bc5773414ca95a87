"""Ctrl+K: one search over the whole workspace — authorities, clusters, people, organisations,
selection processes, agreements, forums and their ideas and sessions, learning communities and
their meetings. Each hit names the record it opens (a desktop.models.journey.Target)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models.journey import Target
from desktop.models.records import RecordKind
from desktop.progress import Progress, step
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


def _texts(*texts: object) -> str:
    """The texts a record is found by, casefolded, one a line (what is looked for never holds
    a line break, so it is found within one text, never across two)."""
    return "\n".join(str(text or "").casefold() for text in texts)


@dataclass(frozen=True)
class SearchIndex:
    """Every record the search finds, read once, in the order results are shown, each with
    the texts it is found by: `find` reads nothing, so typing stays quick on a foundation's
    workspace (reading it all took about a second, once a keystroke)."""

    entries: tuple[tuple[str, Hit], ...]

    def find(self, text: str, limit: int = 200) -> list[Hit]:
        """Every record whose name or text contains `text` (case-insensitive), grouped by kind."""
        wanted = " ".join(text.split()).casefold()
        if not wanted:
            return []
        found: list[Hit] = []
        for texts, hit in self.entries:
            if wanted in texts:
                found.append(hit)
                if len(found) == limit:
                    break
        return found


def search_workspace(workspace: Workspace, text: str, limit: int = 200) -> list[Hit]:
    """Every record whose name or text contains `text` (case-insensitive), grouped by kind."""
    return search_index(workspace).find(text, limit)


def search_index(workspace: Workspace, progress: Progress | None = None) -> SearchIndex:
    """Read every record the search finds (`progress`: a step a forum or community, which is
    where Cancel stops it)."""
    from desktop.storage.agreement_store import list_agreements
    from desktop.storage.community_store import load_community
    from desktop.storage.document_store import stored_ids
    from desktop.storage.forum_store import load_forum
    from desktop.storage.reference_store import list_records
    from desktop.storage.selection_store import list_processes
    from desktop.storage.tables import CommunityRecord, ForumRecord

    entries: list[tuple[str, Hit]] = []
    for row in list_records(workspace, RecordKind.AUTHORITY):
        entries.append(
            (
                _texts(row["name_he"], row["name_ar"], row["name_en"], row["cbs_code"]),
                Hit(
                    "authority",
                    str(row["name_he"]),
                    str(row.get("name_en") or ""),
                    Target("authority", uuid=row["uuid"]),
                ),
            )
        )
    for row in list_records(workspace, RecordKind.CLUSTER):
        entries.append(
            (
                _texts(row["name"], row["notes"]),
                Hit("cluster", str(row["name"]), "", Target("cluster", uuid=row["uuid"])),
            )
        )
    for row in list_records(workspace, RecordKind.PERSON):
        entries.append(
            (
                _texts(row["full_name"], row["role"], row["email"]),
                Hit(
                    "person",
                    str(row["full_name"]),
                    str(row["role"] or ""),
                    Target("person", uuid=row["uuid"]),
                ),
            )
        )
    for row in list_records(workspace, RecordKind.ORGANISATION):
        entries.append(
            (
                _texts(row["name"], row["notes"]),
                Hit("organisation", str(row["name"]), "", Target("organisation", uuid=row["uuid"])),
            )
        )
    for process in list_processes(workspace):
        entries.append(
            (_texts(process.title), Hit("selection", process.title, "", Target("selection", process.id)))
        )
    for agreement in list_agreements(workspace):
        entries.append(
            (
                _texts(agreement.title),
                Hit(
                    "agreement", agreement.title, agreement.stage_summary, Target("agreements", agreement.id)
                ),
            )
        )
    # (their ids only: each document is read once, below, not also for a list's counts)
    forums, communities = stored_ids(workspace, ForumRecord), stored_ids(workspace, CommunityRecord)
    total = len(forums) + len(communities)
    ideas: list[tuple[str, Hit]] = []
    sessions: list[tuple[str, Hit]] = []
    for number, forum_id in enumerate(forums):
        step(progress, number, total)
        forum = load_forum(workspace, forum_id)
        target = Target("forums", forum_id)
        entries.append(
            (
                _texts(forum.title, forum.theme, forum.place_of),
                Hit("forum", forum.title, forum.place_of, target),
            )
        )
        ideas += [(_texts(idea.text), Hit("idea", idea.text, forum.title, target)) for idea in forum.ideas]
        sessions += [
            (
                _texts(session.title, session.place, session.decisions),
                Hit("meeting", f"{session.number}. {session.title}", forum.title, target),
            )
            for session in forum.sessions
        ]
    entries += ideas
    meetings: list[tuple[str, Hit]] = []
    for number, community_id in enumerate(communities, start=len(forums)):
        step(progress, number, total)
        community = load_community(workspace, community_id)
        target = Target("communities", community_id)
        entries.append(
            (
                _texts(community.name, community.profession),
                Hit("community", community.name, community.profession, target),
            )
        )
        titles = {t.id: t.title for t in community.topics}
        meetings += [
            (
                _texts(meeting.title, titles.get(meeting.topic, "")),
                Hit(
                    "meeting",
                    meeting.title or titles.get(meeting.topic, ""),
                    f"{community.name} · {meeting.day.isoformat()}",
                    target,
                ),
            )
            for meeting in community.meetings
        ]
    entries += sessions + meetings
    return SearchIndex(tuple(entries))
