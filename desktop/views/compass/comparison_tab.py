"""Two takings side by side (year one and year three, or any two): per outcome and goal area,
how many statements held before and after, and which came to hold or stopped holding."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.models.compass import OUTCOMES, Compass, compare
from desktop.views.compass.takings_tab import taking_title
from desktop.views.town_instruments.context import InstrumentContext, fill_combo

UP = QColor("#dff3e4")
DOWN = QColor("#fde2e1")


class ComparisonTab(QWidget):
    def __init__(self, context: InstrumentContext) -> None:
        super().__init__()
        self.context = context
        self.before = QComboBox()
        self.before.setObjectName("compare_before")
        self.after = QComboBox()
        self.after.setObjectName("compare_after")
        self.message = QLabel()
        self.message.setObjectName("compare_message")
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("compare_table")
        self.table.setHorizontalHeaderLabels(
            [_("Infrastructure outcome"), _("Goal area"), _("Before"), _("After"), _("What changed")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        form = QFormLayout()
        form.addRow(_("Earlier taking"), self.before)
        form.addRow(_("Later taking"), self.after)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.before.currentIndexChanged.connect(self._show)
        self.after.currentIndexChanged.connect(self._show)
        self.refresh()

    @property
    def compass(self) -> Compass:
        compass: Compass = self.context.document
        return compass

    def refresh(self) -> None:
        takings = self.compass.ordered_takings()
        items = [(t.id, taking_title(t)) for t in takings]
        before = str(self.before.currentData() or "") or (takings[0].id if takings else "")
        after = str(self.after.currentData() or "") or (takings[-1].id if takings else "")
        fill_combo(self.before, items, before)
        fill_combo(self.after, items, after)
        self._show()

    def _show(self) -> None:
        before = self.compass.taking(str(self.before.currentData() or ""))
        after = self.compass.taking(str(self.after.currentData() or ""))
        if before is None or after is None or before.id == after.id:
            self.message.setText(_("Take the compass twice to compare two takings."))
            self.table.setRowCount(0)
            return
        self.message.setText("")
        changes = compare(self.compass, before, after)
        self.table.setRowCount(len(changes))
        for row, change in enumerate(changes):
            gained = [self._text(s) for s in change.gained]
            lost = [self._text(s) for s in change.lost]
            what = []
            if gained:
                what.append(_("Now holds: {statements}").format(statements="; ".join(gained)))
            if lost:
                what.append(_("No longer holds: {statements}").format(statements="; ".join(lost)))
            cells = [
                _(OUTCOMES[change.outcome]),
                change.area,
                f"{change.held_before}/{change.statements}",
                f"{change.held_after}/{change.statements}",
                " ".join(what) or _("No change"),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if change.change:
                    item.setBackground(QBrush(UP if change.change > 0 else DOWN))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def _text(self, statement_id: str) -> str:
        statement = self.compass.statement(statement_id)
        return statement.display_text() if statement else ""
