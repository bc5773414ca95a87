"""The eight guiding principles of managing the portfolio (seed 001 l.866-873): a checklist
with the person's notes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.models.portfolio import PRINCIPLES, Portfolio
from desktop.views.town_instruments.context import InstrumentContext, line_edit, set_text


class PrinciplesTab(QWidget):
    def __init__(self, context: InstrumentContext) -> None:
        super().__init__()
        self.context = context
        inner = QWidget()
        grid = QGridLayout(inner)
        self.checks: dict[str, QCheckBox] = {}
        self.notes = {}
        for row, (key, text) in enumerate(PRINCIPLES.items()):
            check = QCheckBox()
            check.setObjectName(f"principle_{key}")
            label = QLabel(_(text))
            label.setWordWrap(True)
            label.setBuddy(check)
            note = line_edit(f"principle_note_{key}")
            note.setPlaceholderText(_("Notes"))
            check.toggled.connect(lambda held, key=key: self._toggled(key, held))
            note.textEdited.connect(lambda text, key=key: self._noted(key, text))
            check.setEnabled(not context.read_only)
            note.setReadOnly(context.read_only)
            grid.addWidget(check, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 1)
            grid.addWidget(note, row, 2)
            self.checks[key], self.notes[key] = check, note
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Guiding principles in managing the investment portfolio")))
        layout.addWidget(scroll, 1)
        self.refresh()

    @property
    def portfolio(self) -> Portfolio:
        portfolio: Portfolio = self.context.document
        return portfolio

    def refresh(self) -> None:
        for key, check in self.checks.items():
            principle = self.portfolio.principles.get(key)
            check.blockSignals(True)
            check.setChecked(bool(principle and principle.held))
            check.blockSignals(False)
            set_text(self.notes[key], principle.notes if principle else "")

    def _toggled(self, key: str, held: bool) -> None:
        self.portfolio.principle(key).held = held
        self.context.save()

    def _noted(self, key: str, text: str) -> None:
        self.portfolio.principle(key).notes = text.strip()
        self.context.changed()
