"""One town's investment portfolio in a window: the register of investments, the four views,
and the guiding principles; saved after every change; its PDF with Ctrl+P."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QWidget

from desktop.i18n import _
from desktop.models.portfolio import Portfolio
from desktop.storage.collective_plan_store import authority_names
from desktop.storage.portfolio_store import plan_actions_of_town, portfolio_town_name, save_portfolio
from desktop.storage.workspace import Workspace
from desktop.views.portfolio.investments_tab import InvestmentsTab
from desktop.views.portfolio.principles_tab import PrinciplesTab
from desktop.views.portfolio.views_tab import ViewsTab
from desktop.views.town_instruments.window import InstrumentWindow


def _store(workspace: Workspace, portfolio: Portfolio, record_id: int | None, expected: int | None) -> int:
    return save_portfolio(workspace, portfolio, record_id, expected_version=expected)


class PortfolioWindow(InstrumentWindow):
    def __init__(
        self,
        workspace: Workspace,
        portfolio: Portfolio,
        portfolio_id: int | None,
        export: Callable[[int, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("portfolio_window", workspace, portfolio, portfolio_id, _store, parent)
        self.export = export
        self.town = portfolio_town_name(portfolio, authority_names(workspace))
        self.investments_tab = InvestmentsTab(
            self.context, plan_actions_of_town(workspace, portfolio.town), date.today().year
        )
        self.views_tab = ViewsTab(self.context)
        self.principles_tab = PrinciplesTab(self.context)
        self.finish(
            (
                (self.investments_tab, _("Investments")),
                (self.views_tab, _("Four views")),
                (self.principles_tab, _("Guiding principles")),
            ),
            "portfolio",
            _("Investment portfolio (PDF)…"),
            export is not None,
        )

    @property
    def portfolio(self) -> Portfolio:
        portfolio: Portfolio = self.context.document
        return portfolio

    def print_current(self) -> None:
        self.flush()
        if self.export is not None and self.context.record_id is not None:
            self.export(self.context.record_id, "investment-portfolio")

    def window_title(self) -> str:
        return _("Investment portfolio: {town}").format(town=self.town) + self.read_only_suffix()
