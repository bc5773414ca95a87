"""Each regional cluster's flags work, committed after every change."""

from __future__ import annotations

from sqlalchemy import select

from desktop.models.flags import ClusterFlags, FlagsRecord
from desktop.models.records import RecordKind
from desktop.storage.reference_store import load_record
from desktop.storage.workspace import Workspace


def load_cluster_flags(workspace: Workspace, cluster_uuid: str) -> ClusterFlags:
    """The cluster's items, diagnoses and plans (empty for a cluster not mapped yet)."""
    with workspace.session() as session:
        record = session.scalar(select(FlagsRecord).where(FlagsRecord.cluster_uuid == cluster_uuid))
        return ClusterFlags.from_json(record.state) if record else ClusterFlags(cluster_uuid)


def save_cluster_flags(workspace: Workspace, flags: ClusterFlags) -> None:
    with workspace.session() as session:
        record = session.scalar(
            select(FlagsRecord).where(FlagsRecord.cluster_uuid == flags.cluster))
        if record is None:
            record = FlagsRecord(cluster_uuid=flags.cluster)
            session.add(record)
        record.state = flags.to_json()


def cluster_members(workspace: Workspace, cluster_uuid: str) -> list[tuple[str, str]]:
    """(uuid, Hebrew name) of the cluster's member authorities, in the cluster's order."""
    from desktop.storage.reference_store import list_records

    cluster = load_record(workspace, RecordKind.CLUSTER, cluster_uuid)
    names = {a["uuid"]: str(a["name_he"])
             for a in list_records(workspace, RecordKind.AUTHORITY)}
    return [(uuid, names.get(uuid, "…")) for uuid in cluster["members"]]
