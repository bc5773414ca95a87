"""Every document feature's list, driven from the main window in Hebrew at 1366x768: the
empty state, search, sort, open, delete with confirmation, and the toolbar, Ctrl+F and Ctrl+P
acting on the section on screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.models.community import Community
from desktop.models.forum import Forum, sessions_from_template
from desktop.models.selection_process import SelectionProcess
from desktop.storage.community_store import save_community
from desktop.storage.forum_store import list_forums, save_forum
from desktop.storage.selection_store import list_processes, save_process
from desktop.storage.workspace import create_workspace
from desktop.views.features import FEATURES
from desktop.views.list_section import ListSection
from desktop.views.main_window import MainWindow
from desktop.views.qt_i18n import apply_language
from tests.views.conftest import demo_copy, type_text

SCREEN = (1366, 768)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.resize(*SCREEN)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    yield main
    main.close()


@pytest.fixture
def demo_path(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    path = tmp_path / "demo.shutafut"
    workspace = demo_copy(tmp_path_factory, path)
    for title in ("בחירה בנגב", "בחירה בגליל", "בחירה בשרון"):
        save_process(workspace, SelectionProcess(title=title, purpose="מטרה"))
    for title, ideas in (("פורום שדרות", 12), ("פורום רהט", 3)):
        forum = Forum(title, "STEM", "שדרות", sessions=sessions_from_template("stem", "he"))
        for number in range(ideas):
            forum.add_idea(1, 0, f"רעיון {number}")
        save_forum(workspace, forum)
    workspace.close()
    return path


def _show(window: MainWindow, key: str) -> ListSection:
    window.show_feature(key)
    section = window.feature_section(key)
    assert window.sections.currentWidget() is section
    return section


def _names(section: ListSection) -> list[str]:
    return [section.proxy.index(row, 0).data() for row in range(section.proxy.rowCount())]


def test_an_empty_section_says_what_it_is_for_and_starts_the_first_record(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "empty.shutafut"
    create_workspace(path).close()
    window.open_workspace_file(path)
    for key in FEATURES:
        section = _show(window, key)
        assert section.pages.currentIndex() == 1, key  # the empty state, not an empty table
        assert section.empty_text.isVisible() and len(section.empty_text.text()) > 100
        assert (
            section.start_button.isEnabled() and section.start_button.text() == section.buttons["new"].text()
        )
    started: list[str] = []
    monkeypatch.setattr(
        "desktop.views.selection.section.run_wizard",
        lambda section, process, process_id: started.append(section.description.key),
    )
    section = _show(window, "selection")
    QTest.mouseClick(section.start_button, Qt.MouseButton.LeftButton)
    assert started == ["selection"]


def test_a_read_only_workspace_says_why_nothing_can_be_started(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "empty.shutafut"
    create_workspace(path).close()
    window.open_workspace_file(path, read_only=True)
    section = _show(window, "forums")
    assert not section.start_button.isEnabled()
    assert "קריאה בלבד" in section.empty_reason.text()


def test_search_sort_and_count(window: MainWindow, demo_path: Path, qtbot: QtBot) -> None:
    window.open_workspace_file(demo_path)
    section = _show(window, "selection")
    assert sorted(_names(section)) == sorted(["בחירה בנגב", "בחירה בגליל", "בחירה בשרון"])
    assert section.count.text() == "3 רשומות"
    window.find_action.trigger()  # Ctrl+F: this section's search, not reference data's
    assert section.search.hasFocus()
    type_text(section.search, "גליל")
    assert _names(section) == ["בחירה בגליל"]
    assert section.count.text() == "1 מתוך 3 מוצגות"
    section.search.clear()
    forums = _show(window, "forums")
    forums.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # ideas: 12 before 3 (a number)
    assert _names(forums) == ["פורום שדרות", "פורום רהט"]
    forums.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert _names(forums) == ["פורום רהט", "פורום שדרות"]


def test_a_list_opens_in_alphabetical_order_numbers_as_numbers(
    window: MainWindow, demo_path: Path, qtbot: QtBot
) -> None:
    """From א to ת, as a person reads (Qt's own first order is the reverse), and "פורום 9"
    before "פורום 10"; the heading sorts the other way when clicked."""
    from desktop.storage.workspace import open_workspace

    workspace = open_workspace(demo_path)
    for title in ("פורום 10", "פורום 9", "פורום 100"):
        save_forum(workspace, Forum(title))
    workspace.close()
    window.open_workspace_file(demo_path)
    forums = _show(window, "forums")
    assert _names(forums) == ["פורום 9", "פורום 10", "פורום 100", "פורום רהט", "פורום שדרות"]
    header = forums.table.horizontalHeader()
    x = header.sectionViewportPosition(0) + header.sectionSize(0) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert _names(forums) == ["פורום שדרות", "פורום רהט", "פורום 100", "פורום 10", "פורום 9"]


def test_toolbar_new_and_delete_act_on_the_section_on_screen(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_workspace_file(demo_path)
    section = _show(window, "forums")
    started: list[str] = []
    monkeypatch.setattr("desktop.views.forum.section._start", lambda s: started.append("forum"))
    # the description holds the function it was built with: start through the section
    monkeypatch.setattr(section, "new_record", lambda: started.append("forum"))
    window.new_record_action.trigger()
    assert started == ["forum"]

    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    section.select(next(f.id for f in list_forums(window.workspace) if f.title == "פורום רהט"))  # type: ignore[arg-type]
    window.delete_record_action.trigger()  # No: nothing is deleted
    assert "פורום רהט" in asked[0] and "פורום רהט" in _names(section)
    window.delete_record_action.trigger()  # Yes
    assert _names(section) == ["פורום שדרות"]
    assert window.workspace is not None and [f.title for f in list_forums(window.workspace)] == [
        "פורום שדרות"
    ]


def test_the_delete_key_in_a_list_asks_then_deletes_the_selected_record(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    window.open_workspace_file(demo_path)
    section = _show(window, "selection")
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert window.workspace is not None
    [galil] = [p.id for p in list_processes(window.workspace) if p.title == "בחירה בגליל"]
    section.select(galil)
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_Delete)  # No: nothing is deleted
    assert len(asked) == 1 and "בחירה בגליל" in asked[0] and "בחירה בגליל" in _names(section)
    qtbot.keyClick(section.table, Qt.Key.Key_Delete)  # Yes
    assert "בחירה בגליל" not in _names(section)
    assert "בחירה בגליל" not in [p.title for p in list_processes(window.workspace)]
    section.search.setFocus()
    type_text(section.search, "בחירה")
    qtbot.keyClick(section.search, Qt.Key.Key_Delete)  # in the search box: only its text
    assert len(asked) == 2


def test_ctrl_p_prints_the_document_of_the_selected_record(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_workspace_file(demo_path)
    printed: list[tuple[str, int | None, dict[str, Any]]] = []
    monkeypatch.setattr(
        window.printer,
        "print_document",
        lambda key, record_id, options=None: printed.append((key, record_id, options or {})),
    )
    section = _show(window, "selection")
    assert window.workspace is not None
    [negev] = [p.id for p in list_processes(window.workspace) if p.title == "בחירה בנגב"]
    section.select(negev)
    window.print_action.trigger()
    assert printed == [("selection", negev, {})]
    window.show_kind(next(iter(window.kind_items)))  # reference data: Ctrl+P prints the summary
    window.print_action.trigger()
    assert printed[-1] == ("summary", None, {})


def test_every_feature_section_fits_1366x768(window: MainWindow, demo_path: Path) -> None:
    window.open_workspace_file(demo_path)
    for key in FEATURES:
        section = _show(window, key)
        hint = section.minimumSizeHint()
        assert hint.width() <= SCREEN[0] - 250 and hint.height() <= SCREEN[1] - 150, (key, hint)
    assert window.minimumSizeHint().width() <= SCREEN[0]
    assert window.minimumSizeHint().height() <= SCREEN[1]


def test_a_community_row_opens_its_window_with_enter(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.storage.workspace import open_workspace

    workspace = open_workspace(demo_path)
    community_id = save_community(
        workspace,
        Community(
            "קהילת חינוך", profession="חינוך", period_start=date(2025, 9, 1), period_end=date(2026, 7, 31)
        ),
    )
    workspace.close()
    window.open_workspace_file(demo_path)
    opened: list[int] = []
    monkeypatch.setattr(
        "desktop.views.community.section.open_community",
        lambda section, community, record_id: opened.append(record_id),
    )
    section = _show(window, "communities")
    section.select(community_id)
    section.table.setFocus()
    QTest.keyClick(section.table, Qt.Key.Key_Return)
    assert opened == [community_id]


def _press_ctrl_p_in(qtbot: QtBot, window: Any) -> int:
    """What a person does in an open editor: Ctrl+P, then close it."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    window.close()
    return 0


@pytest.mark.parametrize(
    ("key", "editor", "document"),
    [
        ("communities", "desktop.views.community.window.CommunityWindow", "syllabus"),
        ("flags", "desktop.views.flags.window.FlagsWindow", "flags-workplan"),
        ("selection", "desktop.views.selection.wizard.SelectionWizard", "selection"),
    ],
)
def test_ctrl_p_in_an_open_editor_prints_its_record(
    window: MainWindow,
    demo_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    editor: str,
    document: str,
) -> None:
    from importlib import import_module

    from desktop.storage.flags_store import start_flags_work
    from desktop.storage.reference_store import choices
    from desktop.storage.workspace import open_workspace

    workspace = open_workspace(demo_path)
    save_community(workspace, Community("קהילת חינוך", profession="חינוך"))
    from desktop.models.records import RecordKind

    start_flags_work(workspace, choices(workspace, RecordKind.CLUSTER)[0][0])
    workspace.close()
    window.open_workspace_file(demo_path)
    printed: list[tuple[str, int | None]] = []
    monkeypatch.setattr(
        window.printer, "print_document", lambda k, record_id, options=None: printed.append((k, record_id))
    )
    module, name = editor.rsplit(".", 1)
    monkeypatch.setattr(
        getattr(import_module(module), name), "exec", lambda self: _press_ctrl_p_in(qtbot, self)
    )
    section = _show(window, key)
    section.table.setCurrentIndex(section.proxy.index(0, 0))
    record_id = section.selected_id()
    section.open_selected()
    assert printed == [(document, record_id)]


def test_a_closed_editor_does_not_stay_behind_in_memory(
    window: MainWindow, demo_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QWizard

    window.open_workspace_file(demo_path)
    section = _show(window, "selection")
    monkeypatch.setattr(QWizard, "exec", lambda self: (self.show(), self.close(), 0)[-1])
    section.table.setCurrentIndex(section.proxy.index(0, 0))
    for _time in range(3):
        section.open_selected()  # opened and closed, as a person would during a day
    qtbot.waitUntil(lambda: not section.findChildren(QDialog))
    assert section.selected_id() is not None  # the list is still there, the record selected
