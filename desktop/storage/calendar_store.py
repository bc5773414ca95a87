"""The workspace's meetings (desktop.models.calendar) and their export to an .ics file that
Outlook and Google Calendar open, written with the `icalendar` library."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.models.calendar import Event, agreement_events, community_events, forum_events
from desktop.models.records import RecordKind
from desktop.progress import Progress, step
from desktop.storage.workspace import Workspace

PRODUCT_ID = "-//Shutafut//Meetings calendar//HE"
TIME_ZONE = "Asia/Jerusalem"


def workspace_events(workspace: Workspace, progress: Progress | None = None) -> list[Event]:
    """Every meeting of the workspace's forums, communities and agreements, in time order
    (`progress`: a step a record, which is where Cancel stops it)."""
    from desktop.storage.agreement_store import agreement_title, list_agreements, load_agreement
    from desktop.storage.community_store import list_communities, load_community
    from desktop.storage.forum_store import list_forums, load_forum
    from desktop.storage.reference_store import choices

    hosts = dict(choices(workspace, RecordKind.AUTHORITY))
    forums, communities = list_forums(workspace), list_communities(workspace)
    agreements = list_agreements(workspace)
    total = len(forums) + len(communities) + len(agreements)
    done = itertools.count()
    events: list[Event] = []
    for forum in forums:
        step(progress, next(done), total)
        events += forum_events(forum.id, load_forum(workspace, forum.id))
    for community in communities:
        step(progress, next(done), total)
        events += community_events(community.id, load_community(workspace, community.id), hosts)
    for summary in agreements:
        step(progress, next(done), total)
        agreement = load_agreement(workspace, summary.id)
        events += agreement_events(summary.id, agreement, agreement_title(workspace, agreement))
    return sorted(events, key=lambda e: (e.start, e.title))


def export_ics(events: list[Event], path: Path, calendar_name: str) -> int:
    """Write `events` to `path` as iCalendar; returns how many were written."""
    from zoneinfo import ZoneInfo

    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    zone = ZoneInfo(TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name)
    stamp = datetime.now(UTC)
    for event in events:
        entry = IcsEvent()
        entry.add("uid", f"{event.uid}@shutafut")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        if event.place:
            entry.add("location", event.place)
        start = event.start_datetime()
        if start is not None and event.start == event.end:
            entry.add("dtstart", start.replace(tzinfo=zone))
            entry.add("dtend", (start + timedelta(minutes=event.minutes or 60)).replace(tzinfo=zone))
        else:  # whole days: the end is the day after the last (RFC 5545)
            entry.add("dtstart", event.start)
            entry.add("dtend", event.end + timedelta(days=1))
        calendar.add_component(entry)
    calendar.add_missing_timezones()  # the VTIMEZONE of Asia/Jerusalem, for Outlook
    path.write_bytes(calendar.to_ical())
    return len(events)
