"""The shell of every tabbed document editor (the flags work, a learning community, a forum).

What each of them needs and none should write again: tabs that save what was typed before
another tab shows and refresh when shown, the strip that says a failed save with "Try again",
a Close button, closing that saves first and asks when the save failed, Ctrl+P for the
document of the record on screen, and a size that fits a 1366x768 laptop.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.views.printing import install_print_shortcut
from desktop.views.saving import (
    DocumentHistory,
    SaveStatus,
    enable_history_buttons,
    install_history_keys,
    may_close,
    record_step,
)

DEFAULT_SIZE = (1180, 700)


class EditorWindow(QDialog):
    """A document's editor in tabs. Subclasses add tabs and say how to save and print."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.heading = QLabel()
        self.heading.setObjectName("editor_heading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.heading.hide()
        self.status = SaveStatus()
        self.status.retry_requested.connect(self.save)
        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(self._tab_shown)
        self.actions_row = QHBoxLayout()  # the editor's own buttons (its documents…)
        self.history: DocumentHistory | None = None
        self.undo_button = QPushButton(_("Undo the last change"))
        self.undo_button.setObjectName("editor_undo")
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = QPushButton(_("Redo"))
        self.redo_button.setObjectName("editor_redo")
        self.redo_button.clicked.connect(self.redo)
        for button in (self.undo_button, self.redo_button):
            button.hide()  # shown once the editor keeps a history
        install_history_keys(self, self.undo, self.redo)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("editor_close")
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        bottom.addLayout(self.actions_row, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        install_print_shortcut(self, self.print_current)
        self.resize(*fitting_size(*DEFAULT_SIZE))

    # what a subclass provides -----------------------------------------------------------------

    def save(self) -> None:
        """Store the document now (a failure shows on the strip)."""
        raise NotImplementedError

    def flush(self) -> None:
        """Store at once what waits to be saved (typing gathered for a moment)."""
        raise NotImplementedError

    def print_current(self) -> None:
        """Ctrl+P: the document of what is on screen."""

    # undo and redo ---------------------------------------------------------------------------

    def keep_history(self, document: Any, show: Any) -> None:
        """Undo and redo over `document`'s saves; `show()` makes every tab show it again."""
        self.history = DocumentHistory(document, self.save, show)
        self.undo_button.show()
        self.redo_button.show()
        self._update_history_buttons()

    def document_saved(self) -> None:
        """Each save of the document is a step the person can go back to."""
        record_step(self.history, self.status)
        self._update_history_buttons()

    def undo(self) -> None:
        if self.history is not None:
            self.flush()
            self.history.undo()
            self._update_history_buttons()

    def redo(self) -> None:
        if self.history is not None:
            self.history.redo()
            self._update_history_buttons()

    def _update_history_buttons(self) -> None:
        enable_history_buttons(self.undo_button, self.redo_button, self.history)

    # shared behaviour -----------------------------------------------------------------------------

    def add_tab(self, tab: QWidget, label: str) -> None:
        self.tabs.blockSignals(True)
        self.tabs.addTab(tab, label)
        self.tabs.blockSignals(False)

    def show_heading(self, text: str) -> None:
        self.heading.setText(text)
        self.heading.setVisible(bool(text))

    def _tab_shown(self, index: int) -> None:
        """What was typed on the tab left is saved; the tab shown reads what others changed."""
        self.flush()
        refresh = getattr(self.tabs.widget(index), "refresh", None)
        if callable(refresh):
            refresh()

    def refresh_current(self) -> None:
        self._tab_shown(self.tabs.currentIndex())

    def done(self, result: int) -> None:
        """Closing saves what was typed; when the save fails, ask before losing it."""
        if not may_close(self, self.status, self.flush):
            return
        super().done(result)


def fitting_size(width: int, height: int) -> tuple[int, int]:
    """`width` x `height`, or less on a smaller screen (a 1366x768 laptop keeps its taskbar)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return width, height
    available = screen.availableGeometry()
    return min(width, available.width() - 40), min(height, available.height() - 60)
