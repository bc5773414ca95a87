"""A regional cluster's profile (seed 003 for the Western Negev; seed 002 l.63-106, l.211):
its founding story, initiating authority, goals, launch event, the three levels of work, the
forums, the accompanying body, the board of mayors and the chair–CEO relationship; its
membership lists with dates and sources; the cluster definition check against the national
data; the services of its flags mapping with the core-service expectations; and its guidance
needs (desktop.models.guidance).

Pure domain logic; the profile is one JSON document (table `cluster_profile`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.i18n import N_, _
from desktop.models.guidance import NeedChoice, need_from_dict, need_to_dict
from desktop.models.validation import ValidationError

FORMAT_VERSION = 1

# The three levels of work (seed 003 l.37-41).
LEVELS = {
    "task": N_("The task level"),
    "strategic": N_("The strategic level"),
    "incubator": N_("An incubator for cooperation"),
}
FORUM_KINDS = {
    "professional": N_("Professional forum"),
    "coordinating": N_("Coordinating forum"),
    "board": N_("Board of mayors"),
    "other": N_("Other forum"),
}
# The chair's and the relationship's kinds (seed 002 l.96).
CHAIR_STYLES = {
    "": N_("Not stated"),
    "enabling": N_("Vision and conditions for success; a supporting chair"),
    "autonomy": N_("Encourages the CEO's managerial independence"),
    "close": N_("Manages the CEO closely and supervises"),
    "sceptical": N_("Sceptical and passive; the burden of proof is on the CEO"),
}

# The cluster definition (seed 002 l.65).
MEMBERS_RANGE = (5, 10)
MIN_RESIDENTS = 50_000
PERIPHERY_CLUSTERS = 5  # peripherality index clusters 1-5 (of 10) count as the periphery
STATUSES = ("city", "local_council", "regional_council")

# Core-service expectations (seed 002 l.76-80, l.266).
SAVING_TARGET = 15  # percent saved on costs
CORE_SERVICES_TO_CONTINUE = (1, 2)


@dataclass
class Membership:
    """A dated list of the cluster's members, with where it comes from."""

    id: str
    as_of: str  # ISO date or a year, as the source gives it
    source: str
    members: list[str] = field(default_factory=list)  # authority uuids
    note: str = ""


@dataclass
class Forum:
    id: str
    name: str
    kind: str = "professional"
    founded: str = ""  # a year or ISO date
    notes: str = ""


@dataclass
class ServiceExpectation:
    """The core-service expectations of one service of the flags mapping (by its item id)."""

    saving_percent: int | None = None
    quality: bool = False  # the service's quality improves (a core service given at a low level)
    closes_gaps: bool = False  # the gaps between the members' services close
    note: str = ""


@dataclass
class ClusterProfile:
    cluster: str  # regional cluster uuid
    founding_story: str = ""
    founding_year: int | None = None
    initiator: str = ""  # authority uuid: the initiating authority
    initiator_person: str = ""  # who proposed it, as typed (e.g. the head of the appointed committee)
    goals: list[str] = field(default_factory=list)
    launch_date: str = ""  # ISO date
    launch_place: str = ""
    launch_notes: str = ""
    levels: dict[str, str] = field(default_factory=dict)  # LEVELS key -> text
    forums: list[Forum] = field(default_factory=list)
    accompanying_body: str = ""  # organisation name (e.g. the JDC's Institute for Leadership)
    accompanying_notes: str = ""
    chair: str = ""  # person uuid: the chair of the board of mayors
    ceo: str = ""  # person uuid: the cluster's CEO
    chair_style: str = ""  # CHAIR_STYLES key
    chair_ceo_notes: str = ""
    memberships: list[Membership] = field(default_factory=list)
    membership_note: str = ""  # why the lists differ
    services: dict[str, ServiceExpectation] = field(default_factory=dict)  # flags item id ->
    needs: dict[str, NeedChoice] = field(default_factory=dict)  # guidance need number -> choice

    # --- memberships -------------------------------------------------------------------

    def add_membership(self, as_of: str, source: str, members: Sequence[str], note: str = "") -> Membership:
        clean_source = " ".join(source.split())
        if not as_of.strip():
            raise ValidationError("as_of", _("Give the date or year of the list."))
        if not clean_source:
            raise ValidationError("source", _("Say where the list comes from."))
        membership = Membership(str(uuid.uuid4()), as_of.strip(), clean_source, list(members), note)
        self.memberships.append(membership)
        self.memberships.sort(key=lambda m: m.as_of)
        return membership

    def set_goals(self, text: str) -> None:
        self.goals = [line.strip(" •-\t") for line in text.splitlines() if line.strip(" •-\t")]

    # --- JSON ------------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps(profile_to_dict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ClusterProfile:
        return profile_from_dict(json.loads(text))


def profile_to_dict(profile: ClusterProfile) -> dict[str, Any]:
    data = {k: v for k, v in vars(profile).items() if k not in {"forums", "memberships", "services", "needs"}}
    data["format"] = FORMAT_VERSION
    data["forums"] = [vars(f).copy() for f in profile.forums]
    data["memberships"] = [vars(m).copy() for m in profile.memberships]
    data["services"] = {k: vars(v).copy() for k, v in profile.services.items()}
    data["needs"] = {k: need_to_dict(v) for k, v in profile.needs.items()}
    return data


def profile_from_dict(data: Mapping[str, Any]) -> ClusterProfile:
    if int(data.get("format", FORMAT_VERSION)) > FORMAT_VERSION:
        raise ValueError("newer cluster profile format")
    simple = {
        key: data[key]
        for key in (
            "founding_story",
            "initiator",
            "initiator_person",
            "launch_date",
            "launch_place",
            "launch_notes",
            "accompanying_body",
            "accompanying_notes",
            "chair",
            "ceo",
            "chair_style",
            "chair_ceo_notes",
            "membership_note",
        )
        if key in data
    }
    year = data.get("founding_year")
    return ClusterProfile(
        cluster=str(data["cluster"]),
        founding_year=int(year) if year else None,
        goals=[str(g) for g in data.get("goals", [])],
        levels={k: str(v) for k, v in data.get("levels", {}).items() if k in LEVELS},
        forums=[Forum(**f) for f in data.get("forums", [])],
        memberships=[Membership(**m) for m in data.get("memberships", [])],
        services={k: ServiceExpectation(**v) for k, v in data.get("services", {}).items()},
        needs={str(k): need_from_dict(v) for k, v in data.get("needs", {}).items()},
        **{k: str(v) for k, v in simple.items()},
    )


def new_forum(name: str, kind: str, existing: Sequence[Forum]) -> Forum:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("name", _("This field is required."))
    if any(f.name.casefold() == clean.casefold() for f in existing):
        raise ValidationError("name", _("There is already a forum with this name."))
    if kind not in FORUM_KINDS:
        raise ValidationError("kind", _("Choose the kind of forum."))
    return Forum(str(uuid.uuid4()), clean, kind)


def membership_difference(earlier: Membership, later: Membership) -> tuple[list[str], list[str]]:
    """(joined, left) between two lists: the authorities in `later` only, in `earlier` only."""
    joined = [a for a in later.members if a not in earlier.members]
    left = [a for a in earlier.members if a not in later.members]
    return joined, left


# --- the cluster definition ---------------------------------------------------------------


@dataclass(frozen=True)
class MemberFacts:
    """What the national data says of one member authority."""

    name: str
    municipal_status: str
    population: int | None
    population_year: int | None
    peripherality_cluster: int | None
    peripherality_edition: int | None


@dataclass(frozen=True)
class Criterion:
    key: str  # members / residents / mix / periphery
    met: bool
    figure: str  # translated: what the figures are
    source: str = ""


def definition_check(members: Sequence[MemberFacts]) -> list[Criterion]:
    """The seed's definition (002 l.65) against the members' national figures: 5-10
    authorities, at least 50,000 residents, a mix of municipal types, in the periphery."""
    low, high = MEMBERS_RANGE
    count = len(members)
    populations = [m.population for m in members if m.population is not None]
    residents = sum(populations)
    years = sorted({m.population_year for m in members if m.population_year})
    statuses = [s for s in STATUSES if any(m.municipal_status == s for m in members)]
    labelled = {
        "city": _("Cities"),
        "local_council": _("Local councils"),
        "regional_council": _("Regional councils"),
    }
    known = [m for m in members if m.peripherality_cluster is not None]
    peripheral = [m for m in known if (m.peripherality_cluster or 0) <= PERIPHERY_CLUSTERS]
    editions = sorted({m.peripherality_edition for m in known if m.peripherality_edition})
    unknown_population = count - len(populations)
    residents_text = _("{residents} residents ({year}); at least {minimum} are needed").format(
        residents=f"{residents:,}",
        year=", ".join(str(y) for y in years) or "—",
        minimum=f"{MIN_RESIDENTS:,}",
    )
    if unknown_population:
        residents_text += " · " + _("{count} members without a figure").format(count=unknown_population)
    return [
        Criterion(
            "members",
            low <= count <= high,
            _("{count} authorities; the definition asks for {low}-{high}").format(
                count=count, low=low, high=high
            ),
        ),
        Criterion("residents", residents >= MIN_RESIDENTS, residents_text),
        Criterion(
            "mix",
            len(statuses) >= 2,
            ", ".join(f"{labelled[s]}: {sum(m.municipal_status == s for m in members)}" for s in statuses)
            or "—",
        ),
        Criterion(
            "periphery",
            bool(known) and len(peripheral) * 2 > len(known),
            _("{peripheral} of {known} members in peripherality clusters 1-{top} (index {edition})").format(
                peripheral=len(peripheral),
                known=len(known),
                top=PERIPHERY_CLUSTERS,
                edition=", ".join(str(e) for e in editions) or "—",
            ),
        ),
    ]


CRITERIA = {
    "members": N_("5-10 authorities"),
    "residents": N_("At least 50,000 residents"),
    "mix": N_("A mix of municipal types"),
    "periphery": N_("In the periphery"),
}


# --- services and the core-service expectations -----------------------------------------


@dataclass(frozen=True)
class ServiceRow:
    item: str  # flags item id
    name: str
    level: str  # the flags item's service level: core / preferred / income
    expectation: ServiceExpectation

    @property
    def meets_expectations(self) -> bool:
        """A core service is legitimate by a 15% saving, or by quality, or by closing gaps."""
        e = self.expectation
        return (e.saving_percent or 0) >= SAVING_TARGET or e.quality or e.closes_gaps


def service_rows(profile: ClusterProfile, items: Sequence[Any]) -> list[ServiceRow]:
    """The services of the cluster's flags mapping (items that are services, not new ideas),
    core services first, with the profile's expectations of each."""
    order = {"core": 0, "preferred": 1, "income": 2}
    rows = [
        ServiceRow(
            item.id, item.name, item.service_level, profile.services.get(item.id, ServiceExpectation())
        )
        for item in items
        if item.kind != "new_initiative"
    ]
    return sorted(rows, key=lambda r: (order.get(r.level, 3), r.name))


def core_services_condition(rows: Sequence[ServiceRow]) -> tuple[bool, str]:
    """Seed 002 l.266: one or two core services running, as a condition to continue."""
    core = [r for r in rows if r.level == "core"]
    low, high = CORE_SERVICES_TO_CONTINUE
    return len(core) >= low, _(
        "{count} core services in the flags mapping; {low}-{high} are expected as a condition to continue"
    ).format(count=len(core), low=low, high=high)
