"""The flags section: choose a regional cluster, map its partnerships, diagnose them against the
four flags, plan from the gaps, and see the radar and heat map. Every change is saved at once."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.flags import (
    ITEM_KINDS,
    QUESTIONS,
    ClusterFlags,
    Diagnosis,
    Flag,
    Measure,
    level_descriptions,
    performance_goal,
    validate_diagnosis,
)
from desktop.models.records import RecordKind
from desktop.views.flags.diagnoses import DiagnosesTab
from desktop.views.flags.mapping import MappingTab
from desktop.views.flags.plans import PlansTab
from desktop.views.flags.radar import RadarChart
from desktop.views.qt_i18n import align_text_document, align_text_field
from desktop.views.saving import PendingSave, SaveStatus
from desktop.views.selection.wizard import date_editor, error_label, qdate, show_error

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace


def iso(value: QDate) -> str:
    return date(value.year(), value.month(), value.day()).isoformat()


def from_iso(text: str) -> QDate:
    return qdate(date.fromisoformat(text) if text else None)


class FlagsSection(QWidget):
    message = Signal(str)
    export_requested = Signal(str, str)  # cluster uuid, diagnosis id ("" for the work plan)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.flags: ClusterFlags | None = None
        self.members: list[tuple[str, str]] = []
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.cluster = QComboBox()
        self.cluster.setObjectName("flags_cluster")
        self.cluster.currentIndexChanged.connect(lambda _i: self.load())
        self.status = SaveStatus()
        self.status.retry_requested.connect(self.save)
        self.pending = PendingSave(self.save, self)
        self.tabs = QTabWidget()
        self.mapping = MappingTab(self)
        self.diagnoses = DiagnosesTab(self)
        self.plans = PlansTab(self)
        self.tabs.addTab(self.mapping, "")
        self.tabs.addTab(self.diagnoses, "")
        self.tabs.addTab(self.plans, "")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        self.cluster_label = QLabel()
        top.addWidget(self.cluster_label)
        top.addWidget(self.cluster, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def set_workspace(self, workspace: Workspace | None) -> None:
        from desktop.storage.reference_store import choices

        self.flush()  # into the workspace it was typed in
        self.workspace = workspace
        self.cluster.blockSignals(True)
        self.cluster.clear()
        if workspace is not None:
            for uuid, name in choices(workspace, RecordKind.CLUSTER):
                self.cluster.addItem(name, uuid)
        self.cluster.blockSignals(False)
        self.load()

    def load(self) -> None:
        from desktop.storage.flags_store import cluster_members, load_cluster_flags

        self.flush()  # what was typed for the cluster shown is saved before another is read
        uuid = self.cluster.currentData()
        if self.workspace is None or not uuid:
            self.flags, self.members = None, []
        else:
            self.flags = load_cluster_flags(self.workspace, str(uuid))
            self.members = cluster_members(self.workspace, str(uuid))
        self.refresh()

    def save(self) -> None:
        from desktop.storage.flags_store import save_cluster_flags
        from desktop.views.conflict_dialog import save_document

        self.pending.cancel()
        workspace, flags = self.workspace, self.flags
        if workspace is not None and flags is not None and not workspace.read_only:
            save_document(
                self,
                flags,
                lambda expected: save_cluster_flags(workspace, flags, expected_version=expected),
                self.refresh,
            )

    def changed(self) -> None:
        """A field was typed into (the flags work already holds it): save after a pause."""
        self.pending.schedule()

    def flush(self) -> None:
        """Save at once what waits to be saved (another item, flag, tab or cluster)."""
        self.pending.flush()

    def refresh(self) -> None:
        for tab in (self.mapping, self.diagnoses, self.plans):
            tab.setEnabled(self.flags is not None)
        if self.flags is not None:
            current = self.tabs.currentWidget()
            if isinstance(current, MappingTab | DiagnosesTab | PlansTab):
                current.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("The four flags"))
        self.cluster_label.setText(_("Regional cluster"))
        for index, text in enumerate((_("Mapping"), _("Diagnoses"), _("Plans and work plan"))):
            self.tabs.setTabText(index, text)


class DiagnosisWizard(QWizard):
    """The seed's questions for the item's kind, then one page per flag, then the summary."""

    def __init__(self, section: FlagsSection, diagnosis: Diagnosis, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagnosis_wizard")
        self.section = section
        self.diagnosis = diagnosis
        assert section.flags is not None
        self.item = section.flags.item(diagnosis.item)
        self.setWindowTitle(_("Diagnosis: {item}").format(item=self.item.name))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Save the diagnosis"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Close (keep the draft)"))
        self.questions = QuestionsPage(self)
        self.addPage(self.questions)
        self.flag_pages = [FlagPage(self, flag) for flag in Flag]
        for page in self.flag_pages:
            self.addPage(page)
        self.summary = SummaryPage(self)
        self.addPage(self.summary)
        self.resize(980, 720)
        self.currentIdChanged.connect(lambda _id: self.keep())
        self.finished.connect(lambda _result: self.keep())

    def keep(self) -> None:
        """Store what every page holds (a half-finished diagnosis stays a draft)."""
        self.questions.store()
        for page in self.flag_pages:
            page.store()
        self.section.save()


class QuestionsPage(QWizardPage):
    def __init__(self, wizard: DiagnosisWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Questions for the item"))
        self.setSubTitle(_("The seed's questions for {kind}.").format(kind=_(ITEM_KINDS[wizard.item.kind])))
        self.held_on = date_editor()
        self.held_on.setObjectName("held_on")
        self.held_on.setDate(from_iso(wizard.diagnosis.held_on))
        form = QFormLayout(self)
        form.addRow(_("Date of the diagnosis"), self.held_on)
        self.answers: dict[str, QPlainTextEdit] = {}
        for key, question in QUESTIONS[wizard.item.kind]:
            editor = QPlainTextEdit(wizard.diagnosis.answers.get(key, ""))
            editor.setObjectName(f"answer_{key}")
            editor.setFixedHeight(46)
            align_text_document(editor)
            self.answers[key] = editor
            form.addRow(_(question), editor)

    def store(self) -> None:
        self.owner.diagnosis.held_on = iso(self.held_on.date())
        self.owner.diagnosis.answers = {
            key: editor.toPlainText().strip() for key, editor in self.answers.items()
        }


class FlagPage(QWizardPage):
    def __init__(self, wizard: DiagnosisWizard, flag: Flag) -> None:
        super().__init__()
        self.owner = wizard
        self.flag = flag
        assessment = wizard.diagnosis.flags[flag.value]
        language = i18n.current_language()
        self.setTitle(flag.label)
        self.setSubTitle(performance_goal(flag, language))
        self.levels = QButtonGroup(self)
        levels_box = QVBoxLayout()
        for level, description in enumerate(level_descriptions(flag, language), start=1):
            radio = QRadioButton(f"{level}. {description}")
            radio.setObjectName(f"level_{flag.value}_{level}")
            self.levels.addButton(radio, level)
            levels_box.addWidget(radio)
            if assessment.agreed == level:
                radio.setChecked(True)
        self.scores = QTableWidget(0, 2)
        self.scores.setObjectName(f"scores_{flag.value}")
        self.scores.setHorizontalHeaderLabels([_("Partner"), _("Level (1-4)")])
        self.scores.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.scores.setMaximumHeight(120)
        self.spread = QLabel()
        self.spread.setObjectName(f"spread_{flag.value}")
        for partner, level in assessment.scores.items():
            self._add_score_row(partner, level)
        add_score = QPushButton(_("Add a partner's score"))
        add_score.setObjectName(f"add_score_{flag.value}")
        add_score.clicked.connect(lambda: self._add_score_row("", 0))
        self.scores.itemChanged.connect(lambda _item: self._update_spread())
        self.justification = QLineEdit(assessment.justification)
        self.evidence = QPlainTextEdit(assessment.evidence)
        self.links = QPlainTextEdit(assessment.links)
        for text in (self.evidence, self.links):
            text.setFixedHeight(46)
            align_text_document(text)
        align_text_field(self.justification, left_to_right=False)
        self.baseline_value = QDoubleSpinBox()
        self.baseline_value.setObjectName(f"baseline_value_{flag.value}")
        self.baseline_value.setRange(-1e9, 1e9)
        self.baseline_value.setSpecialValueText("—")
        self.baseline_value.setMinimum(-1e9)
        self.has_baseline = QCheckBox(_("Numeric baseline"))
        self.has_baseline.setObjectName(f"has_baseline_{flag.value}")
        self.baseline_unit = QLineEdit(assessment.baseline.unit)
        self.baseline_unit.setObjectName(f"baseline_unit_{flag.value}")
        self.baseline_unit.setPlaceholderText(_("unit, e.g. % of residents"))
        align_text_field(self.baseline_unit, left_to_right=False)
        self.baseline_on = date_editor()
        self.baseline_on.setDate(from_iso(assessment.baseline.on or wizard.diagnosis.held_on))
        if assessment.baseline.value is not None:
            self.has_baseline.setChecked(True)
            self.baseline_value.setValue(assessment.baseline.value)
        self.challenge = QCheckBox(_("A challenge to plan for"))
        self.challenge.setObjectName(f"challenge_{flag.value}")
        self.challenge.setChecked(assessment.challenge)
        self.error = error_label(f"flag_error_{flag.value}")
        baseline_row = QHBoxLayout()
        baseline_row.addWidget(self.has_baseline)
        baseline_row.addWidget(self.baseline_value)
        baseline_row.addWidget(self.baseline_unit, 1)
        baseline_row.addWidget(self.baseline_on)
        score_row = QHBoxLayout()
        score_row.addWidget(add_score)
        score_row.addWidget(self.spread, 1)
        form = QFormLayout(self)
        form.addRow(_("Agreed level"), levels_box)
        form.addRow(_("Partners' scores"), self.scores)
        form.addRow(score_row)
        form.addRow(_("Justification of the agreed level"), self.justification)
        form.addRow(_("Evidence"), self.evidence)
        form.addRow(_("Links to strengthen"), self.links)
        form.addRow(_("Current state (baseline)"), baseline_row)
        form.addRow(self.challenge)
        form.addRow(self.error)
        self._update_spread()

    def _add_score_row(self, partner: str, level: int) -> None:
        row = self.scores.rowCount()
        self.scores.insertRow(row)
        self.scores.setItem(row, 0, QTableWidgetItem(partner))
        spin = QSpinBox()
        spin.setRange(0, 4)
        spin.setSpecialValueText("—")
        spin.setValue(level)
        spin.valueChanged.connect(lambda _v: self._update_spread())
        self.scores.setCellWidget(row, 1, spin)
        self._update_spread()

    def read_scores(self) -> dict[str, int]:
        scores = {}
        for row in range(self.scores.rowCount()):
            partner = self.scores.item(row, 0)
            spin = self.scores.cellWidget(row, 1)
            name = partner.text().strip() if partner is not None else ""
            if name and isinstance(spin, QSpinBox) and spin.value():
                scores[name] = spin.value()
        return scores

    def _update_spread(self) -> None:
        values = list(self.read_scores().values())
        if len(values) < 2:
            self.spread.clear()
            return
        spread = max(values) - min(values)
        text = _("Spread between partners: {spread}").format(spread=spread)
        self.spread.setText(text + (" — " + _("discuss before agreeing") if spread >= 2 else ""))

    def store(self) -> None:
        assessment = self.owner.diagnosis.flags[self.flag.value]
        checked = self.levels.checkedId()
        assessment.agreed = checked if checked > 0 else None
        assessment.scores = self.read_scores()
        assessment.justification = self.justification.text().strip()
        assessment.evidence = self.evidence.toPlainText().strip()
        assessment.links = self.links.toPlainText().strip()
        assessment.baseline = Measure(
            self.baseline_value.value() if self.has_baseline.isChecked() else None,
            self.baseline_unit.text().strip(),
            iso(self.baseline_on.date()),
        )
        assessment.challenge = self.challenge.isChecked()

    def validatePage(self) -> bool:
        self.store()
        errors = [
            e
            for e in validate_diagnosis(self.owner.diagnosis)
            if e.field.startswith(f"flags.{self.flag.value}.")
        ]
        show_error(self.error, "\n".join(e.message for e in errors))
        return not errors


class SummaryPage(QWizardPage):
    def __init__(self, wizard: DiagnosisWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Summary"))
        self.radar = RadarChart()
        self.radar.setObjectName("summary_radar")
        self.final = QCheckBox(_("The diagnosis is final (not a draft)"))
        self.final.setObjectName("final")
        layout = QVBoxLayout(self)
        layout.addWidget(self.radar, 1)
        layout.addWidget(self.final)

    def initializePage(self) -> None:
        self.owner.keep()
        history = (
            self.owner.section.flags.item_diagnoses(self.owner.diagnosis.item)
            if self.owner.section.flags
            else []
        )
        index = history.index(self.owner.diagnosis) if self.owner.diagnosis in history else 0
        earlier = history[index - 1].levels() if index > 0 else None
        self.radar.set_levels(self.owner.diagnosis.levels(), earlier)
        self.final.setChecked(self.owner.diagnosis.final)

    def validatePage(self) -> bool:
        self.owner.diagnosis.final = self.final.isChecked()
        self.owner.keep()
        return True
