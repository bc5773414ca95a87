"""The reference-data section driven like a person: type, leave the field, read the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.views.reference.section import ReferenceSection
from tests.views.conftest import leave_field, type_text


def _section(qtbot: QtBot, workspace) -> tuple[ReferenceSection, QUndoStack]:  # type: ignore[no-untyped-def]
    stack = QUndoStack()
    section = ReferenceSection(stack)
    qtbot.addWidget(section)
    section.set_workspace(workspace)
    section.show()
    section.activateWindow()
    qtbot.waitUntil(section.isActiveWindow)
    return section, stack


def _table_texts(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = page.table.model()
    return [
        [model.index(row, column).data() or "" for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _choose(combo: QComboBox, code: str) -> None:
    combo.setCurrentIndex(combo.findData(code))
    combo.activated.emit(combo.currentIndex())


def test_create_an_authority_through_the_form_and_see_it_in_the_list(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    section, stack = _section(qtbot, workspace)
    page = section.page_for(RecordKind.AUTHORITY)
    page.new_record()
    name = page.form.editors["name_he"]
    assert isinstance(name, QLineEdit)
    type_text(name, "ירוחם")
    leave_field(name)
    # The status is required: nothing is stored yet, and the field says why.
    assert reference_store.count_records(workspace, RecordKind.AUTHORITY) == 0
    error = page.form.errors["municipal_status"]
    assert error.isVisible() and error.text() == "יש לבחור ערך."
    _choose(page.form.editors["municipal_status"], "local_council")
    assert reference_store.count_records(workspace, RecordKind.AUTHORITY) == 1
    assert _table_texts(page)[0][:2] == ["ירוחם", "מועצה מקומית"]
    assert stack.count() == 1


def test_invalid_population_shows_a_message_at_the_field_and_keeps_the_saved_value(
    qtbot: QtBot,
    workspace,  # type: ignore[no-untyped-def]
) -> None:
    uuid = reference_store.save_record(
        workspace,
        RecordKind.AUTHORITY,
        {"name_he": "דימונה", "municipal_status": "city", "population": "35000"},
    )
    section, _stack = _section(qtbot, workspace)
    page = section.page_for(RecordKind.AUTHORITY)
    page.select(uuid)
    population = page.form.editors["population"]
    assert isinstance(population, QLineEdit)
    assert population.text() == "35000"
    population.selectAll()
    type_text(population, "-5")
    message: QLabel = page.form.errors["population"]
    assert message.isVisible() and message.text()
    leave_field(population)
    assert reference_store.load_record(workspace, RecordKind.AUTHORITY, uuid)["population"] == 35000
    assert population.text() == "-5"  # the input stays for the person to correct


def test_undo_and_redo_an_added_authority(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    section, stack = _section(qtbot, workspace)
    page = section.page_for(RecordKind.AUTHORITY)
    page.new_record()
    type_text(page.form.editors["name_he"], "ירוחם")
    _choose(page.form.editors["municipal_status"], "local_council")
    assert page.model.rowCount() == 1
    stack.undo()
    assert reference_store.count_records(workspace, RecordKind.AUTHORITY) == 0
    assert page.model.rowCount() == 0
    stack.redo()
    rows = reference_store.list_records(workspace, RecordKind.AUTHORITY)
    assert [row["name_he"] for row in rows] == ["ירוחם"]
    assert _table_texts(page)[0][0] == "ירוחם"


def test_search_filters_the_list_and_sorting_orders_it(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    for name, english, population in (
        ("שדרות", "Sderot", "34000"),
        ("אופקים", "Ofakim", "36000"),
        ("נתיבות", "Netivot", "50000"),
    ):
        reference_store.save_record(
            workspace,
            RecordKind.AUTHORITY,
            {"name_he": name, "name_en": english, "municipal_status": "city", "population": population},
        )
    section, _stack = _section(qtbot, workspace)
    page = section.page_for(RecordKind.AUTHORITY)
    assert [row[0] for row in _table_texts(page)] == ["אופקים", "נתיבות", "שדרות"]
    type_text(page.search, "sder")  # English name is searched though not shown
    assert [row[0] for row in _table_texts(page)] == ["שדרות"]
    assert page.count_label.text() == "1 מתוך 3 מוצגות"
    page.search.clear()
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # population, numerically
    assert [row[0] for row in _table_texts(page)] == ["נתיבות", "אופקים", "שדרות"]
    assert _table_texts(page)[0][3] == "50,000"


def test_deleting_a_referenced_organisation_is_refused_naming_the_person(
    qtbot: QtBot,
    workspace,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    org = reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "קרן לדוגמה", "sector": "philanthropy"}
    )
    reference_store.save_record(workspace, RecordKind.PERSON, {"full_name": "דנה כהן", "organisation": org})
    section, _stack = _section(qtbot, workspace)
    page = section.page_for(RecordKind.ORGANISATION)
    page.select(org)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    page.delete_current()
    assert reference_store.count_records(workspace, RecordKind.ORGANISATION) == 1
    assert warnings and "דנה כהן" in warnings[0]
