"""The reference-data section: for each kind, a searchable sorted list beside a detail form.

Edits are committed when the person leaves a field with valid input; invalid input
stays in the form with a message beside the field and nothing stored is touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, ngettext
from desktop.models.records import RECORD_SPECS, FieldKind, RecordKind, RecordSpec
from desktop.views.dialogs import confirm
from desktop.views.qt_i18n import align_text_field
from desktop.views.reference.commands import RecordCommand, editable_values
from desktop.views.reference.form import ReferenceForm
from desktop.views.reference.table_model import UUID_ROLE, RecordTableModel

if TYPE_CHECKING:
    from desktop.storage.reference_store import RecordInvalid
    from desktop.storage.workspace import Workspace


class RecordStore:
    """The storage calls this section makes, bound to one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        from desktop.storage import reference_store

        self._api = reference_store
        self.workspace = workspace
        # The version of each record as this screen last read or wrote it (0: deleted here),
        # so undo and redo never overwrite someone else's later change unseen.
        self.versions: dict[str, int] = {}
        self.saved_values: dict[str, Any] = {}  # the last record saved, as stored

    def table(self, kind: RecordKind) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The list of `kind`: the names of the values, then a tuple of them per record."""
        return self._api.list_table(self.workspace, kind)

    def row(self, kind: RecordKind, uuid: str) -> dict[str, Any] | None:
        """The record's list row, None when it is gone."""
        rows = self._api.list_rows(self.workspace, kind, [uuid])
        return rows[0] if rows else None

    def load(self, kind: RecordKind, uuid: str) -> dict[str, Any]:
        values = self._api.load_record(self.workspace, kind, uuid)
        self.versions[uuid] = int(values["version"])
        return values

    def save(
        self, kind: RecordKind, values: dict[str, Any], uuid: str | None, expected_version: int | None = None
    ) -> str:
        """Store the values; `expected_version` None means the version last seen here."""
        if expected_version is None and uuid is not None:
            expected_version = self.versions.get(uuid)
        saved = self._api.save_record(self.workspace, kind, values, uuid, expected_version=expected_version)
        self.saved_values = self.load(kind, saved)
        return saved

    def load_or_none(self, kind: RecordKind, uuid: str | None) -> dict[str, Any] | None:
        if uuid is None:
            return None
        try:
            return self._api.load_record(self.workspace, kind, uuid)
        except self._api.RecordNotFound:
            return None

    def delete(self, kind: RecordKind, uuid: str) -> dict[str, Any]:
        self.saved_values = {}
        values = self._api.delete_record(self.workspace, kind, uuid, expected_version=self.versions.get(uuid))
        self.versions[uuid] = 0
        return values

    def choices(self, kind: RecordKind) -> list[tuple[str, str]]:
        return self._api.choices(self.workspace, kind)

    @property
    def invalid_error(self) -> type[RecordInvalid]:
        return self._api.RecordInvalid


RESIZE_PRECISION = 0  # 0: the rows on screen


class KindPage(QWidget):
    """List and form of one kind of record."""

    def __init__(self, section: ReferenceSection, spec: RecordSpec) -> None:
        super().__init__()
        self.section = section
        self.spec = spec
        self.kind = spec.kind
        self.current_uuid: str | None = None
        self._committed: dict[str, Any] = {}
        self._loaded_version: int | None = None  # of the record shown, to detect others' saves
        self._read_only = False

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        align_text_field(self.search, left_to_right=False)
        # (sorts and searches its rows itself; destroyed with the page, not left to the collector)
        self.model = RecordTableModel(spec, self)
        self.search.textChanged.connect(self._search_changed)

        self.table = QTableView()
        self.table.setObjectName("records")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Columns fit the rows on screen, not all 20,000 people.
        self.table.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        QShortcut(
            QKeySequence.StandardKey.Delete,
            self.table,
            self.delete_current,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.title = QLabel()
        self.title.setObjectName("form_title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.new_button = QPushButton()
        self.new_button.setObjectName("new_record")
        self.new_button.clicked.connect(self.new_record)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("delete_record")
        self.delete_button.clicked.connect(self.delete_current)
        self.status = QLabel()
        self.status.setObjectName("form_status")
        self.status.setWordWrap(True)

        self.form = ReferenceForm(spec)
        self.form.field_left.connect(self.commit_pending)

        list_pane = QWidget()
        list_column = QVBoxLayout(list_pane)
        list_column.addWidget(self.search)
        list_column.addWidget(self.table)
        list_column.addWidget(self.count_label)

        form_pane = QWidget()
        form_column = QVBoxLayout(form_pane)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.new_button)
        header.addWidget(self.delete_button)
        form_column.addLayout(header)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        form_column.addWidget(scroll, 1)
        form_column.addWidget(self.status)

        splitter = QSplitter()
        splitter.addWidget(list_pane)
        splitter.addWidget(form_pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.retranslate()
        self._show_record(None)

    # loading ------------------------------------------------------------------------------

    @property
    def store(self) -> RecordStore | None:
        return self.section.store

    def reload(self, select_uuid: str | None = None) -> None:
        """Read the list again from storage, keeping the search, sort and selection."""
        store = self.store
        if store is None:
            self.model.set_rows([], [])
            self._update_count()
            return
        self.model.set_rows(*store.table(self.kind))
        for field in self.spec.fields:
            if field.target is not None:
                self.form.set_reference_choices(field.name, store.choices(field.target))
        self._update_count()
        if select_uuid is not None:
            self.select(select_uuid)

    def select(self, uuid: str) -> None:
        if not self.model.has(uuid):
            return
        row = self.model.row_of(uuid)
        if row < 0:  # hidden by the search: show it anyway
            self.search.clear()
            row = self.model.row_of(uuid)
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _search_changed(self, text: str) -> None:
        self.model.set_search(text.strip())
        # The list was laid anew: the record in the form stays selected if it is shown
        # (and stays in the form if the search hides it).
        uuid = self.current_uuid
        if uuid is not None and self.model.row_of(uuid) >= 0:
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            self.select(uuid)
            selection.blockSignals(False)
            self.table.viewport().update()
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if shown == total:
            text = ngettext("{count} record", "{count} records", total).format(count=total)
        else:
            text = _("{shown} of {total} shown").format(shown=shown, total=total)
        self.count_label.setText(text)

    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        uuid = current.data(UUID_ROLE) if current.isValid() else None
        if uuid == self.current_uuid:
            return
        if not self.leave_record():
            previous_uuid = self.current_uuid
            if previous_uuid is not None:
                self.table.selectionModel().blockSignals(True)
                self.select(previous_uuid)
                self.table.selectionModel().blockSignals(False)
            return
        self._show_record(uuid)

    def _show_record(self, uuid: str | None, stored: dict[str, Any] | None = None) -> None:
        """Show the record in the form (`stored`: its values just read, else read now)."""
        self.current_uuid = uuid
        store = self.store
        if stored is not None and uuid is not None and store is not None:
            store.versions[uuid] = int(stored["version"])
            values = stored
        else:
            values = store.load(self.kind, uuid) if (store and uuid) else {}
        self._committed = editable_values(self.kind, values) if uuid else {}
        self._loaded_version = values.get("version")
        self.form.set_values(values)
        self.status.clear()
        self._update_title()
        self.delete_button.setEnabled(uuid is not None and not self._read_only)

    def _update_title(self) -> None:
        if self.current_uuid is None:
            self.title.setText(_("New: {kind}").format(kind=_(self.spec.singular)))
        else:
            name = self._committed.get(self.spec.title_field) or ""
            self.title.setText(str(name))

    # editing ------------------------------------------------------------------------------

    def has_changes(self) -> bool:
        typed = self.form.values()
        if self.current_uuid is None:
            return any(value not in (None, "", [], False) for value in typed.values())
        clean, _errors = self.spec.clean(typed)
        stored, _ignored = self.spec.clean(self._committed)
        return bool(_errors) or clean != stored

    def commit_pending(self) -> bool:
        """Store the form if it changed and is valid. False when invalid input remains."""
        store = self.store
        if store is None or self._read_only or not self.has_changes():
            return True
        typed = self.form.values()
        try:
            uuid = self._save_unless_taking_theirs(store, typed)
        except store.invalid_error as error:
            self.form.show_errors(error.errors)
            self.status.setText(_("Not saved yet: correct the marked fields."))
            return False
        if uuid is None:
            return True
        loaded = store.saved_values
        self._loaded_version = loaded.get("version")
        after = editable_values(self.kind, loaded)
        before = self._committed if self.current_uuid is not None else None
        name = after.get(self.spec.title_field) or ""
        text = (_("Edit “{name}”") if before else _("Add “{name}”")).format(name=name)
        self.section.undo_stack.push(
            RecordCommand(
                store,
                self.kind,
                uuid,
                before,
                after,
                text,
                self.section.record_changed,
                self.section.report,
                already_done=True,
            )
        )
        self.current_uuid = uuid
        self._committed = after
        self.form.show_errors({})
        self.status.setText(_("Saved."))
        self._update_title()
        self.section.record_changed(self.kind, uuid)
        return True

    def _save_unless_taking_theirs(self, store: RecordStore, typed: dict[str, Any]) -> str | None:
        """Save the form; when someone else saved the record since it was shown, show their
        change and save over it only if the person says so (None: they took theirs)."""
        from desktop.storage.concurrency import ConcurrentEdit
        from desktop.views.conflict_dialog import MINE, ask_about_record

        try:
            return store.save(self.kind, typed, self.current_uuid, self._loaded_version)
        except ConcurrentEdit as conflict:
            titles = {
                uuid: title
                for spec in self.spec.fields
                if spec.target is not None
                for uuid, title in store.choices(spec.target)
            }
            if ask_about_record(self, conflict, self.spec, self._committed, typed, titles) == MINE:
                return store.save(self.kind, typed, self.current_uuid, conflict.version or 0)
        gone = self.current_uuid if store.load_or_none(self.kind, self.current_uuid) is None else None
        self.form.show_errors({})
        self._show_record(None if gone else self.current_uuid)  # their values, in the form
        if self.current_uuid is not None:
            self.section.record_changed(self.kind, self.current_uuid)
        self.status.setText(_("Their version is shown; your change was not saved."))
        return None

    def leave_record(self) -> bool:
        """Before showing another record: commit, or ask whether to drop invalid input."""
        if self.commit_pending():
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("Some fields have errors, so the changes to this record were not saved. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def new_record(self) -> None:
        if self._read_only or not self.leave_record():
            return
        self.table.selectionModel().blockSignals(True)
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self.table.selectionModel().blockSignals(False)
        self._show_record(None)
        first = self.form.editors[self.spec.fields[0].name]
        first.setFocus()

    def delete_current(self) -> None:
        store = self.store
        uuid = self.current_uuid
        if store is None or uuid is None or self._read_only:
            return
        name = self._committed.get(self.spec.title_field) or ""
        if not confirm(
            self,
            _("Delete record"),
            _("Delete “{name}”? You can undo this with Edit > Undo.").format(name=name),
        ):
            return
        from desktop.storage.concurrency import ConcurrentEdit

        try:
            before = editable_values(self.kind, store.delete(self.kind, uuid))
        except (ValueError, LookupError, ConcurrentEdit) as error:
            QMessageBox.warning(self, _("Cannot delete"), str(error))
            if isinstance(error, ConcurrentEdit):  # show what they changed, not deleted
                self._show_record(None if error.deleted else uuid)
                self.section.record_changed(self.kind, uuid)
            return
        self.section.undo_stack.push(
            RecordCommand(
                store,
                self.kind,
                uuid,
                before,
                None,
                _("Delete “{name}”").format(name=name),
                self.section.record_changed,
                self.section.report,
                already_done=True,
            )
        )
        self.current_uuid = None
        self.section.record_changed(self.kind, uuid)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.form.set_read_only(read_only)
        self.new_button.setEnabled(not read_only)
        self.delete_button.setEnabled(not read_only and self.current_uuid is not None)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search {kinds}…").format(kinds=_(self.spec.plural)))
        align_text_field(self.search, left_to_right=False)
        self.new_button.setText(_("New"))
        self.new_button.setToolTip(_("Add a new record (Ctrl+N)"))
        self.delete_button.setText(_("Delete"))
        self.delete_button.setToolTip(_("Delete the selected record (Del)"))
        self.model.retranslate()
        self.form.retranslate()
        self._update_count()
        self._update_title()


class ReferenceSection(QWidget):
    """One page per kind of reference record; the main window switches between them."""

    changed = Signal()  # a record was added, edited or deleted (also by undo/redo)
    message = Signal(str)  # something to tell the person in the status bar

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.store: RecordStore | None = None
        self.pages: dict[RecordKind, KindPage] = {}  # built when first shown
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.page_for(RecordKind.AUTHORITY)

    def page_for(self, kind: RecordKind) -> KindPage:
        """The page of `kind`, built and loaded the first time it is asked for."""
        if kind not in self.pages:
            page = KindPage(self, RECORD_SPECS[kind])
            self.pages[kind] = page
            self.stack.addWidget(page)
            page.reload()
            page.set_read_only(self.store is None or self.store.workspace.read_only)
        return self.pages[kind]

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.store = RecordStore(workspace) if workspace is not None else None
        read_only = workspace is None or workspace.read_only
        for page in self.pages.values():
            page.current_uuid = None
            page.reload()
            page._show_record(None)
            page.set_read_only(read_only)

    @property
    def current_page(self) -> KindPage:
        page = self.stack.currentWidget()
        assert isinstance(page, KindPage)
        return page

    def show_kind(self, kind: RecordKind) -> None:
        if self.current_page.kind != kind and not self.current_page.leave_record():
            return
        self.stack.setCurrentWidget(self.page_for(kind))

    def record_changed(self, kind: RecordKind, uuid: str) -> None:
        """After one record was added, edited or deleted (here, or by undo/redo): update its
        row, the rows and pickers that show its title, and show it (or nothing, if gone)."""
        store = self.store
        if store is None:
            return
        saved, store.saved_values = store.saved_values, {}
        values = store.row(kind, uuid)
        page = self.pages.get(kind)
        if page is not None:
            if values is None:
                page.model.remove_row(uuid)
            else:
                page.model.put_row(values)
            page._update_count()
        for other in self.pages.values():
            for field in other.spec.fields:
                if field.target is not kind:
                    continue
                other.form.set_reference_choices(field.name, store.choices(kind))
                if values is not None and field.kind is FieldKind.REFERENCE:
                    title = str(values[RECORD_SPECS[kind].title_field])
                    other.model.rename_reference(field.name, uuid, title)
        page = self.page_for(kind)
        if values is None:
            page._show_record(None)
        else:
            page.select(uuid)
            if uuid != page.current_uuid or not page.has_changes():
                page._show_record(uuid, saved if saved.get("uuid") == uuid else None)
        self.changed.emit()

    def refresh(self, kind: RecordKind, uuid: str | None) -> None:
        """After many changes (an import): reload every list and select `uuid` of `kind`."""
        for page in self.pages.values():
            page.reload(uuid if page.kind == kind else page.current_uuid)
        page = self.page_for(kind)
        if uuid is None or page.model.row_of(uuid) < 0:
            page._show_record(None)
        elif uuid != page.current_uuid or not page.has_changes():
            page._show_record(uuid)
        self.changed.emit()

    def report(self, text: str) -> None:
        self.message.emit(text)

    def commit_pending(self) -> bool:
        return all(page.commit_pending() for page in self.pages.values())

    def retranslate(self) -> None:
        for page in self.pages.values():
            page.retranslate()
