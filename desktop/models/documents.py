"""What each printed document needs, gathered by a storage-side loader
(`desktop.storage.document_data`) and handed to a report function (`desktop.reports`).

A report never opens the workspace: it receives one of these objects, an output path and a
language. One-record documents carry only what concerns their record (the names of the
community's own people, the selection team's members), not the whole workspace.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.models.community import Community
from desktop.models.flags import ClusterFlags, Diagnosis, Item
from desktop.models.forum import Forum
from desktop.models.mou_draft import MouDraft
from desktop.models.mou_versions import MouVersion
from desktop.models.selection_process import SelectionProcess
from desktop.models.syllabus import Meeting, ordered


@dataclass(frozen=True)
class Letterhead:
    """What every document shows besides its content: the organisation that prints it (its
    name and logo, set once per workspace in Settings)."""

    organisation: str = ""
    logo: bytes = b""  # a PNG or JPEG image; empty: none


@dataclass(frozen=True)
class WorkspaceSummaryData:
    """The workspace summary: its reference data as rows (see `reference_store.list_records`)."""

    name: str
    is_demo: bool
    authorities: Sequence[Mapping[str, Any]]
    clusters: Sequence[Mapping[str, Any]]
    organisations: Sequence[Mapping[str, Any]]
    letterhead: Letterhead = field(default_factory=Letterhead)


@dataclass(frozen=True)
class SelectionData:
    """A selection process, the authorities it chose among (every authority of the workspace:
    its filter decides the candidates) and the names of its team members by UUID."""

    process: SelectionProcess
    authorities: Mapping[str, Mapping[str, Any]]
    people: Mapping[str, str]
    letterhead: Letterhead = field(default_factory=Letterhead)


@dataclass(frozen=True)
class MouData:
    """The draft or a frozen version of an MOU, with its parties' names in its language."""

    draft: MouDraft
    names: Mapping[str, str]
    version: MouVersion | None = None  # None: the current draft
    letterhead: Letterhead = field(default_factory=Letterhead)


@dataclass(frozen=True)
class ForumData:
    """A design forum and, for the per-session documents, the session (1-4)."""

    forum: Forum
    session: int = 1
    letterhead: Letterhead = field(default_factory=Letterhead)


@dataclass(frozen=True)
class FlagsData:
    """A cluster's flags work, the cluster's name and its member authorities (UUIDs)."""

    flags: ClusterFlags
    cluster_name: str
    members: Sequence[str] = ()
    diagnosis: Diagnosis | None = None  # flags-diagnosis
    item: Item | None = None  # flags-sheet: the item the blank scoring sheet is for
    letterhead: Letterhead = field(default_factory=Letterhead)


@dataclass(frozen=True)
class Names:
    """Display names of the people and authorities a document refers to, by UUID."""

    people: Mapping[str, str] = field(default_factory=dict)
    authorities: Mapping[str, str] = field(default_factory=dict)
    demo: bool = False

    def person(self, uuid: str) -> str:
        return self.people.get(uuid, "—") if uuid else "—"

    def authority(self, uuid: str) -> str:
        return self.authorities.get(uuid, "—") if uuid else "—"


@dataclass(frozen=True)
class CommunityData:
    """A learning community, the names it refers to and (meeting plan) the chosen meeting."""

    community: Community
    names: Names
    meeting_number: int = 0
    meeting: Meeting | None = None
    today: date | None = None  # the day the work-teams states are reckoned on (None: today)
    letterhead: Letterhead = field(default_factory=Letterhead)


def community_people(community: Community) -> set[str]:
    """The UUIDs of every person a community's documents name."""
    people = {m.person for m in community.members} | {community.leader, community.partner}
    people.update(guest.person for guest in community.advisory_guests)
    for team in community.teams:
        people.update(team.members)
        people.update(team.roles.values())
        people.add(team.accompanier)
    return {uuid for uuid in people if uuid}


def community_authorities(community: Community) -> set[str]:
    """The UUIDs of every authority a community's documents name (members', hosts)."""
    authorities = {m.authority for m in community.members} | {m.host for m in community.meetings}
    return {uuid for uuid in authorities if uuid}


def choose_meeting(
    meetings: Sequence[Meeting], wanted: int | str | None, today: date | None = None
) -> tuple[int, Meeting]:
    """(number, meeting) by number in date order, by id, or by default the next upcoming
    meeting (the first when all are past). LookupError when there is no such meeting."""
    in_order = ordered(meetings)
    if not in_order:
        raise LookupError(wanted)
    if isinstance(wanted, int):
        if not 1 <= wanted <= len(in_order):
            raise LookupError(wanted)
        return wanted, in_order[wanted - 1]
    if isinstance(wanted, str):
        for number, meeting in enumerate(in_order, start=1):
            if meeting.id == wanted:
                return number, meeting
        raise LookupError(wanted)
    today = today or date.today()
    for number, meeting in enumerate(in_order, start=1):
        if meeting.last_day >= today:
            return number, meeting
    return 1, in_order[0]


class NoSuchChoice(LookupError):
    """The record has no such version / session / meeting / diagnosis."""

    def __init__(self, option: str, value: object) -> None:
        super().__init__(option, value)
        self.option = option
        self.value = value
