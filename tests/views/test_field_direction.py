"""Fields read from where their language starts: numbers on the reading side, long one-line
text from its start, notes in the direction of what was typed (issue 15, screens)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.views.qt_i18n import align_text_document, apply_language
from tests.views.conftest import type_text


@pytest.fixture
def app() -> Iterator[QApplication]:
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    yield application
    apply_language(application, "he")


def _shown(qtbot: QtBot, *fields: QWidget) -> QWidget:
    window = QWidget()
    layout = QVBoxLayout(window)
    for field in fields:
        layout.addWidget(field)
    qtbot.addWidget(window)
    window.resize(260, 200)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_numbers_sit_on_the_reading_side(qtbot: QtBot, app: QApplication) -> None:
    apply_language(app, "he")
    spin = QSpinBox()
    window = _shown(qtbot, spin)
    assert window.isVisible()  # kept alive while the fields are read
    assert spin.alignment() & Qt.AlignmentFlag.AlignRight
    apply_language(app, "en")
    other = QSpinBox()
    second = _shown(qtbot, other)
    assert second.isVisible()  # kept alive while the fields are read
    assert other.alignment() & Qt.AlignmentFlag.AlignLeft


def test_a_long_line_shows_its_start_until_someone_types_in_it(qtbot: QtBot, app: QApplication) -> None:
    apply_language(app, "he")
    name = QLineEdit()
    other = QLineEdit()
    window = _shown(qtbot, name, other)
    assert window.isVisible()  # kept alive while the fields are read
    name.setText("נציגי הקרן לפיתוח הנגב המערבי ושותפיה בממשלה ובחברה האזרחית")
    assert name.cursorPosition() == 0  # "נציגי הקרן…", not "…ציגי הקרן"
    name.setFocus()
    name.end(False)
    type_text(name, " ועוד")
    assert name.cursorPosition() == len(name.text())  # typing is not disturbed
    other.setFocus()  # leaving the field
    name.editingFinished.emit()
    assert name.cursorPosition() == 0


def test_a_note_reads_in_the_direction_it_was_typed(qtbot: QtBot, app: QApplication) -> None:
    apply_language(app, "en")
    note = QPlainTextEdit()
    align_text_document(note)
    window = _shown(qtbot, note)
    assert window.isVisible()  # kept alive while the fields are read
    assert note.document().defaultTextOption().textDirection() == Qt.LayoutDirection.LeftToRight
    type_text(note, "פגישה עם ראש המועצה")
    option = note.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft  # Hebrew in English: RTL
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
