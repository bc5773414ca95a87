"""File > Export for a colleague / Import from a colleague, driven like a person, in Hebrew."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.models import exchange as ex
from desktop.models.records import RecordKind
from desktop.storage import exchange as sx
from desktop.storage.reference_store import load_record, save_record
from desktop.storage.workspace import Workspace, create_workspace
from desktop.views.exchange_dialogs import ConflictDialog, ExportDialog, ImportDialog
from desktop.views.main_window import MainWindow
from desktop.views.qt_i18n import apply_language
from tests.storage.exchange_data import build, file_hash
from tests.views.conftest import type_text


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
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


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    asked: list[str] = []

    def answer(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked


def test_export_one_forum_found_by_search_without_contacts(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    workspace, ids = build(tmp_path / "source.shutafut")
    dialog = ExportDialog(workspace, str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert not dialog.items.isEnabled()  # everything: nothing to pick
    dialog.scope_buttons[ex.Scope.CLUSTER].click()
    asked = _save_as(monkeypatch, tmp_path / "nothing.shutafut-exchange")
    dialog.export_button.click()
    assert (dialog.scope, asked, dialog.item_error.text()) == (ex.Scope.CLUSTER, [], "יש לבחור אחד מהרשימה.")
    assert dialog.item_error.isVisible()
    assert asked == []  # no file dialog before a choice
    dialog.scope_buttons[ex.Scope.FORUM].click()
    assert dialog.items.count() == 2
    type_text(dialog.search, "ירוחם")
    visible = [
        dialog.items.item(i) for i in range(dialog.items.count()) if not dialog.items.item(i).isHidden()
    ]
    assert [row.text() for row in visible] == ["פורום עיצוב ירוחם"]
    dialog.items.setCurrentItem(visible[0])
    assert not dialog.item_error.isVisible()
    dialog.without_contacts.click()
    out = tmp_path / "forum.shutafut-exchange"
    asked = _save_as(monkeypatch, out)
    dialog.export_button.click()
    assert Path(asked[0]).name == "פורום עיצוב ירוחם להעברה.shutafut-exchange"
    assert dialog.result_ is not None and dialog.result_.records == 3
    with zipfile.ZipFile(out) as archive:
        head = json.loads(archive.read(ex.HEADER_MEMBER))
        text = archive.read(ex.PAYLOAD_MEMBER).decode()
    assert head["scope"] == "forum" and head["scope_uuid"] == ids.forum_uuid
    assert head["contacts_removed"] is True
    assert "dana@example.org" not in text


def _conflicting_pair(tmp_path: Path) -> tuple[Workspace, Any, Path]:
    source, ids = build(tmp_path / "source.shutafut")
    target = create_workspace(tmp_path / "target.shutafut")
    first = tmp_path / "first.shutafut-exchange"
    sx.export_exchange(source, first, ex.Scope.EVERYTHING)
    sx.apply_import(target, sx.plan_import(target, first))
    for workspace, role in ((target, "רכזת אזורית"), (source, "מנהלת תוכנית")):
        person = load_record(workspace, RecordKind.PERSON, ids.dana)
        save_record(workspace, RecordKind.PERSON, {**person, "role": role}, ids.dana)
    town = load_record(source, RecordKind.AUTHORITY, ids.town)
    save_record(source, RecordKind.AUTHORITY, {**town, "population": 12000}, ids.town)
    second = tmp_path / "second.shutafut-exchange"
    sx.export_exchange(source, second, ex.Scope.EVERYTHING)
    target.close()
    source.close()
    return target, ids, second


def test_import_with_a_conflict_chosen_side_by_side(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, ids, second = _conflicting_pair(tmp_path)
    assert window.open_workspace_file(target.path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(second), ""))
    seen: dict[str, Any] = {}

    def person_at_the_dialog(dialog: ImportDialog) -> int:
        seen["counts"] = dialog.counts.text()
        seen["enabled_before"] = dialog.import_button.isEnabled()
        assert dialog.conflict_list.topLevelItemCount() == 1
        dialog.choose_button.click()
        conflict = dialog.findChild(ConflictDialog)
        assert isinstance(conflict, ConflictDialog)
        qtbot.waitUntil(conflict.isVisible)
        rows = {
            conflict.table.item(r, 0).text(): (
                conflict.table.item(r, 1).text(),
                conflict.table.item(r, 2).text(),
                conflict.table.item(r, 1).font().bold(),
            )
            for r in range(conflict.table.rowCount())
        }
        assert not conflict.only_differences.isChecked()  # a short record: all its fields
        conflict.only_differences.click()
        seen["shown"] = [
            conflict.table.item(r, 0).text()
            for r in range(conflict.table.rowCount())
            if not conflict.table.isRowHidden(r)
        ]
        seen["role"] = rows["תפקיד"]
        seen["name"] = rows["שם מלא"]
        seen["sector"] = rows["מגזר"]
        seen["organisation"] = rows["ארגון"]
        conflict.take_button.click()
        seen["choice"] = dialog.conflict_list.topLevelItem(0).text(2)
        seen["enabled_after"] = dialog.import_button.isEnabled()
        dialog.import_button.click()
        return 1

    monkeypatch.setattr(ImportDialog, "exec", person_at_the_dialog)
    window.import_exchange_action.trigger()
    assert seen["counts"].startswith("0 להוספה, 1 לעדכון, 13 כבר זהות")
    assert seen["enabled_before"] is False and seen["enabled_after"] is True
    assert seen["role"] == ("רכזת אזורית", "מנהלת תוכנית", True)
    assert seen["shown"] == ["תפקיד"]
    assert seen["name"] == ("דנה לוי", "דנה לוי", False)
    assert seen["organisation"] == ("קרן שותפות", "קרן שותפות", False)  # by name, not UUID
    assert seen["sector"] == ("קרן / פילנתרופיה", "קרן / פילנתרופיה", False)
    assert seen["choice"] == "לקבל את שלהם"
    assert window.workspace is not None
    assert load_record(window.workspace, RecordKind.PERSON, ids.dana)["role"] == "מנהלת תוכנית"
    assert load_record(window.workspace, RecordKind.AUTHORITY, ids.town)["population"] == 12000
    assert "עודכנו" in window.statusBar().currentMessage()


def test_a_refused_file_says_why_and_changes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "target.shutafut"
    create_workspace(path).close()
    assert window.open_workspace_file(path)
    bad = tmp_path / "bad.shutafut-exchange"
    bad.write_text("שלום", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(bad), ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    before = file_hash(path)
    window.import_exchange_action.trigger()
    assert len(warnings) == 1
    assert "bad.shutafut-exchange" in warnings[0] and "לא קובץ החלפה" in warnings[0]
    assert file_hash(path) == before


def test_an_import_shows_its_counts_and_the_home_screen_what_came_in(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A foundation's thousands of records: "1,215 נוספו", as the preview counts them; the
    home screen, on screen under the dialog, shows the town and cluster that came in (it
    said there was no town yet until the person went elsewhere and back)."""
    from desktop.storage.tables import Person

    source, _ids = build(tmp_path / "source.shutafut")
    with source.session() as session:
        session.add_all(Person(full_name=f"אדם {n}") for n in range(1200))
    out = tmp_path / "all.shutafut-exchange"
    sx.export_exchange(source, out, ex.Scope.EVERYTHING)
    source.close()
    target = tmp_path / "target.shutafut"
    create_workspace(target).close()
    assert window.open_workspace_file(target)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(out), ""))
    counted: list[str] = []

    def import_all(dialog: ImportDialog) -> int:
        counted.append(dialog.counts.text())
        dialog.import_button.click()
        return 1

    monkeypatch.setattr(ImportDialog, "exec", import_all)
    home = window.home_section
    assert window.sections.currentWidget() is home
    assert home.groups["towns"].child(0).text(0) == "עדיין אין יישוב: החלטת בחירה או הסכם מוסיפים אותו."
    window.import_exchange_action.trigger()
    assert counted[0].startswith("1,215 להוספה")
    assert "1,215 נוספו" in window.statusBar().currentMessage()

    def shown(group: str) -> list[str]:
        lines = home.groups.get(group)
        return [lines.child(i).text(0) for i in range(lines.childCount())] if lines else []

    qtbot.waitUntil(lambda: "ירוחם" in shown("towns") and "אשכול נגב" in shown("clusters"))


def test_the_file_menu_offers_both(window: MainWindow) -> None:
    texts = [a.text() for a in window.file_menu.actions()]
    assert window.export_exchange_action.text() in texts
    assert window.import_exchange_action.text() in texts
    assert window.export_exchange_action.text() != "Export for a &colleague…"


def test_an_import_clears_undo_so_nothing_older_is_written_back(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, ids = build(tmp_path / "source.shutafut")
    path = tmp_path / "all.shutafut-exchange"
    sx.export_exchange(source, path, ex.Scope.EVERYTHING)
    target = tmp_path / "target.shutafut"
    create_workspace(target).close()
    assert window.open_workspace_file(target)
    window.new_record_action.trigger()
    editors = window.reference_section.current_page.form.editors
    type_text(editors["name_he"], "שדרות")
    combo = editors["municipal_status"]
    combo.setCurrentIndex(combo.findData("city"))
    combo.activated.emit(combo.currentIndex())
    assert window.undo_action.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(path), ""))

    def confirm(dialog: ImportDialog) -> int:
        assert dialog.counts.text().startswith("15 להוספה")
        dialog.import_button.click()
        return 1

    monkeypatch.setattr(ImportDialog, "exec", confirm)
    window.import_exchange_action.trigger()
    assert not window.undo_action.isEnabled()
    names = [
        window.reference_section.current_page.table.model().index(r, 0).data()
        for r in range(window.reference_section.current_page.model.rowCount())
    ]
    assert "ירוחם" in names  # the open list shows what came in
    assert load_record(window.workspace, RecordKind.PERSON, ids.dana)["full_name"] == "דנה לוי"
