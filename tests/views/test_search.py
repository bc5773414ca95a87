"""Ctrl+K (issue 18): one search over the whole workspace; each result opens its record."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWizard
from pytestqt.qtbot import QtBot

from desktop.i18n import _
from desktop.storage.demo import create_demo_workspace
from desktop.storage.workspace import Workspace
from desktop.storage.workspace_search import search_workspace
from desktop.views.main_window import MainWindow
from desktop.views.qt_i18n import apply_language
from desktop.views.search import SearchDialog
from tests.views.conftest import type_text


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search") / "demo.shutafut"
    create_demo_workspace(path, whole_path=True).close()
    return path


def test_search_finds_every_kind_of_record(demo_path: Path) -> None:
    from desktop.storage.workspace import open_workspace

    workspace = open_workspace(demo_path, read_only=True)
    try:
        kinds = {
            "Sderot": "authority",
            "נגב מערבי": "cluster",
            "דנה לוי": "person",
            "משרד הפנים": "organisation",
            "בחירת יישוב לשותפות": "selection",
            "אופקים": "agreement",
            "פורום עיצוב אופקים": "forum",
            "מעבדת חקר": "idea",
            "קהילת פיתוח כלכלי": "community",
            "ניהול אמיץ": "meeting",
            "תמונת עתיד": "meeting",
        }
        for text, kind in kinds.items():
            assert kind in {hit.kind for hit in search_workspace(workspace, text)}, text
        assert search_workspace(workspace, "   ") == []
        assert search_workspace(workspace, "אין-כזה-דבר") == []
    finally:
        workspace.close()


@pytest.mark.parametrize(
    "typed, feature, editor",
    [("מעבדת חקר", "forums", "ForumWindow"), ("ניהול אמיץ", "communities", "CommunityWindow")],
)
def test_ctrl_k_opens_the_chosen_result(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, feature: str, editor: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    opened: list[QDialog] = []

    def run(dialog: QDialog) -> int:  # an editor: noted, not run
        opened.append(dialog)
        return 0

    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.show()
    assert main.open_workspace_file(demo_path, read_only=True)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)

    def type_and_choose() -> None:
        dialog = main.search_dialog
        type_text(dialog.field, typed)  # (what is typed while the workspace is read is kept)
        qtbot.waitUntil(lambda: dialog.results.count() >= 1)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)

    original_exec = QDialog.exec  # the search itself runs modally, driven by the timer
    monkeypatch.setattr(
        QDialog, "exec", lambda d: original_exec(d) if isinstance(d, SearchDialog) else run(d)
    )
    monkeypatch.setattr(QWizard, "exec", run)
    QTimer.singleShot(50, type_and_choose)
    qtbot.keyClick(main, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert [type(d).__name__ for d in opened] == [editor]
    assert main.sections.currentWidget() is main.feature_section(feature)
    main.close()


def test_a_reference_result_selects_its_record(qtbot: QtBot, demo_path: Path) -> None:
    from desktop.models.records import RecordKind
    from desktop.storage.workspace import open_workspace

    workspace = open_workspace(demo_path, read_only=True)
    person = next(h for h in search_workspace(workspace, "דנה לוי") if h.kind == "person")
    workspace.close()
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.show()
    assert main.open_workspace_file(demo_path, read_only=True)
    main.open_target(person.target)
    page = main.reference_section.current_page
    assert page.kind == RecordKind.PERSON and page.current_uuid == person.target.uuid
    main.close()


def _slow_reading(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[int]]:
    """The workspace's reading held until the returned event is set, or for at most 2 s
    (Cancel still stops it); the list holds 1 as each reading starts, -1 as it ends."""
    from desktop.progress import Progress
    from desktop.storage import workspace_search

    real = workspace_search.search_index
    release, reads = threading.Event(), []

    def held(workspace: Workspace, progress: Progress | None = None) -> workspace_search.SearchIndex:
        reads.append(1)
        deadline = time.monotonic() + 2
        try:
            while not release.wait(0.01) and time.monotonic() < deadline:
                if progress is not None:
                    progress.check()
            return real(workspace, progress)
        finally:
            reads.append(-1)  # (the reading ended)

    monkeypatch.setattr(workspace_search, "search_index", held)
    return release, reads


def test_the_workspace_is_read_once_and_what_is_typed_meanwhile_is_looked_for(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each keystroke read the whole workspace on the window's thread (a foundation's: over a
    second a keystroke). Now it is read once, in the background, as the dialog opens."""
    from desktop.storage.workspace import open_workspace

    release, reads = _slow_reading(monkeypatch)
    workspace = open_workspace(demo_path, read_only=True)
    dialog = SearchDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.field, "מעבדת")  # while the workspace is read: the window answers
    assert dialog.results.count() == 0 and dialog.count.text() == _("Reading the workspace…")
    release.set()
    qtbot.waitUntil(lambda: dialog.results.count() >= 1)
    type_text(dialog.field, " חקר")
    shown = [dialog.results.item(row).text() for row in range(dialog.results.count())]
    assert shown and all("מעבדת חקר" in line for line in shown)
    assert dialog.count.text() == _("{count} found").format(count=len(shown))
    dialog.field.clear()
    assert dialog.results.count() == 0 and dialog.count.text() == ""
    assert reads == [1, -1]
    dialog.close()
    workspace.close()


def test_closing_the_search_while_it_reads_stops_the_reading(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.storage.workspace import open_workspace

    _release, reads = _slow_reading(monkeypatch)  # (not released: Cancel ends it)
    workspace = open_workspace(demo_path, read_only=True)
    dialog = SearchDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: reads == [1])
    dialog.reject()
    assert reads == [1, -1]  # stopped, and waited for, before the dialog closed
    workspace.close()
