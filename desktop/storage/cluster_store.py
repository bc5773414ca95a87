"""Each regional cluster's profile and guidance needs, committed after every change; the
national figures of its members for the definition check; the national clusters as CBS
names them, with their dated changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models.cluster_documents import ClusterNames, ClusterProfileData, GuidanceData
from desktop.models.cluster_profile import ClusterProfile, Criterion, MemberFacts, definition_check
from desktop.models.guidance import NeedChoice
from desktop.models.records import RecordKind
from desktop.storage.concurrency import (
    check_version,
    expected_for,
    guarded_save,
    remember_version,
    stored_document,
)
from desktop.storage.document_store import delete_stored, load_stored
from desktop.storage.reference_store import RecordNotFound, list_records, load_record
from desktop.storage.tables import ClusterProfileRecord, RegionalCluster
from desktop.storage.workspace import Workspace


def _what(workspace: Workspace, cluster_uuid: str) -> str:
    try:
        name = load_record(workspace, RecordKind.CLUSTER, cluster_uuid)["name"]
    except RecordNotFound:
        name = cluster_uuid
    return _("the profile of “{name}”").format(name=name)


def save_profile(
    workspace: Workspace, profile: ClusterProfile, *, expected_version: int | None = None
) -> int:
    """Store the cluster's profile (one per cluster); returns its record number. Raises
    ConcurrentEdit (nothing written) when someone else saved it since it was loaded."""
    what = _what(workspace, profile.cluster)

    def row(session: Session) -> ClusterProfileRecord | None:
        return session.scalar(
            select(ClusterProfileRecord).where(ClusterProfileRecord.cluster_uuid == profile.cluster)
        )

    def reread(session: Session) -> tuple[ClusterProfileRecord | None, ClusterProfile | None]:
        record = row(session)
        return record, stored_document(record, ClusterProfile.from_json) if record else None

    with guarded_save(workspace, what, reread) as session:
        record = row(session)
        check_version(
            record,
            expected_for(profile, expected_version),
            what,
            lambda found: stored_document(found, ClusterProfile.from_json),
        )
        if record is None:
            record = ClusterProfileRecord(cluster_uuid=profile.cluster)
            session.add(record)
        record.state = profile.to_json()
        session.flush()
        version, number = int(record.version), int(record.id)
    remember_version(profile, version)
    return number


def load_profile(workspace: Workspace, record_id: int) -> ClusterProfile:
    return load_stored(workspace, ClusterProfileRecord, record_id, ClusterProfile.from_json)


def delete_profile(workspace: Workspace, record_id: int) -> None:
    delete_stored(workspace, ClusterProfileRecord, record_id)


def profile_number(workspace: Workspace, cluster_uuid: str) -> int | None:
    with workspace.session() as session:
        return session.scalar(
            select(ClusterProfileRecord.id).where(ClusterProfileRecord.cluster_uuid == cluster_uuid)
        )


def start_profile(workspace: Workspace, cluster_uuid: str) -> int:
    """The cluster's profile number, starting it (with the CBS 2021 membership) when new."""
    number = profile_number(workspace, cluster_uuid)
    if number is not None:
        return number
    profile = ClusterProfile(cluster_uuid)
    remember_version(profile, 0)
    cluster = load_record(workspace, RecordKind.CLUSTER, cluster_uuid)
    national = national_membership(workspace, str(cluster["name"]))
    current = list(cluster["members"])
    if national is not None:
        as_of, source, members = national
        profile.add_membership(as_of, source, members)
    if current and (national is None or set(current) != set(national[2])):
        profile.add_membership(date.today().isoformat(), _("The workspace's list of the cluster"), current)
    return save_profile(workspace, profile)


def profile_by_cluster_name(workspace: Workspace, name: str) -> int | None:
    """The profile number of the cluster called `name` (case and spaces ignored)."""
    wanted = " ".join(name.split()).casefold()
    with workspace.session() as session:
        rows = session.execute(
            select(ClusterProfileRecord.id, RegionalCluster.name).join(
                RegionalCluster, RegionalCluster.uuid == ClusterProfileRecord.cluster_uuid
            )
        )
        return next((int(n) for n, found in rows if " ".join(str(found).split()).casefold() == wanted), None)


@dataclass(frozen=True)
class ProfileSummary:
    id: int
    cluster: str
    members: int
    founding_year: int | None
    needs_high: int
    updated_at: datetime


def list_profiles(workspace: Workspace) -> list[ProfileSummary]:
    with workspace.session() as session:
        rows = list(
            session.execute(
                select(
                    ClusterProfileRecord.id,
                    RegionalCluster.name,
                    ClusterProfileRecord.state,
                    ClusterProfileRecord.updated_at,
                )
                .outerjoin(RegionalCluster, RegionalCluster.uuid == ClusterProfileRecord.cluster_uuid)
                .order_by(ClusterProfileRecord.id)
            )
        )
    members = {c["uuid"]: len(c["members"]) for c in list_records(workspace, RecordKind.CLUSTER)}
    summaries = []
    for number, name, state, updated_at in rows:
        profile = ClusterProfile.from_json(state)
        summaries.append(
            ProfileSummary(
                int(number),
                str(name or "…"),
                members.get(profile.cluster, 0),
                profile.founding_year,
                sum(1 for c in profile.needs.values() if c.priority == 3),
                updated_at,
            )
        )
    return summaries


def all_needs(workspace: Workspace) -> list[tuple[str, dict[str, NeedChoice]]]:
    """(cluster name, needs) of every cluster profile, by record number."""
    with workspace.session() as session:
        rows = list(
            session.execute(
                select(RegionalCluster.name, ClusterProfileRecord.state)
                .outerjoin(RegionalCluster, RegionalCluster.uuid == ClusterProfileRecord.cluster_uuid)
                .order_by(ClusterProfileRecord.id)
            )
        )
    return [(str(name or "…"), ClusterProfile.from_json(state).needs) for name, state in rows]


# --- the national data ----------------------------------------------------------------------


def _authorities_by_code(workspace: Workspace) -> dict[tuple[str, str], str]:
    return {
        (str(a["municipal_status"]), str(a["cbs_code"])): str(a["uuid"])
        for a in list_records(workspace, RecordKind.AUTHORITY)
        if a["cbs_code"]
    }


def national_membership(workspace: Workspace, cluster_name: str) -> tuple[str, str, list[str]] | None:
    """(year, source, members) of the cluster in the national data: each member is the uuid
    of the workspace's authority, or "cbs:STATUS:CODE" for one not in the workspace."""
    from desktop.storage.national_data import national_clusters

    national = next((c for c in national_clusters() if c["name"] == cluster_name), None)
    if national is None or not national["members"]:
        return None
    by_code = _authorities_by_code(workspace)
    members = [by_code.get((s, c), f"cbs:{s}:{c}") for s, c in national["members"]]
    return str(national.get("as_of", "2021")), str(national["source"]), members


def member_names(workspace: Workspace) -> dict[str, str]:
    """The name of every member reference: the workspace's authorities by uuid, and every
    authority of the national data as "cbs:STATUS:CODE"."""
    from desktop.storage.national_data import national_authorities

    names = {
        f"cbs:{a['municipal_status']}:{a['cbs_code']}": str(a["name_he"]) for a in national_authorities()
    }
    for authority in list_records(workspace, RecordKind.AUTHORITY):
        names[str(authority["uuid"])] = str(authority["name_he"])
    return names


@dataclass(frozen=True)
class NationalCluster:
    """A regional cluster of the national data, as CBS codes it, with its definition check."""

    code: int | None
    name: str
    as_of: str
    source: str
    members: tuple[MemberFacts, ...]
    changes: tuple[tuple[str, tuple[str, ...], str], ...]  # (as of, joined names, note)


def national_cluster_list() -> list[NationalCluster]:
    """All of Israel's regional clusters in the national data, with each member's figures and
    the dated changes after the 2021 coding."""
    from desktop.storage.national_data import national_authorities, national_clusters

    facts = {
        (str(a["municipal_status"]), str(a["cbs_code"])): MemberFacts(
            str(a["name_he"]),
            str(a["municipal_status"]),
            a.get("population"),
            a.get("population_year"),
            a.get("peripherality_cluster"),
            a.get("peripherality_edition"),
        )
        for a in national_authorities()
    }
    result = []
    for cluster in national_clusters():
        result.append(
            NationalCluster(
                cluster.get("cbs_cluster_code"),
                str(cluster["name"]),
                str(cluster.get("as_of", "2021")),
                str(cluster["source"]),
                tuple(facts[(s, c)] for s, c in cluster["members"] if (s, c) in facts),
                tuple(
                    (
                        str(change["as_of"]),
                        tuple(facts[(s, c)].name for s, c in change["joined"] if (s, c) in facts),
                        str(change.get("note", "")),
                    )
                    for change in cluster.get("changes", [])
                ),
            )
        )
    return result


def national_definition(cluster_name: str) -> list[Criterion]:
    """The definition check of the national cluster called `cluster_name` ([] when unknown)."""
    cluster = next((c for c in national_cluster_list() if c.name == cluster_name), None)
    return definition_check(cluster.members) if cluster and cluster.members else []


# --- what the documents need ------------------------------------------------------------------


def provider_names(workspace: Workspace) -> dict[str, str]:
    """ "org:UUID" -> name of every organisation of the workspace (a possible provider)."""
    return {f"org:{o['uuid']}": str(o["name"]) for o in list_records(workspace, RecordKind.ORGANISATION)}


def cluster_profile_data(workspace: Workspace, record_id: int) -> ClusterProfileData:
    from desktop.models.cluster_profile import core_services_condition, service_rows
    from desktop.storage.flags_store import load_cluster_flags

    profile = load_profile(workspace, record_id)
    cluster = load_record(workspace, RecordKind.CLUSTER, profile.cluster)
    name = str(cluster["name"])
    people = {str(p["uuid"]): str(p["full_name"]) for p in list_records(workspace, RecordKind.PERSON)}
    national = next((c for c in national_cluster_list() if c.name == name), None)
    rows = service_rows(profile, load_cluster_flags(workspace, profile.cluster).items)
    return ClusterProfileData(
        name,
        profile,
        ClusterNames(people, member_names(workspace), provider_names(workspace), workspace.is_demo),
        tuple(definition_check(national.members)) if national and national.members else (),
        national.source if national else "",
        national.changes if national else (),
        tuple(rows),
        core_services_condition(rows),
    )


def guidance_data(workspace: Workspace, record_id: int | None) -> GuidanceData:
    chosen = None
    if record_id is not None:
        profile = load_profile(workspace, record_id)
        chosen = str(load_record(workspace, RecordKind.CLUSTER, profile.cluster)["name"])
    return GuidanceData(tuple(all_needs(workspace)), chosen, provider_names(workspace), workspace.is_demo)


def cluster_name_of_profile(workspace: Workspace, record_id: int) -> str:
    profile = load_profile(workspace, record_id)
    try:
        return str(load_record(workspace, RecordKind.CLUSTER, profile.cluster)["name"])
    except RecordNotFound:
        return "…"
