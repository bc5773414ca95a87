"""F1 help (issue 18): the page on screen in the seeds' words with its source, and the
searchable glossary, in Hebrew, Arabic and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.storage.workspace import create_workspace
from desktop.views.help import PAGES, HelpDialog, glossary, page_help
from desktop.views.main_window import MainWindow
from desktop.views.qt_i18n import apply_language
from tests.views.conftest import type_text


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[HelpDialog]:
    dialogs: list[HelpDialog] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, HelpDialog)
        dialogs.append(dialog)
        return 0

    monkeypatch.setattr(HelpDialog, "exec", run)
    return dialogs


def _window_on_a_new_workspace(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    path = tmp_path / "w.shutafut"
    create_workspace(path).close()
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.show()
    assert main.open_workspace_file(path)
    return main


def test_f1_opens_help_for_the_page_on_screen(qtbot: QtBot, tmp_path: Path, shown: list[HelpDialog]) -> None:
    main = _window_on_a_new_workspace(qtbot, tmp_path)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main, Qt.Key.Key_F1)
    assert "ציר היישום" in shown[-1].page_text.toPlainText()
    assert "מקור: מסמך 001" in shown[-1].page_text.toPlainText()
    main.show_feature("flags")
    qtbot.keyClick(main, Qt.Key.Key_F1)
    text = shown[-1].page_text.toPlainText()
    assert "צמיחה מכלילה" in text and "מסמך 000" in text and "ציר היישום" not in text
    main.show_kind(next(iter(main.kind_items)))
    qtbot.keyClick(main, Qt.Key.Key_F1)
    assert "257" in shown[-1].page_text.toPlainText()
    main.close()


def test_the_glossary_is_searchable(qtbot: QtBot) -> None:
    dialog = HelpDialog("forums")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    assert dialog.terms.count() == len(glossary("he")) >= 25
    type_text(dialog.search, "פורום")
    names = [dialog.terms.item(i).text() for i in range(dialog.terms.count())]
    assert "פורום עיצוב" in names and "אשכול אזורי" not in names
    dialog.terms.setCurrentRow(names.index("פורום עיצוב"))
    definition = dialog.definition.toPlainText()
    assert "50" in definition and "001" in definition
    dialog.search.clear()
    type_text(dialog.search, "flagship")  # a term's name in another language finds it too
    assert [dialog.terms.item(i).text() for i in range(dialog.terms.count())] == ["תכנית דגל"]
    type_text(dialog.search, "xyz")
    assert dialog.terms.count() == 0


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_page_and_term_has_its_text_and_source_in_every_language(language: str) -> None:
    for page in PAGES:
        found = page_help(page, language)
        assert found.title and len(found.text) > 150 and found.seed in ("000", "001", "002", "003", "004")
    terms = glossary(language)
    assert all(t.term and t.text and t.source for t in terms)
    assert len({t.term for t in terms}) == len(terms)


def test_help_closed_does_not_stay_behind(qtbot: QtBot, tmp_path: Path, shown: list[HelpDialog]) -> None:
    main = _window_on_a_new_workspace(qtbot, tmp_path)
    for _time in range(3):
        main.show_help()  # (its exec noted and returned at once, as when closed)
    assert len(shown) == 3
    qtbot.waitUntil(lambda: not main.findChildren(HelpDialog))
    main.close()
