"""Design forum documents: a session's agenda (participants' or facilitator's copy), the session
summary, and the shared agenda with its professional teams."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop import i18n
from desktop.i18n import _
from desktop.models.documents import ForumData
from desktop.models.enums import Sector
from desktop.models.forum import Participant, ranking_tally, sector_balance, tally, timed_blocks
from desktop.reports.bidi_text import isolate
from desktop.reports.document import DocumentBuilder, number_range


def build_agenda_pdf(
    source: ForumData, out: Path | None = None, language: str | None = None, *, facilitator: bool = False
) -> bytes:
    """The agenda of session `source.session`; the facilitator's copy adds notes and materials."""
    forum, session = source.forum, source.session
    with i18n.using_language(language) as language:
        data = forum.session(session)
        title = _("{forum} – session {number}: {title}").format(
            forum=isolate(forum.title), number=session, title=isolate(data.title)
        )
        document = DocumentBuilder(
            title, i18n.current_language(), author=_("Shutafut"), subject=_("Session agenda")
        )
        document.heading(title, 0)
        details = [
            _("Date: {date}").format(date=i18n.format_date(data.held_on)) if data.held_on else "",
            _("Place: {place}").format(place=data.place) if data.place else "",
        ]
        document.paragraph(" · ".join(d for d in details if d) or forum.place_of)
        if facilitator:
            document.notice(_("Facilitator's copy: with notes and materials."))
        document.heading(_("Goals of the session"))
        document.numbered(data.goals or ["—"])
        document.heading(_("Expected outputs"))
        document.numbered(data.outputs or ["—"])
        document.heading(_("Agenda"))
        timed, warnings = timed_blocks(data)
        header = [_("Time"), _("Block"), _("Method")]
        rows = [[number_range(t.starts, t.ends), t.block.title, t.block.method] for t in timed]
        widths = [18, 50, 32]
        if facilitator:
            header += [_("Facilitator notes"), _("Materials")]
            rows = [row + [t.block.notes, t.block.materials] for row, t in zip(rows, timed, strict=True)]
            widths = [14, 28, 18, 24, 16]
        document.table(header, rows, col_widths=widths)
        if facilitator and warnings:
            document.notice("\n".join(warnings))
        return document.build(out)


def build_facilitator_agenda_pdf(
    source: ForumData, out: Path | None = None, language: str | None = None
) -> bytes:
    return build_agenda_pdf(source, out, language, facilitator=True)


def build_summary_pdf(source: ForumData, out: Path | None = None, language: str | None = None) -> bytes:
    """The summary of session `source.session`: attendance, ideas, votes, decisions, outputs."""
    forum, session = source.forum, source.session
    with i18n.using_language(language) as language:
        data = forum.session(session)
        title = _("Summary of session {number}: {title}").format(number=session, title=isolate(data.title))
        document = DocumentBuilder(title, i18n.current_language(), author=_("Shutafut"), subject=forum.title)
        document.heading(title, 0)
        document.paragraph(forum.title)
        present = forum.attendance(session)
        document.heading(_("Attendance by sector"))
        document.paragraph(
            i18n.ngettext("{count} participant", "{count} participants", len(present)).format(
                count=len(present)
            )
        )
        document.table(
            [_("Sector"), _("Present"), _("Target")],
            [
                [line.label, i18n.format_number(line.count), i18n.format_number(line.target)]
                for line in sector_balance(present, forum.target_mix)
            ],
            col_widths=[50, 25, 25],
            numeric_columns=(1, 2),
        )
        document.heading(_("Ideas by cluster"))
        clusters = [c for c in forum.clusters if c.session == session]
        for cluster in clusters:
            document.heading(cluster.name, 2)
            document.bullets([idea.text for idea in forum.cluster_ideas(cluster.id)] or ["—"])
        loose = [i.text for i in forum.session_ideas(session) if i.cluster is None]
        if loose:
            document.heading(_("Not clustered"), 2)
            document.bullets(loose)
        document.heading(_("Votes"))
        lines = tally(forum, session)
        if lines and any(line.votes for line in lines):
            document.table(
                [_("Place"), _("Cluster"), _("Votes"), _("By sector")],
                [
                    [
                        str(line.place) + (" (" + _("tie") + ")" if line.tied else ""),
                        line.cluster.name,
                        i18n.format_number(line.votes),
                        ", ".join(
                            f"{Sector(s).label if s else '—'}: {n}" for s, n in sorted(line.by_sector.items())
                        ),
                    ]
                    for line in lines
                ],
                col_widths=[14, 36, 12, 38],
                numeric_columns=(0, 2),
            )
        else:
            document.paragraph(_("No votes were recorded in this session."))
        if forum.session_votes(session).rankings:
            document.heading(_("Ranking"))
            document.table(
                [_("Place"), _("Cluster"), _("Ranking points:").rstrip(":")],
                [
                    [
                        str(line.place) + (" (" + _("tie") + ")" if line.tied else ""),
                        line.cluster.name,
                        i18n.format_number(line.votes),
                    ]
                    for line in ranking_tally(forum, session)
                ],
                col_widths=[18, 57, 25],
                numeric_columns=(0, 2),
            )
        document.heading(_("Decisions"))
        document.paragraph(data.decisions or "—")
        document.heading(_("Outputs against the expected outputs"))
        document.numbered(data.outputs or ["—"])
        return document.build(out)


def build_shared_agenda_pdf(source: ForumData, out: Path | None = None, language: str | None = None) -> bytes:
    forum = source.forum
    with i18n.using_language(language) as language:
        title = _("Shared agenda: {forum}").format(forum=isolate(forum.title))
        document = DocumentBuilder(
            title, i18n.current_language(), author=_("Shutafut"), subject=_("Shared agenda")
        )
        document.heading(title, 0)
        names = {p.id: p for p in forum.participants}
        clusters = {c.id: c for c in forum.clusters}
        for number, area in enumerate(forum.agenda, start=1):
            document.heading(f"{number}. {area.title}")
            document.paragraph(_("The challenge: {text}").format(text=area.challenge or "—"))
            document.paragraph(_("Golden data to follow: {text}").format(text=area.golden_data or "—"))
            document.paragraph(_("Long-term goal: {text}").format(text=area.long_term_goal or "—"))
            sources = [clusters[c] for c in area.clusters if c in clusters]
            if sources:
                document.paragraph(
                    _("From the clusters: {names}").format(names=i18n.format_list([c.name for c in sources])),
                    document.styles.small,
                )
                # Each focus area traces back to the raw ideas behind it.
                document.bullets([idea.text for c in sources for idea in forum.cluster_ideas(c.id)] or ["—"])
            if area.team:
                document.heading(_("Professional team"), 2)
                document.table(
                    [_("Name"), _("Organisation"), _("Sector"), _("Role in the team")],
                    [
                        [
                            names[p].name,
                            names[p].organisation,
                            Sector(names[p].sector).label if names[p].sector else "",
                            _("Team lead") if p == area.lead else "",
                        ]
                        for p in area.team
                        if p in names
                    ],
                    col_widths=[30, 30, 22, 18],
                )
        if not forum.agenda:
            document.paragraph(_("No focus areas yet."))
        return document.build(out)


def _roster(source: ForumData) -> list[Participant]:
    """Who is expected: the roster without those who declined, by name."""
    people = [p for p in source.forum.participants if p.invitation != "declined"]
    return sorted(people, key=lambda p: p.name)


SIGN_IN_BLANK_ROWS = 8  # lines for those who come without registering
SIGN_IN_ROW_HEIGHT = 11  # mm: room to sign by hand


def _role(participant: Participant) -> str:
    """What the participant does there: the role typed, else their sector."""
    if participant.role:
        return participant.role
    return Sector(participant.sector).label if participant.sector else ""


def _sign_in_table(document: DocumentBuilder, header: list[str], rows: list[list[str]]) -> Any:
    """A ruled sign-in table: a writing line under every row, no boxes (a signature needs
    room, not a cell; an empty box is read by OCR as stray strokes), each person's number
    before their name in the same cell, and a darker line to sign on."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from desktop.reports.document import CELL_PADDING, GRID_COLOUR, HEADER_FILL, text_paragraph
    from desktop.reports.fonts import font_for

    shares = [31, 27, 17, 25]
    widths = [document.width * share / sum(shares) for share in shares]
    cells: list[list[Any]] = [
        [
            text_paragraph(text, document.styles.header_cell, widths[i] - 2 * CELL_PADDING)
            for i, text in enumerate(header)
        ]
    ]
    cells += [
        [
            text_paragraph(text, document.styles.cell, widths[i] - 2 * CELL_PADDING) if text else ""
            for i, text in enumerate(row)
        ]
        for row in rows
    ]
    sign = len(header) - 1
    if document.rtl:
        cells = [list(reversed(row)) for row in cells]
        widths.reverse()
        sign = 0
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font_for(False, False), 9.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 1), (-1, -1), "BOTTOM"),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
        ("LINEBELOW", (sign, 1), (sign, -1), 0.8, colors.black),
    ]
    table = Table(
        cells,
        colWidths=widths,
        rowHeights=[None] + [SIGN_IN_ROW_HEIGHT * mm] * len(rows),
        repeatRows=1,
        hAlign="RIGHT" if document.rtl else "LEFT",
    )
    table.setStyle(TableStyle(commands))
    return table


def build_sign_in_pdf(source: ForumData, out: Path | None = None, language: str | None = None) -> bytes:
    """The sign-in sheet of session `source.session`: every expected participant, numbered,
    with their organisation, role and a line to sign on, then lines for those who come
    without registering."""
    forum, session = source.forum, source.session
    with i18n.using_language(language) as language:
        data = forum.session(session)
        title = _("Sign-in sheet – session {number}: {title}").format(number=session, title=data.title)
        document = DocumentBuilder(title, i18n.current_language(), author=_("Shutafut"), subject=forum.title)
        document.heading(title, 0)
        details = [
            forum.title,
            _("Date: {date}").format(date=i18n.format_date(data.held_on)) if data.held_on else "",
            _("Place: {place}").format(place=data.place) if data.place else "",
        ]
        document.paragraph(" · ".join(part for part in details if part))
        header = [_("Name"), _("Organisation"), _("Role"), _("Signature")]
        people = _roster(source)
        if people:
            # The number first in the document's direction, whatever the name's script (the
            # mark steers the cell's direction; it is not drawn).
            mark = "\u200f" if document.rtl else "\u200e"
            rows = [
                [f"{mark}{number}. {p.name}", p.organisation, _role(p), ""]
                for number, p in enumerate(people, start=1)
            ]
            document.story.append(_sign_in_table(document, header, rows))
        else:
            document.paragraph(_("No participants on the roster yet."))
        document.heading(_("Came without registering"), 2)
        document.story.append(_sign_in_table(document, header, [["", "", "", ""]] * SIGN_IN_BLANK_ROWS))
        document.keep_together(2)
        return document.build(out)


TAG_COLUMNS, TAG_ROWS = 2, 5  # name tags per A4 page (cut along the lines)


def build_name_tags_pdf(source: ForumData, out: Path | None = None, language: str | None = None) -> bytes:
    """Name tags for the expected participants: the name large, the organisation below it."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from desktop.reports.document import GRID_COLOUR, PAGE_MARGIN, text_paragraph

    forum = source.forum
    with i18n.using_language(language) as language:
        title = _("Name tags: {forum}").format(forum=forum.title)
        document = DocumentBuilder(title, i18n.current_language(), author=_("Shutafut"), subject=forum.title)
        name_style = document.styles.title.clone("tag_name", fontSize=22, leading=27, alignment=1)
        detail_style = document.styles.body.clone("tag_detail", fontSize=12, leading=15, alignment=1)
        people = _roster(source)
        width = document.width / TAG_COLUMNS
        height = (297 * mm - 2 * PAGE_MARGIN - 12 * mm) / TAG_ROWS
        tags = [
            [
                text_paragraph(p.name, name_style, width - 12),
                text_paragraph(p.organisation or forum.title, detail_style, width - 12),
            ]
            for p in people
        ]
        if not tags:
            document.paragraph(_("No participants on the roster yet."))
        per_page = TAG_COLUMNS * TAG_ROWS
        for start in range(0, len(tags), per_page):
            page = tags[start : start + per_page]
            cells: list[list[Any]] = [
                list(page[row : row + TAG_COLUMNS]) for row in range(0, len(page), TAG_COLUMNS)
            ]
            cells[-1] += [""] * (TAG_COLUMNS - len(cells[-1]))  # an empty tag ends an odd page
            if document.rtl:
                cells = [list(reversed(row)) for row in cells]
            table = Table(cells, colWidths=[width] * TAG_COLUMNS, rowHeights=[height] * len(cells))
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ]
                )
            )
            if start:
                document.page_break()
            document.story.append(table)
        return document.build(out)
