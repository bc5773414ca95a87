"""The guidance needs of the regional clusters (seed 002 l.222-262, l.264-341): the sixteen
needs in their seven categories, each cluster's priority for each, who provides it and
whether that provider supports or controls (the seed asks to keep the two apart, l.274-276),
the cluster CEO's choice (l.278), the two needs raised to the national level (l.260-262),
and the comparison across clusters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.i18n import N_, _

CATEGORIES = {
    "core": N_("Municipal core services"),
    "management": N_("Management"),
    "government": N_("Relations with government ministries"),
    "strategy": N_("Strategy"),
    "partners": N_("Engaging and involving the cluster's partners"),
    "resources": N_("Raising resources"),
    "other": N_("Other fields"),
}
# number -> (category, the need in the seed's words: message ids, Hebrew from the seed)
NEEDS: dict[int, tuple[str, str]] = {
    1: (
        "core",
        N_("Expertise in specific core subjects (such as environment, sanitation, veterinary services)."),
    ),
    2: ("core", N_("Help in managing and carrying out plans for shared core services in the cluster.")),
    3: (
        "management",
        N_(
            "Managerial help in focusing the effort where results come: diagnosis, and finding the "
            "subjects that can bring the cluster a quick success, visible in a short time."
        ),
    ),
    4: ("management", N_("Building work plans and building a budget.")),
    5: ("management", N_("Personal accompaniment in management skills (coaching).")),
    6: ("management", N_("Help with effective presentation, persuasion and engagement skills.")),
    7: (
        "government",
        N_(
            "Help in creating connections, engagement and cooperation with key people "
            "in government ministries."
        ),
    ),
    8: ("strategy", N_("Economic advice on the feasibility, planning and carrying out of regional plans.")),
    9: (
        "strategy",
        N_(
            "Professional advice in specific fields for projects that generate income "
            "for the cluster (such as tourism, industry)."
        ),
    ),
    10: (
        "partners",
        N_(
            "Help in advancing a shared dialogue in the cluster, building channels of communication, "
            "resolving conflicts, building trust and regional agreements; a community-regional discourse."
        ),
    ),
    11: (
        "partners",
        N_("Help in achieving the cooperation of the heads of authorities in a complex cluster."),
    ),
    12: ("partners", N_("Managing and facilitating thematic forums of regional cooperation.")),
    13: ("resources", N_("Advice on raising resources (donors, foundations, calls for proposals).")),
    14: ("other", N_("Media advice (spokesmanship and the like).")),
    15: (
        "other",
        N_("Computing advice on software for managing clusters, to make the work more efficient."),
    ),
    16: (
        "other",
        N_(
            "Developing a knowledge centre for different models of regionalism, "
            "fed by many sources including academia."
        ),
    ),
}
# The two needs the seed raises to the national level ("the national cluster", l.260-262).
NATIONAL_NEEDS = (16, 7)
NATIONAL_WORDING = {
    16: N_(
        "A knowledge centre for models of regionalism, fed by research institutes, stakeholders and "
        "academia, to develop the big picture: the concept of regionalism."
    ),
    7: N_(
        "Systematic exposure of the clusters to the government ministries, and a model for the "
        "clusters' work with the ministries."
    ),
}
PRIORITIES = {0: N_("Not needed"), 1: N_("Low"), 2: N_("Medium"), 3: N_("High")}
ROLES = {
    "": N_("Not stated"),
    "supports": N_("Supports and accompanies"),
    "controls": N_("Supervises and controls"),
}
# The accompanying bodies of the seed (002 l.110-206, l.284).
SEED_PROVIDERS = {
    "elka": N_("JDC-ELKA (Institute for Leadership and Governance)"),
    "urbanics": N_("Urbanics"),
    "urbanics_advisers": N_("Urbanics' management and execution advisers"),
    "mifam": N_("Mifam"),
}


@dataclass
class NeedChoice:
    priority: int = 0  # a key of PRIORITIES
    provider: str = ""  # a SEED_PROVIDERS key, or "org:<organisation uuid>", or ""
    role: str = ""  # supports / controls
    ceo_choice: bool = False  # the provider was chosen by the cluster's CEO (l.278)
    notes: str = ""


def need_to_dict(choice: NeedChoice) -> dict[str, Any]:
    return vars(choice).copy()


def need_from_dict(data: Mapping[str, Any]) -> NeedChoice:
    priority = int(data.get("priority", 0))
    role = str(data.get("role", ""))
    return NeedChoice(
        priority=priority if priority in PRIORITIES else 0,
        provider=str(data.get("provider", "")),
        role=role if role in ROLES else "",
        ceo_choice=bool(data.get("ceo_choice")),
        notes=str(data.get("notes", "")),
    )


def need_text(number: int) -> str:
    return _(NEEDS[number][1])


def mixed_roles(needs: Mapping[str, NeedChoice]) -> list[str]:
    """Providers that both support and control the same cluster (the seed asks to keep the
    two apart, l.274-276): their keys, in the order first met."""
    roles: dict[str, set[str]] = {}
    for choice in needs.values():
        if choice.provider and choice.role:
            roles.setdefault(choice.provider, set()).add(choice.role)
    return [provider for provider, found in roles.items() if len(found) > 1]


def imposed(needs: Mapping[str, NeedChoice]) -> list[int]:
    """Needs with a provider the CEO did not choose (l.278: nothing imposed from above)."""
    return sorted(int(n) for n, c in needs.items() if c.provider and not c.ceo_choice)


@dataclass(frozen=True)
class ComparisonRow:
    number: int
    category: str
    priorities: tuple[int, ...]  # one per cluster, in the clusters' order
    total: int
    pressing: tuple[int, ...]  # indexes of the clusters that rate it high
    national: bool


def compare(clusters: Sequence[Mapping[str, NeedChoice]]) -> list[ComparisonRow]:
    """Each need across the clusters (one needs mapping per cluster), the most pressing first:
    by the sum of priorities, then by how many rate it high, then by its number."""
    rows = []
    for number, (category, _text) in NEEDS.items():
        priorities = tuple(c.get(str(number), NeedChoice()).priority for c in clusters)
        rows.append(
            ComparisonRow(
                number,
                category,
                priorities,
                sum(priorities),
                tuple(i for i, p in enumerate(priorities) if p == 3),
                number in NATIONAL_NEEDS,
            )
        )
    return sorted(rows, key=lambda r: (-r.total, -len(r.pressing), r.number))
