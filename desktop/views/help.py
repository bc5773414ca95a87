"""F1 help: what the page on screen is for and how the seeds advise doing it, in the app's own
words with the seed and section it comes from, and a searchable glossary (seed 001's glossary,
l.1158-1305, and the other seeds' terms). Hebrew, Arabic and English: resources/help/help.json."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.paths import RESOURCES_DIR

HELP_PATH = RESOURCES_DIR / "help" / "help.json"
PAGES = ("home", "reference", "selection", "agreements", "forums", "flags", "communities")


@cache
def _help() -> dict[str, Any]:
    return dict(json.loads(HELP_PATH.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class PageHelp:
    title: str
    text: str
    seed: str
    section: str


@dataclass(frozen=True)
class Term:
    term: str
    text: str
    source: str
    names: tuple[str, ...]  # the term in every language, for searching


def page_help(key: str, language: str) -> PageHelp:
    page = _help()["pages"][key if key in PAGES else "home"]
    return PageHelp(
        page["title"][language], page["text"][language], page["source"]["seed"], page["source"]["section"]
    )


def glossary(language: str, query: str = "") -> list[Term]:
    """The glossary's terms in `language`, alphabetical; with `query`, those whose term (in any
    language) or definition contains it."""
    wanted = query.strip().casefold()
    terms = [
        Term(entry["term"][language], entry["text"][language], entry["source"], tuple(entry["term"].values()))
        for entry in _help()["glossary"]
    ]
    if wanted:
        terms = [
            t for t in terms if wanted in t.text.casefold() or any(wanted in n.casefold() for n in t.names)
        ]
    return sorted(terms, key=lambda t: t.term)


def _source_line(seed: str, section: str) -> str:
    return _("Source: seed {seed}, {section}").format(seed=seed, section=section)


class HelpDialog(QDialog):
    """Two tabs: the page on screen, and the glossary."""

    def __init__(self, page: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(_("Help"))
        self.language = i18n.current_language()
        self.tabs = QTabWidget()
        self.page_text = QTextBrowser()
        self.page_text.setObjectName("help_page")
        self.tabs.addTab(self.page_text, _("This page"))
        glossary_tab = QWidget()
        self.search = QLineEdit()
        self.search.setObjectName("glossary_search")
        self.search.setPlaceholderText(_("Search the glossary…"))
        self.search.setClearButtonEnabled(True)
        self.terms = QListWidget()
        self.terms.setObjectName("glossary_terms")
        self.definition = QTextBrowser()
        self.definition.setObjectName("glossary_definition")
        row = QHBoxLayout()
        row.addWidget(self.terms, 1)
        row.addWidget(self.definition, 2)
        column = QVBoxLayout(glossary_tab)
        column.addWidget(self.search)
        column.addLayout(row, 1)
        self.tabs.addTab(glossary_tab, _("Glossary"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._fill_terms)
        self.terms.currentItemChanged.connect(self._show_term)
        self.show_page(page)
        self._fill_terms()
        self.resize(760, 520)

    def show_page(self, page: str) -> None:
        found = page_help(page, self.language)
        self.page_text.setHtml(
            f"<h2>{html.escape(found.title)}</h2><p>{html.escape(found.text)}</p>"
            f"<p><i>{html.escape(_source_line(found.seed, found.section))}</i></p>"
        )
        self.tabs.setCurrentIndex(0)

    def _fill_terms(self, *_args: object) -> None:
        self.terms.clear()
        for term in glossary(self.language, self.search.text()):
            item = QListWidgetItem(term.term)
            item.setData(Qt.ItemDataRole.UserRole, term)
            self.terms.addItem(item)
        if self.terms.count():
            self.terms.setCurrentRow(0)
        else:
            self.definition.setPlainText(_("No term matches."))

    def _show_term(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        term = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(term, Term):
            return
        seed, _sep, section = term.source.partition(" ")
        self.definition.setHtml(
            f"<h3>{html.escape(term.term)}</h3><p>{html.escape(term.text)}</p>"
            f"<p><i>{html.escape(_source_line(seed, section or '—'))}</i></p>"
        )
