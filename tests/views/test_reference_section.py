"""The reference-data section driven like a person: type, leave the field, read the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.models.records import RecordKind
from desktop.storage import reference_store
from tests.views.conftest import leave_field, open_reference_section, type_text


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
    section, stack = open_reference_section(qtbot, workspace)
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
    section, _stack = open_reference_section(qtbot, workspace)
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
    section, stack = open_reference_section(qtbot, workspace)
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


def _three_towns(workspace) -> None:  # type: ignore[no-untyped-def]
    """Sderot, Ofakim and Netivot, with their English names (searched, not shown) and populations."""
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


def test_search_filters_the_list_and_sorting_orders_it(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    _three_towns(workspace)
    section, _stack = open_reference_section(qtbot, workspace)
    page = section.page_for(RecordKind.AUTHORITY)
    assert [row[0] for row in _table_texts(page)] == ["אופקים", "נתיבות", "שדרות"]
    type_text(page.search, "sder")  # English name is searched though not shown
    assert [row[0] for row in _table_texts(page)] == ["שדרות"]
    assert page.count_label.text() == "1 מתוך 3 מוצגות"
    page.search.clear()
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # population, numerically
    assert [row[0] for row in _table_texts(page)] == ["נתיבות", "אופקים", "שדרות"]
    assert _table_texts(page)[0][3] == "50,000"


def test_typing_on_narrows_the_list_in_its_order_and_erasing_widens_it(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    _three_towns(workspace)
    section, _stack = open_reference_section(qtbot, workspace)
    page = section.page_for(RecordKind.AUTHORITY)
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    type_text(page.search, "o")
    assert [row[0] for row in _table_texts(page)] == ["נתיבות", "אופקים", "שדרות"]
    type_text(page.search, "t")  # "ot": Netivot and Sderot, still by population
    assert [row[0] for row in _table_texts(page)] == ["נתיבות", "שדרות"]
    QTest.keyClick(page.search, Qt.Key.Key_Backspace)  # "o" again: all three
    assert [row[0] for row in _table_texts(page)] == ["נתיבות", "אופקים", "שדרות"]
    type_text(page.search, "f")
    assert [row[0] for row in _table_texts(page)] == ["אופקים"]
    assert page.count_label.text() == "1 מתוך 3 מוצגות"


def test_deleting_a_referenced_organisation_is_refused_naming_the_person(
    qtbot: QtBot,
    workspace,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    org = reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "קרן לדוגמה", "sector": "philanthropy"}
    )
    reference_store.save_record(workspace, RecordKind.PERSON, {"full_name": "דנה כהן", "organisation": org})
    section, _stack = open_reference_section(qtbot, workspace)
    page = section.page_for(RecordKind.ORGANISATION)
    page.select(org)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    page.delete_current()
    assert reference_store.count_records(workspace, RecordKind.ORGANISATION) == 1
    assert warnings and "דנה כהן" in warnings[0]


def test_renaming_an_organisation_updates_its_people_rows_without_reloading_the_lists(
    qtbot: QtBot,
    workspace,  # type: ignore[no-untyped-def]
) -> None:
    org = reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "קרן לדוגמה", "sector": "philanthropy"}
    )
    for name in ("דנה כהן", "אבי לוי"):
        reference_store.save_record(workspace, RecordKind.PERSON, {"full_name": name, "organisation": org})
    section, stack = open_reference_section(qtbot, workspace)
    people = section.page_for(RecordKind.PERSON)
    section.show_kind(RecordKind.ORGANISATION)
    organisations = section.page_for(RecordKind.ORGANISATION)
    reloads: list[RecordKind] = []
    for page in section.pages.values():
        page.model.modelReset.connect(lambda kind=page.kind: reloads.append(kind))
    organisations.select(org)
    name = organisations.form.editors["name"]
    assert isinstance(name, QLineEdit)
    name.selectAll()
    type_text(name, "קרן אחרת")
    leave_field(name)
    assert [row[2] for row in _table_texts(people)] == ["קרן אחרת", "קרן אחרת"]
    assert _table_texts(organisations)[0][0] == "קרן אחרת"
    assert reloads == []  # the rows changed in place: no list was read again
    combo = people.form.editors["organisation"]
    assert isinstance(combo, QComboBox)
    assert combo.itemText(combo.findData(org)) == "קרן אחרת"
    stack.undo()
    assert [row[2] for row in _table_texts(people)] == ["קרן לדוגמה", "קרן לדוגמה"]


def test_the_people_list_sorts_by_organisation_and_keeps_the_selected_person(
    qtbot: QtBot,
    workspace,  # type: ignore[no-untyped-def]
) -> None:
    orgs = {
        name: reference_store.save_record(workspace, RecordKind.ORGANISATION, {"name": name, "sector": "ngo"})
        for name in ("תלמים", "אופק", "מרחבים")
    }
    person = {}
    for full_name, org in (("א", "מרחבים"), ("ב", "תלמים"), ("ג", "אופק")):
        person[full_name] = reference_store.save_record(
            workspace, RecordKind.PERSON, {"full_name": full_name, "organisation": orgs[org]}
        )
    section, _stack = open_reference_section(qtbot, workspace)
    section.show_kind(RecordKind.PERSON)
    page = section.page_for(RecordKind.PERSON)
    page.select(person["ב"])
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # organisation
    assert [row[0] for row in _table_texts(page)] == ["ג", "א", "ב"]
    assert page.table.currentIndex().row() == 2 and page.current_uuid == person["ב"]
    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in _table_texts(page)] == ["ב", "א", "ג"]
    assert page.table.currentIndex().row() == 0
    # A search hides rows and keeps the person in the form; clearing it shows them all again.
    type_text(page.search, "אופק")
    assert [row[0] for row in _table_texts(page)] == ["ג"]
    assert page.current_uuid == person["ב"] and page.form.values()["full_name"] == "ב"
    page.search.clear()
    assert [row[0] for row in _table_texts(page)] == ["ב", "א", "ג"]
    assert page.table.currentIndex().row() == 0
    assert page.count_label.text() == "3 רשומות"
    # Editing a field the list is not sorted by changes the row where it is.
    changed: list[int] = []
    page.model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    role = page.form.editors["role"]
    assert isinstance(role, QLineEdit)
    type_text(role, "רכזת")
    leave_field(role)
    assert _table_texts(page)[0][:2] == ["ב", "רכזת"] and changed == [0]


def test_deleting_a_person_removes_the_row_and_undo_brings_it_back(
    qtbot: QtBot,
    workspace,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    dana, _avi = (
        reference_store.save_record(workspace, RecordKind.PERSON, {"full_name": name})
        for name in ("דנה כהן", "אבי לוי")
    )
    section, stack = open_reference_section(qtbot, workspace)
    section.show_kind(RecordKind.PERSON)
    page = section.page_for(RecordKind.PERSON)
    page.select(dana)
    assert page.table.currentIndex().row() == 1  # after אבי לוי
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_current()
    assert [row[0] for row in _table_texts(page)] == ["אבי לוי"]
    assert page.count_label.text() == "1 רשומה"
    stack.undo()
    assert [row[0] for row in _table_texts(page)] == ["אבי לוי", "דנה כהן"]
    assert page.form.values()["full_name"] == "דנה כהן"
