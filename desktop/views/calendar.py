"""The calendar of every meeting the workspace knows, by month, with Hebrew dates; right to
left in Hebrew and Arabic (the week runs from the right); export to .ics."""

from __future__ import annotations

import calendar as month_calendar
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.calendar import Event, month_events
from desktop.models.hebrew_calendar import hebrew_date
from desktop.progress import Progress
from desktop.storage.workspace import Workspace
from desktop.views.background import WorkspaceReader

EVENTS_ROLE = Qt.ItemDataRole.UserRole + 1


def _weekday_names() -> list[str]:
    from babel.dates import get_day_names

    names = get_day_names("abbreviated", locale=i18n.BABEL_LOCALES[i18n.current_language()])
    return [str(names[(6 + index) % 7]) for index in range(7)]  # Sunday first, as in Israel


class CalendarDialog(QDialog):
    open_requested = Signal(object)  # a desktop.models.journey.Target

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendar_dialog")
        self.setWindowTitle(_("Meetings calendar"))
        self.workspace = workspace
        self.events: list[Event] = []  # (read in the background: the month shows at once)
        shown = today or date.today()
        self.year, self.month = shown.year, shown.month
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.previous_button = QPushButton(_("Previous month"))
        self.next_button = QPushButton(_("Next month"))
        self.export_button = QPushButton(_("Export to .ics…"))
        self.previous_button.clicked.connect(lambda: self.move_months(-1))
        self.next_button.clicked.connect(lambda: self.move_months(1))
        self.export_button.clicked.connect(self._ask_export)
        self.grid = QTableWidget(0, 7)
        self.grid.setObjectName("calendar_grid")
        self.grid.setHorizontalHeaderLabels(_weekday_names())
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().hide()
        self.grid.setWordWrap(True)
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid.cellDoubleClicked.connect(self._open_cell)
        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.title, 1, Qt.AlignmentFlag.AlignCenter)
        top.addWidget(self.next_button)
        bottom = QHBoxLayout()
        self.count = QLabel()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)
        layout.addLayout(bottom)
        self.resize(1100, 680)
        self.export_button.setEnabled(False)
        self.reader = WorkspaceReader(self, workspace, _read_events, self._read, self.count)
        self.fill()

    def _read(self, events: list[Event]) -> None:
        self.events = events
        self.export_button.setEnabled(True)
        self.fill()

    def move_months(self, months: int) -> None:
        index = self.year * 12 + self.month - 1 + months
        self.year, self.month = divmod(index, 12)
        self.month += 1
        self.fill()

    def show_month(self, year: int, month: int) -> None:
        self.year, self.month = year, month
        self.fill()

    def fill(self) -> None:
        from babel.dates import format_date

        first = date(self.year, self.month, 1)
        self.title.setText(
            format_date(first, "LLLL y", locale=i18n.BABEL_LOCALES[i18n.current_language()])
            + f" · {hebrew_date(first)}"
        )
        found = month_events(self.events, self.year, self.month)
        weeks = month_calendar.Calendar(firstweekday=6).monthdatescalendar(self.year, self.month)
        self.grid.clearContents()
        self.grid.setRowCount(len(weeks))
        for row, week in enumerate(weeks):
            for column, day in enumerate(week):
                if day.month != self.month:
                    continue
                events = found.get(day, [])
                text = f"{day.day} · {hebrew_date(day)}"
                text += "".join(f"\n• {event.title}" for event in events)
                item = QTableWidgetItem(text)
                item.setData(EVENTS_ROLE, events)
                item.setToolTip(text)
                if events:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.grid.setItem(row, column, item)
        if not self.reader.reading:
            total = sum(len(events) for events in found.values())
            self.count.setText(_("{count} meetings this month").format(count=total))

    def cell_of(self, day: date) -> QTableWidgetItem | None:
        for row in range(self.grid.rowCount()):
            for column in range(7):
                item = self.grid.item(row, column)
                if item is not None and item.text().startswith(f"{day.day} · "):
                    return item
        return None

    def _open_cell(self, row: int, column: int) -> None:
        item = self.grid.item(row, column)
        events = item.data(EVENTS_ROLE) if item is not None else None
        if events and events[0].target is not None:
            self.open_requested.emit(events[0].target)

    def export(self, path: Path) -> int:
        from desktop.storage.calendar_store import export_ics

        return export_ics(self.events, path, _("Meetings: {workspace}").format(workspace=self.workspace.name))

    def _ask_export(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Export to .ics…"), f"{self.workspace.name}.ics", _("Calendar files (*.ics)")
        )
        if chosen:
            written = self.export(Path(chosen))
            self.count.setText(
                _("{count} meetings written to {name}.").format(count=written, name=Path(chosen).name)
            )


def _read_events(workspace: Workspace, progress: Progress) -> list[Event]:
    from desktop.storage.calendar_store import workspace_events

    return workspace_events(workspace, progress)
