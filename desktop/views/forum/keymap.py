"""The facilitation mode's keys, defined once: the window binds them and F1 lists them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.views.qt_i18n import isolate

# (action name, keys, message id of what it does), in the order F1 lists them
KEYS: tuple[tuple[str, str, str], ...] = (
    ("key_map", "F1", N_("Show this key map")),
    ("check_in", "Ctrl+R", N_("Check in a participant")),
    ("idea", "Ctrl+I", N_("Type an idea (Enter adds it)")),
    ("table", "Ctrl+T", N_("The table the ideas come from")),
    ("board", "Ctrl+B", N_("Go to the board of ideas (arrows, Shift to select several)")),
    ("edit_idea", "F2", N_("Edit the selected idea")),
    ("delete_idea", "Delete", N_("Delete the selected ideas")),
    ("cluster", "Ctrl+G", N_("Name a cluster for the selected ideas (Enter moves them)")),
    ("merge", "Ctrl+M", N_("Merge the selected cluster into the chosen one")),
    ("votes", "Ctrl+Shift+V", N_("Go to the votes")),
    ("record_votes", "Ctrl+Return", N_("Record the votes typed")),
    ("close_vote", "Ctrl+Shift+C", N_("Close the vote and show the results, or reopen it")),
    ("ranking", "Ctrl+Shift+R", N_("Go to the ranking")),
    ("change_log", "Ctrl+Shift+L", N_("Go to the change log")),
    ("timer", "F5", N_("Start or pause the timer")),
    ("extend", "F6", N_("One more minute for the block")),
    ("previous_block", "Ctrl+PgUp", N_("Previous block")),
    ("next_block", "Ctrl+PgDown", N_("Next block")),
    ("undo", "Ctrl+Z", N_("Undo the last change of the session")),
    ("redo", "Ctrl+Shift+Z", N_("Redo the change undone")),
    ("audience", "F7", N_("Open or close the audience view")),
    ("audience_screen", "F8", N_("Move the audience view to the next screen")),
    ("audience_full_screen", "Shift+F11", N_("Audience view full screen, or back to a window")),
    ("switch_view", "F9", N_("One screen: switch between the facilitator's view and the audience view")),
    ("zoom_in", "Ctrl+=", N_("Larger type on the audience view")),
    ("zoom_out", "Ctrl+-", N_("Smaller type on the audience view")),
    ("zoom_reset", "Ctrl+0", N_("Audience type back to the size of its screen")),
    ("full_screen", "F11", N_("Facilitator's view full screen, or back to a window")),
    ("end_session", "Ctrl+Shift+E", N_("End the session")),
    ("exit", "Esc", N_("Leave full screen; otherwise close the facilitation window")),
)


def key_of(action: str) -> str:
    return next(keys for name, keys, _what in KEYS if name == action)


def shown_keys(keys: str) -> str:
    """The keys as this system writes them, kept left to right inside Hebrew or Arabic."""
    return isolate(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))


class KeyMapDialog(QDialog):
    """F1: every key of the facilitation mode, in the current language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("key_map")
        self.setWindowTitle(_("Keys of the facilitation mode"))
        self.table = QTableWidget(len(KEYS), 2)
        self.table.setObjectName("key_map_table")
        self.table.setHorizontalHeaderLabels([_("Keys"), _("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (_name, keys, what) in enumerate(KEYS):
            key_item = QTableWidgetItem(shown_keys(keys))
            key_item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 0, key_item)
            self.table.setItem(row, 1, QTableWidgetItem(_(what)))
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 600)
