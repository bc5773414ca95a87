"""The MOU wizard filled in Hebrew through its pages, saved, versioned and printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QWizard
from pytestqt.qtbot import QtBot

from desktop.models.agreement import Agreement
from desktop.models.mou_versions import freeze_version
from desktop.models.records import RecordKind
from desktop.storage.agreement_store import list_agreements, load_agreement, save_agreement
from desktop.storage.demo import create_demo_workspace
from desktop.storage.reference_store import choices
from desktop.views.mou.section import CompareDialog
from desktop.views.mou.wizard import (
    BodiesPage,
    BudgetPage,
    ClausesPage,
    MouWizard,
    PartiesPage,
    ReviewPage,
    SignatoriesPage,
    TimelinePage,
)
from tests.views.conftest import type_text


@pytest.fixture
def demo(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    yield workspace
    workspace.close()


def _choose(combo: QComboBox, text: str) -> None:
    combo.setCurrentIndex(combo.findText(text))


def _next(wizard: MouWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def test_fill_the_mou_wizard_save_and_print(qtbot: QtBot, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = MouWizard(demo, Agreement.new("he"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)

    parties = wizard.currentPage()
    assert isinstance(parties, PartiesPage)
    _next(wizard)
    assert wizard.currentPage() is parties
    assert parties.errors["parties.authority"].text() == "יש לבחור את הרשות המקומית."
    _choose(parties.authority, "שדרות")
    _choose(parties.organisation, "תקווה ישראלית – צוות המיזם")
    for row in range(parties.partners.count()):
        if parties.partners.item(row).text() in ("תקווה ישראלית – צוות המיזם", "קרן משפחתית לדוגמה (דמו)"):
            parties.partners.item(row).setCheckState(Qt.CheckState.Checked)
    type_text(parties.notice, "שבוע")
    _next(wizard)
    assert parties.errors["parties.exit_notice_days"].isVisible()
    parties.notice.clear()
    type_text(parties.notice, "90")
    _next(wizard)
    assert parties.errors["parties.partners"].text().startswith("צד נבחר פעמיים")
    for row in range(parties.partners.count()):
        if parties.partners.item(row).text() == "תקווה ישראלית – צוות המיזם":
            parties.partners.item(row).setCheckState(Qt.CheckState.Unchecked)
    _next(wizard)

    purpose = wizard.currentPage()
    assert isinstance(purpose, ClausesPage)
    first_key = next(iter(purpose.editors))
    editor = purpose.editors[first_key]
    editor.clear()
    type_text(editor, "חזון משותף לשדרות ולשותפים")
    _next(wizard)
    assert isinstance(wizard.currentPage(), ClausesPage)  # strategy and principles
    _next(wizard)

    bodies = wizard.currentPage()
    assert isinstance(bodies, BodiesPage)
    assert bodies.total.text().startswith("פגישות בשנה בכל הגופים:")
    before = len(bodies.editors)
    bodies._add_team()
    assert len(bodies.editors) == before + 1
    for body_editor in bodies.editors:
        if not body_editor.chair.text():
            type_text(body_editor.chair, 'מנכ"ל הרשות')
    _next(wizard)

    timeline = wizard.currentPage()
    assert isinstance(timeline, TimelinePage)
    timeline.start.setDate(QDate(2027, 1, 1))
    timeline.years.setValue(5)
    timeline.other_end.setChecked(True)
    timeline.end.setDate(QDate(2026, 6, 1))
    assert timeline.errors["timeframe"].text() == "תאריך הסיום מוקדם מתאריך ההתחלה."
    _next(wizard)
    assert wizard.currentPage() is timeline
    timeline.other_end.setChecked(False)
    assert timeline.phases.rowCount() >= 3
    _next(wizard)

    budget = wizard.currentPage()
    assert isinstance(budget, BudgetPage)
    years = len(wizard.draft.budget.years)
    assert years == 5 and budget.table.columnCount() == 4  # authority, organisation, partner
    budget.table.item(0, 0).setText("-5")
    assert "סכום אינו יכול להיות שלילי." in budget.messages.text()
    for row in range(years):
        for column in range(3):
            budget.table.item(row, column).setText("250,000")
    assert wizard.draft.budget.amount(2027, "authority") == 25_000_000
    budget.table.item(0, 3).setText("700,000")  # the person's own year total: wrong
    assert "התקציב אינו מסתכם" in budget.messages.text()
    _next(wizard)
    assert wizard.currentPage() is budget
    budget.table.item(0, 3).setText("750,000")
    assert budget.messages.text() == ""
    _next(wizard)

    signatories = wizard.currentPage()
    assert isinstance(signatories, SignatoriesPage)
    roles = [signatories.table.item(row, 0).text() for row in range(signatories.table.rowCount())]
    _next(wizard)  # nobody named yet: the review is reached all the same, and lists them
    review = wizard.currentPage()
    assert isinstance(review, ReviewPage)
    missing = [review.missing.item(row).text() for row in range(review.missing.count())]
    assert [line for line in missing if "יש להזין את שם החותם" in line] == [
        f"7. חותמים: יש להזין את שם החותם בתפקיד {role}." for role in roles
    ]  # each role named as the signatories table names it
    line = review.missing.findItems(roles[2], Qt.MatchFlag.MatchContains)[0]
    review.missing.itemDoubleClicked.emit(line)
    assert wizard.currentPage() is signatories
    people = [name for _uuid, name in choices(demo, RecordKind.PERSON)]
    for row, box in enumerate(signatories.name_boxes):
        box.setCurrentIndex(box.findText(people[row]))
    _next(wizard)

    review = wizard.currentPage()
    assert isinstance(review, ReviewPage)
    assert review.missing.item(0).text() == "לא חסר דבר: מסמך ההבנות מוכן לשליחה."
    assert "חזון משותף לשדרות ולשותפים" in review.document.toPlainText()
    wizard.button(QWizard.WizardButton.FinishButton).click()

    [summary] = list_agreements(demo)
    assert summary.title == "שדרות"
    stored = load_agreement(demo, summary.id)
    assert stored.draft.parties.exit_notice_days == 90
    assert stored.draft.budget.amount(2031, "organisation") == 25_000_000

    from desktop.reports.mou_report import build_mou_pdf

    out = tmp_path / "mou.pdf"
    build_mou_pdf(demo, summary.id, out=out)
    assert out.read_bytes().startswith(b"%PDF")


def test_leaving_half_way_keeps_the_draft_and_versions_compare(qtbot: QtBot, demo) -> None:  # type: ignore[no-untyped-def]
    wizard = MouWizard(demo, Agreement.new("he"))
    qtbot.addWidget(wizard)
    wizard.show()
    parties = wizard.currentPage()
    assert isinstance(parties, PartiesPage)
    _choose(parties.authority, "נתיבות")
    _choose(parties.organisation, "משרד הפנים")
    _next(wizard)
    wizard.close()
    [summary] = list_agreements(demo)
    agreement = load_agreement(demo, summary.id)
    assert agreement.page == 1 and summary.title == "נתיבות"
    agreement.versions.append(freeze_version(agreement.draft, [], date(2026, 11, 1)))
    clauses = agreement.draft.clauses
    from dataclasses import replace

    from desktop.models.mou import set_clause_text

    agreement.draft = replace(
        agreement.draft,
        clauses=set_clause_text(clauses, clauses[0].key, clauses[0].text + " ובשיתוף התושבים"),
    )
    save_agreement(demo, agreement, summary.id)
    dialog = CompareDialog(load_agreement(demo, summary.id))
    qtbot.addWidget(dialog)
    html = dialog.view.toHtml()
    assert "ובשיתוף" in html and "#c8e6c9" in html  # the added words, highlighted


def test_closing_on_a_page_keeps_what_was_typed_there(qtbot: QtBot, demo) -> None:  # type: ignore[no-untyped-def]
    agreement = Agreement.new("he")
    agreement.page = 1
    wizard = MouWizard(demo, agreement)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.currentPage()
    assert isinstance(page, ClausesPage)
    key, editor = next(iter(page.editors.items()))
    editor.clear()
    type_text(editor, "נוסח שהוקלד ולא אושר")
    wizard.close()
    [summary] = list_agreements(demo)
    stored = load_agreement(demo, summary.id)
    assert next(c.text for c in stored.draft.clauses if c.key == key) == "נוסח שהוקלד ולא אושר"
