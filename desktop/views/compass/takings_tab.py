"""Taking the compass: on a date, each statement marked "holds" or "does not hold" in each
goal area it is marked for, with the evidence behind the mark."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
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
from desktop.models.compass import DOES_NOT_HOLD, HOLDS, MARKS, OUTCOMES, Compass, Statement, Taking
from desktop.views.town_instruments.context import InstrumentContext, line_edit, set_text
from desktop.views.widgets import date_editor, pydate, qdate

ID_ROLE = Qt.ItemDataRole.UserRole
HOLDS_COLOUR = QColor("#dff3e4")
NOT_COLOUR = QColor("#fde2e1")
OUTCOME_COLOUR = QColor("#e4ecf3")


def taking_title(taking: Taking) -> str:
    when = i18n.format_date(taking.taken_on)
    return f"{taking.label} ({when})" if taking.label else when


class TakingsTab(QWidget):
    def __init__(self, context: InstrumentContext) -> None:
        super().__init__()
        self.context = context
        self.current: str | None = None
        self.takings = QListWidget()
        self.takings.setObjectName("compass_takings")
        self.takings.setMaximumWidth(220)
        self.taken_on = date_editor("compass_taken_on")
        self.taken_on.setDate(qdate(date.today()))
        self.label = line_edit("compass_taking_label")
        self.label.setPlaceholderText(_("Such as: year one"))
        self.add_button = QPushButton(_("New taking"))
        self.add_button.setObjectName("compass_add_taking")
        side = QVBoxLayout()
        side.addWidget(QLabel(_("Takings")))
        side.addWidget(self.takings, 1)
        side.addWidget(self.taken_on)
        side.addWidget(self.label)
        side.addWidget(self.add_button)

        self.grid = QTableWidget()
        self.grid.setObjectName("compass_marks")
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setWordWrap(True)
        self.grid.verticalHeader().hide()
        self.evidence = line_edit("compass_evidence")
        self.evidence.setPlaceholderText(_("Documents, minutes, data…"))
        self.cell_label = QLabel()
        self.cell_label.setObjectName("compass_cell")
        self.cell_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Evidence for the selected mark"), self.evidence)
        main = QVBoxLayout()
        main.addWidget(self.grid, 1)
        main.addWidget(self.cell_label)
        main.addLayout(form)
        layout = QHBoxLayout(self)
        layout.addLayout(side)
        layout.addLayout(main, 1)
        self.cell: tuple[str, str] | None = None  # (statement id, area)

        self.takings.currentRowChanged.connect(self._taking_chosen)
        self.add_button.clicked.connect(self._add_taking)
        self.grid.currentCellChanged.connect(self._cell_chosen)
        self.evidence.textEdited.connect(self._evidence_typed)
        for widget in (self.taken_on, self.label, self.add_button, self.evidence):
            widget.setEnabled(not context.read_only)
        self.refresh()

    @property
    def compass(self) -> Compass:
        compass: Compass = self.context.document
        return compass

    def taking(self) -> Taking | None:
        return self.compass.taking(self.current) if self.current else None

    def refresh(self) -> None:
        takings = self.compass.ordered_takings()
        if self.current is None or self.compass.taking(self.current) is None:
            self.current = takings[-1].id if takings else None
        self.takings.blockSignals(True)
        self.takings.clear()
        for taking in takings:
            item = QListWidgetItem(taking_title(taking))
            item.setData(ID_ROLE, taking.id)
            self.takings.addItem(item)
            if taking.id == self.current:
                self.takings.setCurrentItem(item)
        self.takings.blockSignals(False)
        self._fill_grid()

    def rows(self) -> list[Statement | str]:
        """The grid's rows: each outcome's heading, then its statements."""
        rows: list[Statement | str] = []
        for outcome in OUTCOMES:
            statements = self.compass.outcome_statements(outcome)
            if statements:
                rows.append(outcome)
                rows.extend(statements)
        return rows

    def _fill_grid(self) -> None:
        taking = self.taking()
        areas = self.compass.areas
        rows = self.rows() if taking else []
        self.grid.clear()
        self.grid.setColumnCount(1 + len(areas))
        self.grid.setHorizontalHeaderLabels([_("Indicator statement"), *areas])
        self.grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.grid.setRowCount(len(rows))
        for row, entry in enumerate(rows):
            if isinstance(entry, str):
                item = QTableWidgetItem(_(OUTCOMES[entry]))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setBackground(QBrush(OUTCOME_COLOUR))
                self.grid.setItem(row, 0, item)
                self.grid.setSpan(row, 0, 1, 1 + len(areas))
                continue
            text = QTableWidgetItem(entry.display_text())
            text.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            text.setData(ID_ROLE, entry.id)
            self.grid.setItem(row, 0, text)
            for column, area in enumerate(areas, start=1):
                if area not in entry.areas:
                    blank = QTableWidgetItem("")
                    blank.setFlags(Qt.ItemFlag.NoItemFlags)
                    self.grid.setItem(row, column, blank)
                    continue
                assert taking is not None
                combo = QComboBox()
                combo.setObjectName(f"mark_{entry.id}_{column}")
                combo.addItem("—", "")
                for key, label in MARKS.items():
                    combo.addItem(_(label), key)
                mark = taking.mark(entry.id, area)
                combo.setCurrentIndex(max(combo.findData(mark.value), 0))
                combo.setEnabled(not self.context.read_only)
                combo.currentIndexChanged.connect(
                    lambda _i, s=entry.id, a=area, c=combo: self._marked(s, a, str(c.currentData()))
                )
                holder = QTableWidgetItem()
                holder.setData(ID_ROLE, (entry.id, area))
                colour = {HOLDS: HOLDS_COLOUR, DOES_NOT_HOLD: NOT_COLOUR}.get(mark.value)
                if colour is not None:
                    holder.setBackground(QBrush(colour))
                self.grid.setItem(row, column, holder)
                self.grid.setCellWidget(row, column, combo)
        self.grid.resizeRowsToContents()
        self.cell = None
        self._show_cell()

    def mark_combo(self, statement_id: str, area: str) -> QComboBox:
        """The mark's field of a statement in a goal area (for tests and keyboard users)."""
        column = 1 + self.compass.areas.index(area)
        for row in range(self.grid.rowCount()):
            item = self.grid.item(row, 0)
            if item is not None and item.data(ID_ROLE) == statement_id:
                widget = self.grid.cellWidget(row, column)
                assert isinstance(widget, QComboBox)
                return widget
        raise KeyError(statement_id)

    def select_cell(self, statement_id: str, area: str) -> None:
        column = 1 + self.compass.areas.index(area)
        for row in range(self.grid.rowCount()):
            item = self.grid.item(row, 0)
            if item is not None and item.data(ID_ROLE) == statement_id:
                self.grid.setCurrentCell(row, column)
                return

    def _taking_chosen(self, row: int) -> None:
        item = self.takings.item(row)
        if item is None:
            return
        self.context.flush()
        self.current = str(item.data(ID_ROLE))
        self._fill_grid()

    def _add_taking(self) -> None:
        taking = self.compass.add_taking(pydate(self.taken_on.date()), self.label.text())
        self.label.clear()
        self.current = taking.id
        self.context.save()
        self.refresh()

    def _marked(self, statement_id: str, area: str, value: str) -> None:
        if self.current is None:
            return
        self.compass.set_mark(self.current, statement_id, area, value)
        self.context.save()
        self.select_cell(statement_id, area)

    def _cell_chosen(self, row: int, column: int, _prev_row: int, _prev_column: int) -> None:
        self.context.flush()
        item = self.grid.item(row, column)
        data = item.data(ID_ROLE) if item is not None and column > 0 else None
        self.cell = (str(data[0]), str(data[1])) if isinstance(data, tuple) else None
        self._show_cell()

    def _show_cell(self) -> None:
        taking = self.taking()
        self.evidence.setEnabled(self.cell is not None and taking is not None and not self.context.read_only)
        if self.cell is None or taking is None:
            self.cell_label.setText("")
            set_text(self.evidence, "")
            return
        statement = self.compass.statement(self.cell[0])
        self.cell_label.setText(f"{self.cell[1]}: {statement.display_text() if statement else ''}")
        set_text(self.evidence, taking.mark(*self.cell).evidence)

    def _evidence_typed(self, text: str) -> None:
        taking = self.taking()
        if taking is None or self.cell is None:
            return
        statement_id, area = self.cell
        value = taking.mark(statement_id, area).value
        self.compass.set_mark(taking.id, statement_id, area, value, text)
        self.context.changed()
