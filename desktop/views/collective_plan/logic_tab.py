"""The theory of change as a logic model: five columns of boxes (need, activities, outputs,
short-term and long-term outcomes) reading in the interface's direction, each box linked to
boxes of the next column."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.models.collective_plan import LEVELS, Box, CollectivePlan
from desktop.models.validation import ValidationError
from desktop.views.collective_plan.logic_canvas import LogicCanvas
from desktop.views.town_instruments.context import InstrumentContext, fill_combo, line_edit, set_text
from desktop.views.widgets import error_label, show_error

ID_ROLE = Qt.ItemDataRole.UserRole


class LogicTab(QWidget):
    def __init__(self, context: InstrumentContext) -> None:
        super().__init__()
        self.context = context
        self.selected: str | None = None
        self.canvas = LogicCanvas(self.plan)
        self.canvas.box_clicked.connect(self.select_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.canvas)
        self.level = QComboBox()
        self.level.setObjectName("logic_new_level")
        fill_combo(self.level, [(key, _(title)) for key, title in LEVELS.items()], "need")
        self.new_text = line_edit("logic_new_text")
        self.add_button = QPushButton(_("Add box"))
        self.add_button.setObjectName("logic_add")
        self.add_error = error_label("logic_add_error")
        adding = QHBoxLayout()
        adding.addWidget(self.level)
        adding.addWidget(self.new_text, 1)
        adding.addWidget(self.add_button)

        self.details = QGroupBox(_("The selected box"))
        self.box_text = line_edit("logic_box_text")
        self.box_level = QComboBox()
        self.box_level.setObjectName("logic_box_level")
        fill_combo(self.box_level, [(key, _(title)) for key, title in LEVELS.items()], "need")
        self.leads_to = QListWidget()
        self.leads_to.setObjectName("logic_leads_to")
        self.leads_to.setMaximumHeight(110)
        self.remove_button = QPushButton(_("Remove box"))
        self.remove_button.setObjectName("logic_remove")
        self.box_error = error_label("logic_box_error")
        form = QFormLayout(self.details)
        form.addRow(_("Text"), self.box_text)
        form.addRow(_("Level"), self.box_level)
        form.addRow(_("Leads to"), self.leads_to)
        form.addRow("", self.box_error)
        form.addRow("", self.remove_button)

        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(_("The strategic level: from the need through activities and outputs to outcomes."))
        )
        layout.addWidget(scroll, 1)
        layout.addLayout(adding)
        layout.addWidget(self.add_error)
        layout.addWidget(self.details)

        self.add_button.clicked.connect(self._add)
        self.new_text.returnPressed.connect(self._add)
        self.box_text.textEdited.connect(self._text_typed)
        self.box_level.currentIndexChanged.connect(self._level_chosen)
        self.leads_to.itemChanged.connect(self._link_toggled)
        self.remove_button.clicked.connect(self._remove)
        for widget in (self.add_button, self.new_text, self.box_text, self.box_level, self.remove_button):
            widget.setEnabled(not context.read_only)
        self.refresh()

    @property
    def plan(self) -> CollectivePlan:
        plan: CollectivePlan = self.context.document
        return plan

    def refresh(self) -> None:
        self.canvas.plan = self.plan
        if self.selected is not None and self.plan.box(self.selected) is None:
            self.selected = None
        self.canvas.selected = self.selected
        self.canvas.updateGeometry()
        self.canvas.setMinimumHeight(self.canvas.sizeHint().height())
        self.canvas.update()
        self._show_details()

    def _box(self) -> Box | None:
        return self.plan.box(self.selected) if self.selected else None

    def select_box(self, box_id: str) -> None:
        """A click on a box in the drawing: its text, level and links below."""
        self.context.flush()
        self.selected = box_id
        self.canvas.selected = box_id
        self.canvas.update()
        self._show_details()

    def _show_details(self) -> None:
        box = self._box()
        self.details.setEnabled(box is not None)
        show_error(self.box_error, "")
        self.leads_to.blockSignals(True)
        self.leads_to.clear()
        if box is None:
            set_text(self.box_text, "")
            self.leads_to.blockSignals(False)
            return
        set_text(self.box_text, box.text)
        self.box_level.blockSignals(True)
        self.box_level.setCurrentIndex(self.box_level.findData(box.level))
        self.box_level.blockSignals(False)
        following = self.plan.next_level(box.level)
        for target in self.plan.level_boxes(following) if following else []:
            item = QListWidgetItem(target.text)
            item.setData(ID_ROLE, target.id)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags if not self.context.read_only else flags & ~Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(
                Qt.CheckState.Checked if target.id in box.leads_to else Qt.CheckState.Unchecked
            )
            self.leads_to.addItem(item)
        self.leads_to.blockSignals(False)

    def _add(self) -> None:
        try:
            box = self.plan.add_box(str(self.level.currentData()), self.new_text.text())
        except ValidationError as error:
            show_error(self.add_error, error.message)
            return
        show_error(self.add_error, "")
        self.new_text.clear()
        self.selected = box.id
        self.context.save()
        self.refresh()

    def _text_typed(self, text: str) -> None:
        box = self._box()
        if box is None:
            return
        cleaned = " ".join(text.split())
        if not cleaned:
            show_error(self.box_error, _("Write what the box says."))
            return
        show_error(self.box_error, "")
        box.text = cleaned
        self.canvas.setMinimumHeight(self.canvas.sizeHint().height())
        self.canvas.update()
        self.context.changed()

    def _level_chosen(self) -> None:
        box = self._box()
        if box is None:
            return
        self.plan.set_box_level(box.id, str(self.box_level.currentData()))
        self.context.save()
        self.refresh()

    def _link_toggled(self, item: QListWidgetItem) -> None:
        box = self._box()
        if box is None:
            return
        self.plan.link(box.id, str(item.data(ID_ROLE)), item.checkState() == Qt.CheckState.Checked)
        self.canvas.update()
        self.context.save()

    def _remove(self) -> None:
        box = self._box()
        if box is None:
            return
        self.plan.remove_box(box.id)
        self.selected = None
        self.context.save()
        self.refresh()
