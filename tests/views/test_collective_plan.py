"""A collective plan built in Hebrew the way a field lead does: started from a focus area of
the forum's shared agenda, objectives and a theory of change, actions with a budget split,
bad input said at the field with nothing lost, the review, and printing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTableWidgetItem
from pytestqt.qtbot import QtBot

from desktop.models.forum import FocusArea, Forum, Participant
from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.collective_plan_store import focus_areas, list_plans, load_plan
from desktop.storage.forum_store import save_forum
from desktop.storage.workspace import Workspace, create_workspace
from desktop.views.collective_plan.section import NewPlanDialog, plan_from_dialog
from desktop.views.collective_plan.window import PlanWindow
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
    del town
    forum = Forum("פורום עיצוב שדרות", place_of="שדרות")
    forum.participants = [
        Participant("p1", "רונית ששון", role="מנהלת מחלקת הנוער"),
        Participant("p2", "עומר לוי"),
    ]
    forum.agenda = [
        FocusArea(
            "f1",
            "חינוך בלתי פורמלי",
            challenge="השתתפות נמוכה בתנועות הנוער",
            long_term_goal="הגברת הזיקה וההשתתפות של הנוער",
            team=["p1", "p2"],
            lead="p1",
        ),
        FocusArea("f2", "גיל רך"),
    ]
    save_forum(workspace, forum)
    yield workspace
    workspace.close()


def _start_from_focus_area(qtbot: QtBot, workspace: Workspace, exports: list[tuple[int, str]]) -> PlanWindow:
    dialog = NewPlanDialog(
        focus_areas(workspace),
        _towns(workspace),
    )
    qtbot.addWidget(dialog)
    dialog.focus_area.setCurrentIndex(dialog.focus_area.findText("חינוך בלתי פורמלי – פורום עיצוב שדרות"))
    assert dialog.goal.text() == "חינוך בלתי פורמלי" and dialog.town.currentText() == "שדרות"
    _press_ok(dialog)
    assert dialog.result() == 1
    window = PlanWindow(workspace, plan_from_dialog(dialog), None, lambda *args: exports.append(args))
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _press_ok(dialog: NewPlanDialog) -> None:
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _towns(workspace: Workspace) -> dict[str, str]:
    from desktop.storage.collective_plan_store import authority_names

    return authority_names(workspace)


def _budget_cell(window: PlanWindow, year: int, column: int, text: str) -> None:
    table = window.actions_tab.budget
    row = next(r for r in range(table.rowCount()) if table.verticalHeaderItem(r).text() == str(year))
    item = table.item(row, column) or QTableWidgetItem()
    item.setText(text)  # what the cell's editor commits when the person presses Enter
    if table.item(row, column) is None:
        table.setItem(row, column, item)


def test_a_plan_from_a_focus_area_with_actions_budget_and_review(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports: list[tuple[int, str]] = []
    window = _start_from_focus_area(qtbot, workspace, exports)
    assert window.minimumSizeHint().width() <= SCREEN[0] and window.minimumSizeHint().height() <= SCREEN[1]
    [summary] = list_plans(workspace)  # it exists from the moment it opens
    assert summary.goal == "חינוך בלתי פורמלי" and summary.town == "שדרות"
    goal = window.goal_tab
    assert goal.field_lead.text() == "רונית ששון"
    assert goal.team.toPlainText() == "רונית ששון\nעומר לוי"
    assert goal.aim.toPlainText() == "הגברת הזיקה וההשתתפות של הנוער"
    goal.years.setValue(3)
    goal.first_year.setValue(2026)

    type_text(goal.new_objective, "העלאת שיעור המשתתפים מ-1200 ל-1800")
    QTest.mouseClick(goal.add_objective_button, Qt.MouseButton.LeftButton)
    assert goal.objectives.count() == 1

    # the theory of change: an activity the need leads to
    window.tabs.setCurrentWidget(window.logic_tab)
    logic = window.logic_tab
    [need] = window.plan.level_boxes("need")
    assert need.text == "השתתפות נמוכה בתנועות הנוער"
    logic.level.setCurrentIndex(logic.level.findData("activities"))
    type_text(logic.new_text, "פורום יישובי לחינוך בלתי פורמלי")
    QTest.mouseClick(logic.add_button, Qt.MouseButton.LeftButton)
    [activity] = window.plan.level_boxes("activities")
    need_rect, activity_rect = logic.canvas.box_rect(need.id), logic.canvas.box_rect(activity.id)
    assert need_rect.left() > activity_rect.right()  # the need on the right, the activity to its left
    QTest.mouseClick(logic.canvas, Qt.MouseButton.LeftButton, pos=need_rect.center().toPoint())
    assert logic.box_text.text() == "השתתפות נמוכה בתנועות הנוער"
    assert logic.leads_to.count() == 1
    logic.leads_to.item(0).setCheckState(Qt.CheckState.Checked)

    # actions: one without an owner is refused at the field, nothing lost
    window.tabs.setCurrentWidget(window.actions_tab)
    actions = window.actions_tab
    type_text(actions.new_title, "יצירת פורום יישובי")
    QTest.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    assert actions.add_error.text() == "לכל פעולה צריך אחראי/ת." and actions.add_error.isVisible()
    assert actions.new_title.text() == "יצירת פורום יישובי" and window.plan.actions == []
    type_text(actions.new_owner, "מחלקת הנוער")
    QTest.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    assert actions.table.rowCount() == 1 and not actions.add_error.isVisible()
    actions.infrastructure.setCurrentIndex(actions.infrastructure.findData("participation"))
    actions.life_stage.setCurrentIndex(actions.life_stage.findData("education"))
    type_text(actions.texts["metric"], "משתתפים בתנועות הנוער")
    leave_field(actions.texts["metric"])
    # dates out of order: said at the field, the action keeps its dates
    actions.end.setDate(actions.start.date().addDays(-1))
    assert actions.field_error.text() == "תאריך הסיום מוקדם מתאריך ההתחלה."
    assert window.plan.actions[0].end is None
    actions.end.setDate(actions.start.date().addDays(300))
    assert not actions.field_error.isVisible()

    # the budget of 2026: a split that does not add up, then one that does
    _budget_cell(window, 2026, 0, "1,500")
    _budget_cell(window, 2026, 1, "500")
    _budget_cell(window, 2026, 2, "500")
    assert "1,500" in actions.budget_error.text() and actions.budget_error.isVisible()
    assert window.plan.actions[0].budget == []
    _budget_cell(window, 2026, 3, "500")
    assert not actions.budget_error.isVisible()
    _budget_cell(window, 2027, 1, "-200")
    assert "שלילי" in actions.budget_error.text()
    _budget_cell(window, 2027, 1, "200")
    assert "1,700" in actions.table.item(0, 6).text()

    # the review: done and a note
    window.tabs.setCurrentWidget(window.review_tab)
    review = window.review_tab
    review.status.setCurrentIndex(review.status.findData("done"))
    type_text(review.done_text, "הפורום התכנס פעמיים")
    leave_field(review.done_text)
    assert "1 מתוך 1" in review.summary.text()
    assert review.budget.item(review.budget.rowCount() - 1, 0).text().count("1,700") == 1

    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    window.close()
    plan_id = list_plans(workspace)[0].id
    assert exports == [(plan_id, "collective-plan")]
    stored = load_plan(workspace, plan_id)
    [action] = stored.actions
    assert action.owner == "מחלקת הנוער" and action.infrastructure == "participation"
    assert action.objective == stored.objectives[0].id
    assert action.metric == "משתתפים בתנועות הנוער"
    assert [(b.year, b.total, b.authority) for b in action.budget] == [
        (2026, Decimal(1500), Decimal(500)),
        (2027, Decimal(200), Decimal(0)),
    ]
    assert action.status == "done" and action.done_text == "הפורום התכנס פעמיים"
    assert action.end is not None and action.start is not None and action.end > action.start
    assert [(a.text, b.text) for a, b in stored.links()] == [
        ("השתתפות נמוכה בתנועות הנוער", "פורום יישובי לחינוך בלתי פורמלי")
    ]
    assert stored.first_year == 2026 and stored.years == 3 and date(2026, 1, 1) <= action.start


def test_a_plan_without_a_goal_is_not_started(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = NewPlanDialog(focus_areas(workspace), _towns(workspace))
    qtbot.addWidget(dialog)
    _press_ok(dialog)
    assert dialog.result() == 0 and dialog.error.text() == "יש לכתוב את היעד היישובי שהתכנית משרתת."
    type_text(dialog.goal, "תעסוקה")
    _press_ok(dialog)
    assert dialog.result() == 1 and plan_from_dialog(dialog).goal == "תעסוקה"
