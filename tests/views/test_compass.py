"""The infrastructure-outcomes compass taken twice in Hebrew: goal areas from the town's
shared agenda, the seed's statements and one the team writes, marks and evidence in two
takings, the comparison, and printing it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.models.compass import new_compass
from desktop.models.forum import FocusArea, Forum
from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.compass_store import list_compasses, load_compass
from desktop.storage.forum_store import save_forum
from desktop.storage.workspace import Workspace, create_workspace
from desktop.views.compass.section import NewCompassDialog, towns_without_compass
from desktop.views.compass.window import CompassWindow
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
    reference_store.save_record(
        workspace, RecordKind.AUTHORITY, {"name_he": "שדרות", "municipal_status": "city"}
    )
    forum = Forum("פורום עיצוב שדרות", place_of="שדרות")
    forum.agenda = [FocusArea("f1", "צעירים"), FocusArea("f2", "גיל רך")]
    save_forum(workspace, forum)
    yield workspace
    workspace.close()


def _open(
    qtbot: QtBot, workspace: Workspace, exports: list[tuple[int, str, dict[str, Any]]]
) -> CompassWindow:
    dialog = NewCompassDialog(workspace, towns_without_compass(workspace))
    qtbot.addWidget(dialog)
    dialog.town.setCurrentIndex(dialog.town.findText("שדרות"))
    assert dialog.areas.toPlainText() == "צעירים\nגיל רך"  # from the town's shared agenda
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == 1
    compass = new_compass(str(dialog.town.currentData()), dialog.chosen_areas())
    window = CompassWindow(workspace, compass, None, lambda *args: exports.append(args))
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _take(window: CompassWindow, day: QDate, label: str) -> None:
    tab = window.takings_tab
    tab.taken_on.setDate(day)
    type_text(tab.label, label)
    QTest.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)


def _mark(window: CompassWindow, statement: str, area: str, value: str) -> None:
    combo = window.takings_tab.mark_combo(statement, area)
    combo.setCurrentIndex(combo.findData(value))


def test_the_compass_taken_twice_and_compared(qtbot: QtBot, workspace: Workspace) -> None:
    exports: list[tuple[int, str, dict[str, Any]]] = []
    window = _open(qtbot, workspace, exports)
    assert window.minimumSizeHint().width() <= SCREEN[0] and window.minimumSizeHint().height() <= SCREEN[1]
    statements = window.statements_tab
    assert statements.table.rowCount() == 6
    assert statements.table.item(0, 1).text() == "ישנה גישה חלקית לנתונים חיצוניים ומוסדיים הרלוונטיים לתחום"
    assert (
        statements.table.item(0, 2).text() == "מתוך מסמך המקור"
        and "ERI" in statements.table.item(0, 3).text()
    )

    # a statement the team writes: without a goal area it is refused, nothing lost
    statements.outcome.setCurrentIndex(statements.outcome.findData("public"))
    type_text(statements.new_text, "ועד התושבים שותף לקבלת ההחלטות")
    type_text(statements.new_source, "הצוות, על סמך פרוטוקולים")
    QTest.mouseClick(statements.add_button, Qt.MouseButton.LeftButton)
    assert statements.table.rowCount() == 7
    team_row = next(r for r in range(7) if statements.table.item(r, 2).text() == "נכתב על ידי הצוות")
    statements.table.selectRow(team_row)
    team_id = window.compass.statements[-1].id
    for row in range(statements.statement_areas.count()):
        statements.statement_areas.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert statements.statement_error.text() == "היגד צריך לפחות תחום יעד אחד לסימון."
    team = window.compass.statement(team_id)
    assert team is not None and team.areas == ["גיל רך"]  # the last area stays
    areas = statements.statement_areas
    areas.item(0).setCheckState(Qt.CheckState.Checked)  # צעירים
    areas.item(1).setCheckState(Qt.CheckState.Unchecked)  # not גיל רך
    assert team.areas == ["צעירים"] and not statements.statement_error.isVisible()

    window.tabs.setCurrentWidget(window.takings_tab)
    _take(window, QDate(2026, 3, 1), "שנה א'")
    _mark(window, "seed-data.data_role", "צעירים", "does_not_hold")
    _mark(window, "seed-data.sharing", "גיל רך", "holds")
    window.takings_tab.select_cell("seed-data.data_role", "צעירים")
    type_text(window.takings_tab.evidence, "אין בעל תפקיד בתקן")
    leave_field(window.takings_tab.evidence)
    _take(window, QDate(2028, 3, 1), "שנה ג'")
    _mark(window, "seed-data.data_role", "צעירים", "holds")
    _mark(window, team_id, "צעירים", "holds")

    window.tabs.setCurrentWidget(window.comparison_tab)
    comparison = window.comparison_tab
    assert comparison.before.currentText().startswith("שנה א'") and comparison.after.currentText().startswith(
        "שנה ג'"
    )
    rows = {
        (comparison.table.item(r, 0).text(), comparison.table.item(r, 1).text()): (
            comparison.table.item(r, 2).text(),
            comparison.table.item(r, 3).text(),
            comparison.table.item(r, 4).text(),
        )
        for r in range(comparison.table.rowCount())
    }
    data = "תרבות של קבלת החלטות מבוססות נתונים בתחומי מוביליות"
    assert rows[(data, "צעירים")][:2] == ("0/6", "1/6") and "מתקיים כעת" in rows[(data, "צעירים")][2]
    assert rows[(data, "גיל רך")] == ("1/6", "1/6", "ללא שינוי")
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    window.close()
    [summary] = list_compasses(workspace)
    assert exports == [(summary.id, "outcomes-compass", {"compare": 1})]
    stored = load_compass(workspace, summary.id)
    first, third = stored.ordered_takings()
    assert first.mark("seed-data.data_role", "צעירים").evidence == "אין בעל תפקיד בתקן"
    assert third.mark(team_id, "צעירים").value == "holds"
    assert summary.takings == 2 and summary.areas == 2
