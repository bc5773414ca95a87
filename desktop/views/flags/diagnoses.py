"""Step 2 of the flags work: the diagnoses of each item against the four flags, its radar
against the previous diagnosis, and the heat map of the cluster."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from desktop.models.flags import ClusterFlags, Diagnosis, Flag
from desktop.views.flags.radar import RadarChart
from desktop.views.qt_i18n import two_lines

if TYPE_CHECKING:
    from desktop.views.flags.window import FlagsWindow

LEVEL_COLOURS = {1: "#ffcdd2", 2: "#ffe0b2", 3: "#fff9c4", 4: "#c8e6c9"}


class DiagnosesTab(QWidget):
    def __init__(self, section: FlagsWindow) -> None:
        super().__init__()
        self.section = section
        self.item = QComboBox()
        self.item.setObjectName("diagnosis_item")
        self.item.currentIndexChanged.connect(lambda _i: self._show_item())
        self.list = QListWidget()
        self.list.setObjectName("diagnoses")
        self.list.currentRowChanged.connect(lambda _r: self._show_radar())
        diagnose = QPushButton(_("Diagnose…"))
        diagnose.setObjectName("diagnose")
        diagnose.clicked.connect(self.diagnose)
        reopen = QPushButton(_("Open the diagnosis…"))
        reopen.setObjectName("open_diagnosis")
        reopen.clicked.connect(self.reopen)
        sheet = QPushButton(_("Blank scoring sheet (PDF)…"))
        sheet.setObjectName("scoring_sheet")
        sheet.clicked.connect(self._export_sheet)
        report = QPushButton(_("Diagnosis report (PDF)…"))
        report.setObjectName("diagnosis_pdf")
        report.clicked.connect(self._export)
        self.radar = RadarChart()
        self.radar.setObjectName("radar")
        self.heat = QTableWidget()
        self.heat.setObjectName("heat_map")
        self.heat.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        buttons = QHBoxLayout()
        for button in (diagnose, reopen, report, sheet):
            buttons.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(self.item)
        left.addWidget(self.list, 1)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(self.radar, 2)
        right.addWidget(QLabel(_("Heat map: the latest agreed level of every item")))
        right.addWidget(self.heat, 1)
        right.addLayout(heat_key())
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 2)

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
        self._show_item()
        rows = self.flags.heat_map()
        self.heat.setRowCount(len(rows))
        self.heat.setColumnCount(len(Flag))
        self.heat.setHorizontalHeaderLabels([two_lines(flag.label) for flag in Flag])
        self.heat.setVerticalHeaderLabels([item.name for item, _levels in rows])
        self.heat.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, (_item, levels) in enumerate(rows):
            for column, flag in enumerate(Flag):
                level = levels.get(flag)
                cell = QTableWidgetItem("" if level is None else str(level))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if level:
                    cell.setBackground(QBrush(QColor(LEVEL_COLOURS[level])))
                self.heat.setItem(row, column, cell)

    def _show_item(self) -> None:
        self.list.clear()
        item_id = self.item.currentData()
        if not item_id:
            self.radar.set_levels({})
            return
        for diagnosis in self.flags.item_diagnoses(str(item_id)):
            status = _("final") if diagnosis.final else _("draft")
            entry = QListWidgetItem(
                _("Diagnosis {number}").format(number=i18n.format_number(diagnosis.number))
                + f" · {i18n.format_date(date.fromisoformat(diagnosis.held_on))} · {status}"
            )
            entry.setData(Qt.ItemDataRole.UserRole, diagnosis.id)
            self.list.addItem(entry)
        if self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        self._show_radar()

    def selected(self) -> Diagnosis | None:
        entry = self.list.currentItem()
        if entry is None:
            return None
        return next(d for d in self.flags.diagnoses if d.id == entry.data(Qt.ItemDataRole.UserRole))

    def _show_radar(self) -> None:
        diagnosis = self.selected()
        if diagnosis is None:
            self.radar.set_levels({})
            return
        history = self.flags.item_diagnoses(diagnosis.item)
        index = history.index(diagnosis)
        before = history[index - 1] if index > 0 else None
        self.radar.set_levels(
            diagnosis.levels(),
            before.levels() if before else None,
            _("This diagnosis ({date})").format(date=_held_on(diagnosis)),
            _("The one before ({date})").format(date=_held_on(before)) if before else "",
        )

    def diagnose(self) -> None:
        item_id = self.item.currentData()
        if not item_id:
            return
        diagnosis = self.flags.new_diagnosis(str(item_id), date.today())
        self.section.save()
        self.run(diagnosis)

    def reopen(self) -> None:
        diagnosis = self.selected()
        if diagnosis is not None:
            self.run(diagnosis)

    def run(self, diagnosis: Diagnosis) -> None:
        from desktop.views.dialogs import run_and_delete
        from desktop.views.flags.diagnosis_wizard import DiagnosisWizard

        run_and_delete(DiagnosisWizard(self.section, diagnosis, self))
        self.refresh()

    def _export_sheet(self) -> None:
        item_id = self.item.currentData()
        if item_id:
            self.section.print_document("flags-sheet", item=str(item_id))

    def _export(self) -> None:
        diagnosis = self.selected()
        if diagnosis is not None:
            self.section.print_document("flags-diagnosis", diagnosis=diagnosis.number)


def _held_on(diagnosis: Diagnosis) -> str:
    return i18n.format_date(date.fromisoformat(diagnosis.held_on)) if diagnosis.held_on else ""


def heat_key() -> QHBoxLayout:
    """The heat map's colour key: what each colour says, levels 1-4 and "not diagnosed"."""
    row = QHBoxLayout()
    row.addWidget(QLabel(_("Key:")))
    for level, colour in LEVEL_COLOURS.items():
        swatch = QLabel(i18n.format_number(level))
        swatch.setObjectName(f"heat_key_{level}")
        swatch.setAlignment(Qt.AlignmentFlag.AlignCenter)
        swatch.setMinimumWidth(28)
        swatch.setStyleSheet(f"background: {colour}; border: 1px solid #b8c4ce; padding: 1px 6px;")
        row.addWidget(swatch)
    empty = QLabel(_("empty: not diagnosed yet"))
    empty.setObjectName("heat_key_empty")
    row.addWidget(empty)
    row.addWidget(QLabel(_("(1 = lowest, 4 = highest level of the rubric)")))
    row.addStretch(1)
    return row
