"""One list section for every document feature, built from the feature's description.

A feature (town selection, agreements, design forums, the four flags, learning communities…)
says once what it lists and how: its title, what it is for, its columns, how to list, open,
start and delete its records, and which documents it prints. The section built from that
gives every feature the same searchable, sortable list with New / Open / Print / Delete
(deleting asks first), single selection, a reload after every edit, and an empty state that
says what the section is for and starts the first record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.views.dialogs import confirm, run_and_delete
from desktop.views.qt_i18n import align_text_field

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class Column:
    """One column of a feature's list: its header and how a record shows and sorts in it."""

    title: Callable[[], str]
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None  # default: the text, case-folded
    stretch: bool = False


_DIGITS = re.compile(r"\d+")


def natural_key(text: str) -> str:
    """`text` to sort by as a person reads it: case-folded, and "פורום 9" before "פורום 10"
    (each run of digits padded to the same width)."""
    return _DIGITS.sub(lambda digits: digits[0].rjust(20, "0"), text.casefold())


def text_column(title: Callable[[], str], attribute: str, *, stretch: bool = False) -> Column:
    return Column(title, lambda row: str(getattr(row, attribute) or ""), stretch=stretch)


def number_column(title: Callable[[], str], attribute: str) -> Column:
    return Column(
        title,
        lambda row: i18n.format_number(getattr(row, attribute)),
        lambda row: getattr(row, attribute) or 0,
    )


def date_column(title: Callable[[], str], attribute: str) -> Column:
    def text(row: Any) -> str:
        value = getattr(row, attribute)
        if isinstance(value, datetime):
            return i18n.format_datetime(value)
        return i18n.format_date(value) if isinstance(value, date) else ""

    def key(row: Any) -> str:
        value = getattr(row, attribute)
        return value.isoformat() if isinstance(value, date) else ""

    return Column(title, text, key)


@dataclass(frozen=True)
class SectionAction:
    """A button of one feature beside New/Open/Print/Delete (an MOU's "Send a version…")."""

    name: str
    label: Callable[[], str]
    run: Callable[[ListSection, int], None]
    writes: bool = True  # disabled on a read-only workspace


@dataclass(frozen=True)
class FeatureDescription:
    """Everything the shared list section needs to know about one document feature."""

    key: str  # the feature's name in the report registry, the sidebar and the settings
    title: Callable[[], str]
    about: Callable[[], str]  # two or three sentences for the empty list, from the seeds
    new_label: Callable[[], str]
    search_hint: Callable[[], str]
    columns: Sequence[Column]
    list_records: Callable[[Workspace], Sequence[Any]]  # each row has `.id`
    record_name: Callable[[Any], str]
    delete_record: Callable[[Workspace, int], None]
    delete_question: Callable[[str], str]  # the confirmation, given the record's name
    start_record: Callable[[ListSection], None]  # New…: may ask first, then opens the editor
    open_record: Callable[[ListSection, int], None]
    actions: Sequence[SectionAction] = field(default_factory=tuple)
    read_only_reason: Callable[[], str] = field(
        default=lambda: _("The workspace is open read-only: records can be read and printed, not changed.")
    )


class ListSection(QWidget):
    """The list of one feature's records, built from its description."""

    message = Signal(str)
    # document key, record id, options chosen already (the main window asks for the rest)
    print_requested = Signal(str, int, dict)

    def __init__(self, description: FeatureDescription, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.description = description
        self.workspace: Workspace | None = None
        self.editor: QWidget | None = None  # the record's editor while it is open
        self.rows: dict[int, Any] = {}
        self.setObjectName(f"{description.key}_section")
        self.heading = QLabel()
        self.heading.setObjectName("section_heading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.search = QLineEdit()
        self.search.setObjectName(f"{description.key}_search")
        self.search.setClearButtonEnabled(True)
        align_text_field(self.search, left_to_right=False)
        self.model = QStandardItemModel(0, len(description.columns))
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self._search_changed)
        self.table = QTableView()
        self.table.setObjectName(f"{description.key}_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # (Qt's own default is descending)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(200)  # a long list is measured on its first rows only
        for column, spec in enumerate(description.columns):
            mode = QHeaderView.ResizeMode.Stretch if spec.stretch else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())  # Enter
        QShortcut(  # (asks first, as the button does)
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.table,
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.count = QLabel()
        self.count.setObjectName("section_count")

        self.buttons: dict[str, QPushButton] = {}
        button_row = QHBoxLayout()
        for name, slot in (
            ("new", self.new_record),
            ("open", self.open_selected),
            ("print", self.print_selected),
        ):
            self.buttons[name] = self._button(name, slot, button_row)
        for action in description.actions:
            self.buttons[action.name] = self._button(
                action.name, lambda _c=False, a=action: self._run_action(a), button_row
            )
        self.buttons["delete"] = self._button("delete", self.delete_selected, button_row)
        button_row.addStretch(1)
        button_row.addWidget(self.count)

        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.search)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(button_row)

        self.empty_text = QLabel()
        self.empty_text.setObjectName("section_about")
        self.empty_text.setWordWrap(True)
        self.empty_text.setStyleSheet("font-size: 12pt;")

        self.empty_reason = QLabel()
        self.empty_reason.setObjectName("section_read_only")
        self.empty_reason.setWordWrap(True)
        self.start_button = QPushButton()
        self.start_button.setObjectName(f"{description.key}_start")
        self.start_button.clicked.connect(self.new_record)
        empty_page = QWidget()
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.addStretch(1)
        empty_layout.setContentsMargins(48, 12, 48, 12)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_reason)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        empty_layout.addLayout(start_row)
        empty_layout.addStretch(2)

        self.pages = QStackedWidget()
        self.pages.addWidget(list_page)
        self.pages.addWidget(empty_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        self.retranslate()

    def _button(self, name: str, slot: Callable[..., None], row: QHBoxLayout) -> QPushButton:
        button = QPushButton()
        button.setObjectName(f"{self.description.key}_{name}")
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # the list -----------------------------------------------------------------------------------

    @property
    def writable(self) -> bool:
        return self.workspace is not None and not self.workspace.read_only

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.search.clear()
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """List the records again (after every edit), keeping or moving to `select_id`."""
        keep = select_id if select_id is not None else self.selected_id()
        self.model.removeRows(0, self.model.rowCount())
        self.rows = {}
        records = list(self.description.list_records(self.workspace)) if self.workspace else []
        for record in records:
            self.rows[int(record.id)] = record
            self.model.appendRow(self._items(record))
        self.pages.setCurrentIndex(0 if records else 1)
        if keep is not None:
            self.select(keep)
        if self.selected_id() is None and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))  # a record is always at hand
        self._update_buttons()
        self._update_count()

    def _items(self, record: Any) -> list[QStandardItem]:
        texts = [column.text(record) for column in self.description.columns]
        searchable = " ".join(texts).casefold()
        items = []
        for column, text in zip(self.description.columns, texts, strict=True):
            item = QStandardItem(text)
            item.setData(int(record.id), ID_ROLE)
            key = column.sort_key(record) if column.sort_key else natural_key(text)
            item.setData(key, SORT_ROLE)
            item.setData(searchable, SEARCH_ROLE)
            items.append(item)
        return items

    def _search_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.casefold())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            i18n.ngettext("{count} record", "{count} records", total).format(count=i18n.format_number(total))
            if shown == total
            else _("{shown} of {total} shown").format(
                shown=i18n.format_number(shown), total=i18n.format_number(total)
            )
        )

    def select(self, record_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == record_id:
                self.table.setCurrentIndex(index)  # selects the whole row (SelectRows)
                return

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def selected_name(self) -> str:
        record_id = self.selected_id()
        record = self.rows.get(record_id) if record_id is not None else None
        return self.description.record_name(record) if record is not None else ""

    def _update_buttons(self, *_args: QModelIndex) -> None:
        chosen = self.selected_id() is not None
        self.buttons["new"].setEnabled(self.writable)
        self.start_button.setEnabled(self.writable)
        self.buttons["open"].setEnabled(chosen)
        self.buttons["print"].setEnabled(chosen and bool(self.documents()))
        self.buttons["delete"].setEnabled(chosen and self.writable)
        for action in self.description.actions:
            self.buttons[action.name].setEnabled(chosen and (self.writable or not action.writes))
        self.empty_reason.setText(
            "" if self.writable or self.workspace is None else self.description.read_only_reason()
        )

    # actions --------------------------------------------------------------------------------------

    def new_record(self) -> None:
        if self.writable:
            self.description.start_record(self)

    def open_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None and self.workspace is not None:
            self.description.open_record(self, record_id)

    def run_editor(self, editor: QDialog, record_id: Callable[[], int | None], message: str = "") -> None:
        """Run a record's editor (modal) as this section's open editor; when it closes, list
        again with the record it saved selected (`record_id` is read then: a new record has
        its number only once saved)."""
        self.editor = editor
        try:
            run_and_delete(editor)  # (every record opened in a day, not kept in memory)
        finally:
            self.editor = None
        self.after_edit(record_id(), message)

    def print_with_options(self, record_id: int, key: str, options: dict[str, Any]) -> None:
        """An editor's request to print one of its record's documents."""
        self.print_requested.emit(key, record_id, options)

    def after_edit(self, record_id: int | None, message: str = "") -> None:
        """What an editor calls when it closes: list again, keep its record selected."""
        self.reload(record_id)
        if message:
            self.message.emit(message)

    def delete_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None or not self.writable or self.workspace is None:
            return
        question = self.description.delete_question(self.selected_name())
        if confirm(self, _("Delete"), question):
            self.description.delete_record(self.workspace, record_id)
            self.reload()
            self.message.emit(_("Deleted."))

    def _run_action(self, action: SectionAction) -> None:
        record_id = self.selected_id()
        if record_id is not None and self.workspace is not None:
            action.run(self, record_id)

    def documents(self) -> list[tuple[str, str]]:
        """(key, title) of the documents this feature prints."""
        from desktop.documents import documents_for

        return [(kind.key, kind.title()) for kind in documents_for(self.description.key)]

    def print_selected(self) -> None:
        """Print one of the selected record's documents: asks which when there are several."""
        documents = self.documents()
        if self.selected_id() is None or not documents:
            return
        key = documents[0][0]
        if len(documents) > 1:
            menu = QMenu(self)
            for document_key, title in documents:
                menu.addAction(title).setData(document_key)
            button = self.buttons["print"]
            chosen = menu.exec(button.mapToGlobal(button.rect().center()))
            if chosen is None:
                return
            key = str(chosen.data())
        self.print_document(key)

    def print_document(self, key: str, options: dict[str, Any] | None = None) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.print_requested.emit(key, record_id, options or {})

    def focus_search(self) -> None:
        if self.pages.currentIndex() == 0:
            self.search.setFocus()
            self.search.selectAll()

    def commit_pending(self) -> bool:
        return True  # every editor saves as it goes; the list holds nothing typed

    def retranslate(self) -> None:
        description = self.description
        self.heading.setText(description.title())
        self.search.setPlaceholderText(description.search_hint())
        self.model.setHorizontalHeaderLabels([column.title() for column in description.columns])
        self.buttons["new"].setText(description.new_label())
        self.buttons["open"].setText(_("Open…"))
        self.buttons["print"].setText(_("Print (PDF)…"))
        self.buttons["delete"].setText(_("Delete…"))
        for action in description.actions:
            self.buttons[action.name].setText(action.label())
        self.empty_text.setText(description.about())
        self.start_button.setText(description.new_label())
        self.reload()


def choose_cluster_without(
    section: ListSection, title: str, number_of: Callable[[Workspace, str], int | None], none_left: str
) -> str | None:
    """Ask which regional cluster to start a per-cluster record for (the flags work, a cluster
    profile): only clusters that have none yet (`number_of` gives None), or say `none_left`.
    The chosen cluster's uuid, or None when the person cancels or none is left."""
    from desktop.models.records import RecordKind
    from desktop.storage.reference_store import choices

    workspace = section.workspace
    assert workspace is not None
    clusters = [
        (uuid, name)
        for uuid, name in choices(workspace, RecordKind.CLUSTER)
        if number_of(workspace, uuid) is None
    ]
    if not clusters:
        QMessageBox.information(section, title, none_left)
        return None
    names = [name for _uuid, name in clusters]
    name, ok = QInputDialog.getItem(section, title, _("Regional cluster:"), names, 0, False)
    return clusters[names.index(name)][0] if ok else None
