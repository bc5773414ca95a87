"""Reading a registration form's export for a forum's roster: a CSV (UTF-8, or the Windows
Hebrew code page older Excel writes) or the first sheet of an Excel workbook (.xlsx)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.i18n import _, os_error_text
from desktop.models.forum_roster import rows_from_csv


class UnreadableRoster(Exception):
    """The file cannot be read; the message says why, in the person's language."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def read_roster_rows(path: Path) -> list[list[str]]:
    """The rows of the file, the header first; raises UnreadableRoster."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
            raise UnreadableRoster(
                _("{name} cannot be read as an Excel workbook (.xlsx) or a CSV file.").format(name=path.name)
            ) from error
        try:
            sheet = workbook.worksheets[0]
            rows = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    else:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise UnreadableRoster(
                _("Cannot read {path}: {error}").format(path=path.name, error=os_error_text(error))
            ) from error
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1255", errors="replace")
        rows = rows_from_csv(text)
    rows = [row for row in rows if any(cell.strip() for cell in row)] if rows else []
    if not rows:
        raise UnreadableRoster(_("{name} holds no rows.").format(name=path.name))
    return rows
