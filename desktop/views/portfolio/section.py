"""The investment portfolios of the workspace, one per town: start one, open it, print it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.views.list_section import (
    Column,
    FeatureDescription,
    ListSection,
    date_column,
    number_column,
    text_column,
)
from desktop.views.town_instruments.context import fill_combo
from desktop.views.widgets import error_label, show_error

if TYPE_CHECKING:
    from desktop.models.portfolio import Portfolio
    from desktop.storage.workspace import Workspace


class NewPortfolioDialog(QDialog):
    """Which town the portfolio is of (towns that have one already are not offered)."""

    def __init__(self, towns: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New investment portfolio"))
        self.town = QComboBox()
        self.town.setObjectName("new_portfolio_town")
        fill_combo(self.town, towns, "", blank=_("(choose the town)"))
        self.error = error_label("new_portfolio_error")
        form = QFormLayout()
        form.addRow(_("Town"), self.town)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if not self.town.currentData():
            show_error(self.error, _("Choose the town whose investments the portfolio holds."))
            return
        self.accept()


def _list(workspace: Workspace) -> list[Any]:
    from desktop.storage.portfolio_store import list_portfolios

    return list_portfolios(workspace)


def _delete(workspace: Workspace, portfolio_id: int) -> None:
    from desktop.storage.portfolio_store import delete_portfolio

    delete_portfolio(workspace, portfolio_id)


def towns_without_portfolio(workspace: Workspace) -> list[tuple[str, str]]:
    from desktop.storage.collective_plan_store import authority_names
    from desktop.storage.portfolio_store import portfolio_of_town

    names = authority_names(workspace)
    return sorted(
        ((uuid, name) for uuid, name in names.items() if portfolio_of_town(workspace, uuid) is None),
        key=lambda item: item[1],
    )


def _start(section: ListSection) -> None:
    from desktop.models.portfolio import Portfolio

    assert section.workspace is not None
    dialog = NewPortfolioDialog(towns_without_portfolio(section.workspace), section)
    if not dialog.exec():
        return
    open_portfolio(section, Portfolio(str(dialog.town.currentData())), None)


def _open(section: ListSection, portfolio_id: int) -> None:
    from desktop.storage.portfolio_store import load_portfolio

    assert section.workspace is not None
    open_portfolio(section, load_portfolio(section.workspace, portfolio_id), portfolio_id)


def open_portfolio(section: ListSection, portfolio: Portfolio, portfolio_id: int | None) -> None:
    from desktop.views.portfolio.window import PortfolioWindow

    assert section.workspace is not None

    def print_document(record_id: int, key: str) -> None:
        section.print_requested.emit(key, record_id, {})

    window = PortfolioWindow(section.workspace, portfolio, portfolio_id, print_document, section)
    section.run_editor(window, lambda: window.context.record_id)


PORTFOLIOS = FeatureDescription(
    key="portfolios",
    title=lambda: _("Investment portfolios"),
    about=lambda: _(
        "The investment portfolio puts every budget in the town in one place — ministries, "
        "philanthropy, the authority, business, NGOs and the initiative — to see how much there "
        "was at the start and how much was added, what each field and each age from birth to "
        "employment receives, and how the collective plan organises it."
    ),
    new_label=lambda: _("New investment portfolio…"),
    search_hint=lambda: _("Search portfolios…"),
    columns=(
        text_column(lambda: _("Town"), "town", stretch=True),
        number_column(lambda: _("Investments"), "investments"),
        Column(lambda: _("Total"), lambda row: str(row.total_text), lambda row: row.total),
        text_column(lambda: _("Years"), "years"),
        date_column(lambda: _("Last saved"), "updated_at"),
    ),
    list_records=_list,
    record_name=lambda row: str(row.town),
    delete_record=_delete,
    delete_question=lambda name: _(
        "Delete the investment portfolio of {name} with all its investments and notes? This cannot be undone."
    ).format(name=name),
    start_record=_start,
    open_record=_open,
)
