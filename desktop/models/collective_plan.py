"""The collective plan (תכנית עבודה קולקטיבית, seed 001 l.817-857): one plan per town goal
(a focus area of the design forum's shared agenda), owned by the authority's field lead.

Two levels (l.827): the strategic level, a theory of change drawn as a logic model (need →
activities → outputs → short-term outcomes → long-term outcomes, boxes linked to the boxes
of the next level); and the operational level, the seed's table (l.854): overall aim →
objectives → metrics → actions → partners → budget, the budget split by partners, the
initiative and the authority (l.857), per year and over the years.

Every action is tagged to one of the five social infrastructures and a stage of the life
course, has an owner, dates, a metric with a baseline and a target, and a review (status,
what was done, a note) so the plan shows what is late.

Pure domain; the whole plan is one JSON document (table `collective_plan`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.i18n import N_, _
from desktop.models.town_instruments import (
    INFRASTRUCTURES,
    LIFE_STAGES,
    ZERO,
    check_dates,
    date_from_json,
    money_from_json,
    money_text,
    money_to_json,
    new_id,
)
from desktop.models.validation import ValidationError

FORMAT_VERSION = 1

# The logic model's levels, from the need to the long-term outcomes (l.843).
LEVELS: dict[str, str] = {
    "need": N_("Need"),
    "activities": N_("Activities"),
    "outputs": N_("Outputs"),
    "short_term": N_("Short-term outcomes"),
    "long_term": N_("Long-term outcomes"),
}
LEVEL_ORDER = tuple(LEVELS)

# Who pays (l.857): the partners, the initiative, the authority.
FUNDERS: dict[str, str] = {
    "partners": N_("Partners"),
    "initiative": N_("The initiative"),
    "authority": N_("The authority"),
}

STATUSES: dict[str, str] = {
    "planned": N_("Planned"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "stopped": N_("Stopped"),
}


@dataclass
class Box:
    """One box of the logic model, linked to boxes of the next level."""

    id: str
    level: str
    text: str
    leads_to: list[str] = field(default_factory=list)


@dataclass
class Objective:
    """An objective (יעד) under the overall aim."""

    id: str
    text: str


@dataclass
class BudgetYear:
    """One year of an action's budget: its total and who pays what."""

    year: int
    total: Decimal = ZERO
    partners: Decimal = ZERO
    initiative: Decimal = ZERO
    authority: Decimal = ZERO

    def share(self, funder: str) -> Decimal:
        value: Decimal = getattr(self, funder)
        return value

    @property
    def split_sum(self) -> Decimal:
        return self.partners + self.initiative + self.authority

    @property
    def balanced(self) -> bool:
        return self.split_sum == self.total


@dataclass
class Action:
    id: str
    title: str
    objective: str = ""  # Objective.id
    infrastructure: str = ""  # a key of INFRASTRUCTURES
    life_stage: str = ""  # a key of LIFE_STAGES
    owner: str = ""
    start: date | None = None
    end: date | None = None
    metric: str = ""
    baseline: str = ""
    target: str = ""
    partners: str = ""  # who takes part (שותפים)
    budget: list[BudgetYear] = field(default_factory=list)
    status: str = "planned"
    done_text: str = ""  # what was done
    review_note: str = ""

    def budget_year(self, year: int) -> BudgetYear | None:
        return next((b for b in self.budget if b.year == year), None)

    def total(self) -> Decimal:
        return sum((b.total for b in self.budget), ZERO)

    def late(self, today: date) -> bool:
        """Its end date has passed and it is neither done nor stopped."""
        return self.end is not None and self.end < today and self.status not in ("done", "stopped")


@dataclass
class CollectivePlan:
    goal: str  # the town goal: the focus area's title
    town: str = ""  # the authority's UUID
    town_name: str = ""  # as the forum named the place, when no authority was chosen
    forum: str = ""  # the design forum's record UUID, when started from its shared agenda
    focus_area: str = ""  # the focus area's id in that forum
    field_lead: str = ""  # the authority's field lead (מוביל התחום)
    team: list[str] = field(default_factory=list)  # the professional team, by name
    overall_aim: str = ""  # מטרת על
    first_year: int = field(default_factory=lambda: date.today().year)
    years: int = 3
    boxes: list[Box] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    # --- years --------------------------------------------------------------------------

    def plan_years(self) -> list[int]:
        return list(range(self.first_year, self.first_year + self.years))

    def set_years(self, first_year: int, years: int) -> None:
        if not 2000 <= first_year <= 2100:
            raise ValidationError("first_year", _("Enter a year between 2000 and 2100."))
        if not 1 <= years <= 10:
            raise ValidationError("years", _("A plan runs for 1 to 10 years."))
        self.first_year, self.years = first_year, years

    # --- the logic model ----------------------------------------------------------------

    def box(self, box_id: str) -> Box | None:
        return next((b for b in self.boxes if b.id == box_id), None)

    def level_boxes(self, level: str) -> list[Box]:
        return [b for b in self.boxes if b.level == level]

    def add_box(self, level: str, text: str) -> Box:
        if level not in LEVELS:
            raise ValidationError("level", _("Choose a level of the logic model."))
        text = " ".join(text.split())
        if not text:
            raise ValidationError("box", _("Write what the box says."))
        box = Box(new_id(), level, text)
        self.boxes.append(box)
        return box

    def next_level(self, level: str) -> str | None:
        index = LEVEL_ORDER.index(level)
        return LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None

    def link(self, box_id: str, target_id: str, linked: bool = True) -> None:
        """Link a box to a box of the next level (or unlink it)."""
        box, target = self.box(box_id), self.box(target_id)
        if box is None or target is None or target.level != self.next_level(box.level):
            raise ValidationError("leads_to", _("A box leads only to boxes of the next level."))
        if linked and target_id not in box.leads_to:
            box.leads_to.append(target_id)
        elif not linked and target_id in box.leads_to:
            box.leads_to.remove(target_id)

    def set_box_level(self, box_id: str, level: str) -> None:
        box = self.box(box_id)
        if box is None or level not in LEVELS or box.level == level:
            return
        box.level = level
        box.leads_to = []
        for other in self.boxes:
            if box_id in other.leads_to:
                other.leads_to.remove(box_id)

    def remove_box(self, box_id: str) -> None:
        self.boxes = [b for b in self.boxes if b.id != box_id]
        for other in self.boxes:
            if box_id in other.leads_to:
                other.leads_to.remove(box_id)

    def links(self) -> list[tuple[Box, Box]]:
        """Every link, from box to box of the next level, in the order the boxes were added."""
        pairs = []
        for box in self.boxes:
            for target_id in box.leads_to:
                target = self.box(target_id)
                if target is not None:
                    pairs.append((box, target))
        return pairs

    # --- objectives and actions ------------------------------------------------------

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    def add_objective(self, text: str) -> Objective:
        text = " ".join(text.split())
        if not text:
            raise ValidationError("objective", _("Write the objective."))
        objective = Objective(new_id(), text)
        self.objectives.append(objective)
        return objective

    def remove_objective(self, objective_id: str) -> None:
        if any(a.objective == objective_id for a in self.actions):
            raise ValidationError("objective", _("Actions serve this objective; move or delete them first."))
        self.objectives = [o for o in self.objectives if o.id != objective_id]

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def add_action(self, title: str, owner: str, objective: str = "") -> Action:
        title = " ".join(title.split())
        if not title:
            raise ValidationError("title", _("Give the action a title."))
        owner = " ".join(owner.split())
        if not owner:
            raise ValidationError("owner", _("Every action needs an owner."))
        if objective and self.objective(objective) is None:
            objective = ""
        action = Action(new_id(), title, objective=objective, owner=owner)
        self.actions.append(action)
        return action

    def remove_action(self, action_id: str) -> None:
        self.actions = [a for a in self.actions if a.id != action_id]

    def late_actions(self, today: date) -> list[Action]:
        return [a for a in self.actions if a.late(today)]

    # --- budget ------------------------------------------------------------------------

    def year_totals(self) -> dict[int, dict[str, Decimal]]:
        """Year -> funder -> ₪ over every action (and "total"), for the plan's years and any
        year an action budgets outside them."""
        years = sorted({*self.plan_years(), *(b.year for a in self.actions for b in a.budget)})
        totals: dict[int, dict[str, Decimal]] = {
            year: {key: ZERO for key in (*FUNDERS, "total")} for year in years
        }
        for action in self.actions:
            for line in action.budget:
                row = totals[line.year]
                row["total"] += line.total
                for funder in FUNDERS:
                    row[funder] += line.share(funder)
        return totals

    def multi_year(self) -> dict[str, Decimal]:
        """Funder -> ₪ over all years (and "total")."""
        result = {key: ZERO for key in (*FUNDERS, "total")}
        for row in self.year_totals().values():
            for key, amount in row.items():
                result[key] += amount
        return result

    def unbalanced(self) -> list[tuple[Action, BudgetYear]]:
        """Budget years whose split does not add up to their total."""
        return [(a, b) for a in self.actions for b in a.budget if not b.balanced]

    # --- JSON ------------------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps(plan_to_dict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> CollectivePlan:
        return plan_from_dict(json.loads(text))


def set_action_dates(action: Action, start: date | None, end: date | None) -> None:
    check_dates(start, end)
    action.start, action.end = start, end


def set_action_owner(action: Action, owner: str) -> None:
    owner = " ".join(owner.split())
    if not owner:
        raise ValidationError("owner", _("Every action needs an owner."))
    action.owner = owner


def set_budget_year(
    action: Action,
    year: int,
    total: Decimal | None,
    shares: Mapping[str, Decimal | None],
) -> BudgetYear | None:
    """Set the action's budget of `year`: its total and the split by funder. A blank total
    and split removes the year. The split must add up to the total (a blank total is the
    split's sum); nothing changes when it does not."""
    values = {funder: shares.get(funder) or ZERO for funder in FUNDERS}
    if any(v < 0 for v in values.values()) or (total is not None and total < 0):
        raise ValidationError("budget", _("An amount cannot be negative."))
    split_sum = sum(values.values(), ZERO)
    if total is None and split_sum == 0:
        action.budget = [b for b in action.budget if b.year != year]
        return None
    if total is None:
        total = split_sum
    if split_sum != total:
        raise ValidationError(
            "budget",
            _("The split adds up to {split}, not to the total of {total}.").format(
                split=money_text(split_sum), total=money_text(total)
            ),
        )
    line = BudgetYear(year, total, values["partners"], values["initiative"], values["authority"])
    action.budget = sorted([b for b in action.budget if b.year != year] + [line], key=lambda b: b.year)
    return line


def validate_action(action: Action) -> list[ValidationError]:
    """What is wrong with a stored action (shown beside it; the plan keeps it)."""
    errors = []
    if not action.owner:
        errors.append(ValidationError("owner", _("Every action needs an owner.")))
    if action.start and action.end and action.end < action.start:
        errors.append(ValidationError("end", _("The end date is before the start date.")))
    for line in action.budget:
        if not line.balanced:
            errors.append(
                ValidationError(
                    "budget",
                    _("The split of {year} does not add up to its total.").format(year=line.year),
                )
            )
    return errors


# --- JSON --------------------------------------------------------------------------------


def _budget_to_dict(line: BudgetYear) -> dict[str, Any]:
    return {
        "year": line.year,
        "total": money_to_json(line.total),
        **{funder: money_to_json(line.share(funder)) for funder in FUNDERS},
    }


def _budget_from_dict(data: Mapping[str, Any]) -> BudgetYear:
    return BudgetYear(
        int(data["year"]),
        money_from_json(data.get("total")),
        *(money_from_json(data.get(funder)) for funder in FUNDERS),
    )


def _action_to_dict(action: Action) -> dict[str, Any]:
    data = {k: v for k, v in vars(action).items() if k not in ("start", "end", "budget")}
    data["start"] = action.start.isoformat() if action.start else ""
    data["end"] = action.end.isoformat() if action.end else ""
    data["budget"] = [_budget_to_dict(b) for b in action.budget]
    return data


def _action_from_dict(data: Mapping[str, Any]) -> Action:
    plain = {
        k: str(data.get(k, ""))
        for k in (
            "objective",
            "infrastructure",
            "life_stage",
            "owner",
            "metric",
            "baseline",
            "target",
            "partners",
            "done_text",
            "review_note",
        )
    }
    status = str(data.get("status", "planned"))
    return Action(
        id=str(data["id"]),
        title=str(data.get("title", "")),
        start=date_from_json(data.get("start")),
        end=date_from_json(data.get("end")),
        budget=[_budget_from_dict(b) for b in data.get("budget", [])],
        status=status if status in STATUSES else "planned",
        **plain,
    )


def plan_to_dict(plan: CollectivePlan) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "goal": plan.goal,
        "town": plan.town,
        "town_name": plan.town_name,
        "forum": plan.forum,
        "focus_area": plan.focus_area,
        "field_lead": plan.field_lead,
        "team": list(plan.team),
        "overall_aim": plan.overall_aim,
        "first_year": plan.first_year,
        "years": plan.years,
        "boxes": [vars(b).copy() for b in plan.boxes],
        "objectives": [vars(o).copy() for o in plan.objectives],
        "actions": [_action_to_dict(a) for a in plan.actions],
    }


def plan_from_dict(data: Mapping[str, Any]) -> CollectivePlan:
    if int(data.get("format", FORMAT_VERSION)) > FORMAT_VERSION:
        raise ValueError("newer collective plan format")
    plan = CollectivePlan(
        goal=str(data.get("goal", "")),
        town=str(data.get("town", "")),
        town_name=str(data.get("town_name", "")),
        forum=str(data.get("forum", "")),
        focus_area=str(data.get("focus_area", "")),
        field_lead=str(data.get("field_lead", "")),
        team=[str(t) for t in data.get("team", [])],
        overall_aim=str(data.get("overall_aim", "")),
        first_year=int(data.get("first_year", date.today().year)),
        years=int(data.get("years", 3)),
        boxes=[
            Box(
                str(b["id"]), str(b["level"]), str(b.get("text", "")), [str(x) for x in b.get("leads_to", [])]
            )
            for b in data.get("boxes", [])
            if b.get("level") in LEVELS
        ],
        objectives=[Objective(str(o["id"]), str(o.get("text", ""))) for o in data.get("objectives", [])],
        actions=[_action_from_dict(a) for a in data.get("actions", [])],
    )
    return plan


def plan_from_focus_area(
    goal: str,
    *,
    town: str = "",
    town_name: str = "",
    forum: str = "",
    focus_area: str = "",
    field_lead: str = "",
    team: Iterable[str] = (),
    long_term_goal: str = "",
    challenge: str = "",
    first_year: int | None = None,
) -> CollectivePlan:
    """A new plan for a focus area of the shared agenda: its title as the goal, its
    professional team, its lead as the field lead; its challenge is the logic model's need
    and its long-term goal the overall aim and the long-term outcome."""
    plan = CollectivePlan(
        goal=" ".join(goal.split()),
        town=town,
        town_name=town_name,
        forum=forum,
        focus_area=focus_area,
        field_lead=field_lead,
        team=[t for t in team if t],
        overall_aim=long_term_goal,
        first_year=first_year or date.today().year,
    )
    if challenge.strip():
        plan.add_box("need", challenge)
    if long_term_goal.strip():
        plan.add_box("long_term", long_term_goal)
    return plan


def infrastructure_counts(plan: CollectivePlan) -> dict[str, int]:
    """How many actions serve each social infrastructure (in the seed's order)."""
    return {key: sum(1 for a in plan.actions if a.infrastructure == key) for key in INFRASTRUCTURES}


def life_stage_counts(plan: CollectivePlan) -> dict[str, int]:
    return {key: sum(1 for a in plan.actions if a.life_stage == key) for key in LIFE_STAGES}
