"""Small widget helpers every view shares: the message under a field, and dates.

Dates cross between Qt and the domain in one place: `qdate` (a date, an ISO text or
nothing, to a QDate) and `pydate` (a QDate to a date; `.isoformat()` for ISO text).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidgetItem,
    QWidget,
)

from desktop import i18n

ERROR_STYLE = "color: #b00020;"


def error_label(name: str) -> QLabel:
    """A hidden, word-wrapped red label for a field's message; `show_error` fills it."""
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    """Show `text` under the field, or hide the label when there is nothing to say."""
    label.setText(text)
    label.setVisible(bool(text))


def qdate(value: date | str | None) -> QDate:
    """A date or ISO text ("2026-03-01") as a QDate; nothing (or "") is today."""
    day = date.fromisoformat(value) if isinstance(value, str) and value else value
    if not isinstance(day, date):
        day = date.today()
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    """A QDate as a date (`pydate(editor.date()).isoformat()` for ISO text)."""
    return date(value.year(), value.month(), value.day())


def date_editor(name: str = "") -> QDateEdit:
    """A date field with a calendar popup, its sections in reading order in RTL too."""
    editor = QDateEdit()
    if name:
        editor.setObjectName(name)
    editor.setCalendarPopup(True)
    editor.setDisplayFormat(date_edit_format())
    editor.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Sunday)  # Israel's week
    return editor


def date_edit_format(language: str | None = None) -> str:
    """The date fields' format: the language's date pattern (i18n.DATE_PATTERNS), with its
    sections pre-reversed in right-to-left languages, where QDateEdit lays them out reversed."""
    pattern = i18n.DATE_PATTERNS[language or i18n.current_language()]
    if not i18n.is_rtl(language):
        return pattern
    separator = next(c for c in pattern if not c.isalpha())
    return separator.join(reversed(pattern.split(separator)))


ISO_ROLE = Qt.ItemDataRole.UserRole + 40  # a date cell's ISO value; the cell shows it formatted


def iso_or_none(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def date_cell(text: str) -> QTableWidgetItem:
    """A table cell holding a date: ISO underneath, shown the way the language writes dates.
    Text that is not a date (typed before dates were chosen) is kept and shown as it is."""
    cell = QTableWidgetItem()
    day = iso_or_none(text)
    cell.setData(ISO_ROLE, day.isoformat() if day else text)
    cell.setText(i18n.format_date(day) if day else text)
    return cell


def cell_date_text(cell: QTableWidgetItem | None) -> str:
    """The ISO text of a date cell (or what was kept there); "" for an empty cell."""
    if cell is None:
        return ""
    value = cell.data(ISO_ROLE)
    return str(value).strip() if value is not None else cell.text().strip()


class DateDelegate(QStyledItemDelegate):
    """Date columns of a table edited with a date field, never as free text."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = date_editor("cell_date")
        editor.setParent(parent)  # inside the cell, not a window of its own
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QDateEdit):
            editor.setDate(qdate(iso_or_none(str(index.data(ISO_ROLE) or ""))))

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, QDateEdit):
            day = pydate(editor.date())
            model.setData(index, day.isoformat(), ISO_ROLE)
            model.setData(index, i18n.format_date(day), Qt.ItemDataRole.DisplayRole)
