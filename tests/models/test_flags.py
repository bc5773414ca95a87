"""Flags: rubric, participation, diagnosis checks, change over time, planning checks, work plan."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.models.flags import (
    Action,
    ClusterFlags,
    Flag,
    FlagPlan,
    Goal,
    Item,
    Measure,
    change,
    check_level,
    level_descriptions,
    participation,
    participation_matrix,
    validate_diagnosis,
    validate_item,
    validate_plan,
    workplan,
)
from desktop.models.validation import ValidationError

MEMBERS = ["a", "b", "c", "d"]


def test_rubric_has_four_levels_per_flag_in_every_language() -> None:
    for flag in Flag:
        for language in ("he", "ar", "en"):
            assert len(level_descriptions(flag, language)) == 4
    assert Flag.INCLUSIVE_GROWTH.label == "צמיחה מכלילה"
    with pytest.raises(ValidationError):
        check_level(5)


def test_participation_share_and_matrix() -> None:
    item = Item("1", "שירותי רווחה", authorities=["a", "c"])
    share = participation(item, MEMBERS)
    assert (share.count, share.share) == (2, 0.5)
    assert participation_matrix([item], MEMBERS) == [[True, False, True, False]]
    outsider = Item("2", "x", authorities=["a", "z"])
    assert [e.field for e in validate_item(outsider, MEMBERS)] == ["item.authorities"]


def test_a_diagnosis_needs_agreed_levels_and_complete_baselines() -> None:
    flags = ClusterFlags("cluster")
    flags.items.append(Item("1", "שירות"))
    diagnosis = flags.new_diagnosis("1", date(2026, 1, 10))
    assert len(validate_diagnosis(diagnosis)) == 8
    for flag in Flag:
        assessment = diagnosis.flags[flag.value]
        assessment.agreed = 2
        assessment.baseline = Measure(40, "%", "2026-01-10")
    diagnosis.flags["diversity"].baseline = Measure(3, "", "")
    fields = {e.field for e in validate_diagnosis(diagnosis)}
    assert fields == {"flags.diversity.baseline"}


def test_follow_up_uses_the_baseline_rubric_and_change_is_computed() -> None:
    flags = ClusterFlags("cluster")
    first = flags.new_diagnosis("1", date(2025, 1, 1))
    first.rubric = 1
    second = flags.new_diagnosis("1", date(2026, 1, 1))
    assert second.rubric == first.rubric
    first.flags["inclusive_growth"].agreed, second.flags["inclusive_growth"].agreed = 1, 3
    assert change(first, second)[Flag.INCLUSIVE_GROWTH] == 2
    assert change(first, second)[Flag.DIVERSITY] is None
    assert flags.latest("1") is second


def test_plan_checks_dates_and_owners_and_workplan_filters() -> None:
    plan = FlagPlan(
        "1",
        "inclusive_growth",
        goals=[Goal("שיעור השתתפות", 80, "%", "2025-01-01", Measure(40, "%", "2026-01-01"))],
        actions=[Action("מפגשים חודשיים", "12", "חודשי", "", "2026-02-01", "2026-12-31")],
    )
    messages = [e.message for e in validate_plan(plan)]
    assert any("מוקדם מתאריך נקודת האפס" in m for m in messages)
    assert any("מפגשים חודשיים" in m for m in messages)
    plan.actions[0].owner = "דנה"
    other = FlagPlan("1", "diversity", actions=[Action("תרגום", owner="סמיר", ends="2027-06-01")])
    items = {"1": Item("1", "שירות")}
    assert len(workplan([plan, other], items)) == 2
    assert [line.action.text for line in workplan([plan, other], items, flag=Flag.DIVERSITY)] == ["תרגום"]
    assert [line.action.owner for line in workplan([plan, other], items, owner="דנ")] == ["דנה"]
    assert len(workplan([plan, other], items, until="2026-12-31")) == 1


def test_json_round_trip() -> None:
    flags = ClusterFlags("cluster", [Item("1", "שירות", authorities=["a"], flagship=True)])
    diagnosis = flags.new_diagnosis("1", date(2026, 3, 1))
    diagnosis.flags["diversity"].scores = {"דנה": 2, "סמיר": 4}
    flags.plan("1", Flag.DIVERSITY).goals.append(Goal("ייצוג", 100, "%", "2027-01-01"))
    again = ClusterFlags.from_json(flags.to_json())
    assert again == flags
    assert again.diagnoses[0].flags["diversity"].spread() == 2


def test_diagnoses_get_short_numbers_kept_once_given() -> None:
    flags = ClusterFlags("cluster", [Item("1", "שירות"), Item("2", "שירות אחר")])
    first = flags.new_diagnosis("1", date(2026, 3, 1))
    second = flags.new_diagnosis("2", date(2025, 1, 1))  # an earlier date: the number is by creation
    assert (first.number, second.number) == (1, 2)
    flags.diagnoses.remove(first)
    third = flags.new_diagnosis("1", date(2026, 6, 1))
    assert third.number == 3  # a removed diagnosis's number is not given again
    again = ClusterFlags.from_json(flags.to_json())
    assert [d.number for d in again.diagnoses] == [2, 3]
    assert again.diagnosis(3).id == third.id
    with pytest.raises(LookupError):
        again.diagnosis(1)


def test_a_format_1_document_gets_numbers_in_the_order_its_diagnoses_were_added() -> None:
    import json

    flags = ClusterFlags("cluster", [Item("1", "שירות")])
    for day in (date(2026, 5, 1), date(2025, 5, 1), date(2026, 1, 1)):
        flags.new_diagnosis("1", day)
    data = json.loads(flags.to_json())
    data["format"] = 1
    for diagnosis in data["diagnoses"]:
        del diagnosis["number"]  # as written before diagnoses had numbers
    old = ClusterFlags.from_json(json.dumps(data))
    assert [(d.number, d.held_on) for d in old.diagnoses] == [
        (1, "2026-05-01"),
        (2, "2025-05-01"),
        (3, "2026-01-01"),
    ]
    assert json.loads(old.to_json())["format"] == 2
    assert old.new_diagnosis("1", date(2027, 1, 1)).number == 4
