"""The main window driven in Hebrew: open a workspace, add and undo, switch language, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.workspace import create_workspace, open_workspace
from desktop.views.main_window import MainWindow
from desktop.views.qt_i18n import apply_language
from tests.views.conftest import type_text


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    yield main
    main.close()
    apply_language(app, "he")


def _choose(combo: QComboBox, code: str) -> None:
    combo.setCurrentIndex(combo.findData(code))
    combo.activated.emit(combo.currentIndex())


def test_window_is_right_to_left_in_hebrew_with_the_five_menus(window: MainWindow) -> None:
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&קובץ", "&עריכה", "&תצוגה", "&כלים", "&עזרה"]


def test_after_the_first_paint_the_reference_heading_is_not_a_page(window: MainWindow, qtbot: QtBot) -> None:
    # (its flags are set once the window is painted: see desktop.views.item_roles)
    qtbot.waitUntil(lambda: window.reference_item.flags() == Qt.ItemFlag.ItemIsEnabled)
    assert not window.reference_item.flags() & Qt.ItemFlag.ItemIsSelectable
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert window.new_action.shortcut().toString() == "Ctrl+Shift+N"
    assert window.redo_action.shortcut().matches(QKeySequence(QKeySequence.StandardKey.Redo)) == (
        QKeySequence.SequenceMatch.ExactMatch
    )


def test_open_add_undo_in_hebrew(window: MainWindow, workspace_path: Path) -> None:
    create_workspace(workspace_path).close()
    assert window.open_workspace_file(workspace_path)
    assert workspace_path.stem in window.windowTitle()
    window.new_record_action.trigger()
    page = window.reference_section.current_page
    type_text(page.form.editors["name_he"], "ירוחם")
    _choose(page.form.editors["municipal_status"], "local_council")
    assert page.model.rowCount() == 1
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert page.model.rowCount() == 0
    window.redo_action.trigger()
    assert page.table.model().index(0, 0).data() == "ירוחם"
    assert reference_store.count_records(window.workspace, RecordKind.AUTHORITY) == 1


def test_switching_language_keeps_what_was_typed(window: MainWindow, workspace_path: Path) -> None:
    create_workspace(workspace_path).close()
    window.open_workspace_file(workspace_path)
    window.new_record_action.trigger()
    page = window.reference_section.current_page
    type_text(page.form.editors["name_he"], "ירוחם")
    window.change_language("en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.menuBar().actions()[0].text() == "&File"
    assert page.form.editors["name_he"].text() == "ירוחם"
    assert page.form._labels["name_he"].text() == "Name (Hebrew) *"
    window.change_language("ar")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert i18n.current_language() == "ar"
    assert window.settings.value("language") == "ar"
    _choose(page.form.editors["municipal_status"], "local_council")
    assert reference_store.list_records(window.workspace, RecordKind.AUTHORITY)[0]["name_he"] == "ירוחם"


def test_closing_with_invalid_input_asks_first(
    window: MainWindow, workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_workspace(workspace_path).close()
    window.open_workspace_file(workspace_path)
    window.new_record_action.trigger()
    page = window.reference_section.current_page
    type_text(page.form.editors["name_he"], "ירוחם")  # no municipal status yet: invalid
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: answers.pop(0))
    window.close()
    assert window.isVisible() and window.workspace is not None
    window.close()
    assert not window.isVisible() and window.workspace is None


def test_a_file_that_is_not_a_workspace_is_refused_and_untouched(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text_file = tmp_path / "notes.shutafut"
    text_file.write_text("not a database", encoding="utf-8")
    before = text_file.read_bytes()
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: messages.append(text))
    assert not window.open_workspace_file(text_file)
    assert messages and "notes.shutafut" in messages[0]
    assert text_file.read_bytes() == before
    assert window.workspace is None


def test_second_window_is_told_the_workspace_is_in_use_and_opens_it_read_only(
    window: MainWindow, qtbot: QtBot, workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_workspace(workspace_path).close()
    assert window.open_workspace_file(workspace_path)
    second = MainWindow(QSettings())
    qtbot.addWidget(second)
    asked: list[str] = []

    def answer_open(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Open

    monkeypatch.setattr(QMessageBox, "question", answer_open)
    assert second.open_workspace_file(workspace_path)
    assert asked and workspace_path.name in asked[0]
    assert second.workspace is not None and second.workspace.read_only
    assert "קריאה בלבד" in second.windowTitle()
    assert not second.reference_section.current_page.new_button.isEnabled()
    second.close()


def test_export_pdf_writes_the_summary(window: MainWindow, workspace_path: Path, tmp_path: Path) -> None:
    workspace = create_workspace(workspace_path)
    reference_store.save_record(
        workspace, RecordKind.AUTHORITY, {"name_he": "שדרות", "municipal_status": "city"}
    )
    workspace.close()
    window.open_workspace_file(workspace_path)
    out = tmp_path / "summary.pdf"
    assert window.export_pdf_to(out, "he", open_after=False)
    assert out.read_bytes().startswith(b"%PDF")


def test_save_as_copy_continues_in_the_copy(window: MainWindow, workspace_path: Path, tmp_path: Path) -> None:
    workspace = create_workspace(workspace_path)
    reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "משרד הפנים", "sector": "government"}
    )
    workspace.close()
    window.open_workspace_file(workspace_path)
    copy = tmp_path / "copy.shutafut"
    assert window.save_copy_to(copy)
    assert window.workspace is not None and window.workspace.path == copy.resolve()
    reopened = open_workspace(copy, read_only=True)
    assert reference_store.count_records(reopened, RecordKind.ORGANISATION) == 1
    reopened.close()


def test_standard_buttons_read_in_the_interface_language(window: MainWindow) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(buttons.Ok | buttons.Cancel)
    assert {button.text() for button in box.buttons()} == {"אישור", "ביטול"}


def test_settings_dialog_switches_language_and_remembers_it(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.views.dialogs import SettingsDialog

    def choose_english(dialog: SettingsDialog) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        assert dialog.windowTitle() == "הגדרות"
        return 1  # the person pressed OK

    monkeypatch.setattr(SettingsDialog, "exec", choose_english)
    window.settings_action.trigger()
    assert i18n.current_language() == "en"
    assert window.settings.value("language") == "en"
    assert window.reference_item.text(0) == "Reference data"
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_directional_icons_are_mirrored_in_hebrew(window: MainWindow) -> None:
    from desktop.views.icons import icon

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    rtl_image = window.undo_action.icon().pixmap(24, 24).toImage()
    apply_language(app, "en")
    ltr_image = icon("undo").pixmap(24, 24).toImage()
    assert rtl_image == ltr_image.flipped(Qt.Orientation.Horizontal)


def test_the_bundled_font_is_the_interface_font() -> None:
    from PySide6.QtGui import QFontDatabase

    from desktop.views.app import UI_FONT_FAMILIES, load_fonts

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    load_fonts(app)
    try:
        assert "Rubik" in QFontDatabase.families()
        assert "Bold" in QFontDatabase.styles("Rubik")  # a real bold weight, not a fake one
        assert app.font().families()[: len(UI_FONT_FAMILIES)] == UI_FONT_FAMILIES
    finally:
        app.setFont(original)


def test_town_selection_section_lists_the_processes(window: MainWindow, tmp_path: Path) -> None:
    from desktop.models.selection_process import SelectionProcess
    from desktop.storage.demo import create_demo_workspace
    from desktop.storage.selection_store import save_process

    path = tmp_path / "demo.shutafut"
    workspace = create_demo_workspace(path)
    save_process(workspace, SelectionProcess(title="בחירה בנגב", purpose="מטרה"))
    workspace.close()
    window.open_workspace_file(path)
    window.sidebar.setCurrentItem(window.feature_items["selection"])
    section = window.feature_section("selection")
    assert window.sections.currentWidget() is section
    assert section.model.rowCount() == 1
    assert section.model.index(0, 0).data() == "בחירה בנגב"
    assert section.model.index(0, 1).data() == "טיוטה"


def test_agreements_section_lists_mous_and_exports_one(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.models.agreement import Agreement
    from desktop.models.mou import Parties
    from desktop.storage.agreement_store import save_agreement
    from desktop.storage.demo import create_demo_workspace
    from desktop.storage.reference_store import choices

    path = tmp_path / "demo.shutafut"
    workspace = create_demo_workspace(path)
    sderot = next(uuid for uuid, name in choices(workspace, RecordKind.AUTHORITY) if name == "שדרות")
    agreement_id = save_agreement(workspace, Agreement.new("he", parties=Parties(sderot)))
    workspace.close()
    window.open_workspace_file(path)
    window.sidebar.setCurrentItem(window.feature_items["agreements"])
    section = window.feature_section("agreements")
    assert window.sections.currentWidget() is section
    assert section.model.index(0, 0).data() == "שדרות"
    assert section.model.index(0, 1).data().startswith("טרם החל")
    out = tmp_path / "mou.pdf"
    assert window.export_pdf_to(out, "he", open_after=False, key="mou", record_id=agreement_id, version=None)
    assert out.read_bytes().startswith(b"%PDF")


def test_learning_communities_section_lists_opens_and_prints(window: MainWindow, tmp_path: Path) -> None:
    from datetime import date

    from desktop.models.community import Community
    from desktop.models.syllabus import draft_year
    from desktop.storage.community_store import save_community
    from desktop.storage.demo import create_demo_workspace

    path = tmp_path / "demo.shutafut"
    workspace = create_demo_workspace(path)
    community = Community(
        "קהילת מנהלות חינוך", profession="חינוך", period_start=date(2025, 9, 1), period_end=date(2026, 7, 31)
    )
    community.meetings = draft_year([], [date(2025, 9, 16), date(2025, 10, 21)], [])
    community_id = save_community(workspace, community)
    workspace.close()
    window.open_workspace_file(path)
    window.sidebar.setCurrentItem(window.feature_items["communities"])
    section = window.feature_section("communities")
    assert window.sections.currentWidget() is section
    assert window.feature_items["communities"].text(0) == "קהילות לומדות"
    names = [section.proxy.index(row, 0).data() for row in range(section.proxy.rowCount())]
    assert "קהילת מנהלות חינוך" in names
    for document, meeting in (
        ("syllabus", ""),
        ("meeting-plan", community.meetings[1].id),
        ("work-teams", ""),
    ):
        out = tmp_path / f"{document}.pdf"
        options = {"meeting": meeting} if meeting else {}
        assert window.export_pdf_to(
            out, "he", open_after=False, key=document, record_id=community_id, **options
        )
        assert out.read_bytes().startswith(b"%PDF")


def test_about_names_the_versions_support_asks_for(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window.show_about()
    [text] = shown
    assert "גרסאות (לתמיכה):" in text
    for component in ("Python", "PySide6", "Qt", "SQLAlchemy", "reportlab"):
        assert f"\n{component} " in text, component


def test_an_unsafe_python_and_qt_pair_is_told_at_start(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.versions import KNOWN_REFERENCE_DEFECTS
    from desktop.views import app

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    monkeypatch.setattr(app, "running_defect", lambda: None)
    app.warn_about_reference_defect(window)
    assert warned == []
    monkeypatch.setattr(app, "running_defect", lambda: (KNOWN_REFERENCE_DEFECTS[0], "6.12.0"))
    app.warn_about_reference_defect(window)
    [message] = warned
    assert "6.12.0" in message and "3.12" in message


def test_printing_never_writes_over_a_file_shutafut_did_not_make(
    window: MainWindow, workspace_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stat

    create_workspace(workspace_path).close()
    window.open_workspace_file(workspace_path)
    precious = tmp_path / "budget.pdf"
    precious.write_bytes(b"not ours")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    assert not window.export_pdf_to(precious, "he", open_after=False)
    assert precious.read_bytes() == b"not ours" and "budget.pdf" in warned[0]
    out = tmp_path / "summary.pdf"
    assert window.export_pdf_to(out, "he", open_after=False)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # it names people: the owner's only
    assert window.export_pdf_to(out, "he", open_after=False)  # our own PDF may be replaced
    assert not list(tmp_path.glob(".*writing*"))


def test_a_pdf_that_cannot_be_written_says_why_in_the_windows_language(
    window: MainWindow, workspace_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The system's reason (English, its C locale) is told in Hebrew, inside the message."""
    import errno
    import os

    from desktop.storage import private_files

    create_workspace(workspace_path).close()
    window.open_workspace_file(workspace_path)

    def full_disk(path: Path, mode: int = 0o600) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(private_files, "create_private", full_disk)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: told.append(text))
    assert not window.export_pdf_to(tmp_path / "summary.pdf", "he", open_after=False)
    assert len(told) == 1 and "summary.pdf" in told[0] and "הדיסק מלא" in told[0]
    assert os.strerror(errno.ENOSPC) not in told[0]
    assert list(tmp_path.iterdir()) == [workspace_path] or "summary.pdf" not in {
        p.name for p in tmp_path.iterdir()
    }


@pytest.mark.parametrize("language", ["he", "ar", "en"])
def test_no_two_places_in_the_sidebar_share_a_name(window: MainWindow, language: str) -> None:
    """The reference list of regional clusters and the cluster profiles once read alike."""
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, language)
    names = []
    found = QTreeWidgetItemIterator(window.sidebar)
    while found.value():
        names.append(found.value().text(0))
        found += 1
    assert len(names) > 10 and len(set(names)) == len(names), names


def test_home_and_every_feature_are_in_the_view_menu_and_the_first_by_keyboard(
    window: MainWindow, workspace_path: Path, qtbot: QtBot
) -> None:
    from desktop.storage.demo import create_demo_workspace
    from desktop.views.features import FEATURES, feature_title

    create_demo_workspace(workspace_path).close()
    window.open_workspace_file(workspace_path)
    shown = [action.text() for action in window.view_menu.actions()]
    assert "בית" in shown and all(feature_title(key) in shown for key in FEATURES)
    for digit, key in ((Qt.Key.Key_5, "selection"), (Qt.Key.Key_7, "forums"), (Qt.Key.Key_9, "communities")):
        qtbot.keyClick(window, digit, Qt.KeyboardModifier.ControlModifier)
        assert window.sections.currentWidget() is window.feature_section(key)
        assert window.sidebar.currentItem() is window.feature_items[key]
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.sections.currentWidget() is window.home_section
    window.feature_actions["compasses"].trigger()  # (past the digits: from the menu)
    assert window.sections.currentWidget() is window.feature_section("compasses")
