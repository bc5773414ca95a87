"""Learning community documents (seed 004): the yearly syllabus with its Gantt chart, a
meeting plan page and the work-teams overview.

The Gantt's months run right to left in Hebrew and Arabic (left to right in English), one
row per topic; each meeting is a numbered marker at its date: filled when held in person,
an outline when online, and a wider pill for the two-day seminar. The bundled fonts have no
ballot or check glyphs, so every mark in a table is a word.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop import i18n
from desktop.i18n import N_, _
from desktop.models.community import ADVISORY_KINDS, CYCLE_YEARS, Community
from desktop.models.documents import CommunityData, Names, choose_meeting
from desktop.models.hebrew_calendar import hebrew_date
from desktop.models.holidays import GROUPS, holidays_on
from desktop.models.syllabus import (
    FORMATS,
    IN_PERSON,
    ONLINE,
    PARTS,
    Meeting,
    meeting_title,
    months_between,
    ordered,
)
from desktop.models.work_teams import GOOD_OUTPUT_SIGNS, OUTPUT_TYPES, ROLES, STAGES, WorkTeam, stage_state
from desktop.reports.bidi_text import script_runs, shape_arabic, to_visual
from desktop.reports.document import (
    GRID_COLOUR,
    HEADER_COLOUR,
    STRIPE_COLOUR,
    DocumentBuilder,
    number_range,
)
from desktop.reports.fonts import font_for
from desktop.reports.measure import fitted, text_width

STATE_LABELS = {
    "done": N_("Done"),
    "overdue": N_("Overdue"),
    "due": N_("Due"),
    "open": N_("Open (no date)"),
}
OTHER_OUTPUT = OUTPUT_TYPES["other"]
MARKER_RADIUS = 6.5
ROW_HEIGHT = 19.0
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#555555")


def _own(text: str) -> str:
    """`text` (a name or other data) followed by a mark of the document's direction, so
    that what follows it in a composed line is not drawn into the name's own direction
    ("פיתוח כלכלי · 1/9/2022" in an English line). The marks steer the layout only; they
    are not drawn."""
    if not text:
        return text
    return text + ("\u200f" if i18n.is_rtl() else "\u200e")


# --- dates -----------------------------------------------------------------------------------


def hebrew_days(meeting: Meeting) -> str:
    """The meeting's Hebrew date; for the seminar both days ("כ״ב–כ״ג שבט תשפ״ג")."""
    first = hebrew_date(meeting.day)
    if not meeting.seminar:
        return first
    last = hebrew_date(meeting.last_day)
    first_day, *first_rest = first.split(" ")
    last_day, *last_rest = last.split(" ")
    if first_rest == last_rest:
        return f"{first_day}–{last_day} {' '.join(first_rest)}"
    return f"{first} – {last}"


def _weekday(day: date) -> str:
    from babel.dates import format_date

    return format_date(day, "EEE", locale=i18n.babel_locale())


def gregorian_days(meeting: Meeting) -> str:
    """The meeting's weekday and date in the active language; the seminar's two days."""
    text = f"{_weekday(meeting.day)} {i18n.format_date(meeting.day)}"
    if meeting.seminar:
        text += f" – {_weekday(meeting.last_day)} {i18n.format_date(meeting.last_day)}"
    return text


def kept_days(community: Community, meeting: Meeting) -> str:
    """The days the community's populations keep that the meeting falls on ("עיד אל-פיטר"),
    or "" (the groups are the community's choice, Community.holiday_groups)."""
    names = [name for day in meeting.days() for _group, name in holidays_on(day, community.holiday_groups)]
    return i18n.format_list(list(dict.fromkeys(names)))


def _clock(moment: time) -> str:
    from babel.dates import format_time

    return format_time(moment, "HH:mm", locale=i18n.babel_locale())


def _month_label(year: int, month: int) -> str:
    from babel.dates import get_month_names

    # The "format" context: Babel 2.18's stand-alone abbreviations for Arabic fall back to
    # whichever locale was used before (Hebrew month names in an Arabic document).
    return str(get_month_names("wide", "format", locale=i18n.babel_locale())[month])


# --- drawing helpers ---------------------------------------------------------------------------


CHART_TEXT = 10.0  # the size of a chart's words: smaller is hard to read on a photocopy


def _runs(text: str, rtl: bool, bold: bool) -> list[tuple[str, str]]:
    return [
        (font_for(arabic, bold), part) for arabic, part in script_runs(to_visual(shape_arabic(text), rtl))
    ]


def _label(
    drawing: Drawing,
    x: float,
    y: float,
    text: str,
    rtl: bool,
    *,
    size: float = CHART_TEXT,
    anchor: str = "start",
    bold: bool = False,
    colour: colors.Color = INK,
) -> None:
    """Draw `text` (logical order) so that it ends at x ("end"), starts at x ("start") or
    centres on x ("middle"), in the fonts of its scripts."""
    runs = _runs(text, rtl, bold)
    width = sum(stringWidth(part, font, size) for font, part in runs)
    left = {"end": x - width, "middle": x - width / 2}.get(anchor, x)
    for font, part in runs:
        drawing.add(String(left, y, part, fontName=font, fontSize=size, fillColor=colour))
        left += stringWidth(part, font, size)


def _marker(drawing: Drawing, x: float, y: float, number: int, meeting: Meeting, x_last: float) -> None:
    online = meeting.format == ONLINE
    fill = colors.white if online else HEADER_COLOUR
    ink = HEADER_COLOUR if online else colors.white
    if meeting.seminar:
        left, right = min(x, x_last), max(x, x_last)
        half = max((right - left) / 2 + MARKER_RADIUS, MARKER_RADIUS * 1.9)
        centre = (left + right) / 2
        drawing.add(
            Rect(
                centre - half,
                y - MARKER_RADIUS,
                2 * half,
                2 * MARKER_RADIUS,
                rx=MARKER_RADIUS,
                ry=MARKER_RADIUS,
                fillColor=fill,
                strokeColor=HEADER_COLOUR,
                strokeWidth=1.2,
            )
        )
        x = centre
    else:
        drawing.add(Circle(x, y, MARKER_RADIUS, fillColor=fill, strokeColor=HEADER_COLOUR, strokeWidth=1.2))
    drawing.add(
        String(
            x,
            y - 2.6,
            str(number),
            fontName=font_for(False, True),
            fontSize=7.5,
            fillColor=ink,
            textAnchor="middle",
        )
    )


def gantt_drawing(community: Community, width: float, rtl: bool) -> Drawing:
    """The year as a chart: months as columns (right to left in RTL), one row per topic."""
    meetings = ordered(community.meetings)
    titles = {t.id: t.title for t in community.topics}
    rows: list[str] = []
    for meeting in meetings:
        key = meeting.topic if meeting.topic in titles else ""
        if key not in rows:
            rows.append(key)
    rows += [t for t in community.selected_topics if t in titles and t not in rows]
    if "" in rows:  # the meetings without a topic come last
        rows.remove("")
        rows.append("")
    rows = rows or [""]
    start = min([community.period_start, *(m.day for m in meetings)])
    end = max([community.period_end, *(m.last_day for m in meetings)])
    months = months_between(start, end)
    labels_width = min(110.0, width * 0.22)
    column = (width - labels_width) / len(months)
    header, legend = 26.0, 22.0
    height = header + ROW_HEIGHT * len(rows) + legend
    drawing = Drawing(width, height)
    # Otherwise the renderer starts in Helvetica, listed in the PDF without being embedded.
    drawing.initialFontName = font_for(False, False)
    top = height - header
    # x of the start (RTL: right edge) of the months area, and the direction time runs.
    origin = width - labels_width if rtl else labels_width
    direction = -1.0 if rtl else 1.0
    month_index = {ym: index for index, ym in enumerate(months)}

    def x_of(day: date) -> float:
        days = calendar.monthrange(day.year, day.month)[1]
        offset = month_index[(day.year, day.month)] + (day.day - 0.5) / days
        return origin + direction * offset * column

    month_size = min(
        CHART_TEXT,
        CHART_TEXT
        * (column - 3)
        / max(text_width(_month_label(year, month), CHART_TEXT) for year, month in months),
    )
    for index, (year, month) in enumerate(months):
        left = origin + direction * index * column - (column if rtl else 0)
        if index % 2 == 0:
            drawing.add(
                Rect(left, legend, column, ROW_HEIGHT * len(rows), fillColor=STRIPE_COLOUR, strokeColor=None)
            )
        centre = left + column / 2
        _label(
            drawing,
            centre,
            top + 12,
            _month_label(year, month),
            rtl,
            size=month_size,
            anchor="middle",
        )
        _label(drawing, centre, top + 3, str(year), False, size=CHART_TEXT - 1, anchor="middle", colour=MUTED)
    for index in range(len(months) + 1):
        x = origin + direction * index * column
        drawing.add(Line(x, legend, x, top, strokeColor=GRID_COLOUR, strokeWidth=0.5))
    drawing.add(Line(0, top, width, top, strokeColor=GRID_COLOUR, strokeWidth=0.8))
    drawing.add(Line(0, legend, width, legend, strokeColor=GRID_COLOUR, strokeWidth=0.8))
    row_of = {key: index for index, key in enumerate(rows)}
    for key, index in row_of.items():
        y = top - (index + 0.5) * ROW_HEIGHT
        if index:
            drawing.add(
                Line(
                    0,
                    top - index * ROW_HEIGHT,
                    width,
                    top - index * ROW_HEIGHT,
                    strokeColor=GRID_COLOUR,
                    strokeWidth=0.3,
                )
            )
        text = fitted(titles[key] if key else _("Other meetings"), labels_width - 8, CHART_TEXT)
        if rtl:
            _label(drawing, width - 4, y - 3, text, rtl, anchor="end")
        else:
            _label(drawing, 4, y - 3, text, rtl)
    for number, meeting in enumerate(meetings, start=1):
        key = meeting.topic if meeting.topic in titles else ""
        y = top - (row_of[key] + 0.5) * ROW_HEIGHT
        _marker(drawing, x_of(meeting.day), y, number, meeting, x_of(meeting.last_day))
    _legend(drawing, width, rtl)
    return drawing


def _legend(drawing: Drawing, width: float, rtl: bool) -> None:
    y = 8.0
    x = width - 4 if rtl else 4.0
    items = (
        (False, False, _(FORMATS[IN_PERSON])),
        (True, False, _(FORMATS[ONLINE])),
        (False, True, _("Two-day seminar")),
    )
    for online, seminar, text in items:
        size = 2 * MARKER_RADIUS * (1.9 if seminar else 1.0)
        left = x - size if rtl else x
        fill = colors.white if online else HEADER_COLOUR
        if seminar:
            drawing.add(
                Rect(
                    left,
                    y - 4.5,
                    size,
                    9,
                    rx=4.5,
                    ry=4.5,
                    fillColor=fill,
                    strokeColor=HEADER_COLOUR,
                    strokeWidth=1.2,
                )
            )
        else:
            drawing.add(
                Circle(left + size / 2, y, 4.5, fillColor=fill, strokeColor=HEADER_COLOUR, strokeWidth=1.2)
            )
        text_x = left - 4 if rtl else left + size + 4
        _label(drawing, text_x, y - 3, text, rtl, anchor="end" if rtl else "start")
        step = size + 4 + text_width(text, CHART_TEXT) + 16
        x = x - step if rtl else x + step


# --- the yearly syllabus ------------------------------------------------------------------------


def build_syllabus_pdf(source: CommunityData, out: Path | None = None, language: str | None = None) -> bytes:
    community, names = source.community, source.names
    with i18n.using_language(language):
        return syllabus_pdf(community, names, out)


def _intro(document: DocumentBuilder, community: Community, names: Names) -> None:
    if names.demo:
        document.notice(_("Demo workspace: the people and organisations in it are fictional examples."))
    period = number_range(i18n.format_date(community.period_start), i18n.format_date(community.period_end))
    cycle = _(CYCLE_YEARS[community.cycle_year]) if community.cycle_year in CYCLE_YEARS else ""
    facts = [_own(community.profession), period, cycle]
    document.paragraph(" · ".join(fact for fact in facts if fact))
    groups = [_(GROUPS[group]) for group in community.holiday_groups if group in GROUPS]
    if groups:
        document.paragraph(
            _("Dates avoid the days kept by: {groups}").format(groups=i18n.format_list(groups)),
            document.styles.small,
        )


def syllabus_pdf(community: Community, names: Names, out: Path | None = None) -> bytes:
    """The yearly syllabus in the active language."""
    language = i18n.current_language()
    title = _("Yearly syllabus: {community}").format(community=community.name)
    document = DocumentBuilder(
        title, language, author=_("Shutafut"), subject=_("Learning community syllabus")
    )
    document.heading(title, 0)
    _intro(document, community, names)
    people = []
    if community.leader:
        people.append(_("Community leader: {name}").format(name=_own(names.person(community.leader))))
    if community.partner:
        people.append(_("Professional partner: {name}").format(name=_own(names.person(community.partner))))
    if people:
        document.paragraph(" · ".join(people))
    authorities = [_own(names.authority(a)) for a in community.member_authorities()]
    document.paragraph(
        i18n.ngettext(
            "{count} member from {authorities}", "{count} members from {authorities}", len(community.members)
        ).format(count=len(community.members), authorities=i18n.format_list(authorities) or "—")
    )
    document.heading(_("Meetings of the year"))
    meetings = ordered(community.meetings)
    if not meetings:
        document.paragraph(_("No meetings planned yet."))
        return document.build(out)
    titles = {t.id: t.title for t in community.topics}
    rows = []
    for number, meeting in enumerate(meetings, start=1):
        kept = kept_days(community, meeting)
        notes = [
            _("Two-day seminar") if meeting.seminar else "",
            _("Falls on: {days}").format(days=kept) if kept else "",
        ]
        rows.append(
            [
                str(number),
                gregorian_days(meeting),
                hebrew_days(meeting),
                meeting_title(meeting, titles) or "—",
                _(FORMATS[ONLINE]) if meeting.format == ONLINE else names.authority(meeting.host),
                _(FORMATS.get(meeting.format, FORMATS[IN_PERSON])),
                "; ".join(note for note in notes if note),
            ]
        )
    document.table(
        [_("No."), _("Date"), _("Hebrew date"), _("Topic"), _("Host"), _("Format"), _("Notes")],
        rows,
        col_widths=[5, 18, 16, 24, 13, 9, 15],
        numeric_columns=(0,),
    )
    document.heading(_("Yearly Gantt chart"))
    # The heading, chart and caption kept in one KeepTogether: a KeepTogether nested in
    # another always asks for a new page (reportlab), which left page 1 half empty.
    document.chart(
        gantt_drawing(community, document.width, document.rtl),
        _("The year's meetings by month, numbered as in the table; the key is under the chart."),
        with_previous=True,
    )
    _advisory_committee(document, community, names)
    return document.build(out)


def _advisory_committee(document: DocumentBuilder, community: Community, names: Names) -> None:
    """Who sits on the advisory committee (members and guests) and its meetings of the year
    with their agendas (seed 004 l.1339-1378)."""
    if not community.advisory_size() and not community.advisory_meetings:
        return
    document.heading(_("The advisory committee"))
    people = [
        [
            names.person(member.person),
            _("Community member"),
            " · ".join(
                part for part in (member.role, names.authority(member.authority)) if part and part != "—"
            ),
        ]
        for member in community.advisory_members()
    ]
    people += [
        [
            names.person(guest.person),
            _(ADVISORY_KINDS.get(guest.kind, ADVISORY_KINDS["partner"])),
            guest.organisation,
        ]
        for guest in community.advisory_guests
    ]
    if people:
        document.table(
            [_("Name"), _("On the committee as"), _("Role and whom they represent")],
            people,
            col_widths=[28, 24, 48],
        )
    if community.advisory_meetings:
        document.spacer(3 * mm)
        document.table(
            [_("Date"), _("Meeting"), _("Agenda"), _("Notes")],
            [
                [
                    i18n.format_date(meeting.day),
                    _("Ad hoc") if meeting.ad_hoc else _("Regular"),
                    "; ".join(meeting.agenda) or "—",
                    meeting.notes or "—",
                ]
                for meeting in community.advisory_meetings
            ],
            col_widths=[14, 12, 44, 30],
        )
    for warning in community.advisory_warnings():
        document.paragraph(warning, document.styles.small)


# --- the meeting plan page ----------------------------------------------------------------------


def build_meeting_plan_pdf(
    source: CommunityData, out: Path | None = None, language: str | None = None
) -> bytes:
    """The plan page of meeting `source.meeting` (number `source.meeting_number` in date order)."""
    community, names, number, chosen = source.community, source.names, source.meeting_number, source.meeting
    if chosen is None:
        number, chosen = choose_meeting(community.meetings, None, source.today)
    with i18n.using_language(language):
        return meeting_plan_pdf(community, number, chosen, names, out)


_BRACKETED = re.compile(r"\([^()]*\)")


def _unbroken_brackets(text: str) -> str:
    """Keep each "(...)" on one line: a bracket pair split over two lines would be laid out
    line by line and lose its mirroring in right-to-left text."""
    return _BRACKETED.sub(lambda match: match.group().replace(" ", "\u00a0"), text)


def _text_block(document: DocumentBuilder, heading: str, text: str) -> None:
    """A small heading over the lines of `text`, kept together; several lines as bullets."""
    document.heading(heading, 2)
    lines = [line.strip() for line in text.splitlines() if line.strip()] or ["—"]
    for line in lines:
        document.paragraph(f"• {line}" if len(lines) > 1 else line)
    document.keep_together(len(lines) + 1)


def meeting_plan_pdf(
    community: Community, number: int, meeting: Meeting, names: Names, out: Path | None = None
) -> bytes:
    language = i18n.current_language()
    titles = {t.id: t.title for t in community.topics}
    subject = meeting_title(meeting, titles)
    title = _("Meeting plan: {community}, meeting {number}").format(community=community.name, number=number)
    document = DocumentBuilder(title, language, author=_("Shutafut"), subject=_("Meeting plan"))
    document.heading(
        _("Meeting {number}: {title}").format(number=number, title=subject)
        if subject
        else _("Meeting {number}").format(number=number),
        0,
    )
    document.paragraph(_("Meeting plan – {community}").format(community=community.name))
    if names.demo:
        document.notice(_("Demo workspace: the people and organisations in it are fictional examples."))
    place = _(FORMATS[ONLINE]) if meeting.format == ONLINE else _own(names.authority(meeting.host))
    topic = titles.get(meeting.topic, "")
    document.paragraph(
        " · ".join(
            part
            for part in (
                _("Topic: {topic}").format(topic=_own(topic)) if topic and topic != subject else "",
                _("Date: {date}").format(date=f"{gregorian_days(meeting)} ({hebrew_days(meeting)})"),
                _("Place: {place}").format(place=place),
                _(FORMATS.get(meeting.format, FORMATS[IN_PERSON])),
                _("Two-day seminar") if meeting.seminar else "",
            )
            if part
        )
    )
    kept = kept_days(community, meeting)
    if kept:
        document.notice(_("The meeting falls on a day some members keep: {days}").format(days=kept))
    plan = meeting.plan
    _text_block(document, _("The meeting's professional goals"), plan.professional_goals)
    _text_block(document, _("The meeting's community goals"), plan.community_goals)
    _text_block(document, _("Desired output of the meeting"), plan.desired_output)
    document.heading(_("Schedule"))
    schedule = meeting.schedule()
    if schedule:
        document.table(
            [_("Time"), _("Part"), _("Block"), _("Notes")],
            [
                [
                    number_range(_clock(start), _clock(end)),
                    _unbroken_brackets(_(PARTS[block.part]) if block.part in PARTS else ""),
                    _unbroken_brackets(block.title),
                    _unbroken_brackets(block.notes),
                ]
                for start, end, block in schedule
            ],
            col_widths=[14, 25, 35, 26],
        )
        document.paragraph(
            _("Estimated end: {time}").format(time=_clock(schedule[-1][1])), document.styles.small
        )
    else:
        document.paragraph(_("No blocks planned yet."))
    document.heading(_("Who is responsible, and materials"), 2)
    materials = "; ".join(line.strip().rstrip(".;") for line in plan.materials.splitlines() if line.strip())
    document.table(
        [_("Responsible for production"), _("Knowledge lead"), _("Partners"), _("Materials")],
        [[plan.production or "—", plan.knowledge or "—", plan.partners or "—", materials or "—"]],
        col_widths=[20, 20, 24, 36],
    )
    document.keep_together(2)
    return document.build(out)


# --- the work teams -------------------------------------------------------------------------------


def build_work_teams_pdf(
    source: CommunityData, out: Path | None = None, language: str | None = None
) -> bytes:
    community, names, today = source.community, source.names, source.today or date.today()
    with i18n.using_language(language):
        return work_teams_pdf(community, names, out, today)


def _state_cell(team: WorkTeam, index: int, today: date) -> str:
    stage = team.stages[index]
    label = _(STATE_LABELS[stage_state(stage, today)])
    if stage.due is not None and not stage.done:
        return f"{label} {i18n.format_date(stage.due)}"
    return label


def work_teams_pdf(community: Community, names: Names, out: Path | None, today: date) -> bytes:
    language = i18n.current_language()
    title = _("Work teams: {community}").format(community=community.name)
    document = DocumentBuilder(title, language, author=_("Shutafut"), subject=_("Work teams overview"))
    document.heading(title, 0)
    if names.demo:
        document.notice(_("Demo workspace: the people and organisations in it are fictional examples."))
    if community.finish_line:
        document.paragraph(
            _("Finish line, the products conference: {date}").format(
                date=f"{i18n.format_date(community.finish_line)} ({hebrew_date(community.finish_line)})"
            )
        )
    else:
        document.paragraph(_("No finish line set yet."))
    document.paragraph(_("State as of {date}.").format(date=i18n.format_date(today)), document.styles.small)
    teams = community.teams
    if not teams:
        document.paragraph(_("No work teams yet."))
        return document.build(out)
    document.heading(_("Progress by stage"))
    document.numbered([_(stage) for stage in STAGES])
    document.table(
        [_("Team"), *[str(n) for n in range(1, len(STAGES) + 1)], _("Progress")],
        [
            [
                team.name,
                *[_state_cell(team, i, today) for i in range(len(STAGES))],
                i18n.format_percent(team.progress()),
            ]
            for team in teams
        ],
        col_widths=[16, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 9],
        numeric_columns=(7,),
    )
    for team in teams:
        document.heading(team.name)
        members = [_own(names.person(p)) for p in team.members]
        facts = [
            _("Topic: {topic}").format(topic=team.topic or "—"),
            _("Output: {type}").format(type=_(OUTPUT_TYPES.get(team.output_type, OTHER_OUTPUT))),
            _("Target audience: {audience}").format(audience=team.audience or "—"),
            _("How it will be used and spread: {use}").format(use=team.use or "—"),
            _("Budget: {amount}").format(amount=i18n.format_shekels(team.budget)),
        ]
        if team.accompanier:
            facts.append(_("Accompanied by: {name}").format(name=names.person(team.accompanier)))
        for fact in facts:  # one a line: a topic or an audience runs long
            document.paragraph(fact)
        document.paragraph(
            i18n.ngettext("{count} member: {names}", "{count} members: {names}", len(members)).format(
                count=len(members), names=i18n.format_list(members) or "—"
            )
        )
        document.table(
            [_("Role"), _("Who")],
            [[_(label), names.person(team.roles.get(role, ""))] for role, label in ROLES.items()],
            col_widths=[40, 60],
        )
        document.spacer(3 * mm)
        document.table(
            [_("No."), _("Stage"), _("Due date"), _("State")],
            [
                [
                    str(index),
                    _(stage_label),
                    i18n.format_date(stage.due) if stage.due else "—",
                    _(STATE_LABELS[stage_state(stage, today)]),
                ]
                for index, (stage_label, stage) in enumerate(zip(STAGES, team.stages, strict=True), start=1)
            ],
            col_widths=[7, 55, 18, 20],
            numeric_columns=(0,),
        )
        document.spacer(3 * mm)
        document.table(
            [_("Signs of a good output"), _("Met?")],
            [
                [_(sign), _("Met") if key in team.signs else _("Not yet")]
                for key, sign in GOOD_OUTPUT_SIGNS.items()
            ],
            col_widths=[82, 18],
        )
    return document.build(out)
