"""The flags diagnosis wizard: the seed's questions for the item's kind, one page per flag,
then the summary. It runs in the editor shell (views/wizard_shell.py): every field is
stored as it changes and the cluster's flags saved, and a draft diagnosis reopens at the
page where it stopped, with Back through every earlier page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.flags import (
    ITEM_KINDS,
    QUESTIONS,
    Diagnosis,
    Flag,
    Measure,
    level_descriptions,
    performance_goal,
    validate_diagnosis,
)
from desktop.views import page_memory
from desktop.views.flags.radar import RadarChart
from desktop.views.qt_i18n import align_text_document, align_text_field
from desktop.views.widgets import date_editor, error_label, pydate, qdate, show_error
from desktop.views.wizard_shell import ShellPage, WizardShell

if TYPE_CHECKING:
    from desktop.views.flags.window import FlagsWindow


class DiagnosisWizard(WizardShell):
    """The seed's questions for the item's kind, then one page per flag, then the summary."""

    def __init__(self, section: FlagsWindow, diagnosis: Diagnosis, parent: QWidget | None = None) -> None:
        assert section.flags is not None
        item = section.flags.item(diagnosis.item)
        super().__init__(
            parent,
            "diagnosis_wizard",
            _("Diagnosis: {item}").format(item=item.name),
            _("Save the diagnosis"),
        )
        self.section = section
        self.diagnosis = diagnosis
        self.item = item
        self.resize(980, 720)
        self.page_ids = self.add_pages(
            [
                lambda: QuestionsPage(self),
                *[lambda flag=flag: FlagPage(self, flag) for flag in Flag],
                lambda: SummaryPage(self),
            ]
        )
        self.open_draft()

    @property
    def questions(self) -> QuestionsPage:
        page = self.page(self.page_ids[0])
        assert isinstance(page, QuestionsPage)
        return page

    @property
    def flag_pages(self) -> list[FlagPage]:
        pages = [self.page(page_id) for page_id in self.page_ids[1:-1]]
        return [page for page in pages if isinstance(page, FlagPage)]

    def stored_page(self) -> int:
        return self.diagnosis.page

    def page_place(self) -> str | None:
        return page_memory.place(
            self.section.workspace, page_memory.FLAGS, self.section.flags_id, self.diagnosis.id
        )

    def save_draft(self) -> None:
        """A half-finished diagnosis stays a draft, saved with the cluster's flags; a failed
        save is said here too, not only on the section behind the wizard."""
        self.section.save(after_taking_theirs=self._take_theirs)
        failure = self.section.status.error
        if failure is not None:
            self.status.show_failure(failure)
        else:
            self.status.clear()

    def _take_theirs(self) -> None:
        """The person took someone else's version of the flags work: its diagnoses are new
        objects, so the wizard edits their copy of this one, every page built again from it
        (what is typed next is stored there, not in the copy left behind). When their version
        no longer holds this diagnosis, the wizard says so and closes."""
        flags = self.section.flags
        assert flags is not None
        theirs = next((d for d in flags.diagnoses if d.id == self.diagnosis.id), None)
        item = next((i for i in flags.items if theirs is not None and i.id == theirs.item), None)
        if theirs is None or item is None:
            self._adopting = True  # (nothing of this diagnosis is left to store)
            QMessageBox.information(
                self,
                _("Diagnosis removed"),
                _("The version you took no longer holds this diagnosis; the wizard closes."),
            )
            QTimer.singleShot(0, self.reject)
            return
        self.diagnosis, self.item = theirs, item
        self.show_document_again()


class QuestionsPage(ShellPage):
    def __init__(self, wizard: DiagnosisWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Questions for the item"))
        self.setSubTitle(_("The seed's questions for {kind}.").format(kind=_(ITEM_KINDS[wizard.item.kind])))
        self.held_on = date_editor("held_on")
        self.held_on.setDate(qdate(wizard.diagnosis.held_on))
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

    def keep_input(self) -> None:
        self.store()

    def store(self) -> None:
        self.owner.diagnosis.held_on = pydate(self.held_on.date()).isoformat()
        before = self.owner.diagnosis.answers  # (a question never answered stays out of it)
        self.owner.diagnosis.answers = {
            key: text
            for key, editor in self.answers.items()
            if (text := editor.toPlainText().strip()) or key in before
        }


class FlagPage(ShellPage):
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
        self.baseline_on.setDate(qdate(assessment.baseline.on or wizard.diagnosis.held_on))
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
        self.owner.watch(self.scores)

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

    def keep_input(self) -> None:
        self.store()

    def store(self) -> None:
        assessment = self.owner.diagnosis.flags[self.flag.value]
        checked = self.levels.checkedId()
        assessment.agreed = checked if checked > 0 else None
        assessment.scores = self.read_scores()
        assessment.justification = self.justification.text().strip()
        assessment.evidence = self.evidence.toPlainText().strip()
        assessment.links = self.links.toPlainText().strip()
        assessment.baseline = Measure(
            _number_shown(self.baseline_value.value(), assessment.baseline.value)
            if self.has_baseline.isChecked()
            else None,
            self.baseline_unit.text().strip(),
            pydate(self.baseline_on.date()).isoformat(),
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


class SummaryPage(ShellPage):
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
        self.owner.diagnosis.final = self.final.isChecked()  # saved as the wizard closes
        return True


def _number_shown(shown: float, before: float | None) -> float:
    """The number a spin box shows, as the document holds it: the value it held when the box
    shows that (12 stays 12: read back as 12.0 it was a change nobody made), a whole number
    typed as one."""
    if before is not None and shown == before:
        return before
    return int(shown) if shown.is_integer() else shown
