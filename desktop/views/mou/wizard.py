"""The MOU wizard: parties, purpose, strategy, bodies, evaluation and timeline, budget,
signatories, review. The agreement is saved as the person types, on every page change and
on close (the editor shell, views/wizard_shell.py); the review is reachable from every page."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.agreement import Agreement
from desktop.models.mou import (
    MouSection,
    Parties,
    PersonRef,
    add_custom_clause,
    remove_clause,
    restore_default_clause,
    set_clause_text,
    validate_parties,
)
from desktop.models.mou_budget import (
    check_typed_totals,
    format_amount,
    format_share,
    overall_total,
    parse_amount,
    party_total,
    shares,
    with_amount,
    with_typed_total,
    year_total,
)
from desktop.models.mou_draft import MouDraft, render_document, with_parties, with_timeframe
from desktop.models.mou_governance import (
    BodyKind,
    FrequencyKind,
    GovernanceBody,
    MeetingFrequency,
    default_body,
    mobility_fields,
    validate_bodies,
    yearly_meetings,
)
from desktop.models.mou_review import WizardPage, missing_items
from desktop.models.mou_signatories import Signatory, validate_signatories
from desktop.models.mou_timeline import Timeframe, timeframe_phases, validate_timeframe
from desktop.models.records import RecordKind
from desktop.models.validation import ValidationError
from desktop.views import page_memory
from desktop.views.person_picker import fill_people
from desktop.views.qt_i18n import align_text_document, align_text_field
from desktop.views.widgets import ERROR_STYLE, date_editor, error_label, pydate, qdate, show_error
from desktop.views.wizard_shell import PageBuilder, ShellPage, WizardShell

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace

ERROR_BRUSH = QBrush(QColor("#ffcdd2"))


class MouWizard(WizardShell):
    saved = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        agreement: Agreement,
        agreement_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, "mou_wizard", _("Memorandum of understanding"), _("Save and close"))
        from desktop.storage.reference_store import choices

        self.workspace = workspace
        self.agreement = agreement
        self.agreement_id = agreement_id
        self.authorities = choices(workspace, RecordKind.AUTHORITY)
        self.organisations = choices(workspace, RecordKind.ORGANISATION)
        self.people = choices(workspace, RecordKind.PERSON)
        # The review lists what is missing: it is reachable from every page, whatever is missing.
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, _("To the review"))
        self.customButtonClicked.connect(self._custom_button)
        self.resize(1040, 740)
        kinds, builders = zip(*self._page_builders(), strict=True)
        self.pages_by_kind: dict[WizardPage, int] = dict(zip(kinds, self.add_pages(builders), strict=True))
        self.currentIdChanged.connect(self._update_review_button)
        if not workspace.read_only:
            self.keep_history(self.agreement)
        self.open_draft()
        self._update_review_button(self.currentId())

    def stored_page(self) -> int:
        return self.agreement.page

    def page_place(self) -> str | None:
        return page_memory.place(self.workspace, page_memory.AGREEMENT, self.agreement_id)

    @property
    def draft(self) -> MouDraft:
        return self.agreement.draft

    @draft.setter
    def draft(self, value: MouDraft) -> None:
        self.agreement.draft = value

    def names(self) -> dict[str, str]:
        from desktop.storage.agreement_store import party_names

        return party_names(self.workspace, self.draft)

    def save_draft(self) -> None:
        self.save()

    def save(self) -> int | None:
        from desktop.storage.agreement_store import save_agreement
        from desktop.views.conflict_dialog import save_document

        if self.workspace.read_only:
            return self.agreement_id
        agreement, agreement_id = self.agreement, self.agreement_id
        saved = save_document(
            self.save_parent(),
            agreement,
            lambda expected: save_agreement(
                self.workspace, agreement, agreement_id, expected_version=expected
            ),
            self.show_document_again,
        )
        if saved is None:
            return self.agreement_id
        self.agreement_id = saved
        self.saved.emit(self.agreement_id)
        return self.agreement_id

    def _page_builders(self) -> list[tuple[WizardPage, PageBuilder]]:
        return [
            (WizardPage.PARTIES, lambda: PartiesPage(self)),
            (
                WizardPage.PURPOSE,
                lambda: ClausesPage(self, WizardPage.PURPOSE, (MouSection.PURPOSE, MouSection.OWNERSHIP)),
            ),
            (
                WizardPage.STRATEGY,
                lambda: ClausesPage(self, WizardPage.STRATEGY, (MouSection.STRATEGY, MouSection.PRINCIPLES)),
            ),
            (WizardPage.BODIES, lambda: BodiesPage(self)),
            (WizardPage.EVALUATION_TIMELINE, lambda: TimelinePage(self)),
            (WizardPage.BUDGET, lambda: BudgetPage(self)),
            (WizardPage.SIGNATORIES, lambda: SignatoriesPage(self)),
            (WizardPage.REVIEW, lambda: ReviewPage(self)),
        ]

    def show_page(self, kind: WizardPage) -> None:
        """To the page of `kind`, back or forward (from the review's list of what is missing)."""
        self.go_to(self.pages_by_kind[kind])

    def _custom_button(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.show_page(WizardPage.REVIEW)

    def _update_review_button(self, page_id: int) -> None:
        button = self.button(QWizard.WizardButton.CustomButton1)
        button.setObjectName("to_review")
        button.setEnabled(page_id != self.pages_by_kind[WizardPage.REVIEW])


class _Page(ShellPage):
    kind: WizardPage

    def __init__(self, wizard: MouWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.kind.label)
        self.errors: dict[str, QLabel] = {}

    def field_error(self, name: str) -> QLabel:
        label = error_label(f"error_{name}")
        self.errors[name] = label
        return label

    def show_errors(self, errors: list[ValidationError]) -> bool:
        by_field: dict[str, str] = {}
        for error in errors:
            by_field.setdefault(error.field, error.message)
        for name, label in self.errors.items():
            show_error(
                label, "\n".join(m for f, m in by_field.items() if f == name or f.startswith(name + "."))
            )
        return not errors


# --- 1. parties -------------------------------------------------------------------------------


class PartiesPage(_Page):
    kind = WizardPage.PARTIES

    def __init__(self, wizard: MouWizard) -> None:
        super().__init__(wizard)
        self.setSubTitle(
            _("The authority, the initiating organisation, additional partners and the exit clause.")
        )
        parties = wizard.draft.parties
        self.authority = QComboBox()
        self.authority.setObjectName("authority")
        self.authority.addItem("—", "")
        for uuid, name in wizard.authorities:
            self.authority.addItem(name, uuid)
        self.authority.setCurrentIndex(max(0, self.authority.findData(parties.authority_uuid or "")))
        self.organisation = QComboBox()
        self.organisation.setObjectName("organisation")
        self.organisation.addItem("—", "")
        for uuid, name in wizard.organisations:
            self.organisation.addItem(name, uuid)
        self.organisation.setCurrentIndex(max(0, self.organisation.findData(parties.organisation_uuid or "")))
        self.partners = QListWidget()
        self.partners.setObjectName("partners")
        for uuid, name in wizard.organisations:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, uuid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if uuid in parties.partner_uuids else Qt.CheckState.Unchecked
            )
            self.partners.addItem(item)
        self.notice = QLineEdit("" if parties.exit_notice_days is None else str(parties.exit_notice_days))
        self.notice.setObjectName("notice_days")
        align_text_field(self.notice, left_to_right=False)
        self.conditions = QPlainTextEdit(parties.exit_conditions)
        self.conditions.setObjectName("exit_conditions")
        self.conditions.setFixedHeight(70)
        align_text_document(self.conditions)
        form = QFormLayout(self)
        form.addRow(_("Local authority"), self.authority)
        form.addRow("", self.field_error("parties.authority"))
        form.addRow(_("Initiating organisation"), self.organisation)
        form.addRow("", self.field_error("parties.organisation"))
        form.addRow(_("Additional partners"), self.partners)
        form.addRow("", self.field_error("parties.partners"))
        form.addRow(_("Exit clause: notice in days"), self.notice)
        form.addRow("", self.field_error("parties.exit_notice_days"))
        form.addRow(_("Exit clause: conditions"), self.conditions)

    def read(self) -> Parties | None:
        from desktop.models.mou import clean_notice_days

        partners = tuple(
            str(self.partners.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.partners.count())
            if self.partners.item(row).checkState() == Qt.CheckState.Checked
        )
        try:
            notice = clean_notice_days("parties.exit_notice_days", self.notice.text())
        except ValidationError as error:
            self.show_errors([error])
            return None
        organisation = self.organisation.currentData() or None
        return Parties(
            self.authority.currentData() or None,
            organisation,
            partners,
            notice,
            self.conditions.toPlainText().strip(),
        )

    def keep_input(self) -> None:
        parties = self.read()
        if parties is not None:
            self.owner.draft = with_parties(self.owner.draft, parties)

    def validatePage(self) -> bool:
        parties = self.read()
        if parties is None:
            return False
        errors = validate_parties(parties)
        if parties.organisation_uuid and parties.organisation_uuid in parties.partner_uuids:
            errors.append(
                ValidationError(
                    "parties.partners", _("A party was chosen twice: each party may appear once.")
                )
            )
        if not self.show_errors(errors):
            return False
        self.owner.draft = with_parties(self.owner.draft, parties)
        return True


# --- 2 and 3. clauses ---------------------------------------------------------------------------


class ClausesPage(_Page):
    """Editable clauses of some sections, with the seed's default text to start from."""

    def __init__(self, wizard: MouWizard, kind: WizardPage, sections: tuple[MouSection, ...]) -> None:
        self.kind = kind
        super().__init__(wizard)
        self.sections = sections
        self.setSubTitle(_("Each clause starts from the seed's wording; change it as agreed."))
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.editors: dict[str, QPlainTextEdit] = {}

    def initializePage(self) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.editors.clear()
        draft = self.owner.draft
        for section in self.sections:
            box = QGroupBox(f"{section.number}. {section.label}")
            box_layout = QVBoxLayout(box)
            for clause in draft.clauses:
                if clause.section is not section:
                    continue
                row = QHBoxLayout()
                row.addWidget(QLabel(clause.label), 1)
                if clause.is_custom:
                    remove = QPushButton(_("Remove"))
                    remove.clicked.connect(lambda _c=False, k=clause.key: self._remove(k))
                    row.addWidget(remove)
                else:
                    restore = QPushButton(_("Restore the seed's text"))
                    restore.clicked.connect(lambda _c=False, k=clause.key: self._restore(k))
                    row.addWidget(restore)
                editor = QPlainTextEdit(clause.text)
                editor.setObjectName(f"clause_{clause.key}")
                editor.setFixedHeight(76)
                align_text_document(editor)
                self.editors[clause.key] = editor
                box_layout.addLayout(row)
                box_layout.addWidget(editor)
            add = QPushButton(_("Add a clause"))
            add.setObjectName(f"add_clause_{section.value}")
            add.clicked.connect(lambda _c=False, s=section: self._add(s))
            box_layout.addWidget(add)
            self.layout_.addWidget(box)
        self.layout_.addStretch(1)
        self.owner.watch(self.body)

    def store(self) -> None:
        clauses = self.owner.draft.clauses
        for key, editor in self.editors.items():
            clauses = set_clause_text(clauses, key, editor.toPlainText().strip())
        self.owner.draft = replace(self.owner.draft, clauses=clauses)

    def _add(self, section: MouSection) -> None:
        self.store()
        clauses, _clause = add_custom_clause(self.owner.draft.clauses, section, "")
        self.owner.draft = replace(self.owner.draft, clauses=clauses)
        self.initializePage()
        self.owner.field_changed()

    def _remove(self, key: str) -> None:
        self.store()
        self.owner.draft = replace(self.owner.draft, clauses=remove_clause(self.owner.draft.clauses, key))
        self.initializePage()
        self.owner.field_changed()

    def _restore(self, key: str) -> None:
        self.store()
        clauses = restore_default_clause(self.owner.draft.clauses, key, self.owner.draft.language)
        self.owner.draft = replace(self.owner.draft, clauses=clauses)
        self.initializePage()
        self.owner.field_changed()

    def validatePage(self) -> bool:
        self.store()
        return True

    def keep_input(self) -> None:
        self.store()


# --- 4. bodies -----------------------------------------------------------------------------------


class BodyEditor(QGroupBox):
    def __init__(self, body: GovernanceBody, index: int) -> None:
        super().__init__(body.kind.label)
        self.kind = body.kind
        self.mobility_field = body.mobility_field
        self.setObjectName(f"body_{index}")
        self.name = QLineEdit(body.name)
        self.min_members = QSpinBox()
        self.max_members = QSpinBox()
        for spin, value in ((self.min_members, body.min_members), (self.max_members, body.max_members)):
            spin.setRange(0, 500)
            spin.setValue(value)
        self.chair = QLineEdit(body.chair)
        # A role may hold commas itself ("education, youth, early childhood"): the roles are
        # read from the field again only once the person has changed its text.
        self.member_roles = body.member_roles
        self.roles = QLineEdit(", ".join(body.member_roles))
        self.frequency_kind = QComboBox()
        for code, label in FrequencyKind.choices():
            self.frequency_kind.addItem(label, code)
        self.frequency_kind.setCurrentIndex(self.frequency_kind.findData(body.frequency.kind.value))
        self.count = QSpinBox()
        self.count.setRange(0, 52)
        self.count.setValue(body.frequency.count)
        self.skipped = QLineEdit(", ".join(str(m) for m in body.frequency.skipped_months))
        self.skipped.setPlaceholderText(_("Month numbers without meetings, e.g. 8"))
        self.duration = QSpinBox()
        self.duration.setRange(0, 120)
        self.duration.setSpecialValueText(_("the whole agreement"))
        self.duration.setValue(body.duration_months or 0)
        for line in (self.name, self.chair, self.roles, self.skipped):
            align_text_field(line, left_to_right=False)
        self.include = QCheckBox(_("Part of this MOU"))
        self.include.setChecked(True)
        self.error = error_label(f"body_error_{index}")
        size = QHBoxLayout()
        size.addWidget(self.min_members)
        size.addWidget(QLabel("–"))
        size.addWidget(self.max_members)
        frequency = QHBoxLayout()
        frequency.addWidget(self.frequency_kind, 1)
        frequency.addWidget(self.count)
        form = QFormLayout(self)
        form.addRow("", self.include)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Members (from – to)"), size)
        form.addRow(_("Chair"), self.chair)
        form.addRow(_("Member roles (separated by commas)"), self.roles)
        form.addRow(_("Meetings"), frequency)
        form.addRow(_("Months without meetings"), self.skipped)
        form.addRow(_("Duration in months"), self.duration)
        form.addRow("", self.error)

    def read(self) -> GovernanceBody | None:
        try:
            skipped = tuple(
                int(part) for part in self.skipped.text().replace("،", ",").split(",") if part.strip()
            )
        except ValueError:
            show_error(self.error, _("Write month numbers from 1 to 12, separated by commas."))
            return None
        separator = "،" if "،" in self.roles.text() else ","
        member_roles = (
            self.member_roles
            if self.roles.text() == ", ".join(self.member_roles)
            else tuple(r.strip() for r in self.roles.text().split(separator) if r.strip())
        )
        return GovernanceBody(
            kind=self.kind,
            name=self.name.text().strip(),
            min_members=self.min_members.value(),
            max_members=self.max_members.value(),
            chair=self.chair.text().strip(),
            member_roles=member_roles,
            frequency=MeetingFrequency(
                FrequencyKind(self.frequency_kind.currentData()), self.count.value(), skipped
            ),
            duration_months=self.duration.value() or None,
            mobility_field=self.mobility_field,
        )


class BodiesPage(_Page):
    kind = WizardPage.BODIES

    def __init__(self, wizard: MouWizard) -> None:
        super().__init__(wizard)
        self.setSubTitle(_("Choose and set up the governance bodies; the seed's defaults are filled in."))
        self.container = QWidget()
        self.list_layout = QVBoxLayout(self.container)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.container)
        self.team_field = QComboBox()
        self.team_field.setObjectName("mobility_field")
        self.team_field.setEditable(True)
        add = QPushButton(_("Add a professional team"))
        add.setObjectName("add_team")
        add.clicked.connect(self._add_team)
        self.total = QLabel()
        self.total.setObjectName("meetings_total")
        self.error = self.field_error("bodies")
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Professional team for")))
        row.addWidget(self.team_field, 1)
        row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(row)
        layout.addWidget(self.total)
        layout.addWidget(self.error)
        self.editors: list[BodyEditor] = []

    def initializePage(self) -> None:
        self.team_field.clear()
        self.team_field.addItems(list(mobility_fields(self.owner.draft.language)))
        self._fill(self.owner.draft.bodies)

    def _fill(self, bodies: tuple[GovernanceBody, ...]) -> None:
        for editor in self.editors:
            editor.deleteLater()
        self.editors = []
        for index, body in enumerate(bodies):
            editor = BodyEditor(body, index)
            for signal in (
                editor.count.valueChanged,
                editor.frequency_kind.currentIndexChanged,
                editor.include.toggled,
            ):
                signal.connect(self._update_total)
            self.editors.append(editor)
            self.list_layout.insertWidget(index, editor)
        self.owner.watch(self.container)
        self._update_total()

    def _bodies(self) -> list[GovernanceBody] | None:
        bodies = []
        for editor in self.editors:
            if not editor.include.isChecked():
                continue
            body = editor.read()
            if body is None:
                return None
            bodies.append(body)
        return bodies

    def _update_total(self, *_args: object) -> None:
        bodies = self._bodies() or []
        self.total.setText(_("Meetings a year in all bodies: {count}").format(count=yearly_meetings(bodies)))

    def _add_team(self) -> None:
        bodies = self._bodies()
        if bodies is None:
            return
        field = self.team_field.currentText().strip()
        bodies.append(default_body(BodyKind.PROFESSIONAL_TEAM, self.owner.draft.language, field))
        self._fill(tuple(bodies))
        self.owner.field_changed()

    def keep_input(self) -> None:
        bodies = self._bodies()
        if bodies:
            self.owner.draft = replace(self.owner.draft, bodies=tuple(bodies))

    def validatePage(self) -> bool:
        bodies = self._bodies()
        if bodies is None:
            return False
        if not bodies:
            show_error(self.error, _("Choose at least one governance body."))
            return False
        errors = validate_bodies(bodies)
        for index, editor in enumerate(e for e in self.editors if e.include.isChecked()):
            show_error(
                editor.error, "\n".join(e.message for e in errors if e.field.startswith(f"bodies.{index}."))
            )
        show_error(self.error, "")
        if errors:
            return False
        self.owner.draft = replace(self.owner.draft, bodies=tuple(bodies))
        return True


# --- 5. evaluation and timeline ---------------------------------------------------------------------


class TimelinePage(ClausesPage):
    def __init__(self, wizard: MouWizard) -> None:
        super().__init__(
            wizard, WizardPage.EVALUATION_TIMELINE, (MouSection.EVALUATION, MouSection.TIMEFRAME)
        )
        self.start = date_editor("start")
        self.years = QSpinBox()
        self.years.setObjectName("years")
        self.years.setRange(1, 10)
        self.other_end = QCheckBox(_("Another end date"))
        self.other_end.setObjectName("other_end")
        self.end = date_editor("end")
        self.phases = QTableWidget(0, 3)
        self.phases.setObjectName("phases")
        self.phases.setHorizontalHeaderLabels([_("Phase"), _("From"), _("To")])
        self.phases.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.phases.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.phases.setMaximumHeight(190)
        self.phases.verticalHeader().hide()
        form = QFormLayout()
        form.addRow(_("Start date"), self.start)
        form.addRow(_("Years"), self.years)
        end_row = QHBoxLayout()
        end_row.addWidget(self.other_end)
        end_row.addWidget(self.end, 1)
        form.addRow("", end_row)
        form.addRow("", self.field_error("timeframe"))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(0, form)
        layout.insertWidget(1, self.phases)
        for signal in (
            self.start.dateChanged,
            self.years.valueChanged,
            self.end.dateChanged,
            self.other_end.toggled,
        ):
            signal.connect(self._refresh)

    def initializePage(self) -> None:
        super().initializePage()
        timeframe = self.owner.draft.timeframe
        for widget in (self.start, self.years, self.end, self.other_end):
            widget.blockSignals(True)
        self.start.setDate(qdate(timeframe.start))
        self.years.setValue(timeframe.years or 5)
        self.other_end.setChecked(timeframe.end is not None)
        self.end.setDate(qdate(timeframe.end or timeframe.start))
        self.end.setEnabled(timeframe.end is not None)
        for widget in (self.start, self.years, self.end, self.other_end):
            widget.blockSignals(False)
        self._refresh()

    def read(self) -> Timeframe:
        return Timeframe(
            pydate(self.start.date()),
            self.years.value(),
            pydate(self.end.date()) if self.other_end.isChecked() else None,
        )

    def _refresh(self, *_args: object) -> None:
        self.end.setEnabled(self.other_end.isChecked())
        timeframe = self.read()
        if not self.show_errors(validate_timeframe(timeframe)):
            self.phases.setRowCount(0)
            return
        phases = timeframe_phases(timeframe)
        self.phases.setRowCount(len(phases))
        for row, phase in enumerate(phases):
            for column, text in enumerate(
                (phase.label, i18n.format_date(phase.start), i18n.format_date(phase.end))
            ):
                self.phases.setItem(row, column, QTableWidgetItem(text))

    def keep_input(self) -> None:
        self.store()
        timeframe = self.read()
        if not validate_timeframe(timeframe):
            self.owner.draft = with_timeframe(self.owner.draft, timeframe)

    def validatePage(self) -> bool:
        timeframe = self.read()
        if not self.show_errors(validate_timeframe(timeframe)):
            return False
        self.store()
        self.owner.draft = with_timeframe(self.owner.draft, timeframe)
        return True


# --- 6. budget ----------------------------------------------------------------------------------------


class BudgetPage(_Page):
    """Years down, funding sources across, a total column and total and share rows.

    A typed amount in a total cell is kept as the total the person expects, and a
    message says where the cells do not add up to it."""

    kind = WizardPage.BUDGET

    def __init__(self, wizard: MouWizard) -> None:
        super().__init__(wizard)
        self.setSubTitle(
            _(
                "Amounts in ₪ per year and funding source. Type a total to check that "
                "the amounts add up to it."
            )
        )
        self.table = QTableWidget()
        self.table.setObjectName("budget")
        self.table.itemChanged.connect(self._cell_changed)
        self.messages = QLabel()
        self.messages.setObjectName("budget_errors")
        self.messages.setStyleSheet(ERROR_STYLE)
        self.messages.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.messages)
        self._filling = False
        self.cell_errors: dict[tuple[int, int], str] = {}
        from desktop.views.portfolio.mou_annex import (
            PortfolioAnnexBar,
        )  # issue 19: the annex and the portfolio

        self.portfolio_bar = PortfolioAnnexBar(self)
        layout.addWidget(self.portfolio_bar)

    def initializePage(self) -> None:
        self.cell_errors = {}
        self.fill()

    def fill(self) -> None:
        annex = self.owner.draft.budget
        names = self.owner.names()
        self._filling = True
        try:
            self.table.clear()
            self.table.setRowCount(len(annex.years) + 2)
            self.table.setColumnCount(len(annex.parties) + 1)
            self.table.setHorizontalHeaderLabels([names.get(p, p) for p in annex.parties] + [_("Total")])
            self.table.setVerticalHeaderLabels([str(y) for y in annex.years] + [_("Total"), _("Share")])
            self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            typed = {(t.year, t.party): t.agorot for t in annex.typed_totals}
            for row, year in enumerate(annex.years):
                for column, party in enumerate(annex.parties):
                    amount = annex.amount(year, party)
                    self._set(row, column, format_amount(amount) if amount else "", True)
                self._set(
                    row,
                    len(annex.parties),
                    format_amount(typed.get((year, None), year_total(annex, year))),
                    True,
                )
            total_row = len(annex.years)
            for column, party in enumerate(annex.parties):
                self._set(
                    total_row,
                    column,
                    format_amount(typed.get((None, party), party_total(annex, party))),
                    True,
                )
            self._set(
                total_row,
                len(annex.parties),
                format_amount(typed.get((None, None), overall_total(annex))),
                True,
            )
            portion = shares(annex) if not annex.is_empty else {}
            for column, party in enumerate(annex.parties):
                self._set(total_row + 1, column, format_share(portion[party]) if portion else "", False)
            self._set(total_row + 1, len(annex.parties), "", False)
        finally:
            self._filling = False
        self._show_messages()
        self.portfolio_bar.refresh()

    def _set(self, row: int, column: int, text: str, editable: bool) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if not editable:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if (row, column) in self.cell_errors:
            item.setBackground(ERROR_BRUSH)
            item.setToolTip(self.cell_errors[(row, column)])
        self.table.setItem(row, column, item)

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        annex = self.owner.draft.budget
        row, column = item.row(), item.column()
        year = annex.years[row] if row < len(annex.years) else None
        party = annex.parties[column] if column < len(annex.parties) else None
        try:
            agorot = parse_amount("budget", item.text())
        except ValidationError as error:
            self.cell_errors[(row, column)] = error.message
            self._filling = True
            item.setBackground(ERROR_BRUSH)
            item.setToolTip(error.message)
            self._filling = False
            self._show_messages()
            return
        self.cell_errors.pop((row, column), None)
        if year is not None and party is not None:
            annex = with_amount(annex, year, party, agorot)
        else:
            annex = with_typed_total(annex, year, party, agorot)
        self.owner.draft = replace(self.owner.draft, budget=annex)
        self.fill()

    def _show_messages(self) -> None:
        messages = list(dict.fromkeys(self.cell_errors.values()))
        messages += [
            error.message for error in check_typed_totals(self.owner.draft.budget, self.owner.names())
        ]
        self.messages.setText("\n".join(messages))

    def validatePage(self) -> bool:
        return not self.cell_errors and not check_typed_totals(self.owner.draft.budget)


# --- 7. signatories ------------------------------------------------------------------------------


class SignatoriesPage(_Page):
    kind = WizardPage.SIGNATORIES

    def __init__(self, wizard: MouWizard) -> None:
        super().__init__(wizard)
        self.setSubTitle(_("Who signs, for which party; names from the workspace's people or typed."))
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("signatories")
        self.table.setHorizontalHeaderLabels([_("Role"), _("Party"), _("Name")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.field_error("signatories"))
        self.name_boxes: list[QComboBox] = []

    def initializePage(self) -> None:
        draft = self.owner.draft
        names = self.owner.names()
        self.table.setRowCount(len(draft.signatories))
        self.name_boxes = []
        for row, signatory in enumerate(draft.signatories):
            role = QTableWidgetItem(signatory.role_name)
            role.setFlags(Qt.ItemFlag.ItemIsEnabled)
            party = QTableWidgetItem(names.get(signatory.party, "…"))
            party.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, role)
            self.table.setItem(row, 1, party)
            box = QComboBox()
            box.setObjectName(f"signatory_{row}")
            box.setEditable(True)
            uuid = signatory.person.person_uuid or ""
            model = fill_people(box, self.owner.people, uuid, blank="")  # (everyone: one model)
            if not uuid or uuid not in model.positions:
                box.setEditText(signatory.person.name)
            self.table.setCellWidget(row, 2, box)
            self.name_boxes.append(box)

    def read(self) -> tuple[Signatory, ...]:
        if len(self.name_boxes) != len(self.owner.draft.signatories):  # not shown yet
            return self.owner.draft.signatories
        signatories = []
        for signatory, box in zip(self.owner.draft.signatories, self.name_boxes, strict=True):
            text = box.currentText().strip()
            uuid = (
                box.currentData()
                if box.currentIndex() > 0 and box.itemText(box.currentIndex()) == text
                else None
            )
            signatories.append(replace(signatory, person=PersonRef(text, uuid or None)))
        return tuple(signatories)

    def validatePage(self) -> bool:
        signatories = self.read()
        errors = validate_signatories(signatories, self.owner.draft.parties)
        for row, _signatory in enumerate(signatories):
            mine = [e.message for e in errors if e.field.startswith(f"signatories.{row}.")]
            for column in (0, 1):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(ERROR_BRUSH if mine else QBrush())
        self.show_errors(errors)
        self.owner.draft = replace(self.owner.draft, signatories=signatories)
        return True  # what is missing is said here and listed on the review, reachable always

    def keep_input(self) -> None:
        self.owner.draft = replace(self.owner.draft, signatories=self.read())


# --- 8. review ----------------------------------------------------------------------------------------


class ReviewPage(_Page):
    kind = WizardPage.REVIEW

    def __init__(self, wizard: MouWizard) -> None:
        super().__init__(wizard)
        self.setSubTitle(_("The document as it will print, and what is still missing."))
        self.missing = QListWidget()
        self.missing.setObjectName("missing")
        self.missing.setMaximumHeight(150)
        self.missing.itemActivated.connect(self._go_back)
        self.missing.itemDoubleClicked.connect(self._go_back)
        self.document = QTextBrowser()
        self.document.setObjectName("document")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Still missing (double-click to go to the page):")))
        layout.addWidget(self.missing)
        layout.addWidget(self.document, 1)

    def initializePage(self) -> None:
        draft = self.owner.draft
        names = self.owner.names()
        self.missing.clear()
        for item in missing_items(draft, names):
            entry = QListWidgetItem(f"{item.page.number}. {item.page.label}: {item.message}")
            entry.setData(Qt.ItemDataRole.UserRole, item.page.value)
            self.missing.addItem(entry)
        if not self.missing.count():
            self.missing.addItem(_("Nothing is missing: the MOU is ready to send."))
        document = render_document(draft, names)
        direction = "rtl" if i18n.is_rtl(draft.language) else "ltr"
        parts = [
            f"<div dir='{direction}'><h1>{_escape(document.title)}</h1>",
            f"<h3>{_escape(document.subtitle)}</h3><p>{_escape(document.preamble)}</p>",
        ]
        for section in document.sections:
            parts.append(f"<h2>{section.number}. {_escape(section.title)}</h2>")
            parts += [f"<p><b>{clause.number}</b> {_escape(clause.text)}</p>" for clause in section.clauses]
        parts.append("</div>")
        self.document.setHtml("".join(parts))

    def _go_back(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value:
            self.owner.show_page(WizardPage(value))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
