"""The operational level (seed 001 l.854): actions under the objectives, each with its
infrastructure, life-course stage, owner, dates, metric, partners and a budget per year
split by partners, the initiative and the authority."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.collective_plan import (
    FUNDERS,
    Action,
    CollectivePlan,
    set_action_dates,
    set_action_owner,
    set_budget_year,
)
from desktop.models.town_instruments import (
    INFRASTRUCTURES,
    LIFE_STAGES,
    label_of,
    money_text,
    parse_money,
    plain_amount,
)
from desktop.models.validation import ValidationError
from desktop.views.town_instruments.context import (
    InstrumentContext,
    fill_combo,
    line_edit,
    set_text,
    table_cell,
)
from desktop.views.widgets import date_editor, error_label, pydate, qdate, show_error

ID_ROLE = Qt.ItemDataRole.UserRole
BUDGET_COLUMNS = ("total", *FUNDERS)


class ActionsTab(QWidget):
    def __init__(self, context: InstrumentContext) -> None:
        super().__init__()
        self.context = context
        self.selected: str | None = None
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("plan_actions")
        self.table.setHorizontalHeaderLabels(
            [
                _("Action"),
                _("Objective"),
                _("Infrastructure"),
                _("Life-course stage"),
                _("Owner"),
                _("Ends"),
                _("Budget"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMaximumHeight(170)
        self.new_title = line_edit("plan_new_action")
        self.new_title.setPlaceholderText(_("A new action"))
        self.new_owner = line_edit("plan_new_action_owner")
        self.new_owner.setPlaceholderText(_("Its owner"))
        self.add_button = QPushButton(_("Add action"))
        self.add_button.setObjectName("plan_add_action")
        self.remove_button = QPushButton(_("Delete action"))
        self.remove_button.setObjectName("plan_remove_action")
        self.add_error = error_label("plan_add_action_error")
        adding = QHBoxLayout()
        adding.addWidget(self.new_title, 2)
        adding.addWidget(self.new_owner, 1)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)

        self.title = line_edit("action_title")
        self.objective = QComboBox()
        self.objective.setObjectName("action_objective")
        self.infrastructure = QComboBox()
        self.infrastructure.setObjectName("action_infrastructure")
        self.life_stage = QComboBox()
        self.life_stage.setObjectName("action_life_stage")
        self.owner = line_edit("action_owner")
        self.start = date_editor("action_start")
        self.end = date_editor("action_end")
        # metric, baseline, target and partners: plain text fields of the action
        self.texts = {
            name: line_edit(f"action_{name}") for name in ("metric", "baseline", "target", "partners")
        }
        self.field_error = error_label("action_error")
        self.budget = QTableWidget(0, len(BUDGET_COLUMNS))
        self.budget.setObjectName("action_budget")
        self.budget.setHorizontalHeaderLabels([_("Total")] + [_(FUNDERS[f]) for f in FUNDERS])
        self.budget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.budget.setMinimumHeight(120)
        self.budget_error = error_label("action_budget_error")
        details = QWidget()
        grid = QGridLayout(details)
        left, right = QFormLayout(), QFormLayout()
        left.addRow(_("Action"), self.title)
        left.addRow(_("Objective"), self.objective)
        left.addRow(_("Social infrastructure"), self.infrastructure)
        left.addRow(_("Life-course stage"), self.life_stage)
        left.addRow(_("Owner"), self.owner)
        left.addRow(_("Starts"), self.start)
        left.addRow(_("Ends"), self.end)
        right.addRow(_("Metric"), self.texts["metric"])
        right.addRow(_("Baseline"), self.texts["baseline"])
        right.addRow(_("Target"), self.texts["target"])
        right.addRow(_("Partners"), self.texts["partners"])
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.field_error, 1, 0, 1, 2)
        grid.addWidget(QLabel(_("Budget by year (₪), split by who pays")), 2, 0, 1, 2)
        grid.addWidget(self.budget, 3, 0, 1, 2)
        grid.addWidget(self.budget_error, 4, 0, 1, 2)
        self.details = details
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(details)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(adding)
        layout.addWidget(self.add_error)
        layout.addWidget(scroll, 1)

        self.table.itemSelectionChanged.connect(self._row_selected)
        self.add_button.clicked.connect(self._add)
        self.new_owner.returnPressed.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.title.textEdited.connect(self._title_typed)
        self.owner.textEdited.connect(self._owner_typed)
        for name, edit in self.texts.items():
            edit.textEdited.connect(lambda text, name=name: self._plain_typed(name, text))
        self.objective.currentIndexChanged.connect(lambda: self._chosen("objective", self.objective))
        self.infrastructure.currentIndexChanged.connect(
            lambda: self._chosen("infrastructure", self.infrastructure)
        )
        self.life_stage.currentIndexChanged.connect(lambda: self._chosen("life_stage", self.life_stage))
        self.start.dateChanged.connect(self._dates_changed)
        self.end.dateChanged.connect(self._dates_changed)
        self.budget.itemChanged.connect(self._budget_edited)
        for widget in (self.new_title, self.new_owner, self.add_button, self.remove_button, details):
            widget.setEnabled(not context.read_only)
        self.refresh()

    @property
    def plan(self) -> CollectivePlan:
        plan: CollectivePlan = self.context.document
        return plan

    def action(self) -> Action | None:
        return self.plan.action(self.selected) if self.selected else None

    # --- the table ---------------------------------------------------------------------

    def refresh(self) -> None:
        plan = self.plan
        if self.selected is None or plan.action(self.selected) is None:
            self.selected = plan.actions[0].id if plan.actions else None
        self.table.blockSignals(True)
        self.table.setRowCount(len(plan.actions))
        for row, action in enumerate(plan.actions):
            objective = plan.objective(action.objective)
            cells = [
                action.title,
                objective.text if objective else "—",
                label_of(INFRASTRUCTURES, action.infrastructure),
                label_of(LIFE_STAGES, action.life_stage),
                action.owner,
                i18n.format_date(action.end) if action.end else "—",
                money_text(action.total()),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, action.id)
                self.table.setItem(row, column, item)
            if action.id == self.selected:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self._show_details()

    def _row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.context.flush()
        self.selected = str(table_cell(self.table, rows[0].row(), 0).data(ID_ROLE))
        self._show_details()

    def _update_row(self) -> None:
        action = self.action()
        if action is None:
            return
        for row in range(self.table.rowCount()):
            if table_cell(self.table, row, 0).data(ID_ROLE) == action.id:
                objective = self.plan.objective(action.objective)
                texts = [
                    action.title,
                    objective.text if objective else "—",
                    label_of(INFRASTRUCTURES, action.infrastructure),
                    label_of(LIFE_STAGES, action.life_stage),
                    action.owner,
                    i18n.format_date(action.end) if action.end else "—",
                    money_text(action.total()),
                ]
                self.table.blockSignals(True)
                for column, text in enumerate(texts):
                    table_cell(self.table, row, column).setText(text)
                self.table.blockSignals(False)

    # --- the selected action ------------------------------------------------------------

    def _show_details(self) -> None:
        action = self.action()
        self.details.setEnabled(action is not None and not self.context.read_only)
        show_error(self.field_error, "")
        show_error(self.budget_error, "")
        if action is None:
            for edit in (self.title, self.owner, *self.texts.values()):
                set_text(edit, "")
            self.budget.setRowCount(0)
            return
        set_text(self.title, action.title)
        set_text(self.owner, action.owner)
        for name, edit in self.texts.items():
            set_text(edit, getattr(action, name))
        fill_combo(
            self.objective, [(o.id, o.text) for o in self.plan.objectives], action.objective, blank="—"
        )
        fill_combo(
            self.infrastructure,
            [(k, _(v)) for k, v in INFRASTRUCTURES.items()],
            action.infrastructure,
            blank=_("(choose)"),
        )
        fill_combo(
            self.life_stage,
            [(k, _(v)) for k, v in LIFE_STAGES.items()],
            action.life_stage,
            blank=_("(choose)"),
        )
        first, last = self.plan.plan_years()[0], self.plan.plan_years()[-1]
        from datetime import date

        for editor, value in (
            (self.start, action.start or date(first, 1, 1)),
            (self.end, action.end or date(last, 12, 31)),
        ):
            editor.blockSignals(True)
            editor.setDate(qdate(value))
            editor.blockSignals(False)
        self._fill_budget(action)

    def _fill_budget(self, action: Action) -> None:
        years = sorted({*self.plan.plan_years(), *(b.year for b in action.budget)})
        self.budget.blockSignals(True)
        self.budget.setRowCount(len(years))
        self.budget.setVerticalHeaderLabels([str(y) for y in years])
        for row, year in enumerate(years):
            line = action.budget_year(year)
            for column, key in enumerate(BUDGET_COLUMNS):
                value = getattr(line, key) if line else None
                item = QTableWidgetItem(plain_amount(value) if value else "")
                item.setData(ID_ROLE, year)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.budget.setItem(row, column, item)
        self.budget.blockSignals(False)

    def _add(self) -> None:
        try:
            action = self.plan.add_action(self.new_title.text(), self.new_owner.text())
        except ValidationError as error:
            show_error(self.add_error, error.message)
            (self.new_owner if error.field == "owner" else self.new_title).setFocus()
            return
        show_error(self.add_error, "")
        action.start, action.end = None, None
        if len(self.plan.objectives) == 1:
            action.objective = self.plan.objectives[0].id
        self.new_title.clear()
        self.new_owner.clear()
        self.selected = action.id
        self.context.save()
        self.refresh()
        self.title.setFocus()

    def _remove(self) -> None:
        action = self.action()
        if action is None:
            return
        from desktop.views.dialogs import confirm

        question = _("Delete the action “{title}” with its budget and review?").format(title=action.title)
        if not confirm(self, _("Delete action"), question):
            return
        self.plan.remove_action(action.id)
        self.selected = None
        self.context.save()
        self.refresh()

    def _title_typed(self, text: str) -> None:
        action = self.action()
        if action is None:
            return
        title = " ".join(text.split())
        if not title:
            show_error(self.field_error, _("Give the action a title."))
            return
        show_error(self.field_error, "")
        action.title = title
        self._update_row()
        self.context.changed()

    def _owner_typed(self, text: str) -> None:
        action = self.action()
        if action is None:
            return
        try:
            set_action_owner(action, text)
        except ValidationError as error:
            show_error(self.field_error, error.message)
            return
        show_error(self.field_error, "")
        self._update_row()
        self.context.changed()

    def _plain_typed(self, name: str, text: str) -> None:
        action = self.action()
        if action is None:
            return
        setattr(action, name, " ".join(text.split()))
        self.context.changed()

    def _chosen(self, name: str, combo: QComboBox) -> None:
        action = self.action()
        if action is None:
            return
        setattr(action, name, str(combo.currentData() or ""))
        self._update_row()
        self.context.save()

    def _dates_changed(self) -> None:
        action = self.action()
        if action is None:
            return
        try:
            set_action_dates(action, pydate(self.start.date()), pydate(self.end.date()))
        except ValidationError as error:
            show_error(self.field_error, error.message)
            return
        show_error(self.field_error, "")
        self._update_row()
        self.context.save()

    def _budget_edited(self, item: QTableWidgetItem) -> None:
        """A cell of the budget: the year's four cells are read together; a bad amount or a
        split that does not add up is said under the table and nothing of that year is saved
        (what was typed stays in the cells)."""
        action = self.action()
        if action is None:
            return
        year = int(item.data(ID_ROLE))
        row = item.row()
        values: dict[str, Decimal | None] = {}
        try:
            for column, key in enumerate(BUDGET_COLUMNS):
                cell = self.budget.item(row, column)
                values[key] = parse_money(key, cell.text() if cell else "")
            set_budget_year(action, year, values["total"], {f: values[f] for f in FUNDERS})
        except ValidationError as error:
            show_error(self.budget_error, f"{year}: {error.message}")
            return
        show_error(self.budget_error, "")
        line = action.budget_year(year)
        if line is not None and not table_cell(self.budget, row, 0).text().strip():
            self.budget.blockSignals(True)
            table_cell(self.budget, row, 0).setText(plain_amount(line.total))
            self.budget.blockSignals(False)
        self._update_row()
        self.context.save()
