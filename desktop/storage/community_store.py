"""Learning communities in a workspace: every change is committed at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desktop.i18n import _, current_language
from desktop.models.community import Community
from desktop.storage.document_store import delete_stored, load_stored, save_stored
from desktop.storage.tables import Authority, CommunityRecord, Organisation, Person
from desktop.storage.workspace import Workspace


@dataclass(frozen=True)
class CommunitySummary:
    id: int
    name: str
    profession: str
    members: int
    meetings: int
    period: str
    updated_at: datetime


def list_communities(workspace: Workspace) -> list[CommunitySummary]:
    with workspace.session() as session:
        records = list(session.scalars(select(CommunityRecord).order_by(CommunityRecord.id)))
    summaries = []
    for record in records:
        community = Community.from_json(record.state)
        period = f"{community.period_start.year}-{community.period_end.year}"
        summaries.append(
            CommunitySummary(
                record.id,
                record.name,
                community.profession,
                len(community.members),
                len(community.meetings),
                period,
                record.updated_at,
            )
        )
    return summaries


def load_community(workspace: Workspace, community_id: int) -> Community:
    return load_stored(workspace, CommunityRecord, community_id, Community.from_json)


def save_community(
    workspace: Workspace,
    community: Community,
    community_id: int | None = None,
    *,
    expected_version: int | None = None,
) -> int:
    """Store the community; raises ConcurrentEdit (nothing written) when someone else saved
    it since it was loaded (or since `expected_version`)."""

    def fill(record: CommunityRecord) -> None:
        record.name = community.name
        record.state = community.to_json()

    return save_stored(
        workspace,
        CommunityRecord,
        community_id,
        community,
        Community.from_json,
        _("the learning community “{name}”").format(name=community.name),
        fill,
        expected_version=expected_version,
    )


def delete_community(workspace: Workspace, community_id: int) -> None:
    delete_stored(workspace, CommunityRecord, community_id)


@dataclass(frozen=True)
class PersonFacts:
    uuid: str
    full_name: str
    email: str
    sector: str
    organisation: str


@dataclass(frozen=True)
class AuthorityFacts:
    uuid: str
    name_he: str
    district: str
    name_ar: str = ""
    name_en: str = ""

    @property
    def name(self) -> str:
        """The name in the interface language, Hebrew when there is none."""
        language = current_language()
        other = {"ar": self.name_ar, "en": self.name_en}.get(language, "")
        return other or self.name_he


def people_facts(workspace: Workspace) -> dict[str, PersonFacts]:
    """Every person of the workspace by UUID, with what the community screens show (in one
    query: loaded as objects, each with its organisation, a foundation's 20,000 people took
    1.5 s when a community opened)."""
    query = (
        select(Person.uuid, Person.full_name, Person.email, Person.sector, Organisation.name)
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .order_by(Person.full_name)
    )
    with workspace.session() as session:
        return {
            uuid: PersonFacts(uuid, full_name, email, sector or "", organisation or "")
            for uuid, full_name, email, sector, organisation in session.execute(query)
        }


def authority_facts(workspace: Workspace) -> dict[str, AuthorityFacts]:
    with workspace.session() as session:
        authorities = list(session.scalars(select(Authority).order_by(Authority.name_he)))
        return {
            a.uuid: AuthorityFacts(a.uuid, a.name_he, a.district or "", a.name_ar or "", a.name_en or "")
            for a in authorities
        }
