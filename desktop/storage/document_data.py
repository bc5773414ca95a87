"""Storage-side loaders: each gathers from the workspace exactly what one document needs
(see `desktop.models.documents`), so the report functions never open the workspace.

Each raises RecordNotFound for a record number that does not exist and NoSuchChoice for a
version, session, meeting or diagnosis the record does not have.
"""

from __future__ import annotations

import base64
import dataclasses
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select

from desktop.models.documents import (
    CommunityData,
    FlagsData,
    ForumData,
    Letterhead,
    MouData,
    Names,
    NoSuchChoice,
    SelectionData,
    WorkspaceSummaryData,
    choose_meeting,
    community_authorities,
    community_people,
)
from desktop.models.forum import SESSIONS
from desktop.models.records import RecordKind
from desktop.storage.reference_store import RecordNotFound, list_records, load_record
from desktop.storage.tables import Authority, Person
from desktop.storage.workspace import Workspace


def workspace_summary(workspace: Workspace) -> WorkspaceSummaryData:
    return _stamped(
        workspace,
        WorkspaceSummaryData(
            workspace.name,
            workspace.is_demo,
            list_records(workspace, RecordKind.AUTHORITY),
            list_records(workspace, RecordKind.CLUSTER),
            list_records(workspace, RecordKind.ORGANISATION),
        ),
    )


def _people_named(workspace: Workspace, uuids: set[str]) -> dict[str, str]:
    if not uuids:
        return {}
    with workspace.session() as session:
        rows = session.execute(select(Person.uuid, Person.full_name).where(Person.uuid.in_(uuids)))
        return {str(uuid): str(name) for uuid, name in rows}


def selection(workspace: Workspace, process_id: int) -> SelectionData:
    from desktop.storage.selection_store import load_process

    process = load_process(workspace, process_id)
    # Every authority: the process's filter decides which of them were candidates.
    authorities = {a["uuid"]: a for a in list_records(workspace, RecordKind.AUTHORITY)}
    people = _people_named(workspace, {member.person for member in process.team})
    return _stamped(workspace, SelectionData(process, authorities, people))


def selection_title(workspace: Workspace, process_id: int) -> str:
    from desktop.storage.selection_store import load_process

    return load_process(workspace, process_id).title


def mou(workspace: Workspace, agreement_id: int, version: int | None = None) -> MouData:
    """The current draft (version None) or sent version `version` of an agreement's MOU."""
    from desktop.storage.agreement_store import load_agreement, party_names

    agreement = load_agreement(workspace, agreement_id)
    if version is None:
        return _stamped(workspace, MouData(agreement.draft, party_names(workspace, agreement.draft), None))
    frozen = next((v for v in agreement.versions if v.number == version), None)
    if frozen is None:
        raise NoSuchChoice("version", version)
    return _stamped(workspace, MouData(frozen.draft, frozen.names, frozen))


def forum(workspace: Workspace, forum_id: int, session: int | None = None) -> ForumData:
    """The forum; for the per-session documents `session` (1 to 4) must be given."""
    from desktop.storage.forum_store import load_forum

    loaded = load_forum(workspace, forum_id)
    if session is None:
        return _stamped(workspace, ForumData(loaded))
    if not 1 <= session <= SESSIONS:
        raise NoSuchChoice("session", session)
    return _stamped(workspace, ForumData(loaded, session))


def _cluster_name(workspace: Workspace, cluster_uuid: str) -> tuple[str, list[str]]:
    try:
        cluster = load_record(workspace, RecordKind.CLUSTER, cluster_uuid)
    except RecordNotFound:
        return "…", []
    return str(cluster["name"]), [str(uuid) for uuid in cluster["members"]]


def flags(
    workspace: Workspace, record_id: int, *, diagnosis: int | str | None = None, item: int | str | None = None
) -> FlagsData:
    """Flags work number `record_id`; with `diagnosis` (its short number, or its id) that
    diagnosis and its item; with `item` (its number in the list of items, or its id) that item."""
    from desktop.storage.flags_store import load_flags_work

    work = load_flags_work(workspace, record_id)
    name, members = _cluster_name(workspace, work.cluster)
    if diagnosis is not None:
        found = next((d for d in work.diagnoses if diagnosis in (d.number, d.id)), None)
        if found is None:
            raise NoSuchChoice("diagnosis", diagnosis)
        return _stamped(workspace, FlagsData(work, name, members, found, work.item(found.item)))
    if item is not None:
        if isinstance(item, int):
            chosen = work.items[item - 1] if 1 <= item <= len(work.items) else None
        else:
            chosen = next((i for i in work.items if i.id == item), None)
        if chosen is None:
            raise NoSuchChoice("item", item)
        return _stamped(workspace, FlagsData(work, name, members, item=chosen))
    return _stamped(workspace, FlagsData(work, name, members))


def _authorities_named(workspace: Workspace, uuids: set[str], language: str) -> dict[str, str]:
    if not uuids:
        return {}
    with workspace.session() as session:
        rows = session.scalars(select(Authority).where(Authority.uuid.in_(uuids)))
        localised: dict[str, Any] = {}
        for authority in rows:
            other = {"ar": authority.name_ar, "en": authority.name_en}.get(language, "")
            localised[authority.uuid] = str(other or authority.name_he)
        return localised


def community(
    workspace: Workspace,
    community_id: int,
    language: str,
    meeting: int | str | None = None,
    *,
    plan: bool = False,
    today: date | None = None,
) -> CommunityData:
    """The community and the names of its own people and authorities (in `language` where
    the workspace has that name); with `plan`, the meeting by number in date order or id
    (default: the next one)."""
    from desktop.storage.community_store import load_community

    loaded = load_community(workspace, community_id)
    names = Names(
        _people_named(workspace, community_people(loaded)),
        _authorities_named(workspace, community_authorities(loaded), language),
        workspace.is_demo,
    )
    if not plan:
        return _stamped(workspace, CommunityData(loaded, names, today=today))
    try:
        number, chosen = choose_meeting(loaded.meetings, meeting, today)
    except LookupError:
        raise NoSuchChoice("meeting", meeting) from None
    return _stamped(workspace, CommunityData(loaded, names, number, chosen, today))


# The organisation's name and logo, set once per workspace (Tools > Settings).
ORGANISATION_NAME = "organisation_name"
ORGANISATION_LOGO = "organisation_logo"  # base64 of a PNG or JPEG image
LOGO_LIMIT = 2_000_000  # bytes: a logo, not a photograph

_Data = TypeVar("_Data", WorkspaceSummaryData, SelectionData, MouData, ForumData, FlagsData, CommunityData)


class BadLogo(ValueError):
    """The file is not a PNG or JPEG image (or is too large for a logo)."""


def letterhead(workspace: Workspace) -> Letterhead:
    encoded = workspace.info(ORGANISATION_LOGO)
    try:
        logo = base64.b64decode(encoded, validate=True) if encoded else b""
    except ValueError:
        logo = b""
    return Letterhead(workspace.info(ORGANISATION_NAME), logo)


def _stamped(workspace: Workspace, data: _Data) -> _Data:
    return dataclasses.replace(data, letterhead=letterhead(workspace))


def set_organisation_name(workspace: Workspace, name: str) -> None:
    workspace.set_info(ORGANISATION_NAME, " ".join(name.split()))


def set_organisation_logo(workspace: Workspace, image: bytes | None) -> None:
    """Keeps `image` (PNG or JPEG) as the organisation's logo; None removes it."""
    if image is None:
        workspace.set_info(ORGANISATION_LOGO, "")
        return
    if len(image) > LOGO_LIMIT or not (
        image.startswith(b"\x89PNG\r\n\x1a\n") or image.startswith(b"\xff\xd8\xff")
    ):
        raise BadLogo
    workspace.set_info(ORGANISATION_LOGO, base64.b64encode(image).decode("ascii"))


# --- regional clusters (issue 20): small loaders kept apart from the others ----------------


def cluster_profile(workspace: Workspace, record_id: int) -> Any:
    """ClusterProfileData (desktop.models.cluster_documents) of profile number `record_id`."""
    from desktop.storage.cluster_store import cluster_profile_data

    return cluster_profile_data(workspace, record_id)


def guidance_needs(workspace: Workspace, record_id: int | None) -> Any:
    """GuidanceData: every cluster's needs; `record_id` picks the profile the document is about."""
    from desktop.storage.cluster_store import guidance_data

    return guidance_data(workspace, record_id)
