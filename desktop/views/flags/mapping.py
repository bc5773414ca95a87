"""Step 1 of the flags work: map the cluster's partnerships (items), who takes part in each,
and which is the focus service and the flagship programme. Every field is saved as it changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.flags import (
    ITEM_KINDS,
    MECHANISMS,
    SERVICE_LEVELS,
    ClusterFlags,
    Item,
    new_id,
    participation,
    participation_matrix,
    validate_item,
)
from desktop.views.qt_i18n import align_text_field, in_reading_direction
from desktop.views.widgets import error_label, show_error

if TYPE_CHECKING:
    from desktop.views.flags.window import FlagsWindow

ABSENT = QBrush(QColor("#f3e5f5"))


class MappingTab(QWidget):
    def __init__(self, section: FlagsWindow) -> None:
        super().__init__()
        self.section = section
        self.current: str | None = None
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("items")
        self.table.setHorizontalHeaderLabels(
            [
                _("Item"),
                _("Kind"),
                _("Service level"),
                _("Leadership mechanism"),
                _("Participating authorities"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.currentCellChanged.connect(self._show)
        self.name = QLineEdit()
        self.name.setObjectName("item_name")
        self.kind = QComboBox()
        self.kind.setObjectName("item_kind")
        for code, label in ITEM_KINDS.items():
            self.kind.addItem(_(label), code)
        self.level = QComboBox()
        self.level.setObjectName("item_level")
        for code, label in SERVICE_LEVELS.items():
            self.level.addItem(_(label), code)
        self.field_name = QLineEdit()
        self.field_name.setObjectName("item_field")
        self.lead = QLineEdit()
        self.lead.setObjectName("item_lead")
        self.mechanism = QComboBox()
        self.mechanism.setObjectName("item_mechanism")
        for code, label in MECHANISMS.items():
            self.mechanism.addItem(_(label), code)
        for line in (self.name, self.field_name, self.lead):
            align_text_field(line, left_to_right=False)
        self.authorities = QListWidget()
        self.authorities.setObjectName("item_authorities")
        self.focus = QCheckBox(_("The cluster's focus service"))
        self.focus.setObjectName("item_focus")
        self.flagship = QCheckBox(_("The cluster's flagship programme"))
        self.flagship.setObjectName("item_flagship")
        self.error = error_label("item_error")
        self._filling = False
        for line in (self.name, self.field_name, self.lead):
            line.textChanged.connect(self._edited)
        for combo in (self.kind, self.level, self.mechanism):
            combo.currentIndexChanged.connect(self._edited)
        for box in (self.focus, self.flagship):
            box.toggled.connect(self._edited)
        self.authorities.itemChanged.connect(self._edited)
        new = QPushButton(_("New item"))
        new.setObjectName("new_item")
        new.clicked.connect(self.new_item)
        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Service level"), self.level)
        form.addRow(_("Field of activity"), self.field_name)
        form.addRow(_("Lead person"), self.lead)
        form.addRow(_("Leadership mechanism"), self.mechanism)
        form.addRow(_("Participating authorities"), self.authorities)
        form.addRow(self.focus)
        form.addRow(self.flagship)
        form.addRow(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.matrix = QTableWidget()
        self.matrix.setObjectName("matrix")
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        left = QVBoxLayout()
        left.addWidget(self.table, 2)
        left.addWidget(QLabel(_("Who takes part (empty cells: authorities not taking part)")))
        left.addWidget(self.matrix, 2)
        holder = QWidget()
        holder.setLayout(left)
        form_holder = QWidget()
        form_holder.setLayout(form)
        splitter = QSplitter()
        splitter.addWidget(holder)
        splitter.addWidget(form_holder)
        splitter.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    @property
    def flags(self) -> ClusterFlags:
        assert self.section.flags is not None
        return self.section.flags

    def refresh(self) -> None:
        self._refresh_tables()
        if self.current is None or not any(i.id == self.current for i in self.flags.items):
            self.new_item()
        else:
            self._select_current()

    def _refresh_tables(self) -> None:
        members = [uuid for uuid, _name in self.section.members]
        items = self.flags.items
        self.table.blockSignals(True)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            share = participation(item, members)
            marks = (" ★" if item.flagship else "") + (" ◎" if item.focus_service else "")
            cells = (
                item.name + marks,
                _(ITEM_KINDS[item.kind]),
                _(SERVICE_LEVELS[item.service_level]),
                _(MECHANISMS[item.mechanism]),
                # starts with a number: read from the reading side, like the other cells
                in_reading_direction(f"{share.count}/{share.members} ({i18n.format_percent(share.share)})"),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        names = [name for _uuid, name in self.section.members]
        self.matrix.setRowCount(len(items))
        self.matrix.setColumnCount(len(names))
        self.matrix.setHorizontalHeaderLabels(names)
        self.matrix.setVerticalHeaderLabels([item.name for item in items])
        for row, taking_part in enumerate(participation_matrix(items, members)):
            for column, yes in enumerate(taking_part):
                cell = QTableWidgetItem("✓" if yes else "")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if not yes:
                    cell.setBackground(ABSENT)
                self.matrix.setItem(row, column, cell)
        row = next((r for r, item in enumerate(items) if item.id == self.current), -1)
        self.table.blockSignals(True)
        if row >= 0:
            self.table.setCurrentCell(row, 0)
        else:
            self.table.clearSelection()
        self.table.blockSignals(False)

    def _select_current(self) -> None:
        """The form shows the item picked in the table (as stored)."""
        if self.current is not None:
            self._fill_form(self.flags.item(self.current))

    def _fill_authorities(self, chosen: list[str]) -> None:
        self.authorities.blockSignals(True)
        self.authorities.clear()
        for uuid, name in self.section.members:
            entry = QListWidgetItem(name)
            entry.setData(Qt.ItemDataRole.UserRole, uuid)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if uuid in chosen else Qt.CheckState.Unchecked)
            self.authorities.addItem(entry)
        self.authorities.blockSignals(False)

    def _show(self, row: int, *_args: int) -> None:
        """Another item picked: what was typed is in the flags work already; save it."""
        if not 0 <= row < len(self.flags.items):
            return
        self.section.flush()
        item = self.flags.items[row]
        self.current = item.id
        self._fill_form(item)

    def _fill_form(self, item: Item) -> None:
        self._filling = True
        try:
            self._fill_fields(item)
        finally:
            self._filling = False

    def _fill_fields(self, item: Item) -> None:
        self.name.setText(item.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        self.level.setCurrentIndex(max(0, self.level.findData(item.service_level)))
        self.field_name.setText(item.field_name)
        self.lead.setText(item.lead)
        self.mechanism.setCurrentIndex(max(0, self.mechanism.findData(item.mechanism)))
        self._fill_authorities(item.authorities)
        self.focus.setChecked(item.focus_service)
        self.flagship.setChecked(item.flagship)
        show_error(self.error, "")

    def new_item(self) -> None:
        """An empty form; the item exists from the moment its name is typed."""
        self.section.flush()
        self.current = None
        self._filling = True
        try:
            for line in (self.name, self.field_name, self.lead):
                line.clear()
            self._fill_authorities([])
            self.focus.setChecked(False)
            self.flagship.setChecked(False)
        finally:
            self._filling = False
        show_error(self.error, "")
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self.table.blockSignals(False)
        self.name.setFocus()

    def _edited(self, *_args: object) -> None:
        """A field changed: into the item at once (a new item once it has a name), saved
        after a pause; problems are said at the form and what was typed stays."""
        if self._filling:
            return
        if self.current is None and not self.name.text().strip():
            return  # nothing to keep yet
        self.store(quiet=True)

    def hideEvent(self, event: QHideEvent) -> None:
        self.section.flush()
        super().hideEvent(event)

    def store(self, quiet: bool = False) -> None:
        chosen = [
            str(self.authorities.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.authorities.count())
            if self.authorities.item(row).checkState() == Qt.CheckState.Checked
        ]
        item = Item(
            self.current or new_id(),
            self.name.text().strip(),
            str(self.kind.currentData()),
            str(self.level.currentData()),
            self.field_name.text().strip(),
            self.lead.text().strip(),
            str(self.mechanism.currentData()),
            chosen,
            self.focus.isChecked(),
            self.flagship.isChecked(),
        )
        errors = validate_item(item, [uuid for uuid, _name in self.section.members])
        show_error(self.error, "\n".join(e.message for e in errors))
        if errors and not item.name:
            if self.current is None:
                return  # a new item without a name: nothing to keep yet
            item.name = self.flags.item(self.current).name  # the name stays until one is given
        # One focus service and one flagship programme per cluster.
        for other in self.flags.items:
            if other.id != item.id:
                other.focus_service = other.focus_service and not item.focus_service
                other.flagship = other.flagship and not item.flagship
        existing = [i for i, other in enumerate(self.flags.items) if other.id == item.id]
        if existing:
            self.flags.items[existing[0]] = item
        else:
            self.flags.items.append(item)
        self.current = item.id
        if quiet:
            self.section.changed()
            self._refresh_tables()
        else:
            self.section.save()
            self.refresh()
