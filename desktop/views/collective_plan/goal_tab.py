"""The plan's goal, town, field lead and professional team, its overall aim, its years and
its objectives."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.models.collective_plan import CollectivePlan
from desktop.models.validation import ValidationError
from desktop.views.town_instruments.context import (
    InstrumentContext,
    fill_combo,
    line_edit,
    set_text,
    text_edit,
)
from desktop.views.widgets import error_label, show_error


class GoalTab(QWidget):
    def __init__(self, context: InstrumentContext, towns: dict[str, str]) -> None:
        super().__init__()
        self.context = context
        self.towns = towns
        self.goal = line_edit("plan_goal")
        self.goal_error = error_label("plan_goal_error")
        self.town = QComboBox()
        self.town.setObjectName("plan_town")
        self.field_lead = line_edit("plan_field_lead")
        self.team = text_edit("plan_team", 80)
        self.team.setPlaceholderText(_("One name a line"))
        self.aim = text_edit("plan_overall_aim")
        self.first_year = QSpinBox()
        self.first_year.setObjectName("plan_first_year")
        self.first_year.setRange(2000, 2100)
        self.years = QSpinBox()
        self.years.setObjectName("plan_years")
        self.years.setRange(1, 10)
        self.years_error = error_label("plan_years_error")
        form = QFormLayout()
        form.addRow(_("Town goal"), self.goal)
        form.addRow("", self.goal_error)
        form.addRow(_("Town"), self.town)
        form.addRow(_("Field lead (of the authority)"), self.field_lead)
        form.addRow(_("Professional team"), self.team)
        form.addRow(_("Overall aim"), self.aim)
        years = QHBoxLayout()
        years.addWidget(self.first_year)
        years.addWidget(QLabel(_("for")))
        years.addWidget(self.years)
        years.addWidget(QLabel(_("years")))
        years.addStretch(1)
        form.addRow(_("First year of the plan"), years)
        form.addRow("", self.years_error)

        self.objectives = QListWidget()
        self.objectives.setObjectName("plan_objectives")
        self.objectives.setMaximumHeight(130)
        self.new_objective = line_edit("plan_new_objective")
        self.new_objective.setPlaceholderText(
            _("A new objective, such as: raise participation from 1,200 to 1,800 in five years")
        )
        self.add_objective_button = QPushButton(_("Add objective"))
        self.add_objective_button.setObjectName("plan_add_objective")
        self.remove_objective_button = QPushButton(_("Remove objective"))
        self.remove_objective_button.setObjectName("plan_remove_objective")
        self.objective_error = error_label("plan_objective_error")
        adding = QHBoxLayout()
        adding.addWidget(self.new_objective, 1)
        adding.addWidget(self.add_objective_button)
        adding.addWidget(self.remove_objective_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Objectives")))
        layout.addWidget(self.objectives)
        layout.addLayout(adding)
        layout.addWidget(self.objective_error)
        layout.addStretch(1)

        self.goal.textEdited.connect(self._goal_typed)
        self.town.currentIndexChanged.connect(self._town_chosen)
        self.field_lead.textEdited.connect(self._lead_typed)
        self.team.textChanged.connect(self._team_typed)
        self.aim.textChanged.connect(self._aim_typed)
        self.first_year.valueChanged.connect(self._years_changed)
        self.years.valueChanged.connect(self._years_changed)
        self.add_objective_button.clicked.connect(self._add_objective)
        self.new_objective.returnPressed.connect(self._add_objective)
        self.remove_objective_button.clicked.connect(self._remove_objective)
        self.objectives.itemChanged.connect(self._objective_edited)
        for widget in (
            self.goal,
            self.town,
            self.field_lead,
            self.team,
            self.aim,
            self.first_year,
            self.years,
            self.new_objective,
            self.add_objective_button,
            self.remove_objective_button,
        ):
            widget.setEnabled(not context.read_only)
        self.refresh()

    @property
    def plan(self) -> CollectivePlan:
        plan: CollectivePlan = self.context.document
        return plan

    def refresh(self) -> None:
        plan = self.plan
        set_text(self.goal, plan.goal)
        items = sorted(self.towns.items(), key=lambda item: item[1])
        blank = plan.town_name or _("(choose the town)")
        fill_combo(self.town, items, plan.town, blank=blank)
        set_text(self.field_lead, plan.field_lead)
        set_text(self.team, "\n".join(plan.team))
        set_text(self.aim, plan.overall_aim)
        for spin, value in ((self.first_year, plan.first_year), (self.years, plan.years)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.objectives.blockSignals(True)
        self.objectives.clear()
        for objective in plan.objectives:
            item = QListWidgetItem(objective.text)
            item.setData(Qt.ItemDataRole.UserRole, objective.id)
            if not self.context.read_only:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.objectives.addItem(item)
        self.objectives.blockSignals(False)

    def _goal_typed(self, text: str) -> None:
        goal = " ".join(text.split())
        if not goal:
            show_error(self.goal_error, _("Write the town goal the plan serves."))
            return  # the stored goal stays until a goal is typed
        show_error(self.goal_error, "")
        self.plan.goal = goal
        self.context.changed()

    def _town_chosen(self) -> None:
        self.plan.town = str(self.town.currentData() or "")
        self.context.changed()

    def _lead_typed(self, text: str) -> None:
        self.plan.field_lead = " ".join(text.split())
        self.context.changed()

    def _team_typed(self) -> None:
        self.plan.team = [
            " ".join(line.split()) for line in self.team.toPlainText().splitlines() if line.strip()
        ]
        self.context.changed()

    def _aim_typed(self) -> None:
        self.plan.overall_aim = self.aim.toPlainText().strip()
        self.context.changed()

    def _years_changed(self) -> None:
        try:
            self.plan.set_years(self.first_year.value(), self.years.value())
        except ValidationError as error:
            show_error(self.years_error, error.message)
            return
        show_error(self.years_error, "")
        self.context.changed()

    def _add_objective(self) -> None:
        try:
            self.plan.add_objective(self.new_objective.text())
        except ValidationError as error:
            show_error(self.objective_error, error.message)
            return
        show_error(self.objective_error, "")
        self.new_objective.clear()
        self.context.save()
        self.refresh()

    def _remove_objective(self) -> None:
        item = self.objectives.currentItem()
        if item is None:
            return
        try:
            self.plan.remove_objective(str(item.data(Qt.ItemDataRole.UserRole)))
        except ValidationError as error:
            show_error(self.objective_error, error.message)
            return
        show_error(self.objective_error, "")
        self.context.save()
        self.refresh()

    def _objective_edited(self, item: QListWidgetItem) -> None:
        objective = self.plan.objective(str(item.data(Qt.ItemDataRole.UserRole)))
        text = " ".join(item.text().split())
        if objective is None:
            return
        if not text:
            show_error(self.objective_error, _("Write the objective."))
            return
        show_error(self.objective_error, "")
        objective.text = text
        self.context.changed()
