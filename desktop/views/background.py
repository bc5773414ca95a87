"""Long work (an import, an export, a large PDF, a restore, a backup) in a thread of its own.

The window stays responsive: it repaints while the work runs, a progress dialog with a Cancel
button shows when the work takes more than a moment, and the work's result or error comes
back on the window's thread, where the caller reports it with the messages it always had.

- `run_with_progress(parent, title, label, work)` runs `work(progress)` in a worker thread
  and returns what it returned (or raises what it raised, `Cancelled` when the person pressed
  Cancel) once it is done; meanwhile a local event loop keeps the window painted. Until the
  dialog shows, the window ignores clicks and keys (they wait, as they would behind a busy
  window), and after Cancel it ignores them again until the work has stopped.
- `BackgroundTask` is the same work without a dialog (the backup taken when a workspace
  opens): `done` is emitted on the window's thread; `cancel()` and `wait()` stop it safely.
- `WorkspaceReader` reads what a dialog shows (the search's records, the calendar's meetings)
  from the workspace in a `BackgroundTask`; the dialog opens at once and fills when it is read.

The work must not touch widgets, nor a SQLAlchemy Session made in another thread: it opens
its own (`desktop.storage.worker.separate_workspace`) or receives plain data. It checks the
Cancel flag at safe points through `desktop.progress.Progress.step`, which raises Cancelled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QLabel, QProgressDialog, QWidget

from desktop import collector
from desktop.i18n import _
from desktop.progress import Cancelled, Progress

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace

__all__ = [
    "SHOW_AFTER_MS",
    "BackgroundTask",
    "Cancelled",
    "WorkspaceReader",
    "Progress",
    "let_go_in_background",
    "run_with_progress",
]

# The progress dialog shows only when the work takes longer than this (QProgressDialog's
# minimumDuration): a small PDF is written before anything appears. Tests set 0.
SHOW_AFTER_MS = 500
_STEPS = 1000  # the bar's resolution: reports that do not move it are not sent

T = TypeVar("T")

# Threads still running, kept here rather than by a parent: a QThread destroyed while it runs
# aborts the program, and a window may go away before the work it started has stopped.
_RUNNING: set[_Worker] = set()


def _empty_one_by_one(containers: tuple[list[Any] | dict[Any, Any], ...]) -> None:
    for container in containers:
        if isinstance(container, dict):
            while container:
                container.popitem()
        else:
            while container:
                container.pop()


def let_go_in_background(*containers: list[Any] | dict[Any, Any]) -> threading.Thread:
    """Empty these lists and dicts in a thread of their own, one element at a time.

    Freeing a large result at once (an import plan of half a million objects) holds the
    interpreter for its whole length, 110-130 ms, whichever thread does it; an element at a
    time lets the window's thread take its turn in between. The caller must own the
    containers: nothing else may still read them. Returns the thread (tests wait for it).
    """
    # (not a daemon: one stopped at exit in the middle of freeing can take the process down)
    thread = threading.Thread(target=_empty_one_by_one, args=(containers,), name="let-go")
    thread.start()
    return thread


class _Worker(QThread):
    """Runs the work; keeps what it returned or raised for the task to collect."""

    reported = Signal(int, int)

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self.progress = Progress(self._report)
        self.result: Any = None
        self.error: BaseException | None = None
        self._last = -1

    def _report(self, done: int, total: int) -> None:
        shown = round(_STEPS * done / total) if total > 0 else 0
        if shown != self._last:  # (a signal per row would flood the window's queue)
            self._last = shown
            self.reported.emit(shown, _STEPS)

    def run(self) -> None:
        try:
            with collector.paused():
                self.result = self.work(self.progress)
        except BaseException as error:  # handed to the window's thread, raised there
            self.error = error


class BackgroundTask(QObject, Generic[T]):
    """`work(progress)` in a thread of its own; `done` (on the window's thread) when it ends.

    After `done`, `result()` returns what the work returned or raises what it raised.
    """

    done = Signal()
    progressed = Signal(int, int)  # steps done, steps in all (on the window's thread)

    def __init__(self, work: Callable[[Progress], T], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = _Worker(work)
        self._worker.reported.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self._worker.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.is_done = False

    @property
    def progress(self) -> Progress:
        return self._worker.progress

    def start(self) -> None:
        _RUNNING.add(self._worker)
        self._worker.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next safe point (it undoes what it started)."""
        self._worker.progress.cancel()

    @property
    def running(self) -> bool:
        return self._worker.isRunning()

    @property
    def thread_(self) -> QThread:
        """The work's thread: `thread_.wait()` waits for it from any thread, sending nothing."""
        return self._worker

    def wait(self) -> None:
        """Block until the work has ended (for closing: cancel first to make it short)."""
        self._worker.wait()
        self._finished()

    def result(self) -> T:
        assert self.is_done, "the work has not ended yet"
        if self._worker.error is not None:
            raise self._worker.error
        # Handed over, not kept: a worker outlives its task (queued signals, _RUNNING) and
        # would otherwise keep a large result (an import plan) alive after its caller let go.
        result, self._worker.result = self._worker.result, None
        return cast(T, result)

    def error(self) -> BaseException | None:
        return self._worker.error

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if not self.is_done:
            self.progressed.emit(done, total)

    @Slot()
    def _finished(self) -> None:
        if self.is_done:  # (after wait(), the queued notice arrives too)
            return
        self._worker.wait()
        _RUNNING.discard(self._worker)
        self.is_done = True
        self.done.emit()


def progress_dialog(parent: QWidget, title: str, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)  # 0, 0: busy until the first step
    dialog.setObjectName("background_progress")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    return dialog


class _Progressing(QObject):
    """Feeds the dialog from the task, ends the local loop when the task or Cancel says so."""

    def __init__(self, task: BackgroundTask[Any], dialog: QProgressDialog, loop: QEventLoop) -> None:
        super().__init__(dialog)
        self.task, self.dialog, self.loop = task, dialog, loop
        task.progressed.connect(self.show_progress)
        task.done.connect(loop.quit)
        dialog.canceled.connect(self.cancel)

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if self.task.progress.cancelled:
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    @Slot()
    def cancel(self) -> None:
        self.task.cancel()
        self.loop.quit()


def run_with_progress(parent: QWidget, title: str, label: str, work: Callable[[Progress], T]) -> T:
    """Run `work(progress)` in another thread behind a progress dialog; return its result.

    Raises what the work raised, on this (the window's) thread: `Cancelled` after Cancel.
    """
    task: BackgroundTask[T] = BackgroundTask(work)
    dialog = progress_dialog(parent, title, label)
    loop = QEventLoop()
    _Progressing(task, dialog, loop)
    without_input = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    task.start()
    try:
        if SHOW_AFTER_MS > 0:  # a moment with the window painted but deaf, then the dialog
            QTimer.singleShot(SHOW_AFTER_MS, loop, loop.quit)
            loop.exec(without_input)
        while not task.is_done:
            cancelled = task.progress.cancelled
            if not cancelled and not dialog.isVisible():
                dialog.show()
            loop.exec(without_input if cancelled else QEventLoop.ProcessEventsFlag.AllEvents)
    finally:
        if not task.is_done:  # (an exception in a slot above): never leave the thread behind
            task.cancel()
            task.wait()
        dialog.hide()
        dialog.deleteLater()
        task.deleteLater()
    return task.result()


class WorkspaceReader(Generic[T]):
    """What `dialog` shows, read from the workspace in the background: `read(workspace,
    progress)` through the workspace's own connections for that thread (storage.worker). What
    it returned is handed to `done` on the window's thread; a failure is said on `said_on`
    (where the count or status would be). Closing the dialog stops the reading and waits for
    it: no thread may still read a file that is about to be closed."""

    def __init__(
        self,
        dialog: QDialog,
        workspace: Workspace,
        read: Callable[[Workspace, Progress], T],
        done: Callable[[T], None],
        said_on: QLabel,
    ) -> None:
        def work(progress: Progress) -> T:
            from desktop.storage.worker import separate_workspace

            with separate_workspace(workspace) as own:
                return read(own, progress)

        self._done, self._said_on = done, said_on
        said_on.setText(_("Reading the workspace…"))
        self._task: BackgroundTask[T] | None = BackgroundTask(work, dialog)
        self._task.done.connect(self._finished)
        dialog.finished.connect(self.stop)
        self._task.start()

    @property
    def reading(self) -> bool:
        return self._task is not None

    def _finished(self) -> None:
        task, self._task = self._task, None
        if task is None:  # (stopped: nothing to hand over)
            return
        try:
            result = task.result()
        except Exception as error:  # noqa: BLE001 - said where the dialog's content would be
            self._said_on.setText(_("The workspace could not be read: {error}").format(error=error))
            return
        self._done(result)

    def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            task.wait()
