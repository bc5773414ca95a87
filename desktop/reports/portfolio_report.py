"""The town's investment portfolio as a document (seed 001 l.859-912): the seed's four views
as charts whose bars grow from the right in Hebrew and Arabic, each with its figures; the
guiding principles with the team's notes; and the register of investments by source."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from desktop import i18n
from desktop.i18n import _
from desktop.models.instrument_documents import PortfolioData
from desktop.models.portfolio import (
    KINDS,
    PRINCIPLES,
    SOURCES,
    Portfolio,
    by_field,
    by_goal,
    by_life_stage,
    leverage,
    leverage_ratio,
)
from desktop.models.town_instruments import LIFE_STAGES, ZERO, label_of, money_text
from desktop.reports.document import DocumentBuilder, number_range
from desktop.reports.instrument_charts import bar_chart

REGISTER_ROWS = 150  # more investments are summarised by source and kind (the app lists each)


def _register_summary(document: DocumentBuilder, portfolio: Portfolio) -> None:
    counts: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for investment in portfolio.investments:
        count, amount = counts.get((investment.source, investment.kind), (0, ZERO))
        counts[(investment.source, investment.kind)] = (count + 1, amount + investment.total())
    document.paragraph(
        _(
            "The register holds {count} investments: here by source and kind; the app lists each "
            "one, and the exchange file carries them all."
        ).format(count=i18n.format_number(len(portfolio.investments)))
    )
    document.table(
        [_("Source"), _("New or existing"), _("Investments"), _("Total")],
        [
            [_(SOURCES[source]), _(KINDS[kind]), i18n.format_number(count), money_text(amount)]
            for source in SOURCES
            for kind in KINDS
            if (source, kind) in counts
            for count, amount in [counts[(source, kind)]]
        ],
        [2, 2, 1, 2],
        numeric_columns=(2, 3),
    )


def build_portfolio_pdf(source: PortfolioData, out: Path | None = None, language: str | None = None) -> bytes:
    with i18n.using_language(language):
        return portfolio_pdf(source, out)


def portfolio_pdf(source: PortfolioData, out: Path | None) -> bytes:
    portfolio = source.portfolio
    language = i18n.current_language()
    title = _("Investment portfolio: {town}").format(town=source.town)
    document = DocumentBuilder(title, language, author=_("Shutafut"), subject=_("Investment portfolio"))
    document.heading(title, 0)
    if source.demo:
        document.notice(_("Demo workspace: the people and organisations in it are fictional examples."))
    years = portfolio.years()
    document.paragraph(
        _("{count} investments, {total} in all, {first}–{last}.").format(
            count=i18n.format_number(len(portfolio.investments)),
            total=money_text(portfolio.total()),
            first=years[0] if years else "—",
            last=years[-1] if years else "—",
        )
        if portfolio.investments
        else _("No investments recorded yet.")
    )

    # 1. budget leverage
    document.heading(_("Budget leverage: at the start and added, by year"))
    rows = leverage(portfolio)
    if rows:
        document.story.append(
            bar_chart(
                [(str(r.year), [float(r.existing_total), float(r.new_total)]) for r in rows],
                [_(KINDS["existing"]), _(KINDS["new"])],
                document.width,
                document.rtl,
                [money_text(r.total) for r in rows],
            )
        )
        ratio = leverage_ratio(rows)
        if ratio is not None:
            document.paragraph(_("For each ₪1 of existing budget, ₪{ratio} was added.").format(ratio=ratio))
        document.table(
            [_("Year"), _(KINDS["existing"]), _(KINDS["new"]), _("Total")],
            [
                [str(r.year), money_text(r.existing_total), money_text(r.new_total), money_text(r.total)]
                for r in rows
            ],
            [1, 2, 2, 2],
            numeric_columns=(1, 2, 3),
        )
        sources = [s for s in SOURCES if any(r.existing[s] or r.new[s] for r in rows)]
        document.paragraph(_("By source (existing + added):"), document.styles.small)
        document.table(
            [_("Year"), *(_(SOURCES[s]) for s in sources)],
            [[str(r.year), *(money_text(r.existing[s] + r.new[s]) for s in sources)] for r in rows],
            [1] + [1.5] * len(sources),
            numeric_columns=tuple(range(1, len(sources) + 1)),
        )
    else:
        document.paragraph(_("No investments recorded yet."))

    # 2. the investment map
    document.heading(_("Investment map: each field"))
    fields = by_field(portfolio)
    if fields:
        document.story.append(
            bar_chart(
                [(f or _("(no field)"), [float(v)]) for f, v in fields],
                [],
                document.width,
                document.rtl,
                [money_text(v) for _f, v in fields],
            )
        )

    # 3. the plan as organiser
    document.heading(_("The collective plan as organiser: goal, implementation, budget"))
    branches = by_goal(portfolio)
    plan_rows = []
    for branch in branches:
        for action_title, amount in branch.actions:
            plan_rows.append(
                [branch.goal or _("(no goal)"), action_title or _("(no plan action)"), money_text(amount)]
            )
        plan_rows.append([branch.goal or _("(no goal)"), _("Total"), money_text(branch.total)])
    if plan_rows:
        document.table(
            [_("Goal"), _("Implementation"), _("Budget")], plan_rows, [3, 3, 2], numeric_columns=(2,)
        )

    # 4. along the life course
    document.heading(_("Along the life course: birth to employment"))
    stages = [(k, v) for k, v in by_life_stage(portfolio) if k or v]
    document.story.append(
        bar_chart(
            [(_(LIFE_STAGES[k]) if k else _("(no stage)"), [float(v)]) for k, v in stages],
            [],
            document.width,
            document.rtl,
            [money_text(v) for _k, v in stages],
        )
    )

    # the principles
    document.heading(_("Guiding principles in managing the investment portfolio"))
    document.table(
        [_("Principle"), _("Held"), _("Notes")],
        [
            [
                _(text),
                _("Yes")
                if portfolio.principles.get(key) and portfolio.principles[key].held
                else _("Not yet"),
                portfolio.principles[key].notes if key in portfolio.principles else "",
            ]
            for key, text in PRINCIPLES.items()
        ],
        [5, 1.2, 3],
    )

    # the register: each investment while it fits a few pages, else by source and kind
    document.heading(_("The investments"))
    if len(portfolio.investments) > REGISTER_ROWS:
        _register_summary(document, portfolio)
    elif portfolio.investments:
        ordered = sorted(
            portfolio.investments, key=lambda i: (list(SOURCES).index(i.source), i.first_year, i.title)
        )
        document.table(
            [_("Investment"), _("Source"), _("Years"), _("Field"), _("Life-course stage"), _("Total")],
            [
                [
                    " · ".join(p for p in (i.title, i.funder) if p),
                    label_of(SOURCES, i.source) + (f" ({_(KINDS[i.kind])})" if i.kind == "new" else ""),
                    number_range(str(i.first_year), str(i.last_year))
                    if i.last_year != i.first_year
                    else str(i.first_year),
                    i.field or "—",
                    label_of(LIFE_STAGES, i.life_stage),
                    money_text(i.total()),
                ]
                for i in ordered
            ],
            [3, 2, 1.2, 2, 2, 1.6],
            numeric_columns=(5,),
        )
    if portfolio.investments:
        total = sum((i.total() for i in portfolio.investments), ZERO)
        document.paragraph(_("Total: {total}").format(total=money_text(total)))
    return document.build(out)
