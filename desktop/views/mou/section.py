"""The agreements section: one row per agreement with an authority, its stage and versions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.mou import PersonRef
from desktop.models.mou_process import AgreementStage, StageRecord, validate_process
from desktop.models.validation import ValidationError
from desktop.views.dialogs import confirm
from desktop.views.qt_i18n import align_text_field
from desktop.views.widgets import date_editor, error_label, pydate, qdate, show_error

if TYPE_CHECKING:
    from desktop.models.agreement import Agreement
    from desktop.storage.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class AgreementsSection(QWidget):
    message = Signal(str)
    export_requested = Signal(int)  # agreement id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.search = QLineEdit()
        self.search.setObjectName("agreement_search")
        self.search.setClearButtonEnabled(True)
        align_text_field(self.search, left_to_right=False)
        self.model = QStandardItemModel(0, 4)
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("agreements")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, slot in (
            ("new", self.new_agreement),
            ("open", self.open_selected),
            ("stages", self.edit_stages),
            ("send", self.send_version),
            ("compare", self.compare_versions),
            ("signed", self.mark_signed),
            ("pdf", self._export),
            ("delete", self.delete_selected),
        ):
            button = QPushButton()
            button.setObjectName(f"agreement_{name}")
            button.clicked.connect(slot)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.retranslate()

    # list -------------------------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        writable = workspace is not None and not workspace.read_only
        for name in ("new", "stages", "send", "signed", "delete"):
            self.buttons[name].setEnabled(writable)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        from desktop.storage.agreement_store import list_agreements

        self.model.removeRows(0, self.model.rowCount())
        if self.workspace is None:
            return
        for summary in list_agreements(self.workspace):
            cells = [
                summary.title,
                summary.stage_summary,
                i18n.format_number(summary.versions),
                i18n.format_datetime(summary.updated_at),
            ]
            items = []
            for text in cells:
                item = QStandardItem(text)
                item.setData(summary.id, ID_ROLE)
                items.append(item)
            self.model.appendRow(items)
            if summary.id == select_id:
                self.table.selectRow(self.proxy.mapFromSource(items[0].index()).row())

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def _load(self) -> tuple[int, Agreement] | None:
        from desktop.storage.agreement_store import load_agreement

        agreement_id = self.selected_id()
        if agreement_id is None or self.workspace is None:
            return None
        return agreement_id, load_agreement(self.workspace, agreement_id)

    def _save(self, agreement_id: int, agreement: Agreement) -> None:
        from desktop.storage.agreement_store import save_agreement
        from desktop.views.conflict_dialog import save_document

        workspace = self.workspace
        assert workspace is not None
        save_document(
            self,
            agreement,
            lambda expected: save_agreement(workspace, agreement, agreement_id, expected_version=expected),
            lambda: None,
        )
        self.reload(agreement_id)

    # actions ------------------------------------------------------------------------------------

    def starting_points(self) -> list[tuple[str, str | None, int | None]]:
        """(label, authority uuid, selection id): blank, and each town chosen in a decision."""
        from desktop.storage.reference_store import choices
        from desktop.storage.selection_store import list_processes, load_process

        assert self.workspace is not None
        names = dict(choices(self.workspace, _authority_kind()))
        points: list[tuple[str, str | None, int | None]] = [(_("A blank MOU"), None, None)]
        for summary in list_processes(self.workspace):
            if summary.status != "decided":
                continue
            for uuid in load_process(self.workspace, summary.id).chosen:
                points.append(
                    (
                        _("{town}, chosen in “{process}”").format(
                            town=names.get(uuid, "…"), process=summary.title
                        ),
                        uuid,
                        summary.id,
                    )
                )
        return points

    def new_agreement(self) -> None:
        from desktop.models.agreement import Agreement
        from desktop.models.mou import Parties

        if self.workspace is None:
            return
        points = self.starting_points()
        label, ok = QInputDialog.getItem(
            self, _("New MOU"), _("Start from:"), [p[0] for p in points], 1 if len(points) > 1 else 0, False
        )
        if not ok:
            return
        _label, authority, selection_id = next(p for p in points if p[0] == label)
        agreement = Agreement.new(i18n.current_language(), parties=Parties(authority_uuid=authority))
        agreement.selection_id = selection_id
        self.run_wizard(agreement, None)

    def open_selected(self) -> None:
        loaded = self._load()
        if loaded is not None:
            self.run_wizard(loaded[1], loaded[0])

    def run_wizard(self, agreement: Agreement, agreement_id: int | None) -> None:
        from desktop.views.mou.wizard import MouWizard

        assert self.workspace is not None
        wizard = MouWizard(self.workspace, agreement, agreement_id, self)
        self.wizard = wizard
        wizard.exec()
        self.reload(wizard.agreement_id)
        self.message.emit(_("The MOU was saved."))

    def edit_stages(self) -> None:
        loaded = self._load()
        if loaded is None:
            return
        agreement_id, agreement = loaded
        dialog = StagesDialog(agreement, self)
        if dialog.exec():
            self._save(agreement_id, agreement)

    def send_version(self) -> None:
        from desktop.models.mou_versions import freeze_version, has_changes
        from desktop.storage.agreement_store import party_names

        loaded = self._load()
        if loaded is None or self.workspace is None:
            return
        agreement_id, agreement = loaded
        if agreement.versions and not has_changes(agreement.draft, agreement.versions[-1]):
            QMessageBox.information(
                self, _("Send a version"), _("The draft has not changed since the last version.")
            )
            return
        dialog = DateNoteDialog(_("Send a version to the authority"), _("Sent on"), True, self)
        while dialog.exec():
            try:
                version = freeze_version(
                    agreement.draft,
                    agreement.versions,
                    dialog.day(),
                    dialog.note.text(),
                    party_names(self.workspace, agreement.draft),
                )
            except ValidationError as error:
                show_error(dialog.error, error.message)
                continue
            agreement.versions.append(version)
            self._save(agreement_id, agreement)
            self.message.emit(_("Version {number} was frozen.").format(number=version.number))
            return

    def mark_signed(self) -> None:
        from desktop.models.mou_versions import mark_signed

        loaded = self._load()
        if loaded is None:
            return
        agreement_id, agreement = loaded
        if not agreement.versions:
            QMessageBox.information(
                self, _("Mark as signed"), _("Send a version first: only a sent version is signed.")
            )
            return
        dialog = DateNoteDialog(_("Mark the last version as signed"), _("Signed on"), False, self)
        while dialog.exec():
            try:
                agreement.versions[-1] = mark_signed(agreement.versions[-1], dialog.day())
            except ValidationError as error:
                show_error(dialog.error, error.message)
                continue
            self._save(agreement_id, agreement)
            return

    def compare_versions(self) -> None:
        loaded = self._load()
        if loaded is None:
            return
        _agreement_id, agreement = loaded
        if not agreement.versions:
            QMessageBox.information(
                self, _("Compare versions"), _("There is no sent version to compare yet.")
            )
            return
        CompareDialog(agreement, self).exec()

    def _export(self) -> None:
        agreement_id = self.selected_id()
        if agreement_id is not None:
            self.export_requested.emit(agreement_id)

    def delete_selected(self) -> None:
        from desktop.storage.agreement_store import delete_agreement

        agreement_id = self.selected_id()
        if agreement_id is None or self.workspace is None:
            return
        name = self.table.currentIndex().siblingAtColumn(0).data()
        if confirm(
            self,
            _("Delete MOU"),
            _("Delete the MOU with {name}, its stages and every version? This cannot be undone.").format(
                name=name
            ),
        ):
            delete_agreement(self.workspace, agreement_id)
            self.reload()

    def retranslate(self) -> None:
        self.title.setText(_("Agreements and MOUs"))
        self.search.setPlaceholderText(_("Search agreements…"))
        self.model.setHorizontalHeaderLabels(
            [_("Authority"), _("Where it stands"), _("Versions"), _("Last saved")]
        )
        for name, text in (
            ("new", _("New MOU…")),
            ("open", _("Open…")),
            ("stages", _("Stages…")),
            ("send", _("Send a version…")),
            ("compare", _("Compare versions…")),
            ("signed", _("Signed…")),
            ("pdf", _("MOU (PDF)…")),
            ("delete", _("Delete…")),
        ):
            self.buttons[name].setText(text)
        self.reload(self.selected_id())


def _authority_kind() -> Any:
    from desktop.models.records import RecordKind

    return RecordKind.AUTHORITY


class DateNoteDialog(QDialog):
    def __init__(self, title: str, date_label: str, with_note: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.date = date_editor()
        self.date.setObjectName("dialog_date")
        self.date.setDate(qdate(date.today()))
        self.note = QLineEdit()
        self.note.setObjectName("dialog_note")
        align_text_field(self.note, left_to_right=False)
        self.error = error_label("dialog_error")
        form = QFormLayout()
        form.addRow(date_label, self.date)
        if with_note:
            form.addRow(_("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def day(self) -> date:
        return pydate(self.date.date())


class StagesDialog(QDialog):
    """The four stages of building agreements: date (if held or planned), participants, notes."""

    def __init__(self, agreement: Agreement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agreement = agreement
        self.setWindowTitle(_("Stages of the agreement"))
        self.rows: list[tuple[AgreementStage, Any, QLineEdit, QLineEdit, QLabel]] = []
        grid = QGridLayout()
        for column, text in enumerate((_("Stage"), _("Date"), _("Participants"), _("Notes"))):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        for row, record in enumerate(agreement.process.stages, start=1):
            held = QComboBox()
            held.addItem(_("Not yet"), False)
            held.addItem(_("On"), True)
            day = date_editor()
            day.setDate(qdate(record.held_on))
            held.setCurrentIndex(1 if record.held_on else 0)
            day.setEnabled(record.held_on is not None)
            held.currentIndexChanged.connect(lambda i, d=day: d.setEnabled(i == 1))
            when = QHBoxLayout()
            when.addWidget(held)
            when.addWidget(day)
            people = QLineEdit(", ".join(p.name for p in record.participants))
            notes = QLineEdit(record.notes)
            for line in (people, notes):
                align_text_field(line, left_to_right=False)
            error = error_label(f"stage_error_{row}")
            grid.addWidget(QLabel(f"{record.stage.number}. {record.stage.label}"), row * 2 - 1, 0)
            grid.addLayout(when, row * 2 - 1, 1)
            grid.addWidget(people, row * 2 - 1, 2)
            grid.addWidget(notes, row * 2 - 1, 3)
            grid.addWidget(error, row * 2, 1, 1, 3)
            self.rows.append((record.stage, (held, day), people, notes, error))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self.resize(900, self.sizeHint().height())

    def read(self) -> Any:
        process = self.agreement.process
        for stage, (held, day), people, notes, _error in self.rows:
            held_on = pydate(day.date()) if held.currentIndex() else None
            names = [n.strip() for n in people.text().replace("،", ",").split(",") if n.strip()]
            process = process.with_record(
                StageRecord(stage, held_on, tuple(PersonRef(name) for name in names), notes.text().strip())
            )
        return process

    def _accept(self) -> None:
        process = self.read()
        errors = validate_process(process)
        for stage, _when, _people, _notes, error in self.rows:
            show_error(error, "\n".join(e.message for e in errors if stage.value in e.field))
        if not errors:
            self.agreement.process = process
            self.accept()


class CompareDialog(QDialog):
    """Two versions (or a version and the current draft) clause by clause."""

    def __init__(self, agreement: Agreement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agreement = agreement
        self.setWindowTitle(_("Compare versions"))
        self.older = QComboBox()
        self.older.setObjectName("older")
        self.newer = QComboBox()
        self.newer.setObjectName("newer")
        for version in agreement.versions:
            label = _("Version {number} ({date})").format(
                number=version.number, date=i18n.format_date(version.sent_on)
            )
            self.older.addItem(label, version.number)
            self.newer.addItem(label, version.number)
        self.newer.addItem(_("The current draft"), 0)
        self.older.setCurrentIndex(max(0, len(agreement.versions) - 1))
        self.newer.setCurrentIndex(self.newer.count() - 1)
        self.view = QTextBrowser()
        self.view.setObjectName("comparison")
        for combo in (self.older, self.newer):
            combo.currentIndexChanged.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("From")))
        row.addWidget(self.older, 1)
        row.addWidget(QLabel(_("To")))
        row.addWidget(self.newer, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(860, 620)
        self.refresh()

    def _draft(self, number: int) -> Any:
        if number == 0:
            return self.agreement.draft
        return next(v.draft for v in self.agreement.versions if v.number == number)

    def refresh(self, *_args: object) -> None:
        from desktop.models.mou_versions import WordOp, diff_drafts

        diff = diff_drafts(
            self._draft(int(self.older.currentData())), self._draft(int(self.newer.currentData()))
        )
        direction = "rtl" if i18n.is_rtl() else "ltr"
        parts = [f"<div dir='{direction}'>"]
        if diff.is_empty:
            parts.append("<p>" + _("No differences.") + "</p>")
        kinds = {"added": _("Added"), "removed": _("Removed"), "changed": _("Changed")}
        for change in diff.clauses:
            number = change.new_number or change.old_number or ""
            parts.append(f"<h3>{number} — {kinds.get(change.kind.value, change.kind.value)}</h3><p>")
            for word in change.words:
                text = _html(word.text)
                if word.op is WordOp.INSERTED:
                    parts.append(f"<span style='background:#c8e6c9'>{text}</span>")
                elif word.op is WordOp.DELETED:
                    parts.append(f"<span style='background:#ffcdd2'><s>{text}</s></span>")
                else:
                    parts.append(text)
            parts.append("</p>")
        if diff.parts:
            parts.append("<h3>" + _("Also changed") + "</h3><ul>")
            labels = {
                "language": _("Language"),
                "parties": _("Parties"),
                "bodies": _("Structures and bodies"),
                "timeframe": _("Timeframe"),
                "budget": _("Budget annex"),
                "signatories": _("Signatories"),
            }
            parts += [f"<li>{labels.get(part.value, part.value)}</li>" for part in diff.parts]
            parts.append("</ul>")
        parts.append("</div>")
        self.view.setHtml("".join(parts))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
