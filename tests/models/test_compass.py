"""The compass's domain: only the seed's data-culture statements ship, marked as the seed's;
the team's own are marked as theirs; marks per goal area; a second taking compared."""

from __future__ import annotations

from datetime import date

import pytest

from desktop import i18n
from desktop.models.compass import (
    DOES_NOT_HOLD,
    HOLDS,
    OUTCOMES,
    SEED,
    TEAM,
    Compass,
    compare,
    holds_count,
    new_compass,
)
from desktop.models.validation import ValidationError


def _(text: str) -> str:
    return i18n._(text)


def test_a_new_compass_carries_only_the_seeds_data_culture_statements() -> None:
    compass = new_compass("town", ["ECOSTEM21", "צעירים", " ", "צעירים"])
    assert compass.areas == ["ECOSTEM21", "צעירים"]
    assert len(OUTCOMES) == 7
    assert {s.outcome for s in compass.statements} == {"data_culture"}
    assert len(compass.statements) == 6 and all(s.origin == SEED for s in compass.statements)
    i18n.set_language("he")
    texts = [s.display_text() for s in compass.statements]
    assert texts[0] == "ישנה גישה חלקית לנתונים חיצוניים ומוסדיים הרלוונטיים לתחום"
    assert "ERI" in compass.statements[0].display_source()
    assert _(OUTCOMES["data_culture"]) == "תרבות של קבלת החלטות מבוססות נתונים בתחומי מוביליות"


def test_the_team_writes_statements_for_the_other_outcomes_with_a_goal_area() -> None:
    compass = new_compass("town", ["גיל רך", "צעירים"])
    statement = compass.add_statement("public", "  ועד תושבים פעיל  ", "הצוות, פרוטוקול 3/2026", ["צעירים"])
    assert (statement.origin, statement.text, statement.areas) == (TEAM, "ועד תושבים פעיל", ["צעירים"])
    with pytest.raises(ValidationError) as error:
        compass.add_statement("public", "היגד", "", [])
    assert error.value.field == "areas"
    with pytest.raises(ValidationError):
        compass.add_statement("public", "  ", "")
    with pytest.raises(ValidationError):
        compass.set_statement_areas(statement.id, [])
    assert statement.areas == ["צעירים"]
    with pytest.raises(ValidationError):
        compass.remove_area("צעירים")  # the statement would be left with no area
    compass.remove_area("גיל רך")
    assert all("גיל רך" not in s.areas for s in compass.statements)
    assert len(compass.statements) == 7


def test_two_takings_compared_per_outcome_and_goal_area() -> None:
    compass = new_compass("town", ["צעירים", "גיל רך"])
    team = compass.add_statement("public", "ועד תושבים", "הצוות", ["צעירים"])
    first = compass.add_taking(date(2026, 3, 1), "שנה א'")
    compass.set_mark(first.id, "seed-data.sharing", "צעירים", HOLDS, "פרוטוקול")
    compass.set_mark(first.id, "seed-data.fixed_set", "צעירים", DOES_NOT_HOLD)
    third = compass.add_taking(date(2028, 3, 1), "שנה ג'")  # starts from the first's marks
    assert third.mark("seed-data.sharing", "צעירים").evidence == "פרוטוקול"
    compass.set_mark(third.id, "seed-data.sharing", "צעירים", DOES_NOT_HOLD)
    compass.set_mark(third.id, "seed-data.fixed_set", "צעירים", HOLDS)
    compass.set_mark(third.id, "seed-data.data_role", "צעירים", HOLDS)
    compass.set_mark(third.id, team.id, "צעירים", HOLDS)
    with pytest.raises(ValidationError):
        compass.set_mark(third.id, team.id, "גיל רך", HOLDS)  # not marked for that area
    changes = {(c.outcome, c.area): c for c in compare(compass, first, third)}
    data = changes[("data_culture", "צעירים")]
    assert (data.held_before, data.held_after, data.statements, data.change) == (1, 2, 6, 1)
    assert data.gained == ("seed-data.data_role", "seed-data.fixed_set")
    assert data.lost == ("seed-data.sharing",)
    assert changes[("public", "צעירים")].change == 1
    assert ("public", "גיל רך") not in changes
    assert changes[("data_culture", "גיל רך")].change == 0
    assert holds_count(compass, third, "data_culture", "צעירים") == (2, 6)
    assert Compass.from_json(compass.to_json()) == compass
