"""File > Backups: automatic backups while working, the Backups dialog, and the offer of a
good backup when a workspace turns out to be damaged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QItemSelectionModel, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _, os_error_text
from desktop.storage import backups
from desktop.storage.backups import BackupInfo, BackupReason
from desktop.views.background import BackgroundTask, Cancelled, Progress, run_with_progress
from desktop.views.qt_i18n import isolate, path_text

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace
    from desktop.views.main_window import MainWindow

INTERVAL_KEY = "backup_interval_minutes"
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def backup_interval(settings: QSettings) -> int:
    try:
        minutes = int(str(settings.value(INTERVAL_KEY, backups.DEFAULT_INTERVAL_MINUTES)))
    except ValueError:
        minutes = backups.DEFAULT_INTERVAL_MINUTES
    return max(1, min(minutes, 240))


class BackupScheduler(QObject):
    """Backs up the open workspace on open, then at most every N minutes, only after edits.

    The automatic backups are taken in a thread of their own (a large workspace takes a
    second or more to copy and check): a problem is said when the backup ends, and closing
    the workspace cancels a backup still running and waits for it to stop, so no half
    backup is left (the copy takes its name only once complete and checked).
    """

    message = Signal(str)
    taken = Signal(object)  # the BackupInfo of an automatic backup, once it is complete

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.path: Path | None = None
        self._watcher: backups.ChangeWatcher | None = None
        self._task: BackgroundTask[BackupInfo] | None = None
        self.last_taken: BackupInfo | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)

    def start(self, workspace: Workspace) -> None:
        """Start the backup on open (in the background) and watch `workspace` (a writable one)."""
        self.stop()
        assert workspace.path is not None, "only workspace files are backed up here"
        self.path = workspace.path
        self._watcher = backups.ChangeWatcher(workspace.path)
        self._in_background(BackupReason.OPEN)
        self.timer.start(backup_interval(self.settings) * 60_000)

    @property
    def running(self) -> bool:
        return self._task is not None

    def _in_background(self, reason: BackupReason) -> None:
        path = self.path
        assert path is not None

        def back_up(progress: Progress) -> BackupInfo:
            return backups.take_backup(path, reason, progress=progress)

        task: BackgroundTask[BackupInfo] = BackgroundTask(back_up, self)
        task.done.connect(lambda: self._ended(task))
        self._task = task
        task.start()

    def _ended(self, task: BackgroundTask[BackupInfo]) -> None:
        if self._task is task:
            self._task = None
        task.deleteLater()
        try:
            info = task.result()
        except Cancelled:  # the workspace closed meanwhile: nothing was left behind
            return
        except (OSError, backups.WorkspaceError) as error:
            self._report(error)
            return
        self.last_taken = info
        self.taken.emit(info)

    def wait(self) -> None:
        """Wait for the automatic backup still running, if any (its end is handled first)."""
        if self._task is not None:
            self._task.wait()

    def set_interval(self, minutes: int) -> None:
        self.settings.setValue(INTERVAL_KEY, minutes)
        if self.timer.isActive():
            self.timer.start(backup_interval(self.settings) * 60_000)

    def tick(self) -> bool:
        """Start a periodic backup (in the background) if anything was saved since the last
        one and none is running; whether one was started."""
        if self.path is None or self._watcher is None or self._task is not None:
            return False
        if not self._watcher.changed():
            return False
        self._watcher.mark()  # what is saved while copying counts for the next one
        self._in_background(BackupReason.PERIODIC)
        return True

    def manual_backup(self) -> Callable[[Progress], BackupInfo]:
        """The work of a backup by hand, for a worker thread: it lets the automatic backup
        still running (if any) end first, since two copies at once would race for a name."""
        assert self.path is not None
        path = self.path
        running = self._task.thread_ if self._task is not None else None
        if self._watcher is not None:
            self._watcher.mark()

        def back_up(progress: Progress) -> BackupInfo:
            if running is not None:
                running.wait()
            return backups.take_backup(path, BackupReason.MANUAL, progress=progress)

        return back_up

    def back_up_now(self) -> BackupInfo:
        self.wait()
        return self.manual_backup()(Progress())

    def _report(self, error: Exception) -> None:
        detail = os_error_text(error)
        self.message.emit(_("The automatic backup failed: {error}").format(error=detail))

    def stop(self) -> None:
        """Stop before the workspace closes: a backup still running is cancelled (it removes
        its partial copy) and waited for; the watcher's connection must close first."""
        self.timer.stop()
        task = self._task
        if task is not None:
            task.cancel()
            task.wait()
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        self.path = None


class BackupsDialog(QDialog):
    """The workspace's backups: date, reason and size; back up, open, restore, delete."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("backups_dialog")
        self.window_ = window
        assert window.workspace is not None and window.workspace.path is not None
        self.workspace_path: Path = window.workspace.path
        self.writable = not window.workspace.read_only
        self.setWindowTitle(_("Backups of {name}").format(name=isolate(window.workspace.name)))
        self.setMinimumSize(640, 420)

        folder = QLabel(
            _("Backups are kept in the folder {folder}, beside the workspace.").format(
                folder=path_text(str(backups.backups_folder(self.workspace_path)))
            )
        )
        folder.setObjectName("backups_folder")
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        policy = QLabel(
            _(
                "Shutafut backs up the workspace when it opens and, while you work, at most once "
                "every few minutes. It keeps every backup of the last 48 hours, then the newest of "
                "each day for 14 days and the newest of each week for 8 weeks; the newest good "
                "backup is never deleted."
            )
        )
        policy.setWordWrap(True)

        self.model = QStandardItemModel(0, 3, self)
        self.model.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("backups_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.open_selected)

        self.interval = QSpinBox()
        self.interval.setObjectName("backup_interval")
        self.interval.setRange(1, 240)
        self.interval.setValue(backup_interval(window.settings))
        self.interval.valueChanged.connect(window.backups.set_interval)
        form = QFormLayout()
        form.addRow(_("Back up while working at most every (minutes)"), self.interval)

        self.backup_button = QPushButton(_("&Back up now"))
        self.backup_button.setObjectName("backup_now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.open_button = QPushButton(_("&Open read-only"))
        self.open_button.setObjectName("open_backup")
        self.open_button.clicked.connect(self.open_selected)
        self.restore_button = QPushButton(_("&Restore…"))
        self.restore_button.setObjectName("restore_backup")
        self.restore_button.clicked.connect(self.restore_selected)
        self.delete_button = QPushButton(_("&Delete…"))
        self.delete_button.setObjectName("delete_backup")
        self.delete_button.clicked.connect(self.delete_selected)
        row = QHBoxLayout()
        for button in (self.backup_button, self.open_button, self.restore_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        self.error = QLabel()
        self.error.setObjectName("backups_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(folder)
        layout.addWidget(policy)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(close)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()
        # an automatic backup ending while the list is open (the one on open, in the background)
        window.backups.taken.connect(lambda _info: self.refresh(select=self.selected_backup()))

    def refresh(self, select: Path | None = None) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels([_("Taken"), _("Why"), _("Size")])
        found = backups.list_backups(self.workspace_path)  # newest first
        for rank, backup in enumerate(found):
            taken = QStandardItem(i18n.format_datetime(backup.taken_at))
            taken.setData(len(found) - rank, SORT_ROLE)
            taken.setData(str(backup.path), PATH_ROLE)
            taken.setToolTip(str(backup.path))
            reason = QStandardItem(backup.reason.label)
            reason.setData(backup.reason.label, SORT_ROLE)
            size = QStandardItem(i18n.format_file_size(backup.size))
            size.setData(backup.size, SORT_ROLE)
            self.model.appendRow([taken, reason, size])
        self.model.sort(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        row = 0
        for number in range(self.model.rowCount()):
            if select is not None and self.model.item(number, 0).data(PATH_ROLE) == str(select):
                row = number
        if self.model.rowCount():  # not selectRow(): it follows the mouse buttons held
            flags = QItemSelectionModel.SelectionFlag
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), flags.ClearAndSelect | flags.Rows
            )
        self._update_buttons()

    def selected_backup(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return Path(str(self.model.item(rows[0].row(), 0).data(PATH_ROLE)))

    def _selected_date(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        return str(self.model.item(rows[0].row(), 0).text()) if rows else ""

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_backup() is not None
        self.backup_button.setEnabled(self.writable)
        self.open_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen and self.writable)
        self.delete_button.setEnabled(chosen)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def back_up_now(self) -> None:
        label = _("Backing up {name}…").format(name=self.workspace_path.name)
        try:
            info = run_with_progress(self, _("Backups"), label, self.window_.backups.manual_backup())
        except Cancelled:
            self._show_error(_("The backup was cancelled; no backup was added."))
            return
        except (OSError, backups.WorkspaceError) as error:
            self._show_error(_("The backup failed: {error}").format(error=os_error_text(error)))
            return
        self._show_error("")
        self.refresh(select=info.path)

    def open_selected(self) -> None:
        backup = self.selected_backup()
        if backup is not None and open_backup_window(self.window_, backup) is not None:
            self.accept()  # this dialog is modal: leave the backup's window usable

    def restore_selected(self) -> None:
        backup = self.selected_backup()
        if backup is None:
            return
        buttons = QtWidgets.QMessageBox.StandardButton
        answer = QtWidgets.QMessageBox.question(
            self,
            _("Restore a backup"),
            _(
                "Replace the workspace {name} with the backup of {date}?\n\nIts current state is "
                "backed up first, so you can come back to it from this list."
            ).format(name=isolate(self.workspace_path.name), date=self._selected_date()),
            buttons.Yes | buttons.Cancel,
            buttons.Cancel,
        )
        if answer != buttons.Yes:
            return
        if self.window_.restore_workspace_from(backup):
            self.accept()
        else:
            self.refresh()

    def delete_selected(self) -> None:
        backup = self.selected_backup()
        if backup is None:
            return
        buttons = QtWidgets.QMessageBox.StandardButton
        answer = QtWidgets.QMessageBox.question(
            self,
            _("Delete a backup"),
            _("Delete the backup of {date}? This cannot be undone.").format(date=self._selected_date()),
            buttons.Yes | buttons.Cancel,
            buttons.Cancel,
        )
        if answer != buttons.Yes:
            return
        try:
            backups.delete_backup(backup)
        except OSError as error:
            self._show_error(_("The backup could not be deleted: {error}").format(error=os_error_text(error)))
            return
        self.refresh()


def open_backup_window(window: MainWindow, backup: Path) -> MainWindow | None:
    """Open `backup` read-only in a second window titled as a backup."""
    from desktop.views.main_window import MainWindow

    second = MainWindow(window.settings)
    second.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if not second.open_workspace_file(backup, read_only=True, remember=False):
        second.deleteLater()
        return None
    info = next((b for b in backups.list_backups(_workspace_of(backup)) if b.path == backup.resolve()), None)
    assert second.workspace is not None
    second.workspace.read_only_reason = _(
        "A backup, opened read-only. To go back to it, restore it from File > Backups."
    )
    if info is not None:
        second.workspace.read_only_reason = _(
            "A backup of {date}, opened read-only. To go back to it, restore it from File > Backups."
        ).format(date=i18n.format_datetime(info.taken_at))
    second._update_title()
    window.backup_windows.append(second)
    second.destroyed.connect(lambda *_a, w=second: _forget(window, w))
    second.show()
    return second


def _forget(window: MainWindow, second: MainWindow) -> None:
    if second in window.backup_windows:
        window.backup_windows.remove(second)


def _workspace_of(backup: Path) -> Path:
    """The workspace a backup in `<stem>.backups/` belongs to (its listing knows the backup)."""
    folder = backup.resolve().parent
    if folder.name.endswith(".backups"):
        return folder.with_name(folder.name[: -len(".backups")] + ".shutafut")
    return backup


def offer_good_backup(window: QWidget, path: Path, problem: str) -> tuple[str, Path | None]:
    """Explain a damaged workspace and offer its latest good backup.

    Returns ("open" | "restore" | "", the backup).
    """
    good = backups.latest_good_backup(path)
    box = QtWidgets.QMessageBox(window)
    box.setObjectName("damaged_message")
    box.setIcon(QtWidgets.QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Cannot open workspace"))
    if good is None:
        box.setText(
            problem
            + "\n\n"
            + _("There is no good backup of it in {folder}.").format(
                folder=isolate(str(backups.backups_folder(path)))
            )
        )
        box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Close)
        box.exec()
        return "", None
    box.setText(
        problem
        + "\n\n"
        + _(
            "The latest good backup is of {date}. You can open it read-only to look at it, or "
            "restore it: the damaged file is then kept aside, unchanged, beside the workspace."
        ).format(date=i18n.format_datetime(good.taken_at))
    )
    open_button = box.addButton(_("Open the backup read-only"), QtWidgets.QMessageBox.ButtonRole.ActionRole)
    open_button.setObjectName("open_good_backup")
    restore_button = box.addButton(_("Restore the backup"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    restore_button.setObjectName("restore_good_backup")
    box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_button:
        return "open", good.path
    if clicked is restore_button:
        return "restore", good.path
    return "", None


def offer_backup_in_window(window: MainWindow, path: Path, problem: str) -> bool:
    """Opening `path` found it damaged: offer its latest good backup, then do what was chosen."""
    choice, backup = offer_good_backup(window, path, problem)
    if choice == "open" and backup is not None:
        return open_backup_window(window, backup) is not None
    if choice == "restore" and backup is not None:
        return restore_in_window(window, backup, path)
    return False


def restore_in_window(window: MainWindow, backup: Path, path: Path | None = None) -> bool:
    """Replace the window's open workspace (or the closed one at `path`) with `backup`, then
    open it there. The window keeps the workspace's lock through the swap."""
    was_open = path is None
    if path is None:
        if window.workspace is None or not window._commit_pending():
            return False
        if window.workspace.path is None:
            return False
        path = window.workspace.path
        lock, window._lock = window._lock, None
        window._close_workspace()
    else:
        lock = window._acquire_lock(path)
        if lock is None:
            QtWidgets.QMessageBox.critical(
                window,
                _("Restore a backup"),
                _(
                    "The workspace {name} is open in another copy of Shutafut. Close it there, "
                    "then restore. Nothing was changed."
                ).format(name=path.name),
            )
            return False
    workspace_path = path

    def restore(progress: Progress) -> backups.RestoreResult:
        return backups.restore_backup(workspace_path, backup, progress=progress)

    try:
        result: backups.RestoreResult | None = run_with_progress(
            window, _("Restore a backup"), _("Restoring {name}…").format(name=backup.name), restore
        )
    except Cancelled:
        result = None
        window._show_message(_("The restore was cancelled; the workspace was not changed."))
    except (backups.WorkspaceError, OSError) as error:
        result = None
        QtWidgets.QMessageBox.critical(window, _("Restore a backup"), str(error))
    finally:
        if lock is not None:
            lock.unlock()
    if result is None:
        if was_open:
            window.open_workspace_file(path)  # unchanged: keep working in it
        return False
    if not window.open_workspace_file(path):
        return False
    if result.damaged_copy is None:
        window._show_message(_("The backup was restored."))
    else:
        window._show_message(
            _("The backup was restored; the damaged file was kept as {name}.").format(
                name=result.damaged_copy.name
            )
        )
    return True
