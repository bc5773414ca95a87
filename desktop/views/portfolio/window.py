"""One town's investment portfolio in a window: the register of investments, the four views,
and the guiding principles; saved after every change; its PDF with Ctrl+P."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from desktop.i18n import _
from desktop.models.portfolio import Portfolio
from desktop.storage.collective_plan_store import authority_names
from desktop.storage.portfolio_store import plan_actions_of_town, portfolio_town_name, save_portfolio
from desktop.storage.workspace import Workspace
from desktop.views.editor_window import EditorWindow
from desktop.views.portfolio.investments_tab import InvestmentsTab
from desktop.views.portfolio.principles_tab import PrinciplesTab
from desktop.views.portfolio.views_tab import ViewsTab
from desktop.views.saving import PendingSave
from desktop.views.town_instruments.context import InstrumentContext


def _store(workspace: Workspace, portfolio: Portfolio, record_id: int | None, expected: int | None) -> int:
    return save_portfolio(workspace, portfolio, record_id, expected_version=expected)


class PortfolioWindow(EditorWindow):
    def __init__(
        self,
        workspace: Workspace,
        portfolio: Portfolio,
        portfolio_id: int | None,
        export: Callable[[int, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("portfolio_window", parent)
        self.context = InstrumentContext(workspace, portfolio, portfolio_id, _store)
        self.context.parent = self
        self.context.pending = PendingSave(self.context.save, self)
        self.export = export
        self.town = portfolio_town_name(portfolio, authority_names(workspace))
        if portfolio_id is None:
            self.context.save()
        self.investments_tab = InvestmentsTab(
            self.context, plan_actions_of_town(workspace, portfolio.town), date.today().year
        )
        self.views_tab = ViewsTab(self.context)
        self.principles_tab = PrinciplesTab(self.context)
        for tab, label in (
            (self.investments_tab, _("Investments")),
            (self.views_tab, _("Four views")),
            (self.principles_tab, _("Guiding principles")),
        ):
            self.add_tab(tab, label)
        self.context.reloaders.append(self._reload_all)
        self.saved = QLabel()
        self.saved.setObjectName("portfolio_saved")
        self.context.listeners.append(self._saved)
        self.context.listeners.append(self.document_saved)
        self.keep_history(self.context.document, self._reload_all)
        self.print_button = QPushButton(_("Investment portfolio (PDF)…"))
        self.print_button.setObjectName("portfolio_pdf")
        self.print_button.clicked.connect(self.print_current)
        self.print_button.setEnabled(export is not None)
        self.actions_row.addWidget(self.print_button)
        self.actions_row.addWidget(self.saved, 1)
        self._update_title()

    @property
    def portfolio(self) -> Portfolio:
        portfolio: Portfolio = self.context.document
        return portfolio

    def save(self) -> None:
        self.context.save()

    def flush(self) -> None:
        self.context.flush()

    def print_current(self) -> None:
        self.flush()
        if self.export is not None and self.context.record_id is not None:
            self.export(self.context.record_id, "investment-portfolio")

    def _update_title(self) -> None:
        suffix = _(" (read-only)") if self.context.read_only else ""
        self.setWindowTitle(_("Investment portfolio: {town}").format(town=self.town) + suffix)

    def _saved(self) -> None:
        self.saved.setText(_("Saved."))

    def _reload_all(self) -> None:
        for tab in (self.investments_tab, self.views_tab, self.principles_tab):
            tab.refresh()
