"""The compass's goal areas and its indicator statements, outcome by outcome: the seed's own
(data culture, marked as the seed's with its source) and those the team writes (marked as
theirs, with where they came from)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
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

from desktop.i18n import _
from desktop.models.compass import OUTCOMES, SEED, Compass, Statement
from desktop.models.validation import ValidationError
from desktop.views.town_instruments.context import InstrumentContext, fill_combo, line_edit, table_cell
from desktop.views.widgets import error_label, show_error

ID_ROLE = Qt.ItemDataRole.UserRole


def origin_label(statement: Statement) -> str:
    return _("From the seed") if statement.origin == SEED else _("Written by the team")


class StatementsTab(QWidget):
    def __init__(self, context: InstrumentContext) -> None:
        super().__init__()
        self.context = context
        self.selected: str | None = None
        # goal areas
        self.areas = QListWidget()
        self.areas.setObjectName("compass_areas")
        self.areas.setMaximumHeight(110)
        self.new_area = line_edit("compass_new_area")
        self.add_area_button = QPushButton(_("Add goal area"))
        self.add_area_button.setObjectName("compass_add_area")
        self.remove_area_button = QPushButton(_("Remove goal area"))
        self.remove_area_button.setObjectName("compass_remove_area")
        self.area_error = error_label("compass_area_error")
        area_row = QHBoxLayout()
        area_row.addWidget(self.new_area, 1)
        area_row.addWidget(self.add_area_button)
        area_row.addWidget(self.remove_area_button)
        areas_box = QGroupBox(_("Goal areas"))
        areas_layout = QVBoxLayout(areas_box)
        areas_layout.addWidget(self.areas)
        areas_layout.addLayout(area_row)
        areas_layout.addWidget(self.area_error)

        # statements
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("compass_statements")
        self.table.setHorizontalHeaderLabels(
            [_("Infrastructure outcome"), _("Indicator statement"), _("Origin"), _("Source")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 220)
        self.table.verticalHeader().hide()
        self.outcome = QComboBox()
        self.outcome.setObjectName("compass_new_outcome")
        fill_combo(self.outcome, [(k, _(v)) for k, v in OUTCOMES.items()], "shared_outcomes")
        self.outcome.setMinimumContentsLength(20)
        self.outcome.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.new_text = line_edit("compass_new_statement")
        self.new_text.setPlaceholderText(_("The indicator statement the team writes"))
        self.new_source = line_edit("compass_new_source")
        self.new_source.setPlaceholderText(_("Who wrote it, on what basis"))
        self.add_button = QPushButton(_("Add statement"))
        self.add_button.setObjectName("compass_add_statement")
        self.remove_button = QPushButton(_("Remove statement"))
        self.remove_button.setObjectName("compass_remove_statement")
        self.statement_error = error_label("compass_statement_error")
        adding = QHBoxLayout()
        adding.addWidget(self.outcome, 2)
        adding.addWidget(self.new_text, 3)
        adding.addWidget(self.new_source, 2)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        self.statement_areas = QListWidget()
        self.statement_areas.setObjectName("compass_statement_areas")
        self.statement_areas.setMaximumHeight(90)
        selected_box = QGroupBox(_("Goal areas the selected statement is marked for"))
        selected_layout = QFormLayout(selected_box)
        selected_layout.addRow(self.statement_areas)
        note = QLabel(
            _(
                "The compass was developed by the Yishuv BaMerkaz team and the Rashi Foundation's R&D "
                "department and validated by ERI. The seed gives indicator statements only for the "
                "data-culture outcome; write your own for the others, saying where they came from."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(areas_box)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addWidget(self.statement_error)
        layout.addWidget(selected_box)

        self.add_area_button.clicked.connect(self._add_area)
        self.new_area.returnPressed.connect(self._add_area)
        self.remove_area_button.clicked.connect(self._remove_area)
        self.add_button.clicked.connect(self._add_statement)
        self.remove_button.clicked.connect(self._remove_statement)
        self.table.itemSelectionChanged.connect(self._row_selected)
        self.statement_areas.itemChanged.connect(self._area_toggled)
        for widget in (
            self.new_area,
            self.add_area_button,
            self.remove_area_button,
            self.new_text,
            self.new_source,
            self.add_button,
            self.remove_button,
            selected_box,
        ):
            widget.setEnabled(not context.read_only)
        self.refresh()

    @property
    def compass(self) -> Compass:
        compass: Compass = self.context.document
        return compass

    def refresh(self) -> None:
        compass = self.compass
        self.areas.clear()
        self.areas.addItems(compass.areas)
        ordered = [s for outcome in OUTCOMES for s in compass.outcome_statements(outcome)]
        if self.selected is None or compass.statement(self.selected) is None:
            self.selected = ordered[0].id if ordered else None
        self.table.blockSignals(True)
        self.table.setRowCount(len(ordered))
        for row, statement in enumerate(ordered):
            cells = [
                _(OUTCOMES[statement.outcome]),
                statement.display_text(),
                origin_label(statement),
                statement.display_source(),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, statement.id)
                self.table.setItem(row, column, item)
            if statement.id == self.selected:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self._show_areas()

    def _row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.selected = str(table_cell(self.table, rows[0].row(), 0).data(ID_ROLE))
            self._show_areas()

    def _show_areas(self) -> None:
        statement = self.compass.statement(self.selected) if self.selected else None
        self.statement_areas.blockSignals(True)
        self.statement_areas.clear()
        for area in self.compass.areas:
            if statement is None:
                break
            item = QListWidgetItem(area)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if area in statement.areas else Qt.CheckState.Unchecked)
            self.statement_areas.addItem(item)
        self.statement_areas.blockSignals(False)

    def _area_toggled(self, _item: QListWidgetItem) -> None:
        if self.selected is None:
            return
        chosen = [
            self.statement_areas.item(row).text()
            for row in range(self.statement_areas.count())
            if self.statement_areas.item(row).checkState() == Qt.CheckState.Checked
        ]
        try:
            self.compass.set_statement_areas(self.selected, chosen)
        except ValidationError as error:
            show_error(self.statement_error, error.message)
            self._show_areas()  # the stored areas again
            return
        show_error(self.statement_error, "")
        self.context.save()

    def _add_area(self) -> None:
        try:
            self.compass.add_area(self.new_area.text())
        except ValidationError as error:
            show_error(self.area_error, error.message)
            return
        show_error(self.area_error, "")
        self.new_area.clear()
        self.context.save()
        self.refresh()

    def _remove_area(self) -> None:
        item = self.areas.currentItem()
        if item is None:
            return
        try:
            self.compass.remove_area(item.text())
        except ValidationError as error:
            show_error(self.area_error, error.message)
            return
        show_error(self.area_error, "")
        self.context.save()
        self.refresh()

    def _add_statement(self) -> None:
        try:
            statement = self.compass.add_statement(
                str(self.outcome.currentData()), self.new_text.text(), self.new_source.text()
            )
        except ValidationError as error:
            show_error(self.statement_error, error.message)
            return
        show_error(self.statement_error, "")
        self.new_text.clear()
        self.new_source.clear()
        self.selected = statement.id
        self.context.save()
        self.refresh()

    def _remove_statement(self) -> None:
        statement = self.compass.statement(self.selected) if self.selected else None
        if statement is None:
            return
        from desktop.views.dialogs import confirm

        if not confirm(
            self,
            _("Remove statement"),
            _("Remove the statement “{text}” with its marks in every taking?").format(
                text=statement.display_text()
            ),
        ):
            return
        self.compass.remove_statement(statement.id)
        self.selected = None
        self.context.save()
        self.refresh()
