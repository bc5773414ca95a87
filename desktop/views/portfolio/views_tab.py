"""The seed's four views of the portfolio (l.881-897) as charts that read in the interface's
direction: budget leverage by year, the investment map by field, the collective plan as
organiser (goal → implementation → budget), and along the life course."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.models.portfolio import Portfolio, by_field, by_goal, by_life_stage, leverage, leverage_ratio
from desktop.models.town_instruments import LIFE_STAGES, money_text
from desktop.views.town_instruments.charts import BarChart
from desktop.views.town_instruments.context import InstrumentContext, fill_combo

VIEWS = ("leverage", "map", "plan", "life_course")


def view_titles() -> dict[str, str]:
    return {
        "leverage": _("Budget leverage: at the start and added, by year"),
        "map": _("Investment map: each field"),
        "plan": _("The collective plan as organiser: goal, implementation, budget"),
        "life_course": _("Along the life course: birth to employment"),
    }


class ViewsTab(QWidget):
    def __init__(self, context: InstrumentContext) -> None:
        super().__init__()
        self.context = context
        self.choice = QComboBox()
        self.choice.setObjectName("portfolio_view")
        fill_combo(self.choice, list(view_titles().items()), "leverage")
        self.summary = QLabel()
        self.summary.setObjectName("portfolio_view_summary")
        self.summary.setWordWrap(True)
        self.stack = QStackedWidget()
        self.charts = {key: BarChart(f"chart_{key}") for key in VIEWS}
        for key in VIEWS:
            self.stack.addWidget(self.charts[key])
        top = QHBoxLayout()
        top.addWidget(QLabel(_("View")))
        top.addWidget(self.choice, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        self.choice.currentIndexChanged.connect(self.refresh)
        self.refresh()

    @property
    def portfolio(self) -> Portfolio:
        portfolio: Portfolio = self.context.document
        return portfolio

    @property
    def current(self) -> str:
        return str(self.choice.currentData())

    def refresh(self) -> None:
        """Compute and draw the chosen view (the others when they are chosen)."""
        key = self.current
        self.stack.setCurrentWidget(self.charts[key])
        chart = self.charts[key]
        portfolio = self.portfolio
        if key == "leverage":
            rows = leverage(portfolio)
            chart.set_data(
                [
                    (str(r.year), [float(r.existing_total), float(r.new_total)], money_text(r.total))
                    for r in rows
                ],
                [_("Existing budget, redirected"), _("New money")],
            )
            ratio = leverage_ratio(rows)
            self.summary.setText(
                _("For each ₪1 of existing budget, ₪{ratio} was added.").format(ratio=ratio)
                if ratio is not None
                else _("No existing budget recorded yet.")
            )
        elif key == "map":
            fields = by_field(portfolio)
            chart.set_data([(f or _("(no field)"), [float(v)], money_text(v)) for f, v in fields], [])
            self.summary.setText(_("{count} fields.").format(count=len([f for f, _v in fields if f])))
        elif key == "plan":
            rows_plan: list[tuple[str, list[float], str]] = []
            for branch in by_goal(portfolio):
                rows_plan.append(
                    (branch.goal or _("(no goal)"), [float(branch.total)], money_text(branch.total))
                )
                for title, amount in branch.actions:
                    rows_plan.append(
                        ("   " + (title or _("(no plan action)")), [0.0, float(amount)], money_text(amount))
                    )
            chart.set_data(rows_plan, [_("Goal"), _("Implementation")])
            self.summary.setText("")
        else:
            stages = by_life_stage(portfolio)
            chart.set_data(
                [
                    (_(LIFE_STAGES[k]) if k else _("(no stage)"), [float(v)], money_text(v))
                    for k, v in stages
                    if k or v
                ],
                [],
            )
            self.summary.setText("")
