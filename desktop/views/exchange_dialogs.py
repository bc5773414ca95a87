"""File > Export for a colleague… and File > Import from a colleague….

Export: choose what (everything, a cluster, a town, a forum or a community, from a
searchable list), whether to leave out contact details, then where. Import: the file is
checked first (a refusal says why and changes nothing), then a preview counts what would
be added, updated, left as is and what conflicts; each conflict is shown side by side,
field by field, and the person keeps theirs or takes the file's before confirming.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _, ngettext, os_error_text, pgettext
from desktop.models import exchange as ex
from desktop.models.records import RECORD_SPECS, FieldKind, RecordKind
from desktop.progress import Cancelled, Progress
from desktop.views.background import let_go_in_background, run_with_progress
from desktop.views.dialogs import run_and_delete
from desktop.views.qt_i18n import isolate
from desktop.views.widgets import error_label, show_error

if TYPE_CHECKING:
    from desktop.storage.exchange import Choice, ExportResult, ImportPlan, ImportResult, PlannedRecord
    from desktop.storage.workspace import Workspace

_DIFFERENT = QColor(255, 236, 179)  # a soft amber: the fields that differ


_REFERENCE_KINDS = {
    ex.ORGANISATION: RecordKind.ORGANISATION,
    ex.PERSON: RecordKind.PERSON,
    ex.AUTHORITY: RecordKind.AUTHORITY,
    ex.CLUSTER: RecordKind.CLUSTER,
}


def field_texts(record_type: str, row: ex.FieldRow, names: Mapping[str, str]) -> tuple[str, str, str]:
    """A row of the comparison as a person reads it: the field's label where the record kind
    declares one, choices by their labels and other records by their names."""

    def named(value: str) -> str:
        parts = value.split(", ")
        return ", ".join(names.get(part, part) for part in parts)

    kind = _REFERENCE_KINDS.get(record_type)
    spec = None
    if kind is not None and "." not in row.path:
        try:
            spec = RECORD_SPECS[kind].field(row.path)
        except KeyError:
            spec = None
    if spec is None:
        return isolate(row.path), named(row.mine), named(row.theirs)

    def shown(value: str) -> str:
        if spec.enum is not None and spec.kind is FieldKind.CHOICE and value:
            try:
                return spec.enum(value).label
            except ValueError:
                return value
        return named(spec.display(value))

    return _(spec.label), shown(row.mine), shown(row.theirs)


def exchange_filter() -> str:
    return _("Shutafut exchange files ({pattern})").format(pattern=f"*{ex.EXTENSION}")


def export_for_colleague(parent: QWidget, workspace: Workspace, folder: str) -> str | None:
    """File > Export for a colleague: the dialog, and what to say once written (None: nothing)."""
    dialog = ExportDialog(workspace, folder, parent)
    run_and_delete(dialog)
    result = dialog.result_
    if result is None:
        return None
    return ngettext(
        "{count} record exported to {name}.",
        "{count} records exported to {name}.",
        result.records,
    ).format(count=i18n.format_number(result.records), name=result.path.name)


def import_from_colleague(parent: QWidget, workspace: Workspace, folder: str) -> str | None:
    """File > Import from a colleague: choose the file, check it, choose side by side where both
    changed, import. What to say when something was imported; None when nothing changed."""
    from desktop.storage.exchange import plan_import
    from desktop.storage.worker import separate_workspace

    title = _("Import from a colleague")
    if workspace.read_only:
        QMessageBox.warning(parent, title, workspace.read_only_reason or _("Opened read-only"))
        return None
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, folder, exchange_filter())
    if not chosen:
        return None
    path = Path(chosen)

    def check(progress: Progress) -> ImportPlan:
        with separate_workspace(workspace) as own:  # (in the worker thread: its own connections)
            return plan_import(own, path, progress=progress)

    try:
        plan = run_with_progress(parent, title, _("Checking {name}…").format(name=path.name), check)
    except Cancelled:
        return None
    except ex.ExchangeRefused as error:
        QMessageBox.warning(
            parent,
            title,
            _("{name} was not imported; this workspace was not changed.\n\n{reason}").format(
                name=Path(chosen).name, reason=error
            ),
        )
        return None
    dialog = ImportDialog(workspace, plan, parent)
    run_and_delete(dialog)
    result = dialog.result_
    let_go_of_plan(plan)
    if result is None:
        return None
    return _(
        "Imported: {added} added, {updated} updated, {unchanged} unchanged, {kept} kept as they are here."
    ).format(
        added=i18n.format_number(result.added),
        updated=i18n.format_number(result.updated),
        unchanged=i18n.format_number(result.unchanged),
        kept=i18n.format_number(result.kept),
    )


def let_go_of_plan(plan: ImportPlan) -> threading.Thread:
    """Free a checked plan (hundreds of thousands of objects for a whole workspace) without
    holding the window up: its dialog is closed and nothing else reads it."""
    return let_go_in_background(*plan.containers())


class ExportDialog(QDialog):
    """What to export, with or without contact details; `result` is set once written."""

    def __init__(self, workspace: Workspace, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchange_export_dialog")
        self.workspace = workspace
        self.folder = folder
        self.result_: ExportResult | None = None
        self.setWindowTitle(_("Export for a colleague"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Choose what to hand over. The people and places it refers to go "
                "with it, so the colleague's copy is complete."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[ex.Scope, QRadioButton] = {}
        for scope in ex.Scope:
            button = QRadioButton(scope.label)
            button.setObjectName(f"scope_{scope.value}")
            self.scope_group.addButton(button)
            self.scope_buttons[scope] = button
            layout.addWidget(button)
            button.toggled.connect(self._scope_changed)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Search by name"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        layout.addWidget(self.search)
        self.items = QListWidget()
        self.items.setObjectName("items")
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.item_error: QLabel = error_label("item_error")
        self.items.itemSelectionChanged.connect(lambda: show_error(self.item_error, ""))
        layout.addWidget(self.items)
        layout.addWidget(self.item_error)
        self.without_contacts = QCheckBox(
            _(
                "Without personal contact details (phones, emails, notes about people) – for "
                "sharing outside the team"
            )
        )
        self.without_contacts.setObjectName("without_contacts")
        layout.addWidget(self.without_contacts)
        note = QLabel(
            _("People who did not agree to keeping their contact details are always exported without them.")
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = error_label("export_error")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(_("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("export_button")
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.export)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.scope_buttons[ex.Scope.EVERYTHING].setChecked(True)
        self.resize(520, 560)

    @property
    def scope(self) -> ex.Scope:
        return next(s for s, b in self.scope_buttons.items() if b.isChecked())

    def _scope_changed(self, checked: bool) -> None:
        if not checked:
            return
        from desktop.storage.exchange import scope_items

        self.items.clear()
        show_error(self.item_error, "")
        for item in scope_items(self.workspace, self.scope):
            row = QListWidgetItem(item.label or "…")
            row.setData(Qt.ItemDataRole.UserRole, item.uuid)
            self.items.addItem(row)
        everything = self.scope is ex.Scope.EVERYTHING
        self.items.setEnabled(not everything)
        self.search.setEnabled(not everything)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        fragments = text.casefold().split()
        for index in range(self.items.count()):
            row = self.items.item(index)
            row.setHidden(not all(f in row.text().casefold() for f in fragments))

    def chosen_uuid(self) -> str:
        selected = [row for row in self.items.selectedItems() if not row.isHidden()]
        return str(selected[0].data(Qt.ItemDataRole.UserRole)) if selected else ""

    def suggested_name(self) -> str:
        selected = self.items.selectedItems()
        what = (
            selected[0].text() if selected and self.scope is not ex.Scope.EVERYTHING else self.workspace.name
        )
        name = _("{what} for a colleague").format(what=what)
        return "".join("-" if c in '/\\:*?"<>|' else c for c in name) + ex.EXTENSION

    def ask_path(self) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export for a colleague"),
            str(Path(self.folder) / self.suggested_name()),
            exchange_filter(),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.name.endswith(ex.EXTENSION) else path.with_name(path.name + ex.EXTENSION)

    def export(self) -> None:
        from desktop.storage.exchange import ScopeNotFound, export_exchange
        from desktop.storage.worker import separate_workspace

        uuid = ""
        if self.scope is not ex.Scope.EVERYTHING:
            uuid = self.chosen_uuid()
            if not uuid:
                show_error(self.item_error, _("Choose one from the list."))
                return
        path = self.ask_path()
        if path is None:
            return
        workspace, scope, without_contacts = self.workspace, self.scope, self.without_contacts.isChecked()

        def export(progress: Progress) -> ExportResult:
            with separate_workspace(workspace) as own:  # (in the worker thread: its own connections)
                return export_exchange(
                    own, path, scope, uuid, without_contacts=without_contacts, progress=progress
                )

        show_error(self.error, "")
        try:
            self.result_ = run_with_progress(
                self, _("Export for a colleague"), _("Writing {name}…").format(name=path.name), export
            )
        except Cancelled:
            show_error(self.error, _("The export was cancelled; no file was written."))
            return
        except OSError as error:
            show_error(self.error, _("Cannot write the file: {error}").format(error=os_error_text(error)))
            return
        except ScopeNotFound:
            show_error(self.item_error, _("It is no longer in the workspace."))
            return
        self.accept()


class ConflictDialog(QDialog):
    """One record changed on both sides: both versions field by field, the person chooses."""

    def __init__(self, item: PlannedRecord, names: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.storage.exchange import Choice

        assert item.mine is not None
        self.setObjectName("exchange_conflict_dialog")
        self.choice: Choice | None = None
        self.setWindowTitle(_("Changed on both laptops"))
        layout = QVBoxLayout(self)
        heading = QLabel(
            _(
                "{kind} “{title}” was changed both here and in the file. Compare "
                "and choose which version to keep."
            ).format(kind=item.type_label, title=isolate(item.title))
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        rows = ex.side_by_side(item.mine.fields, item.record.fields)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("fields")
        self.table.setHorizontalHeaderLabels(
            [pgettext("record field", "Field"), _("This workspace"), _("The file")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        bold = QFont()
        bold.setBold(True)
        self.differences = 0
        for index, row in enumerate(rows):
            cells = [QTableWidgetItem(text) for text in field_texts(item.record.type, row, names)]
            for column, cell in enumerate(cells):
                if row.differs:
                    cell.setBackground(QBrush(_DIFFERENT))
                    cell.setFont(bold)
                    cell.setToolTip(_("Different"))
                self.table.setItem(index, column, cell)
            self.differences += row.differs
        layout.addWidget(self.table)
        self._differs = [row.differs for row in rows]
        self.only_differences = QCheckBox(_("Show only the fields that differ"))
        self.only_differences.setObjectName("only_differences")
        self.only_differences.toggled.connect(self._show_rows)
        self.only_differences.setChecked(len(rows) > 40)  # long documents: the changes first
        self._show_rows(self.only_differences.isChecked())
        layout.addWidget(self.only_differences)
        summary = QLabel(
            ngettext(
                "{count} field differs (highlighted).",
                "{count} fields differ (highlighted).",
                self.differences,
            ).format(count=self.differences)
        )
        layout.addWidget(summary)
        buttons = QHBoxLayout()
        self.keep_button = QPushButton(_("Keep mine"))
        self.keep_button.setObjectName("keep_mine")
        self.take_button = QPushButton(_("Take theirs"))
        self.take_button.setObjectName("take_theirs")
        cancel = QPushButton(_("Decide later"))
        self.keep_button.clicked.connect(lambda: self._choose(Choice.KEEP_MINE))
        self.take_button.clicked.connect(lambda: self._choose(Choice.TAKE_THEIRS))
        cancel.clicked.connect(self.reject)
        for button in (self.keep_button, self.take_button, cancel):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.resize(760, 520)

    def _show_rows(self, only_differences: bool) -> None:
        for index, differs in enumerate(self._differs):
            self.table.setRowHidden(index, only_differences and not differs)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


class ImportDialog(QDialog):
    """The preview of a checked file; conflicts chosen one by one; then the import."""

    def __init__(self, workspace: Workspace, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchange_import_dialog")
        self.workspace = workspace
        self.plan = plan
        self.choices: dict[str, Choice] = {}
        self.result_: ImportResult | None = None
        self.setWindowTitle(_("Import from a colleague"))
        layout = QVBoxLayout(self)
        header = plan.exchange.header
        about = [
            _("File: {name}").format(name=isolate(plan.path.name)),
            _("Made on {when} with Shutafut {version}.").format(
                when=i18n.format_datetime(_parse_time(header.created_at)), version=isolate(header.app_version)
            ),
        ]
        scope = ex.Scope(header.scope)
        if header.scope_label:
            about.append(
                _("Holds: {scope} – {name}").format(scope=scope.label, name=isolate(header.scope_label))
            )
        else:
            about.append(_("Holds: {scope}").format(scope=scope.label))
        if header.contacts_removed:
            about.append(_("Made without contact details: the contact details kept here stay as they are."))
        info = QLabel("\n".join(about))
        info.setObjectName("about_file")
        info.setWordWrap(True)
        layout.addWidget(info)
        self.counts = QLabel(self._counts_text())
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        layout.addWidget(self.counts)
        self.conflict_list = QTreeWidget()
        self.conflict_list.setObjectName("conflicts")
        self.conflict_list.setHeaderLabels([_("Record"), _("Kind"), _("Your choice")])
        self.conflict_list.setRootIsDecorated(False)
        self.conflict_list.itemActivated.connect(lambda *_a: self.choose_selected())
        for conflict in plan.conflicts:
            row = QTreeWidgetItem([conflict.title or "…", conflict.type_label, _("Not chosen yet")])
            row.setData(0, Qt.ItemDataRole.UserRole, conflict.record.uuid)
            self.conflict_list.addTopLevelItem(row)
        has_conflicts = bool(plan.conflicts)
        self.conflict_list.setVisible(has_conflicts)
        self.choose_button = QPushButton(_("Compare and choose…"))
        self.choose_button.setObjectName("choose_button")
        self.choose_button.clicked.connect(self.choose_selected)
        self.choose_button.setVisible(has_conflicts)
        layout.addWidget(self.conflict_list)
        layout.addWidget(self.choose_button)
        self.error = error_label("import_error")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_button")
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.apply)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        first = self.conflict_list.topLevelItem(0)
        if first is not None:
            self.conflict_list.setCurrentItem(first)
        self._update()
        self.resize(560, 460)

    def _counts_text(self) -> str:
        plan = self.plan
        text = _(
            "{added} to add, {updated} to update, {unchanged} already the same, {newer} newer here (kept)."
        ).format(
            added=i18n.format_number(plan.count(ex.Decision.ADD)),
            updated=i18n.format_number(plan.count(ex.Decision.UPDATE)),
            unchanged=i18n.format_number(plan.count(ex.Decision.UNCHANGED)),
            newer=i18n.format_number(plan.count(ex.Decision.NEWER_HERE)),
        )
        conflicts = len(plan.conflicts)
        if conflicts:
            text += "\n" + ngettext(
                "{count} record was changed both here and in the file: choose which version to keep.",
                "{count} records were changed both here and in the file: choose which version "
                "to keep for each.",
                conflicts,
            ).format(count=i18n.format_number(conflicts))
        return text

    def _update(self) -> None:
        from desktop.storage.exchange import Choice

        labels = {Choice.KEEP_MINE: _("Keep mine"), Choice.TAKE_THEIRS: _("Take theirs")}
        for index in range(self.conflict_list.topLevelItemCount()):
            row = self.conflict_list.topLevelItem(index)
            if row is None:
                continue
            choice = self.choices.get(str(row.data(0, Qt.ItemDataRole.UserRole)))
            row.setText(2, labels[choice] if choice else _("Not chosen yet"))
        missing = len(self.plan.conflicts) - len(self.choices)
        self.import_button.setEnabled(missing == 0)
        self.import_button.setToolTip("" if missing == 0 else _("Choose a version for every conflict first."))

    def conflict_dialog(self, uuid: str) -> ConflictDialog:
        item = next(i for i in self.plan.conflicts if i.record.uuid == uuid)
        return ConflictDialog(item, self.plan.names, self)

    def choose_selected(self) -> None:
        row = self.conflict_list.currentItem()
        if row is None:
            return
        uuid = str(row.data(0, Qt.ItemDataRole.UserRole))
        dialog = self.conflict_dialog(uuid)
        dialog.finished.connect(lambda _code: self._chosen(uuid, dialog))
        dialog.open()

    def _chosen(self, uuid: str, dialog: ConflictDialog) -> None:
        if dialog.choice is not None:
            self.choices[uuid] = dialog.choice
            current = self.conflict_list.currentIndex().row()
            following = self.conflict_list.topLevelItem(current + 1)
            if following is not None:
                self.conflict_list.setCurrentItem(following)
        self._update()

    def apply(self) -> None:
        from desktop.storage.exchange import WorkspaceChanged, apply_import
        from desktop.storage.worker import separate_workspace

        if len(self.choices) < len(self.plan.conflicts):
            return
        workspace, plan, choices = self.workspace, self.plan, dict(self.choices)

        def write(progress: Progress) -> ImportResult:
            with separate_workspace(workspace) as own:  # (in the worker thread: its own connections)
                return apply_import(own, plan, choices, progress=progress)

        show_error(self.error, "")
        try:
            self.result_ = run_with_progress(
                self, _("Import from a colleague"), _("Importing {name}…").format(name=plan.path.name), write
            )
        except Cancelled:
            show_error(self.error, _("The import was cancelled; nothing was imported."))
            return
        except WorkspaceChanged:
            show_error(
                self.error,
                _(
                    "The workspace changed since this preview; nothing was "
                    "imported. Close and import the file again."
                ),
            )
            return
        except ex.ExchangeRefused as error:
            show_error(self.error, str(error))
            return
        except OSError as error:
            show_error(self.error, _("Nothing was imported: {error}").format(error=os_error_text(error)))
            return
        self.accept()


def _parse_time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
