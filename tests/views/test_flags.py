"""Flags in Hebrew: map an item, diagnose it through the wizard, plan one flag, print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem, QWizard
from pytestqt.qtbot import QtBot

from desktop.models.flags import Flag
from desktop.storage.flags_store import load_cluster_flags
from desktop.views.flags.diagnosis_wizard import DiagnosisWizard, FlagPage, QuestionsPage
from tests.views.conftest import open_flags_window, type_text


def test_map_diagnose_and_plan(qtbot: QtBot, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    section = open_flags_window(qtbot, demo, "אשכול נגב מערבי")
    assert len(section.members) == 9

    mapping = section.mapping
    mapping.store()  # no name: refused at the form
    assert mapping.error.text() == "יש לתת שם לשותפות, לפרויקט או לשירות."
    type_text(mapping.name, "שירותי רווחה אזוריים")
    for row in range(3):
        mapping.authorities.item(row).setCheckState(Qt.CheckState.Checked)
    mapping.focus.setChecked(True)
    mapping.store()
    assert mapping.table.item(0, 4).text() == "\u200f3/9 (33.3%)"  # read from the right, as the row
    assert mapping.matrix.item(0, 5).text() == ""  # a member that does not take part

    section.tabs.setCurrentWidget(section.diagnoses)
    tab = section.diagnoses
    assert tab.item.currentText() == "שירותי רווחה אזוריים"
    flags = section.flags
    assert flags is not None
    diagnosis = flags.new_diagnosis(flags.items[0].id, date(2026, 3, 1))
    wizard = DiagnosisWizard(section, diagnosis)
    qtbot.addWidget(wizard)
    wizard.show()
    questions = wizard.currentPage()
    assert isinstance(questions, QuestionsPage)
    type_text(questions.answers["barriers"], "מרחק והיעדר תחבורה")
    wizard.button(QWizard.WizardButton.NextButton).click()
    for flag in Flag:
        page = wizard.currentPage()
        assert isinstance(page, FlagPage) and page.flag is flag
        wizard.button(QWizard.WizardButton.NextButton).click()
        assert wizard.currentPage() is page  # no agreed level yet: refused
        assert "יש לרשום את הרמה המוסכמת" in page.error.text()
        page.levels.button(2).setChecked(True)
        page._add_score_row("דנה", 1)
        page._add_score_row("סמיר", 3)
        assert "לדון לפני הסכמה" in page.spread.text()
        page.has_baseline.setChecked(True)
        page.baseline_value.setValue(35)
        wizard.button(QWizard.WizardButton.NextButton).click()
        assert wizard.currentPage() is page  # a baseline without a unit: refused
        assert page.error.text() == "לנקודת האפס דרושה יחידת מידה."
        type_text(page.baseline_unit, "% מהמשפחות")
        page.challenge.setChecked(flag is Flag.INCLUSIVE_GROWTH)
        wizard.button(QWizard.WizardButton.NextButton).click()
    summary = wizard.currentPage()
    summary.final.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()

    stored = load_cluster_flags(demo, flags.cluster)
    [saved] = stored.diagnoses
    assert saved.final and saved.answers["barriers"] == "מרחק והיעדר תחבורה"
    assert saved.flags["diversity"].scores == {"דנה": 1, "סמיר": 3}
    assert saved.flags["inclusive_growth"].baseline.unit == "% מהמשפחות"

    section.tabs.setCurrentWidget(section.plans)
    plans = section.plans
    assert plans.goal_table.rowCount() == 1  # starts from the diagnosis' baseline
    assert plans.goal_table.item(0, 1).text() == "35"
    plans.goal_table.setItem(0, 0, QTableWidgetItem("שיעור משפחות המקבלות שירות"))
    plans.goal_table.setItem(0, 3, QTableWidgetItem("60"))
    plans.action_table.insertRow(0)
    plans.action_table.setItem(0, 0, QTableWidgetItem("מפגש רכזים חודשי"))
    plans.store()
    assert "מפגש רכזים חודשי" in plans.error.text()  # no owner: said, and kept
    plans.action_table.setItem(0, 3, QTableWidgetItem("רונית"))
    plans.store()
    assert plans.error.text() == ""
    assert plans.workplan.rowCount() == 1 and plans.workplan.item(0, 3).text() == "רונית"
    [goal] = load_cluster_flags(demo, flags.cluster).plans[0].goals
    # whole numbers stay whole (12.0 for 12 would read as a change to every other copy)
    assert (goal.target, goal.baseline.value) == (60, 35)
    assert type(goal.target) is int and type(goal.baseline.value) is int

    from desktop.documents import export_document, flags_work_number

    out = tmp_path / "diagnosis.pdf"
    number = flags_work_number(demo, flags.cluster)
    export_document(demo, "flags-diagnosis", number, out, "he", diagnosis=saved.number)
    export_document(demo, "flags-workplan", number, tmp_path / "plan.pdf", "he")
    assert out.read_bytes().startswith(b"%PDF")
    from tests.reports.pdf_tools import embedded_fonts, needs_poppler

    if not needs_poppler.args[0]:
        assert all(embedded_fonts(out).values())  # the radar's text too: no bare Helvetica


def test_reopening_a_diagnosis_keeps_scores_and_follow_up_compares(qtbot: QtBot, demo) -> None:  # type: ignore[no-untyped-def]
    section = open_flags_window(qtbot, demo)
    flags = section.flags
    assert flags is not None
    from desktop.models.flags import Item

    flags.items.append(Item("i1", "שירות"))
    first = flags.new_diagnosis("i1", date(2025, 1, 1))
    first.flags["diversity"].scores = {"דנה": 2}
    first.flags["diversity"].agreed = 1
    wizard = DiagnosisWizard(section, first)
    qtbot.addWidget(wizard)
    page = wizard.flag_pages[3]
    assert page.read_scores() == {"דנה": 2}
    second = flags.new_diagnosis("i1", date(2026, 1, 1))
    second.flags["diversity"].agreed = 3
    section.tabs.setCurrentWidget(section.diagnoses)
    section.diagnoses.refresh()
    assert section.diagnoses.radar.earlier.get(Flag.DIVERSITY) == 1
    assert section.diagnoses.radar.latest.get(Flag.DIVERSITY) == 3


def test_charts_say_what_they_show_and_dates_are_chosen(
    qtbot: QtBot, demo, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit, QLabel

    from desktop.models.flags import Item
    from desktop.views.widgets import ISO_ROLE

    window = open_flags_window(qtbot, demo)
    flags = window.flags
    flags.items.append(Item("i1", "שירותי רווחה אזוריים"))
    first = flags.new_diagnosis("i1", date(2025, 3, 1))
    first.flags["diversity"].agreed = 1
    second = flags.new_diagnosis("i1", date(2026, 3, 1))
    second.flags["diversity"].agreed = 3
    window.save()
    window.tabs.setCurrentWidget(window.diagnoses)
    radar = window.diagnoses.radar
    assert [label for _colour, label in radar.legend] == [
        "האבחון הזה (1.3.2026)",
        "האבחון הקודם (1.3.2025)",
    ]
    key = {label.objectName(): label.text() for label in window.diagnoses.findChildren(QLabel)}
    assert [key[f"heat_key_{level}"] for level in (1, 2, 3, 4)] == ["1", "2", "3", "4"]
    assert "heat_key_empty" in key
    header = window.diagnoses.heat.horizontalHeaderItem(1).text()
    assert "\n" in header and header.replace("\n", " ") == Flag.REGIONAL_LEADERSHIP.label

    window.tabs.setCurrentWidget(window.plans)
    plans = window.plans
    plans.action_table.insertRow(0)
    plans.action_table.setCurrentCell(0, 4)
    plans.action_table.edit(plans.action_table.currentIndex())  # F2 or a double click
    editor = plans.action_table.findChild(QDateEdit, "cell_date")
    assert isinstance(editor, QDateEdit)  # a date is chosen, not typed as free text
    editor.setDate(QDate(2026, 9, 1))
    plans.action_table.commitData(editor)
    cell = plans.action_table.item(0, 4)
    assert cell.data(ISO_ROLE) == "2026-09-01" and cell.text() == "1.9.2026"
