"""Where each town, cluster and learning community stands on the seeds' path, and what is
next or overdue: the home screen and the journey report read it. Pure: the caller gives the
records and "today".

The path of a town (seed 001): selection → building agreements and the MOU → the four
design-forum sessions → shared agenda and professional teams → collective plan → outcomes
measured in year one and year three. Of a regional cluster (seed 000): map → diagnose against
the four flags → plan by flags. Learning communities meet across the year (seed 004).

The overdue rules (issue 18), each a function below:
- a plan action past its end date (`action_overdue`);
- a forum session held without a summary (`session_without_summary`);
- an MOU version sent and unanswered (not signed, no later version) for 30 days (`mou_unanswered`);
- a community meeting a week away or less without its meeting plan (`meeting_plan_missing`).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from desktop.i18n import _, format_date, format_number, ngettext
from desktop.models.agreement import Agreement
from desktop.models.community import Community
from desktop.models.flags import Action, ClusterFlags
from desktop.models.forum import SESSIONS, TEAM_MIN, Forum, Session
from desktop.models.mou_process import process_status
from desktop.models.mou_versions import MouVersion
from desktop.models.selection_process import SelectionProcess
from desktop.models.syllabus import Meeting, MeetingPlan, ordered

MOU_ANSWER_DAYS = 30  # an MOU sent and unanswered this long is overdue
PLAN_DAYS_BEFORE = 7  # a meeting plan is due a week before the meeting


class Mark(StrEnum):
    DONE = "done"
    NEXT = "next"
    OVERDUE = "overdue"
    STARTED = "started"  # begun, not finished, nothing overdue
    OPEN = "open"  # not started, nothing due yet


def mark_label(mark: Mark) -> str:
    """The word for a mark, on the home screen and in the journey report."""
    return {
        Mark.DONE: _("Done"),
        Mark.NEXT: _("Next"),
        Mark.OVERDUE: _("Overdue"),
        Mark.STARTED: _("In progress"),
        Mark.OPEN: _("Not yet"),
    }[mark]


@dataclass(frozen=True)
class Target:
    """The record a line opens: a feature's record by number, or a reference record."""

    feature: str  # a key of desktop.views.features.FEATURES, or "authority" / "cluster"
    record_id: int | None = None
    uuid: str | None = None


@dataclass(frozen=True)
class Step:
    label: str  # the step of the path
    state: str  # where it stands, in words
    mark: Mark
    target: Target | None = None


@dataclass(frozen=True)
class Journey:
    kind: str  # "town", "cluster" or "community"
    name: str
    target: Target | None
    steps: tuple[Step, ...]

    @property
    def overdue(self) -> int:
        return sum(step.mark is Mark.OVERDUE for step in self.steps)


# --- the rules ---------------------------------------------------------------------------------


def end_date(text: str) -> date | None:
    """An action's end: an ISO date, or a month ("2027-06": its last day); None if neither."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None


def action_overdue(action: Action, today: date) -> bool:
    """A plan action whose end date has passed."""
    ends = end_date(action.ends)
    return ends is not None and ends < today


def session_without_summary(session: Session, today: date) -> bool:
    """A forum session that was held (its day is over) and has no summary (decisions) yet."""
    return session.held_on is not None and session.held_on < today and not session.decisions.strip()


def mou_unanswered(versions: Sequence[MouVersion], today: date) -> MouVersion | None:
    """The latest version when it was sent 30 days ago or more and is neither signed nor
    followed by another version."""
    latest = max(versions, key=lambda v: v.number, default=None)
    if latest is None or latest.is_signed:
        return None
    return latest if (today - latest.sent_on).days >= MOU_ANSWER_DAYS else None


def plan_is_empty(plan: MeetingPlan) -> bool:
    return not any(str(value).strip() for value in vars(plan).values())


def meeting_plan_missing(meeting: Meeting, today: date) -> bool:
    """A meeting a week away or less (not past) whose meeting plan page is still empty."""
    return today <= meeting.day <= today + timedelta(days=PLAN_DAYS_BEFORE) and plan_is_empty(meeting.plan)


# --- a town ----------------------------------------------------------------------------------


@dataclass
class TownRecords:
    """What the workspace holds about one town being worked with."""

    uuid: str
    name: str
    selections: list[tuple[int, SelectionProcess]] = field(default_factory=list)
    agreements: list[tuple[int, Agreement]] = field(default_factory=list)
    forums: list[tuple[int, Forum]] = field(default_factory=list)
    plans: list[PlanFacts] = field(default_factory=list)
    compasses: list[CompassFacts] = field(default_factory=list)


@dataclass(frozen=True)
class PlanFacts:
    """A collective plan of the town: its number, goal, actions and how many are late."""

    number: int
    goal: str
    actions: int
    late: int


@dataclass(frozen=True)
class CompassFacts:
    """An infrastructure-outcomes compass of the town: how often it was taken, and when last."""

    number: int
    takings: int
    last_taken: date | None


def _first_open(steps: list[Step]) -> list[Step]:
    """The first step neither done nor overdue is the next one."""
    result = []
    marked = False
    for step in steps:
        if step.mark in (Mark.OPEN, Mark.STARTED) and not marked:
            step = Step(step.label, step.state, Mark.NEXT, step.target)
        if step.mark in (Mark.NEXT, Mark.OVERDUE):
            marked = True
        result.append(step)
    return result


def town_journey(town: TownRecords, today: date) -> Journey:
    steps: list[Step] = []
    decided = [
        (number, p) for number, p in town.selections if town.uuid in p.chosen and p.decided_on is not None
    ]
    if decided:
        number, process = decided[-1]
        steps.append(
            Step(
                _("Town selection"),
                _("Decided on {date}").format(date=format_date(process.decided_on)),
                Mark.DONE,
                Target("selection", number),
            )
        )
    else:
        steps.append(Step(_("Town selection"), _("No selection decision names this town"), Mark.OPEN))
    steps += _agreement_steps(town, today)
    steps += _forum_steps(town, today)
    steps.append(_plan_step(town))
    steps.append(_outcomes_step(town))
    steps = _first_open(steps)
    target = next((s.target for s in steps if s.target is not None), None)
    return Journey(
        "town", town.name, Target("authority", uuid=town.uuid) if town.uuid else target, tuple(steps)
    )


def _plan_step(town: TownRecords) -> Step:
    label = _("Collective plan")
    if not town.plans:
        return Step(label, _("No collective plan for a goal of the town yet"), Mark.OPEN)
    actions = sum(plan.actions for plan in town.plans)
    late = sum(plan.late for plan in town.plans)
    state = (
        ngettext("{plans} plan ({goals})", "{plans} plans ({goals})", len(town.plans)).format(
            plans=format_number(len(town.plans)), goals=", ".join(plan.goal for plan in town.plans)
        )
        + "; "
        + ngettext("{actions} action", "{actions} actions", actions).format(actions=format_number(actions))
    )
    target = Target("collective-plans", town.plans[0].number)
    if late:
        state += " • " + _("{late} late").format(late=format_number(late))
        return Step(label, state, Mark.OVERDUE, target)
    return Step(label, state, Mark.DONE, target)


def _outcomes_step(town: TownRecords) -> Step:
    label = _("Infrastructure outcomes measured (years 1 and 3)")
    taken = [compass for compass in town.compasses if compass.takings]
    if not taken:
        target = Target("compasses", town.compasses[0].number) if town.compasses else None
        return Step(label, _("The compass has not been taken yet"), Mark.OPEN, target)
    compass = max(taken, key=lambda c: c.takings)
    state = _("Taken {count} times, last on {date}").format(
        count=format_number(compass.takings), date=format_date(compass.last_taken)
    )
    mark = Mark.DONE if compass.takings >= 2 else Mark.STARTED  # year 1 and again in year 3
    if compass.takings < 2:
        state += " • " + _("take it again in year 3")
    return Step(label, state, mark, Target("compasses", compass.number))


def _agreement_steps(town: TownRecords, today: date) -> list[Step]:
    label, mou = _("Building agreements"), _("Memorandum of understanding")
    if not town.agreements:
        return [
            Step(label, _("No agreement yet"), Mark.OPEN),
            Step(mou, _("No version sent yet"), Mark.OPEN),
        ]
    number, agreement = town.agreements[-1]
    target = Target("agreements", number)
    status = process_status(agreement.process, today)
    state = status.summary()
    if status.next_stage is not None and status.next_date is not None:
        state += " · " + _("next: {date}").format(date=format_date(status.next_date))
    stage_mark = (
        Mark.DONE
        if status.next_stage is None
        else Mark.STARTED
        if status.reached is not None or status.next_date is not None
        else Mark.OPEN
    )
    versions = sorted(agreement.versions, key=lambda v: v.number)
    if not versions:
        return [
            Step(label, state, stage_mark, target),
            Step(mou, _("No version sent yet"), Mark.OPEN, target),
        ]
    parts = [
        _("version {number} sent {date}").format(number=v.number, date=format_date(v.sent_on))
        + (" · " + _("signed {date}").format(date=format_date(v.signed_on)) if v.signed_on else "")
        for v in versions
    ]
    waiting = mou_unanswered(versions, today)
    if any(v.is_signed for v in versions):
        mou_mark = Mark.DONE
    elif waiting is not None:
        mou_mark = Mark.OVERDUE
        parts.append(_("unanswered for {days} days").format(days=(today - waiting.sent_on).days))
    else:
        mou_mark = Mark.STARTED  # (versions sent, none signed, none waiting too long)
    return [Step(label, state, stage_mark, target), Step(mou, "; ".join(parts), mou_mark, target)]


def _forum_steps(town: TownRecords, today: date) -> list[Step]:
    sessions_label = _("Design forum sessions")
    agenda_label, teams_label = _("Shared agenda"), _("Professional teams")
    if not town.forums:
        return [
            Step(sessions_label, _("No design forum yet"), Mark.OPEN),
            Step(agenda_label, _("No focus areas yet"), Mark.OPEN),
            Step(teams_label, _("No professional teams yet"), Mark.OPEN),
        ]
    number, forum = town.forums[-1]
    target = Target("forums", number)
    held = [s for s in forum.sessions if s.held_on is not None and s.held_on <= today]
    state = _("{held} of {total} sessions held").format(held=len(held), total=SESSIONS)
    missing = [s.number for s in forum.sessions if session_without_summary(s, today)]
    if missing:
        state += " · " + _("no summary of session {numbers}").format(numbers=", ".join(map(str, missing)))
        mark = Mark.OVERDUE
    elif len(held) >= SESSIONS:
        mark = Mark.DONE
    else:
        ahead = [s for s in forum.sessions if s.held_on is not None and s.held_on > today]
        if ahead:
            state += " · " + _("next: {date}").format(date=format_date(ahead[0].held_on))
        mark = Mark.STARTED if held or ahead else Mark.OPEN
    agenda = forum.agenda
    agenda_step = Step(
        agenda_label,
        _("{count} focus areas").format(count=len(agenda)) if agenda else _("No focus areas yet"),
        Mark.DONE if agenda else Mark.OPEN,
        target,
    )
    formed = [area for area in agenda if len(area.team) >= TEAM_MIN]
    teams_step = Step(
        teams_label,
        _("{formed} of {total} teams formed").format(formed=len(formed), total=len(agenda))
        if agenda
        else _("No professional teams yet"),
        Mark.DONE if agenda and len(formed) == len(agenda) else Mark.STARTED if formed else Mark.OPEN,
        target,
    )
    return [Step(sessions_label, state, mark, target), agenda_step, teams_step]


def towns_worked_with(
    authorities: Mapping[str, Sequence[str]],
    selections: Iterable[tuple[int, SelectionProcess]],
    agreements: Iterable[tuple[int, Agreement]],
    forums: Iterable[tuple[int, Forum]],
) -> list[TownRecords]:
    """Every town with an agreement, a selection decision naming it or a forum held in it
    (`authorities`: uuid -> its names in every language, the Hebrew first)."""
    towns: dict[str, TownRecords] = {}

    def town(uuid: str) -> TownRecords:
        if uuid not in towns:
            names = authorities.get(uuid) or ["…"]
            towns[uuid] = TownRecords(uuid, names[0])
        return towns[uuid]

    for number, process in selections:
        if process.decided_on is not None:
            for uuid in process.chosen:
                town(uuid).selections.append((number, process))
    for number, agreement in agreements:
        party = agreement.draft.parties.authority_uuid
        if party:
            town(party).agreements.append((number, agreement))
    by_name = {name: uuid for uuid, names in authorities.items() for name in names if name}
    for number, forum in forums:
        place = by_name.get(forum.place_of.strip())
        if place:
            town(place).forums.append((number, forum))
    return sorted(towns.values(), key=lambda t: t.name)


# --- a regional cluster -------------------------------------------------------------------------


def cluster_journey(
    name: str, uuid: str, number: int | None, flags: ClusterFlags | None, today: date
) -> Journey:
    target = Target("flags", number) if number is not None else None
    if flags is None or not flags.items:
        steps = [
            Step(_("Mapping"), _("Nothing mapped yet"), Mark.NEXT, target),
            Step(_("Diagnosis against the four flags"), _("No diagnosis yet"), Mark.OPEN, target),
            Step(_("Plan by flags"), _("No plan actions yet"), Mark.OPEN, target),
        ]
        return Journey("cluster", name, Target("cluster", uuid=uuid), tuple(steps))
    focus = [i.name for i in flags.items if i.focus_service]
    flagship = [i.name for i in flags.items if i.flagship]
    mapped = _("{count} items mapped").format(count=len(flags.items))
    mapped += " · " + _("focus service: {name}").format(name=", ".join(focus) or "—")
    mapped += " · " + _("flagship programme: {name}").format(name=", ".join(flagship) or "—")
    steps = [Step(_("Mapping"), mapped, Mark.DONE if focus and flagship else Mark.STARTED, target)]
    diagnosed = sorted(flags.diagnoses, key=lambda d: d.held_on)
    if diagnosed:
        dates = ", ".join(format_date(end_date(d.held_on)) or d.held_on for d in diagnosed)
        state = _("{count} diagnoses: {dates}").format(count=len(diagnosed), dates=dates)
        undiagnosed = [
            i for i in flags.items if flags.latest(i.id) is None and (i.focus_service or i.flagship)
        ]
        mark = Mark.STARTED if undiagnosed else Mark.DONE
        steps.append(Step(_("Diagnosis against the four flags"), state, mark, target))
    else:
        steps.append(Step(_("Diagnosis against the four flags"), _("No diagnosis yet"), Mark.OPEN, target))
    actions = [action for plan in flags.plans for action in plan.actions]
    late = [a for a in actions if action_overdue(a, today)]
    ahead = sorted((ends, a) for a in actions if (ends := end_date(a.ends)) is not None and ends >= today)
    if not actions:
        steps.append(Step(_("Plan by flags"), _("No plan actions yet"), Mark.OPEN, target))
    else:
        state = _("{count} plan actions").format(count=len(actions))
        if late:
            state += " · " + _("{count} past their date").format(count=len(late))
        if ahead:
            state += " · " + _("next due {date}: {action}").format(
                date=format_date(ahead[0][0]), action=ahead[0][1].text
            )
        steps.append(Step(_("Plan by flags"), state, Mark.OVERDUE if late else Mark.STARTED, target))
    return Journey("cluster", name, Target("cluster", uuid=uuid), tuple(_first_open(steps)))


# --- a learning community ---------------------------------------------------------------------


def community_journey(number: int, community: Community, today: date) -> Journey:
    target = Target("communities", number)
    meetings = ordered(community.meetings)
    ahead = [m for m in meetings if m.last_day >= today]
    titles = {t.id: t.title for t in community.topics}
    if ahead:
        meeting = ahead[0]
        what = meeting.title or titles.get(meeting.topic, "")
        state = _("Next meeting: {date}").format(date=format_date(meeting.day))
        if what:
            state += f" – {what}"
        if meeting_plan_missing(meeting, today):
            state += " · " + _("its meeting plan is not written yet")
            mark = Mark.OVERDUE
        else:
            mark = Mark.NEXT
    elif meetings:
        state = _("No meeting ahead; the last was on {date}").format(date=format_date(meetings[-1].day))
        mark = Mark.DONE
    else:
        state, mark = _("No meetings in the yearly plan yet"), Mark.NEXT
    step = Step(_("Meetings"), state, mark, target)
    return Journey("community", community.name, target, (step,))


# --- the journey report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class JourneyReportData:
    """What the journey report of one town or cluster prints (texts in the document's language)."""

    journey: Journey
    is_demo: bool
    today: date
