"""Saving as the person types, and saying so when a save fails.

Every document window (design forum, learning community, the flags tabs) keeps its document
in memory, writes each field into it as it changes, and saves through `save_document`
(conflict_dialog), which handles both someone else's newer version and a failed save:

- `SaveStatus` is the strip at the bottom of the window: empty while saves succeed; after a
  failure, the translated reason and a "Try again" button. The typed value stays in the
  field and in the document; the next change, or the button, saves again.
- `PendingSave` gathers a burst of keystrokes into one save a moment after the last, and
  `flush()` saves at once (when the person switches item, tab or window).
- `may_close(window, status, flush)`: before a window closes, save what waits; when the save
  still fails, ask whether to close anyway (default: stay).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from desktop.i18n import _
from desktop.storage.concurrency import SaveFailed, times_taken_theirs

TYPING_PAUSE_MS = 600
HISTORY_STEPS = 200  # the saves a document editor can step back through, the latest kept


class SaveStatus(QWidget):
    """Nothing while saves succeed; the reason and "Try again" after one fails."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("save_status")
        self.message = QLabel()
        self.message.setObjectName("save_failure")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.retry = QPushButton(_("Try again"))
        self.retry.setObjectName("save_retry")
        self.retry.clicked.connect(self.retry_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry)
        self.error: SaveFailed | None = None
        self.hide()

    @property
    def failed(self) -> bool:
        return self.error is not None

    def show_failure(self, error: SaveFailed) -> None:
        self.error = error
        self.message.setText(
            _(
                "{reason} What you typed is kept here; it is saved again with your next "
                "change or with “Try again”."
            ).format(reason=str(error))
        )
        self.show()

    def clear(self) -> None:
        self.error = None
        self.message.clear()
        self.hide()


def status_of(parent: QWidget | None) -> SaveStatus | None:
    """The SaveStatus strip nearest `parent`: among its own children or an ancestor's, up to
    its window (another window's strip is never used)."""
    widget = parent
    while widget is not None:
        found = next((child for child in widget.children() if isinstance(child, SaveStatus)), None)
        if found is not None:
            return found
        if widget.isWindow():
            return None
        widget = widget.parentWidget()
    return None


def report_failure(parent: QWidget | None, error: SaveFailed) -> None:
    """Show a failed save: on the window's SaveStatus strip, else in a message box."""
    status = status_of(parent)
    if status is not None:
        status.show_failure(error)
    else:
        QMessageBox.warning(parent, _("Not saved"), str(error))


def report_success(parent: QWidget | None) -> None:
    status = status_of(parent)
    if status is not None and status.failed:
        status.clear()


class PendingSave(QObject):
    """One save `delay_ms` after the last of a burst of changes; `flush()` saves at once."""

    def __init__(
        self, save: Callable[[], None], parent: QObject | None = None, delay_ms: int = TYPING_PAUSE_MS
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._save)

    @property
    def pending(self) -> bool:
        return self.timer.isActive()

    def schedule(self) -> None:
        self.timer.start()

    def flush(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self._save()

    def cancel(self) -> None:
        self.timer.stop()


def may_close(window: QWidget, status: SaveStatus, flush: Callable[[], None]) -> bool:
    """Save what waits; if the last save failed, try once more, then ask whether to close
    anyway (the unsaved change is lost) or stay (the default)."""
    flush()
    if status.failed:
        status.retry_requested.emit()
    if not status.failed:
        return True
    answer = QMessageBox.question(
        window,
        _("Not saved"),
        _("{reason}\n\nClose anyway? Your last change will be lost.").format(reason=str(status.error)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class DocumentHistory:
    """Undo and redo for a document editor, as reference data has them: every save is a step
    the person can go back to (and forward again), whatever tab or page it was made on.

    `not_a_step` names fields whose change alone is no step and which a step back leaves as
    they are (a wizard's page: going back a step does not move the person)."""

    def __init__(
        self,
        document: Any,
        save: Callable[[], None],
        show: Callable[[], None],
        *,
        not_a_step: tuple[str, ...] = (),
    ) -> None:
        self.document = document
        self.save = save  # stores the document (a failure is said by the editor's strip)
        self.show = show  # every tab shows the document again
        self.not_a_step = not_a_step
        self.steps: list[str] = []
        self.keys: list[str] = []
        self.position = 0
        self.taken = 0  # how many times someone else's version had been taken into it
        self.start_again()

    def _key(self, text: str) -> str:
        """What tells two steps apart: the document's text without the fields that are no step."""
        if not self.not_a_step:
            return text
        return str(replace(self.document, **dict.fromkeys(self.not_a_step)).to_json())

    def start_again(self) -> None:
        """The document as it is now is the first step."""
        self.steps = [self.document.to_json()]
        self.keys = [self._key(self.steps[0])]
        self.position = 0
        self.taken = times_taken_theirs(self.document)

    def saved(self) -> None:
        """The document was stored: a new step, unless nothing changed since the last one.
        When that save took someone else's version instead, history starts again from it: the
        steps before are of another version, and going back to one would overwrite theirs."""
        if times_taken_theirs(self.document) != self.taken:
            self.start_again()
            return
        text = self.document.to_json()
        key = self._key(text)
        if key == self.keys[self.position]:
            self.steps[self.position] = text
            return
        del self.steps[self.position + 1 :]
        del self.keys[self.position + 1 :]
        self.steps.append(text)
        self.keys.append(key)
        self.position += 1
        if len(self.steps) > HISTORY_STEPS:  # (a day of typing in a large document: bounded)
            del self.steps[0], self.keys[0]
            self.position -= 1

    def can_undo(self) -> bool:
        return self.position > 0

    def can_redo(self) -> bool:
        return self.position < len(self.steps) - 1

    def undo(self) -> None:
        if self.can_undo():
            self._go_to(self.position - 1)

    def redo(self) -> None:
        if self.can_redo():
            self._go_to(self.position + 1)

    def _go_to(self, position: int) -> None:
        earlier = type(self.document).from_json(self.steps[position])
        for part in fields(self.document):  # in place: every screen holds this object
            if part.name not in self.not_a_step:
                setattr(self.document, part.name, getattr(earlier, part.name))
        self.position = position
        self.save()
        self.show()


def install_history_keys(window: QWidget, undo: Callable[[], None], redo: Callable[[], None]) -> None:
    """Ctrl+Z and Ctrl+Shift+Z over `window`: a text field's own (its typing) comes first;
    elsewhere they step the document back and forward."""
    for keys, slot in ((QKeySequence.StandardKey.Undo, undo), (QKeySequence.StandardKey.Redo, redo)):
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)


def record_step(history: DocumentHistory | None, status: SaveStatus) -> None:
    """A save that succeeded is a step the person can go back to."""
    if history is not None and not status.failed:
        history.saved()


def enable_history_buttons(undo: QWidget, redo: QWidget, history: DocumentHistory | None) -> None:
    undo.setEnabled(history is not None and history.can_undo())
    redo.setEnabled(history is not None and history.can_redo())
