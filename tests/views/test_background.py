"""Long work runs in a thread of its own behind a progress dialog with Cancel (issue 16).

No timings: where a test must press Cancel while the work runs, the work waits at a gate
(a threading.Event) that the test opens after pressing, so the order is always the same.
"""

from __future__ import annotations

import dataclasses
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop.models import exchange as ex
from desktop.models.records import RecordKind
from desktop.progress import Progress
from desktop.storage import backup as backup_module
from desktop.storage import backups
from desktop.storage import exchange as sx
from desktop.storage.reference_store import list_records
from desktop.storage.workspace import Workspace, create_workspace
from desktop.views import background
from desktop.views.exchange_dialogs import ExportDialog, ImportDialog, let_go_of_plan
from desktop.views.main_window import MainWindow
from desktop.views.qt_i18n import apply_language
from tests.storage.exchange_data import build

GATE_TIMEOUT = 30  # seconds: only so that a broken test fails instead of hanging


@pytest.fixture(autouse=True)
def hebrew_and_shown_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    monkeypatch.setattr(background, "SHOW_AFTER_MS", 0)  # the dialog shows as the work starts


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def _ui_thread() -> QThread:
    app = QApplication.instance()
    assert app is not None
    return app.thread()


def _when_progress_shows(
    qtbot: QtBot, act: Callable[[QProgressDialog], None], reached: threading.Event | None = None
) -> dict[str, Any]:
    """Run `act` on the progress dialog once it is on screen (while the work runs) and the
    work has `reached` its gate."""
    seen: dict[str, Any] = {}

    def look() -> None:
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.objectName() == "background_progress" and w.isVisible()
        ]
        if not shown or (reached is not None and not reached.is_set()):
            QTimer.singleShot(10, look)
            return
        dialog = shown[0]
        seen["label"] = dialog.labelText()
        seen["modal"] = dialog.isModal()
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None
        seen["cancel"] = cancel.text()
        act(dialog)

    QTimer.singleShot(0, look)
    return seen


def _press_cancel(qtbot: QtBot, gate: threading.Event) -> Callable[[QProgressDialog], None]:
    def press(dialog: QProgressDialog) -> None:
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None
        cancel.click()
        gate.set()  # only now may the work go on, to its next safe point

    return press


def _gated(
    gate: threading.Event, reached: threading.Event, real: Callable[..., Any], threads: list[QThread]
) -> Callable[..., Any]:
    """`real`, held at its start until the test opens `gate` (it sets `reached` on arrival)."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        threads.append(QThread.currentThread())
        reached.set()
        assert gate.wait(GATE_TIMEOUT), "Cancel was never pressed"
        return real(*args, **kwargs)

    return wrapper


def test_the_work_runs_in_another_thread_and_its_result_or_error_comes_back(qtbot: QtBot) -> None:
    parent = QPushButton("x")
    qtbot.addWidget(parent)
    parent.show()
    threads: list[QThread] = []
    reports: list[tuple[int, int]] = []

    def work(progress: Progress) -> int:
        threads.append(QThread.currentThread())
        for done in range(3):
            progress.step(done, 3)
        return 42

    seen = _when_progress_shows(qtbot, lambda dialog: reports.append((dialog.value(), dialog.maximum())))
    assert background.run_with_progress(parent, "כותרת", "עובדים…", work) == 42
    assert threads and threads[0] is not _ui_thread()
    assert seen.get("modal") is True and seen.get("label") == "עובדים…"
    assert seen.get("cancel") == "ביטול"

    def failing(_progress: Progress) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):  # raised here, on the window's thread
        background.run_with_progress(parent, "כותרת", "עובדים…", failing)


class _Kept:
    """A result that can be watched (weakref) and that the cycle collector tracks."""

    def __init__(self) -> None:
        self.parts = [{"n": n, "of": [n]} for n in range(1000)]


def test_the_worker_lets_go_of_the_result_once_handed_over(qtbot: QtBot) -> None:
    """A worker outlives its task (queued signals, the running set): it must not keep a large
    result alive once the caller has let go of it."""
    parent = QPushButton("x")
    qtbot.addWidget(parent)
    kept = background.run_with_progress(parent, "כותרת", "עובדים…", lambda _progress: _Kept())
    watch = weakref.ref(kept)
    del kept
    assert watch() is None


def test_letting_go_in_background_empties_the_containers_in_another_thread(qtbot: QtBot) -> None:
    records = [_Kept() for _ in range(3)]
    names = {n: _Kept() for n in range(3)}
    watched = [weakref.ref(r) for r in records] + [weakref.ref(v) for v in names.values()]
    letting_go = background.let_go_in_background(records, names)
    letting_go.join(GATE_TIMEOUT)
    assert letting_go is not threading.current_thread()
    assert records == [] and names == {}
    assert all(watch() is None for watch in watched)


def test_a_checked_plan_is_let_go_of_entirely(qtbot: QtBot, tmp_path: Path) -> None:
    """Every list and dict of the plan and of its file is emptied in the other thread: one
    left out would be freed at once on the window's thread when the dialog lets go."""
    source, _ids = build(tmp_path / "source.shutafut")
    file = tmp_path / "all.shutafut-exchange"
    sx.export_exchange(source, file, ex.Scope.EVERYTHING)
    target = create_workspace(tmp_path / "target.shutafut")
    plan = sx.plan_import(target, file)
    held = [
        (owner, part.name)
        for owner in (plan, plan.exchange)
        for part in dataclasses.fields(owner)
        if isinstance(getattr(owner, part.name), list | dict)
    ]
    assert any(getattr(owner, name) for owner, name in held)
    let_go_of_plan(plan).join(GATE_TIMEOUT)
    assert [name for owner, name in held if getattr(owner, name)] == []
    target.close()
    source.close()


def test_cancel_on_export_leaves_no_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _ids = build(tmp_path / "source.shutafut")
    out = tmp_path / "out" / "everything.shutafut-exchange"
    out.parent.mkdir()
    gate, reached, threads = threading.Event(), threading.Event(), []
    monkeypatch.setattr(ex, "write_exchange", _gated(gate, reached, ex.write_exchange, threads))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(out), ""))
    dialog = ExportDialog(workspace, str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    seen = _when_progress_shows(qtbot, _press_cancel(qtbot, gate), reached)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert threads and threads[0] is not _ui_thread()
    assert seen.get("label") == "כותבים את everything.shutafut-exchange…"
    assert dialog.result_ is None
    assert dialog.error.text() == "הייצוא בוטל; לא נכתב קובץ."
    assert list(out.parent.iterdir()) == []  # neither the file nor its partial copy
    workspace.close()


def _counts(workspace: Workspace) -> dict[RecordKind, int]:
    kinds = (RecordKind.ORGANISATION, RecordKind.PERSON, RecordKind.AUTHORITY, RecordKind.CLUSTER)
    return {kind: len(list_records(workspace, kind)) for kind in kinds}


def test_cancel_on_import_leaves_the_workspace_unchanged(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _ids = build(tmp_path / "source.shutafut")
    file = tmp_path / "all.shutafut-exchange"
    sx.export_exchange(source, file, ex.Scope.EVERYTHING)
    source.close()
    target = create_workspace(tmp_path / "target.shutafut")
    before = _counts(target)
    plan = sx.plan_import(target, file)
    gate, reached, threads = threading.Event(), threading.Event(), []
    # at the end of the import, inside its transaction: everything is written but not committed
    monkeypatch.setattr(sx, "_remember", _gated(gate, reached, sx._remember, threads))
    dialog = ImportDialog(target, plan)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    seen = _when_progress_shows(qtbot, _press_cancel(qtbot, gate), reached)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert threads and threads[0] is not _ui_thread()
    assert seen.get("label") == "מייבאים את all.shutafut-exchange…"
    assert dialog.result_ is None
    assert dialog.error.text() == "הייבוא בוטל; דבר לא יובא."
    assert _counts(target) == before
    target.close()


def test_an_error_in_the_worker_shows_the_message(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _ids = build(tmp_path / "source.shutafut")
    out = tmp_path / "no such folder" / "everything.shutafut-exchange"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(out), ""))
    dialog = ExportDialog(workspace, str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result_ is None
    assert dialog.error.isVisible()
    assert dialog.error.text().startswith("לא ניתן לכתוב את הקובץ")  # as before: the same message
    assert not out.exists()
    workspace.close()


def test_a_pdf_is_built_in_another_thread(
    window: MainWindow, workspace_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.documents import PreparedDocument

    create_workspace(workspace_path).close()
    assert window.open_workspace_file(workspace_path)
    threads: list[QThread] = []
    real = PreparedDocument.build

    def build_pdf(self: PreparedDocument, out: Path, language: str) -> None:
        threads.append(QThread.currentThread())
        real(self, out, language)

    monkeypatch.setattr(PreparedDocument, "build", build_pdf)
    out = tmp_path / "summary.pdf"
    assert window.export_pdf_to(out, "he", open_after=False)
    assert threads and threads[0] is not _ui_thread()
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir() if ".writing-" in p.name] == []


def test_the_backup_at_open_is_taken_off_the_window_thread(
    window: MainWindow, workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_workspace(workspace_path).close()
    threads: list[QThread] = []
    real = backups.take_backup

    def take(*args: Any, **kwargs: Any) -> backups.BackupInfo:
        threads.append(QThread.currentThread())
        return real(*args, **kwargs)

    monkeypatch.setattr(backups, "take_backup", take)
    assert window.open_workspace_file(workspace_path)
    window.backups.wait()
    assert threads and threads[0] is not _ui_thread()
    found = backups.list_backups(workspace_path)
    assert [b.reason for b in found] == [backups.BackupReason.OPEN]
    assert found[0].path.is_file() and not backups.backup_problem(found[0].path)


def test_closing_while_the_backup_at_open_runs_leaves_no_partial_file(
    window: MainWindow, workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_workspace(workspace_path).close()
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 1)  # a report after every page
    copying = threading.Event()
    real = Progress.sqlite_backup_callback

    def held_copy(self: Progress) -> Callable[[int, int, int], None]:
        report = real(self)

        def copied(status: int, remaining: int, total: int) -> None:
            if not copying.is_set():
                copying.set()  # part of the copy is on disk: held until the window cancels
                self._cancelled.wait(GATE_TIMEOUT)
            report(status, remaining, total)  # raises Cancelled once cancelled

        return copied

    monkeypatch.setattr(Progress, "sqlite_backup_callback", held_copy)
    assert window.open_workspace_file(workspace_path)
    assert copying.wait(GATE_TIMEOUT)
    folder = backups.backups_folder(workspace_path)
    assert [p.name for p in folder.iterdir() if ".partial" in p.name]  # the half copy, until…
    window.close()  # …the window cancels the backup and waits for it
    assert not window.backups.running
    assert list(folder.iterdir()) == []
    assert backups.list_backups(workspace_path) == []
