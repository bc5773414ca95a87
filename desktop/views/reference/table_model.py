"""Qt item model of one kind of reference record, which searches and sorts its own rows.

Lists hold up to tens of thousands of people, so nothing here runs per cell on every
sort or keystroke: each row's search text, each column's sort keys and each shown
cell's text are computed once and kept until the row changes (or the language does).
Sorting and searching are plain Python over those keys; Qt only asks for the few
cells on screen. An edit replaces one row instead of reloading the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop import i18n
from desktop.i18n import _
from desktop.models.records import FieldKind, RecordSpec
from desktop.views.qt_i18n import isolate

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3


def text_sort_key(text: str) -> str:
    """The key text sorts by: case-insensitive, Hebrew final letters as their ordinary forms
    (as a Hebrew reader expects). Five replace() calls: str.translate looks each character
    up in a dict, four times slower on a list of 20,000 names."""
    return (
        text.casefold()
        .replace("ך", "כ")
        .replace("ם", "מ")
        .replace("ן", "נ")
        .replace("ף", "פ")
        .replace("ץ", "צ")
    )


Index = QModelIndex | QPersistentModelIndex


def display_text(spec: RecordSpec, name: str, value: Any) -> str:
    """How the value of field `name` reads in a list cell, in the active language."""
    field = spec.field(name)
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
    """Rows of field values (as the reference store's list_table returns them: the names
    of the values, then one tuple per record), columns from the spec.

    A list of 20,000 people is kept as the tuples the database driver made: no object per
    row is built to load it; a row's cells are made when Qt shows them.
    `rowCount()` counts the rows shown (matching the search, in the sort order);
    `total()` counts every row loaded.
    """

    def __init__(self, spec: RecordSpec, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._names: list[str] = []  # the name of each value in a row
        self._at: dict[str, int] = {}  # name -> its place in a row
        self._rows: list[Sequence[Any]] = []
        self._position: dict[str, int] = {}  # uuid -> index in _rows
        self._cells: list[list[str] | None] = []  # shown texts of each row, once asked for
        self._search_keys: list[str | None] = []
        self._sort_keys: dict[int, list[Any]] = {}  # column -> key of each row
        self._choice_keys: dict[tuple[int, Any], str] = {}  # (column, code) -> its label's key
        self._text_keys: dict[str, str] = {}  # text -> its sort key, kept across reloads
        self._order: list[int] = []  # the rows shown, as indexes into _rows
        self._sorted: list[int] | None = None  # every row in the sort order, kept for searches
        self._shown_at: dict[int, int] | None = None  # _rows index -> shown row, built lazily
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._search = ""
        self._fields = [spec.field(column.field) for column in spec.columns]
        self._numeric = [column.numeric for column in spec.columns]

    # rows ---------------------------------------------------------------------------------

    def set_rows(self, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Show `rows`, each a sequence of the values named by `names` ("uuid" among them)."""
        self.beginResetModel()
        self._names = list(names)
        self._at = {name: place for place, name in enumerate(self._names)}
        self._rows = list(rows)
        uuid = self._at.get("uuid", 0)
        self._position = {row[uuid]: number for number, row in enumerate(rows)}
        self._forget_keys()
        self._order = self._ordered()
        self.endResetModel()

    def total(self) -> int:
        return len(self._rows)

    def row_of(self, uuid: str) -> int:
        """The shown row of the record, -1 when it is not loaded or hidden by the search."""
        number = self._position.get(uuid)
        if number is None:
            return -1
        if self._shown_at is None:
            self._shown_at = {row: shown for shown, row in enumerate(self._order)}
        return self._shown_at.get(number, -1)

    def has(self, uuid: str) -> bool:
        return uuid in self._position

    def uuid_at(self, row: int) -> str:
        return str(self._rows[self._order[row]][self._at["uuid"]])

    def _value(self, row: Sequence[Any], name: str) -> Any:
        place = self._at.get(name)
        return None if place is None else row[place]

    def put_row(self, values: dict[str, Any]) -> None:
        """Add the record or replace its row (after an edit), keeping the sort and search."""
        if not self._names:
            self._names = list(values)
            self._at = {name: place for place, name in enumerate(self._names)}
        row = tuple(values.get(name) for name in self._names)
        number = self._position.get(values["uuid"])
        if number is None:
            self._rows.append(row)
            self._position[values["uuid"]] = len(self._rows) - 1
            self._cells.append(None)
            self._search_keys.append(None)
            for column, keys in self._sort_keys.items():
                keys.append(self._sort_key(row, column))
        else:
            sort_keys = self._keys_of(self._sort_column)
            sort_key = sort_keys[number]
            matched = self._matches(number)
            self._rows[number] = row
            self._cells[number] = None
            self._search_keys[number] = None
            for column, keys in self._sort_keys.items():
                keys[number] = self._sort_key(row, column)
            if sort_keys[number] == sort_key and self._matches(number) == matched:
                # Same place, same visibility: only the row's cells change (flat in list size).
                shown = self.row_of(values["uuid"])
                if shown >= 0:
                    last = len(self.spec.columns) - 1
                    self.dataChanged.emit(self.index(shown, 0), self.index(shown, last))
                return
        self._sorted = None
        self._reorder()

    def _matches(self, number: int) -> bool:
        if not self._search:
            return True
        key = self._search_keys[number]
        if key is None:
            key = self._search_keys[number] = self._search_key(number)
        return self._search in key

    def remove_row(self, uuid: str) -> None:
        number = self._position.get(uuid)
        if number is None:
            return
        self.beginResetModel()
        del self._rows[number]
        del self._cells[number]
        del self._search_keys[number]
        for keys in self._sort_keys.values():
            del keys[number]
        place = self._at["uuid"]
        self._position = {row[place]: index for index, row in enumerate(self._rows)}
        self._sorted = None
        self._order = self._ordered()
        self._shown_at = None
        self.endResetModel()

    def rename_reference(self, field: str, uuid: str, title: str) -> None:
        """Rows referring to record `uuid` through `field` show its new `title`."""
        place, title_place = self._at.get(field), self._at.get(f"{field}_title")
        if place is None or title_place is None:
            return
        for number, row in enumerate(self._rows):
            if row[place] == uuid and row[title_place] != title:
                changed = list(row)
                changed[title_place] = title
                row = self._rows[number] = tuple(changed)
                self._cells[number] = None
                self._search_keys[number] = None
                for column, keys in self._sort_keys.items():
                    keys[number] = self._sort_key(row, column)
                self._sorted = None
        self._reorder()

    # search and sort ----------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Show only the rows whose shown or searched texts contain `text` (any case)."""
        text = text.casefold()
        if text == self._search:
            return
        narrower = bool(self._search) and self._search in text
        self._search = text
        self.beginResetModel()
        if narrower:  # (a row containing `text` contains the search before it: one of those shown)
            texts = self._all_search_keys()
            self._order = [number for number in self._order if text in texts[number]]
            self._shown_at = None
        else:
            self._order = self._ordered()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self._sorted = None
        self._reorder()

    def _ordered(self) -> list[int]:
        self._shown_at = None
        if self._sorted is None:
            keys = self._keys_of(self._sort_column)
            self._sorted = sorted(
                range(len(self._rows)),
                key=keys.__getitem__,
                reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
            )
        order = self._sorted
        if self._search:
            search = self._search
            texts = self._all_search_keys()
            order = [number for number in order if search in texts[number]]
        return order

    def _reorder(self) -> None:
        """Sort and filter again, keeping the selection on the same records."""
        order = self._ordered()
        if len(order) != len(self._order):
            self.beginResetModel()
            self._order = order
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        records = [self._order[index.row()] if index.isValid() else -1 for index in before]
        self._order = order
        shown_at = {row: shown for shown, row in enumerate(order)}
        self._shown_at = shown_at
        after = [
            self.index(shown_at[record], index.column()) if record in shown_at else QModelIndex()
            for record, index in zip(records, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _forget_keys(self) -> None:
        self._cells = [None] * len(self._rows)
        self._search_keys = [None] * len(self._rows)
        self._sort_keys = {}
        self._choice_keys = {}
        self._sorted = None
        self._shown_at = None

    def _keys_of(self, column: int) -> list[Any]:
        """The sort key of every row in `column`, computed once for the whole column."""
        keys = self._sort_keys.get(column)
        if keys is None:
            name = self.spec.columns[column].field
            field = self._fields[column]
            rows = self._rows
            if self._numeric[column] or field.kind is FieldKind.CHOICE:
                keys = [self._sort_key(row, column) for row in rows]
            else:  # text: the bulk of a long list; a reload finds most texts' keys already made
                source = "organisation_title" if name == "organisation" else name
                made = self._text_keys
                if len(made) > 4 * len(rows) + 1000:  # texts long gone: start again
                    made.clear()
                keys = []
                place = self._at.get(source)
                for row in rows:
                    text = (row[place] if place is not None else None) or ""
                    key = made.get(text)
                    if key is None:
                        key = made[text] = text_sort_key(str(text))
                    keys.append(key)
            self._sort_keys[column] = keys
        return keys

    def _cell_value(self, row: Sequence[Any], name: str) -> Any:
        if name == "organisation":
            return self._value(row, "organisation_title") or ""
        if name == "members":
            return len(self._value(row, "members") or [])
        return self._value(row, name)

    def _sort_key(self, row: Sequence[Any], column: int) -> Any:
        name = self.spec.columns[column].field
        if self._numeric[column]:
            value = self._cell_value(row, name)
            return -1 if value is None or value == "" else int(value)
        field = self._fields[column]
        if field.kind is FieldKind.CHOICE:
            value = self._value(row, name)
            code = (column, value)
            key = self._choice_keys.get(code)
            if key is None:
                key = self._choice_keys[code] = text_sort_key(display_text(self.spec, name, value))
            return key
        return text_sort_key(str(self._cell_value(row, name) or ""))

    def _all_search_keys(self) -> list[str]:
        keys = self._search_keys
        if None in keys:  # (in C: after the first search, none is missing until a row changes)
            for number, key in enumerate(keys):
                if key is None:
                    keys[number] = self._search_key(number)
        return cast(list[str], keys)  # none is missing now

    def _search_key(self, number: int) -> str:
        row = self._rows[number]
        texts = list(self._cells_of(number))
        texts += [str(self._value(row, name) or "") for name in self.spec.search_fields]
        return " ".join(texts).casefold()

    def _cells_of(self, number: int) -> list[str]:
        cells = self._cells[number]
        if cells is None:
            row = self._rows[number]
            cells = [
                display_text(self.spec, column.field, self._cell_value(row, column.field))
                for column in self.spec.columns
            ]
            self._cells[number] = cells
        return cells

    # Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        number = self._order[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells_of(number)[index.column()]
        if role == UUID_ROLE:
            return self._rows[number][self._at["uuid"]]
        if role == Qt.ItemDataRole.TextAlignmentRole and self._numeric[index.column()]:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SORT_ROLE:
            return self._keys_of(index.column())[number]
        if role == SEARCH_ROLE:
            key = self._search_keys[number]
            return key if key is not None else self._search_key(number)
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
        self._forget_keys()
        self._reorder()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.spec.columns) - 1)
