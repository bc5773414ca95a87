"""The yearly syllabus of a learning community (seed 004 l.1390-1460, l.1954-2030, l.2103):
about ten monthly meetings, each hosted by another member authority or online, one two-day
seminar, and the fixed three-part structure of every meeting with its plan page."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from desktop.i18n import N_, _, format_date
from desktop.models.validation import ValidationError

MEETINGS_PER_YEAR = 10
IN_PERSON, ONLINE = "in_person", "online"
FORMATS = {IN_PERSON: N_("In person"), ONLINE: N_("Online")}
WEEKDAYS = {6: N_("Sunday"), 0: N_("Monday"), 1: N_("Tuesday"), 2: N_("Wednesday"), 3: N_("Thursday")}

# The fixed structure (seed 004 l.1440): part A opening - the community axis; part B the
# professional content; part C the lab for outputs. BREAK is time between them.
PART_A, PART_B, PART_C, BREAK = "A", "B", "C", "break"
PARTS = {
    PART_A: N_("Part A: opening the day (community axis)"),
    PART_B: N_("Part B: professional content"),
    PART_C: N_("Part C: the lab for outputs"),
    BREAK: N_("Break"),
}


@dataclass
class Block:
    part: str
    title: str
    minutes: int
    notes: str = ""


def default_blocks(cycle_year: int = 1) -> list[Block]:
    """The seed's meeting day, 09:00-15:00, as blocks the leader edits."""
    lab = _("Ongoing work teams") if cycle_year >= 2 else _("Gathering insights at work tables")
    return [
        Block(PART_A, _("Gathering"), 30),
        Block(PART_A, _("Check-in, deepening acquaintance, current events"), 30),
        Block(PART_B, _("Shared-language unit: raising the topic, key concepts"), 45),
        Block(BREAK, _("Break"), 15),
        Block(PART_B, _("Peer learning: a case study, consultation, discussion in small groups"), 60),
        Block(BREAK, _("Lunch"), 45),
        Block(PART_B, _("Inspirational knowledge: a lecture, meeting or visit"), 45),
        Block(PART_C, lab, 60),
        Block(PART_A, _("Summing up the meeting"), 30),
    ]


@dataclass
class MeetingPlan:
    """The meeting plan page (דף תכנון מפגש): the "operation order" for everyone involved."""

    professional_goals: str = ""
    community_goals: str = ""
    desired_output: str = ""
    production: str = ""  # who is responsible for production (רכזת הפקה)
    knowledge: str = ""  # who leads the knowledge (מובילת ידע)
    partners: str = ""
    materials: str = ""


@dataclass
class Meeting:
    id: str
    day: date
    topic: str = ""  # a topic id of the questionnaire, or "" for a free title
    title: str = ""  # shown instead of the topic's title when given
    host: str = ""  # authority UUID; "" for online meetings
    format: str = IN_PERSON
    seminar: bool = False  # the two-day seminar with an overnight stay
    start: time = time(9, 0)
    blocks: list[Block] = field(default_factory=list)
    plan: MeetingPlan = field(default_factory=MeetingPlan)

    @property
    def last_day(self) -> date:
        return self.day + timedelta(days=1) if self.seminar else self.day

    def days(self) -> list[date]:
        return [self.day, self.last_day] if self.seminar else [self.day]

    def schedule(self) -> list[tuple[time, time, Block]]:
        """Each block with its start and end time, from the meeting's start."""
        rows = []
        clock = _minutes(self.start)
        for block in self.blocks:
            rows.append((_time(clock), _time(clock + block.minutes), block))
            clock += block.minutes
        return rows


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _time(minutes: int) -> time:
    minutes = min(minutes, 24 * 60 - 1)
    return time(minutes // 60, minutes % 60)


def new_meeting(day: date, **values: Any) -> Meeting:
    return Meeting(str(uuid.uuid4()), day, **values)


def ordered(meetings: Sequence[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.day, m.id))


def meeting_number(meetings: Sequence[Meeting], meeting: Meeting) -> int:
    return ordered(meetings).index(meeting) + 1


def meeting_title(meeting: Meeting, topic_titles: Mapping[str, str]) -> str:
    return meeting.title or topic_titles.get(meeting.topic, "")


# --- dates --------------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, week: int) -> date | None:
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))
    return day if day.month == month else None


def months_between(start: date, end: date) -> list[tuple[int, int]]:
    """(year, month) of every month from `start`'s to `end`'s, both included."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def monthly_dates(
    start: date,
    end: date,
    *,
    weekday: int,
    week: int = 3,
    count: int = MEETINGS_PER_YEAR,
    skip_august: bool = True,
    avoided: Callable[[date], str | None] | None = None,
) -> list[date]:
    """One date a month between `start` and `end`: the `week`-th `weekday` of the month.

    A date on an avoided day (a holiday) moves a week later, or earlier when a later one
    leaves the month; a month with no free such day is skipped. When the months hold more
    dates than `count`, the months are thinned evenly, keeping the first and the last.
    """
    if weekday not in WEEKDAYS:
        raise ValidationError("weekday", _("Meetings are held Sunday to Thursday."))
    if not 1 <= week <= 5:
        raise ValidationError("week", _("Choose a week of the month from 1 to 5."))
    candidates = []
    for year, month in months_between(start, end):
        if skip_august and month == 8:
            continue
        chosen = _free_day(year, month, weekday, week, start, end, avoided)
        if chosen is not None:
            candidates.append(chosen)
    return _thin(candidates, count)


def _free_day(
    year: int,
    month: int,
    weekday: int,
    week: int,
    start: date,
    end: date,
    avoided: Callable[[date], str | None] | None,
) -> date | None:
    preferred = _nth_weekday(year, month, weekday, week) or _nth_weekday(year, month, weekday, 4)
    options = [_nth_weekday(year, month, weekday, n) for n in range(1, 6)]
    days = [d for d in options if d is not None and start <= d <= end]
    assert preferred is not None
    days.sort(key=lambda d: (abs((d - preferred).days), d < preferred))
    return next((d for d in days if avoided is None or avoided(d) is None), None)


def _thin(days: list[date], count: int) -> list[date]:
    if count <= 0:
        return []
    if len(days) <= count:
        return days
    if count == 1:
        return days[:1]
    step = (len(days) - 1) / (count - 1)
    return [days[round(i * step)] for i in range(count)]


# --- hosts --------------------------------------------------------------------------------


def rotate_hosts(meetings: Sequence[Meeting], authorities: Sequence[str]) -> None:
    """Give each in-person meeting (in date order) the authority that hosted least so far,
    in the members' order; online meetings have no host."""
    if not authorities:
        return
    hosted: Counter[str] = Counter()
    for meeting in ordered(meetings):
        if meeting.format == ONLINE:
            meeting.host = ""
            continue
        host = min(authorities, key=lambda a: (hosted[a], authorities.index(a)))
        meeting.host = host
        hosted[host] += 1


def host_warnings(meetings: Sequence[Meeting], authorities: Sequence[str]) -> dict[str, str]:
    """meeting id -> warning, when its host hosts again while another member authority has
    not hosted yet (a fairness warning, not an error)."""
    warnings: dict[str, str] = {}
    hosted: Counter[str] = Counter()
    for meeting in ordered(meetings):
        if not meeting.host or meeting.format == ONLINE:
            continue
        if hosted[meeting.host] >= 1:
            waiting = [a for a in authorities if hosted[a] == 0 and a != meeting.host]
            if waiting:
                warnings[meeting.id] = _(
                    "This authority hosts again while {count} member authorities have not hosted yet."
                ).format(count=len(waiting))
        hosted[meeting.host] += 1
    return warnings


# --- validation ---------------------------------------------------------------------------


def outside_the_year(period: tuple[date, date]) -> str:
    return _("The date is outside the community's year ({start} - {end}).").format(
        start=format_date(period[0]), end=format_date(period[1])
    )


def meeting_problems(
    meetings: Sequence[Meeting],
    *,
    period: tuple[date, date],
    member_authorities: Sequence[str],
) -> dict[str, list[tuple[str, str]]]:
    """meeting id -> [(field, translated message)] for what must be fixed."""
    problems: dict[str, list[tuple[str, str]]] = {}
    taken: dict[date, Meeting] = {}
    seminars = [m for m in meetings if m.seminar]
    for meeting in ordered(meetings):
        found = problems.setdefault(meeting.id, [])
        if not (period[0] <= meeting.day and meeting.last_day <= period[1]):
            found.append(("day", outside_the_year(period)))
        for day in meeting.days():
            other = taken.get(day)
            if other is not None:
                found.append(("day", _("Another meeting is already on {day}.").format(day=format_date(day))))
                break
        for day in meeting.days():
            taken.setdefault(day, meeting)
        if meeting.format == IN_PERSON and meeting.host and meeting.host not in member_authorities:
            found.append(("host", _("No member of the community comes from this authority.")))
        if meeting.seminar and meeting.format == ONLINE:
            found.append(
                ("format", _("The two-day seminar includes an overnight stay; it is held in person."))
            )
        if meeting.seminar and len(seminars) > 1:
            found.append(("seminar", _("The year has one two-day seminar.")))
        if sum(b.minutes for b in meeting.blocks) > 12 * 60:
            found.append(("blocks", _("The meeting's blocks add up to more than 12 hours.")))
    return {key: value for key, value in problems.items() if value}


def check_block_minutes(value: int) -> int:
    if not 5 <= value <= 8 * 60:
        raise ValidationError("minutes", _("A block lasts from 5 minutes to 8 hours."))
    return value


# --- drafting the year ----------------------------------------------------------------------


def draft_year(
    topic_ids: Sequence[str],
    days: Sequence[date],
    authorities: Sequence[str],
    *,
    cycle_year: int = 1,
) -> list[Meeting]:
    """A whole year as a starting point: the topics spread over the meetings in rank order
    (each topic in consecutive meetings), the last meeting a summary and closing, the
    seminar in the middle of the year, formats alternating (the first, the last and the
    seminar in person) and hosts rotating among the members' authorities."""
    if not days:
        return []
    meetings = [new_meeting(day, blocks=default_blocks(cycle_year)) for day in days]
    content = meetings[:-1] if len(meetings) >= 4 else meetings
    if len(meetings) >= 4:
        meetings[-1].title = _("Summary and closing of the year")
    if topic_ids:
        for index, meeting in enumerate(content):
            meeting.topic = (
                topic_ids[index * len(topic_ids) // len(content)]
                if len(topic_ids) <= len(content)
                else topic_ids[index]
            )
    seminar = meetings[len(meetings) // 2] if len(meetings) >= 3 else None
    for index, meeting in enumerate(meetings):
        meeting.format = IN_PERSON if index % 2 == 0 else ONLINE
    meetings[0].format = meetings[-1].format = IN_PERSON
    if seminar is not None:
        seminar.seminar = True
        seminar.format = IN_PERSON
        if any(m.day == seminar.day + timedelta(days=1) for m in meetings):
            seminar.seminar = False
    rotate_hosts(meetings, authorities)
    return meetings


# --- JSON ---------------------------------------------------------------------------------


def meeting_to_dict(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "day": meeting.day.isoformat(),
        "topic": meeting.topic,
        "title": meeting.title,
        "host": meeting.host,
        "format": meeting.format,
        "seminar": meeting.seminar,
        "start": meeting.start.strftime("%H:%M"),
        "blocks": [vars(b).copy() for b in meeting.blocks],
        "plan": vars(meeting.plan).copy(),
    }


def meeting_from_dict(data: Mapping[str, Any]) -> Meeting:
    return Meeting(
        id=str(data["id"]),
        day=date.fromisoformat(data["day"]),
        topic=str(data.get("topic", "")),
        title=str(data.get("title", "")),
        host=str(data.get("host", "")),
        format=str(data.get("format", IN_PERSON)),
        seminar=bool(data.get("seminar", False)),
        start=time.fromisoformat(data.get("start", "09:00")),
        blocks=[Block(**b) for b in data.get("blocks", [])],
        plan=MeetingPlan(**data.get("plan", {})),
    )
