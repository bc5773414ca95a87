"""What the cluster documents need, gathered by desktop.storage.document_data: the cluster
profile (with the definition check, the services of its flags mapping and the dated national
changes) and the guidance needs compared across the clusters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from desktop.models.cluster_profile import ClusterProfile, Criterion, ServiceRow
from desktop.models.guidance import NeedChoice


@dataclass(frozen=True)
class ClusterNames:
    people: Mapping[str, str] = field(default_factory=dict)
    authorities: Mapping[str, str] = field(default_factory=dict)  # uuids and "cbs:STATUS:CODE"
    providers: Mapping[str, str] = field(default_factory=dict)  # "org:UUID" -> organisation name
    demo: bool = False

    def person(self, uuid: str) -> str:
        return self.people.get(uuid, "—") if uuid else "—"

    def authority(self, ref: str) -> str:
        return self.authorities.get(ref, "—") if ref else "—"


@dataclass(frozen=True)
class ClusterProfileData:
    name: str  # the cluster's name
    profile: ClusterProfile
    names: ClusterNames
    criteria: tuple[Criterion, ...]  # the definition check from the national data ([] unknown)
    national_source: str
    changes: tuple[tuple[str, tuple[str, ...], str], ...]  # (as of, joined, note) after 2021
    services: tuple[ServiceRow, ...]
    core_condition: tuple[bool, str]


@dataclass(frozen=True)
class GuidanceData:
    clusters: tuple[tuple[str, Mapping[str, NeedChoice]], ...]  # (name, needs) of every profile
    chosen: str | None  # the cluster the document is about (None: the comparison only)
    providers: Mapping[str, str] = field(default_factory=dict)
    demo: bool = False
