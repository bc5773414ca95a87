"""Small widget helpers every view shares: the message under a field, and dates.

Dates cross between Qt and the domain in one place: `qdate` (a date, an ISO text or
nothing, to a QDate) and `pydate` (a QDate to a date; `.isoformat()` for ISO text).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel

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
    # Under RTL QDateEdit lays its sections out reversed: give them pre-reversed.
    editor.setDisplayFormat("yyyy.M.d" if i18n.is_rtl() else "d/M/yyyy")
    return editor
