"""Work teams (from the second year): members and the four roles, topic and output, the six
stages with dates, a budget, the shared finish line, and progress across the teams."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.validation import ValidationError, clean_whole_number
from desktop.models.work_teams import (
    GOOD_OUTPUT_SIGNS,
    OUTPUT_TYPES,
    ROLES,
    STAGES,
    TEAM_SIZE,
    WorkTeam,
    check_members,
    default_stage_dates,
    new_team,
    stage_state,
    team_problems,
    team_warnings,
)
from desktop.views.community.context import CommunityContext, fill_combo, none_label
from desktop.views.community.members_tab import date_edit
from desktop.views.dialogs import confirm
from desktop.views.person_picker import fill_people
from desktop.views.qt_i18n import align_text_field
from desktop.views.widgets import error_label, pydate, qdate, show_error

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_COLOURS = {"done": "#c6f6d5", "overdue": "#fed7d7", "due": "#fefcbf", "open": "#ffffff"}


def state_labels() -> dict[str, str]:
    return {"done": _("Done"), "overdue": _("Overdue"), "due": _("Due"), "open": _("No date")}


class TeamsTab(QWidget):
    def __init__(self, context: CommunityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.team: WorkTeam | None = None
        self._loading = False
        community = context.community
        self.year_note = QLabel()
        self.year_note.setObjectName("teams_year_note")
        self.year_note.setWordWrap(True)
        self.finish_line = date_edit("teams_finish_line")
        self.finish_line.setDate(qdate(community.finish_line or community.period_end))
        self.finish_line.dateChanged.connect(self._finish_line_changed)
        finish = QHBoxLayout()
        finish.addWidget(QLabel(_("Shared finish line (the products conference)")))
        finish.addWidget(self.finish_line)
        finish.addStretch(1)

        self.list = QListWidget()
        self.list.setObjectName("teams_list")
        self.list.currentItemChanged.connect(lambda *_a: self._team_chosen())
        self.new_button = QPushButton(_("New team…"))
        self.new_button.setObjectName("teams_new")
        self.new_button.clicked.connect(self.new_team)
        self.delete_button = QPushButton(_("Delete the team…"))
        self.delete_button.setObjectName("teams_delete")
        self.delete_button.clicked.connect(self.delete_team)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)

        self.topic = QLineEdit()
        self.topic.setObjectName("team_topic")
        align_text_field(self.topic, left_to_right=False)
        self.topic.textChanged.connect(self._topic_typed)
        self.output = QComboBox()
        self.output.setObjectName("team_output")
        fill_combo(self.output, [(k, _(v)) for k, v in OUTPUT_TYPES.items()], "policy_paper")
        self.output.currentIndexChanged.connect(self._details_changed)
        self.accompanier = QComboBox()
        self.accompanier.setObjectName("team_accompanier")
        self.accompanier.currentIndexChanged.connect(self._details_changed)
        self.audience = QLineEdit()
        self.audience.setObjectName("team_audience")
        self.use = QLineEdit()
        self.use.setObjectName("team_use")
        for line in (self.audience, self.use):
            align_text_field(line, left_to_right=False)
            line.textChanged.connect(self._topic_typed)
        self.signs = QListWidget()
        self.signs.setObjectName("team_signs")
        for key, label in GOOD_OUTPUT_SIGNS.items():
            sign = QListWidgetItem(_(label))
            sign.setData(ID_ROLE, key)
            sign.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            sign.setCheckState(Qt.CheckState.Unchecked)
            self.signs.addItem(sign)
        self.signs.itemChanged.connect(self._sign_toggled)
        self.budget = QLineEdit()
        self.budget.setObjectName("team_budget")
        align_text_field(self.budget, left_to_right=True)
        self.budget.textChanged.connect(self._budget_typed)
        self.budget.editingFinished.connect(self._budget_changed)
        self.budget_error = error_label("team_budget_error")
        self.members = QListWidget()
        self.members.setObjectName("team_members")
        self.members.itemChanged.connect(self._member_toggled)
        self.members_error = error_label("team_members_error")
        self.roles: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow(_("Topic"), self.topic)
        form.addRow(_("Type of output"), self.output)
        form.addRow(_("Target audience of the output"), self.audience)
        form.addRow(_("Use and spreading of the output"), self.use)
        form.addRow(_("Accompanier"), self.accompanier)
        form.addRow(_("Budget (₪)"), self.budget)
        form.addRow("", self.budget_error)
        form.addRow(_("Members (2-8; 5-8 recommended)"), self.members)
        form.addRow("", self.members_error)
        for role, label in ROLES.items():
            combo = QComboBox()
            combo.setObjectName(f"team_role_{role}")
            combo.currentIndexChanged.connect(lambda _i, r=role: self._role_changed(r))
            self.roles[role] = combo
            form.addRow(_(label), combo)
        self.stages = QTableWidget(len(STAGES), 3)
        self.stages.setObjectName("team_stages")
        self.stages.verticalHeader().hide()
        self.stages.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.stages.itemChanged.connect(self._stage_done_changed)
        self.spread_button = QPushButton(_("Spread the dates to the finish line"))
        self.spread_button.setObjectName("team_spread_dates")
        self.spread_button.clicked.connect(self.spread_dates)
        self.team_problems = QLabel()
        self.team_problems.setObjectName("team_problems")
        self.team_problems.setWordWrap(True)
        editor = QGroupBox(_("The team"))
        editor_layout = QHBoxLayout(editor)
        editor_layout.addLayout(form, 1)
        stages_layout = QVBoxLayout()
        stages_layout.addWidget(self.stages, 1)
        stages_layout.addWidget(self.spread_button, 0, Qt.AlignmentFlag.AlignLeading)
        stages_layout.addWidget(self.team_problems)
        stages_layout.addWidget(QLabel(_("Is it a good output? (the five signs)")))
        stages_layout.addWidget(self.signs)
        editor_layout.addLayout(stages_layout, 1)

        self.progress = QTableWidget()
        self.progress.setObjectName("teams_progress")
        self.progress.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        progress_box = QGroupBox(_("Progress across the teams"))
        progress_layout = QVBoxLayout(progress_box)
        progress_layout.addWidget(self.progress)

        upper = QHBoxLayout()
        upper.addLayout(left, 1)
        upper.addWidget(editor, 4)
        layout = QVBoxLayout(self)
        layout.addWidget(self.year_note)
        layout.addLayout(finish)
        layout.addLayout(upper, 3)
        layout.addWidget(progress_box, 2)
        self.refresh()

    # the list -----------------------------------------------------------------------------

    def refresh(self) -> None:
        community = self.context.community
        self.year_note.setText(
            _("Work teams start in the community's second year; this community is in its first year.")
            if community.cycle_year < 2
            else ""
        )
        writable = not self.context.read_only
        self.new_button.setEnabled(writable)
        self.delete_button.setEnabled(writable)
        self.finish_line.setEnabled(writable)
        current = self.team.id if self.team else ""
        self.list.blockSignals(True)
        self.list.clear()
        for team in community.teams:
            item = QListWidgetItem(team.name)
            item.setData(ID_ROLE, team.id)
            self.list.addItem(item)
            if team.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._team_chosen()
        self.fill_progress()

    def new_team(self) -> None:
        name, ok = QInputDialog.getText(self, _("New work team"), _("Name of the team"))
        if not ok:
            return
        try:
            team = new_team(name, self.context.community.teams)
        except ValidationError as error:
            show_error(self.members_error, error.message)
            return
        show_error(self.members_error, "")
        self.context.community.teams.append(team)
        self.team = team
        self.context.save()
        self.refresh()

    def delete_team(self) -> None:
        if self.team is None:
            return
        if confirm(
            self,
            _("Delete the team"),
            _("Delete the work team “{name}” with its stages and roles?").format(name=self.team.name),
        ):
            self.context.community.teams.remove(self.team)
            self.team = None
            self.context.save()
            self.refresh()

    # one team -----------------------------------------------------------------------------

    def _team_chosen(self) -> None:
        """What was typed for the team shown is in the community already: save it first."""
        self.context.flush()
        item = self.list.currentItem()
        team_id = item.data(ID_ROLE) if item is not None else None
        self.team = next((t for t in self.context.community.teams if t.id == team_id), None)
        team = self.team
        enabled = team is not None and not self.context.read_only
        for widget in (
            self.topic,
            self.output,
            self.accompanier,
            self.audience,
            self.use,
            self.signs,
            self.budget,
            self.members,
            self.stages,
            self.spread_button,
            *self.roles.values(),
        ):
            widget.setEnabled(enabled)
        self._loading = True
        self.topic.setText(team.topic if team else "")
        index = self.output.findData(team.output_type if team else "policy_paper")
        self.output.setCurrentIndex(max(index, 0))
        self.budget.setText(i18n.format_number(team.budget) if team else "")
        self.audience.setText(team.audience if team else "")
        self.use.setText(team.use if team else "")
        fill_people(  # (everyone in the workspace: a model, not an item per person)
            self.accompanier,
            [(p.uuid, p.full_name) for p in self.context.people.values()],
            team.accompanier if team else "",
            blank=none_label(),
        )
        for row in range(self.signs.count()):
            sign = self.signs.item(row)
            met = team is not None and sign.data(ID_ROLE) in team.signs
            sign.setCheckState(Qt.CheckState.Checked if met else Qt.CheckState.Unchecked)
        self.members.clear()
        for member in self.context.community.members:
            entry = QListWidgetItem(self.context.person_name(member.person))
            entry.setData(ID_ROLE, member.person)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(
                Qt.CheckState.Checked if team and member.person in team.members else Qt.CheckState.Unchecked
            )
            self.members.addItem(entry)
        self._fill_roles()
        self._fill_stages()
        self._loading = False
        self._show_team_problems()

    def _fill_roles(self) -> None:
        team = self.team
        people = [(p, self.context.person_name(p)) for p in (team.members if team else [])]
        for role, combo in self.roles.items():
            fill_combo(combo, people, team.roles.get(role, "") if team else "", blank=none_label())

    def _fill_stages(self) -> None:
        self.stages.blockSignals(True)
        self.stages.clearContents()
        self.stages.setHorizontalHeaderLabels([_("Stage"), _("Due"), _("Done")])
        team = self.team
        for row, label in enumerate(STAGES):
            name = QTableWidgetItem(f"{row + 1}. {_(label)}")
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.stages.setItem(row, 0, name)
            stage = team.stages[row] if team else None
            editor = date_edit(f"team_stage_due_{row}")
            editor.setSpecialValueText(_("No date"))
            editor.setMinimumDate(QDate(2000, 1, 1))
            editor.setDate(qdate(stage.due) if stage and stage.due else editor.minimumDate())
            editor.dateChanged.connect(lambda value, r=row: self._due_changed(r, value))
            editor.setEnabled(team is not None and not self.context.read_only)
            self.stages.setCellWidget(row, 1, editor)
            done = QTableWidgetItem()
            done.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            done.setCheckState(Qt.CheckState.Checked if stage and stage.done else Qt.CheckState.Unchecked)
            self.stages.setItem(row, 2, done)
        self.stages.blockSignals(False)
        self.stages.resizeColumnToContents(1)

    def _show_team_problems(self) -> None:
        team = self.team
        if team is None:
            self.team_problems.setText("")
            return
        problems = team_problems(
            team, [m.person for m in self.context.community.members], self.context.community.finish_line
        )
        lines = [message for _field, message in problems]
        self.team_problems.setStyleSheet("color: #c53030;" if lines else "color: #b7791f;")
        self.team_problems.setText("\n".join(lines or team_warnings(team)))

    def _changed(self) -> None:
        self.context.save()
        self._show_team_problems()
        self.fill_progress()

    def _details_changed(self) -> None:
        if self._loading or self.team is None:
            return
        self.team.topic = " ".join(self.topic.text().split())
        self.team.output_type = str(self.output.currentData() or "other")
        self.team.accompanier = str(self.accompanier.currentData() or "")
        self._changed()

    def _topic_typed(self) -> None:
        if self._loading or self.team is None:
            return
        self.team.topic = " ".join(self.topic.text().split())
        self.team.audience = " ".join(self.audience.text().split())
        self.team.use = " ".join(self.use.text().split())
        self.context.changed()

    def _budget_typed(self) -> None:
        """Each keystroke of a whole number is kept; anything else is said at the field."""
        if self._loading or self.team is None:
            return
        try:
            value = clean_whole_number("budget", self.budget.text(), minimum=0)
        except ValidationError as error:
            show_error(self.budget_error, error.message)
            return
        show_error(self.budget_error, "")
        self.team.budget = value or 0
        self.context.changed()

    def _budget_changed(self) -> None:
        if self._loading or self.team is None:
            return
        try:
            value = clean_whole_number("budget", self.budget.text(), minimum=0)
        except ValidationError as error:
            show_error(self.budget_error, error.message)
            return
        show_error(self.budget_error, "")
        self.team.budget = value or 0
        self.budget.setText(i18n.format_number(self.team.budget))
        self._changed()

    def _member_toggled(self, item: QListWidgetItem) -> None:
        if self._loading or self.team is None:
            return
        person = str(item.data(ID_ROLE))
        chosen = [p for p in self.team.members if p != person]
        if item.checkState() == Qt.CheckState.Checked:
            chosen.append(person)
        try:
            check_members(chosen, [m.person for m in self.context.community.members])
            problem = ""
        except ValidationError as error:
            problem = error.message
        if len(chosen) > TEAM_SIZE[1]:  # refused; a team still too small is saved and said
            show_error(self.members_error, problem)
            self.members.blockSignals(True)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.members.blockSignals(False)
            return
        self.team.members = chosen
        self.team.roles = {r: p for r, p in self.team.roles.items() if p in chosen}
        show_error(self.members_error, problem)
        self._loading = True
        self._fill_roles()
        self._loading = False
        self._changed()

    def _sign_toggled(self, item: QListWidgetItem) -> None:
        if self._loading or self.team is None:
            return
        key = str(item.data(ID_ROLE))
        signs = [s for s in self.team.signs if s != key]
        if item.checkState() == Qt.CheckState.Checked:
            signs.append(key)
        self.team.signs = [s for s in GOOD_OUTPUT_SIGNS if s in signs]
        self._changed()

    def _role_changed(self, role: str) -> None:
        if self._loading or self.team is None:
            return
        person = str(self.roles[role].currentData() or "")
        if person:
            self.team.roles[role] = person
        else:
            self.team.roles.pop(role, None)
        self._changed()

    def _due_changed(self, row: int, value: QDate) -> None:
        if self._loading or self.team is None:
            return
        editor = self.stages.cellWidget(row, 1)
        blank = isinstance(editor, QDateEdit) and value == editor.minimumDate()
        self.team.stages[row].due = None if blank else pydate(value)
        self._changed()

    def _stage_done_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or self.team is None or item.column() != 2:
            return
        self.team.stages[item.row()].done = item.checkState() == Qt.CheckState.Checked
        self._changed()

    def spread_dates(self) -> None:
        community = self.context.community
        if self.team is None:
            return
        finish = community.finish_line or community.period_end
        start = max(date.today(), community.period_start)
        try:
            days = default_stage_dates(start, finish)
        except ValidationError as error:
            self.team_problems.setText(error.message)
            return
        if any(s.due for s in self.team.stages) and not confirm(
            self,
            _("Spread the dates to the finish line"),
            _("Replace the stages' dates of “{name}”?").format(name=self.team.name),
        ):
            return
        for stage, day in zip(self.team.stages, days, strict=True):
            stage.due = day
        self._loading = True
        self._fill_stages()
        self._loading = False
        self._changed()

    def _finish_line_changed(self, value: QDate) -> None:
        self.context.community.finish_line = pydate(value)
        self.context.save()
        self._show_team_problems()

    # progress -----------------------------------------------------------------------------

    def fill_progress(self) -> None:
        teams = self.context.community.teams
        today = date.today()
        labels = state_labels()
        self.progress.clear()
        self.progress.setRowCount(len(teams))
        self.progress.setColumnCount(len(STAGES) + 2)
        self.progress.setHorizontalHeaderLabels(
            [
                _("Team"),
                *(_("Stage {number}").format(number=n + 1) for n in range(len(STAGES))),
                _("Progress"),
            ]
        )
        for index, number in enumerate(range(1, len(STAGES) + 1), start=1):
            header = self.progress.horizontalHeaderItem(index)
            if header is not None:
                header.setToolTip(_(STAGES[number - 1]))
        for row, team in enumerate(teams):
            self.progress.setItem(row, 0, QTableWidgetItem(team.name))
            for column, stage in enumerate(team.stages, start=1):
                state = stage_state(stage, today)
                text = labels[state]
                if stage.due and state != "done":
                    text = f"{text} · {i18n.format_date(stage.due)}"
                cell = QTableWidgetItem(text)
                cell.setBackground(QColor(STATE_COLOURS[state]))
                self.progress.setItem(row, column, cell)
            self.progress.setItem(
                row, len(STAGES) + 1, QTableWidgetItem(i18n.format_percent(team.progress()))
            )
        self.progress.resizeColumnsToContents()
