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
    from desktop.storage.agreement_store import agreement_title, load_agreement
    from desktop.storage.community_store import load_community
    from desktop.storage.document_store import stored_ids
    from desktop.storage.forum_store import load_forum
    from desktop.storage.reference_store import choices
    from desktop.storage.tables import AgreementRecord, CommunityRecord, ForumRecord

    hosts = dict(choices(workspace, RecordKind.AUTHORITY))
    # (their ids only: each document is read once, below, not also for a list's counts)
    forums, communities = stored_ids(workspace, ForumRecord), stored_ids(workspace, CommunityRecord)
    agreements = stored_ids(workspace, AgreementRecord)
    total = len(forums) + len(communities) + len(agreements)
    done = itertools.count()
    events: list[Event] = []
    for forum_id in forums:
        step(progress, next(done), total)
        events += forum_events(forum_id, load_forum(workspace, forum_id))
    for community_id in communities:
        step(progress, next(done), total)
        events += community_events(community_id, load_community(workspace, community_id), hosts)
    for agreement_id in agreements:
        step(progress, next(done), total)
        agreement = load_agreement(workspace, agreement_id)
        events += agreement_events(agreement_id, agreement, agreement_title(workspace, agreement))
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
