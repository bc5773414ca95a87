"""The infrastructure-outcomes compass (מצפן תוצאות תשתית, seed 001 l.1072-1120, glossary
l.1276-1286): the seven infrastructure outcomes × the town's goal areas, each indicator
statement marked "holds / does not hold" per goal area, with the evidence behind it
(documents, minutes, data: l.1090); taken in year one and again in year three (or any two
dates) to show what changed.

Authorship (l.1088: the instrument was developed by the "Yishuv BaMerkaz" team and the
Rashi Foundation's R&D department and validated by the ERI research institute): only the
data-culture outcome has indicator statements in the seed (l.1105-1116). Those ship here,
marked as the seed's with their source; the statements of the other six outcomes are
written by the team and marked as theirs. Nothing is invented in the instrument's name.

Pure domain; the whole compass is one JSON document (table `outcomes_compass`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.i18n import N_, _
from desktop.models.town_instruments import date_from_json, new_id
from desktop.models.validation import ValidationError

FORMAT_VERSION = 1

# The seven infrastructure outcomes, in the seed's words (l.1280-1286).
OUTCOMES: dict[str, str] = {
    "shared_outcomes": N_(
        "The ability to define shared long-term town outcomes for advancing social mobility"
    ),
    "data_culture": N_("A culture of data-based decision-making in the fields of mobility"),
    "resources": N_(
        "Making the most of, leveraging and developing cross-sector resources and investments "
        "for advancing the town's mobility fields"
    ),
    "public": N_(
        "The public is informed, shares its needs, is involved and takes part in decisions in "
        "the fields of social mobility"
    ),
    "workforce": N_(
        "Developing the authority's workforce in charge of the mobility fields through "
        "professional training and staffing the roles with qualified, skilled, professional people"
    ),
    "continuity": N_(
        "Establishing professional and strategic continuity between mobility fields and "
        "continuity between age groups"
    ),
    "policy": N_(
        "Influence on the authority's policy and priorities regarding advancing social mobility "
        "for its residents"
    ),
}

SEED = "seed"
TEAM = "team"
SEED_SOURCE = N_(
    "Seed 001, l.1105-1116: the infrastructure-outcomes compass, Yishuv BaMerkaz, R&D "
    "department, ERI research institute, Rashi Foundation 2018"
)

# The indicator statements the seed gives, all of the data-culture outcome (l.1105-1116).
SEED_STATEMENTS: dict[str, str] = {
    "data.partial_access": N_(
        "There is partial access to the external and institutional data relevant to the field"
    ),
    "data.scattered": N_(
        "The data are scattered between systems, without systematic processing, and are not used regularly"
    ),
    "data.systematic_collection": N_(
        "There is systematic, regular collection of municipal data, giving up-to-date "
        "information in the relevant fields and at different levels"
    ),
    "data.data_role": N_(
        "There is a role-holder in charge of managing the data: collecting, processing and "
        "forming insights presented to decision-makers in the relevant field"
    ),
    "data.sharing": N_(
        "The authority's departments share data with each other in an orderly way within their routines"
    ),
    "data.fixed_set": N_(
        "Relevant role-holders in the departments at every level refer to a fixed set of data "
        "in decision-making"
    ),
}

# The seed's example goal areas (l.1101).
EXAMPLE_AREAS = ("ECOSTEM21", "צעירים", "גיל רך", "חינוך בלתי פורמלי")

HOLDS, DOES_NOT_HOLD = "holds", "does_not_hold"
MARKS: dict[str, str] = {HOLDS: N_("Holds"), DOES_NOT_HOLD: N_("Does not hold")}


@dataclass
class Statement:
    """An indicator statement of one outcome; `seed_key` names the seed's own (its text is
    then the seed's, translated), else the team wrote `text` and says where it came from."""

    id: str
    outcome: str
    text: str = ""
    origin: str = TEAM
    source: str = ""  # the seed's reference, or who wrote it and on what basis
    seed_key: str = ""
    areas: list[str] = field(default_factory=list)  # the goal areas it is marked for

    def display_text(self) -> str:
        return _(SEED_STATEMENTS[self.seed_key]) if self.seed_key in SEED_STATEMENTS else self.text

    def display_source(self) -> str:
        return _(SEED_SOURCE) if self.origin == SEED else self.source


@dataclass
class Mark:
    value: str = ""  # HOLDS, DOES_NOT_HOLD or "" (not marked yet)
    evidence: str = ""  # documents, minutes, data


@dataclass
class Taking:
    """One taking of the compass, on a date: statement id -> goal area -> mark."""

    id: str
    taken_on: date
    label: str = ""
    marks: dict[str, dict[str, Mark]] = field(default_factory=dict)

    def mark(self, statement: str, area: str) -> Mark:
        return self.marks.get(statement, {}).get(area, Mark())


@dataclass
class Compass:
    town: str  # the authority's UUID
    town_name: str = ""
    areas: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    takings: list[Taking] = field(default_factory=list)

    # --- goal areas --------------------------------------------------------------------

    def add_area(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise ValidationError("area", _("Write the goal area's name."))
        if name in self.areas:
            raise ValidationError("area", _("This goal area is already in the compass."))
        self.areas.append(name)
        for statement in self.statements:
            statement.areas.append(name)

    def remove_area(self, name: str) -> None:
        if any(statement.areas == [name] for statement in self.statements):
            raise ValidationError(
                "area",
                _("A statement is marked only for this goal area; give it another area first."),
            )
        self.areas = [a for a in self.areas if a != name]
        for statement in self.statements:
            if name in statement.areas:
                statement.areas.remove(name)

    # --- statements --------------------------------------------------------------------

    def statement(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements if s.id == statement_id), None)

    def outcome_statements(self, outcome: str) -> list[Statement]:
        return [s for s in self.statements if s.outcome == outcome]

    def add_statement(
        self, outcome: str, text: str, source: str, areas: list[str] | None = None
    ) -> Statement:
        """A statement the team wrote for `outcome`, marked for `areas` (default: every area)."""
        if outcome not in OUTCOMES:
            raise ValidationError("outcome", _("Choose the infrastructure outcome."))
        text = " ".join(text.split())
        if not text:
            raise ValidationError("statement", _("Write the indicator statement."))
        chosen = [a for a in (self.areas if areas is None else areas) if a in self.areas]
        if not chosen:
            raise ValidationError("areas", _("A statement needs at least one goal area to be marked for."))
        statement = Statement(new_id(), outcome, text, TEAM, " ".join(source.split()), areas=chosen)
        self.statements.append(statement)
        return statement

    def set_statement_areas(self, statement_id: str, areas: list[str]) -> None:
        statement = self.statement(statement_id)
        if statement is None:
            return
        chosen = [a for a in self.areas if a in areas]
        if not chosen:
            raise ValidationError("areas", _("A statement needs at least one goal area to be marked for."))
        statement.areas = chosen

    def remove_statement(self, statement_id: str) -> None:
        self.statements = [s for s in self.statements if s.id != statement_id]
        for taking in self.takings:
            taking.marks.pop(statement_id, None)

    # --- takings ---------------------------------------------------------------------------

    def taking(self, taking_id: str) -> Taking | None:
        return next((t for t in self.takings if t.id == taking_id), None)

    def add_taking(self, taken_on: date, label: str = "") -> Taking:
        """A new taking; it starts from the last one's marks and evidence (what holds still
        holds until someone says otherwise), or empty."""
        previous = self.ordered_takings()[-1] if self.takings else None
        marks = (
            {
                s: {a: Mark(m.value, m.evidence) for a, m in areas.items()}
                for s, areas in previous.marks.items()
            }
            if previous
            else {}
        )
        taking = Taking(new_id(), taken_on, " ".join(label.split()), marks)
        self.takings.append(taking)
        return taking

    def ordered_takings(self) -> list[Taking]:
        return sorted(self.takings, key=lambda t: t.taken_on)

    def set_mark(
        self, taking_id: str, statement_id: str, area: str, value: str, evidence: str | None = None
    ) -> None:
        taking, statement = self.taking(taking_id), self.statement(statement_id)
        if taking is None or statement is None:
            raise KeyError(taking_id if taking is None else statement_id)
        if area not in statement.areas:
            raise ValidationError("area", _("This statement is not marked for that goal area."))
        if value not in (*MARKS, ""):
            raise ValueError(value)
        mark = taking.marks.setdefault(statement_id, {}).setdefault(area, Mark())
        mark.value = value
        if evidence is not None:
            mark.evidence = evidence.strip()

    def to_json(self) -> str:
        return json.dumps(compass_to_dict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Compass:
        return compass_from_dict(json.loads(text))


def new_compass(town: str, areas: list[str], town_name: str = "") -> Compass:
    """A compass for the town's goal areas, with the seed's data-culture statements."""
    compass = Compass(town, town_name)
    for area in areas:
        if " ".join(area.split()) and " ".join(area.split()) not in compass.areas:
            compass.areas.append(" ".join(area.split()))
    compass.statements = [
        Statement(f"seed-{key}", "data_culture", "", SEED, "", key, list(compass.areas))
        for key in SEED_STATEMENTS
    ]
    return compass


# --- the comparison ----------------------------------------------------------------------


@dataclass(frozen=True)
class CellChange:
    """One outcome in one goal area between two takings: how many statements hold."""

    outcome: str
    area: str
    statements: int
    held_before: int
    held_after: int
    gained: tuple[str, ...]  # statement ids that came to hold
    lost: tuple[str, ...]  # statement ids that no longer hold

    @property
    def change(self) -> int:
        return self.held_after - self.held_before


def compare(compass: Compass, before: Taking, after: Taking) -> list[CellChange]:
    """Per outcome (seed's order) and goal area: statements that hold in each taking, and
    which came to hold or stopped holding. Outcomes with no statements for an area are left out."""
    changes = []
    for outcome in OUTCOMES:
        statements = compass.outcome_statements(outcome)
        for area in compass.areas:
            marked = [s for s in statements if area in s.areas]
            if not marked:
                continue
            held_before = {s.id for s in marked if before.mark(s.id, area).value == HOLDS}
            held_after = {s.id for s in marked if after.mark(s.id, area).value == HOLDS}
            changes.append(
                CellChange(
                    outcome,
                    area,
                    len(marked),
                    len(held_before),
                    len(held_after),
                    tuple(s.id for s in marked if s.id in held_after - held_before),
                    tuple(s.id for s in marked if s.id in held_before - held_after),
                )
            )
    return changes


def holds_count(compass: Compass, taking: Taking, outcome: str, area: str) -> tuple[int, int]:
    """(statements that hold, statements marked for the area) of one outcome in a taking."""
    marked = [s for s in compass.outcome_statements(outcome) if area in s.areas]
    return sum(1 for s in marked if taking.mark(s.id, area).value == HOLDS), len(marked)


# --- JSON ------------------------------------------------------------------------------------


def compass_to_dict(compass: Compass) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "town": compass.town,
        "town_name": compass.town_name,
        "areas": list(compass.areas),
        "statements": [vars(s).copy() for s in compass.statements],
        "takings": [
            {
                "id": t.id,
                "taken_on": t.taken_on.isoformat(),
                "label": t.label,
                "marks": {s: {a: vars(m).copy() for a, m in areas.items()} for s, areas in t.marks.items()},
            }
            for t in compass.takings
        ],
    }


def compass_from_dict(data: Mapping[str, Any]) -> Compass:
    if int(data.get("format", FORMAT_VERSION)) > FORMAT_VERSION:
        raise ValueError("newer compass format")
    statements = []
    for s in data.get("statements", []):
        outcome = str(s.get("outcome", ""))
        if outcome not in OUTCOMES:
            continue
        seed_key = str(s.get("seed_key", ""))
        statements.append(
            Statement(
                str(s["id"]),
                outcome,
                str(s.get("text", "")),
                SEED if seed_key in SEED_STATEMENTS else TEAM,
                str(s.get("source", "")),
                seed_key if seed_key in SEED_STATEMENTS else "",
                [str(a) for a in s.get("areas", [])],
            )
        )
    takings = []
    for t in data.get("takings", []):
        taken_on = date_from_json(t.get("taken_on")) or date.today()
        marks = {
            str(s): {
                str(a): Mark(
                    str(m.get("value", "")) if m.get("value") in MARKS else "", str(m.get("evidence", ""))
                )
                for a, m in areas.items()
            }
            for s, areas in t.get("marks", {}).items()
        }
        takings.append(Taking(str(t["id"]), taken_on, str(t.get("label", "")), marks))
    return Compass(
        town=str(data.get("town", "")),
        town_name=str(data.get("town_name", "")),
        areas=[str(a) for a in data.get("areas", [])],
        statements=statements,
        takings=takings,
    )
