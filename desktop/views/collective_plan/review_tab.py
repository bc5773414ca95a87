"""Planned against done: the town administration's review of each action (status, what was
done, a note), what is late, and the budget by year and by who pays."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.collective_plan import FUNDERS, STATUSES, Action, CollectivePlan
from desktop.models.town_instruments import money_text
from desktop.views.town_instruments.context import (
    InstrumentContext,
    fill_combo,
    line_edit,
    set_text,
    table_cell,
    text_edit,
)

ID_ROLE = Qt.ItemDataRole.UserRole
LATE_COLOUR = QColor("#fde2e1")


class ReviewTab(QWidget):
    def __init__(self, context: InstrumentContext, today: date | None = None) -> None:
        super().__init__()
        self.context = context
        self.today = today or date.today()
        self.selected: str | None = None
        self.summary = QLabel()
        self.summary.setObjectName("review_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("review_actions")
        self.table.setHorizontalHeaderLabels([_("Action"), _("Owner"), _("Ends"), _("Status"), _("Late")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.status = QComboBox()
        self.status.setObjectName("review_status")
        self.done_text = line_edit("review_done")
        self.note = text_edit("review_note", 50)
        box = QGroupBox(_("Review of the selected action"))
        form = QFormLayout(box)
        form.addRow(_("Status"), self.status)
        form.addRow(_("What was done"), self.done_text)
        form.addRow(_("Note"), self.note)
        self.review_box = box
        self.budget = QTableWidget(0, 1 + len(FUNDERS))
        self.budget.setObjectName("review_budget")
        self.budget.setHorizontalHeaderLabels([_("Total")] + [_(FUNDERS[f]) for f in FUNDERS])
        self.budget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.budget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.budget.setMaximumHeight(150)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(box)
        layout.addWidget(QLabel(_("Budget by year and over the years")))
        layout.addWidget(self.budget)
        self.table.itemSelectionChanged.connect(self._row_selected)
        self.status.currentIndexChanged.connect(self._status_chosen)
        self.done_text.textEdited.connect(self._done_typed)
        self.note.textChanged.connect(self._note_typed)
        box.setEnabled(not context.read_only)
        self.refresh()

    @property
    def plan(self) -> CollectivePlan:
        plan: CollectivePlan = self.context.document
        return plan

    def action(self) -> Action | None:
        return self.plan.action(self.selected) if self.selected else None

    def refresh(self) -> None:
        plan = self.plan
        late = plan.late_actions(self.today)
        done = sum(1 for a in plan.actions if a.status == "done")
        self.summary.setText(
            _("{done} of {count} actions done; {late} late.").format(
                done=i18n.format_number(done),
                count=i18n.format_number(len(plan.actions)),
                late=i18n.format_number(len(late)),
            )
        )
        if self.selected is None or plan.action(self.selected) is None:
            self.selected = plan.actions[0].id if plan.actions else None
        self.table.blockSignals(True)
        self.table.setRowCount(len(plan.actions))
        for row, action in enumerate(plan.actions):
            is_late = action.late(self.today)
            cells = [
                action.title,
                action.owner,
                i18n.format_date(action.end) if action.end else "—",
                _(STATUSES[action.status]),
                _("Late") if is_late else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, action.id)
                if is_late:
                    item.setBackground(QBrush(LATE_COLOUR))
                self.table.setItem(row, column, item)
            if action.id == self.selected:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self._show_review()
        self._fill_budget()

    def _fill_budget(self) -> None:
        totals = self.plan.year_totals()
        rows = [(str(year), values) for year, values in totals.items()]
        rows.append((_("All years"), self.plan.multi_year()))
        self.budget.setRowCount(len(rows))
        self.budget.setVerticalHeaderLabels([label for label, _values in rows])
        for row, (_label, values) in enumerate(rows):
            for column, key in enumerate(("total", *FUNDERS)):
                self.budget.setItem(row, column, QTableWidgetItem(money_text(values[key])))

    def _row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.context.flush()
        self.selected = str(table_cell(self.table, rows[0].row(), 0).data(ID_ROLE))
        self._show_review()

    def _show_review(self) -> None:
        action = self.action()
        self.review_box.setEnabled(action is not None and not self.context.read_only)
        fill_combo(
            self.status, [(k, _(v)) for k, v in STATUSES.items()], action.status if action else "planned"
        )
        set_text(self.done_text, action.done_text if action else "")
        set_text(self.note, action.review_note if action else "")

    def _status_chosen(self) -> None:
        action = self.action()
        if action is None:
            return
        action.status = str(self.status.currentData())
        self.context.save()
        self.refresh()

    def _done_typed(self, text: str) -> None:
        action = self.action()
        if action is not None:
            action.done_text = " ".join(text.split())
            self.context.changed()

    def _note_typed(self) -> None:
        action = self.action()
        if action is not None:
            action.review_note = self.note.toPlainText().strip()
            self.context.changed()
