"""Step 3 of the flags work: a plan for each item and flag (desired outcome, measurable goals,
main actions, involved parties) and the cluster's work plan. Every field is saved as it is typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.flags import Action, ClusterFlags, Flag, Goal, Measure, validate_plan, workplan
from desktop.views.qt_i18n import align_text_document, align_text_field
from desktop.views.widgets import DateDelegate, cell_date_text, date_cell, error_label, show_error

if TYPE_CHECKING:
    from desktop.views.flags.window import FlagsWindow


GOAL_DATES = (2, 5)  # baseline date, by
ACTION_DATES = (4, 5)  # from, to


class PlansTab(QWidget):
    def __init__(self, section: FlagsWindow) -> None:
        super().__init__()
        self.section = section
        self.item = QComboBox()
        self.item.setObjectName("plan_item")
        self.flag = QComboBox()
        self.flag.setObjectName("plan_flag")
        for flag in Flag:
            self.flag.addItem(flag.label, flag.value)
        for combo in (self.item, self.flag):
            combo.currentIndexChanged.connect(lambda _i: self._plan_chosen())
        self.shown: tuple[str, str] | None = None  # (item id, flag) of the plan the fields show
        self._filling = False
        self.outcome = QPlainTextEdit()
        self.outcome.setObjectName("outcome")
        self.outcome.setFixedHeight(50)
        align_text_document(self.outcome)
        self.parties = QLineEdit()
        self.parties.setObjectName("parties")
        align_text_field(self.parties, left_to_right=False)
        self.goal_table = QTableWidget(0, 7)
        self.goal_table.setObjectName("goals")
        self.goal_table.setHorizontalHeaderLabels(
            [_("Goal"), _("Baseline"), _("Baseline date"), _("Target"), _("Unit"), _("By"), _("Latest")]
        )
        self.action_table = QTableWidget(0, 6)
        self.action_table.setObjectName("actions")
        self.action_table.setHorizontalHeaderLabels(
            [_("Action"), _("Quantity"), _("Frequency"), _("Owner"), _("From"), _("To")]
        )
        for table in (self.goal_table, self.action_table):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.setMaximumHeight(150)
        self.dates = DateDelegate(self)  # dates are chosen, never typed in three formats
        for table, columns in ((self.goal_table, GOAL_DATES), (self.action_table, ACTION_DATES)):
            for column in columns:
                table.setItemDelegateForColumn(column, self.dates)
        add_goal = QPushButton(_("Add a goal"))
        add_goal.setObjectName("add_goal")
        add_goal.clicked.connect(lambda: self.goal_table.insertRow(self.goal_table.rowCount()))
        add_action = QPushButton(_("Add an action"))
        add_action.setObjectName("add_action")
        add_action.clicked.connect(lambda: self.action_table.insertRow(self.action_table.rowCount()))
        self.outcome.textChanged.connect(self._edited)
        self.parties.textChanged.connect(self._edited)
        for table in (self.goal_table, self.action_table):
            table.itemChanged.connect(self._edited)
        self.error = error_label("plan_error")
        self.filter_flag = QComboBox()
        self.filter_flag.setObjectName("filter_flag")
        self.filter_flag.addItem(_("All flags"), "")
        for flag in Flag:
            self.filter_flag.addItem(flag.label, flag.value)
        self.filter_owner = QLineEdit()
        self.filter_owner.setObjectName("filter_owner")
        self.filter_owner.setPlaceholderText(_("Owner"))
        align_text_field(self.filter_owner, left_to_right=False)
        self.filter_flag.currentIndexChanged.connect(lambda _i: self._show_workplan())
        self.filter_owner.textChanged.connect(lambda _t: self._show_workplan())
        self.workplan = QTableWidget(0, 6)
        self.workplan.setObjectName("workplan")
        self.workplan.setHorizontalHeaderLabels(
            [_("Item"), _("Flag"), _("Action"), _("Owner"), _("From"), _("To")]
        )
        self.workplan.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.workplan.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        export = QPushButton(_("Cluster work plan (PDF)…"))
        export.setObjectName("workplan_pdf")
        export.clicked.connect(lambda: self.section.print_document("flags-workplan"))
        chooser = QHBoxLayout()
        chooser.addWidget(self.item, 1)
        chooser.addWidget(self.flag, 1)
        form = QFormLayout()
        form.addRow(_("Item and flag"), chooser)
        form.addRow(_("Desired outcome"), self.outcome)
        form.addRow(_("Measurable goals"), self.goal_table)
        form.addRow(add_goal)
        form.addRow(_("Main actions"), self.action_table)
        form.addRow(add_action)
        form.addRow(_("Involved parties"), self.parties)
        form.addRow(self.error)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Work plan of the cluster")))
        filters.addWidget(self.filter_flag)
        filters.addWidget(self.filter_owner)
        filters.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(filters)
        layout.addWidget(self.workplan, 1)

    @property
    def flags(self) -> ClusterFlags:
        assert self.section.flags is not None
        return self.section.flags

    def refresh(self) -> None:
        kept = self.item.currentData()
        self.item.blockSignals(True)
        self.item.clear()
        for item in self.flags.items:
            self.item.addItem(item.name, item.id)
        self.item.setCurrentIndex(max(0, self.item.findData(kept)))
        self.item.blockSignals(False)
        self._show_plan()
        self._show_workplan()

    def _plan_chosen(self) -> None:
        """Another item or flag picked: what was typed is in the plan already; save it."""
        self.section.flush()
        self._show_plan()

    def hideEvent(self, event: QHideEvent) -> None:
        self.section.flush()
        super().hideEvent(event)

    def _show_plan(self) -> None:
        self._filling = True
        try:
            self._fill_plan()
        finally:
            self._filling = False

    def _fill_plan(self) -> None:
        item_id, flag = self.item.currentData(), self.flag.currentData()
        self.goal_table.setRowCount(0)
        self.action_table.setRowCount(0)
        self.shown = (str(item_id), str(flag)) if item_id else None
        if not item_id:
            self.outcome.clear()
            self.parties.clear()
            return
        plan = next((p for p in self.flags.plans if p.item == item_id and p.flag == flag), None)
        latest = self.flags.latest(str(item_id))
        self.outcome.setPlainText(plan.outcome if plan else "")
        self.parties.setText(plan.parties if plan else "")
        goals = plan.goals if plan else []
        if not goals and latest is not None:
            baseline = latest.flags[str(flag)].baseline
            if baseline.value is not None:  # start from the diagnosis' baseline
                goals = [Goal("", None, baseline.unit, "", baseline)]
        for goal in goals:
            self._append(
                self.goal_table,
                [
                    goal.text,
                    _number(goal.baseline.value),
                    goal.baseline.on,
                    _number(goal.target),
                    goal.unit,
                    goal.by,
                    _number(goal.latest),
                ],
            )
        for action in plan.actions if plan else []:
            self._append(
                self.action_table,
                [action.text, action.quantity, action.frequency, action.owner, action.starts, action.ends],
            )
        show_error(self.error, "")

    def _append(self, table: QTableWidget, texts: list[str]) -> None:
        row = table.rowCount()
        table.insertRow(row)
        dates = GOAL_DATES if table is self.goal_table else ACTION_DATES
        for column, text in enumerate(texts):
            table.setItem(row, column, date_cell(text) if column in dates else QTableWidgetItem(text))

    def _cell(self, table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        if column in (GOAL_DATES if table is self.goal_table else ACTION_DATES):
            return cell_date_text(item)
        return item.text().strip() if item is not None else ""

    def _edited(self, *_args: object) -> None:
        if not self._filling:
            self.store(quiet=True)

    def _goal_in_row(self, row: int, before: Goal) -> Goal:
        """The goal the table's `row` shows; each number shown as `before` held it is kept as
        it was (12 stays 12). Raises ValueError for a number that is not one."""
        cell = self._cell
        return Goal(
            cell(self.goal_table, row, 0),
            _read(cell(self.goal_table, row, 3), before.target),
            cell(self.goal_table, row, 4),
            cell(self.goal_table, row, 5),
            Measure(
                _read(cell(self.goal_table, row, 1), before.baseline.value),
                cell(self.goal_table, row, 4),
                cell(self.goal_table, row, 2),
            ),
            _read(cell(self.goal_table, row, 6), before.latest),
        )

    def store(self, quiet: bool = False) -> None:
        """The fields into the plan they show (a bad number is said at the form, the rest is
        kept); saved at once, or after a pause while typing (`quiet`)."""
        if self.shown is None:
            return
        item_id, flag = self.shown
        plan = self.flags.plan(item_id, Flag(flag))
        plan.outcome = self.outcome.toPlainText().strip()
        plan.parties = self.parties.text().strip()
        plan.actions = [
            Action(*(self._cell(self.action_table, r, c) for c in range(6)))
            for r in range(self.action_table.rowCount())
            if self._cell(self.action_table, r, 0)
        ]
        before = plan.goals
        try:
            goals = [
                self._goal_in_row(r, before[r] if r < len(before) else Goal(""))
                for r in range(self.goal_table.rowCount())
                if self._cell(self.goal_table, r, 0)
            ]
        except ValueError:
            show_error(self.error, _("Baselines and targets are numbers, such as 40 or 12.5."))
        else:
            plan.goals = goals
            errors = validate_plan(plan)
            show_error(self.error, "\n".join(e.message for e in errors))
        if quiet:  # kept even with errors: nothing typed is lost
            self.section.changed()
        else:
            self.section.save()
        self._show_workplan()

    def _show_workplan(self) -> None:
        flag_code = self.filter_flag.currentData()
        lines = workplan(
            self.flags.plans,
            {i.id: i for i in self.flags.items},
            flag=Flag(flag_code) if flag_code else None,
            owner=self.filter_owner.text().strip(),
        )
        self.workplan.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for column, text in enumerate(
                (
                    line.item,
                    line.flag.label,
                    line.action.text,
                    line.action.owner,
                    line.action.starts,
                    line.action.ends,
                )
            ):
                self.workplan.setItem(row, column, QTableWidgetItem(text))


def _number(value: float | None) -> str:
    return "" if value is None else (str(int(value)) if float(value).is_integer() else str(value))


def _parse(text: str) -> float | None:
    """The number typed: a whole number as such (12, not 12.0), or None for nothing."""
    cleaned = i18n.strip_marks(text).replace(",", "").strip()
    if not cleaned:
        return None
    number = float(cleaned)
    return int(number) if cleaned.lstrip("+-").isdigit() else number


def _read(text: str, before: float | None) -> float | None:
    """`before` when `text` is how it is shown (a number only looked at is not rewritten:
    12 read back as 12.0 was a change nobody made), else the number typed."""
    return before if before is not None and text == _number(before) else _parse(text)
