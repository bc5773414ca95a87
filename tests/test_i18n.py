"""The catalogs are complete, compiled and consistent, and no UI string bypasses them."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from desktop import i18n

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _catalog_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "translations" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def catalogs():  # type: ignore[no-untyped-def]
    tool = _catalog_tool()
    # (msgid, context): the same English id may be extracted bare and with a pgettext context.
    extracted = {(m.id, m.context) for m in tool.extract_catalog() if m.id}
    loaded = {}
    for language in i18n.LANGUAGES:
        with tool.po_path(language).open("rb") as handle:
            loaded[language] = read_po(handle, locale=language)
    return tool, extracted, loaded


@pytest.mark.parametrize("language", ["he", "ar", "en"])
def test_every_marked_string_is_translated(catalogs, language: str) -> None:  # type: ignore[no-untyped-def]
    _tool, extracted, loaded = catalogs
    catalog = loaded[language]
    missing = sorted(
        str(msgid) if context is None else f"{context}|{msgid}"
        for msgid, context in extracted
        if (message := catalog.get(msgid, context=context)) is None or not message.string or message.fuzzy
    )
    assert not missing, f"{len(missing)} strings lack a {language} translation, e.g. {missing[:5]}"


@pytest.mark.parametrize("language", ["he", "ar"])
def test_translations_differ_from_english(catalogs, language: str) -> None:  # type: ignore[no-untyped-def]
    _tool, extracted, loaded = catalogs
    untranslated = [
        m.id
        for m in loaded[language]
        if (m.id, m.context) in extracted
        and m.string == m.id
        and re.search(r"[A-Za-z]{3}", str(m.id))
        and not re.fullmatch(r"\S+@\S+", str(m.id))  # an example address reads the same
    ]
    assert not untranslated, f"copied English into {language}: {untranslated[:5]}"


@pytest.mark.parametrize("language", ["he", "ar", "en"])
def test_placeholders_match(catalogs, language: str) -> None:  # type: ignore[no-untyped-def]
    _tool, _extracted, loaded = catalogs
    for message in loaded[language]:
        if message.id and message.string:
            assert set(PLACEHOLDER.findall(str(message.id))) == set(
                PLACEHOLDER.findall(str(message.string))
            ), (language, message.id, message.string)


@pytest.mark.parametrize("language", ["he", "ar", "en"])
def test_compiled_catalog_matches_po(catalogs, language: str) -> None:  # type: ignore[no-untyped-def]
    tool, _extracted, loaded = catalogs
    with tool.po_path(language).with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in loaded[language]:
        if isinstance(message.id, tuple) and all(message.string) and not message.fuzzy:
            singular, plural = message.id
            for count in (0, 1, 2, 5, 11, 100):
                form = message.string[compiled.plural(count)]  # type: ignore[attr-defined]
                assert compiled.ngettext(singular, plural, count) == form
        elif message.id and message.string and not message.fuzzy:
            found = (
                compiled.pgettext(message.context, str(message.id))
                if message.context
                else compiled.gettext(str(message.id))
            )
            assert found == message.string, (
                f"{language}.mo is stale: run python translations/catalogs.py compile"
            )


@pytest.mark.parametrize("language", ["he", "ar", "en"])
def test_catalogs_pass_the_checks_of_translators_tools(catalogs, language: str) -> None:  # type: ignore[no-untyped-def]
    """What GNU msgfmt --check-format (run by Poedit and the like) refuses: a message defined
    twice (in use and obsolete), and a per cent sign flagged as a %-directive."""
    tool, _extracted, loaded = catalogs
    catalog = loaded[language]
    twins = [
        key
        for key in catalog.obsolete
        if catalog.get(*((key, None) if isinstance(key, str) else key)) is not None
    ]
    assert twins == []
    lines = tool.po_path(language).read_text(encoding="utf-8").splitlines()
    flags = [line for line in lines if line.startswith("#,")]
    assert not [line for line in flags if "python-format" in line.replace("python-brace-format", "")]


def test_switching_language_changes_translation() -> None:
    i18n.set_language("en")
    assert i18n._("Local authority") == "Local authority"
    i18n.set_language("he")
    assert i18n._("Local authority") == "רשות מקומית"
    assert i18n.is_rtl()
    i18n.set_language("ar")
    assert i18n.is_rtl() and i18n._("Local authority") != "Local authority"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_dates_numbers_and_shekels_follow_the_language() -> None:
    day = date(2026, 3, 15)
    assert i18n.format_date(day, "he") == "15.3.2026"
    assert i18n.strip_marks(i18n.format_date(day, "ar")) == "15.3.2026"
    assert i18n.format_date(day, "en") == "15.3.2026"  # one date style on screen and in documents
    assert i18n.format_number(1234567, "he") == "1,234,567"
    assert i18n.strip_marks(i18n.format_shekels(Decimal("1234.5"), "he")) == "1,234.50 ₪"
    assert i18n.strip_marks(i18n.format_shekels(Decimal("1234.5"), "en")) == "₪1,234.50"
    assert i18n.format_percent(0.125, "he") == "12.5%"


# Qt calls whose string arguments a person reads.
TEXT_CALLS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setPlaceholderText",
    "setTitle",
    "setSubTitle",
    "showMessage",
    "addAction",
    "addMenu",
    "setHeaderLabels",
    "setLabelText",
    "setButtonText",
    "setWhatsThis",
    "addTab",
    "setTabText",
    "setInformativeText",
    "addItem",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMenu",
    "information",
    "warning",
    "critical",
    "question",
    "setHorizontalHeaderLabels",
}


def _literal_texts(node: ast.Call) -> list[str]:
    texts = []
    for arg in list(node.args) + [kw.value for kw in node.keywords]:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            texts.append(arg.value)
        if isinstance(arg, ast.JoinedStr):
            # Only the literal parts of an f-string are text a translator would miss.
            texts.append(
                "".join(
                    part.value
                    for part in arg.values
                    if isinstance(part, ast.Constant) and isinstance(part.value, str)
                )
            )
    return texts


def test_views_pass_no_literal_text_to_qt() -> None:
    offenders = []
    for path in sorted((ROOT / "desktop" / "views").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in TEXT_CALLS:
                continue
            for text in _literal_texts(node):
                if re.search(r"[A-Za-z\u0590-\u05FF\u0600-\u06FF]{2}", text) and not text.startswith(
                    ("&", ":/", "*.")
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
    assert not offenders, "user-visible text bypasses the catalogs:\n" + "\n".join(offenders)


def test_no_translation_call_hides_inside_an_f_string() -> None:
    """Babel does not extract _() inside f-strings: such text would never be translated."""
    offenders = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if (
                        isinstance(inner, ast.Call)
                        and getattr(inner.func, "id", "") in ("_", "ngettext", "pgettext")
                        and inner.args
                        and isinstance(inner.args[0], ast.Constant)
                    ):
                        offenders.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not offenders, "translated text inside f-strings is not extracted:\n" + "\n".join(offenders)


# docs/glossary.md: a word the seeds do not use for a concept -> the seeds' word for it.
# Matched on whole Hebrew words (with the prefixes ה ו ב ל) in every Hebrew translation.
FORBIDDEN_HEBREW_TERMS = {
    r"[הובל]?פגיש(?:ה|ות)": "מפגש / מפגשים (the seeds' word for every meeting and session)",
    r"נקוד(?:ת|ות) (?:ה)?בסיס": "נקודת האפס (000 l.501)",
    r"ערך (?:ה)?יעד": "ערך רצוי (a goal is יעד; its number is the ערך רצוי)",
    r"סדר (?:ה)?יום (?:ה)?משותף": "אג'נדה משותפת (001 l.747)",
    r"תכנית עבודה קולקטיבית": "תכנית קולקטיבית (001 glossary)",
    r"מחוון תוצאות": "מצפן תוצאות תשתית (001 l.1082)",
    r"לכידות (?:כלכלית|חברתית|תרבותית|פוליטית)": "המימד הכלכלי / החברתי / התרבותי / הפוליטי (000 l.185)",
    r"מוביל התחום": "מוביל/ת התחום (001 l.563)",
    r"[הובל]?מנהלת (?:ה)?יישוב(?:ית)?": "מינהלת יישובית (001 l.35)",
    r"נתוני (?:ה)?ייחוס": "נתוני יסוד (the menu's name)",
    r"טרום[ -]הקמה": "פרה-הקמה (001 l.636)",
    r"מזכר הבנות": "מסמך הבנות (001 l.471)",
    r"[הובל]?פריט(?:ים)?": "שותפות/פרויקט/שירות, or רשומה for a record",
    r"תוכנית|תוכניות": "תכנית / תכניות (one spelling)",
}


def _hebrew_translations(catalogs):  # type: ignore[no-untyped-def]
    _tool, extracted, loaded = catalogs
    for message in loaded["he"]:
        if message.id and (message.id, message.context) in extracted:
            for text in message.string if isinstance(message.string, tuple) else (message.string,):
                yield message, text


def test_hebrew_uses_the_glossary_terms(catalogs) -> None:  # type: ignore[no-untyped-def]
    offenders = []
    for message, text in _hebrew_translations(catalogs):
        for pattern, preferred in FORBIDDEN_HEBREW_TERMS.items():
            found = re.search(rf"(?<![\u05d0-\u05ea]){pattern}(?![\u05d0-\u05ea])", text)
            if found:
                offenders.append(f"{message.id!r}: “{found.group()}” -> {preferred}")
    assert not offenders, "Hebrew strings off the glossary (docs/glossary.md):\n" + "\n".join(offenders)


def test_undo_never_reads_like_cancel(catalogs) -> None:  # type: ignore[no-untyped-def]
    """Undo steps back one change (חזרה לאחור); ביטול is Cancel, a different button."""
    undo_commands = [
        (message, text)
        for message, text in _hebrew_translations(catalogs)
        if re.match(r"&?Undo\b(?! the check-in)|Undone\b|.*Edit > Undo", str(message.id))
    ]
    assert len(undo_commands) >= 6
    wrong = [
        str(m.id) for m, text in undo_commands if "חזרה לאחור" not in text or re.search("ביטול|בוטל", text)
    ]
    assert not wrong, f"Undo translated like Cancel: {wrong}"


def test_one_english_word_two_hebrew_words_by_context(catalogs) -> None:  # type: ignore[no-untyped-def]
    """pgettext: a record's "Field" is a שדה, a field of work is a תחום; a plan's "Review" is its מעקב."""
    _tool, _extracted, loaded = catalogs
    hebrew = loaded["he"]
    assert hebrew.get("Field").string == "תחום"
    assert hebrew.get("Field", context="record field").string == "שדה"
    assert hebrew.get("Review").string == "סקירה"
    assert hebrew.get("Review", context="plan follow-up").string == "מעקב"
    i18n.set_language("he")
    assert (i18n.pgettext("record field", "Field"), i18n._("Field")) == ("שדה", "תחום")


def test_a_document_built_in_a_worker_thread_keeps_its_language_to_its_thread() -> None:
    """PDFs are built in a worker (issue 16) and set their own language there: the window's
    language, its translations and its listeners are untouched meanwhile."""
    import threading

    heard: list[str] = []
    i18n.set_language("he")
    i18n.on_language_changed(heard.append)
    seen: dict[str, str] = {}
    inside = threading.Event()
    resume = threading.Event()

    def build() -> None:
        i18n.set_language("en")
        seen["worker"] = i18n._("Home")
        inside.set()
        resume.wait(5)

    worker = threading.Thread(target=build)
    worker.start()
    try:
        assert inside.wait(5)
        seen["window"] = i18n._("Home")  # while the worker is in English
    finally:
        resume.set()
        worker.join()
        i18n._listeners.remove(heard.append)
    assert seen == {"worker": "Home", "window": "בית"}
    assert i18n.current_language() == "he" and heard == []


# docs/glossary.md, Arabic column: a word the Arabic catalog no longer uses -> the one it uses.
# Matched on whole Arabic words (with the prefixes ال و ب ل ف) in every Arabic translation.
FORBIDDEN_ARABIC_TERMS = {
    r"(?:ال|و|ب|ل|لل|ف)*اجتماع(?:ات|ًا|ان|ين)?": "لقاء / اللقاءات (every meeting and session, as מפגש)",
    r"(?:ال|و|ب|ل|لل|ف)*جلس(?:ة|ات)": "لقاء / اللقاءات (a session of a forum is a meeting)",
    r"بيئة (?:ال)?عمل": "مساحة العمل (the workspace)",
    r"(?:ال)?بيانات (?:ال)?مرجعية": "البيانات الأساسية (the menu's name, as נתוני יסוד)",
    r"(?:ال|و|ب|ل|لل)*راي(?:ة|ات)": "العلم / الأعلام (the four flags)",
    r"جدول (?:ال)?أعمال (?:ال)?مشترك": "الأجندة المشتركة (as אג'נדה משותפת)",
    r"خطة (?:ال)?عمل (?:ال)?جماعية": "الخطة الجماعية (as תכנית קולקטיבית, not a work plan)",
    r"(?:نتائج|نتيجة) (?:ال)?بنية (?:ال)?تحتية": "النتائج البنيوية / بوصلة النتائج البنيوية",
    r"(?:ال)?طواقم (?:ال)?مهنية": "الفرق المهنية (professional teams, as צוותים מקצועיים)",
    r"(?:ال|و|ب|ل|لل)*اتفاقية": "الاتفاق (the agreement record)",
    r"شوتافوت": "شراكة (the program's Arabic name)",
}


def _arabic_translations(catalogs):  # type: ignore[no-untyped-def]
    _tool, extracted, loaded = catalogs
    for message in loaded["ar"]:
        if message.id and (message.id, message.context) in extracted:
            for text in message.string if isinstance(message.string, tuple) else (message.string,):
                yield message, text


def test_arabic_uses_the_glossary_terms(catalogs) -> None:  # type: ignore[no-untyped-def]
    offenders = []
    for message, text in _arabic_translations(catalogs):
        for pattern, preferred in FORBIDDEN_ARABIC_TERMS.items():
            found = re.search(rf"(?<![\u0621-\u064A]){pattern}(?![\u0621-\u064A])", text)
            if found:
                offenders.append(f"{message.id!r}: “{found.group()}” -> {preferred}")
        if re.search("[„“”]", text):
            offenders.append(f"{message.id!r}: quote with «…», not „…” or “…”")
    assert not offenders, "Arabic strings off the glossary (docs/glossary.md):\n" + "\n".join(offenders)


def test_arabic_undo_never_reads_like_cancel(catalogs) -> None:  # type: ignore[no-untyped-def]
    """Undo steps back one change (تراجع); إلغاء is Cancel, a different button."""
    undo_commands = [
        (message, text)
        for message, text in _arabic_translations(catalogs)
        if re.match(r"&?Undo\b|Undo(?:ne|ing)\b|.*Edit > Undo|.*\bundone\b", str(message.id))
    ]
    assert len(undo_commands) >= 8
    wrong = [
        str(m.id) for m, text in undo_commands if "تراجع" not in text or re.search("إلغاء|أُلغي|ألغي", text)
    ]
    assert not wrong, f"Undo translated like Cancel: {wrong}"


def test_arabic_plurals_follow_the_header(catalogs) -> None:  # type: ignore[no-untyped-def]
    """The header sends 11-99 to form 5 (one noun, accusative: 11 سجلًا) and 100-102 to form 4
    (one noun, genitive: 100 سجل); a form with the accusative ending -ًا must not serve 100."""
    tool, _extracted, loaded = catalogs
    with tool.po_path("ar").with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.plural(11) == 5 and compiled.plural(100) == 4  # type: ignore[attr-defined]
    wrong = [
        str(m.id)
        for m in loaded["ar"]
        if isinstance(m.id, tuple) and len(m.string) == 6 and "ًا" in m.string[4] and "ًا" not in m.string[5]
    ]
    assert not wrong, f"Arabic plural forms 4 and 5 swapped: {wrong}"


@pytest.mark.parametrize(
    ("language", "full"), [("he", "הדיסק מלא"), ("ar", "القرص ممتلئ"), ("en", "the disk is full")]
)
def test_the_systems_reason_for_a_failure_is_told_in_the_language(language: str, full: str) -> None:
    """The system's own words are English (its C locale) inside a translated message."""
    import errno
    import os

    with i18n.using_language(language):
        assert i18n.os_error_text(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "x.pdf")) == full
        missing = i18n.os_error_text(FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT)))
        assert missing == i18n.translate_in(language, "the file or folder does not exist")
        if language != "en":
            assert not re.search("[A-Za-z]", missing)
        # a reason the app gave, one not known here, and what is not the system's: as they are
        assert i18n.os_error_text(OSError(errno.EIO, "database disk image is malformed")) == (
            "database disk image is malformed"
        )
        unknown = OSError(errno.ENOTCONN, os.strerror(errno.ENOTCONN))
        assert i18n.os_error_text(unknown) == os.strerror(errno.ENOTCONN)
        assert i18n.os_error_text(ValueError("no good")) == "no good"
