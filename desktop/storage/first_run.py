"""A new workspace's first step: bring in Israel's local authorities and their regional
clusters from the national dataset that ships with Shutafut (desktop.storage.national_data),
in one step."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models.record_kinds import RecordKind
from desktop.storage.workspace import Workspace


@dataclass(frozen=True)
class Brought:
    authorities: int  # records written (new or updated)
    clusters: int  # regional clusters in the workspace afterwards


def national_count() -> int:
    """How many authorities the shipped dataset holds (257)."""
    from desktop.storage.national_data import national_authorities

    return len(national_authorities())


def has_authorities(workspace: Workspace) -> bool:
    """Read in plain SQL (Workspace.read): the home screen asks before SQLAlchemy has loaded."""
    return bool(workspace.read("SELECT EXISTS (SELECT 1 FROM authority)")[0][0])


def bring_in_national_data(workspace: Workspace) -> Brought:
    """Every authority of the dataset (each with the source of its figures) and the regional
    clusters with their members; what is there already is updated, never duplicated."""
    from desktop.storage.cbs_files import apply_changes
    from desktop.storage.national_data import apply_national_clusters, national_preview
    from desktop.storage.reference_store import choices

    written = apply_changes(workspace, national_preview(workspace).to_apply(skip_error_rows=True))
    apply_national_clusters(workspace)
    return Brought(written, len(choices(workspace, RecordKind.CLUSTER)))
