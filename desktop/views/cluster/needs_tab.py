"""The services of the cluster's flags mapping with the core-service expectations (seed 002
l.76-80, l.266); the guidance needs with priority, provider, supports-or-controls and the
CEO's choice (l.222-280); the comparison across all the clusters' profiles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.models.cluster_profile import (
    SAVING_TARGET,
    ServiceExpectation,
    core_services_condition,
    service_rows,
)
from desktop.models.flags import SERVICE_LEVELS
from desktop.models.guidance import (
    CATEGORIES,
    NATIONAL_NEEDS,
    NATIONAL_WORDING,
    NEEDS,
    PRIORITIES,
    ROLES,
    SEED_PROVIDERS,
    NeedChoice,
    compare,
    imposed,
    mixed_roles,
    need_text,
)
from desktop.models.validation import ValidationError, clean_whole_number
from desktop.views.community.context import fill_combo
from desktop.views.widgets import error_label, show_error

if TYPE_CHECKING:
    from desktop.views.cluster.window import ClusterWindow

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
PRIORITY_COLOURS = {0: "#ffffff", 1: "#fefcbf", 2: "#fbd38d", 3: "#feb2b2"}


def _fixed(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(text)
    return item


class ServicesTab(QWidget):
    def __init__(self, window: ClusterWindow) -> None:
        super().__init__()
        self.window_ = window
        self.condition = QLabel()
        self.condition.setObjectName("services_condition")
        self.condition.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("services")
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._item_changed)
        self.error = error_label("services_error")
        note = QLabel(
            _(
                "The services are the items of the cluster's flags mapping, with their level as "
                "mapped there. A core service is expected to save {percent}% of the cost, or to "
                "raise quality, or to close gaps."
            ).format(percent=SAVING_TARGET)
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.condition)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        window = self.window_
        rows = service_rows(window.profile, window.flags_items())
        met, text = core_services_condition(rows)
        verdict = _("Met") if met else _("Not met")
        self.condition.setText(f"{verdict}: {text}")
        self.condition.setStyleSheet("" if met else "color: #c53030;")
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(
            [_("Service"), _("Level"), _("Saving (%)"), _("Quality"), _("Closing gaps"), _("Expectations")]
        )
        for row, service in enumerate(rows):
            name = _fixed(service.name)
            name.setData(ITEM_ROLE, service.item)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, _fixed(_(SERVICE_LEVELS.get(service.level, SERVICE_LEVELS["core"]))))
            saving = QTableWidgetItem(
                "" if service.expectation.saving_percent is None else str(service.expectation.saving_percent)
            )
            saving.setData(ITEM_ROLE, service.item)
            self.table.setItem(row, 2, saving)
            for column, value in ((3, service.expectation.quality), (4, service.expectation.closes_gaps)):
                box = QTableWidgetItem()
                box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                box.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
                box.setData(ITEM_ROLE, service.item)
                self.table.setItem(row, column, box)
            verdict = (
                (_("Met") if service.meets_expectations else _("Not met")) if service.level == "core" else "—"
            )
            self.table.setItem(row, 5, _fixed(verdict))
            if window.read_only:
                for column in (2, 3, 4):
                    cell = self.table.item(row, column)
                    if cell is not None:
                        cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        item_id = str(item.data(ITEM_ROLE) or "")
        if not item_id or item.column() not in (2, 3, 4):
            return
        expectation = self.window_.profile.services.setdefault(item_id, ServiceExpectation())
        if item.column() == 2:
            try:
                expectation.saving_percent = clean_whole_number("saving", item.text(), minimum=0, maximum=100)
            except ValidationError as error:
                show_error(self.error, error.message)
                return
        elif item.column() == 3:
            expectation.quality = item.checkState() == Qt.CheckState.Checked
        else:
            expectation.closes_gaps = item.checkState() == Qt.CheckState.Checked
        show_error(self.error, "")
        self.window_.save()
        self.refresh()


class NeedsTab(QWidget):
    COLUMNS = ("number", "category", "need", "priority", "provider", "role", "ceo")

    def __init__(self, window: ClusterWindow) -> None:
        super().__init__()
        self.window_ = window
        note = QLabel(
            _(
                "The choice of whom to turn to is the cluster CEO's; keep those who support apart "
                "from those who control (seed 002, l.274-280)."
            )
        )
        note.setWordWrap(True)
        self.table = QTableWidget(len(NEEDS), len(self.COLUMNS))
        self.table.setObjectName("guidance_needs")
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(self._ceo_changed)
        self.warnings = QLabel()
        self.warnings.setObjectName("guidance_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b7791f;")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        self.refresh()

    def _choice(self, number: int) -> NeedChoice:
        return self.window_.profile.needs.setdefault(str(number), NeedChoice())

    def refresh(self) -> None:
        window = self.window_
        providers = window.provider_choices()
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setHorizontalHeaderLabels(
            [
                "#",
                _("Category"),
                _("Need"),
                _("Priority"),
                _("Provider"),
                _("Supports or controls"),
                _("CEO's choice"),
            ]
        )
        for row, (number, (category, _text)) in enumerate(NEEDS.items()):
            choice = window.profile.needs.get(str(number), NeedChoice())
            self.table.setItem(row, 0, _fixed(str(number) + (" ★" if number in NATIONAL_NEEDS else "")))
            self.table.setItem(row, 1, _fixed(_(CATEGORIES[category])))
            self.table.setItem(row, 2, _fixed(need_text(number)))
            for column, name, items, value in (
                (3, "priority", [(str(k), _(v)) for k, v in PRIORITIES.items()], str(choice.priority)),
                (4, "provider", providers, choice.provider),
                (5, "role", [(k, _(v)) for k, v in ROLES.items()], choice.role),
            ):
                combo = QComboBox()
                combo.setObjectName(f"need_{name}_{number}")
                fill_combo(combo, items, value)
                combo.setEnabled(not window.read_only)
                combo.currentIndexChanged.connect(lambda _i, n=number: self._combo_changed(n))
                self.table.setCellWidget(row, column, combo)
            ceo = QTableWidgetItem()
            ceo.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            ceo.setCheckState(Qt.CheckState.Checked if choice.ceo_choice else Qt.CheckState.Unchecked)
            ceo.setData(ITEM_ROLE, number)
            self.table.setItem(row, 6, ceo)
            number_cell = self.table.item(row, 0)
            if number_cell is not None:
                number_cell.setBackground(QColor(PRIORITY_COLOURS[choice.priority]))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, 380)
        self.table.resizeRowsToContents()
        self._show_warnings()

    def _combo(self, number: int, column: int) -> QComboBox:
        widget = self.table.cellWidget(list(NEEDS).index(number), column)
        assert isinstance(widget, QComboBox)
        return widget

    def _combo_changed(self, number: int) -> None:
        choice = self._choice(number)
        choice.priority = int(self._combo(number, 3).currentData() or 0)
        choice.provider = str(self._combo(number, 4).currentData() or "")
        choice.role = str(self._combo(number, 5).currentData() or "")
        row = list(NEEDS).index(number)
        cell = self.table.item(row, 0)
        if cell is not None:
            cell.setBackground(QColor(PRIORITY_COLOURS[choice.priority]))
        self.window_.save()
        self._show_warnings()

    def _ceo_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 6:
            return
        self._choice(int(item.data(ITEM_ROLE))).ceo_choice = item.checkState() == Qt.CheckState.Checked
        self.window_.save()
        self._show_warnings()

    def _show_warnings(self) -> None:
        needs = self.window_.profile.needs
        labels = dict(self.window_.provider_choices())
        lines = [
            _("{provider} both supports and controls; the seed asks to keep the two apart.").format(
                provider=labels.get(provider, provider)
            )
            for provider in mixed_roles(needs)
        ]
        pressed = imposed(needs)
        if pressed:
            lines.append(
                _("Needs whose provider the CEO did not choose: {numbers}").format(
                    numbers=", ".join(map(str, pressed))
                )
            )
        self.warnings.setText("\n".join(lines))


class ComparisonTab(QWidget):
    """Which needs are most pressing where, across every cluster profile of the workspace."""

    def __init__(self, window: ClusterWindow) -> None:
        super().__init__()
        self.window_ = window
        self.national = QLabel()
        self.national.setObjectName("comparison_national")
        self.national.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setObjectName("guidance_comparison")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.print_button = QPushButton(_("Comparison (PDF)…"))
        self.print_button.setObjectName("comparison_pdf")
        self.print_button.clicked.connect(lambda: window.print_document("guidance-needs"))
        national_box = QGroupBox(_("The two needs raised to the national level"))
        national_layout = QVBoxLayout(national_box)
        national_layout.addWidget(self.national)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(national_box)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        clusters = self.window_.all_needs()
        names = [name for name, _needs in clusters]
        lines = []
        for number in NATIONAL_NEEDS:
            ratings = " · ".join(
                f"{name}: {_(PRIORITIES[needs.get(str(number), NeedChoice()).priority])}"
                for name, needs in clusters
            )
            lines.append(f"{number}. {_(NATIONAL_WORDING[number])}\n{ratings}")
        self.national.setText("\n\n".join(lines))
        rows = compare([needs for _name, needs in clusters])
        self.table.clear()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(len(names) + 3)
        self.table.setHorizontalHeaderLabels(["#", _("Need"), *names, _("Most pressing in")])
        for index, row in enumerate(rows):
            self.table.setItem(index, 0, _fixed(str(row.number) + (" ★" if row.national else "")))
            self.table.setItem(index, 1, _fixed(need_text(row.number)))
            for column, priority in enumerate(row.priorities, start=2):
                cell = _fixed(_(PRIORITIES[priority]))
                cell.setBackground(QColor(PRIORITY_COLOURS[priority]))
                self.table.setItem(index, column, cell)
            self.table.setItem(
                index, len(names) + 2, _fixed(", ".join(names[i] for i in row.pressing) or "—")
            )
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, 360)


def seed_provider_choices() -> list[tuple[str, str]]:
    return [(k, _(v)) for k, v in SEED_PROVIDERS.items()]
