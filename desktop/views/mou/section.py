"""The agreements section: one row per agreement with an authority, its stage and versions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.mou import PersonRef
from desktop.models.mou_process import AgreementStage, StageRecord, validate_process
from desktop.models.validation import ValidationError
from desktop.views import page_memory
from desktop.views.list_section import (
    FeatureDescription,
    ListSection,
    SectionAction,
    date_column,
    number_column,
    text_column,
)
from desktop.views.qt_i18n import align_text_field
from desktop.views.widgets import date_editor, error_label, pydate, qdate, show_error

if TYPE_CHECKING:
    from desktop.models.agreement import Agreement
    from desktop.storage.workspace import Workspace


def _list(workspace: Workspace) -> list[Any]:
    from desktop.storage.agreement_store import list_agreements

    return list_agreements(workspace)


def _delete(workspace: Workspace, agreement_id: int) -> None:
    from desktop.storage.agreement_store import delete_agreement

    delete_agreement(workspace, agreement_id)
    page_memory.forget(page_memory.place(workspace, page_memory.AGREEMENT, agreement_id))


def _load(section: ListSection, agreement_id: int) -> Agreement:
    from desktop.storage.agreement_store import load_agreement

    assert section.workspace is not None
    return load_agreement(section.workspace, agreement_id)


def _save(section: ListSection, agreement_id: int, agreement: Agreement) -> None:
    from desktop.storage.agreement_store import save_agreement
    from desktop.views.conflict_dialog import save_document

    workspace = section.workspace
    assert workspace is not None
    save_document(
        section,
        agreement,
        lambda expected: save_agreement(workspace, agreement, agreement_id, expected_version=expected),
        lambda: None,
    )
    section.reload(agreement_id)


def starting_points(workspace: Workspace) -> list[tuple[str, str | None, int | None]]:
    """(label, authority uuid, selection id): blank, and each town chosen in a decision."""
    from desktop.storage.reference_store import choices
    from desktop.storage.selection_store import list_processes, load_process

    names = dict(choices(workspace, _authority_kind()))
    points: list[tuple[str, str | None, int | None]] = [(_("A blank MOU"), None, None)]
    for summary in list_processes(workspace):
        if summary.status != "decided":
            continue
        for uuid in load_process(workspace, summary.id).chosen:
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


def _start(section: ListSection) -> None:
    from desktop.models.agreement import Agreement
    from desktop.models.mou import Parties

    assert section.workspace is not None
    points = starting_points(section.workspace)
    label, ok = QInputDialog.getItem(
        section, _("New MOU"), _("Start from:"), [p[0] for p in points], 1 if len(points) > 1 else 0, False
    )
    if not ok:
        return
    _label, authority, selection_id = next(p for p in points if p[0] == label)
    agreement = Agreement.new(i18n.current_language(), parties=Parties(authority_uuid=authority))
    agreement.selection_id = selection_id
    run_wizard(section, agreement, None)


def _open(section: ListSection, agreement_id: int) -> None:
    run_wizard(section, _load(section, agreement_id), agreement_id)


def _print(section: ListSection, record_id: int | None) -> None:
    if record_id is not None:
        section.print_requested.emit("mou", record_id, {})


def run_wizard(section: ListSection, agreement: Agreement, agreement_id: int | None) -> None:
    from desktop.views.mou.wizard import MouWizard

    assert section.workspace is not None
    wizard = MouWizard(section.workspace, agreement, agreement_id, section)
    wizard.print_document = lambda: _print(section, wizard.agreement_id)
    section.run_editor(wizard, lambda: wizard.agreement_id, _("The MOU was saved."))


def edit_stages(section: ListSection, agreement_id: int) -> None:
    agreement = _load(section, agreement_id)
    dialog = StagesDialog(agreement, section)
    if dialog.exec():
        _save(section, agreement_id, agreement)


def send_version(section: ListSection, agreement_id: int) -> None:
    from desktop.models.mou_versions import freeze_version, has_changes
    from desktop.storage.agreement_store import party_names

    assert section.workspace is not None
    agreement = _load(section, agreement_id)
    if agreement.versions and not has_changes(agreement.draft, agreement.versions[-1]):
        QMessageBox.information(
            section, _("Send a version"), _("The draft has not changed since the last version.")
        )
        return
    dialog = DateNoteDialog(_("Send a version to the authority"), _("Sent on"), True, section)
    while dialog.exec():
        try:
            version = freeze_version(
                agreement.draft,
                agreement.versions,
                dialog.day(),
                dialog.note.text(),
                party_names(section.workspace, agreement.draft),
            )
        except ValidationError as error:
            show_error(dialog.error, error.message)
            continue
        agreement.versions.append(version)
        _save(section, agreement_id, agreement)
        section.message.emit(_("Version {number} was frozen.").format(number=version.number))
        return


def mark_signed(section: ListSection, agreement_id: int) -> None:
    from desktop.models.mou_versions import mark_signed as signed

    agreement = _load(section, agreement_id)
    if not agreement.versions:
        QMessageBox.information(
            section, _("Mark as signed"), _("Send a version first: only a sent version is signed.")
        )
        return
    dialog = DateNoteDialog(_("Mark the last version as signed"), _("Signed on"), False, section)
    while dialog.exec():
        try:
            agreement.versions[-1] = signed(agreement.versions[-1], dialog.day())
        except ValidationError as error:
            show_error(dialog.error, error.message)
            continue
        _save(section, agreement_id, agreement)
        return


def compare_versions(section: ListSection, agreement_id: int) -> None:
    agreement = _load(section, agreement_id)
    if not agreement.versions:
        QMessageBox.information(section, _("Compare versions"), _("There is no sent version to compare yet."))
        return
    CompareDialog(agreement, section).exec()


AGREEMENTS = FeatureDescription(
    key="agreements",
    title=lambda: _("Agreements and MOUs"),
    about=lambda: _(
        "Build agreements with the municipality in four stages, from the introductory meeting to "
        "the official launch, and draft the memorandum of understanding topic by topic: purpose, "
        "ownership, bodies, evaluation, timeline, budget annex and signatories. Send numbered "
        "versions to the authority and mark the one that was signed."
    ),
    new_label=lambda: _("New MOU…"),
    search_hint=lambda: _("Search agreements…"),
    columns=(
        text_column(lambda: _("Authority"), "title"),
        text_column(lambda: _("Where it stands"), "stage_summary", stretch=True),
        number_column(lambda: _("Versions"), "versions"),
        date_column(lambda: _("Last saved"), "updated_at"),
    ),
    list_records=_list,
    record_name=lambda row: str(row.title),
    delete_record=_delete,
    delete_question=lambda name: _(
        "Delete the MOU with {name}, its stages and every version? This cannot be undone."
    ).format(name=name),
    start_record=_start,
    open_record=_open,
    actions=(
        SectionAction("stages", lambda: _("Stages…"), edit_stages),
        SectionAction("send", lambda: _("Send a version…"), send_version),
        SectionAction("compare", lambda: _("Compare versions…"), compare_versions, writes=False),
        SectionAction("signed", lambda: _("Signed…"), mark_signed),
    ),
)


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
