"""Qt item model of one kind of reference record, and the proxy that searches and sorts it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.records import FieldKind, RecordSpec
from desktop.views.qt_i18n import isolate

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


def _column_value(spec: RecordSpec, row: dict[str, Any], name: str) -> Any:
    if name == "organisation":
        return row.get("organisation_title", "")
    if name == "members":
        return len(row.get("members") or [])
    return row.get(name)


def display_text(spec: RecordSpec, row: dict[str, Any], name: str) -> str:
    """How a field's value reads in a list cell, in the active language."""
    field = spec.field(name)
    value = _column_value(spec, row, name)
    if value is None or value == "":
        return ""
    if field.kind is FieldKind.CHOICE and field.enum is not None:
        return field.enum(value).label
    if field.kind is FieldKind.NUMBER or name == "members":
        # Years read as plain digits; other figures get the language's grouping.
        return str(value) if name.endswith("year") else i18n.format_number(value)
    if field.kind is FieldKind.LTR_TEXT:
        return isolate(str(value))
    return str(value)


class RecordTableModel(QAbstractTableModel):
    """Rows of field values (as returned by the reference store), columns from the spec."""

    def __init__(self, spec: RecordSpec) -> None:
        super().__init__()
        self.spec = spec
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of(self, uuid: str) -> int:
        for number, row in enumerate(self._rows):
            if row["uuid"] == uuid:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.spec.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(self.spec, row, column.field)
        if role == SORT_ROLE:
            value = _column_value(self.spec, row, column.field)
            if column.numeric:
                return -1 if value is None else int(value)
            return display_text(self.spec, row, column.field).casefold()
        if role == UUID_ROLE:
            return row["uuid"]
        if role == SEARCH_ROLE:
            texts = [display_text(self.spec, row, c.field) for c in self.spec.columns]
            texts += [str(row.get(name) or "") for name in self.spec.search_fields]
            return " ".join(texts).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            name = self.spec.columns[section].field
            if name == "members":
                return _("Members")
            return _(self.spec.field(name).label)
        return None

    def retranslate(self) -> None:
        """Enum labels and formatted numbers depend on the language."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.spec.columns) - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.spec.columns) - 1)


class RecordFilterModel(QSortFilterProxyModel):
    """Case-insensitive search over the shown columns and the spec's search fields."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)
