"""The three instruments in the main window on the demo workspace: each section lists the
demo town's record, opens it in its editor, and Ctrl+P there prints its document through the
window's printer; a new collective plan is started from the section."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.storage.demo import create_demo_workspace
from desktop.views.main_window import MainWindow
from desktop.views.qt_i18n import apply_language
from tests.views.conftest import type_text

SCREEN = (1366, 768)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    create_demo_workspace(tmp_path / "demo.shutafut").close()
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.resize(*SCREEN)
    main.show()
    main.open_workspace_file(tmp_path / "demo.shutafut")
    yield main
    main.close()


def _ctrl_p_and_close(qtbot: QtBot, editor: Any) -> int:
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    QTest.keyClick(editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    editor.close()
    return 0


@pytest.mark.parametrize(
    ("key", "editor", "document", "name"),
    [
        (
            "collective-plans",
            "desktop.views.collective_plan.window.PlanWindow",
            "collective-plan",
            "חינוך בלתי פורמלי",
        ),
        ("portfolios", "desktop.views.portfolio.window.PortfolioWindow", "investment-portfolio", "שדרות"),
        ("compasses", "desktop.views.compass.window.CompassWindow", "outcomes-compass", "שדרות"),
    ],
)
def test_each_section_opens_its_record_and_prints_it(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    editor: str,
    document: str,
    name: str,
) -> None:
    from importlib import import_module

    printed: list[tuple[str, int | None]] = []
    monkeypatch.setattr(
        window.printer, "print_document", lambda k, record_id, options=None: printed.append((k, record_id))
    )
    module, class_name = editor.rsplit(".", 1)
    monkeypatch.setattr(
        getattr(import_module(module), class_name), "exec", lambda self: _ctrl_p_and_close(qtbot, self)
    )
    window.show_feature(key)
    section = window.feature_section(key)
    assert section.proxy.rowCount() == 1 and section.proxy.index(0, 0).data() == name
    section.table.setCurrentIndex(section.proxy.index(0, 0))
    record_id = section.selected_id()
    section.open_selected()
    assert printed == [(document, record_id)]


def test_a_new_plan_is_started_from_the_section(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.views.collective_plan import section as plan_section
    from desktop.views.collective_plan.window import PlanWindow

    def fill(dialog: plan_section.NewPlanDialog) -> int:
        type_text(dialog.goal, "תעסוקה")
        dialog.town.setCurrentIndex(dialog.town.findText("שדרות"))
        dialog._accept()
        return int(dialog.result())

    monkeypatch.setattr(plan_section.NewPlanDialog, "exec", fill)
    monkeypatch.setattr(PlanWindow, "exec", lambda self: 0)
    window.show_feature("collective-plans")
    section = window.feature_section("collective-plans")
    section.new_record()
    names = sorted(section.proxy.index(row, 0).data() for row in range(section.proxy.rowCount()))
    assert names == ["חינוך בלתי פורמלי", "תעסוקה"]
