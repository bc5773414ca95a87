"""The window's first view (issue 16: lists populated at most 2x a bare window). What the home
screen's first view of the workspace opened on the first paint does without (the Qt namespace's
enums, the fields' polisher, the backup taken on open) waits until that list has painted; a
section asked for sooner (a click while it opens) gets that work first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from pytestqt.qtbot import QtBot

from desktop.models.records import RecordKind
from desktop.storage import backups
from desktop.storage.workspace import create_workspace
from desktop.views.main_window import FIRST_VIEW_FALLBACK_MS, MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    yield main
    main.backups.wait()
    main.close()


def test_the_backup_of_the_workspace_opened_on_the_first_paint_starts_with_the_first_view(
    window: MainWindow, qtbot: QtBot, workspace_path: Path
) -> None:
    create_workspace(workspace_path).close()
    at_open: dict[str, bool] = {}

    def open_on_first_paint() -> None:  # as the app opens its first workspace
        assert window.open_workspace_file(workspace_path)
        at_open["first view pending"] = window.first_view_pending
        at_open["backing up"] = window.backups.running

    shown: list[bool] = []
    window.first_painted.connect(open_on_first_paint)
    window.first_view_shown.connect(lambda: shown.append(window.backups.running))
    window.show()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert at_open == {"first view pending": True, "backing up": False}
    assert shown == [True]  # started then
    window.backups.wait()
    assert [b.reason for b in backups.list_backups(workspace_path)] == [backups.BackupReason.OPEN]


def test_a_workspace_opened_after_the_first_paint_is_backed_up_at_once(
    window: MainWindow, qtbot: QtBot, workspace_path: Path
) -> None:
    create_workspace(workspace_path).close()
    at_open: list[bool] = []

    def open_after_the_first_paint() -> None:  # (as File > Open soon after the window shows)
        assert window.open_workspace_file(workspace_path)
        at_open.append(window.backups.running or bool(backups.list_backups(workspace_path)))

    window.first_painted.connect(lambda: QTimer.singleShot(0, open_after_the_first_paint))
    window.show()
    qtbot.waitUntil(lambda: bool(at_open), timeout=5000)
    assert at_open == [True]


def test_a_section_asked_for_before_the_first_view_gets_the_first_view_first(
    window: MainWindow, qtbot: QtBot, workspace_path: Path
) -> None:
    create_workspace(workspace_path).close()
    order: list[str] = []
    window.first_view_shown.connect(
        lambda: order.append("first view" if window._reference_section is None else "late first view")
    )

    def open_and_click_people() -> None:
        assert window.open_workspace_file(workspace_path)
        window.sidebar.setCurrentItem(window.kind_items[RecordKind.PERSON])  # before the list paints
        order.append("people" if window.sections.currentWidget() is window.reference_section else "?")

    window.first_painted.connect(open_and_click_people)
    window.show()
    qtbot.waitUntil(lambda: len(order) == 2, timeout=5000)
    assert order == ["first view", "people"]
    qtbot.wait(FIRST_VIEW_FALLBACK_MS + 100)  # the list's paint and the fallback come and go: once only
    assert order == ["first view", "people"]
