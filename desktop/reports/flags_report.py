"""Flags documents: the diagnosis report of one item (with its radar chart and plans) and the
cluster's work plan."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors

from desktop import i18n
from desktop.i18n import N_, _
from desktop.models.documents import FlagsData
from desktop.models.flags import (
    ITEM_KINDS,
    LEVEL_MAX,
    MECHANISMS,
    QUESTIONS,
    SERVICE_LEVELS,
    ClusterFlags,
    Diagnosis,
    Flag,
    axis_angles,
    level_descriptions,
    participation,
    rubric_version,
    workplan,
)
from desktop.reports.document import DocumentBuilder, number_range, text_date
from desktop.reports.fonts import font_for
from desktop.reports.measure import text_width, wrap
from desktop.reports.selection_report import _text

LATEST = colors.Color(31 / 255, 95 / 255, 139 / 255, alpha=0.45)
EARLIER = colors.Color(242 / 255, 177 / 255, 52 / 255, alpha=0.40)


def radar_drawing(
    latest: dict[Flag, int | None],
    earlier: dict[Flag, int | None] | None,
    width: float,
    rtl: bool,
    legend: tuple[str, str] = ("", ""),
) -> Drawing:
    """The same radar as on screen: four axes from the top, counter-clockwise in RTL; the
    levels marked along the first axis (the scale) and a legend of which shape is which."""
    height = 250.0
    drawing = Drawing(width, height)
    # Otherwise the renderer starts in Helvetica, listed in the PDF without being embedded.
    drawing.initialFontName = font_for(False, False)
    cx, cy, radius = width / 2, height / 2 + 10, 80.0
    for level in range(1, LEVEL_MAX + 1):
        drawing.add(
            String(
                cx + 3,
                cy + radius * level / LEVEL_MAX + 2,
                str(level),
                fontName=font_for(False, False),
                fontSize=8,
            )
        )
    x = width if rtl else 0.0
    for text, colour in zip(legend, (LATEST, EARLIER), strict=True):
        if not text:
            continue
        swatch = x - 10 if rtl else x
        drawing.add(Rect(swatch, 2, 9, 9, fillColor=colour, strokeColor=None))
        _text(drawing, x - 13 if rtl else x + 13, 3, text, rtl, anchor_end=rtl)
        step = text_width(text, 9) + 30
        x = x - step if rtl else x + step
    # PDF y grows upwards: mirror the screen's angles vertically.
    angles = [-a for a in axis_angles(rtl)]
    for level in range(1, LEVEL_MAX + 1):
        r = radius * level / LEVEL_MAX
        points = [coordinate for a in angles for coordinate in (cx + r * math.cos(a), cy + r * math.sin(a))]
        drawing.add(Polygon(points, fillColor=None, strokeColor=colors.HexColor("#b8c4ce")))
    for flag, angle in zip(Flag, angles, strict=True):
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        drawing.add(Line(cx, cy, x, y, strokeColor=colors.HexColor("#b8c4ce")))
        _axis_label(drawing, flag.label, x, y, angle, cx - radius - 8, rtl)
    for levels, colour in ((earlier or {}, EARLIER), (latest, LATEST)):
        if any(levels.get(flag) for flag in Flag):
            points = [
                coordinate
                for flag, a in zip(Flag, angles, strict=True)
                for coordinate in (
                    cx + (levels.get(flag) or 0) / LEVEL_MAX * radius * math.cos(a),
                    cy + (levels.get(flag) or 0) / LEVEL_MAX * radius * math.sin(a),
                )
            ]
            drawing.add(Polygon(points, fillColor=colour, strokeColor=colour))
    return drawing


LABEL_SIZE = 9.0
LABEL_LEADING = 10.0


def _axis_label(
    drawing: Drawing, label: str, x: float, y: float, angle: float, room: float, rtl: bool
) -> None:
    """An axis's name beside its end (`x`, `y`): on the side axes in lines no wider than
    `room` (the space between the chart and the drawing's edge), centred above or below the
    others."""
    beside, above, below = abs(math.cos(angle)) > 0.3, math.sin(angle) > 0.3, math.sin(angle) < -0.3
    anchor_end = math.cos(angle) < -0.3
    lines = wrap(label, room if beside else drawing.width, LABEL_SIZE)
    if above:
        first = y + 12 + LABEL_LEADING * (len(lines) - 1)  # (above the scale's top number)
    elif below:
        first = y - 16
    else:
        first = y - 3 + LABEL_LEADING * (len(lines) - 1) / 2
    for number, line in enumerate(lines):
        lx = x + (8 if math.cos(angle) > 0.3 else -8 if anchor_end else -text_width(line, LABEL_SIZE) / 2)
        _text(drawing, lx, first - LABEL_LEADING * number, line, rtl, anchor_end=anchor_end, size=LABEL_SIZE)


def build_diagnosis_pdf(source: FlagsData, out: Path | None = None, language: str | None = None) -> bytes:
    """The report of diagnosis `source.diagnosis`: levels, radar, participation, plans."""
    if source.diagnosis is None:
        raise ValueError("a flags diagnosis document needs its diagnosis")
    with i18n.using_language(language) as language:
        return _diagnosis(source.flags, source.diagnosis, list(source.members), out)


def _diagnosis(flags: ClusterFlags, diagnosis: Diagnosis, members: list[str], out: Path | None) -> bytes:
    language = i18n.current_language()
    rtl = i18n.is_rtl(language)
    item = flags.item(diagnosis.item)
    title = _("Flags diagnosis: {item}").format(item=item.name)
    document = DocumentBuilder(
        title,
        language,
        author=_("Shutafut"),
        subject=_("Flags diagnosis"),
        watermark="" if diagnosis.final else _("draft"),
    )
    document.heading(title, 0)
    share = participation(item, members)
    document.paragraph(
        " · ".join(
            (
                _(ITEM_KINDS[item.kind]),
                _(SERVICE_LEVELS[item.service_level]),
                _(MECHANISMS[item.mechanism]),
                _("{count} of {members} authorities take part").format(
                    count=share.count, members=share.members
                ),
                i18n.format_date(date.fromisoformat(diagnosis.held_on)),
            )
        )
    )
    history = flags.item_diagnoses(item.id)
    index = history.index(diagnosis)
    earlier = history[index - 1] if index > 0 else None
    this_one = _("This diagnosis ({date})").format(
        date=i18n.format_date(date.fromisoformat(diagnosis.held_on))
    )
    before = (
        _("Earlier diagnosis ({date})").format(date=i18n.format_date(date.fromisoformat(earlier.held_on)))
        if earlier is not None
        else ""
    )
    document.chart(
        radar_drawing(
            diagnosis.levels(), earlier.levels() if earlier else None, document.width, rtl, (this_one, before)
        ),
        _("The agreed level of each flag, from 1 (centre) to {top} (edge).").format(top=LEVEL_MAX),
    )
    document.heading(_("Levels by flag"))
    rows = []
    for flag in Flag:
        assessment = diagnosis.flags[flag.value]
        level = assessment.agreed
        description = level_descriptions(flag, language)[level - 1] if level else "—"
        baseline = assessment.baseline
        measured = (
            f"{i18n.format_number(baseline.value)} {baseline.unit} "
            f"({i18n.format_date(date.fromisoformat(baseline.on))})"
            if baseline.value is not None and baseline.on
            else "—"
        )
        rows.append([flag.label, str(level or "—"), description, measured])
    document.table(
        [_("Flag"), _("Level"), _("What the level means"), _("Baseline")],
        rows,
        col_widths=[22, 8, 45, 25],
        numeric_columns=(1,),
    )
    document.paragraph(_("Rubric version {version}.").format(version=diagnosis.rubric), document.styles.small)
    for flag in Flag:
        assessment = diagnosis.flags[flag.value]
        if not (assessment.evidence or assessment.links or assessment.justification or assessment.scores):
            continue
        document.heading(flag.label, 2)
        if assessment.scores:
            document.paragraph(
                _("Partners' scores: {scores}").format(
                    scores=", ".join(f"{partner}: {level}" for partner, level in assessment.scores.items())
                )
            )
        for label, text in (
            (_("Justification"), assessment.justification),
            (_("Evidence"), assessment.evidence),
            (_("Links to strengthen"), assessment.links),
        ):
            if text:
                document.paragraph(f"{label}: {text}")
    answers = [(question, diagnosis.answers.get(key, "")) for key, question in QUESTIONS[item.kind]]
    if any(text for _q, text in answers):
        document.heading(_("Answers"))
        for question, text in answers:
            if text:
                document.heading(_(question), 2)
                document.paragraph(text)
    plans = [p for p in flags.plans if p.item == item.id]
    if plans:
        document.heading(_("Plan by flags"))
        for plan in plans:
            document.heading(Flag(plan.flag).label, 2)
            if plan.outcome:
                document.paragraph(_("Desired outcome: {text}").format(text=plan.outcome))
            if plan.goals:
                document.table(
                    [_("Goal"), _("Baseline"), _("Latest"), _("Target"), _("By")],
                    [
                        [
                            g.text,
                            _amount(g.baseline.value, g.unit),
                            _amount(g.latest, g.unit),
                            _amount(g.target, g.unit),
                            text_date(g.by) if g.by else "—",
                        ]
                        for g in plan.goals
                    ],
                    col_widths=[34, 17, 17, 17, 15],
                )
            if plan.actions:
                document.table(
                    [_("Action"), _("Quantity"), _("Frequency"), _("Owner"), _("When")],
                    [
                        [a.text, a.quantity, a.frequency, a.owner, _when(a.starts, a.ends)]
                        for a in plan.actions
                    ],
                    col_widths=[34, 12, 14, 18, 22],
                )
    return document.build(out)


def _amount(value: float | None, unit: str) -> str:
    """A value with its unit; "%" is written onto its number ("42.7%"), as everywhere."""
    if value is None:
        return "—"
    number = i18n.format_number(value)
    if unit.strip() == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()


# The heat map's colours, from level 1 (far from the flag) to 4 (there), light enough for
# black text; the same key is printed under the map.
HEAT_COLOURS = {
    1: colors.HexColor("#f4b6a6"),
    2: colors.HexColor("#f7dc9b"),
    3: colors.HexColor("#cfe6a8"),
    4: colors.HexColor("#9fd3a2"),
}


def _heat_map(document: DocumentBuilder, flags: ClusterFlags) -> None:
    rows = flags.heat_map()
    document.table(
        [_("Item"), *[flag.label for flag in Flag]],
        [[item.name, *[str(levels.get(flag) or "—") for flag in Flag]] for item, levels in rows],
        col_widths=[28, 18, 18, 18, 18],
        numeric_columns=(1, 2, 3, 4),
        backgrounds={
            (row, column): HEAT_COLOURS[level]
            for row, (_item, levels) in enumerate(rows, start=1)
            for column, flag in enumerate(Flag, start=1)
            if (level := levels.get(flag)) in HEAT_COLOURS
        },
    )
    document.table(
        [_("Key"), *[_("Level {level}").format(level=level) for level in HEAT_COLOURS]],
        [[_("Colour"), "", "", "", ""], [_("Meaning"), *[_(HEAT_MEANINGS[level]) for level in HEAT_COLOURS]]],
        col_widths=[28, 18, 18, 18, 18],
        backgrounds={(1, column): HEAT_COLOURS[level] for column, level in enumerate(HEAT_COLOURS, start=1)},
    )


HEAT_MEANINGS = {
    1: N_("Far from the flag"),
    2: N_("First steps"),
    3: N_("Well on the way"),
    4: N_("The flag is met"),
}


def build_workplan_pdf(source: FlagsData, out: Path | None = None, language: str | None = None) -> bytes:
    """The cluster's work plan: actions, measured goals, heat map."""
    flags = source.flags
    with i18n.using_language(language) as language:
        title = _("Work plan by flags: {cluster}").format(cluster=source.cluster_name)
        document = DocumentBuilder(
            title, i18n.current_language(), author=_("Shutafut"), subject=_("Cluster work plan")
        )
        document.heading(title, 0)
        lines = workplan(flags.plans, {i.id: i for i in flags.items})
        if lines:
            document.table(
                [_("Item"), _("Flag"), _("Action"), _("Owner"), _("From"), _("To")],
                [
                    [
                        line.item,
                        line.flag.label,
                        line.action.text,
                        line.action.owner,
                        text_date(line.action.starts) or "—",
                        text_date(line.action.ends) or "—",
                    ]
                    for line in lines
                ],
                col_widths=[18, 18, 28, 14, 11, 11],
            )
        else:
            document.paragraph(_("No actions planned yet."))
        goals = [
            (flags.item(plan.item).name, Flag(plan.flag), goal)
            for plan in flags.plans
            for goal in plan.goals
            if plan.item in {i.id for i in flags.items}
        ]
        if goals:
            document.heading(_("Measured goals: baseline and latest value"))
            document.table(
                [_("Item"), _("Flag"), _("Goal"), _("Baseline"), _("Latest"), _("Target")],
                [
                    [
                        name,
                        flag.label,
                        goal.text,
                        _amount(goal.baseline.value, goal.unit),
                        _amount(goal.latest, goal.unit),
                        _amount(goal.target, goal.unit),
                    ]
                    for name, flag, goal in goals
                ],
                col_widths=[18, 18, 22, 14, 14, 14],
            )
        document.heading(_("Heat map: the latest agreed level of every item"))
        _heat_map(document, flags)
        return document.build(out)


def build_scoring_sheet_pdf(source: FlagsData, out: Path | None = None, language: str | None = None) -> bytes:
    """A blank sheet for a paper workshop: each flag's levels to tick (the empty cell is the
    box; the bundled fonts have no ballot-box glyph), a line for the
    partner's name, evidence and links. The sheets are entered afterwards as partners' scores."""
    if source.item is None:
        raise ValueError("a scoring sheet needs its item")
    flags, item = source.flags, source.item
    with i18n.using_language(language) as language:
        language = i18n.current_language()
        title = _("Scoring sheet: {item}").format(item=item.name)
        document = DocumentBuilder(title, language, author=_("Shutafut"), subject=_("Flags diagnosis"))
        document.heading(title, 0)
        document.paragraph(_("Partner: ____________________    Date: ____________"))
        history = flags.item_diagnoses(item.id)
        version = history[0].rubric if history else rubric_version()
        document.paragraph(_("Rubric version {version}.").format(version=version), document.styles.small)
        for flag in Flag:
            document.heading(flag.label, 2)
            document.table(
                [_("Tick"), _("Level"), _("What the level means")],
                [
                    ["", str(level), text]
                    for level, text in enumerate(level_descriptions(flag, language), start=1)
                ],
                col_widths=[8, 8, 84],
                numeric_columns=(0, 1),
            )
            document.paragraph(_("Evidence and links to strengthen:") + " " + "_" * 60)
        return document.build(out)


def _when(starts: str, ends: str) -> str:
    """An action's period, its dates as every document writes them."""
    if starts and ends:
        return number_range(text_date(starts), text_date(ends))
    return text_date(starts or ends) or "—"
