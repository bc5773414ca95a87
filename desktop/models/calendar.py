"""Every meeting the workspace knows, for the calendar and its .ics export: design-forum
sessions, learning-community meetings (the two-day seminar over both days) and the governance
bodies' meetings the MOU sets up (001 l.590-625), placed month by month from the agreement's
start by each body's frequency. Pure: the caller gives the records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desktop.i18n import _
from desktop.models.agreement import Agreement
from desktop.models.community import Community
from desktop.models.forum import Forum
from desktop.models.journey import Target
from desktop.models.mou_governance import FrequencyKind, GovernanceBody
from desktop.models.mou_timeline import add_months, effective_end
from desktop.models.syllabus import ONLINE


@dataclass(frozen=True)
class Event:
    uid: str  # stable across exports, so a calendar updates instead of duplicating
    title: str
    start: date
    end: date  # inclusive last day
    kind: str  # "forum", "community", "governance"
    place: str = ""
    starts_at: time | None = None  # None: a whole-day (or planned-month) entry
    minutes: int = 0
    target: Target | None = None

    def start_datetime(self) -> datetime | None:
        return datetime.combine(self.start, self.starts_at) if self.starts_at is not None else None


def forum_events(number: int, forum: Forum) -> list[Event]:
    events = []
    for session in forum.sessions:
        if session.held_on is None:
            continue
        hours, minutes = (int(part) for part in (session.starts_at or "17:00").split(":"))
        events.append(
            Event(
                f"forum-{number}-session-{session.number}",
                _("{forum}: session {number}, {title}").format(
                    forum=forum.title, number=session.number, title=session.title
                ),
                session.held_on,
                session.held_on,
                "forum",
                session.place or forum.place_of,
                time(hours, minutes),
                session.length_minutes,
                Target("forums", number),
            )
        )
    return events


def community_events(number: int, community: Community, hosts: dict[str, str]) -> list[Event]:
    titles = {t.id: t.title for t in community.topics}
    events = []
    for meeting in community.meetings:
        what = meeting.title or titles.get(meeting.topic, "")
        title = community.name + (f": {what}" if what else "")
        if meeting.seminar:
            title += " – " + _("two-day seminar")
        place = _("Online") if meeting.format == ONLINE else hosts.get(meeting.host, "")
        events.append(
            Event(
                f"community-{number}-{meeting.id}",
                title,
                meeting.day,
                meeting.last_day,
                "community",
                place,
                meeting.start,
                sum(block.minutes for block in meeting.blocks),
                Target("communities", number),
            )
        )
    return events


def body_meeting_days(body: GovernanceBody, start: date, end: date) -> list[date]:
    """The months a body meets in, as the day of the month the agreement started, by the
    same rule as `mou_governance.meetings_between` (so the counts agree)."""
    if body.duration_months is not None:
        end = min(end, add_months(start, body.duration_months) - timedelta(days=1))
    frequency = body.frequency
    days: list[date] = []
    if frequency.kind is FrequencyKind.TIMES_PER_YEAR:
        year = 0
        while add_months(start, 12 * (year + 1)) - timedelta(days=1) <= end:
            days += [add_months(start, 12 * year + k * 12 // frequency.count) for k in range(frequency.count)]
            year += 1
        return days
    skipped = set(frequency.skipped_months)
    slots = []
    slot = 0
    while (day := add_months(start, slot)) <= end:
        if day.month not in skipped:
            slots.append(day)
        slot += 1
    return slots[:: frequency.count]


def agreement_events(number: int, agreement: Agreement, town: str) -> list[Event]:
    """The governance bodies' meetings of the signed MOU (or the draft, while none is signed)."""
    signed = [v for v in agreement.versions if v.is_signed]
    draft = signed[-1].draft if signed else agreement.draft
    start = draft.timeframe.start
    end = effective_end(draft.timeframe)
    if start is None or end is None:
        return []
    events = []
    for index, body in enumerate(draft.bodies):
        for day in body_meeting_days(body, start, end):
            events.append(
                Event(
                    f"agreement-{number}-body-{index}-{day.isoformat()}",
                    _("{town}: {body} (planned this month)").format(town=town, body=body.name),
                    day,
                    day,
                    "governance",
                    town,
                    target=Target("agreements", number),
                )
            )
    return events


def month_events(events: Iterable[Event], year: int, month: int) -> dict[date, list[Event]]:
    """The month's days with the events on them (a two-day seminar on both days)."""
    found: dict[date, list[Event]] = {}
    for event in sorted(events, key=lambda e: (e.start, e.starts_at or time(0), e.title)):
        day = event.start
        while day <= event.end:
            if (day.year, day.month) == (year, month):
                found.setdefault(day, []).append(event)
            day += timedelta(days=1)
    return found
