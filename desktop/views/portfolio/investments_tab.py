"""The register of every investment in the town: source, amount a year, years, field,
life-course stage, the goal and plan action it serves, new money or existing budget."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.models.portfolio import KINDS, SOURCES, Investment, Portfolio, check_investment, new_investment
from desktop.models.town_instruments import LIFE_STAGES, label_of, money_text, parse_money, plain_amount
from desktop.models.validation import ValidationError
from desktop.storage.portfolio_store import PlanActionChoice
from desktop.views.town_instruments.context import (
    InstrumentContext,
    fill_combo,
    line_edit,
    set_text,
)
from desktop.views.widgets import error_label, show_error


def column_titles() -> list[str]:
    return [
        _("Investment"),
        _("Source"),
        _("₪ a year"),
        _("Years"),
        _("Field"),
        _("Life-course stage"),
        _("New or existing"),
        _("Total"),
    ]


def investment_cells(investment: Investment) -> list[str]:
    return [
        investment.title,
        label_of(SOURCES, investment.source),
        money_text(investment.amount),
        f"{investment.first_year}-{investment.last_year}"  # low-high: one unit in RTL
        if investment.last_year != investment.first_year
        else str(investment.first_year),
        investment.field or "—",
        label_of(LIFE_STAGES, investment.life_stage),
        label_of(KINDS, investment.kind),
        money_text(investment.total()),
    ]


class InvestmentsModel(QAbstractTableModel):
    """The register as a model: each cell's text is made only when the view shows it, so a
    portfolio of thousands of investments refills at once."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.investments: list[Investment] = []
        self.titles = column_titles()
        self._cache: dict[int, list[str]] = {}

    def set_investments(self, investments: list[Investment]) -> None:
        self.beginResetModel()
        self.investments = list(investments)
        self._cache.clear()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.investments)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.titles)

    def text(self, row: int, column: int) -> str:
        if row not in self._cache:
            self._cache[row] = investment_cells(self.investments[row])
        return self._cache[row][column]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.text(index.row(), index.column())
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles[section]
        return None

    def investment_at(self, row: int) -> Investment:
        return self.investments[row]

    def row_of(self, investment_id: str) -> int | None:
        return next((n for n, i in enumerate(self.investments) if i.id == investment_id), None)

    def investment_changed(self, investment_id: str) -> None:
        row = self.row_of(investment_id)
        if row is not None:
            self._cache.pop(row, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.titles) - 1))


def _year_spin(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(2000, 2100)
    return spin


class InvestmentsTab(QWidget):
    def __init__(self, context: InstrumentContext, actions: list[PlanActionChoice], this_year: int) -> None:
        super().__init__()
        self.context = context
        self.plan_actions = actions
        self.selected: str | None = None
        self.model = InvestmentsModel(self)
        self.table = QTableView()
        self.table.setObjectName("portfolio_investments")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()

        # adding: name, source, amount a year, years
        self.new_title = line_edit("investment_new_title")
        self.new_title.setPlaceholderText(_("Name of the investment"))
        self.new_source = QComboBox()
        self.new_source.setObjectName("investment_new_source")
        fill_combo(self.new_source, [(k, _(v)) for k, v in SOURCES.items()], "ministry")
        self.new_amount = line_edit("investment_new_amount", left_to_right=True)
        self.new_amount.setPlaceholderText(_("₪ a year"))
        self.new_first = _year_spin("investment_new_first")
        self.new_last = _year_spin("investment_new_last")
        self.new_first.setValue(this_year)
        self.new_last.setValue(this_year)
        self.add_button = QPushButton(_("Add investment"))
        self.add_button.setObjectName("investment_add")
        self.remove_button = QPushButton(_("Delete investment"))
        self.remove_button.setObjectName("investment_remove")
        self.add_error = error_label("investment_add_error")
        adding = QHBoxLayout()
        adding.addWidget(self.new_title, 2)
        adding.addWidget(self.new_source)
        adding.addWidget(self.new_amount, 1)
        adding.addWidget(self.new_first)
        adding.addWidget(self.new_last)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)

        # the selected investment
        self.details = QGroupBox(_("The selected investment"))
        self.title = line_edit("investment_title")
        self.source = QComboBox()
        self.source.setObjectName("investment_source")
        self.funder = line_edit("investment_funder")
        self.amount = line_edit("investment_amount", left_to_right=True)
        self.first_year = _year_spin("investment_first")
        self.last_year = _year_spin("investment_last")
        self.field = QComboBox()
        self.field.setObjectName("investment_field")
        self.field.setEditable(True)
        self.life_stage = QComboBox()
        self.life_stage.setObjectName("investment_life_stage")
        self.plan_action = QComboBox()
        self.plan_action.setObjectName("investment_plan_action")
        self.goal = line_edit("investment_goal")
        self.kind = QComboBox()
        self.kind.setObjectName("investment_kind")
        self.error = error_label("investment_error")
        left, right = QFormLayout(), QFormLayout()
        left.addRow(_("Investment"), self.title)
        left.addRow(_("Source"), self.source)
        left.addRow(_("Who gives it"), self.funder)
        left.addRow(_("₪ a year"), self.amount)
        years = QHBoxLayout()
        years.addWidget(self.first_year)
        years.addWidget(self.last_year)
        left.addRow(_("Years (first, last)"), years)
        right.addRow(_("Field"), self.field)
        right.addRow(_("Life-course stage"), self.life_stage)
        right.addRow(_("Collective plan action"), self.plan_action)
        right.addRow(_("Town goal"), self.goal)
        right.addRow(_("New or existing"), self.kind)
        grid = QGridLayout(self.details)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.error, 1, 0, 1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addWidget(self.add_error)
        layout.addWidget(self.details)

        self.table.selectionModel().selectionChanged.connect(self._row_selected)
        self.add_button.clicked.connect(self._add)
        self.new_amount.returnPressed.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.title.textEdited.connect(self._title_typed)
        self.funder.textEdited.connect(self._funder_typed)
        self.goal.textEdited.connect(self._goal_typed)
        self.amount.editingFinished.connect(self._amount_typed)
        self.first_year.valueChanged.connect(self._years_changed)
        self.last_year.valueChanged.connect(self._years_changed)
        self.source.currentIndexChanged.connect(lambda: self._chosen("source", self.source))
        self.kind.currentIndexChanged.connect(lambda: self._chosen("kind", self.kind))
        self.life_stage.currentIndexChanged.connect(lambda: self._chosen("life_stage", self.life_stage))
        self.field.currentTextChanged.connect(self._field_typed)
        self.plan_action.currentIndexChanged.connect(self._action_chosen)
        for widget in (self.new_title, self.new_amount, self.add_button, self.remove_button, self.details):
            widget.setEnabled(not context.read_only)
        self.refresh()

    @property
    def portfolio(self) -> Portfolio:
        portfolio: Portfolio = self.context.document
        return portfolio

    def investment(self) -> Investment | None:
        return self.portfolio.investment(self.selected) if self.selected else None

    def refresh(self) -> None:
        investments = self.portfolio.investments
        if self.selected is None or self.portfolio.investment(self.selected) is None:
            self.selected = investments[0].id if investments else None
        blocker = QSignalBlocker(self.table.selectionModel())
        self.model.set_investments(investments)
        row = self.model.row_of(self.selected) if self.selected else None
        if row is not None:
            self.table.selectRow(row)
        del blocker
        self._show_details()

    def _update_row(self) -> None:
        if self.selected is not None:
            self.model.investment_changed(self.selected)

    def _row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.context.flush()
        self.selected = self.model.investment_at(rows[0].row()).id
        self._show_details()

    def _show_details(self) -> None:
        investment = self.investment()
        self.details.setEnabled(investment is not None and not self.context.read_only)
        show_error(self.error, "")
        if investment is None:
            for edit in (self.title, self.funder, self.amount, self.goal):
                set_text(edit, "")
            return
        set_text(self.title, investment.title)
        set_text(self.funder, investment.funder)
        set_text(self.amount, plain_amount(investment.amount))
        set_text(self.goal, investment.goal)
        for spin, value in ((self.first_year, investment.first_year), (self.last_year, investment.last_year)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        fill_combo(self.source, [(k, _(v)) for k, v in SOURCES.items()], investment.source)
        fill_combo(self.kind, [(k, _(v)) for k, v in KINDS.items()], investment.kind)
        fill_combo(
            self.life_stage,
            [(k, _(v)) for k, v in LIFE_STAGES.items()],
            investment.life_stage,
            blank=_("(choose)"),
        )
        fields = sorted(
            {i.field for i in self.portfolio.investments if i.field} | {a.goal for a in self.plan_actions}
        )
        self.field.blockSignals(True)
        self.field.clear()
        self.field.addItems(fields)
        self.field.setEditText(investment.field)
        self.field.blockSignals(False)
        fill_combo(
            self.plan_action,
            [(f"{a.plan_uuid}/{a.action}", f"{a.goal} – {a.title}") for a in self.plan_actions],
            f"{investment.plan}/{investment.action}",
            blank=_("(none)"),
        )

    def _show(self, message: str) -> None:
        show_error(self.error, message)

    def _add(self) -> None:
        try:
            amount = parse_money("amount", self.new_amount.text(), required=True)
            assert amount is not None
            investment = new_investment(
                self.new_title.text(),
                str(self.new_source.currentData()),
                amount,
                self.new_first.value(),
                last_year=self.new_last.value(),
            )
            self.portfolio.add(investment)
        except ValidationError as error:
            show_error(self.add_error, error.message)
            return
        show_error(self.add_error, "")
        self.new_title.clear()
        self.new_amount.clear()
        self.selected = investment.id
        self.context.save()
        self.refresh()

    def _remove(self) -> None:
        investment = self.investment()
        if investment is None:
            return
        from desktop.views.dialogs import confirm

        question = _("Delete the investment “{title}”?").format(title=investment.title)
        if not confirm(self, _("Delete investment"), question):
            return
        self.portfolio.remove(investment.id)
        self.selected = None
        self.context.save()
        self.refresh()

    def _apply(self, investment: Investment, **changes: object) -> bool:
        """Change the investment when the result is a valid one; else say why at the field."""
        before = dict(vars(investment))
        for key, value in changes.items():
            setattr(investment, key, value)
        try:
            check_investment(investment)
        except ValidationError as error:
            for key, value in before.items():
                setattr(investment, key, value)
            self._show(error.message)
            return False
        self._show("")
        self._update_row()
        return True

    def _title_typed(self, text: str) -> None:
        investment = self.investment()
        if investment is not None and self._apply(investment, title=" ".join(text.split())):
            self.context.changed()

    def _funder_typed(self, text: str) -> None:
        investment = self.investment()
        if investment is not None:
            investment.funder = " ".join(text.split())
            self.context.changed()

    def _goal_typed(self, text: str) -> None:
        investment = self.investment()
        if investment is not None:
            investment.goal = " ".join(text.split())
            self.context.changed()

    def _field_typed(self, text: str) -> None:
        investment = self.investment()
        if investment is not None:
            investment.field = " ".join(text.split())
            self._update_row()
            self.context.changed()

    def _amount_typed(self) -> None:
        investment = self.investment()
        if investment is None:
            return
        try:
            amount = parse_money("amount", self.amount.text(), required=True)
        except ValidationError as error:
            self._show(error.message)  # what was typed stays in the field
            return
        if amount is not None and self._apply(investment, amount=amount):
            self.context.save()

    def _years_changed(self) -> None:
        investment = self.investment()
        if investment is not None and self._apply(
            investment, first_year=self.first_year.value(), last_year=self.last_year.value()
        ):
            self.context.save()

    def _chosen(self, name: str, combo: QComboBox) -> None:
        investment = self.investment()
        if investment is not None and self._apply(investment, **{name: str(combo.currentData() or "")}):
            self.context.save()

    def _action_chosen(self) -> None:
        investment = self.investment()
        if investment is None:
            return
        key = str(self.plan_action.currentData() or "")
        chosen = next((a for a in self.plan_actions if f"{a.plan_uuid}/{a.action}" == key), None)
        if chosen is None:
            investment.plan = investment.action = investment.action_title = ""
        else:
            investment.plan, investment.action, investment.action_title = (
                chosen.plan_uuid,
                chosen.action,
                chosen.title,
            )
            investment.goal = chosen.goal
            set_text(self.goal, chosen.goal)
        self.context.save()
