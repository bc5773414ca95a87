"""Language and direction for the Qt side: Qt's own translations, layout direction, isolates."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from desktop import i18n

# Each language shown in its own name in the language chooser.
LANGUAGE_NAMES = {"he": "עברית", "ar": "العربية", "en": "English"}

_FIRST_STRONG_ISOLATE = "\u2068"
_POP_DIRECTIONAL_ISOLATE = "\u2069"
_qt_translators: list[QTranslator] = []


def isolate(text: str) -> str:
    """Wrap left-to-right data so neutral characters stay in place inside RTL text."""
    return f"{_FIRST_STRONG_ISOLATE}{text}{_POP_DIRECTIONAL_ISOLATE}" if text else text


def in_reading_direction(line: str) -> str:
    """A line that starts with a number or an isolate reads right to left in Hebrew and Arabic
    (Qt guesses a paragraph's direction from its first strong letter)."""
    return f"\u200f{line}" if i18n.is_rtl() else line


def layout_direction(language: str | None = None) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if i18n.is_rtl(language) else Qt.LayoutDirection.LeftToRight


def apply_language(app: QApplication, language: str) -> None:
    """Switch gettext, Qt's own translations, the default locale and the layout direction."""
    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en":
        translator = QTranslator(app)
        if translator.load(f"qtbase_{language}", folder):
            app.installTranslator(translator)
            _qt_translators.append(translator)
    QLocale.setDefault(QLocale(i18n.babel_locale(language)))
    i18n.set_language(language)
    # Installing qtbase_he flips the direction by itself: set it from the language, after.
    app.setLayoutDirection(layout_direction(language))


def align_text_field(edit: QLineEdit, *, left_to_right: bool) -> None:
    """Data that reads left to right (email, codes) stays LTR; other fields follow the UI."""
    if left_to_right:
        edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        edit.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
    elif i18n.is_rtl():
        edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    else:
        edit.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)


def align_text_document(edit: QPlainTextEdit) -> None:
    """Multi-line text starts at the right in Hebrew and Arabic."""
    option = edit.document().defaultTextOption()
    if i18n.is_rtl():
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    else:
        option.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    edit.document().setDefaultTextOption(option)
