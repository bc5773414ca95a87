"""Small field helpers of the cluster window: every field saves as it changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop.views.qt_i18n import align_text_field


def line(name: str, value: str, typed: Callable[[str], None], *, ltr: bool = False) -> QLineEdit:
    edit = QLineEdit(value)
    edit.setObjectName(name)
    align_text_field(edit, left_to_right=ltr)
    edit.textChanged.connect(typed)
    return edit


def text(name: str, value: str, typed: Callable[[str], None], *, height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit(value)
    edit.setObjectName(name)
    edit.setMinimumHeight(height)
    edit.textChanged.connect(lambda: typed(edit.toPlainText()))
    return edit
