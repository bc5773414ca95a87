"""The MOU wizard filled in Hebrew through its pages, saved, versioned and printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from desktop.models.agreement import Agreement
from desktop.models.mou import Parties
from desktop.models.mou_review import WizardPage
from desktop.models.mou_versions import freeze_version
from desktop.models.records import RecordKind
from desktop.storage.agreement_store import list_agreements, load_agreement, save_agreement
from desktop.storage.demo import create_demo_workspace
from desktop.storage.reference_store import choices
from desktop.storage.workspace import Workspace
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
from tests.views.seams import fit_laptop_screen, press, run_apart

_PAGE_CLASSES = {
    WizardPage.PARTIES: PartiesPage,
    WizardPage.PURPOSE: ClausesPage,
    WizardPage.STRATEGY: ClausesPage,
    WizardPage.BODIES: BodiesPage,
    WizardPage.EVALUATION_TIMELINE: TimelinePage,
    WizardPage.BUDGET: BudgetPage,
    WizardPage.SIGNATORIES: SignatoriesPage,
    WizardPage.REVIEW: ReviewPage,
}


def _choose(combo: QComboBox, text: str) -> None:
    combo.setCurrentIndex(combo.findText(text))


def _next(wizard: MouWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def test_fill_the_mou_wizard_save_and_print(qtbot: QtBot, demo: Workspace, tmp_path: Path) -> None:
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
    assert bodies.total.text().startswith("מפגשים בשנה בכל הגופים:")
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

    from desktop.documents import export_document

    out = tmp_path / "mou.pdf"
    export_document(demo, "mou", summary.id, out, "he")
    assert out.read_bytes().startswith(b"%PDF")


def _netivot_with_the_ministry(qtbot: QtBot, demo: Workspace) -> MouWizard:
    """A new MOU's wizard, shown, its parties chosen: נתיבות and משרד הפנים."""
    wizard = MouWizard(demo, Agreement.new("he"))
    qtbot.addWidget(wizard)
    wizard.show()
    parties = wizard.currentPage()
    assert isinstance(parties, PartiesPage)
    _choose(parties.authority, "נתיבות")
    _choose(parties.organisation, "משרד הפנים")
    return wizard


def test_leaving_half_way_keeps_the_draft_and_versions_compare(qtbot: QtBot, demo: Workspace) -> None:
    wizard = _netivot_with_the_ministry(qtbot, demo)
    _next(wizard)
    wizard.close()
    [summary] = list_agreements(demo)
    agreement = load_agreement(demo, summary.id)
    assert summary.title == "נתיבות"
    assert agreement.page == 0  # where she stopped is hers, not the record's
    reopened = MouWizard(demo, agreement, summary.id)
    qtbot.addWidget(reopened)
    assert isinstance(reopened.currentPage(), ClausesPage)  # ...remembered on her computer
    reopened.close()
    agreement = load_agreement(demo, summary.id)
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


def test_closing_on_a_page_keeps_what_was_typed_there(qtbot: QtBot, demo: Workspace) -> None:
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


# --- the seams: reopening, Back, go to page, autosave --------------------------------------------------

DOUBLE_CLICK_A_MISSING_LINE = """
import sys
from pathlib import Path

from desktop import i18n

i18n.set_language("he")
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication([])
from desktop.storage.agreement_store import load_agreement
from desktop.storage.workspace import open_workspace
from desktop.views.mou.wizard import MouWizard, ReviewPage

workspace = open_workspace(Path(sys.argv[1]))
agreement_id = int(sys.argv[2])
wizard = MouWizard(workspace, load_agreement(workspace, agreement_id), agreement_id)
wizard.show()
QTest.qWaitForWindowExposed(wizard)
review = wizard.currentPage()
assert isinstance(review, ReviewPage), review
line = review.missing.item(review.missing.count() - 1)
review.missing.scrollToItem(line)
rect = review.missing.visualItemRect(line)
assert not rect.isEmpty(), rect
left, no_key = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
QTest.mouseClick(review.missing.viewport(), left, no_key, rect.center())  # a double-click is a
QTest.mouseDClick(review.missing.viewport(), left, no_key, rect.center())  # click, then another
QTest.qWait(50)
print(line.data(Qt.ItemDataRole.UserRole), wizard.currentPage().kind.value)
wizard.close()
workspace.close()
"""


def _saved_draft(workspace: Workspace, page: WizardPage) -> int:
    authority = choices(workspace, RecordKind.AUTHORITY)[0][0]
    agreement = Agreement.new("he", parties=Parties(authority_uuid=authority))
    agreement.page = list(WizardPage).index(page)
    return save_agreement(workspace, agreement)


def test_a_missing_line_of_a_reopened_review_goes_to_its_page(tmp_path: Path) -> None:
    """Reopened at the review, double-clicking a missing line once looped on back() until Qt
    aborted: run apart, so an abort fails this test instead of ending the run."""
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    agreement_id = _saved_draft(workspace, WizardPage.REVIEW)
    workspace.close()
    result = run_apart(DOUBLE_CLICK_A_MISSING_LINE, str(tmp_path / "demo.shutafut"), str(agreement_id))
    assert result.returncode == 0, result.stderr[-2000:]
    wanted, reached = result.stdout.split()
    assert reached == wanted == WizardPage.SIGNATORIES.value


def test_a_reopened_draft_can_go_back_to_every_earlier_page(qtbot: QtBot, demo: Workspace) -> None:
    agreement_id = _saved_draft(demo, WizardPage.BUDGET)
    wizard = MouWizard(demo, load_agreement(demo, agreement_id), agreement_id)
    qtbot.addWidget(wizard)
    wizard.show()
    assert isinstance(wizard.currentPage(), BudgetPage)
    for kind in reversed(list(WizardPage)[: list(WizardPage).index(WizardPage.BUDGET)]):
        press(wizard, QWizard.WizardButton.BackButton)
        page = wizard.currentPage()
        assert isinstance(page, _PAGE_CLASSES[kind]) and page.kind is kind
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()


def test_the_review_is_reachable_from_every_page_and_leads_back(qtbot: QtBot, demo: Workspace) -> None:
    wizard = MouWizard(demo, Agreement.new("he"))
    qtbot.addWidget(wizard)
    wizard.show()
    assert isinstance(wizard.currentPage(), PartiesPage)  # nothing chosen: Next refuses...
    press(wizard, QWizard.WizardButton.CustomButton1)  # ...but the review is always reachable
    review = wizard.currentPage()
    assert isinstance(review, ReviewPage)
    assert not wizard.button(QWizard.WizardButton.CustomButton1).isEnabled()
    lines = review.missing.findItems("יש לבחור את הרשות המקומית", Qt.MatchFlag.MatchContains)
    review.missing.itemDoubleClicked.emit(lines[0])
    assert isinstance(wizard.currentPage(), PartiesPage)
    wizard.show_page(WizardPage.BUDGET)  # forward too, any page
    assert isinstance(wizard.currentPage(), BudgetPage)
    press(wizard, QWizard.WizardButton.BackButton)
    assert isinstance(wizard.currentPage(), TimelinePage)


def test_typed_values_survive_page_changes_closing_and_reopening_at_1366x768(
    qtbot: QtBot, demo: Workspace
) -> None:
    wizard = MouWizard(demo, Agreement.new("he"))
    qtbot.addWidget(wizard)
    wizard.show()
    fit_laptop_screen(wizard)
    parties = wizard.currentPage()
    assert isinstance(parties, PartiesPage)
    _choose(parties.authority, "שדרות")
    _choose(parties.organisation, "משרד הפנים")
    type_text(parties.notice, "60")
    type_text(parties.conditions, "בהודעה בכתב לכל הצדדים")
    press(wizard, QWizard.WizardButton.NextButton)  # mid-typing

    purpose = wizard.currentPage()
    assert isinstance(purpose, ClausesPage)
    purpose_key, purpose_editor = next(iter(purpose.editors.items()))
    purpose_editor.clear()
    type_text(purpose_editor, "חזון משותף לתושבי שדרות")
    press(wizard, QWizard.WizardButton.NextButton)  # mid-typing

    strategy = wizard.currentPage()
    assert isinstance(strategy, ClausesPage) and strategy.kind is WizardPage.STRATEGY
    strategy_key, strategy_editor = next(iter(strategy.editors.items()))
    strategy_editor.clear()
    type_text(strategy_editor, "השקעה ממוקדת יישוב")
    press(wizard, QWizard.WizardButton.BackButton)  # mid-typing, backwards
    assert wizard.currentPage() is purpose
    press(wizard, QWizard.WizardButton.NextButton)
    press(wizard, QWizard.WizardButton.NextButton)

    bodies = wizard.currentPage()
    assert isinstance(bodies, BodiesPage)
    bodies.editors[0].chair.clear()
    type_text(bodies.editors[0].chair, "ראש העירייה")
    press(wizard, QWizard.WizardButton.CancelButton)  # "close (keep the draft)", mid-typing

    [summary] = list_agreements(demo)
    reopened = MouWizard(demo, load_agreement(demo, summary.id), summary.id)
    qtbot.addWidget(reopened)
    reopened.show()
    fit_laptop_screen(reopened)
    bodies = reopened.currentPage()
    assert isinstance(bodies, BodiesPage)  # where it stopped
    assert bodies.editors[0].chair.text() == "ראש העירייה"
    press(reopened, QWizard.WizardButton.BackButton)
    strategy = reopened.currentPage()
    assert isinstance(strategy, ClausesPage)
    assert strategy.editors[strategy_key].toPlainText() == "השקעה ממוקדת יישוב"
    press(reopened, QWizard.WizardButton.BackButton)
    purpose = reopened.currentPage()
    assert isinstance(purpose, ClausesPage)
    assert purpose.editors[purpose_key].toPlainText() == "חזון משותף לתושבי שדרות"
    press(reopened, QWizard.WizardButton.BackButton)
    parties = reopened.currentPage()
    assert isinstance(parties, PartiesPage)
    assert parties.authority.currentText() == "שדרות"
    assert parties.organisation.currentText() == "משרד הפנים"
    assert parties.notice.text() == "60"
    assert parties.conditions.toPlainText() == "בהודעה בכתב לכל הצדדים"


def test_every_field_is_saved_as_it_changes(qtbot: QtBot, demo: Workspace) -> None:
    agreement_id = _saved_draft(demo, WizardPage.PURPOSE)
    wizard = MouWizard(demo, load_agreement(demo, agreement_id), agreement_id)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.currentPage()
    assert isinstance(page, ClausesPage)
    key, editor = next(iter(page.editors.items()))
    editor.clear()
    type_text(editor, "נשמר תוך כדי הקלדה")

    def stored() -> str:
        return next(c.text for c in load_agreement(demo, agreement_id).draft.clauses if c.key == key)

    qtbot.waitUntil(lambda: stored() == "נשמר תוך כדי הקלדה")  # no page change, no closing


def test_a_failed_save_is_said_on_the_wizard_the_text_kept_and_saved_on_retry(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    from typing import Any

    from sqlalchemy.orm import Session

    agreement_id = _saved_draft(demo, WizardPage.PURPOSE)
    wizard = MouWizard(demo, load_agreement(demo, agreement_id), agreement_id)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.currentPage()
    assert isinstance(page, ClausesPage)
    key, editor = next(iter(page.editors.items()))
    flush = Session.flush

    def full_disk(self: Session, objects: Any = None) -> None:
        if self.new or self.dirty or self.deleted:
            raise OSError(errno.ENOSPC, "No space left on device")
        flush(self, objects)

    monkeypatch.setattr(Session, "flush", full_disk)
    editor.clear()
    type_text(editor, "נוסח שלא נשמר עדיין")
    qtbot.waitUntil(wizard.status.isVisible)  # said on the wizard, no message box
    assert "הדיסק מלא" in wizard.status.message.text()
    assert editor.toPlainText() == "נוסח שלא נשמר עדיין"  # kept in the field

    def stored() -> str:
        return next(c.text for c in load_agreement(demo, agreement_id).draft.clauses if c.key == key)

    assert stored() != "נוסח שלא נשמר עדיין"
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.No
    )
    wizard.close()  # the save fails again: asked, and staying is the default
    assert asked and wizard.isVisible()
    monkeypatch.setattr(Session, "flush", flush)  # space freed
    wizard.status.retry.click()
    assert wizard.status.isHidden()
    assert stored() == "נוסח שלא נשמר עדיין"


def test_undo_takes_back_a_typed_change_and_the_review_button_stays(qtbot: QtBot, demo: Workspace) -> None:
    wizard = MouWizard(demo, Agreement.new("he"))
    qtbot.addWidget(wizard)
    wizard.show()
    fit_laptop_screen(wizard)
    undo = wizard.button(QWizard.WizardButton.CustomButton2)
    assert wizard.button(QWizard.WizardButton.CustomButton1).text() == "לסקירה"  # its own, kept
    parties = wizard.currentPage()
    assert isinstance(parties, PartiesPage)
    type_text(parties.conditions, "הודעה מראש של 90 יום")
    parties.notice.setFocus()  # leaving the field saves: a step
    qtbot.waitUntil(lambda: wizard.agreement_id is not None)
    qtbot.waitUntil(
        lambda: (
            load_agreement(demo, wizard.agreement_id).draft.parties.exit_conditions == "הודעה מראש של 90 יום"
        )
    )
    assert undo.isEnabled()
    undo.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is not parties)  # built again from the step before
    shown = wizard.currentPage()
    assert isinstance(shown, PartiesPage)
    assert shown.conditions.toPlainText() == ""
    assert load_agreement(demo, wizard.agreement_id).draft.parties.exit_conditions == ""


def _to_signatories(wizard: MouWizard) -> SignatoriesPage:
    while not isinstance(wizard.currentPage(), SignatoriesPage):
        _next(wizard)
    page = wizard.currentPage()
    assert isinstance(page, SignatoriesPage)
    return page


def test_signatories_reopen_with_the_person_chosen_and_the_name_typed(qtbot: QtBot, demo: Workspace) -> None:
    """Each name box offers everyone in one model (a foundation's 20,000 people made the page
    take 0.2 s as an item each); a person chosen and a name typed both come back."""
    from desktop.views.person_picker import ChoiceModel

    wizard = _netivot_with_the_ministry(qtbot, demo)
    page = _to_signatories(wizard)
    uuid, name = choices(demo, RecordKind.PERSON)[2]
    _choose(page.name_boxes[0], name)
    line = page.name_boxes[1].lineEdit()
    line.setFocus()
    type_text(line, "ד״ר נעמה לוי (אורחת)")
    wizard.close()

    [summary] = list_agreements(demo)
    first, second = load_agreement(demo, summary.id).draft.signatories[:2]
    assert (first.person.name, first.person.person_uuid) == (name, uuid)
    assert (second.person.name, second.person.person_uuid) == ("ד״ר נעמה לוי (אורחת)", None)
    reopened = MouWizard(demo, load_agreement(demo, summary.id), summary.id)
    qtbot.addWidget(reopened)
    reopened.show()
    page = _to_signatories(reopened)
    assert all(isinstance(box.model(), ChoiceModel) for box in page.name_boxes)
    assert (page.name_boxes[0].currentText(), page.name_boxes[0].currentData()) == (name, uuid)
    assert page.name_boxes[1].currentText() == "ד״ר נעמה לוי (אורחת)"
    assert page.read()[:2] == (first, second)
    reopened.close()
