"""Extract, update and compile the gettext catalogs with Babel.

Usage (from the checkout):
    python translations/catalogs.py extract   # desktop/**.py -> translations/shutafut.pot
    python translations/catalogs.py update    # merge the template into he, ar, en .po files
    python translations/catalogs.py compile   # .po -> .mo (what the app loads)
    python translations/catalogs.py all       # the three in order
    python translations/catalogs.py translate FILE.json
        # set translations: {"msgid": {"he": "...", "ar": "..."}} (then run compile);
        # a message with a context (pgettext) is keyed "context\\u0004msgid" in JSON (as in a .mo file)

Message ids are English. The English catalog translates every id to itself unless
a plainer wording is wanted; Hebrew and Arabic must translate every id (a test
fails otherwise).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "shutafut.pot"
DOMAIN = "shutafut"
LANGUAGES = ("he", "ar", "en")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
CONTEXT_SEPARATOR = "\x04"  # gettext's: "context\x04msgid" names a message with a context


def po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract_catalog() -> Catalog:
    """Every message marked in desktop/ (the same extraction the tests use)."""
    catalog = Catalog(project="Shutafut", msgid_bugs_address="", charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "desktop"), method_map=method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, None, [(f"desktop/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def write_catalog(path: Path, catalog: Catalog, **options: bool) -> None:
    """Write a template or catalog. The app formats its messages with str.format only
    (python-brace-format): a "%" in one is a per cent sign, which Babel takes for a
    %-directive ("% of residents", flagged python-format whenever a catalog is read) and GNU
    msgfmt --check-format, which translators' tools run, then finds missing from the
    translation."""
    for message in catalog:
        message.flags.discard("python-format")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, **options)


def extract() -> None:
    write_catalog(TEMPLATE, extract_catalog(), omit_header=False)


def update() -> None:
    template = read_po(TEMPLATE.open("rb"))
    for language in LANGUAGES:
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language)
        else:
            catalog = Catalog(locale=language, project="Shutafut", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        drop_obsolete_twins(catalog)
        if language == "en":
            for message in catalog:
                if message.id and not any(message.string or ()):
                    # Plural ids are (singular, plural): English keeps both forms.
                    message.string = message.id
        write_catalog(path, catalog, include_previous=False)


def drop_obsolete_twins(catalog: Catalog) -> None:
    """Forget the obsolete entries ("#~") of messages that are in use again: Babel carries them
    over, and GNU msgfmt (which Poedit and other translators' tools run) refuses a catalog that
    defines a message twice."""
    for key in list(catalog.obsolete):
        msgid, context = (key, None) if isinstance(key, str) else key
        if catalog.get(msgid, context=context) is not None:
            del catalog.obsolete[key]


def compile_all() -> None:
    for language in LANGUAGES:
        with po_path(language).open("rb") as handle:
            catalog = read_po(handle, locale=language)
        with po_path(language).with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)


def translate(source: Path) -> None:
    """Fill translations from a JSON file of {msgid: {language: text}}; unknown ids are skipped."""
    import json

    wanted: dict[str, dict[str, str]] = json.loads(source.read_text(encoding="utf-8"))
    for language in LANGUAGES:
        path = po_path(language)
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        for key, texts in wanted.items():
            if language not in texts:
                continue
            context, _separator, msgid = key.rpartition(CONTEXT_SEPARATOR)
            message = catalog.get(msgid, context=context or None)
            if message is None:  # no longer in the code (or not extracted yet): nothing to set
                print(f"skipped {key!r}: not in the {language} catalog")
                continue
            text = texts[language]
            message.string = tuple(text) if isinstance(text, list) else text  # plurals: a list
            message.flags.discard("fuzzy")
        write_catalog(path, catalog, include_previous=False)


def main(argv: list[str]) -> int:
    commands = {
        "extract": [extract],
        "update": [update],
        "compile": [compile_all],
        "all": [extract, update, compile_all],
    }
    if len(argv) == 2 and argv[0] == "translate":
        translate(Path(argv[1]))
        compile_all()
        return 0
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    for command in commands[argv[0]]:
        command()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
