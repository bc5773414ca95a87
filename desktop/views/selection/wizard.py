"""The town selection wizard: purpose and team, filter, scores, base conditions, weights, decision.

Every page writes into one SelectionProcess, saved as a draft as the person types (the editor
shell, views/wizard_shell.py), so a process left half-way resumes where it stopped, with
Back through every earlier page.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.enums import District, MunicipalStatus
from desktop.models.records import RecordKind
from desktop.models.selection import (
    BASE_CONDITIONS,
    CRITERIA,
    PURPOSE_EXAMPLE,
    QUANTITATIVE,
    ConditionState,
    CriterionGroup,
    QuantitativeFilter,
    contributions,
    rank,
    sensitivity,
    summarise,
    swap_of_first_two,
    weight_label,
)
from desktop.models.selection_process import SelectionProcess, team_in_order
from desktop.views import page_memory
from desktop.views.qt_i18n import align_text_document, align_text_field, collator
from desktop.views.selection.chart import RankingChart
from desktop.views.selection.team_model import TeamModel
from desktop.views.widgets import date_editor, error_label, pydate, qdate, show_error
from desktop.views.wizard_shell import DISPLAY_ONLY, ShellPage, WizardShell

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace

DISAGREEMENT_COLOUR = QColor("#ffe0b2")
FLAG_COLOUR = QColor("#ffcdd2")
SLIDER_STEPS = 2  # a slider step is half a weight point
TEAM_KEY = "team"  # whose scores they are when no members were named


def town_name(authority: dict[str, Any]) -> str:
    """The town's name in the interface's language when the workspace holds it (its Arabic or
    English name), else its Hebrew name."""
    own = authority.get({"ar": "name_ar", "en": "name_en"}.get(i18n.current_language(), "name_he"))
    return str(own or authority["name_he"])


SENSITIVITY_POOL = 15  # the sensitivity note looks at the top of the ranking


class SelectionWizard(WizardShell):
    saved = Signal(int)  # process id, after every save

    def __init__(
        self,
        workspace: Workspace,
        process: SelectionProcess,
        process_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, "selection_wizard", _("Town selection"), _("Save the decision"))
        from desktop.storage.reference_store import choices, list_records

        self.workspace = workspace
        self.process = process
        self.process_id = process_id
        self.authorities = list_records(workspace, RecordKind.AUTHORITY)
        self.by_uuid = {a["uuid"]: a for a in self.authorities}
        self.people = choices(workspace, RecordKind.PERSON)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, False)
        self.resize(1000, 720)
        self.add_pages(
            [
                lambda: PurposePage(self),
                lambda: FilterPage(self),
                lambda: ScoresPage(self),
                lambda: ConditionsPage(self),
                lambda: WeightsPage(self),
                lambda: DecisionPage(self),
            ]
        )
        if not workspace.read_only:
            self.keep_history(self.process)
        self.open_draft()

    def stored_page(self) -> int:
        return self.process.page

    def page_place(self) -> str | None:
        return page_memory.place(self.workspace, page_memory.SELECTION, self.process_id)

    # shared state ---------------------------------------------------------------------------

    def candidates(self) -> list[dict[str, Any]]:
        return [dict(a) for a in self.process.candidates(self.authorities)]

    def name_of(self, uuid: str) -> str:
        return town_name(self.by_uuid[uuid]) if uuid in self.by_uuid else uuid

    def person_name(self, uuid: str) -> str:
        return next((name for key, name in self.people if key == uuid), uuid)

    def save_draft(self) -> None:
        self.save()

    def save(self) -> int | None:
        from desktop.storage.selection_store import save_process
        from desktop.views.conflict_dialog import save_document

        if self.workspace.read_only:
            return self.process_id
        process, process_id = self.process, self.process_id
        saved = save_document(
            self.save_parent(),
            process,
            lambda expected: save_process(self.workspace, process, process_id, expected_version=expected),
            self.show_document_again,
        )
        if saved is None:
            return self.process_id
        self.process_id = saved
        self.saved.emit(self.process_id)
        return self.process_id


class _Page(ShellPage):
    def __init__(self, wizard: SelectionWizard) -> None:
        super().__init__()
        self.owner = wizard

    @property
    def process(self) -> SelectionProcess:
        return self.owner.process


# --- 1. purpose and team ----------------------------------------------------------------------


class PurposePage(_Page):
    def __init__(self, wizard: SelectionWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Purpose and team"))
        self.setSubTitle(_("Why are we choosing a town, when, and who chooses."))
        self.title_edit = QLineEdit(self.process.title)
        self.title_edit.setObjectName("title")
        align_text_field(self.title_edit, left_to_right=False)
        self.purpose = QPlainTextEdit(self.process.purpose)
        self.purpose.setObjectName("purpose")
        self.purpose.setPlaceholderText(_(PURPOSE_EXAMPLE))
        self.purpose.setFixedHeight(80)
        align_text_document(self.purpose)
        self.held_on = date_editor("held_on")
        self.held_on.setDate(qdate(self.process.held_on))
        self.team_model = TeamModel(wizard.people, self.process.team)
        self.find_person = QLineEdit()
        self.find_person.setObjectName("find_person")
        self.find_person.setPlaceholderText(_("Find a person by name…"))
        self.find_person.setClearButtonEnabled(True)
        self.find_person.setProperty(DISPLAY_ONLY, True)  # (it filters the list: nothing to save)
        align_text_field(self.find_person, left_to_right=False)
        self.find_person.textChanged.connect(self.team_model.find)
        self.team = QTableView()
        self.team.setObjectName("team")
        self.team.setModel(self.team_model)
        self.team.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.team.verticalHeader().hide()
        self.error = error_label("purpose_error")
        form = QFormLayout()
        form.addRow(_("Name of the process"), self.title_edit)
        form.addRow(_("Purpose"), self.purpose)
        form.addRow(_("Date"), self.held_on)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("The selection team (tick the people taking part):")))
        layout.addWidget(self.find_person)
        layout.addWidget(self.team, 1)
        layout.addWidget(self.error)

    def keep_input(self) -> None:
        self._store()

    def _store(self) -> None:
        purpose = self.purpose.toPlainText().strip()
        self.process.title = self.title_edit.text().strip() or purpose[:80]
        self.process.purpose = purpose
        self.process.held_on = pydate(self.held_on.date())
        self.process.team = team_in_order(self.process.team, self.team_model.team())

    def validatePage(self) -> bool:
        purpose = self.purpose.toPlainText().strip()
        if not purpose:
            show_error(self.error, _("Write the purpose of the selection."))
            self.purpose.setFocus()
            return False
        show_error(self.error, "")
        self._store()
        return True


# --- 2. quantitative filter --------------------------------------------------------------------


def _range_boxes(low: int, high: int, minimum: int, maximum: int) -> tuple[QSpinBox, QSpinBox]:
    boxes = []
    for value in (low, high):
        box = QSpinBox()
        box.setRange(minimum, maximum)
        box.setValue(value)
        boxes.append(box)
    return boxes[0], boxes[1]


class FilterPage(_Page):
    def __init__(self, wizard: SelectionWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Quantitative filter"))
        self.setSubTitle(_("Narrow the authorities by their figures; add or remove by hand with a reason."))
        rules = self.process.filter
        self.se_min, self.se_max = _range_boxes(*rules.socioeconomic, 1, 10)
        self.per_min, self.per_max = _range_boxes(*rules.peripherality, 1, 10)
        low, high = rules.population
        self.pop_min, self.pop_max = _range_boxes(low or 0, high or 0, 0, 10_000_000)
        for population_box in (self.pop_min, self.pop_max):
            population_box.setSingleStep(1000)
            population_box.setSpecialValueText(_("any"))
        for name, spin in (
            ("se_min", self.se_min),
            ("se_max", self.se_max),
            ("per_min", self.per_min),
            ("per_max", self.per_max),
            ("pop_min", self.pop_min),
            ("pop_max", self.pop_max),
        ):
            spin.setObjectName(name)
            spin.valueChanged.connect(self.refresh)
        self.statuses: dict[str, QCheckBox] = {}
        status_row = QHBoxLayout()
        for code, label in MunicipalStatus.choices():
            box = QCheckBox(label)
            box.setObjectName(f"status_{code}")
            box.setChecked(code in rules.statuses)
            box.toggled.connect(self.refresh)
            self.statuses[code] = box
            status_row.addWidget(box)
        self.districts = QListWidget()
        self.districts.setObjectName("districts")
        self.districts.setMaximumHeight(90)
        for code, label in District.choices():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in rules.districts else Qt.CheckState.Unchecked)
            self.districts.addItem(item)
        self.districts.itemChanged.connect(self.refresh)
        self.error = error_label("filter_error")
        self.count = QLabel()
        self.count.setObjectName("candidate_count")
        self.candidate_list = QListWidget()
        self.candidate_list.setObjectName("candidates")
        self.add_combo = QComboBox()
        self.add_combo.setObjectName("add_choice")
        self.add_combo.setEditable(True)
        self.add_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        add = QPushButton(_("Add by hand…"))
        add.setObjectName("add_candidate")
        add.clicked.connect(self.add_by_hand)
        remove = QPushButton(_("Remove…"))
        remove.setObjectName("remove_candidate")
        remove.clicked.connect(self.remove_selected)

        ranges = QGridLayout()
        ranges.addWidget(QLabel(_("Socio-economic cluster")), 0, 0)
        ranges.addWidget(self.se_min, 0, 1)
        ranges.addWidget(self.se_max, 0, 2)
        ranges.addWidget(QLabel(_("Peripherality cluster")), 1, 0)
        ranges.addWidget(self.per_min, 1, 1)
        ranges.addWidget(self.per_max, 1, 2)
        ranges.addWidget(QLabel(_("Population")), 2, 0)
        ranges.addWidget(self.pop_min, 2, 1)
        ranges.addWidget(self.pop_max, 2, 2)
        ranges.addWidget(QLabel(_("from")), 3, 1)
        ranges.addWidget(QLabel(_("to")), 3, 2)
        left = QVBoxLayout()
        left.addLayout(ranges)
        left.addWidget(QLabel(_("Municipal status (none ticked: any)")))
        left.addLayout(status_row)
        left.addWidget(QLabel(_("District (none ticked: any)")))
        left.addWidget(self.districts)
        left.addWidget(self.error)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.count)
        right.addWidget(self.candidate_list, 1)
        hand = QHBoxLayout()
        hand.addWidget(self.add_combo, 1)
        hand.addWidget(add)
        hand.addWidget(remove)
        right.addLayout(hand)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self.refresh()

    def read_filter(self) -> QuantitativeFilter:
        return QuantitativeFilter(
            socioeconomic=(self.se_min.value(), self.se_max.value()),
            peripherality=(self.per_min.value(), self.per_max.value()),
            population=(self.pop_min.value() or None, self.pop_max.value() or None),
            statuses=frozenset(code for code, box in self.statuses.items() if box.isChecked()),
            districts=frozenset(
                self.districts.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.districts.count())
                if self.districts.item(row).checkState() == Qt.CheckState.Checked
            ),
        )

    def refresh(self, *_args: object) -> None:
        rules = self.read_filter()
        problems = rules.problems()
        show_error(self.error, "\n".join(problems.values()))
        if problems:
            return
        self.process.filter = rules
        candidates = self.owner.candidates()
        self.count.setText(
            i18n.ngettext("{count} candidate", "{count} candidates", len(candidates)).format(
                count=len(candidates)
            )
        )
        self.candidate_list.clear()
        for authority in sorted(candidates, key=lambda a: collator().sortKey(town_name(a))):
            text = town_name(authority)
            if authority["uuid"] in self.process.added:
                text += " — " + _("added by hand: {reason}").format(
                    reason=self.process.added[authority["uuid"]]
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, authority["uuid"])
            self.candidate_list.addItem(item)
        shown = {a["uuid"] for a in candidates}
        self.add_combo.clear()
        for authority in sorted(self.owner.authorities, key=lambda a: collator().sortKey(town_name(a))):
            if authority["uuid"] not in shown:
                self.add_combo.addItem(town_name(authority), authority["uuid"])
        self.completeChanged.emit()

    def _reason(self, title: str, name: str) -> str | None:
        reason, ok = QInputDialog.getText(self, title, _("Why ({name})?").format(name=name))
        if not ok:
            return None
        if not reason.strip():
            QMessageBox.warning(self, title, _("A reason is needed, so the report can say why."))
            return None
        return reason.strip()

    def add_by_hand(self) -> None:
        uuid = self.add_combo.currentData()
        if not uuid:
            return
        reason = self._reason(_("Add a candidate"), self.add_combo.currentText())
        if reason is None:
            return
        self.process.removed.pop(uuid, None)
        self.process.added[uuid] = reason
        self.refresh()

    def remove_selected(self) -> None:
        item = self.candidate_list.currentItem()
        if item is None:
            return
        uuid = str(item.data(Qt.ItemDataRole.UserRole))
        reason = self._reason(_("Remove a candidate"), self.owner.name_of(uuid))
        if reason is None:
            return
        self.process.added.pop(uuid, None)
        self.process.removed[uuid] = reason
        self.refresh()

    def validatePage(self) -> bool:
        if self.read_filter().problems():
            return False
        if not self.owner.candidates():
            show_error(self.error, _("No candidates are left: widen the ranges or add towns by hand."))
            return False
        return True


# --- 3. qualitative scores ----------------------------------------------------------------------


class ScoresPage(_Page):
    """One grid per team member: candidates down, the nine criteria across, typed 1-5."""

    def __init__(self, wizard: SelectionWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Qualitative assessment"))
        self.setSubTitle(
            _(
                "Each member scores each candidate 1-5 on the nine criteria. "
                "Type a digit; Tab and the arrows move between cells."
            )
        )
        self.member = QComboBox()
        self.member.setObjectName("member")
        self.member.currentIndexChanged.connect(self.fill)
        self.grid = QTableWidget()
        self.grid.setObjectName("score_grid")
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.grid.itemChanged.connect(self._cell_changed)
        self.grid.currentCellChanged.connect(self._show_note)
        self.note = QLineEdit()
        self.note.setObjectName("score_note")
        align_text_field(self.note, left_to_right=False)
        self.note.textEdited.connect(self._note_changed)
        self.error = error_label("score_error")
        self.summary = QTableWidget()
        self.summary.setObjectName("score_summary")
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.disagreements = QLabel()
        self.disagreements.setObjectName("disagreements")
        self.disagreements.setWordWrap(True)
        self.disagreements.setAlignment(Qt.AlignmentFlag.AlignTop)
        # However many pairs are for discussion, the grid keeps its rows: the list scrolls.
        self.discussion = QScrollArea()
        self.discussion.setObjectName("discussion")
        self.discussion.setWidget(self.disagreements)
        self.discussion.setWidgetResizable(True)
        self.discussion.setFrameShape(QFrame.Shape.NoFrame)
        self.discussion.setMaximumHeight(90)
        self.grid.setMinimumHeight(190)
        self._filling = False
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Scores of")))
        row.addWidget(self.member, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.grid, 3)
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel(_("Note on the selected score")))
        note_row.addWidget(self.note, 1)
        layout.addLayout(note_row)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(_("Team mean (spread); orange: members differ by 2 points or more")))
        layout.addWidget(self.summary, 2)
        layout.addWidget(self.discussion)

    def initializePage(self) -> None:
        self.candidates = sorted(self.owner.candidates(), key=lambda a: collator().sortKey(town_name(a)))
        self.member.blockSignals(True)
        self.member.clear()
        for member in self.process.team:
            self.member.addItem(self.owner.person_name(member.person), member.person)
        if not self.process.team:
            self.member.addItem(_("The team together"), TEAM_KEY)
        self.member.blockSignals(False)
        headers = [criterion.label for criterion in CRITERIA]
        for table in (self.grid, self.summary):
            table.setColumnCount(len(CRITERIA))
            table.setRowCount(len(self.candidates))
            table.setHorizontalHeaderLabels(headers)
            table.setVerticalHeaderLabels([town_name(a) for a in self.candidates])
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.horizontalHeader().setMinimumSectionSize(60)
            table.horizontalHeader().setDefaultAlignment(
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            )
        self.grid.horizontalHeader().setFixedHeight(84)
        self.summary.horizontalHeader().setFixedHeight(84)
        self.fill()

    def _member_key(self) -> str:
        return str(self.member.currentData() or TEAM_KEY)

    def fill(self, *_args: object) -> None:
        self._filling = True
        try:
            for row, authority in enumerate(self.candidates):
                for column, criterion in enumerate(CRITERIA):
                    score, note = self.process.score_of(authority["uuid"], self._member_key(), criterion.code)
                    item = QTableWidgetItem("" if score is None else str(score))
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    item.setToolTip(note)
                    self.grid.setItem(row, column, item)
        finally:
            self._filling = False
        self.refresh_summary()

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        authority = self.candidates[item.row()]["uuid"]
        criterion = CRITERIA[item.column()].code
        text = i18n.strip_marks(item.text()).strip()
        _old, note = self.process.score_of(authority, self._member_key(), criterion)
        if text and (not text.isdigit() or not 1 <= int(text) <= 5):
            show_error(
                self.error, _("Scores are whole numbers from 1 to 5 (“{value}” is not).").format(value=text)
            )
            self._filling = True
            old, _n = self.process.score_of(authority, self._member_key(), criterion)
            item.setText("" if old is None else str(old))
            self._filling = False
            return
        show_error(self.error, "")
        self.process.set_score(authority, self._member_key(), criterion, int(text) if text else None, note)
        self.refresh_summary()

    def _show_note(self, row: int, column: int, *_args: int) -> None:
        if 0 <= row < len(self.candidates) and 0 <= column < len(CRITERIA):
            _score, note = self.process.score_of(
                self.candidates[row]["uuid"], self._member_key(), CRITERIA[column].code
            )
            self.note.setText(note)

    def _note_changed(self, *_args: object) -> None:
        row, column = self.grid.currentRow(), self.grid.currentColumn()
        if not (0 <= row < len(self.candidates) and 0 <= column < len(CRITERIA)):
            return
        authority, criterion = self.candidates[row]["uuid"], CRITERIA[column].code
        score, _old = self.process.score_of(authority, self._member_key(), criterion)
        self.process.set_score(authority, self._member_key(), criterion, score, self.note.text().strip())
        item = self.grid.item(row, column)
        if item is not None:
            item.setToolTip(self.note.text().strip())

    def refresh_summary(self) -> None:
        flagged = []
        for row, authority in enumerate(self.candidates):
            for column, criterion in enumerate(CRITERIA):
                summary = summarise(self.process.member_scores(authority["uuid"], criterion.code))
                text = (
                    ""
                    if summary.mean is None
                    else (f"{i18n.format_number(round(summary.mean, 1))} ({summary.spread})")
                )
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if summary.disagreement:
                    item.setBackground(QBrush(DISAGREEMENT_COLOUR))
                    flagged.append(f"{town_name(authority)}: {criterion.label}")
                self.summary.setItem(row, column, item)
        self.disagreements.setText(
            _("To discuss: {items}").format(items="; ".join(flagged)) if flagged else ""
        )


# --- 4. base conditions --------------------------------------------------------------------------


class ConditionsPage(_Page):
    def __init__(self, wizard: SelectionWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Base conditions"))
        self.setSubTitle(
            i18n.ngettext(
                "Make sure there is need, opportunity, will, leadership and resources, and that the "
                "partners are interested: {count} base condition for each candidate. A candidate "
                "that fails a condition is marked, not dropped.",
                "Make sure there is need, opportunity, will, leadership and resources, and that the "
                "partners are interested: {count} base conditions for each candidate. A candidate "
                "that fails a condition is marked, not dropped.",
                len(BASE_CONDITIONS),
            ).format(count=len(BASE_CONDITIONS))
        )
        self.table = QTableWidget()
        self.table.setObjectName("conditions")
        self.note = QLineEdit()
        self.note.setObjectName("condition_note")
        align_text_field(self.note, left_to_right=False)
        self.note.textEdited.connect(self._note_changed)
        self.table.currentCellChanged.connect(self._show_note)
        self.near_misses = QListWidget()
        self.near_misses.setObjectName("near_misses")
        keep = QPushButton(_("Keep in the ranking…"))
        keep.setObjectName("keep_candidate")
        keep.clicked.connect(self.keep_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel(_("Note on the selected condition")))
        note_row.addWidget(self.note, 1)
        layout.addLayout(note_row)
        box = QGroupBox(_("Near misses: failing one condition, or just outside a filter range"))
        box_layout = QHBoxLayout(box)
        box_layout.addWidget(self.near_misses, 1)
        box_layout.addWidget(keep)
        layout.addWidget(box, 2)

    def initializePage(self) -> None:
        self.candidates = sorted(self.owner.candidates(), key=lambda a: collator().sortKey(town_name(a)))
        self.table.clear()
        self.table.setRowCount(len(self.candidates))
        self.table.setColumnCount(len(BASE_CONDITIONS))
        self.table.setHorizontalHeaderLabels([_(label) for _code, label in BASE_CONDITIONS])
        self.table.setVerticalHeaderLabels([town_name(a) for a in self.candidates])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        )
        self.table.horizontalHeader().setFixedHeight(60)
        for row, authority in enumerate(self.candidates):
            for column, (code, _label) in enumerate(BASE_CONDITIONS):
                combo = QComboBox()
                combo.setObjectName(f"condition_{row}_{column}")
                combo.addItem("—", "")
                for state in ConditionState:
                    combo.addItem(state.label, state.value)
                current, _note = self.process.condition(authority["uuid"], code)
                combo.setCurrentIndex(max(0, combo.findData(current.value if current else "")))
                combo.currentIndexChanged.connect(
                    lambda _i, a=authority["uuid"], c=code, box=combo: self._set(a, c, box)
                )
                self.table.setCellWidget(row, column, combo)
        self.refresh()

    def _set(self, authority: str, code: str, combo: QComboBox) -> None:
        value = combo.currentData()
        _state, note = self.process.condition(authority, code)
        self.process.set_condition(authority, code, ConditionState(value) if value else None, note)
        self.refresh()

    def _show_note(self, row: int, column: int, *_args: int) -> None:
        if 0 <= row < len(self.candidates) and 0 <= column < len(BASE_CONDITIONS):
            self.note.setText(
                self.process.condition(self.candidates[row]["uuid"], BASE_CONDITIONS[column][0])[1]
            )

    def _note_changed(self, *_args: object) -> None:
        row, column = self.table.currentRow(), self.table.currentColumn()
        if 0 <= row < len(self.candidates) and 0 <= column < len(BASE_CONDITIONS):
            authority, code = self.candidates[row]["uuid"], BASE_CONDITIONS[column][0]
            state, _old = self.process.condition(authority, code)
            self.process.set_condition(authority, code, state, self.note.text().strip())

    def refresh(self) -> None:
        for row, authority in enumerate(self.candidates):
            flagged = self.process.flagged(authority["uuid"])
            header = QTableWidgetItem(("⚑ " if flagged else "") + town_name(authority))
            if flagged:
                header.setBackground(QBrush(FLAG_COLOUR))
            self.table.setVerticalHeaderItem(row, header)
        self.near_misses.clear()
        for authority in self.candidates:
            failed = self.process.failed_conditions(authority["uuid"])
            if len(failed) == 1:
                label = dict(BASE_CONDITIONS)[failed[0]]
                self._add_near_miss(authority, _("fails: {condition}").format(condition=_(label)))
        for outside in self.process.near_misses(self.owner.authorities):
            self._add_near_miss(outside, _("just outside the filter"))

    def _add_near_miss(self, authority: Any, why: str) -> None:
        uuid = authority["uuid"]
        kept = self.process.kept.get(uuid)
        text = f"{town_name(authority)} — {why}"
        if kept:
            text += " — " + _("kept: {reason}").format(reason=kept)
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, uuid)
        self.near_misses.addItem(item)

    def keep_selected(self) -> None:
        item = self.near_misses.currentItem()
        if item is None:
            return
        uuid = str(item.data(Qt.ItemDataRole.UserRole))
        reason, ok = QInputDialog.getText(
            self,
            _("Keep a candidate"),
            _("Why keep {name} in the ranking? The report prints this reason.").format(
                name=self.owner.name_of(uuid)
            ),
        )
        if not ok:
            return
        if not reason.strip():
            QMessageBox.warning(
                self, _("Keep a candidate"), _("A reason is needed, so the report can say why.")
            )
            return
        self.process.kept[uuid] = reason.strip()
        if self.owner.process.filter.misses(self.owner.by_uuid[uuid]):
            self.process.added[uuid] = reason.strip()
        self.refresh()


# --- 5. weights and ranking -------------------------------------------------------------------------


class WeightsPage(_Page):
    def __init__(self, wizard: SelectionWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Weights and ranking"))
        self.setSubTitle(_("Move the weights; the ranking, the chart and the sensitivity follow at once."))
        self.sliders: dict[str, tuple[QSlider, QLabel]] = {}
        sliders_box = QWidget()
        grid = QGridLayout(sliders_box)
        keys = [QUANTITATIVE, *[g.value for g in CriterionGroup], *[c.code for c in CRITERIA]]
        for row, key in enumerate(keys):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"weight_{key}")
            slider.setMinimumWidth(140)
            slider.setRange(0, 10 * SLIDER_STEPS)
            value = QLabel()
            value.setMinimumWidth(32)
            slider.valueChanged.connect(lambda _v, k=key: self._moved(k))
            label = QLabel(weight_label(key))
            if key in {g.value for g in CriterionGroup} or key == QUANTITATIVE:
                label.setStyleSheet("font-weight: bold;")
            grid.addWidget(label, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.sliders[key] = (slider, value)
        grid.setColumnStretch(1, 1)
        self.error = error_label("weights_error")
        self.ranking = QTableWidget(0, 3)
        self.ranking.setObjectName("ranking")
        self.ranking.setProperty(DISPLAY_ONLY, True)  # redrawn at each slider step: saves nothing
        self.ranking.setHorizontalHeaderLabels([_("Place"), _("Town"), _("Total (0-100)")])
        self.ranking.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ranking.verticalHeader().hide()
        self.ranking.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chart = RankingChart()
        self.chart.setObjectName("ranking_chart")
        self.sensitivity = QLabel()
        self.sensitivity.setObjectName("sensitivity")
        self.sensitivity.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(sliders_box)
        left.addWidget(self.error)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.ranking, 2)
        right.addWidget(self.chart, 2)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        # The note across the whole page under both columns: in one column it was squeezed
        # to a strip a few words wide, and cut off when the page had no height to give it.
        self.sensitivity.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.sensitivity)
        self._loading = False
        self._latest: tuple[list[Any], list[Any]] = ([], [])
        self._sensitivity_timer = QTimer(self)
        self._sensitivity_timer.setSingleShot(True)
        self._sensitivity_timer.setInterval(250)
        self._sensitivity_timer.timeout.connect(self._update_sensitivity)

    def initializePage(self) -> None:
        self._loading = True
        for key, (slider, _label) in self.sliders.items():
            slider.setValue(round(self.process.weights.value(key) * SLIDER_STEPS))
        self._loading = False
        self.refresh()

    def _moved(self, key: str) -> None:
        slider, label = self.sliders[key]
        value = slider.value() / SLIDER_STEPS
        label.setText(i18n.format_number(value))
        if self._loading:
            return
        self.process.weights = self.process.weights.with_value(key, value)
        self.refresh()

    def scored(self) -> list[Any]:
        candidates = self.process.ranked_candidates(self.owner.candidates())
        # each town by its name in the interface's language (the scores keep the Hebrew one)
        return [
            dataclasses.replace(scores, name=self.owner.name_of(scores.key))
            for scores in self.process.candidate_scores(candidates)
        ]

    def refresh(self) -> None:
        for slider, label in self.sliders.values():
            label.setText(i18n.format_number(slider.value() / SLIDER_STEPS))
        problems = self.process.weights.problems()
        show_error(self.error, "\n".join(problems.values()))
        self.completeChanged.emit()
        if problems:
            return
        scored = self.scored()
        ranked = rank(scored, self.process.weights)
        self.ranking.setRowCount(len(ranked))
        for row, entry in enumerate(ranked):
            for column, text in enumerate(
                (str(entry.position), entry.candidate.name, i18n.format_number(round(entry.total, 1)))
            ):
                item = QTableWidgetItem(text)
                if column != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.ranking.setItem(row, column, item)
        self.chart.set_bars(
            [
                (entry.candidate.name, contributions(entry.candidate, self.process.weights))
                for entry in ranked[:10]
            ]
        )
        # The sensitivity scan re-ranks many times: run it once the sliders rest.
        self._latest = (scored, ranked)
        self._sensitivity_timer.start()

    def _update_sensitivity(self) -> None:
        scored, ranked = self._latest
        top = {entry.candidate.key for entry in ranked[:SENSITIVITY_POOL]}
        pool = [candidate for candidate in scored if candidate.key in top]
        self.sensitivity.setText(self._sensitivity_text(pool, ranked[:SENSITIVITY_POOL]))

    def _sensitivity_text(self, scored: list[Any], ranked: list[Any]) -> str:
        if len(ranked) < 2:
            return ""
        first = ranked[0].candidate
        swap = swap_of_first_two(scored, self.process.weights)
        lines = []
        if swap is None:
            lines.append(
                _("No single weight change puts {second} above {first}.").format(
                    first=first.name, second=ranked[1].candidate.name
                )
            )
        else:
            weight, value = swap
            lines.append(
                _("{second} would overtake {first} if “{weight}” moved from {old} to {new}.").format(
                    second=ranked[1].candidate.name,
                    first=first.name,
                    weight=weight_label(weight),
                    old=i18n.format_number(self.process.weights.value(weight)),
                    new=i18n.format_number(value),
                )
            )
        steady = [
            m
            for m in sensitivity(first.key, scored, self.process.weights)
            if m.low is None and m.high is None
        ]
        lines.append(
            _("{first} keeps first place whatever the value of {count} of the {total} weights.").format(
                first=first.name, count=len(steady), total=len(self.sliders)
            )
        )
        for entry in ranked[:3]:
            lines.append(self._tightest_margin(entry, scored))
        return "\n".join(line for line in lines if line)

    def _tightest_margin(self, entry: Any, scored: list[Any]) -> str:
        """The weight nearest to costing `entry` its place, and the range it may move in."""
        weights = self.process.weights
        closest: tuple[float, Any] | None = None
        for margin in sensitivity(entry.candidate.key, scored, weights):
            current = weights.value(margin.weight)
            for bound in (margin.low, margin.high):
                if bound is not None and (closest is None or abs(bound - current) < closest[0]):
                    closest = (abs(bound - current), margin)
        if closest is None:
            return _("{town} keeps place {place} whatever single weight moves.").format(
                town=entry.candidate.name, place=entry.position
            )
        margin = closest[1]
        low = i18n.format_number(margin.low) if margin.low is not None else "0"
        high = i18n.format_number(margin.high) if margin.high is not None else "10"
        return _("{town} keeps place {place} while “{weight}” stays between {low} and {high}.").format(
            town=entry.candidate.name,
            place=entry.position,
            weight=weight_label(margin.weight),
            low=low,
            high=high,
        )

    def isComplete(self) -> bool:
        return not self.process.weights.problems()


# --- 6. decision ------------------------------------------------------------------------------


class DecisionPage(_Page):
    def __init__(self, wizard: SelectionWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Decision"))
        self.setSubTitle(
            _("Choose the town (or towns) and write why. The MOU wizard can start from this choice.")
        )
        self.choices = QListWidget()
        self.choices.setObjectName("chosen")
        self.rationale = QPlainTextEdit(self.process.rationale)
        self.rationale.setObjectName("rationale")
        self.rationale.setFixedHeight(110)
        align_text_document(self.rationale)
        self.decided_on = date_editor("decided_on")
        self.decided_on.setDate(qdate(self.process.decided_on))
        self.error = error_label("decision_error")
        form = QFormLayout()
        form.addRow(_("Rationale"), self.rationale)
        form.addRow(_("Date of the decision"), self.decided_on)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Tick the chosen town(s), listed by their place:")))
        layout.addWidget(self.choices, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        scored = self.process.candidate_scores(self.process.ranked_candidates(self.owner.candidates()))
        self.choices.clear()
        for entry in rank(scored, self.process.weights):
            item = QListWidgetItem(
                f"{entry.position}. {entry.candidate.name} — {i18n.format_number(round(entry.total, 1))}"
            )
            item.setData(Qt.ItemDataRole.UserRole, entry.candidate.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked
                if entry.candidate.key in self.process.chosen
                else Qt.CheckState.Unchecked
            )
            self.choices.addItem(item)

    def _chosen(self) -> list[str]:
        return [
            str(self.choices.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.choices.count())
            if self.choices.item(row).checkState() == Qt.CheckState.Checked
        ]

    def keep_input(self) -> None:
        self.process.rationale = self.rationale.toPlainText().strip()
        self.process.chosen = self._chosen()
        self.process.decided_on = pydate(self.decided_on.date())

    def validatePage(self) -> bool:
        chosen = self._chosen()
        rationale = self.rationale.toPlainText().strip()
        if not chosen:
            show_error(self.error, _("Tick at least one town."))
            return False
        if not rationale:
            show_error(self.error, _("Write the rationale of the decision."))
            return False
        show_error(self.error, "")
        self.process.chosen = chosen
        self.process.rationale = rationale
        self.process.decided_on = pydate(self.decided_on.date())
        return True
