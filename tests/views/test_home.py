"""The home screen (issue 18): the window opens on it; on the demo it shows the town's path,
the clusters' flags work and the communities, marks what is overdue, and each line opens its
record; it reads right to left in Hebrew and fits 1366x768."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWizard
from pytestqt.qtbot import QtBot

from desktop.models.journey import Mark, Target, mark_label
from desktop.storage.demo import create_demo_workspace
from desktop.views.home import TARGET_ROLE, HomeSection
from desktop.views.main_window import MainWindow
from desktop.views.qt_i18n import apply_language
from tests.views.seams import fit_laptop_screen

# What each feature's record opens in, and the attribute holding the record's number.
EDITORS: dict[str, tuple[str, str]] = {
    "selection": ("SelectionWizard", "process_id"),
    "agreements": ("MouWizard", "agreement_id"),
    "forums": ("ForumWindow", "forum_id"),
    "flags": ("FlagsWindow", "flags_id"),
    "communities": ("CommunityWindow", "context.community_id"),
    "collective-plans": ("PlanWindow", "context.record_id"),
    "compasses": ("CompassWindow", "context.record_id"),
}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("home") / "demo.shutafut"
    create_demo_workspace(path, whole_path=True).close()
    return path


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, demo_file: Path) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    path = tmp_path / "demo.shutafut"
    shutil.copyfile(demo_file, path)  # each test works in its own copy
    main = MainWindow(QSettings())
    main.home_section.today = date(2026, 12, 1)
    qtbot.addWidget(main)
    main.show()
    assert main.open_workspace_file(path)
    yield main
    main.close()


@pytest.fixture
def editors(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """The editors opened, in order: each is shown, noted and closed instead of running modally."""
    opened: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        dialog.show()
        opened.append(dialog)
        dialog.close()
        return 0

    monkeypatch.setattr(QDialog, "exec", run)
    monkeypatch.setattr(QWizard, "exec", run)
    return opened


def test_the_window_opens_on_home_right_to_left_and_fits_a_laptop(window: MainWindow) -> None:
    assert window.sections.currentWidget() is window.home_section
    assert window.sidebar.currentItem() is window.home_item
    assert window.sidebar.topLevelItem(0) is window.home_item
    assert window.home_item.text(0) == "בית"
    assert window.home_section.tree.layoutDirection() == Qt.LayoutDirection.RightToLeft
    fit_laptop_screen(window)
    groups = window.home_section.groups
    towns = [groups["towns"].child(i).text(0) for i in range(groups["towns"].childCount())]
    assert towns == ["אופקים"]
    clusters = [groups["clusters"].child(i).text(0) for i in range(groups["clusters"].childCount())]
    assert clusters[0] == "אשכול נגב מערבי" and len(clusters) == 5
    assert groups["communities"].childCount() == 2


def test_overdue_is_marked_on_the_demo(window: MainWindow) -> None:
    town = window.home_section.groups["towns"].child(0)
    steps = {town.child(i).text(0): town.child(i) for i in range(town.childCount())}
    sessions = steps["מפגשי פורום העיצוב"]
    assert sessions.text(1) == mark_label(Mark.OVERDUE)  # session 4 has no summary
    assert "4" in sessions.text(2)
    assert steps["מסמך הבנות"].text(1) == mark_label(Mark.DONE)  # version 2 signed
    cluster = window.home_section.groups["clusters"].child(0)
    plan = cluster.child(2)
    assert plan.text(1) == mark_label(Mark.OVERDUE)  # plan actions past their dates


def test_each_line_opens_its_record(window: MainWindow, qtbot: QtBot, editors: list[QDialog]) -> None:
    home = window.home_section
    lines = home.lines()
    assert len(lines) > 10
    opened = set()
    for index in range(len(lines)):
        window.show_home()
        line = home.lines()[index]  # the tree is listed again when home shows
        target: Target = line.data(0, TARGET_ROLE)
        home.tree.setCurrentItem(line)
        if target.feature in EDITORS:
            before = len(editors)
            qtbot.keyClick(home.tree, Qt.Key.Key_Return)
            assert len(editors) == before + 1
            editor = editors[-1]
            name, attribute = EDITORS[target.feature]
            assert type(editor).__name__ == name, (line.text(0), target)
            value: object = editor
            for name_part in attribute.split("."):
                value = getattr(value, name_part)
            assert value == target.record_id
            section = window.feature_section(target.feature)
            assert window.sections.currentWidget() is section
            assert section.selected_id() == target.record_id
        else:
            qtbot.keyClick(home.tree, Qt.Key.Key_Return)
            page = window.reference_section.current_page
            assert window.sections.currentWidget() is window.reference_section
            assert page.current_uuid == target.uuid, line.text(0)
        opened.add(target.feature)
    assert opened == {
        "authority",
        "cluster",
        "selection",
        "agreements",
        "forums",
        "flags",
        "communities",
        "collective-plans",
        "compasses",
    }


def _on_a_new_workspace(qtbot: QtBot, tmp_path: Path, *, read_only: bool = False) -> MainWindow:
    """The window, shown, on a workspace just made (no authorities yet)."""
    from desktop.storage.workspace import create_workspace

    path = tmp_path / "new.shutafut"
    create_workspace(path).close()
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.show()
    assert main.open_workspace_file(path, read_only=read_only)
    return main


def test_a_new_workspace_offers_the_national_authorities_in_one_step(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.models.records import RecordKind

    main = _on_a_new_workspace(qtbot, tmp_path)
    home = main.home_section
    assert main.sections.currentWidget() is home
    assert home.national_button.isVisible() and home.national_button.isEnabled()
    assert "257" in home.national_button.text() and "257" in home.national_note.text()
    assert home.groups["towns"].child(0).text(0).startswith("עדיין אין יישוב")
    qtbot.mouseClick(home.national_button, Qt.MouseButton.LeftButton)
    assert not home.national_button.isVisible()
    clusters = home.groups["clusters"]
    assert clusters.childCount() == 11
    main.show_kind(RecordKind.AUTHORITY)
    page = main.reference_section.page_for(RecordKind.AUTHORITY)
    assert page.model.rowCount() == 257
    assert "257" in main.statusBar().currentMessage()
    main.close()


def test_authorities_imported_from_the_tools_menu_end_the_offer_on_the_home_screen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.views.import_dialog import ImportAuthoritiesDialog

    main = _on_a_new_workspace(qtbot, tmp_path)
    home = main.home_section
    assert home.national_button.isVisible()

    def apply_the_national_data(dialog: ImportAuthoritiesDialog) -> int:
        dialog.apply_button.click()
        return 1

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(ImportAuthoritiesDialog, "exec", apply_the_national_data)
    main.import_authorities()
    assert "257" in main.statusBar().currentMessage()

    def clusters_shown() -> int:
        clusters = home.groups.get("clusters")  # (none while it is read again)
        return clusters.childCount() if clusters is not None else 0

    assert main.sections.currentWidget() is home  # (the reference section not brought up)
    assert main.sidebar.currentItem() is main.home_item
    qtbot.waitUntil(lambda: not home.national_button.isVisible() and clusters_shown() == 11)
    main.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_no_empty_section_is_greyed_out_without_saying_why(
    qtbot: QtBot, tmp_path: Path, read_only: bool
) -> None:
    """Each empty section says what it is for; a disabled start button comes with its reason."""
    from desktop.views.features import FEATURES

    main = _on_a_new_workspace(qtbot, tmp_path, read_only=read_only)
    for key in FEATURES:
        main.show_feature(key)
        section = main.feature_section(key)
        assert section.empty_text.isVisible() and len(section.empty_text.text()) > 80, key
        for button in (section.buttons["new"], section.start_button):
            assert button.isEnabled() or section.empty_reason.text(), key
        assert button.isEnabled() is not read_only, key
    main.close()


def _opened_on_a_copy(qtbot: QtBot, tmp_path: Path, demo_file: Path) -> MainWindow:
    """A window shown and opened on a copy of the demo (the test's own, in the real language)."""
    path = tmp_path / "demo.shutafut"
    shutil.copyfile(demo_file, path)
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.show()
    assert main.open_workspace_file(path)
    return main


def test_opening_a_workspace_reads_its_overview_once(
    qtbot: QtBot, tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The overview reads every process, agreement and forum: on a foundation's workspace
    that is the longest part of opening, so it is read for the home screen once, not again
    when the home screen shows."""
    from desktop.storage import journey_store

    read: list[object] = []
    overview = journey_store.overview
    monkeypatch.setattr(journey_store, "overview", lambda *args: read.append(args) or overview(*args))
    main = _opened_on_a_copy(qtbot, tmp_path, demo_file)
    assert main.sections.currentWidget() is main.home_section
    assert len(read) == 1
    assert main.home_section.lines()  # and what it read is shown
    main.close()


def _read_behind_a_line_saying_so(qtbot: QtBot, main: MainWindow) -> HomeSection:
    """The home screen says the overview is being read, then shows what was read."""
    section = main.home_section
    assert section.reading
    assert section.tree.topLevelItem(0).text(0) == "קוראים היכן עומדים כל יישוב, אשכול וקהילה…"
    with qtbot.waitSignal(section.read, timeout=20000):
        pass
    assert not section.reading and section.lines()
    return section


def test_a_large_workspace_is_read_for_the_home_screen_in_another_thread(
    qtbot: QtBot, tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From READ_IN_BACKGROUND_FROM documents the overview is read off the window's thread: the
    window opens at once with a line saying it is being read, then shows what was read."""
    from PySide6.QtCore import QThread

    from desktop.storage import journey_store
    from desktop.views import home

    monkeypatch.setattr(home, "READ_IN_BACKGROUND_FROM", 1)  # the demo counts as large
    threads: list[QThread] = []
    overview = journey_store.overview

    def read_and_note(*args: object) -> object:
        threads.append(QThread.currentThread())
        return overview(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(journey_store, "overview", read_and_note)
    main = _opened_on_a_copy(qtbot, tmp_path, demo_file)
    section = _read_behind_a_line_saying_so(qtbot, main)
    assert threads and all(thread is not QApplication.instance().thread() for thread in threads)
    # closing while it reads waits for it: nothing runs on a closed workspace
    section.reload()
    assert section.reading
    main.close()
    assert not section.reading


def test_the_path_of_the_chosen_town_or_cluster_prints_from_the_home_screen(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests.reports.pdf_tools import pdf_lines

    home = window.home_section
    asked: list[tuple[str, int | None, dict[str, str]]] = []
    monkeypatch.setattr(
        window.printer,
        "print_document",
        lambda key, record_id, options=None: asked.append((key, record_id, options)),
    )
    home.tree.setCurrentItem(home.groups["towns"])  # a heading: nothing to print
    assert not home.print_button.isEnabled()
    town = home.groups["towns"].child(0)
    home.tree.setCurrentItem(town.child(1))  # a step of the town's path
    assert home.print_button.isEnabled()
    qtbot.mouseClick(home.print_button, Qt.MouseButton.LeftButton)
    assert asked == [("journey", None, {"town": town.text(0)})]
    cluster = home.groups["clusters"].child(0)
    home.tree.setCurrentItem(cluster)
    window.print_action.trigger()  # Ctrl+P on the home screen: the chosen path
    assert asked[-1] == ("journey", None, {"cluster": cluster.text(0)})
    monkeypatch.undo()
    out = tmp_path / "path.pdf"
    assert window.printer.write("journey", None, {"town": town.text(0)}, out, "he", open_after=False)
    assert any(town.text(0) in line for line in pdf_lines(out))


def test_the_first_reading_of_a_session_is_in_another_thread_whatever_the_size(
    qtbot: QtBot, tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Until the journey rules and SQLAlchemy are imported (half a second), even the small demo
    is read off the window's thread: the window shows it is being read, then the overview."""
    from desktop.storage import journey_store

    monkeypatch.setattr(journey_store, "overview_modules_imported", lambda: False)
    main = _opened_on_a_copy(qtbot, tmp_path, demo_file)
    _read_behind_a_line_saying_so(qtbot, main)
    main.close()


def test_each_mark_has_a_look_of_its_own(qtbot: QtBot, tmp_path: Path, demo_file: Path) -> None:
    """Done, next, overdue and in progress each in a colour of their own; "not yet" plain."""
    from desktop.models.agreement import Agreement
    from desktop.models.mou import Parties
    from desktop.models.mou_versions import freeze_version
    from desktop.models.records import RecordKind
    from desktop.storage.agreement_store import save_agreement
    from desktop.storage.reference_store import choices
    from desktop.storage.workspace import open_workspace

    path = tmp_path / "demo.shutafut"
    shutil.copyfile(demo_file, path)
    workspace = open_workspace(path)
    town = next(uuid for uuid, name in choices(workspace, RecordKind.AUTHORITY) if name == "נתיבות")
    agreement = Agreement.new("he", parties=Parties(town))
    agreement.versions = [freeze_version(agreement.draft, [], date(2026, 11, 25))]  # (out for signing)
    save_agreement(workspace, agreement)
    workspace.close()
    main = MainWindow(QSettings())
    main.home_section.today = date(2026, 12, 1)
    qtbot.addWidget(main)
    main.show()
    assert main.open_workspace_file(path)
    looks: dict[str, set[str]] = {}
    for group in main.home_section.groups.values():
        for line in (group.child(i) for i in range(group.childCount())):
            for step in (line.child(i) for i in range(line.childCount())):
                looks.setdefault(step.text(1), set()).add(step.foreground(1).color().name())
    marks = [mark_label(mark) for mark in (Mark.DONE, Mark.NEXT, Mark.OVERDUE, Mark.STARTED, Mark.OPEN)]
    assert set(marks) <= set(looks)
    assert all(len(looks[mark]) == 1 for mark in marks)
    colours = [next(iter(looks[mark])) for mark in marks]
    assert len(set(colours)) == len(colours), dict(zip(marks, colours, strict=True))
    main.close()


def test_find_new_and_delete_on_the_home_screen_do_not_bring_up_another_list(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+F there searches the whole workspace; New and Delete record, which act on a list,
    are greyed out. (Ctrl+F showed the local authorities under a sidebar still on Home, and
    New or Delete would have acted on them.)"""
    from desktop.views.search import SearchDialog

    opened: list[str] = []
    monkeypatch.setattr(SearchDialog, "exec", lambda dialog: opened.append(type(dialog).__name__) or 0)
    assert window.sections.currentWidget() is window.home_section
    assert not window.new_record_action.isEnabled() and not window.delete_record_action.isEnabled()
    window.find_action.trigger()
    assert opened == ["SearchDialog"]
    assert window.sections.currentWidget() is window.home_section
    assert window.sidebar.currentItem() is window.home_item
    window.show_feature("forums")
    assert window.new_record_action.isEnabled() and window.delete_record_action.isEnabled()
    window.show_home()
    assert not window.new_record_action.isEnabled()


def test_new_and_delete_record_follow_the_buttons_of_the_list_on_screen(window: MainWindow) -> None:
    """Edit > New and Delete record are enabled exactly when the list on screen's own New and
    Delete are: nothing to delete on a new record's form, or on a list with none chosen."""
    from desktop.models.records import RecordKind

    window.show_kind(RecordKind.AUTHORITY)
    page = window.reference_section.current_page
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    assert page.delete_button.isEnabled() and window.delete_record_action.isEnabled()
    page.new_button.click()  # (a new record's form)
    assert not page.delete_button.isEnabled() and not window.delete_record_action.isEnabled()
    assert window.new_record_action.isEnabled()
    window.show_kind(RecordKind.PERSON)  # (another kind's page: its own buttons)
    people = window.reference_section.current_page
    assert window.delete_record_action.isEnabled() == people.delete_button.isEnabled()
    window.show_feature("forums")
    forums = window.feature_section("forums")
    assert forums.buttons["delete"].isEnabled() and window.delete_record_action.isEnabled()
    forums.search.setText("אין פורום כזה")  # (nothing shown: nothing chosen)
    assert not forums.buttons["delete"].isEnabled() and not window.delete_record_action.isEnabled()
