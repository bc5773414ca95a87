"""The collective plan's domain: the logic model's links, budget splits in Decimal that add
up, what is late, and bad input refused with a message and nothing changed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.models.collective_plan import (
    CollectivePlan,
    plan_from_focus_area,
    set_action_dates,
    set_action_owner,
    set_budget_year,
    validate_action,
)
from desktop.models.town_instruments import parse_money
from desktop.models.validation import ValidationError

D = Decimal


def _plan() -> CollectivePlan:
    return CollectivePlan("חינוך בלתי פורמלי", first_year=2026, years=3)


def test_a_plan_starts_from_a_focus_area_with_its_team_and_lead() -> None:
    plan = plan_from_focus_area(
        "  חינוך   בלתי פורמלי ",
        field_lead="מנהלת מחלקת הנוער",
        team=["דנה", "", "עומר"],
        long_term_goal="הגברת הזיקה וההשתתפות",
        challenge="השתתפות נמוכה בתנועות הנוער",
        first_year=2026,
    )
    assert plan.goal == "חינוך בלתי פורמלי"
    assert plan.team == ["דנה", "עומר"] and plan.field_lead == "מנהלת מחלקת הנוער"
    assert plan.overall_aim == "הגברת הזיקה וההשתתפות"
    assert [(b.level, b.text) for b in plan.boxes] == [
        ("need", "השתתפות נמוכה בתנועות הנוער"),
        ("long_term", "הגברת הזיקה וההשתתפות"),
    ]


def test_boxes_link_only_to_the_next_level_and_unlink_when_moved_or_removed() -> None:
    plan = _plan()
    need = plan.add_box("need", "צורך")
    activity = plan.add_box("activities", "פורום יישובי")
    output = plan.add_box("outputs", "תוצר")
    plan.link(need.id, activity.id)
    plan.link(activity.id, output.id)
    assert [(a.text, b.text) for a, b in plan.links()] == [("צורך", "פורום יישובי"), ("פורום יישובי", "תוצר")]
    with pytest.raises(ValidationError):
        plan.link(need.id, output.id)  # skips a level
    plan.set_box_level(activity.id, "short_term")
    assert plan.links() == []
    plan.link(need.id, plan.add_box("activities", "שני").id)
    plan.remove_box(need.id)
    assert plan.links() == [] and len(plan.boxes) == 3
    with pytest.raises(ValidationError):
        plan.add_box("need", "   ")


def test_the_budget_split_must_add_up_to_its_total_and_sums_per_year_and_funder() -> None:
    plan = _plan()
    action = plan.add_action("פורום יישובי", "מחלקת הנוער")
    other = plan.add_action("תהודה רשותית", "דוברות")
    set_budget_year(action, 2026, D("1500"), {"partners": D(500), "initiative": D(500), "authority": D(500)})
    set_budget_year(action, 2027, None, {"partners": D("100.10"), "initiative": D("0.20"), "authority": D(0)})
    set_budget_year(other, 2026, D("0.30"), {"partners": D("0.10"), "initiative": D("0.20")})
    assert [line.total for line in action.budget] == [D(1500), D("100.30")]
    totals = plan.year_totals()
    assert totals[2026] == {
        "partners": D("500.10"),
        "initiative": D("500.20"),
        "authority": D(500),
        "total": D("1500.30"),
    }
    assert totals[2028]["total"] == 0  # a year of the plan without money
    overall = plan.multi_year()
    assert overall["total"] == D("1600.60")
    assert overall["total"] == overall["partners"] + overall["initiative"] + overall["authority"]
    assert all(isinstance(v, Decimal) for v in overall.values())
    before = list(action.budget)
    with pytest.raises(ValidationError) as error:
        set_budget_year(action, 2026, D(1000), {"partners": D(500), "initiative": D(400), "authority": D(0)})
    assert "900" in error.value.message and "1,000" in error.value.message
    with pytest.raises(ValidationError):
        set_budget_year(action, 2026, D(-1), {})
    assert action.budget == before  # nothing changed
    set_budget_year(action, 2027, None, {})  # a blank year is removed
    assert [b.year for b in action.budget] == [2026]


def test_negative_and_malformed_amounts_are_refused() -> None:
    assert parse_money("total", "₪ 1,250,000.50") == D("1250000.50")
    assert parse_money("total", "") is None
    for raw in ("-500", "12.345", "abc"):
        with pytest.raises(ValidationError):
            parse_money("total", raw)


def test_an_action_needs_an_owner_and_dates_in_order() -> None:
    plan = _plan()
    with pytest.raises(ValidationError) as error:
        plan.add_action("פעולה", "  ")
    assert error.value.field == "owner" and plan.actions == []
    action = plan.add_action("פעולה", "רכזת")
    with pytest.raises(ValidationError):
        set_action_owner(action, "")
    assert action.owner == "רכזת"
    with pytest.raises(ValidationError):
        set_action_dates(action, date(2026, 5, 1), date(2026, 4, 1))
    assert action.start is None and action.end is None
    set_action_dates(action, date(2026, 1, 1), date(2026, 4, 1))
    assert validate_action(action) == []


def test_late_actions_are_those_past_their_end_and_not_done() -> None:
    plan = _plan()
    late = plan.add_action("מאוחרת", "א")
    done = plan.add_action("הושלמה", "ב")
    future = plan.add_action("עתידית", "ג")
    for action, end in ((late, date(2026, 3, 1)), (done, date(2026, 3, 1)), (future, date(2026, 12, 1))):
        set_action_dates(action, date(2026, 1, 1), end)
    done.status = "done"
    assert plan.late_actions(date(2026, 6, 1)) == [late]


def test_the_plan_round_trips_through_json_with_exact_amounts() -> None:
    plan = _plan()
    objective = plan.add_objective("העלאת שיעור המשתתפים מ-1200 ל-1800")
    action = plan.add_action("פורום", "רכזת", objective.id)
    action.infrastructure, action.life_stage = "participation", "education"
    set_action_dates(action, date(2026, 1, 1), date(2026, 12, 31))
    set_budget_year(action, 2026, D("0.10"), {"authority": D("0.10")})
    a, b = plan.add_box("need", "א"), plan.add_box("activities", "ב")
    plan.link(a.id, b.id)
    again = CollectivePlan.from_json(plan.to_json())
    assert again == plan
    assert again.actions[0].budget[0].total == D("0.10")
    with pytest.raises(ValidationError):
        plan.remove_objective(objective.id)  # an action serves it
