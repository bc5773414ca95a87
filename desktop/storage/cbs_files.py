"""Reading CBS workbooks and CSV files into rows, and applying an import to a workspace."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from desktop.models.cbs_import import Change, Table, find_table
from desktop.models.records import RecordKind
from desktop.storage.reference_store import list_records, load_record, save_record
from desktop.storage.workspace import Workspace

# The profile workbook keeps authorities on this sheet (its name ends in a space in 2021).
_PROFILE_SHEET_PREFIX = "נתונים פיזיים"


class UnreadableFile(ValueError):
    """Not a workbook or CSV we can read; str() is a translated message."""


def sheet_names(path: Path) -> list[str]:
    if path.suffix.lower() == ".csv":
        return [path.stem]
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise _unreadable(path) from error
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _unreadable(path: Path) -> UnreadableFile:
    from desktop.i18n import _

    return UnreadableFile(
        _("{name} cannot be read as an Excel workbook (.xlsx) or a CSV file.").format(name=path.name)
    )


def default_sheet(names: list[str]) -> str:
    return next((name for name in names if name.startswith(_PROFILE_SHEET_PREFIX)), names[0])


def read_rows(path: Path, sheet: str | None = None) -> list[list[Any]]:
    if path.suffix.lower() == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return [list(row) for row in csv.reader(handle)]
        except (UnicodeDecodeError, csv.Error) as error:
            raise _unreadable(path) from error
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise _unreadable(path) from error
    try:
        worksheet = workbook[sheet or default_sheet(list(workbook.sheetnames))]
        return [list(row) for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_table(path: Path, sheet: str | None = None) -> Table | None:
    return find_table(read_rows(path, sheet))


def existing_authorities(workspace: Workspace) -> list[dict[str, Any]]:
    return list_records(workspace, RecordKind.AUTHORITY)


def apply_changes(workspace: Workspace, changes: list[Change], source: str | None = None) -> int:
    """Write the previewed changes; every written record names the source of its figures
    (`source`, or the one each change carries, as the national dataset's do)."""
    for change in changes:
        values = dict(change.values)
        if source is not None:
            values["data_source"] = source
        if change.uuid is None:
            save_record(workspace, RecordKind.AUTHORITY, values)
        else:
            current = load_record(workspace, RecordKind.AUTHORITY, change.uuid)
            current.update(values)
            save_record(workspace, RecordKind.AUTHORITY, current, change.uuid)
    return len(changes)
