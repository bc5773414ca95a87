"""The national authorities dataset shipped with Shutafut (resources/data/authorities.json)."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from desktop.paths import DATA_DIR

if TYPE_CHECKING:  # the home screen counts the dataset before SQLAlchemy has loaded
    from desktop.models.cbs_import import Preview
    from desktop.storage.workspace import Workspace

DATASET_PATH = DATA_DIR / "authorities.json"


@cache
def national_authorities() -> tuple[dict[str, Any], ...]:
    """Every authority of the dataset as field values (codes, names, figures and their years)."""
    document = json.loads(DATASET_PATH.read_text(encoding="utf-8"))
    return tuple(document["authorities"])


def national_preview(workspace: Workspace, codes: set[str] | None = None) -> Preview:
    """What bringing the national data (all, or only `codes`) into the workspace would change."""
    from desktop.models.cbs_import import ParsedAuthority, ParseResult, build_preview
    from desktop.storage.cbs_files import existing_authorities

    parsed = ParseResult(
        [
            ParsedAuthority(0, dict(values))
            for values in national_authorities()
            if codes is None or values["cbs_code"] in codes
        ],
        [],
    )
    # The dataset carries each figure's year already.
    return build_preview(parsed, existing_authorities(workspace), {})


@cache
def national_clusters() -> tuple[dict[str, Any], ...]:
    """Regional clusters of the CBS 2021 localities file, members as (status, code)."""
    document = json.loads(DATASET_PATH.read_text(encoding="utf-8"))
    return tuple(document.get("clusters", ()))


def apply_national_clusters(workspace: Workspace) -> int:
    """Add each national cluster's members that are in the workspace to the cluster of that
    name (created when missing). Members already listed stay; returns how many were added."""
    from desktop.models.records import RecordKind
    from desktop.storage.reference_store import list_records, save_record

    authorities = {
        (a["municipal_status"], a["cbs_code"]): a["uuid"]
        for a in list_records(workspace, RecordKind.AUTHORITY)
        if a["cbs_code"]
    }
    clusters = {c["name"]: c for c in list_records(workspace, RecordKind.CLUSTER)}
    added = 0
    for national in national_clusters():
        members = [
            authorities[(status, code)]
            for status, code in national["members"]
            if (status, code) in authorities
        ]
        if not members:
            continue
        current = clusters.get(national["name"]) or _renamed_cluster(workspace, clusters, national)
        if current is None:
            save_record(
                workspace,
                RecordKind.CLUSTER,
                {"name": national["name"], "members": members, "notes": national["source"]},
            )
            added += len(members)
            continue
        new = [uuid for uuid in members if uuid not in current["members"]]
        if new:
            values = {key: current[key] for key in ("name", "founding_year", "notes")}
            values["members"] = current["members"] + new
            save_record(workspace, RecordKind.CLUSTER, values, current["uuid"])
            added += len(new)
    return added


def _renamed_cluster(
    workspace: Workspace, clusters: dict[str, dict[str, Any]], national: dict[str, Any]
) -> dict[str, Any] | None:
    """A cluster an earlier version brought in under its neutral name ("אשכול רשויות (סמל
    הלמ"ס 213)"), renamed to the name the dataset gives it now; None when there is none."""
    from desktop.models.records import RecordKind
    from desktop.storage.reference_store import load_record, save_record

    code = national.get("cbs_cluster_code")
    old = clusters.pop(f'אשכול רשויות (סמל הלמ"ס {code})', None) if code is not None else None
    if old is None:
        return None
    values = {key: old[key] for key in ("founding_year", "notes", "members")}
    save_record(workspace, RecordKind.CLUSTER, {**values, "name": national["name"]}, old["uuid"])
    renamed = load_record(workspace, RecordKind.CLUSTER, old["uuid"])
    clusters[national["name"]] = renamed
    return renamed
