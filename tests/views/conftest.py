"""Helpers for GUI tests: type the way a person does (Hebrew per character)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` key by key; qtbot.keyClicks aborts on non-ASCII characters."""
    widget.setFocus()
    for character in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            widget,
            Qt.Key.Key_unknown,
            character,
            Qt.KeyboardModifier.NoModifier,
        )


def leave_field(widget: QWidget) -> None:
    """What happens when the person tabs out of a field: editing finishes."""
    QTest.keyClick(widget, Qt.Key.Key_Tab)


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal message box nobody answers would hang the suite: fail instead.

    Tests that expect a dialog replace these with their own answers.
    """

    def unexpected(*args: object, **_kwargs: object) -> None:
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"unexpected dialog: {texts}")

    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
