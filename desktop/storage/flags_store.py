"""Each regional cluster's flags work, committed after every change."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models.flags import ClusterFlags
from desktop.models.records import RecordKind
from desktop.storage.concurrency import (
    check_version,
    expected_for,
    guarded_save,
    remember_version,
    stored_document,
)
from desktop.storage.reference_store import RecordNotFound, load_record
from desktop.storage.tables import FlagsRecord
from desktop.storage.workspace import Workspace


def load_cluster_flags(workspace: Workspace, cluster_uuid: str) -> ClusterFlags:
    """The cluster's items, diagnoses and plans (empty for a cluster not mapped yet)."""
    with workspace.session() as session:
        record = session.scalar(select(FlagsRecord).where(FlagsRecord.cluster_uuid == cluster_uuid))
        if record is not None:
            return stored_document(record, ClusterFlags.from_json)
    flags = ClusterFlags(cluster_uuid)
    remember_version(flags, 0)  # read as "not mapped yet": a row someone adds meanwhile is theirs
    return flags


def _flags_what(workspace: Workspace, cluster_uuid: str) -> str:
    try:
        name = load_record(workspace, RecordKind.CLUSTER, cluster_uuid)["name"]
    except RecordNotFound:
        name = cluster_uuid
    return _("the flags work of “{name}”").format(name=name)


def save_cluster_flags(
    workspace: Workspace, flags: ClusterFlags, *, expected_version: int | None = None
) -> None:
    """Store the cluster's flags work; raises ConcurrentEdit (nothing written) when someone
    else saved it since it was loaded (or since `expected_version`)."""
    what = _flags_what(workspace, flags.cluster)

    def row(session: Session) -> FlagsRecord | None:
        return session.scalar(select(FlagsRecord).where(FlagsRecord.cluster_uuid == flags.cluster))

    def reread(session: Session) -> tuple[FlagsRecord | None, ClusterFlags | None]:
        record = row(session)
        return record, stored_document(record, ClusterFlags.from_json) if record else None

    with guarded_save(workspace, what, reread) as session:
        record = row(session)
        check_version(
            record,
            expected_for(flags, expected_version),
            what,
            lambda found: stored_document(found, ClusterFlags.from_json),
        )
        if record is None:
            record = FlagsRecord(cluster_uuid=flags.cluster)
            session.add(record)
        record.state = flags.to_json()
        session.flush()
        version = int(record.version)
    remember_version(flags, version)


def cluster_members(workspace: Workspace, cluster_uuid: str) -> list[tuple[str, str]]:
    """(uuid, Hebrew name) of the cluster's member authorities, in the cluster's order."""
    from desktop.storage.reference_store import list_records

    cluster = load_record(workspace, RecordKind.CLUSTER, cluster_uuid)
    names = {a["uuid"]: str(a["name_he"]) for a in list_records(workspace, RecordKind.AUTHORITY)}
    return [(uuid, names.get(uuid, "…")) for uuid in cluster["members"]]


def load_flags_work(workspace: Workspace, record_id: int) -> ClusterFlags:
    """The flags work stored as row `record_id` (its number in `shutafut-cli list flags`)."""
    from desktop.storage.document_store import load_stored

    return load_stored(workspace, FlagsRecord, record_id, ClusterFlags.from_json)


def flags_work_number(workspace: Workspace, cluster_uuid: str) -> int | None:
    """The record number of the cluster's flags work; None while it is not mapped yet."""
    with workspace.session() as session:
        return session.scalar(select(FlagsRecord.id).where(FlagsRecord.cluster_uuid == cluster_uuid))


def list_flags_works(workspace: Workspace) -> list[tuple[int, str]]:
    """(record number, cluster name) of every cluster's flags work."""
    from desktop.storage.tables import RegionalCluster

    with workspace.session() as session:
        rows = session.execute(
            select(FlagsRecord.id, RegionalCluster.name)
            .outerjoin(RegionalCluster, RegionalCluster.uuid == FlagsRecord.cluster_uuid)
            .order_by(FlagsRecord.id)
        )
        return [(int(number), str(name or "…")) for number, name in rows]
