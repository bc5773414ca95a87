"""Language and direction for the Qt side: Qt's own translations, layout direction, isolates."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

# (Qt's namespace and the fields' classes through their modules, where a function needs them:
# importing them makes PySide build their enums, all of the Qt namespace's at once, which the
# window's first paint does without; see desktop.views.item_roles)
from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QCollator, QEvent, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from desktop import i18n

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

# Each language shown in its own name in the language chooser.
LANGUAGE_NAMES = {"he": "עברית", "ar": "العربية", "en": "English"}

_FIRST_STRONG_ISOLATE = "\u2068"
_LEFT_TO_RIGHT_ISOLATE = "\u2066"
_POP_DIRECTIONAL_ISOLATE = "\u2069"
_qt_translators: list[QTranslator] = []
_SHOWS_START = "shutafut_shows_start"
_FOLLOWS_TEXT = "shutafut_follows_text"


class FieldPolisher(QObject):
    """Every field, as Qt first shows it, reads from where its language starts:
    numbers in spin boxes sit at the reading side (Qt leaves them beside the arrows), and a
    one-line field whose text is longer than the box shows its start, not its end, whenever
    it is not being typed in."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish:
            if isinstance(watched, QtWidgets.QAbstractSpinBox):
                watched.setAlignment(_start_side(i18n.is_rtl()))
            elif isinstance(watched, QtWidgets.QLineEdit) and not _inside_another_widget(watched):
                show_start_when_idle(watched)
        elif (
            event.type() == QEvent.Type.FocusIn
            and isinstance(watched, QtWidgets.QLineEdit)
            and watched.property(_SHOWS_START)
            and isinstance(event, QFocusEvent)
            and not _entered_by_mouse_or_tab(event)
            and not watched.hasSelectedText()
        ):
            watched.end(False)  # entered from the keyboard or by the program: go on at the end
        return False


def _entered_by_mouse_or_tab(event: QFocusEvent) -> bool:
    reason = QtCore.Qt.FocusReason
    return event.reason() in (reason.MouseFocusReason, reason.TabFocusReason)


def _inside_another_widget(edit: QLineEdit) -> bool:
    """A spin box's or combo box's own line, or a table cell's editor (the view selects its
    text for typing over): those keep Qt's behaviour."""
    parent = edit.parent()
    if isinstance(parent, QtWidgets.QAbstractSpinBox | QtWidgets.QComboBox):
        return True
    return parent is not None and isinstance(parent.parent(), QtWidgets.QAbstractItemView)


def show_start_when_idle(edit: QLineEdit) -> None:
    """Text set by the program or left by the person shows from its start."""
    if edit.property(_SHOWS_START):
        return
    edit.setProperty(_SHOWS_START, True)
    # setText() clears `modified`, typing sets it: only text the program put there jumps home.
    edit.textChanged.connect(lambda _text: None if edit.isModified() else edit.setCursorPosition(0))
    edit.editingFinished.connect(lambda: edit.setCursorPosition(0))
    edit.setCursorPosition(0)


_polisher: FieldPolisher | None = None


def install_field_polisher(app: QApplication) -> None:
    global _polisher
    if _polisher is None:
        _polisher = FieldPolisher(app)
        app.installEventFilter(_polisher)


def isolate(text: str) -> str:
    """Wrap left-to-right data so neutral characters stay in place inside RTL text."""
    return f"{_FIRST_STRONG_ISOLATE}{text}{_POP_DIRECTIONAL_ISOLATE}" if text else text


def left_to_right(text: str) -> str:
    """A path, address or code inside a sentence: always laid out left to right as one unit
    (LRI ... PDI), so its slashes and the sentence's punctuation stay on their own sides."""
    return f"{_LEFT_TO_RIGHT_ISOLATE}{text}{_POP_DIRECTIONAL_ISOLATE}" if text else text


def path_text(path: str) -> str:
    """A file or folder path inside a sentence of any language: left to right as a whole, and
    each folder name with Hebrew or Arabic letters isolated too, so two such names in a row
    stay in the path's order ("/home/שותפות/עבודה.backups", not the two names swapped)."""
    parts = re.split(r"([\\/])", path)
    return left_to_right(
        "".join(left_to_right(part) if any(first_strong_is_rtl(c) for c in part) else part for part in parts)
    )


def two_lines(label: str) -> str:
    """A long header broken at the space nearest its middle, so a narrow column shows it whole."""
    if len(label) < 16 or " " not in label:
        return label
    middle = len(label) // 2
    spaces = [index for index, character in enumerate(label) if character == " "]
    split = min(spaces, key=lambda index: abs(index - middle))
    return label[:split] + "\n" + label[split + 1 :]


def in_reading_direction(line: str) -> str:
    """A line that starts with a number or an isolate reads right to left in Hebrew and Arabic
    (Qt guesses a paragraph's direction from its first strong letter)."""
    return f"\u200f{line}" if i18n.is_rtl() else line


def layout_direction(language: str | None = None) -> QtCore.Qt.LayoutDirection:
    return _direction(i18n.is_rtl(language))


def _direction(rtl: bool) -> QtCore.Qt.LayoutDirection:
    direction = QtCore.Qt.LayoutDirection
    return direction.RightToLeft if rtl else direction.LeftToRight


def _start_side(rtl: bool) -> QtCore.Qt.AlignmentFlag:
    """Where a line in that direction starts, whatever the widget's own direction."""
    align = QtCore.Qt.AlignmentFlag
    return (align.AlignRight if rtl else align.AlignLeft) | align.AlignAbsolute


def apply_language(app: QApplication, language: str, *, polish_fields: bool = True) -> None:
    """Switch gettext, Qt's own translations, the default locale and the layout direction.

    polish_fields=False leaves the field polisher to a later install_field_polisher(): the
    app starts it after the window's first paint (its filter sees every object's events,
    and the first private Qt object it sees makes PySide build every class it has)."""
    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en":
        translator = QTranslator(app)
        if translator.load(f"qtbase_{language}", folder):
            app.installTranslator(translator)
            _qt_translators.append(translator)
    QLocale.setDefault(QLocale(i18n.QT_LOCALES[language]))
    i18n.set_language(language)
    # Installing qtbase_he or qtbase_ar turns the direction right to left by itself (Qt reads
    # it from the catalog): set it from the language where that did not happen (no catalog,
    # an explicit direction left from before). (isRightToLeft, not layoutDirection: reading
    # that enum would build the Qt namespace's enums before the first paint.)
    if app.isRightToLeft() != i18n.is_rtl(language):
        app.setLayoutDirection(layout_direction(language))
    if polish_fields:
        install_field_polisher(app)


def align_text_field(edit: QLineEdit, *, left_to_right: bool) -> None:
    """Data that reads left to right (email, codes) stays LTR; other fields follow the UI."""
    if left_to_right:
        edit.setLayoutDirection(_direction(False))
        edit.setAlignment(_start_side(False))
    else:
        edit.setAlignment(_start_side(i18n.is_rtl()))


def align_text_document(edit: QPlainTextEdit) -> None:
    """Multi-line text reads in the direction of what was typed in it: a Hebrew note in the
    English interface starts at the right, an English one in Hebrew at the left; an empty
    one follows the interface."""

    def follow_text() -> None:
        rtl = first_strong_is_rtl(edit.toPlainText())
        if rtl is None:
            rtl = i18n.is_rtl()
        option = edit.document().defaultTextOption()
        wanted = _direction(rtl)
        if option.textDirection() == wanted:
            return
        option.setTextDirection(wanted)
        option.setAlignment(_start_side(rtl))
        edit.document().setDefaultTextOption(option)

    option = edit.document().defaultTextOption()
    option.setTextDirection(QtCore.Qt.LayoutDirection.LayoutDirectionAuto)  # decided by follow_text
    edit.document().setDefaultTextOption(option)
    if not edit.property(_FOLLOWS_TEXT):
        edit.setProperty(_FOLLOWS_TEXT, True)
        edit.textChanged.connect(follow_text)
    follow_text()


def first_strong_is_rtl(text: str) -> bool | None:
    """Whether the first letter with a direction reads right to left (None: no such letter)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return None


def collator() -> QCollator:
    """Compares text the way the interface's language orders it (א before ת, أ before ي)."""
    return QCollator(QLocale(i18n.babel_locale()))
