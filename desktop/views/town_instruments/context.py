"""What every tab of a town instrument's window shares: the document, its record, saving as
the person types, and small widget helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTableWidget, QTableWidgetItem, QWidget

from desktop.storage.workspace import Workspace
from desktop.views.qt_i18n import align_text_document, align_text_field
from desktop.views.saving import PendingSave


@dataclass
class InstrumentContext:
    """`store(workspace, document, record_id, expected_version)` writes the document and
    returns its record id (see the feature's store module)."""

    workspace: Workspace
    document: Any
    record_id: int | None
    store: Callable[[Workspace, Any, int | None, int | None], int]
    listeners: list[Callable[[], None]] = field(default_factory=list)
    reloaders: list[Callable[[], None]] = field(default_factory=list)
    parent: QWidget | None = None
    pending: PendingSave | None = None

    @property
    def read_only(self) -> bool:
        return self.workspace.read_only

    def changed(self) -> None:
        """A field was typed into (the document already holds it): save after a pause."""
        if self.pending is not None:
            self.pending.schedule()
        else:
            self.save()

    def flush(self) -> None:
        if self.pending is not None:
            self.pending.flush()

    def save(self) -> None:
        """Commit the document at once, then let the tabs refresh (someone else's newer
        version is shown and taken or saved over knowingly, as in every editor)."""
        from desktop.views.conflict_dialog import save_document

        if self.pending is not None:
            self.pending.cancel()
        if self.read_only:
            return
        saved = save_document(
            self.parent,
            self.document,
            lambda expected: self.store(self.workspace, self.document, self.record_id, expected),
            self._took_theirs,
        )
        if saved is None:
            return
        self.record_id = saved
        for listener in list(self.listeners):
            listener()

    def _took_theirs(self) -> None:
        for reload in list(self.reloaders):
            reload()


def line_edit(name: str, *, left_to_right: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    align_text_field(edit, left_to_right=left_to_right)
    return edit


def text_edit(name: str, height: int = 60) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(height)
    align_text_document(edit)
    return edit


def set_text(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Show `text` without firing the field's change signals (a reload, not typing)."""
    widget.blockSignals(True)
    if isinstance(widget, QLineEdit):
        widget.setText(text)
    elif widget.toPlainText() != text:
        widget.setPlainText(text)
    widget.blockSignals(False)


def fill_combo(
    combo: QComboBox, items: list[tuple[str, str]], selected: str, *, blank: str | None = None
) -> None:
    """(value, label) items; `blank` adds a first empty choice with that label."""
    combo.blockSignals(True)
    combo.clear()
    if blank is not None:
        combo.addItem(blank, "")
    for value, label in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(combo.findData(selected), 0))
    combo.blockSignals(False)


def table_cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item of a cell, created empty when the cell has none."""
    item = table.item(row, column)
    if item is None:
        item = QTableWidgetItem()
        table.setItem(row, column, item)
    return item
