"""The MOU's budget annex and the town's investment portfolio agree: a button on the
wizard's budget page fills the annex from the portfolio, and a line says where they differ."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.i18n import _
from desktop.models.town_instruments import money_text

if TYPE_CHECKING:
    from desktop.models.portfolio import Portfolio
    from desktop.views.mou.wizard import BudgetPage


class PortfolioAnnexBar(QWidget):
    """Under the budget table: "Fill from the town's investment portfolio" and the differences."""

    def __init__(self, page: BudgetPage) -> None:
        super().__init__(page)
        self.page = page
        self.fill_button = QPushButton(_("Fill from the town's investment portfolio"))
        self.fill_button.setObjectName("budget_from_portfolio")
        self.fill_button.clicked.connect(self.fill_from_portfolio)
        self.differences = QLabel()
        self.differences.setObjectName("budget_portfolio_differences")
        self.differences.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.fill_button)
        layout.addWidget(self.differences, 1)

    def portfolio(self) -> Portfolio | None:
        from desktop.storage.portfolio_store import load_portfolio, portfolio_of_town

        town = self.page.owner.draft.parties.authority_uuid
        if not town:
            return None
        number = portfolio_of_town(self.page.owner.workspace, town)
        return load_portfolio(self.page.owner.workspace, number) if number is not None else None

    def refresh(self) -> None:
        from desktop.models.portfolio import annex_against_portfolio

        portfolio = self.portfolio()
        draft = self.page.owner.draft
        self.fill_button.setEnabled(portfolio is not None and not self.page.owner.workspace.read_only)
        if portfolio is None:
            self.differences.setText(_("The town has no investment portfolio yet."))
            return
        differences = annex_against_portfolio(draft.budget, portfolio, draft.parties.partner_uuids)
        if not differences:
            self.differences.setText(_("The annex agrees with the town's investment portfolio."))
            return
        names = self.page.owner.names()
        lines = [
            _("{year}, {party}: the annex says {annex}, the portfolio {portfolio}.").format(
                year=d.year,
                party=names.get(d.party, d.party),
                annex=money_text(d.annex),
                portfolio=money_text(d.portfolio),
            )
            for d in differences
        ]
        self.differences.setText(
            _("The annex and the investment portfolio differ:") + "\n" + "\n".join(lines)
        )

    def fill_from_portfolio(self) -> None:
        from desktop.models.portfolio import fill_annex

        portfolio = self.portfolio()
        if portfolio is None:
            return
        draft = self.page.owner.draft
        self.page.owner.draft = replace(
            draft, budget=fill_annex(draft.budget, portfolio, draft.parties.partner_uuids)
        )
        self.page.fill()
