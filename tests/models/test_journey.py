"""The overdue rules of the home screen, each with a fixed "today", and where a town stands."""

from __future__ import annotations

from datetime import date

from desktop.models.agreement import Agreement
from desktop.models.flags import Action, ClusterFlags, Flag, Item
from desktop.models.forum import Forum, Session
from desktop.models.journey import (
    Mark,
    TownRecords,
    action_overdue,
    cluster_journey,
    meeting_plan_missing,
    mou_unanswered,
    session_without_summary,
    town_journey,
    towns_worked_with,
)
from desktop.models.mou import Parties
from desktop.models.mou_versions import freeze_version, mark_signed
from desktop.models.selection_process import SelectionProcess
from desktop.models.syllabus import Meeting, MeetingPlan

TODAY = date(2027, 3, 15)


def test_an_action_is_overdue_the_day_after_its_end_date() -> None:
    assert not action_overdue(Action("a", ends="2027-03-15"), TODAY)
    assert action_overdue(Action("a", ends="2027-03-14"), TODAY)
    assert not action_overdue(Action("a", ends=""), TODAY)  # no date: never overdue
    # A month stands for its last day.
    assert not action_overdue(Action("a", ends="2027-03"), TODAY)
    assert action_overdue(Action("a", ends="2027-02"), TODAY)


def test_a_session_held_without_a_summary_is_overdue_from_the_next_day() -> None:
    session = Session(1, "s", held_on=date(2027, 3, 15))
    assert not session_without_summary(session, TODAY)  # the session day itself
    assert session_without_summary(session, date(2027, 3, 16))
    session.decisions = "Agreed on four focus areas"
    assert not session_without_summary(session, date(2027, 3, 16))
    assert not session_without_summary(Session(2, "s"), TODAY)  # not held


def test_an_mou_sent_and_unanswered_for_30_days_is_overdue() -> None:
    draft = Agreement.new("he").draft
    first = freeze_version(draft, [], date(2027, 2, 13))
    assert mou_unanswered([first], date(2027, 3, 14)) is None  # 29 days
    assert mou_unanswered([first], TODAY) == first  # 30 days
    assert mou_unanswered([mark_signed(first, date(2027, 3, 1))], TODAY) is None
    second = freeze_version(draft, [first], date(2027, 3, 1))
    assert mou_unanswered([first, second], TODAY) is None  # answered by a new version
    assert mou_unanswered([], TODAY) is None


def test_a_meeting_without_its_plan_a_week_before_is_overdue() -> None:
    meeting = Meeting("m", date(2027, 3, 22))
    assert meeting_plan_missing(meeting, TODAY)  # exactly a week ahead
    assert not meeting_plan_missing(meeting, date(2027, 3, 14))  # eight days ahead
    assert not meeting_plan_missing(meeting, date(2027, 3, 23))  # past
    meeting.plan = MeetingPlan(professional_goals="Shared language")
    assert not meeting_plan_missing(meeting, TODAY)


def test_a_town_shows_each_step_and_marks_the_next_and_the_overdue() -> None:
    agreement = Agreement.new("he", parties=Parties("town"))
    agreement.versions = [freeze_version(agreement.draft, [], date(2027, 1, 10))]
    forum = Forum("Forum", place_of="Ofakim", sessions=[Session(n, f"s{n}") for n in range(1, 5)])
    forum.sessions[0].held_on = date(2027, 2, 1)
    forum.sessions[0].decisions = "Done"
    process = SelectionProcess(chosen=["town"], decided_on=date(2026, 12, 1))
    towns = towns_worked_with({"town": ["אופקים", "Ofakim"]}, [(3, process)], [(5, agreement)], [(7, forum)])
    assert [t.name for t in towns] == ["אופקים"]
    journey = town_journey(towns[0], TODAY)
    marks = [step.mark for step in journey.steps]
    assert marks[0] is Mark.DONE and journey.steps[0].target is not None
    assert journey.steps[0].target.record_id == 3
    assert marks[1] is Mark.NEXT  # the agreement's stages: not started, the first open step
    assert marks[2] is Mark.OVERDUE  # version 1 unanswered since 10 January
    assert journey.steps[2].target is not None and journey.steps[2].target.record_id == 5
    assert journey.steps[3].target is not None and journey.steps[3].target.record_id == 7
    assert journey.overdue == 1
    assert town_journey(TownRecords("x", "Empty"), TODAY).steps[0].mark is Mark.NEXT


def test_a_cluster_marks_plan_actions_past_their_date() -> None:
    flags = ClusterFlags("c", [Item("i", "Service", focus_service=True), Item("j", "New", flagship=True)])
    flags.new_diagnosis("i", date(2026, 11, 1))
    flags.plan("i", Flag.DIVERSITY).actions += [
        Action("Late", owner="Ruth", ends="2027-03-01"),
        Action("Ahead", owner="Ruth", ends="2027-06-30"),
    ]
    journey = cluster_journey("Cluster", "c", 4, flags, TODAY)
    plan = journey.steps[2]
    assert plan.mark is Mark.OVERDUE and plan.target is not None and plan.target.record_id == 4
    assert "Ahead" in plan.state
    flags.plans[0].actions.pop(0)
    assert cluster_journey("Cluster", "c", 4, flags, TODAY).steps[2].mark is not Mark.OVERDUE


def test_the_collective_plan_and_the_compass_are_steps_of_the_town() -> None:
    from desktop.models.journey import CompassFacts, Mark, PlanFacts, TownRecords, town_journey

    today = date(2026, 6, 1)
    town = TownRecords("u1", "אופקים")
    steps = {step.label: step for step in town_journey(town, today).steps}
    assert steps["תכנית קולקטיבית"].mark in (Mark.OPEN, Mark.NEXT)
    town.plans.append(PlanFacts(3, "מצוינות במדע", actions=5, late=2))
    town.compasses.append(CompassFacts(4, takings=1, last_taken=date(2025, 9, 1)))
    steps = {step.label: step for step in town_journey(town, today).steps}
    plan = steps["תכנית קולקטיבית"]
    assert plan.mark is Mark.OVERDUE and "2" in plan.state and plan.target is not None
    assert plan.target.feature == "collective-plans" and plan.target.record_id == 3
    outcomes = steps["מדידת תוצאות תשתית (שנה א׳ ושנה ג׳)"]
    assert outcomes.mark is not Mark.DONE and "1.9.2025" in outcomes.state  # taken once only
    town.compasses[0] = CompassFacts(4, takings=2, last_taken=date(2027, 9, 1))
    steps = {step.label: step for step in town_journey(town, today).steps}
    assert steps["מדידת תוצאות תשתית (שנה א׳ ושנה ג׳)"].mark is Mark.DONE


def test_a_step_begun_but_not_finished_is_in_progress_not_not_yet() -> None:
    """A town whose selection names it not yet, with an MOU out for signature, a forum under
    way and the compass taken once: those steps are begun (in progress); the next one is the
    selection; a step nothing was done for is "not yet"."""
    from desktop.models.journey import CompassFacts, mark_label

    agreement = Agreement.new("he", parties=Parties("town"))
    agreement.versions = [freeze_version(agreement.draft, [], date(2027, 3, 1))]  # 14 days: waiting
    forum = Forum("Forum", place_of="Ofakim", sessions=[Session(n, f"s{n}") for n in range(1, 5)])
    forum.sessions[0].held_on = date(2027, 3, 20)  # the first session ahead
    [town] = towns_worked_with({"town": ["אופקים", "Ofakim"]}, [], [(5, agreement)], [(7, forum)])
    town.compasses.append(CompassFacts(4, takings=1, last_taken=date(2026, 9, 1)))
    steps = {step.label: step.mark for step in town_journey(town, TODAY).steps}
    assert steps["בחירת יישוב"] is Mark.NEXT
    assert steps["בניית הסכמות"] is Mark.OPEN  # no stage held or scheduled yet
    assert steps["מסמך הבנות"] is Mark.STARTED
    assert steps["מפגשי פורום העיצוב"] is Mark.STARTED
    assert steps["אג'נדה משותפת"] is Mark.OPEN
    assert steps["מדידת תוצאות תשתית (שנה א׳ ושנה ג׳)"] is Mark.STARTED
    assert (mark_label(Mark.STARTED), mark_label(Mark.OPEN)) == ("בביצוע", "עדיין לא")


def test_a_cluster_diagnosed_in_part_with_a_plan_is_in_progress() -> None:
    flags = ClusterFlags("c", [Item("i", "Service", focus_service=True), Item("j", "New", flagship=True)])
    flags.new_diagnosis("i", date(2026, 11, 1))  # the flagship programme not diagnosed yet
    flags.plan("i", Flag.DIVERSITY).actions.append(Action("Ahead", owner="Ruth", ends="2027-06-30"))
    marks = [step.mark for step in cluster_journey("Cluster", "c", 4, flags, TODAY).steps]
    assert marks == [Mark.DONE, Mark.NEXT, Mark.STARTED]
