"""The collective plan's document (seed 001 l.817-857): the goal and its people, the theory
of change drawn as a logic model whose columns read right to left in Hebrew and Arabic, the
operational table (objective, metric, action, partners, budget), the budget split by who
pays per year and over the years, and the review: planned against done, and what is late."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Rect

from desktop import i18n
from desktop.i18n import _
from desktop.models.collective_plan import FUNDERS, LEVEL_ORDER, LEVELS, STATUSES, CollectivePlan
from desktop.models.instrument_documents import PlanData
from desktop.models.town_instruments import INFRASTRUCTURES, LIFE_STAGES, label_of, money_text
from desktop.reports.document import GRID_COLOUR, HEADER_COLOUR, STRIPE_COLOUR, DocumentBuilder, number_range
from desktop.reports.instrument_charts import arrow, label, new_drawing
from desktop.reports.measure import wrap

BOX_TEXT = 7.5
LINE_HEIGHT = 9.5
BOX_GAP = 8.0


def logic_model_drawing(plan: CollectivePlan, width: float, rtl: bool) -> Drawing:
    """Five columns, the need first (on the right in RTL), each box linked by arrows to the
    boxes of the next column it leads to."""
    columns = len(LEVEL_ORDER)
    gap = 14.0
    column_width = (width - gap * (columns - 1)) / columns
    inner = column_width - 8
    wrapped = {box.id: wrap(box.text, inner, BOX_TEXT) for box in plan.boxes}
    heights = {box_id: len(lines) * LINE_HEIGHT + 6 for box_id, lines in wrapped.items()}
    column_heights = [sum(heights[b.id] + BOX_GAP for b in plan.level_boxes(level)) for level in LEVEL_ORDER]
    header = 22.0
    height = header + max([*column_heights, 30.0]) + 4
    drawing = new_drawing(width, height)
    places: dict[str, tuple[float, float, float]] = {}  # box id -> (x left, y bottom, height)
    for index, level in enumerate(LEVEL_ORDER):
        left = width - (index + 1) * column_width - index * gap if rtl else index * (column_width + gap)
        drawing.add(
            Rect(
                left, height - header + 2, column_width, header - 4, fillColor=HEADER_COLOUR, strokeColor=None
            )
        )
        label(
            drawing,
            left + column_width / 2,
            height - header + 8,
            _(LEVELS[level]),
            rtl,
            size=8,
            anchor="middle",
            bold=True,
            colour=STRIPE_COLOUR,
        )
        top = height - header - 4
        for box in plan.level_boxes(level):
            box_height = heights[box.id]
            bottom = top - box_height
            drawing.add(
                Rect(
                    left,
                    bottom,
                    column_width,
                    box_height,
                    rx=4,
                    ry=4,
                    fillColor=STRIPE_COLOUR,
                    strokeColor=GRID_COLOUR,
                    strokeWidth=0.8,
                )
            )
            for line_number, line in enumerate(wrapped[box.id]):
                y = top - 3 - (line_number + 1) * LINE_HEIGHT + 2
                if rtl:
                    label(drawing, left + column_width - 4, y, line, rtl, size=BOX_TEXT, anchor="end")
                else:
                    label(drawing, left + 4, y, line, rtl, size=BOX_TEXT)
            places[box.id] = (left, bottom, box_height)
            top = bottom - BOX_GAP
    for source, target in plan.links():
        if source.id not in places or target.id not in places:
            continue
        sx, sy, sh = places[source.id]
        tx, ty, th = places[target.id]
        if rtl:  # from the source's left edge to the target's right edge
            arrow(drawing, sx, sy + sh / 2, tx + column_width, ty + th / 2)
        else:
            arrow(drawing, sx + column_width, sy + sh / 2, tx, ty + th / 2)
    return drawing


def build_collective_plan_pdf(
    source: PlanData, out: Path | None = None, language: str | None = None
) -> bytes:
    with i18n.using_language(language):
        return collective_plan_pdf(source, out)


def _dates(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{i18n.format_date(start)} – {i18n.format_date(end)}"
    return i18n.format_date(end or start) if (start or end) else "—"


def collective_plan_pdf(source: PlanData, out: Path | None) -> bytes:
    plan, today = source.plan, source.today or date.today()
    language = i18n.current_language()
    title = _("Collective plan: {goal}").format(goal=plan.goal)
    document = DocumentBuilder(title, language, author=_("Shutafut"), subject=_("Collective plan"))
    document.heading(title, 0)
    if source.demo:
        document.notice(_("Demo workspace: the people and organisations in it are fictional examples."))
    years = plan.plan_years()
    facts = [
        (_("Town"), source.town or "—"),
        (_("Field lead (of the authority)"), plan.field_lead or "—"),
        (_("Professional team"), i18n.format_list(plan.team) if plan.team else "—"),
        (_("Years"), number_range(str(years[0]), str(years[-1])) if len(years) > 1 else str(years[0])),
    ]
    document.table([_("Detail"), _("Value")], [[k, v] for k, v in facts], [1, 3])
    document.heading(_("Overall aim"))
    document.paragraph(plan.overall_aim or _("No overall aim written yet."))

    document.heading(_("Theory of change"))
    if plan.boxes:
        document.story.append(logic_model_drawing(plan, document.width, document.rtl))
    else:
        document.paragraph(_("The logic model has no boxes yet."))

    document.heading(_("Operational plan"))
    if not plan.actions:
        document.paragraph(_("No actions yet."))
    else:
        rows = []
        order = {o.id: index for index, o in enumerate(plan.objectives)}
        for action in sorted(plan.actions, key=lambda a: order.get(a.objective, len(order))):
            objective = plan.objective(action.objective)
            metric = action.metric
            if action.baseline or action.target:
                metric = _("{metric}: from {baseline} to {target}").format(
                    metric=action.metric or "—", baseline=action.baseline or "—", target=action.target or "—"
                )
            rows.append(
                [
                    objective.text if objective else "—",
                    metric or "—",
                    action.title,
                    f"{action.owner} · {_dates(action.start, action.end)}",
                    action.partners or "—",
                    " · ".join(
                        (
                            label_of(INFRASTRUCTURES, action.infrastructure),
                            label_of(LIFE_STAGES, action.life_stage),
                        )
                    ),
                    money_text(action.total()),
                ]
            )
        document.table(
            [
                _("Objective"),
                _("Metric"),
                _("Action"),
                _("Owner and dates"),
                _("Partners"),
                _("Infrastructure and stage"),
                _("Budget"),
            ],
            rows,
            [3, 3, 3, 2.5, 2.5, 2.5, 2],
            numeric_columns=(6,),
        )

    document.heading(_("Budget split"))
    totals = plan.year_totals()
    budget_rows = [
        [str(year), *(money_text(values[k]) for k in (*FUNDERS, "total"))] for year, values in totals.items()
    ]
    overall = plan.multi_year()
    budget_rows.append([_("All years"), *(money_text(overall[k]) for k in (*FUNDERS, "total"))])
    document.table(
        [_("Year"), *(_(FUNDERS[f]) for f in FUNDERS), _("Total")],
        budget_rows,
        [1.2, 2, 2, 2, 2],
        numeric_columns=(1, 2, 3, 4),
    )
    unbalanced = plan.unbalanced()
    if unbalanced:
        document.notice(
            _("The split of {count} budget years does not add up to their total.").format(
                count=len(unbalanced)
            )
        )

    document.heading(_("Review: planned against done"))
    late = plan.late_actions(today)
    done = sum(1 for a in plan.actions if a.status == "done")
    document.paragraph(
        _("As of {date}: {done} of {count} actions done; {late} late.").format(
            date=i18n.format_date(today), done=done, count=len(plan.actions), late=len(late)
        )
    )
    if plan.actions:
        document.table(
            [_("Action"), _("Ends"), _("Status"), _("What was done"), _("Note")],
            [
                [
                    action.title,
                    i18n.format_date(action.end) if action.end else "—",
                    " · ".join([_(STATUSES[action.status]), *([_("Late")] if action.late(today) else [])]),
                    action.done_text or "—",
                    action.review_note or "—",
                ]
                for action in plan.actions
            ],
            [3, 1.6, 1.6, 3, 3],
        )
    return document.build(out)
