"""The flags diagnosis wizard at 1366x768 in Hebrew: what is typed on its pages survives page
changes mid-typing, closing, and reopening the draft from storage where it stopped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from desktop.models.flags import ClusterFlags, Diagnosis, Flag, Item
from desktop.storage.flags_store import load_cluster_flags, save_cluster_flags
from desktop.storage.workspace import Workspace, open_workspace
from desktop.views.conflict_dialog import ConflictDialog
from desktop.views.flags.diagnosis_wizard import DiagnosisWizard, FlagPage, QuestionsPage
from desktop.views.flags.window import FlagsWindow
from tests.views.conftest import open_flags_window, type_text
from tests.views.seams import fit_laptop_screen, press


def _section(qtbot: QtBot, workspace: Workspace) -> FlagsWindow:
    return open_flags_window(qtbot, workspace)


def _baseline(page: FlagPage, value: str, unit: str) -> None:
    """A flag's page needs an agreed level and a baseline with its unit to move on."""
    page.has_baseline.click()
    page.baseline_value.lineEdit().selectAll()
    type_text(page.baseline_value, value)
    type_text(page.baseline_unit, unit)


def _open(qtbot: QtBot, section: FlagsWindow, diagnosis: Diagnosis) -> DiagnosisWizard:
    wizard = DiagnosisWizard(section, diagnosis)
    qtbot.addWidget(wizard)
    wizard.show()
    fit_laptop_screen(wizard)
    return wizard


def test_typed_values_survive_page_changes_closing_and_reopening_at_1366x768(
    qtbot: QtBot, demo: Workspace
) -> None:
    section = _section(qtbot, demo)
    flags = section.flags
    assert flags is not None
    flags.items.append(Item("i1", "שירותי רווחה אזוריים"))
    diagnosis = flags.new_diagnosis("i1", date(2026, 3, 1))
    section.save()
    wizard = _open(qtbot, section, diagnosis)

    questions = wizard.currentPage()
    assert isinstance(questions, QuestionsPage)
    first, second = list(questions.answers)[:2]
    type_text(questions.answers[first], "מרחק והיעדר תחבורה")
    type_text(questions.answers[second], "שלוש רשויות")
    press(wizard, QWizard.WizardButton.NextButton)  # mid-typing

    diversity = wizard.currentPage()
    assert isinstance(diversity, FlagPage)
    level_one = diversity.levels.button(2)
    level_one.click()
    type_text(diversity.evidence, "סקר תושבים 2025")
    _baseline(diversity, "35", "% מהמשפחות")
    type_text(diversity.justification, "שיתוף חלקי")
    press(wizard, QWizard.WizardButton.NextButton)  # mid-typing
    assert diversity.error.text() == ""

    following = wizard.currentPage()
    assert isinstance(following, FlagPage) and following is not diversity
    following.levels.button(3).click()
    type_text(following.justification, "תוכנית עבודה משותפת")
    press(wizard, QWizard.WizardButton.BackButton)  # mid-typing, backwards
    assert wizard.currentPage() is diversity
    press(wizard, QWizard.WizardButton.NextButton)
    assert following.justification.text() == "תוכנית עבודה משותפת"
    type_text(following.links, "קשר עם המתנ״ס")
    press(wizard, QWizard.WizardButton.CancelButton)  # "close (keep the draft)", mid-typing

    section.close()
    section = _section(qtbot, demo)  # the flags work opened again, from storage
    assert section.flags is not None
    stored = next(d for d in section.flags.diagnoses if d.id == diagnosis.id)
    reopened = _open(qtbot, section, stored)
    page = reopened.currentPage()
    assert isinstance(page, FlagPage) and page.flag is following.flag  # where it stopped
    assert page.justification.text() == "תוכנית עבודה משותפת"
    assert page.links.toPlainText() == "קשר עם המתנ״ס"
    assert page.levels.checkedId() == 3
    press(reopened, QWizard.WizardButton.BackButton)
    page = reopened.currentPage()
    assert isinstance(page, FlagPage) and page.flag is diversity.flag
    assert page.levels.checkedId() == 2
    assert page.evidence.toPlainText() == "סקר תושבים 2025"
    assert page.justification.text() == "שיתוף חלקי"
    assert (page.baseline_value.value(), page.baseline_unit.text()) == (35, "% מהמשפחות")
    press(reopened, QWizard.WizardButton.BackButton)
    questions = reopened.currentPage()
    assert isinstance(questions, QuestionsPage)
    assert questions.answers[first].toPlainText() == "מרחק והיעדר תחבורה"
    assert questions.answers[second].toPlainText() == "שלוש רשויות"
    assert not reopened.button(QWizard.WizardButton.BackButton).isEnabled()


def test_every_field_is_saved_as_it_changes(qtbot: QtBot, demo: Workspace) -> None:
    section = _section(qtbot, demo)
    flags = section.flags
    assert flags is not None
    flags.items.append(Item("i1", "שירות"))
    diagnosis = flags.new_diagnosis("i1", date(2026, 3, 1))
    wizard = _open(qtbot, section, diagnosis)
    press(wizard, QWizard.WizardButton.NextButton)
    page = wizard.currentPage()
    assert isinstance(page, FlagPage) and page.flag is list(Flag)[0]
    type_text(page.justification, "נשמר תוך כדי הקלדה")

    def stored() -> str:
        saved = load_cluster_flags(demo, flags.cluster).diagnoses
        return saved[0].flags[page.flag.value].justification if saved else ""

    qtbot.waitUntil(lambda: stored() == "נשמר תוך כדי הקלדה")  # no page change, no closing


def _someone_else_saves(path: Path, cluster: str, change: Callable[[ClusterFlags], None]) -> None:
    """Another person (another connection to the same workspace) saves the flags work first."""
    omer = open_workspace(path)
    theirs = load_cluster_flags(omer, cluster)
    change(theirs)
    save_cluster_flags(omer, theirs)
    omer.close()


def _take_theirs_at_the_next_save() -> None:
    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConflictDialog)
        dialog.take_theirs.click()

    QTimer.singleShot(0, respond)


def _a_stored_diagnosis_open(qtbot: QtBot, demo: Workspace) -> tuple[ClusterFlags, DiagnosisWizard]:
    """A new diagnosis of a new item, saved, open in its wizard over its flags window."""
    section = _section(qtbot, demo)
    flags = section.flags
    flags.items.append(Item("i1", "שירותי רווחה"))
    diagnosis = flags.new_diagnosis("i1", date(2026, 3, 1))
    section.save()
    return flags, _open(qtbot, section, diagnosis)


def test_after_taking_theirs_the_wizard_edits_their_diagnosis_and_keeps_what_is_typed(
    qtbot: QtBot, demo: Workspace
) -> None:
    flags, wizard = _a_stored_diagnosis_open(qtbot, demo)
    questions = wizard.currentPage()
    assert isinstance(questions, QuestionsPage)
    first, second = list(questions.answers)[:2]

    def answer_first(theirs: ClusterFlags) -> None:
        theirs.diagnoses[0].answers[first] = "התשובה של עומר"

    assert demo.path is not None
    _someone_else_saves(demo.path, flags.cluster, answer_first)
    type_text(questions.answers[first], "התשובה של דנה")
    _take_theirs_at_the_next_save()
    press(wizard, QWizard.WizardButton.NextButton)  # saves: Omer was first; Dana takes his
    qtbot.waitUntil(lambda: wizard.page(wizard.page_ids[0]) is not questions)  # built again
    press(wizard, QWizard.WizardButton.BackButton)
    shown = wizard.currentPage()
    assert isinstance(shown, QuestionsPage)
    assert shown.answers[first].toPlainText() == "התשובה של עומר"
    type_text(shown.answers[second], "נכתב אחרי")
    wizard.reject()
    stored = load_cluster_flags(demo, flags.cluster).diagnoses
    assert [d.answers.get(first) for d in stored] == ["התשובה של עומר"]
    assert [d.answers.get(second) for d in stored] == ["נכתב אחרי"]  # not lost in the copy left


def test_when_their_version_has_no_such_diagnosis_the_wizard_says_so_and_closes(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    flags, wizard = _a_stored_diagnosis_open(qtbot, demo)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *_a: told.append(text))

    def remove_it(theirs: ClusterFlags) -> None:
        theirs.diagnoses.clear()

    assert demo.path is not None
    _someone_else_saves(demo.path, flags.cluster, remove_it)
    questions = wizard.currentPage()
    assert isinstance(questions, QuestionsPage)
    type_text(questions.answers[list(questions.answers)[0]], "טיוטה")
    _take_theirs_at_the_next_save()
    press(wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert told == ["הגרסה שבחרת כבר אינה כוללת את האבחון הזה; האשף נסגר."]
    assert load_cluster_flags(demo, flags.cluster).diagnoses == []


def test_a_closed_diagnosis_wizard_does_not_stay_behind(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = _section(qtbot, demo)
    section.flags.items.append(Item("i1", "שירותי רווחה"))
    section.save()
    monkeypatch.setattr(DiagnosisWizard, "exec", lambda self: (self.show(), self.close(), 0)[-1])
    tab = section.diagnoses
    section.tabs.setCurrentWidget(tab)
    tab.item.setCurrentIndex(tab.item.findData("i1"))
    for _time in range(3):
        tab.diagnose()  # a diagnosis opened in its wizard and closed
    qtbot.waitUntil(lambda: not section.findChildren(DiagnosisWizard))
    assert len(load_cluster_flags(demo, section.flags.cluster).diagnoses) == 3
