"""The decision report of a town selection process (purpose to decision, with the ranking chart)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from desktop import i18n
from desktop.i18n import _
from desktop.models.documents import SelectionData
from desktop.models.enums import District, MunicipalStatus
from desktop.models.selection import (
    BASE_CONDITIONS,
    CRITERIA,
    QUANTITATIVE,
    CriterionGroup,
    contributions,
    rank,
    summarise,
    weight_label,
)
from desktop.reports.bidi_text import script_runs, shape_arabic, to_visual
from desktop.reports.document import DocumentBuilder, number_range
from desktop.reports.fonts import font_for
from desktop.reports.measure import text_width

if TYPE_CHECKING:
    from desktop.models.selection_process import SelectionProcess

PART_COLOURS = {
    QUANTITATIVE: colors.HexColor("#1f5f8b"),
    CriterionGroup.LEADERSHIP.value: colors.HexColor("#f2b134"),
    CriterionGroup.OPPORTUNITIES.value: colors.HexColor("#2e7d32"),
    CriterionGroup.READINESS.value: colors.HexColor("#8e44ad"),
}


def _drawn(text: str, rtl: bool) -> list[tuple[str, str]]:
    return [
        (font_for(arabic, False), part) for arabic, part in script_runs(to_visual(shape_arabic(text), rtl))
    ]


def _text(
    drawing: Drawing, x: float, y: float, text: str, rtl: bool, *, anchor_end: bool, size: float = 9
) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    runs = _drawn(text, rtl)
    width = sum(stringWidth(part, font, size) for font, part in runs)
    left = x - width if anchor_end else x
    for font, part in runs:
        drawing.add(String(left, y, part, fontName=font, fontSize=size))
        left += stringWidth(part, font, size)


def ranking_chart(bars: list[tuple[str, dict[str, float]]], width: float, rtl: bool) -> Drawing:
    """Horizontal bars of the totals split by part; in RTL names on the right, bars to the left."""
    row, names = 18.0, 110.0
    legend_lines = _legend_lines(width)
    legend, axis = LEGEND_LINE * len(legend_lines), 16.0
    height = row * len(bars) + legend + axis + 6
    drawing = Drawing(width, height)
    # Otherwise the renderer starts in Helvetica, listed in the PDF without being embedded.
    drawing.initialFontName = font_for(False, False)
    scale = (width - names - 40) / 100
    for index, (name, parts) in enumerate(bars):
        y = height - (index + 1) * row
        if rtl:
            _text(drawing, width, y + 4, name, rtl, anchor_end=True)
            edge = width - names
        else:
            _text(drawing, 0, y + 4, name, rtl, anchor_end=False)
            edge = names
        for part, colour in PART_COLOURS.items():
            length = parts.get(part, 0.0) * scale
            if length <= 0:
                continue
            x = edge - length if rtl else edge
            drawing.add(Rect(x, y, length, row - 5, fillColor=colour, strokeColor=None))
            edge = x if rtl else edge + length
        total = i18n.format_number(round(sum(parts.values()), 1))
        _text(drawing, edge - 3 if rtl else edge + 3, y + 4, total, False, anchor_end=rtl)
    # The scale: 0 to 100 along the bars, under them.
    start = width - names if rtl else names
    direction = -1.0 if rtl else 1.0
    top = legend + axis
    drawing.add(
        Line(start, top, start + direction * 100 * scale, top, strokeColor=colors.HexColor("#555555"))
    )
    for tick in range(0, 101, 25):
        x = start + direction * tick * scale
        drawing.add(Line(x, top, x, top - 3, strokeColor=colors.HexColor("#555555")))
        drawing.add(
            String(
                x,
                legend + 3,
                i18n.format_number(tick),
                fontName=font_for(False, False),
                fontSize=8,
                textAnchor="middle",
            )
        )
    for number, line in enumerate(legend_lines):  # the first line on top
        y = LEGEND_LINE * (len(legend_lines) - 1 - number)
        x = width if rtl else 0.0
        for part, label, size in line:
            swatch = x - 10 if rtl else x
            drawing.add(Rect(swatch, y + 2, 9, 9, fillColor=PART_COLOURS[part], strokeColor=None))
            _text(drawing, x - 13 if rtl else x + 13, y + 3, label, rtl, anchor_end=rtl)
            x = x - size - LEGEND_GAP if rtl else x + size + LEGEND_GAP
    return drawing


LEGEND_LINE = 16.0  # the height of a line of the legend
LEGEND_GAP = 11.0  # between one entry's text and the next one's swatch


def _legend_lines(width: float) -> list[list[tuple[str, str, float]]]:
    """The legend's entries (part, label, width with its swatch), in lines no wider than
    `width`: the four parts' names do not fit on one line in every language."""
    lines: list[list[tuple[str, str, float]]] = [[]]
    used = 0.0
    for part in PART_COLOURS:
        label = weight_label(part)
        size = text_width(label, 9) + 13
        if lines[-1] and used + LEGEND_GAP + size > width:
            lines.append([])
            used = 0.0
        used += (LEGEND_GAP if lines[-1] else 0.0) + size
        lines[-1].append((part, label, size))
    return lines


def _range(low: Any, high: Any) -> str:
    if low is None and high is None:
        return _("any")
    return number_range(
        i18n.format_number(low) if low is not None else "—",
        i18n.format_number(high) if high is not None else "—",
    )


INDENT = "\u00a0" * 6  # a criterion under its group: no-break spaces, kept where drawn


def town_name(authority: Mapping[str, Any], language: str) -> str:
    """A town's name in the document's language when the workspace holds it, else in Hebrew."""
    own = str(authority.get(f"name_{language}") or "").strip() if language != "he" else ""
    return own or str(authority.get("name_he") or "")


def build_selection_pdf(data: SelectionData, out: Path | None = None, language: str | None = None) -> bytes:
    """The decision report of a selection process."""
    with i18n.using_language(language) as language:
        return _build(data.process, data.authorities, data.people, language, out)


def _build(
    process: SelectionProcess,
    authorities: Mapping[str, Any],
    people: Mapping[str, str],
    language: str,
    out: Path | None,
) -> bytes:
    rtl = i18n.is_rtl(language)
    title = _("Town selection: {title}").format(title=process.title)
    document = DocumentBuilder(
        title, language, author=_("Shutafut"), subject=_("Town selection decision report")
    )
    document.heading(title, 0)
    if process.held_on:
        document.paragraph(
            _("Date: {date}").format(date=i18n.format_date(process.held_on)), document.styles.small
        )

    document.heading(_("Purpose"))
    document.paragraph(process.purpose or "—")
    document.heading(_("Selection team"))
    if process.team:
        document.bullets(
            [
                f"{people.get(member.person, '—')}" + (f" – {member.role}" if member.role else "")
                for member in process.team
            ]
        )
    else:
        document.paragraph(_("No team members were recorded."))

    rules = process.filter
    document.heading(_("Quantitative filter"))
    statuses = ", ".join(MunicipalStatus(code).label for code in sorted(rules.statuses)) or _("any")
    districts = ", ".join(District(code).label for code in sorted(rules.districts)) or _("any")
    document.table(
        [_("Figure"), _("Range or choice")],
        [
            [_("Socio-economic cluster"), _range(*rules.socioeconomic)],
            [_("Peripherality cluster"), _range(*rules.peripherality)],
            [_("Population"), _range(*rules.population)],
            [_("Municipal status"), statuses],
            [_("District"), districts],
        ],
        col_widths=[40, 60],
    )
    manual = [
        _("Added by hand: {name} – {reason}").format(
            name=town_name(authorities.get(uuid, {}), language) or uuid, reason=reason
        )
        for uuid, reason in process.added.items()
    ]
    manual += [
        _("Removed by hand: {name} – {reason}").format(
            name=town_name(authorities.get(uuid, {}), language) or uuid, reason=reason
        )
        for uuid, reason in process.removed.items()
    ]
    if manual:
        document.bullets(manual)

    candidates = sorted(process.candidates(list(authorities.values())), key=lambda a: town_name(a, language))
    document.heading(_("Candidates"))
    document.table(
        [
            _("Town"),
            _("Municipal status"),
            _("Population"),
            _("Socio-economic cluster"),
            _("Peripherality cluster"),
        ],
        [
            [
                town_name(a, language),
                MunicipalStatus(a["municipal_status"]).label,
                i18n.format_number(a["population"]) if a.get("population") is not None else "—",
                str(a.get("socioeconomic_cluster") or "—"),
                str(a.get("peripherality_cluster") or "—"),
            ]
            for a in candidates
        ],
        col_widths=[30, 20, 18, 16, 16],
        numeric_columns=(2, 3, 4),
    )
    figures = sorted({str(a["data_source"]) for a in candidates if a.get("data_source")})
    if figures:
        document.paragraph(
            _("Source of the figures: {sources}").format(sources="; ".join(str(f) for f in figures)),
            document.styles.small,
        )

    document.heading(_("Criteria and weights"))
    weights = process.weights
    rows = [[weight_label(QUANTITATIVE), i18n.format_number(weights.parts[QUANTITATIVE])]]
    for group in CriterionGroup:
        rows.append([group.label, i18n.format_number(weights.parts[group.value])])
        rows += [
            [INDENT + criterion.label, i18n.format_number(weights.criteria[criterion.code])]
            for criterion in CRITERIA
            if criterion.group is group
        ]
    document.table([_("Part or criterion"), _("Weight")], rows, col_widths=[80, 20], numeric_columns=(1,))

    ranked_pool = process.ranked_candidates(candidates)
    scored = process.candidate_scores(ranked_pool)
    ranked = rank(scored, weights)
    document.heading(_("Ranking"))
    if ranked:
        document.table(
            [_("Place"), _("Town"), _("Total (0-100)")],
            [
                [
                    str(r.position),
                    town_name(authorities.get(r.candidate.key, {}), language) or r.candidate.name,
                ]
                + [i18n.format_number(round(r.total, 1))]
                for r in ranked
            ],
            col_widths=[12, 60, 28],
            numeric_columns=(0, 2),
        )
        bars = [
            (
                town_name(authorities.get(r.candidate.key, {}), language) or r.candidate.name,
                contributions(r.candidate, weights),
            )
            for r in ranked[:12]
        ]
        document.chart(
            ranking_chart(bars, document.width, rtl),
            _("Each town's total (0-100), by part of the weighting."),
            with_previous=True,
        )
    else:
        document.paragraph(_("No candidate was ranked."))

    disagreements = [
        _("{town}: {criterion} (scores {range})").format(
            town=town_name(a, language),
            criterion=criterion.label,
            range=number_range(
                str(min(process.member_scores(a["uuid"], criterion.code))),
                str(max(process.member_scores(a["uuid"], criterion.code))),
            ),
        )
        for a in candidates
        for criterion in CRITERIA
        if summarise(process.member_scores(a["uuid"], criterion.code)).disagreement
    ]
    document.heading(_("Disagreements to discuss"))
    if disagreements:
        document.bullets(disagreements)
    else:
        document.paragraph(_("The members' scores differ by less than 2 points everywhere."))

    document.heading(_("Base conditions"))
    condition_rows = []
    for authority in candidates:
        states = [process.condition(authority["uuid"], code)[0] for code, _label in BASE_CONDITIONS]
        condition_rows.append([town_name(authority, language)] + [s.label if s else "—" for s in states])
    document.table(
        [_("Town")] + [_(label) for _code, label in BASE_CONDITIONS],
        condition_rows,
        col_widths=[22] + [13] * len(BASE_CONDITIONS),
    )
    kept = [
        _("{town} was kept in the ranking: {reason}").format(
            town=town_name(authorities.get(uuid, {}), language) or uuid, reason=reason
        )
        for uuid, reason in process.kept.items()
    ]
    if kept:
        document.bullets(kept)

    document.heading(_("Decision"))
    if process.chosen:
        document.paragraph(
            _("Chosen: {towns}").format(
                towns=i18n.format_list(
                    [town_name(authorities.get(uuid, {}), language) or uuid for uuid in process.chosen]
                )
            )
        )
        if process.decided_on:
            document.paragraph(_("Decided on {date}.").format(date=i18n.format_date(process.decided_on)))
        document.heading(_("Rationale"), 2)
        document.paragraph(process.rationale or "—")
    else:
        document.paragraph(_("No decision yet: this is a draft."))
    return document.build(out)
