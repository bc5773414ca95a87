"""The flags section: choose a regional cluster, map its partnerships, diagnose them against the
four flags, plan from the gaps, and see the radar and heat map. Every change is saved at once."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
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
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.flags import (
    ITEM_KINDS,
    MECHANISMS,
    SERVICE_LEVELS,
    Action,
    ClusterFlags,
    Diagnosis,
    Flag,
    Goal,
    Item,
    Measure,
    new_id,
    participation,
    participation_matrix,
    validate_item,
    validate_plan,
    workplan,
)
from desktop.models.records import RecordKind
from desktop.views.flags.diagnosis_wizard import DiagnosisWizard
from desktop.views.flags.radar import RadarChart
from desktop.views.qt_i18n import align_text_document, align_text_field
from desktop.views.widgets import error_label, show_error

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace

LEVEL_COLOURS = {1: "#ffcdd2", 2: "#ffe0b2", 3: "#fff9c4", 4: "#c8e6c9"}
ABSENT = QBrush(QColor("#f3e5f5"))


class FlagsSection(QWidget):
    message = Signal(str)
    export_requested = Signal(str, str)  # cluster uuid, diagnosis id ("" for the work plan)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.flags: ClusterFlags | None = None
        self.members: list[tuple[str, str]] = []
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.cluster = QComboBox()
        self.cluster.setObjectName("flags_cluster")
        self.cluster.currentIndexChanged.connect(lambda _i: self.load())
        self.tabs = QTabWidget()
        self.mapping = MappingTab(self)
        self.diagnoses = DiagnosesTab(self)
        self.plans = PlansTab(self)
        self.tabs.addTab(self.mapping, "")
        self.tabs.addTab(self.diagnoses, "")
        self.tabs.addTab(self.plans, "")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        self.cluster_label = QLabel()
        top.addWidget(self.cluster_label)
        top.addWidget(self.cluster, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    def set_workspace(self, workspace: Workspace | None) -> None:
        from desktop.storage.reference_store import choices

        self.workspace = workspace
        self.cluster.blockSignals(True)
        self.cluster.clear()
        if workspace is not None:
            for uuid, name in choices(workspace, RecordKind.CLUSTER):
                self.cluster.addItem(name, uuid)
        self.cluster.blockSignals(False)
        self.load()

    def load(self) -> None:
        from desktop.storage.flags_store import cluster_members, load_cluster_flags

        uuid = self.cluster.currentData()
        if self.workspace is None or not uuid:
            self.flags, self.members = None, []
        else:
            self.flags = load_cluster_flags(self.workspace, str(uuid))
            self.members = cluster_members(self.workspace, str(uuid))
        self.refresh()

    def save(self) -> None:
        from desktop.storage.flags_store import save_cluster_flags
        from desktop.views.conflict_dialog import save_document

        workspace, flags = self.workspace, self.flags
        if workspace is not None and flags is not None and not workspace.read_only:
            save_document(
                self,
                flags,
                lambda expected: save_cluster_flags(workspace, flags, expected_version=expected),
                self.refresh,
            )

    def refresh(self) -> None:
        for tab in (self.mapping, self.diagnoses, self.plans):
            tab.setEnabled(self.flags is not None)
        if self.flags is not None:
            current = self.tabs.currentWidget()
            if isinstance(current, MappingTab | DiagnosesTab | PlansTab):
                current.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("The four flags"))
        self.cluster_label.setText(_("Regional cluster"))
        for index, text in enumerate((_("Mapping"), _("Diagnoses"), _("Plans and work plan"))):
            self.tabs.setTabText(index, text)


# --- step 1: mapping ---------------------------------------------------------------------------------


class MappingTab(QWidget):
    def __init__(self, section: FlagsSection) -> None:
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
        save = QPushButton(_("Save the item"))
        save.setObjectName("save_item")
        save.clicked.connect(self.store)
        new = QPushButton(_("New item"))
        new.setObjectName("new_item")
        new.clicked.connect(self.new_item)
        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Service level"), self.level)
        form.addRow(_("Field"), self.field_name)
        form.addRow(_("Lead person"), self.lead)
        form.addRow(_("Leadership mechanism"), self.mechanism)
        form.addRow(_("Participating authorities"), self.authorities)
        form.addRow(self.focus)
        form.addRow(self.flagship)
        form.addRow(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(save)
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
                f"{share.count}/{share.members} ({i18n.format_percent(share.share)})",
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
        self._fill_authorities([])
        if self.current is None:
            self.new_item()

    def _fill_authorities(self, chosen: list[str]) -> None:
        self.authorities.clear()
        for uuid, name in self.section.members:
            entry = QListWidgetItem(name)
            entry.setData(Qt.ItemDataRole.UserRole, uuid)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if uuid in chosen else Qt.CheckState.Unchecked)
            self.authorities.addItem(entry)

    def _show(self, row: int, *_args: int) -> None:
        if not 0 <= row < len(self.flags.items):
            return
        item = self.flags.items[row]
        self.current = item.id
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
        self.current = None
        for line in (self.name, self.field_name, self.lead):
            line.clear()
        self._fill_authorities([])
        self.focus.setChecked(False)
        self.flagship.setChecked(False)
        self.name.setFocus()

    def store(self) -> None:
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
        if errors:
            show_error(self.error, "\n".join(e.message for e in errors))
            return
        show_error(self.error, "")
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
        self.section.save()
        self.refresh()


# --- step 2: diagnoses -----------------------------------------------------------------------------


class DiagnosesTab(QWidget):
    def __init__(self, section: FlagsSection) -> None:
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
        self.heat.setHorizontalHeaderLabels([flag.label for flag in Flag])
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
                f"{i18n.format_date(date.fromisoformat(diagnosis.held_on))} · {status} · #{diagnosis.id}"
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
        earlier = history[index - 1].levels() if index > 0 else None
        self.radar.set_levels(diagnosis.levels(), earlier)

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
        wizard = DiagnosisWizard(self.section, diagnosis, self)
        self.wizard = wizard
        wizard.exec()
        self.refresh()

    def _export_sheet(self) -> None:
        item_id = self.item.currentData()
        if item_id:
            self.section.export_requested.emit(self.flags.cluster, f"sheet:{item_id}")

    def _export(self) -> None:
        diagnosis = self.selected()
        if diagnosis is not None:
            self.section.export_requested.emit(self.flags.cluster, diagnosis.id)


# --- step 3: planning ------------------------------------------------------------------------------


class PlansTab(QWidget):
    def __init__(self, section: FlagsSection) -> None:
        super().__init__()
        self.section = section
        self.item = QComboBox()
        self.item.setObjectName("plan_item")
        self.flag = QComboBox()
        self.flag.setObjectName("plan_flag")
        for flag in Flag:
            self.flag.addItem(flag.label, flag.value)
        for combo in (self.item, self.flag):
            combo.currentIndexChanged.connect(lambda _i: self._show_plan())
        self.outcome = QPlainTextEdit()
        self.outcome.setObjectName("outcome")
        self.outcome.setFixedHeight(50)
        align_text_document(self.outcome)
        self.parties = QLineEdit()
        self.parties.setObjectName("parties")
        align_text_field(self.parties, left_to_right=False)
        self.goal_table = QTableWidget(0, 7)
        self.goal_table.setObjectName("goals")
        self.goal_table.setHorizontalHeaderLabels(
            [_("Goal"), _("Baseline"), _("Baseline date"), _("Target"), _("Unit"), _("By"), _("Latest")]
        )
        self.action_table = QTableWidget(0, 6)
        self.action_table.setObjectName("actions")
        self.action_table.setHorizontalHeaderLabels(
            [_("Action"), _("Quantity"), _("Frequency"), _("Owner"), _("From"), _("To")]
        )
        for table in (self.goal_table, self.action_table):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.setMaximumHeight(150)
        add_goal = QPushButton(_("Add a goal"))
        add_goal.setObjectName("add_goal")
        add_goal.clicked.connect(lambda: self.goal_table.insertRow(self.goal_table.rowCount()))
        add_action = QPushButton(_("Add an action"))
        add_action.setObjectName("add_action")
        add_action.clicked.connect(lambda: self.action_table.insertRow(self.action_table.rowCount()))
        save = QPushButton(_("Save the plan"))
        save.setObjectName("save_plan")
        save.clicked.connect(self.store)
        self.error = error_label("plan_error")
        self.filter_flag = QComboBox()
        self.filter_flag.setObjectName("filter_flag")
        self.filter_flag.addItem(_("All flags"), "")
        for flag in Flag:
            self.filter_flag.addItem(flag.label, flag.value)
        self.filter_owner = QLineEdit()
        self.filter_owner.setObjectName("filter_owner")
        self.filter_owner.setPlaceholderText(_("Owner"))
        align_text_field(self.filter_owner, left_to_right=False)
        self.filter_flag.currentIndexChanged.connect(lambda _i: self._show_workplan())
        self.filter_owner.textChanged.connect(lambda _t: self._show_workplan())
        self.workplan = QTableWidget(0, 6)
        self.workplan.setObjectName("workplan")
        self.workplan.setHorizontalHeaderLabels(
            [_("Item"), _("Flag"), _("Action"), _("Owner"), _("From"), _("To")]
        )
        self.workplan.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.workplan.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        export = QPushButton(_("Cluster work plan (PDF)…"))
        export.setObjectName("workplan_pdf")
        export.clicked.connect(
            lambda: self.section.export_requested.emit(
                self.section.flags.cluster if self.section.flags else "", ""
            )
        )
        chooser = QHBoxLayout()
        chooser.addWidget(self.item, 1)
        chooser.addWidget(self.flag, 1)
        form = QFormLayout()
        form.addRow(_("Item and flag"), chooser)
        form.addRow(_("Desired outcome"), self.outcome)
        form.addRow(_("Measurable goals"), self.goal_table)
        form.addRow(add_goal)
        form.addRow(_("Main actions"), self.action_table)
        form.addRow(add_action)
        form.addRow(_("Involved parties"), self.parties)
        form.addRow(save)
        form.addRow(self.error)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Work plan of the cluster")))
        filters.addWidget(self.filter_flag)
        filters.addWidget(self.filter_owner)
        filters.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(filters)
        layout.addWidget(self.workplan, 1)

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
        self._show_plan()
        self._show_workplan()

    def _show_plan(self) -> None:
        item_id, flag = self.item.currentData(), self.flag.currentData()
        self.goal_table.setRowCount(0)
        self.action_table.setRowCount(0)
        if not item_id:
            return
        plan = next((p for p in self.flags.plans if p.item == item_id and p.flag == flag), None)
        latest = self.flags.latest(str(item_id))
        self.outcome.setPlainText(plan.outcome if plan else "")
        self.parties.setText(plan.parties if plan else "")
        goals = plan.goals if plan else []
        if not goals and latest is not None:
            baseline = latest.flags[str(flag)].baseline
            if baseline.value is not None:  # start from the diagnosis' baseline
                goals = [Goal("", None, baseline.unit, "", baseline)]
        for goal in goals:
            self._append(
                self.goal_table,
                [
                    goal.text,
                    _number(goal.baseline.value),
                    goal.baseline.on,
                    _number(goal.target),
                    goal.unit,
                    goal.by,
                    _number(goal.latest),
                ],
            )
        for action in plan.actions if plan else []:
            self._append(
                self.action_table,
                [action.text, action.quantity, action.frequency, action.owner, action.starts, action.ends],
            )
        show_error(self.error, "")

    def _append(self, table: QTableWidget, texts: list[str]) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for column, text in enumerate(texts):
            table.setItem(row, column, QTableWidgetItem(text))

    def _cell(self, table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""

    def store(self) -> None:
        item_id = self.item.currentData()
        if not item_id:
            return
        plan = self.flags.plan(str(item_id), Flag(self.flag.currentData()))
        try:
            goals = [
                Goal(
                    self._cell(self.goal_table, r, 0),
                    _parse(self._cell(self.goal_table, r, 3)),
                    self._cell(self.goal_table, r, 4),
                    self._cell(self.goal_table, r, 5),
                    Measure(
                        _parse(self._cell(self.goal_table, r, 1)),
                        self._cell(self.goal_table, r, 4),
                        self._cell(self.goal_table, r, 2),
                    ),
                    _parse(self._cell(self.goal_table, r, 6)),
                )
                for r in range(self.goal_table.rowCount())
                if self._cell(self.goal_table, r, 0)
            ]
        except ValueError:
            show_error(self.error, _("Baselines and targets are numbers, such as 40 or 12.5."))
            return
        actions = [
            Action(*(self._cell(self.action_table, r, c) for c in range(6)))
            for r in range(self.action_table.rowCount())
            if self._cell(self.action_table, r, 0)
        ]
        plan.outcome = self.outcome.toPlainText().strip()
        plan.parties = self.parties.text().strip()
        plan.goals, plan.actions = goals, actions
        errors = validate_plan(plan)
        show_error(self.error, "\n".join(e.message for e in errors))
        self.section.save()  # kept even with errors: nothing typed is lost
        self._show_workplan()

    def _show_workplan(self) -> None:
        flag_code = self.filter_flag.currentData()
        lines = workplan(
            self.flags.plans,
            {i.id: i for i in self.flags.items},
            flag=Flag(flag_code) if flag_code else None,
            owner=self.filter_owner.text().strip(),
        )
        self.workplan.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for column, text in enumerate(
                (
                    line.item,
                    line.flag.label,
                    line.action.text,
                    line.action.owner,
                    line.action.starts,
                    line.action.ends,
                )
            ):
                self.workplan.setItem(row, column, QTableWidgetItem(text))


def _number(value: float | None) -> str:
    return "" if value is None else (str(int(value)) if float(value).is_integer() else str(value))


def _parse(text: str) -> float | None:
    cleaned = i18n.strip_marks(text).replace(",", "").strip()
    return float(cleaned) if cleaned else None
