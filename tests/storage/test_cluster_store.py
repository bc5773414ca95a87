"""Cluster profiles in storage: one per cluster, saved with a version, started with the CBS
list, and travelling with their cluster in an exchange file."""

from __future__ import annotations

from pathlib import Path

import pytest

import desktop.models.exchange as ex
import desktop.storage.exchange as sx
from desktop.models.records import RecordKind
from desktop.storage.cluster_store import (
    list_profiles,
    load_profile,
    profile_number,
    save_profile,
    start_profile,
)
from desktop.storage.concurrency import ConcurrentEdit
from desktop.storage.demo import create_demo_workspace
from desktop.storage.reference_store import choices
from desktop.storage.workspace import create_workspace


def test_one_profile_per_cluster_and_a_late_save_is_refused(tmp_path: Path) -> None:
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    try:
        uuid = next(u for u, n in choices(workspace, RecordKind.CLUSTER) if n == "אשכול בית הכרם")
        number = start_profile(workspace, uuid)
        assert start_profile(workspace, uuid) == number == profile_number(workspace, uuid)
        # the demo holds none of Beit HaKerem's towns: the CBS list names them all the same
        [cbs] = load_profile(workspace, number).memberships
        assert cbs.as_of == "2021" and len(cbs.members) == 7
        assert all(m.startswith("cbs:") for m in cbs.members)
        mine, theirs = load_profile(workspace, number), load_profile(workspace, number)
        theirs.founding_year = 2014
        save_profile(workspace, theirs)
        mine.founding_year = 2015
        with pytest.raises(ConcurrentEdit):
            save_profile(workspace, mine)
        assert load_profile(workspace, number).founding_year == 2014
        assert len(list_profiles(workspace)) == 2
    finally:
        workspace.close()


def test_the_profile_travels_with_its_cluster(tmp_path: Path) -> None:
    source = create_demo_workspace(tmp_path / "demo.shutafut")
    target = create_workspace(tmp_path / "target.shutafut")
    try:
        cluster = next(u for u, n in choices(source, RecordKind.CLUSTER) if n == "אשכול נגב מערבי")
        out = tmp_path / f"negev{ex.EXTENSION}"
        sx.export_exchange(source, out, ex.Scope.CLUSTER, cluster)
        sx.apply_import(target, sx.plan_import(target, out), None)
        [summary] = list_profiles(target)
        profile = load_profile(target, summary.id)
        assert summary.cluster == "אשכול נגב מערבי"
        assert profile == load_profile(source, list_profiles(source)[0].id)
        people = dict(choices(target, RecordKind.PERSON))
        assert profile.chair in people and profile.ceo in people  # its people came along
    finally:
        source.close()
        target.close()
