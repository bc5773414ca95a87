"""File > Backups driven in Hebrew: back up now, restore with the confirmation answered,
periodic backups only after edits, and a damaged workspace offering its latest good backup."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.backups import BackupReason, list_backups, take_backup
from desktop.views.backups_dialog import BackupsDialog
from desktop.views.main_window import MainWindow
from desktop.views.qt_i18n import apply_language
from tests.storage.test_backups import _add, _damage, _names, _with_records


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    yield main
    for second in list(main.backup_windows):
        second.close()
    main.close()


def _in_modal(qtbot: QtBot, act: Callable[[QWidget], None]) -> list[str]:
    """Run `act` on the next modal window once it shows; close it if `act` did not."""
    failures: list[str] = []
    tries = [0]

    def run() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            tries[0] += 1
            if tries[0] < 250:  # give up after about 5 s, not to answer a later test's dialog
                QTimer.singleShot(20, run)
            return
        try:
            act(modal)
        except Exception as error:  # reported after exec() returns
            failures.append(repr(error))
        finally:
            if modal.isVisible():
                modal.close()

    QTimer.singleShot(0, run)
    return failures


def _rows(dialog: BackupsDialog) -> list[list[str]]:
    model = dialog.model
    return [[model.item(r, c).text() for c in range(3)] for r in range(model.rowCount())]


def test_back_up_now_then_restore_from_the_dialog(
    window: MainWindow,
    qtbot: QtBot,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_records(workspace_path, 0)
    assert window.open_workspace_file(workspace_path)
    window.backups.wait()  # the backup on open is taken in the background
    assert [b.reason for b in list_backups(workspace_path)] == [BackupReason.OPEN]
    assert window.workspace is not None
    _add(window.workspace, "ראשון")
    asked: list[str] = []

    def answer_yes(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    seen: dict[str, object] = {}

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, BackupsDialog)
        assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert len(_rows(dialog)) == 1
        qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
        rows = _rows(dialog)
        seen["rows"] = rows
        assert len(rows) == 2
        assert dialog.selected_backup() is not None
        assert "manual" in dialog.selected_backup().name  # type: ignore[union-attr]
        assert window.workspace is not None
        _add(window.workspace, "שני")  # saved after the backup: the restore takes it away
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    failures = _in_modal(qtbot, act)
    entry = next(a for a in window.file_menu.actions() if a.objectName() == "action_backups")
    assert entry.text() == "&גיבויים…"
    entry.trigger()
    assert not failures, failures
    rows = seen["rows"]
    assert isinstance(rows, list)
    assert any("ידני" in row[1] for row in rows)  # the reason, in Hebrew
    assert asked and "מגובה" in asked[0]  # the confirmation says the current state is kept
    assert window.workspace is not None and not window.workspace.read_only
    assert _names(window.workspace) == ["ראשון"]
    assert window.reference_section.current_page.model.rowCount() in (0, 1)
    reasons = [b.reason for b in list_backups(workspace_path)]
    assert BackupReason.BEFORE_RESTORE in reasons
    before = next(b for b in list_backups(workspace_path) if b.reason == BackupReason.BEFORE_RESTORE)
    assert len(reference_store.list_records(_opened(before.path), RecordKind.ORGANISATION)) == 2


def _opened(path: Path):  # type: ignore[no-untyped-def]
    from desktop.storage.workspace import open_workspace

    return open_workspace(path, read_only=True)


def test_periodic_backups_come_only_after_edits(window: MainWindow, workspace_path: Path) -> None:
    _with_records(workspace_path, 0)
    window.settings.setValue("backup_interval_minutes", 7)
    assert window.open_workspace_file(workspace_path)
    window.backups.wait()
    assert window.backups.timer.interval() == 7 * 60_000
    window.backups.wait()
    assert window.backups.tick() is False  # nothing saved since the backup on open
    assert window.workspace is not None
    _add(window.workspace, "עמותה")
    assert window.backups.tick() is True
    window.backups.wait()
    taken = window.backups.last_taken
    assert taken is not None and taken.reason == BackupReason.PERIODIC
    assert window.backups.tick() is False
    assert len(list_backups(workspace_path)) == 2


def test_interval_and_delete_in_the_dialog(
    window: MainWindow,
    qtbot: QtBot,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_records(workspace_path, 0)
    assert window.open_workspace_file(workspace_path)
    window.backups.wait()  # the backup on open is taken in the background
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, BackupsDialog)
        dialog.interval.setValue(25)
        assert len(_rows(dialog)) == 1
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        assert _rows(dialog) == []
        assert not dialog.restore_button.isEnabled()

    failures = _in_modal(qtbot, act)
    window.backups_action.trigger()
    assert not failures, failures
    assert window.settings.value("backup_interval_minutes") in (25, "25")
    assert window.backups.timer.interval() == 25 * 60_000
    assert list_backups(workspace_path) == []


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damaged_with_backup(workspace_path: Path) -> str:
    _with_records(workspace_path, 150)
    take_backup(workspace_path, BackupReason.MANUAL)
    _damage(workspace_path)
    return _digest(workspace_path)


def _click(name: str) -> Callable[[QWidget], None]:
    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert "150" not in box.text() and "גיבוי" in box.text()
        button = box.findChild(QPushButton, name)
        assert button is not None
        button.click()

    return act


def test_a_damaged_workspace_offers_to_open_its_backup_read_only(
    window: MainWindow,
    qtbot: QtBot,
    workspace_path: Path,
) -> None:
    damaged = _damaged_with_backup(workspace_path)
    failures = _in_modal(qtbot, _click("open_good_backup"))
    assert window.open_workspace_file(workspace_path)
    window.backups.wait()
    assert not failures, failures
    assert _digest(workspace_path) == damaged  # untouched
    assert window.workspace is None
    assert len(window.backup_windows) == 1
    second = window.backup_windows[0]
    assert second.workspace is not None and second.workspace.read_only
    assert "גיבוי" in second.windowTitle() and "קריאה בלבד" in second.windowTitle()
    assert len(_names(second.workspace)) == 150
    assert str(workspace_path) not in window.recent_paths()


def test_a_damaged_workspace_restored_from_its_backup_keeps_the_damaged_bytes(
    window: MainWindow,
    qtbot: QtBot,
    workspace_path: Path,
) -> None:
    damaged = _damaged_with_backup(workspace_path)
    failures = _in_modal(qtbot, _click("restore_good_backup"))
    assert window.open_workspace_file(workspace_path)
    window.backups.wait()
    assert not failures, failures
    assert window.workspace is not None and not window.workspace.read_only
    assert len(_names(window.workspace)) == 150
    kept = list(workspace_path.parent.glob("test.damaged-*.shutafut"))
    assert len(kept) == 1 and _digest(kept[0]) == damaged


def test_a_damaged_workspace_left_alone_when_the_offer_is_cancelled(
    window: MainWindow,
    qtbot: QtBot,
    workspace_path: Path,
) -> None:
    damaged = _damaged_with_backup(workspace_path)
    names_before = sorted(p.name for p in workspace_path.parent.rglob("*"))

    def cancel(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.reject()

    failures = _in_modal(qtbot, cancel)
    assert not window.open_workspace_file(workspace_path)
    assert not failures, failures
    assert _digest(workspace_path) == damaged
    assert sorted(p.name for p in workspace_path.parent.rglob("*")) == names_before
    assert window.workspace is None


def test_open_read_only_from_the_dialog_shows_the_backup_in_its_own_window(
    window: MainWindow,
    qtbot: QtBot,
    workspace_path: Path,
) -> None:
    _with_records(workspace_path, 2)
    assert window.open_workspace_file(workspace_path)
    window.backups.wait()
    assert window.workspace is not None
    _add(window.workspace, "אחרי הגיבוי")

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, BackupsDialog)
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    failures = _in_modal(qtbot, act)
    window.backups_action.trigger()
    assert not failures, failures
    assert len(window.backup_windows) == 1
    second = window.backup_windows[0]
    assert second.workspace is not None and second.workspace.read_only
    assert len(_names(second.workspace)) == 2  # the state on open, not what came after
    assert "גיבוי" in second.windowTitle() and "גיבוי" in second.mode_label.text()
    assert window.workspace is not None and len(_names(window.workspace)) == 3
    assert window.recent_paths()[0] == str(workspace_path.resolve())


def test_a_damaged_backup_is_refused_in_the_dialog_and_work_goes_on(
    window: MainWindow,
    qtbot: QtBot,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_records(workspace_path, 150)
    assert window.open_workspace_file(workspace_path)
    window.backups.wait()
    bad = list_backups(workspace_path)[0].path
    _damage(bad)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: errors.append(text))
    assert window.workspace is not None
    _add(window.workspace, "נשמר לפני הניסיון")

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, BackupsDialog)
        dialog.refresh(select=bad)
        assert dialog.selected_backup() == bad
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    failures = _in_modal(qtbot, act)
    window.backups_action.trigger()
    assert not failures, failures
    assert errors and bad.name in errors[0] and "לא שונה דבר" in errors[0]
    assert window.workspace is not None and not window.workspace.read_only
    assert len(_names(window.workspace)) == 151  # nothing saved was lost
    assert BackupReason.BEFORE_RESTORE not in [b.reason for b in list_backups(workspace_path)]


def test_a_damaged_backup_opened_from_the_dialog_is_explained_plainly(
    window: MainWindow,
    qtbot: QtBot,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_records(workspace_path, 150)
    assert window.open_workspace_file(workspace_path)
    window.backups.wait()
    bad = list_backups(workspace_path)[0].path
    _damage(bad)
    damaged = _digest(bad)
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: errors.append(text))

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, BackupsDialog)
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # nothing opened: the list stays

    failures = _in_modal(qtbot, act)
    window.backups_action.trigger()
    assert not failures, failures
    assert errors and bad.name in errors[0]
    assert window.backup_windows == []
    assert _digest(bad) == damaged
