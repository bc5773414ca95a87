"""A town's investment portfolio kept in Hebrew the way a field lead keeps it: investments
recorded (bad amounts and years said at the field, nothing lost), the four views drawn right
to left, the principles, printing; and an MOU's budget annex filled from it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.models.agreement import Agreement
from desktop.models.collective_plan import CollectivePlan
from desktop.models.mou import Parties
from desktop.models.mou_draft import with_timeframe
from desktop.models.mou_timeline import Timeframe
from desktop.models.portfolio import Portfolio
from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.agreement_store import save_agreement
from desktop.storage.collective_plan_store import save_plan
from desktop.storage.portfolio_store import list_portfolios, load_portfolio, portfolio_of_town
from desktop.storage.workspace import Workspace, create_workspace
from desktop.views.mou.wizard import BudgetPage, MouWizard, WizardPage
from desktop.views.portfolio.section import NewPortfolioDialog, towns_without_portfolio
from desktop.views.portfolio.window import PortfolioWindow
from desktop.views.qt_i18n import apply_language
from tests.views.conftest import leave_field, type_text

SCREEN = (1366, 768)


@pytest.fixture(autouse=True)
def _hebrew_layout(qapp: QApplication) -> Iterator[None]:
    apply_language(qapp, "he")
    yield
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    workspace = create_workspace(tmp_path / "town.shutafut")
    town = reference_store.save_record(
        workspace, RecordKind.AUTHORITY, {"name_he": "שדרות", "municipal_status": "city"}
    )
    reference_store.save_record(
        workspace, RecordKind.AUTHORITY, {"name_he": "נתיבות", "municipal_status": "city"}
    )
    plan = CollectivePlan("חינוך בלתי פורמלי", town=town)
    plan.add_action("פורום יישובי", "מחלקת הנוער")
    save_plan(workspace, plan)
    yield workspace
    workspace.close()


def _town(workspace: Workspace) -> str:
    return next(uuid for uuid, name in towns_without_portfolio(workspace) if name == "שדרות")


def _open(qtbot: QtBot, workspace: Workspace, exports: list[tuple[int, str]]) -> PortfolioWindow:
    dialog = NewPortfolioDialog(towns_without_portfolio(workspace))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)  # no town chosen: refused
    assert dialog.result() == 0 and not dialog.error.isHidden() and dialog.error.text()
    dialog.town.setCurrentIndex(dialog.town.findText("שדרות"))
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == 1
    window = PortfolioWindow(
        workspace, Portfolio(str(dialog.town.currentData())), None, lambda *args: exports.append(args)
    )
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _add(window: PortfolioWindow, title: str, source: str, amount: str, first: int, last: int) -> None:
    tab = window.investments_tab
    type_text(tab.new_title, title)
    tab.new_source.setCurrentIndex(tab.new_source.findData(source))
    type_text(tab.new_amount, amount)
    tab.new_first.setValue(first)
    tab.new_last.setValue(last)
    QTest.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)


def test_investments_recorded_viewed_and_printed(qtbot: QtBot, workspace: Workspace) -> None:
    exports: list[tuple[int, str]] = []
    window = _open(qtbot, workspace, exports)
    assert window.minimumSizeHint().width() <= SCREEN[0] and window.minimumSizeHint().height() <= SCREEN[1]
    tab = window.investments_tab
    _add(window, "מענק קרן", "philanthropy", "-50,000", 2026, 2026)  # negative: refused
    assert tab.add_error.text() == "סכום אינו יכול להיות שלילי." and window.portfolio.investments == []
    assert tab.new_title.text() == "מענק קרן"  # what was typed stays
    tab.new_amount.clear()
    type_text(tab.new_amount, "50,000")
    tab.new_first.setValue(2027)
    tab.new_last.setValue(2026)
    QTest.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)  # years out of order
    assert tab.add_error.text() == "השנה האחרונה מוקדמת מהראשונה." and window.portfolio.investments == []
    tab.new_first.setValue(2026)
    QTest.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 1 and not tab.add_error.isVisible()
    tab.kind.setCurrentIndex(tab.kind.findData("new"))
    tab.life_stage.setCurrentIndex(tab.life_stage.findData("early_childhood"))
    type_text(tab.field.lineEdit(), "גיל רך")
    _add(window, "תקציב מחלקת הנוער", "authority", "200,000", 2025, 2027)
    assert tab.model.rowCount() == 2
    tab.plan_action.setCurrentIndex(tab.plan_action.findText("חינוך בלתי פורמלי – פורום יישובי"))
    assert tab.goal.text() == "חינוך בלתי פורמלי"
    type_text(tab.field.lineEdit(), "נוער")
    tab.life_stage.setCurrentIndex(tab.life_stage.findData("education"))
    # a bad amount in the selected investment: said, the stored amount stays
    tab.amount.selectAll()
    type_text(tab.amount, "abc")
    leave_field(tab.amount)
    assert tab.error.isVisible() and window.portfolio.investments[1].amount == Decimal(200_000)
    assert tab.amount.text() == "abc"
    tab.amount.selectAll()
    type_text(tab.amount, "210,000")
    leave_field(tab.amount)
    assert not tab.error.isVisible()
    assert "630,000" in tab.model.text(1, 7)

    window.tabs.setCurrentWidget(window.views_tab)
    views = window.views_tab
    assert views.current == "leverage"
    chart = views.charts["leverage"]
    assert [row[0] for row in chart.rows] == ["2025", "2026", "2027"]
    assert chart.rows[1][1] == [210_000.0, 50_000.0]  # existing, then new
    assert "0.08" in views.summary.text()  # 50,000 added for 630,000
    bars = chart.bar_rects()[1]
    assert bars[0].right() > bars[1].right()  # the bars grow from the right
    assert bars[0].right() > chart.width() / 2
    views.choice.setCurrentIndex(views.choice.findData("life_course"))
    labels = [row[0] for row in views.charts["life_course"].rows]
    assert labels[:2] == ["גיל רך", "חינוך פורמלי ובלתי פורמלי"]
    views.choice.setCurrentIndex(views.choice.findData("plan"))
    assert views.charts["plan"].rows[0][0] == "חינוך בלתי פורמלי"

    window.tabs.setCurrentWidget(window.principles_tab)
    window.principles_tab.checks["pooling"].click()
    type_text(window.principles_tab.notes["pooling"], "איגום עם משרד החינוך")
    leave_field(window.principles_tab.notes["pooling"])

    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    window.close()
    [summary] = list_portfolios(workspace)
    assert summary.town == "שדרות" and summary.investments == 2 and summary.total == Decimal(680_000)
    assert exports == [(summary.id, "investment-portfolio")]
    stored = load_portfolio(workspace, summary.id)
    grant, youth = stored.investments
    assert (grant.kind, grant.field, grant.life_stage, grant.amount) == (
        "new",
        "גיל רך",
        "early_childhood",
        Decimal(50_000),
    )
    assert (youth.field, youth.action_title, youth.amount) == ("נוער", "פורום יישובי", Decimal(210_000))
    assert stored.principles["pooling"].held and stored.principles["pooling"].notes == "איגום עם משרד החינוך"


def test_the_mou_annex_is_filled_from_the_portfolio(qtbot: QtBot, workspace: Workspace) -> None:
    from desktop.models.portfolio import new_investment
    from desktop.storage.portfolio_store import save_portfolio

    town = _town(workspace)
    agreement = Agreement.new("he", parties=Parties(authority_uuid=town))
    agreement.draft = with_timeframe(agreement.draft, Timeframe(date(2027, 1, 1), 3))
    agreement.page = list(WizardPage).index(WizardPage.BUDGET)
    agreement_id = save_agreement(workspace, agreement)
    years = agreement.draft.budget.years
    portfolio = Portfolio(town)
    portfolio.add(new_investment("תקציב הנוער", "authority", Decimal(200_000), years[0], last_year=years[1]))
    portfolio.add(
        new_investment("השקעת המיזם", "initiative", Decimal("75000.50"), years[0], last_year=years[0])
    )
    save_portfolio(workspace, portfolio)
    assert portfolio_of_town(workspace, town) is not None

    from desktop.storage.agreement_store import load_agreement

    wizard = MouWizard(workspace, load_agreement(workspace, agreement_id), agreement_id)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.currentPage()
    assert isinstance(page, BudgetPage)
    bar = page.portfolio_bar
    assert "שונים" in bar.differences.text()  # the empty annex differs from the portfolio
    page.table.item(0, 0).setText("1")  # the person typed something else first
    QTest.mouseClick(bar.fill_button, Qt.MouseButton.LeftButton)
    budget = wizard.draft.budget
    assert budget.amount(years[0], "authority") == 20_000_000  # agorot
    assert budget.amount(years[1], "authority") == 20_000_000
    assert budget.amount(years[0], "organisation") == 7_500_050
    assert budget.amount(years[2], "authority") == 0
    assert bar.differences.text() == "הנספח תואם את תיק ההשקעות של היישוב."
    page.table.item(1, 0).setText("150,000")  # the annex changed by hand: the difference is said
    assert str(years[1]) in bar.differences.text() and "150,000" in bar.differences.text()
