"""Tools > Import local authorities, driven like a person: choose, map, preview, confirm."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.views.import_dialog import ImportAuthoritiesDialog
from tests.conftest import CBS_DIR


def _dialog(qtbot: QtBot, workspace) -> ImportAuthoritiesDialog:  # type: ignore[no-untyped-def]
    dialog = ImportAuthoritiesDialog(workspace, QSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_national_data_is_previewed_then_applied_only_after_confirmation(
    qtbot: QtBot,
    workspace,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    reference_store.save_record(
        workspace, RecordKind.AUTHORITY, {"name_he": "שדרות", "municipal_status": "city"}
    )
    dialog = _dialog(qtbot, workspace)
    assert dialog.summary.text().startswith("256 להוספה, 1 לשינוי")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    dialog.apply_button.click()
    assert reference_store.count_records(workspace, RecordKind.AUTHORITY) == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    dialog.apply_button.click()
    assert reference_store.count_records(workspace, RecordKind.AUTHORITY) == 257
    assert reference_store.count_records(workspace, RecordKind.CLUSTER) == 11  # with members
    assert dialog.summary.text().startswith("0 להוספה, 0 לשינוי, 257")
    assert not dialog.apply_button.isEnabled()


def test_a_file_with_errors_applies_nothing_unless_rows_are_skipped(
    qtbot: QtBot,
    workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "authorities.csv"
    path.write_text(
        "סמל הרשות,שם הרשות,מעמד מוניציפלי,אוכלוסייה\n31,אופקים,עירייה,36000\n1031,שדרות,עירייה,אלפים\n",
        encoding="utf-8",
    )
    dialog = _dialog(qtbot, workspace)
    dialog.from_file.setChecked(True)
    dialog.path.setText(str(path))
    dialog.path.editingFinished.emit()
    assert dialog.errors.count() == 1 and "שורה 3" in dialog.errors.item(0).text()
    assert not dialog.apply_button.isEnabled()
    dialog.skip_errors.setChecked(True)
    assert dialog.apply_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    dialog.apply_button.click()
    rows = reference_store.list_records(workspace, RecordKind.AUTHORITY)
    assert [(r["name_he"], r["population"]) for r in rows] == [("אופקים", 36000)]
    assert "authorities.csv" in rows[0]["data_source"]


def test_a_missing_file_says_so_at_the_field(qtbot: QtBot, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    dialog.from_file.setChecked(True)
    dialog.path.setText(str(tmp_path / "none.xlsx"))
    dialog.path.editingFinished.emit()
    assert dialog.file_error.isVisible() and "none.xlsx" in dialog.file_error.text()
    assert not dialog.apply_button.isEnabled()


@pytest.mark.skipif(not CBS_DIR.is_dir(), reason="../shared/data/cbs is not here")
def test_the_profile_workbook_is_mapped_and_the_mapping_remembered(
    qtbot: QtBot,
    workspace,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    dialog = _dialog(qtbot, workspace)
    dialog.from_file.setChecked(True)
    dialog.path.setText(str(CBS_DIR / "p_libud_2021.xlsx"))
    dialog.path.editingFinished.emit()
    assert dialog.mapping()["population"] == 12
    assert dialog.summary.text().startswith("255 להוספה")
    # The person decides not to import the peripherality cluster; it is remembered.
    combo = dialog.column_choices["peripherality_cluster"]
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    dialog.apply_button.click()
    again = _dialog(qtbot, workspace)
    again.from_file.setChecked(True)
    again.path.setText(str(CBS_DIR / "p_libud_2021.xlsx"))
    again.path.editingFinished.emit()
    assert "peripherality_cluster" not in again.mapping()


def test_reading_a_long_file_shows_progress_and_can_be_cancelled(
    qtbot: QtBot,
    workspace,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import QTimer

    path = tmp_path / "long.csv"
    rows = "".join(f"{1000 + n},עיר {n},עירייה,{1000 + n}\n" for n in range(3000))
    path.write_text("סמל הרשות,שם הרשות,מעמד מוניציפלי,אוכלוסייה\n" + rows, encoding="utf-8")
    dialog = _dialog(qtbot, workspace)
    dialog.from_file.setChecked(True)
    dialog.path.setText(str(path))

    def cancel() -> None:  # the person presses Cancel while the rows are read
        assert dialog.reading_progress is not None
        dialog.reading_progress.cancel()

    QTimer.singleShot(0, cancel)
    dialog.path.editingFinished.emit()
    assert dialog.file_error.isVisible() and "long.csv" in dialog.file_error.text()
    assert not dialog.apply_button.isEnabled()
    dialog.path.editingFinished.emit()  # read again without cancelling: all 3,000 rows
    assert not dialog.file_error.isVisible()
    assert dialog.summary.text().startswith("3,000 להוספה")


def test_a_file_with_too_many_rows_is_refused_at_the_field(
    qtbot: QtBot,
    workspace,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("סמל הרשות,שם הרשות\n" + "1,א\n" * 20_001, encoding="utf-8")
    dialog = _dialog(qtbot, workspace)
    dialog.from_file.setChecked(True)
    dialog.path.setText(str(path))
    dialog.path.editingFinished.emit()
    assert dialog.file_error.isVisible() and "20,000" in dialog.file_error.text()
