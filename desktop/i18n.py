"""Translation catalogs (gettext, built with Babel) and locale-aware formatting.

Message ids are English; every user-visible string goes through `_()`. The active
language is process-wide and can be switched at run time; `_()` always looks up
the current catalog. Babel is imported lazily, off the path to the first paint.
"""

from __future__ import annotations

import errno
import functools
import gettext
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from desktop.paths import TRANSLATIONS_DIR

# (not typing.TYPE_CHECKING: typing and datetime are not imported at run time, they are
# 10% of `shutafut-cli --help`, which must start in at most twice Python's own time)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime
    from decimal import Decimal
    from typing import Final

DOMAIN: Final = "shutafut"
LANGUAGES: Final = ("he", "ar", "en")
DEFAULT_LANGUAGE: Final = "he"
RTL_LANGUAGES: Final = frozenset({"he", "ar"})

# Babel locale per UI language: Israel's conventions (₪, day before month).
BABEL_LOCALES: Final = {"he": "he_IL", "ar": "ar_IL", "en": "en_IL"}
# One short date style for every language, on screen and in documents: day.month.year
# ("27.3.2023"), in Latin digits in Arabic too (Babel's ar_IL numbers use them).
DATE_PATTERNS: Final = {"he": "d.M.yyyy", "ar": "d.M.yyyy", "en": "d.M.yyyy"}
# Qt's locale per UI language. Qt's ar_IL writes Arabic-Indic digits ("٢١.٩.٢٠٢٢") where
# Babel's writes Latin ones: ar_AE is Arabic with Latin digits and the same decimal signs, so
# spin boxes and date fields read like the labels beside them. (Israel's week, from Sunday, is
# set on the calendars themselves.)
QT_LOCALES: Final = {"he": "he_IL", "ar": "ar_AE", "en": "en_IL"}

# Invisible direction marks and no-break spaces Babel puts in formatted values.
_INVISIBLE_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u2066\u2067\u2068\u2069"), None)

_language: str = DEFAULT_LANGUAGE  # the window's (the main thread's) language
# A document built in a worker thread sets its own language there, never the window's: the
# window keeps translating in its own language while the PDF is built.
_thread = threading.local()
_translations: dict[str, gettext.NullTranslations] = {}
_listeners: list[Callable[[str], None]] = []


def _catalog(language: str) -> gettext.NullTranslations:
    if language not in _translations:
        _translations[language] = _read_catalog(language)
    return _translations[language]


def _read_catalog(language: str) -> gettext.NullTranslations:
    """The language's compiled catalog, read from where the app ships it (what
    gettext.translation finds, without first expanding the language code through the
    locale module's aliases, a few milliseconds of the window's first paint); none: the
    messages as written."""
    try:
        with (TRANSLATIONS_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as catalog:
            return gettext.GNUTranslations(catalog)
    except FileNotFoundError:
        return gettext.NullTranslations()


def set_language(language: str) -> None:
    """Make `language` the active language: on the main thread the UI's (the listeners are
    told), in any other thread that thread's own (a document being built there)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    if threading.current_thread() is not threading.main_thread():
        _thread.language = language
        return
    global _language
    _language = language
    for listener in list(_listeners):
        listener(language)


@contextmanager
def using_language(language: str | None) -> Iterator[str]:
    """`language` (the current one when None) active for the block, the one before after it:
    how a document is built in its own language (in a worker thread, only there)."""
    previous = current_language()
    chosen = language or previous
    set_language(chosen)
    try:
        yield chosen
    finally:
        set_language(previous)


def current_language() -> str:
    return getattr(_thread, "language", None) or _language


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def is_rtl(language: str | None = None) -> bool:
    return (language or current_language()) in RTL_LANGUAGES


def _(message: str) -> str:
    """Translate `message` into the active language."""
    return _catalog(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate `message` as meant in `context`: where one English word needs two words in
    Hebrew or Arabic (e.g. "Field" of a record, שדה, beside "Field" of work, תחום)."""
    return _catalog(current_language()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for extraction; translate it later, when it is shown."""
    return message


# Why an operating-system call failed, in the person's words: the system says it in English
# (its C locale), inside a translated message ("Cannot write x.pdf: No space left on device").
_OS_ERRORS = {
    errno.ENOENT: N_("the file or folder does not exist"),
    errno.EACCES: N_("permission to use it is denied"),
    errno.EPERM: N_("permission to use it is denied"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EEXIST: N_("a file of that name exists already"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("part of the path is not a folder"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EBUSY: N_("another program is using it"),
    errno.EIO: N_("the disk could not be read or written"),
    **{
        code: message
        for name, message in (
            ("EDQUOT", N_("the disk is full")),  # (a quota: not on every system)
            ("ETXTBSY", N_("another program is using it")),
        )
        if (code := getattr(errno, name, None)) is not None
    },
}


def os_error_text(error: BaseException) -> str:
    """Why `error` happened, for a message: the system's reason in the language of the messages
    when it is one of the common ones and the system's own words (a reason the app gave, or
    one not known here, is kept as it is)."""
    code = error.errno if isinstance(error, OSError) else None
    if code is not None and code in _OS_ERRORS:
        reason = getattr(error, "strerror", None)
        if getattr(error, "winerror", None) is not None or reason in (None, os.strerror(code)):
            return _(_OS_ERRORS[code])
    return getattr(error, "strerror", None) or str(error)


def translate_in(language: str, message: str) -> str:
    """Translate `message` into `language` without changing the active language."""
    return _catalog(language).gettext(message)


def reload_catalogs() -> None:
    """Forget loaded catalogs (after they were recompiled)."""
    _translations.clear()


def babel_locale(language: str | None = None) -> str:
    return BABEL_LOCALES[language or current_language()]


def format_date(value: date | datetime | None, language: str | None = None) -> str:
    if value is None:
        return ""
    from datetime import datetime

    from babel.dates import format_date as babel_format_date

    lang = language or current_language()
    if isinstance(value, datetime):
        value = value.date()
    return babel_format_date(value, DATE_PATTERNS[lang], locale=BABEL_LOCALES[lang])


def format_datetime(value: datetime | None, language: str | None = None) -> str:
    if value is None:
        return ""
    from babel.dates import format_time

    lang = language or current_language()
    time_text = format_time(value, "HH:mm", locale=BABEL_LOCALES[lang])
    return f"{format_date(value, lang)} {time_text}"


def format_number(value: int | float | Decimal | None, language: str | None = None) -> str:
    if value is None:
        return ""
    return _formatted_number(value, type(value).__name__, babel_locale(language))


@functools.lru_cache(maxsize=4096)
def _formatted_number(value: int | float | Decimal, _kind: str, locale: str) -> str:
    """Babel's formatting, remembered: a ranking redrawn at each slider step formats the same
    few hundred numbers again (the type is part of the key: 1 and 1.0 are equal keys)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale)


def format_percent(fraction: float | Decimal | None, language: str | None = None) -> str:
    """Format a fraction (0.125) as a percentage ("12.5%")."""
    if fraction is None:
        return ""
    from babel.numbers import format_percent as babel_format_percent

    return babel_format_percent(fraction, "#,##0.#%", locale=babel_locale(language))


def format_shekels(amount: int | Decimal | None, language: str | None = None) -> str:
    """Format a ₪ amount given as a Decimal of shekels or an int of whole shekels."""
    if amount is None:
        return ""
    from babel.numbers import format_currency

    return format_currency(amount, "ILS", locale=babel_locale(language))


def format_file_size(size: int, language: str | None = None) -> str:
    """A file's size in kB or MB, its number and unit in the language's own words
    ("12 ק״ב" in Hebrew, "12 كيلوبايت" in Arabic)."""
    from babel.numbers import format_decimal

    lang = language or current_language()
    locale = babel_locale(lang)
    if size >= 1024 * 1024:
        number = format_decimal(round(size / (1024 * 1024), 1), locale=locale)
        return translate_in(lang, N_("{size} MB")).format(size=number)
    number = format_decimal(max(1, round(size / 1024)), locale=locale)
    return translate_in(lang, N_("{size} kB")).format(size=number)


def format_list(items: list[str], language: str | None = None) -> str:
    """ "a, b and c" in the language's own words and punctuation."""
    if not items:
        return ""
    from babel.lists import format_list as babel_format_list

    return babel_format_list(items, locale=babel_locale(language))


def strip_marks(text: str) -> str:
    """Remove bidi marks and fold no-break spaces (for parsing and comparing)."""
    return text.translate(_INVISIBLE_MARKS).replace("\xa0", " ").replace("\u202f", " ")
