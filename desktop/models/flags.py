"""The four flags (מחוון הדגלים, seed 000): map a cluster's partnerships, diagnose each item
against the flags with a versioned rubric, and plan from the gaps. Pure domain logic; one
JSON document per regional cluster."""

from __future__ import annotations

import json
import statistics
import uuid as uuid_module
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from desktop.i18n import N_, _
from desktop.models.validation import ValidationError
from desktop.paths import DATA_DIR

# 2: each diagnosis has its short "number" (format-1 documents are numbered as they are read).
FORMAT_VERSION = 2
LEVEL_MIN, LEVEL_MAX = 1, 4


class Flag(StrEnum):
    INCLUSIVE_GROWTH = "inclusive_growth"
    REGIONAL_LEADERSHIP = "regional_leadership"
    RESIDENT_EXPERIENCE = "resident_experience"
    DIVERSITY = "diversity"

    @property
    def label(self) -> str:
        return _(FLAG_LABELS[self])

    @property
    def cohesion(self) -> str:
        """Fenger's cohesion dimension the flag pairs with (seed 000 l.309-445)."""
        return _(COHESION_LABELS[self])


FLAG_LABELS = {
    Flag.INCLUSIVE_GROWTH: N_("Inclusive growth"),
    Flag.REGIONAL_LEADERSHIP: N_("Regional leadership promoting partnership"),
    Flag.RESIDENT_EXPERIENCE: N_("Partnership in the resident's experience"),
    Flag.DIVERSITY: N_("Diversity and cultural competence"),
}
COHESION_LABELS = {
    Flag.INCLUSIVE_GROWTH: N_("economic cohesion"),
    Flag.REGIONAL_LEADERSHIP: N_("social cohesion"),
    Flag.RESIDENT_EXPERIENCE: N_("cultural cohesion"),
    Flag.DIVERSITY: N_("political cohesion"),
}

ITEM_KINDS = {
    "existing_service": N_("Existing service"),
    "new_initiative": N_("New initiative"),
    "partnership": N_("Partnership"),
}
SERVICE_LEVELS = {
    "core": N_("Core service"),
    "preferred": N_("Preferred optional service"),
    "income": N_("Income-generating project"),
}
MECHANISMS = {
    "political": N_("Political leadership"),
    "professional": N_("Professional leadership"),
    "multisector": N_("Multi-sector leadership"),
}

# The seed's questions (000 l.507 and l.555), by the item's kind.
QUESTIONS = {
    "existing_service": [
        ("participation", N_("How many authorities take part in the service?")),
        ("why_not", N_("Those that do not: why?")),
        ("quality_gaps", N_("Gaps in the quality of participation: in planning, implementation and use")),
        ("done_so_far", N_("What was done so far, with whom, and with what results?")),
        ("barriers", N_("What are the barriers?")),
        ("leap", N_("What would be a significant leap?")),
        ("success", N_("What counts as success?")),
    ],
    "new_initiative": [
        ("idea", N_("The idea")),
        ("result", N_("The desired result and its added value")),
        ("needs", N_("Which regional needs does it answer?")),
        ("all_authorities", N_("Is it relevant to all the authorities?")),
        ("resources", N_("Resources")),
        ("diversity", N_("Components that answer the diverse population")),
        ("players", N_("Players beyond the authorities")),
        ("lead", N_("Who leads?")),
        ("assets", N_("Regional assets it uses")),
        ("horizon", N_("Developmental horizon")),
        ("infrastructure", N_("Relevant organisational infrastructure")),
    ],
}
QUESTIONS["partnership"] = QUESTIONS["existing_service"]


def new_id() -> str:
    return uuid_module.uuid4().hex[:12]


# --- rubric ----------------------------------------------------------------------------------


@cache
def _rubric() -> dict[str, Any]:
    return dict(json.loads((DATA_DIR / "flags" / "rubric.json").read_text(encoding="utf-8")))


def rubric_version() -> int:
    return int(_rubric()["version"])


def level_descriptions(flag: Flag, language: str) -> list[str]:
    """The four level descriptions of `flag` (level 1 first), in `language`."""
    return list(_rubric()["flags"][flag.value]["levels"][language])


def performance_goal(flag: Flag, language: str) -> str:
    return str(_rubric()["flags"][flag.value]["goal"][language])


def check_level(level: int) -> int:
    if not LEVEL_MIN <= level <= LEVEL_MAX:
        raise ValidationError("level", _("A rubric level is from 1 to 4."))
    return level


def axis_angles(rtl: bool) -> list[float]:
    """Radar axes of the four flags (radians, screen coordinates), starting at the top and
    turning counter-clockwise in right-to-left languages, the way the reader scans."""
    import math

    step = 2 * math.pi / len(Flag)
    direction = -1 if rtl else 1
    return [-math.pi / 2 + direction * index * step for index in range(len(Flag))]


# --- mapping --------------------------------------------------------------------------------


@dataclass
class Item:
    id: str
    name: str
    kind: str = "existing_service"
    service_level: str = "core"
    field_name: str = ""
    lead: str = ""
    mechanism: str = "professional"
    authorities: list[str] = field(default_factory=list)  # authority uuids
    focus_service: bool = False
    flagship: bool = False


def validate_item(item: Item, members: Iterable[str]) -> list[ValidationError]:
    errors = []
    if not item.name.strip():
        errors.append(ValidationError("item.name", _("Give the item a name.")))
    outsiders = set(item.authorities) - set(members)
    if outsiders:
        errors.append(
            ValidationError(
                "item.authorities",
                _("{count} of the chosen authorities are not members of the cluster.").format(
                    count=len(outsiders)
                ),
            )
        )
    return errors


@dataclass(frozen=True)
class Participation:
    count: int
    members: int

    @property
    def share(self) -> float:
        return self.count / self.members if self.members else 0.0


def participation(item: Item, members: Sequence[str]) -> Participation:
    return Participation(len(set(item.authorities) & set(members)), len(members))


def participation_matrix(items: Sequence[Item], members: Sequence[str]) -> list[list[bool]]:
    """Rows: items; columns: member authorities; True where the authority takes part."""
    return [[member in item.authorities for member in members] for item in items]


# --- diagnosis ---------------------------------------------------------------------------------


@dataclass
class Measure:
    value: float | None = None
    unit: str = ""
    on: str = ""  # ISO date


def validate_measure(measure: Measure, field_name: str) -> list[ValidationError]:
    if measure.value is None:
        return [ValidationError(field_name, _("Enter a numeric baseline."))]
    errors = []
    if not measure.unit.strip():
        errors.append(ValidationError(field_name, _("A baseline needs its unit.")))
    if not measure.on:
        errors.append(ValidationError(field_name, _("A baseline needs its date.")))
    return errors


@dataclass
class FlagAssessment:
    scores: dict[str, int] = field(default_factory=dict)  # partner -> level
    agreed: int | None = None
    justification: str = ""
    evidence: str = ""
    links: str = ""  # the links to strengthen
    baseline: Measure = field(default_factory=Measure)
    challenge: bool = False
    challenge_note: str = ""

    def spread(self) -> int:
        values = list(self.scores.values())
        return max(values) - min(values) if values else 0

    def mean(self) -> float | None:
        return statistics.fmean(self.scores.values()) if self.scores else None


@dataclass
class Diagnosis:
    id: str
    item: str
    held_on: str  # ISO date
    rubric: int
    answers: dict[str, str] = field(default_factory=dict)
    flags: dict[str, FlagAssessment] = field(
        default_factory=lambda: {flag.value: FlagAssessment() for flag in Flag}
    )
    final: bool = False
    # Its short number within the cluster's flags work (1, 2, ...), given once and kept.
    number: int = 0
    page: int = 0  # the wizard page a draft stopped at

    def levels(self) -> dict[Flag, int | None]:
        return {flag: self.flags[flag.value].agreed for flag in Flag}


def validate_diagnosis(diagnosis: Diagnosis) -> list[ValidationError]:
    """What must hold before a diagnosis is final: every flag agreed (1-4) with a baseline."""
    errors = []
    for flag in Flag:
        assessment = diagnosis.flags[flag.value]
        prefix = f"flags.{flag.value}"
        if assessment.agreed is None:
            errors.append(
                ValidationError(
                    f"{prefix}.agreed", _("Record the agreed level of “{flag}”.").format(flag=flag.label)
                )
            )
        elif not LEVEL_MIN <= assessment.agreed <= LEVEL_MAX:
            errors.append(ValidationError(f"{prefix}.agreed", _("A rubric level is from 1 to 4.")))
        errors += validate_measure(assessment.baseline, f"{prefix}.baseline")
    return errors


def change(earlier: Diagnosis, later: Diagnosis) -> dict[Flag, int | None]:
    """Level change per flag (None where either side has no agreed level)."""
    result: dict[Flag, int | None] = {}
    for flag in Flag:
        before, after = earlier.flags[flag.value].agreed, later.flags[flag.value].agreed
        result[flag] = None if before is None or after is None else after - before
    return result


# --- planning ----------------------------------------------------------------------------------


@dataclass
class Goal:
    text: str
    target: float | None = None
    unit: str = ""
    by: str = ""  # ISO date
    baseline: Measure = field(default_factory=Measure)
    latest: float | None = None


@dataclass
class Action:
    text: str
    quantity: str = ""
    frequency: str = ""
    owner: str = ""
    starts: str = ""
    ends: str = ""


@dataclass
class FlagPlan:
    item: str
    flag: str
    outcome: str = ""
    goals: list[Goal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    parties: str = ""


def validate_plan(plan: FlagPlan) -> list[ValidationError]:
    errors = []
    for index, goal in enumerate(plan.goals):
        prefix = f"goals.{index}"
        if goal.target is None:
            errors.append(ValidationError(prefix, _("A goal needs a target value.")))
        if goal.by and goal.baseline.on and goal.by < goal.baseline.on:
            errors.append(ValidationError(prefix, _("The target date is before the baseline date.")))
    for index, action in enumerate(plan.actions):
        if not action.owner.strip():
            errors.append(
                ValidationError(
                    f"actions.{index}",
                    _("Name who is responsible for “{action}”.").format(action=action.text),
                )
            )
        if action.starts and action.ends and action.ends < action.starts:
            errors.append(ValidationError(f"actions.{index}", _("The end date is before the start date.")))
    return errors


@dataclass(frozen=True)
class WorkplanLine:
    item: str
    flag: Flag
    action: Action


def workplan(
    plans: Iterable[FlagPlan],
    items: Mapping[str, Item],
    *,
    flag: Flag | None = None,
    owner: str = "",
    until: str = "",
) -> list[WorkplanLine]:
    """Every action of every plan, filtered by flag, owner (contains) and end date (on or before)."""
    lines = []
    for plan in plans:
        if flag is not None and plan.flag != flag.value:
            continue
        for action in plan.actions:
            if owner and owner.casefold() not in action.owner.casefold():
                continue
            if until and action.ends and action.ends > until:
                continue
            lines.append(
                WorkplanLine(items[plan.item].name if plan.item in items else "", Flag(plan.flag), action)
            )
    return sorted(lines, key=lambda line: (line.action.starts or "9999", line.item))


# --- the cluster's document -----------------------------------------------------------------------


@dataclass
class ClusterFlags:
    cluster: str  # regional cluster uuid
    items: list[Item] = field(default_factory=list)
    diagnoses: list[Diagnosis] = field(default_factory=list)
    plans: list[FlagPlan] = field(default_factory=list)

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    def item_diagnoses(self, item_id: str) -> list[Diagnosis]:
        return sorted((d for d in self.diagnoses if d.item == item_id), key=lambda d: d.held_on)

    def latest(self, item_id: str) -> Diagnosis | None:
        done = self.item_diagnoses(item_id)
        return done[-1] if done else None

    def new_diagnosis(self, item_id: str, held_on: date) -> Diagnosis:
        """A diagnosis on today's rubric, or on the earlier one's, so follow-ups compare alike."""
        earlier = self.item_diagnoses(item_id)
        version = earlier[0].rubric if earlier else rubric_version()
        diagnosis = Diagnosis(new_id(), item_id, held_on.isoformat(), version)
        diagnosis.number = max((d.number for d in self.diagnoses), default=0) + 1
        self.diagnoses.append(diagnosis)
        return diagnosis

    def diagnosis(self, number: int) -> Diagnosis:
        """The diagnosis with short number `number`; LookupError when there is none."""
        found = next((d for d in self.diagnoses if d.number == number), None)
        if found is None:
            raise LookupError(number)
        return found

    def plan(self, item_id: str, flag: Flag) -> FlagPlan:
        existing = next((p for p in self.plans if p.item == item_id and p.flag == flag.value), None)
        if existing is None:
            existing = FlagPlan(item_id, flag.value)
            self.plans.append(existing)
        return existing

    def heat_map(self) -> list[tuple[Item, dict[Flag, int | None]]]:
        """Items by flags: the latest agreed level of each."""
        return [
            (item, (latest.levels() if (latest := self.latest(item.id)) else dict.fromkeys(Flag)))
            for item in self.items
        ]

    def to_json(self) -> str:
        data = asdict(self)
        data["format"] = FORMAT_VERSION
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ClusterFlags:
        return cls.from_data(json.loads(text))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ClusterFlags:
        """The flags as from_json reads them from the text of `data` (which is only read)."""
        if int(data.get("format", FORMAT_VERSION)) > FORMAT_VERSION:
            raise ValueError("newer flags format")
        diagnoses = []
        for item in data.get("diagnoses", []):
            flags = {
                key: FlagAssessment(**{**value, "baseline": Measure(**value["baseline"])})
                for key, value in item["flags"].items()
            }
            diagnoses.append(Diagnosis(**{**item, "flags": flags}))
        plans = []
        for plan in data.get("plans", []):
            goals = [Goal(**{**g, "baseline": Measure(**g["baseline"])}) for g in plan["goals"]]
            plans.append(
                FlagPlan(**{**plan, "goals": goals, "actions": [Action(**a) for a in plan["actions"]]})
            )
        _number_diagnoses(diagnoses)
        return cls(data["cluster"], [Item(**i) for i in data.get("items", [])], diagnoses, plans)


def _number_diagnoses(diagnoses: list[Diagnosis]) -> None:
    """Give the diagnoses of a format-1 document (which had none) their short numbers, in the
    order they were added (the list keeps it), after any number already given."""
    last = max((d.number for d in diagnoses), default=0)
    for diagnosis in diagnoses:
        if diagnosis.number <= 0:
            last += 1
            diagnosis.number = last
