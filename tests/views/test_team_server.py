"""Team server in the GUI: the connection dialog against a real PostgreSQL server, and the
conflict dialog when someone else saved the same record first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.models.flags import Item
from desktop.models.records import RecordKind
from desktop.storage import flags_store, reference_store
from desktop.storage.server import open_server_workspace, server_url
from desktop.views.conflict_dialog import ConflictDialog
from desktop.views.main_window import MainWindow
from desktop.views.qt_i18n import apply_language
from desktop.views.server_dialog import ServerDialog
from tests.conftest import open_location
from tests.pg_server import PASSWORD
from tests.views.conftest import leave_field, open_flags_window, open_reference_section, type_text


@pytest.fixture
def window(qtbot: QtBot) -> Any:
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


def _fill(dialog: ServerDialog, url: str, password: str) -> None:
    address = server_url(url)
    dialog.host.clear()
    type_text(dialog.host, str(address.host))
    dialog.port.setValue(int(address.port or 5432))
    dialog.database.clear()
    type_text(dialog.database, str(address.database))
    dialog.user.clear()
    type_text(dialog.user, str(address.username))
    type_text(dialog.password, password)


def _answer_dialog(callback: Any) -> None:
    """Answer the next modal dialog with `callback(dialog)`; never leave it open."""

    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            callback(dialog)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, respond)


def test_the_dialog_tests_the_connection_and_opens_the_server_workspace(
    qtbot: QtBot, window: MainWindow, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = str(server_url(postgres_url).database)
    dialog = ServerDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    # Nothing typed yet: the fields say what is missing.
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["host"].isVisible() and dialog.errors["database"].isVisible()

    _fill(dialog, postgres_url, "wrong-password")
    dialog.test_button.click()
    assert "סיסמה" in dialog.status.text() and "wrong-password" not in dialog.status.text()
    assert dialog.errors["password"].isVisible()

    dialog.password.clear()
    type_text(dialog.password, PASSWORD)
    assert dialog.test_button.isEnabled()
    dialog.test_button.click()
    assert dialog.status.text().startswith("החיבור הצליח") and "ריק" in dialog.status.text()

    # Connecting to the empty database asks before making it a workspace.
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str, *_args: object) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    dialog.connect_button.click()  # remembers the fields, never the password
    assert not dialog.isVisible()

    def fill_in_the_password_and_connect(shown: Any) -> None:
        assert isinstance(shown, ServerDialog)
        assert shown.database.text() == database and shown.password.text() == ""
        type_text(shown.password, PASSWORD)
        shown.connect_button.click()

    _answer_dialog(fill_in_the_password_and_connect)
    assert window.connect_to_server()
    assert len(asked) == 1 and database in asked[0]
    assert window.workspace is not None and window.workspace.is_server
    assert database in window.windowTitle()
    assert PASSWORD not in window.workspace_label.text()
    assert database in window.workspace_label.text()
    assert not window.save_as_action.isEnabled()
    recent = window.recent_paths()
    assert recent and recent[0].startswith("postgresql://") and PASSWORD not in recent[0]
    settings = window.settings
    assert all(PASSWORD not in str(settings.value(key)) for key in settings.allKeys())
    assert settings.value("team_server/database") == database

    reports: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: reports.append(text))
    window.check_current_workspace()
    assert reports == ["סביבת העבודה עברה את כל הבדיקות."]

    # The app behaves the same: a record added in the form is on the server.
    window.new_record_action.trigger()
    page = window.reference_section.current_page
    type_text(page.form.editors["name_he"], "ירוחם")
    page.form.editors["municipal_status"].setCurrentIndex(
        page.form.editors["municipal_status"].findData("local_council")
    )
    page.form.editors["municipal_status"].activated.emit(page.form.editors["municipal_status"].currentIndex())
    other = open_server_workspace(postgres_url)
    assert [r["name_he"] for r in reference_store.list_records(other, RecordKind.AUTHORITY)] == ["ירוחם"]
    other.close()

    # The recent entry opens the dialog filled in, asking only for the password.
    again = ServerDialog(window.settings, window, recent[0])
    qtbot.addWidget(again)
    assert again.database.text() == database and again.password.text() == ""
    assert again.port.value() == server_url(postgres_url).port


def test_a_refused_server_keeps_the_current_workspace(
    qtbot: QtBot,
    window: MainWindow,
    workspace_path: Path,
    postgres_server: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.storage.workspace import create_workspace
    from desktop.views.server_dialog import open_server

    create_workspace(workspace_path).close()
    assert window.open_workspace_file(workspace_path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *_a: shown.append(text))
    assert not open_server(window, postgres_server.url("no_such_database"))
    assert shown and "no_such_database" in shown[0] and PASSWORD not in shown[0]
    assert window.workspace is not None and window.workspace.path == workspace_path.resolve()


@pytest.mark.parametrize("choice", ["take_theirs", "keep_mine"])
def test_a_reference_conflict_shows_their_change_field_by_field(
    qtbot: QtBot, window: MainWindow, any_workspace: Any, workspace_location: Any, choice: str
) -> None:
    uuid = reference_store.save_record(
        any_workspace, RecordKind.ORGANISATION, {"name": "משרד הפנים", "sector": "government"}
    )
    if isinstance(workspace_location, Path):
        assert window.open_workspace_file(workspace_location)
    else:
        from desktop.views.server_dialog import open_server

        assert open_server(window, workspace_location)
    window.show_kind(RecordKind.ORGANISATION)
    page = window.reference_section.current_page
    page.select(uuid)
    assert page.current_uuid == uuid

    omer = open_location(workspace_location)  # someone else, on another computer
    reference_store.save_record(
        omer,
        RecordKind.ORGANISATION,
        {"name": "משרד הפנים", "sector": "government", "notes": "פגישה ביום ראשון"},
        uuid,
    )
    seen: dict[str, Any] = {}

    def answer(dialog: Any) -> None:
        assert isinstance(dialog, ConflictDialog)
        table = dialog.table
        seen["rows"] = [
            [table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())
        ]
        seen["message"] = dialog.message.text()
        dialog.findChild(QPushButton, choice).click()

    name = page.form.editors["name"]
    assert isinstance(name, QLineEdit)
    name.clear()
    type_text(name, "משרד הפנים והבינוי")
    _answer_dialog(answer)
    leave_field(name)
    qtbot.waitUntil(lambda: "rows" in seen)
    assert "משרד הפנים" in seen["message"]
    rows = {row[0]: row[1:] for row in seen["rows"]}
    assert rows["הערות"] == ["—", "פגישה ביום ראשון", "—"]  # as opened, theirs, mine
    assert rows["שם"][1:] == ["משרד הפנים", "משרד הפנים והבינוי"]
    stored = reference_store.load_record(omer, RecordKind.ORGANISATION, uuid)
    omer.close()
    if choice == "take_theirs":
        assert (stored["name"], stored["notes"]) == ("משרד הפנים", "פגישה ביום ראשון")
        assert name.text() == "משרד הפנים"
        assert page.form.editors["notes"].toPlainText() == "פגישה ביום ראשון"  # type: ignore[attr-defined]
    else:  # saved over theirs knowingly: the form's values win, whole
        assert stored["name"] == "משרד הפנים והבינוי"
    assert not page.has_changes()


def test_a_flags_conflict_shows_what_changed_and_takes_theirs(
    qtbot: QtBot, window: MainWindow, any_workspace: Any, workspace_location: Any
) -> None:
    cluster = reference_store.save_record(any_workspace, RecordKind.CLUSTER, {"name": "אשכול נגב מערבי"})
    if isinstance(workspace_location, Path):
        assert window.open_workspace_file(workspace_location)
    else:
        from desktop.views.server_dialog import open_server

        assert open_server(window, workspace_location)
    assert window.workspace is not None
    section = open_flags_window(qtbot, window.workspace, "אשכול נגב מערבי")
    assert section.flags.cluster == cluster and section.flags.items == []

    omer = open_location(workspace_location)
    theirs = flags_store.load_cluster_flags(omer, cluster)
    theirs.items.append(Item("t1", "תחבורה ציבורית"))
    flags_store.save_cluster_flags(omer, theirs)
    omer.close()
    seen: dict[str, Any] = {}

    def answer(dialog: Any) -> None:
        assert isinstance(dialog, ConflictDialog)
        table = dialog.table
        seen["rows"] = [
            [table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())
        ]
        dialog.take_theirs.click()

    section.flags.items.append(Item("m1", "חינוך"))
    _answer_dialog(answer)
    section.save()
    assert seen["rows"] == [["שותפויות, פרויקטים ושירותים ממופים", "רשומה אחת (השתנה)", "רשומה אחת"]]
    assert [item.name for item in section.flags.items] == ["תחבורה ציבורית"]
    section.flags.items.append(Item("m2", "חינוך"))
    section.save()  # on top of theirs now: no conflict
    assert [i.name for i in flags_store.load_cluster_flags(any_workspace, cluster).items] == [
        "תחבורה ציבורית",
        "חינוך",
    ]


def test_undo_never_overwrites_a_later_change_by_someone_else(
    qtbot: QtBot, any_workspace: Any, workspace_location: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    section, stack = open_reference_section(qtbot, any_workspace)
    reported: list[str] = []
    section.message.connect(reported.append)
    page = section.page_for(RecordKind.ORGANISATION)
    section.show_kind(RecordKind.ORGANISATION)
    page.new_record()
    name = page.form.editors["name"]
    type_text(name, "קרן משפחתית")
    page.form.editors["sector"].setCurrentIndex(page.form.editors["sector"].findData("philanthropy"))
    page.form.editors["sector"].activated.emit(page.form.editors["sector"].currentIndex())
    leave_field(name)
    uuid = page.current_uuid
    assert uuid is not None and stack.canUndo()

    omer = open_location(workspace_location)
    reference_store.save_record(
        omer,
        RecordKind.ORGANISATION,
        {"name": "קרן משפחתית", "sector": "philanthropy", "notes": "של עומר"},
        uuid,
    )
    stack.undo()  # would delete the record Omer has just changed
    assert reported and "קרן משפחתית" in reported[-1]
    assert reference_store.load_record(omer, RecordKind.ORGANISATION, uuid)["notes"] == "של עומר"

    # Deleting it, too, first shows that someone else changed it.
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    page.select(uuid)
    page.delete_current()
    assert warned and "קרן משפחתית" in warned[0]
    assert reference_store.count_records(omer, RecordKind.ORGANISATION) == 1
    omer.close()


def test_taking_theirs_in_the_selection_wizard_shows_theirs_on_every_page(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QWizard

    from desktop.models.selection_process import SelectionProcess
    from desktop.storage import selection_store
    from desktop.storage.demo import create_demo_workspace
    from desktop.storage.workspace import open_workspace
    from desktop.views.selection.wizard import PurposePage, SelectionWizard

    path = tmp_path / "team.shutafut"
    dana = create_demo_workspace(path)
    process_id = selection_store.save_process(dana, SelectionProcess(title="בחירה", purpose="איתור יישובים"))
    wizard = SelectionWizard(dana, selection_store.load_process(dana, process_id), process_id)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)

    omer = open_workspace(path)
    theirs = selection_store.load_process(omer, process_id)
    theirs.title = "הכותרת של עומר"
    selection_store.save_process(omer, theirs, process_id)

    page = wizard.currentPage()
    assert isinstance(page, PurposePage)
    page.title_edit.clear()
    type_text(page.title_edit, "הכותרת של דנה")
    seen: dict[str, Any] = {}

    def answer(dialog: Any) -> None:
        assert isinstance(dialog, ConflictDialog)
        table = dialog.table
        seen["rows"] = [
            [table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())
        ]
        dialog.take_theirs.click()

    _answer_dialog(answer)
    wizard.button(QWizard.WizardButton.NextButton).click()  # saves: someone else was first
    qtbot.waitUntil(lambda: "rows" in seen)
    assert ["כותרת", "הכותרת של עומר", "הכותרת של דנה"] in seen["rows"] or any(
        row[1:] == ["הכותרת של עומר", "הכותרת של דנה"] for row in seen["rows"]
    )
    assert wizard.process.title == "הכותרת של עומר"
    qtbot.waitUntil(lambda: wizard.page(0) is not page)  # every page built again...
    purpose_page = wizard.page(0)
    assert isinstance(purpose_page, PurposePage)
    assert purpose_page.title_edit.text() == "הכותרת של עומר"  # ...from their version
    assert wizard.currentId() == 1  # still where the person was
    wizard.reject()  # closing keeps what the page holds: theirs, not the stale typing
    assert selection_store.load_process(omer, process_id).title == "הכותרת של עומר"
    omer.close()
    dana.close()


def test_the_mou_wizard_is_built_again_on_their_version(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.models.agreement import Agreement
    from desktop.storage import agreement_store
    from desktop.storage.demo import create_demo_workspace
    from desktop.views.mou.wizard import MouWizard

    workspace = create_demo_workspace(tmp_path / "team.shutafut")
    agreement_id = agreement_store.save_agreement(workspace, Agreement.new("he"))
    wizard = MouWizard(workspace, agreement_store.load_agreement(workspace, agreement_id), agreement_id)
    qtbot.addWidget(wizard)
    wizard.show()
    before = {page_id: wizard.page(page_id) for page_id in wizard.pageIds()}
    wizard.show_document_again()
    qtbot.waitUntil(lambda: all(wizard.page(i) is not page for i, page in before.items()))
    assert wizard.pageIds() == list(before) and wizard.currentId() == wizard.startId()
    assert wizard.save() == agreement_id  # the rebuilt pages save as before, no conflict
    workspace.close()
