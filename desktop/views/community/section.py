"""The learning communities of the workspace: start one, open it, print its documents."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.views.dialogs import confirm
from desktop.views.qt_i18n import align_text_field
from desktop.views.widgets import error_label, show_error

if TYPE_CHECKING:
    from desktop.models.community import Community
    from desktop.storage.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def next_community_year(today: date | None = None) -> tuple[date, date]:
    """September to July: the coming year from spring on, else the current one."""
    today = today or date.today()
    year = today.year if today.month >= 4 else today.year - 1
    return date(year, 9, 1), date(year + 1, 7, 31)


class NewCommunityDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New learning community"))
        self.name = QLineEdit()
        self.name.setObjectName("new_community_name")
        self.profession = QLineEdit()
        self.profession.setObjectName("new_community_field")
        for line in (self.name, self.profession):
            align_text_field(line, left_to_right=False)
        self.error = error_label("new_community_error")
        form = QFormLayout()
        form.addRow(_("Name of the community"), self.name)
        form.addRow(_("Professional field"), self.profession)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.name.text().strip():
            show_error(self.error, _("Give the community a name."))
            self.name.setFocus()
            return
        self.accept()


class CommunitySection(QWidget):
    message = Signal(str)
    export_requested = Signal(int, str, str)  # community id, document key, meeting id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.window_: QDialog | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.model = QStandardItemModel(0, 5)
        self.model.setSortRole(SORT_ROLE)
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search = QLineEdit()
        self.search.setObjectName("communities_search")
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("communities")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, slot in (
            ("new", self.new_community),
            ("open", self.open_selected),
            ("next_year", self.plan_next_year),
            ("delete", self.delete_selected),
        ):
            button = QPushButton()
            button.setObjectName(f"community_{name}")
            button.clicked.connect(slot)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.retranslate()

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        writable = workspace is not None and not workspace.read_only
        for name in ("new", "next_year", "delete"):
            self.buttons[name].setEnabled(writable)
        self.reload()

    def reload(self) -> None:
        from desktop.storage.community_store import list_communities

        self.model.removeRows(0, self.model.rowCount())
        if self.workspace is None:
            return
        for summary in list_communities(self.workspace):
            values: list[tuple[str, object]] = [
                (summary.name, summary.name),
                (summary.profession, summary.profession),
                (summary.period, summary.period),
                (i18n.format_number(summary.members), summary.members),
                (i18n.format_number(summary.meetings), summary.meetings),
                (i18n.format_datetime(summary.updated_at), summary.updated_at.isoformat()),
            ]
            items = []
            for text, key in values:
                item = QStandardItem(text)
                item.setData(summary.id, ID_ROLE)
                item.setData(key, SORT_ROLE)
                items.append(item)
            self.model.appendRow(items)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def new_community(self) -> None:
        from desktop.models.community import Community

        if self.workspace is None:
            return
        dialog = NewCommunityDialog(self)
        if not dialog.exec():
            return
        start, end = next_community_year()
        community = Community(
            " ".join(dialog.name.text().split()),
            profession=" ".join(dialog.profession.text().split()),
            period_start=start,
            period_end=end,
        )
        self.open_community(community, None)

    def open_selected(self) -> None:
        from desktop.storage.community_store import load_community

        community_id = self.selected_id()
        if community_id is None or self.workspace is None:
            return
        self.open_community(load_community(self.workspace, community_id), community_id)

    def open_community(self, community: Community, community_id: int | None) -> None:
        from desktop.views.community.window import CommunityWindow

        assert self.workspace is not None
        window = CommunityWindow(
            self.workspace,
            community,
            community_id,
            self.export_requested.emit,
            self,
        )
        self.window_ = window
        window.exec()
        self.reload()

    def plan_next_year(self) -> None:
        """A new record for the community's following year, opened to plan it."""
        from desktop.models.community import next_year
        from desktop.storage.community_store import load_community

        community_id = self.selected_id()
        if community_id is None or self.workspace is None:
            return
        self.open_community(next_year(load_community(self.workspace, community_id)), None)

    def delete_selected(self) -> None:
        from desktop.storage.community_store import delete_community

        community_id = self.selected_id()
        if community_id is None or self.workspace is None:
            return
        name = self.table.currentIndex().siblingAtColumn(0).data()
        if confirm(
            self,
            _("Delete learning community"),
            _(
                "Delete the community “{name}” with its members, survey, syllabus, meeting plans "
                "and work teams? This cannot be undone."
            ).format(name=name),
        ):
            delete_community(self.workspace, community_id)
            self.reload()

    def retranslate(self) -> None:
        self.heading.setText(_("Learning communities"))
        self.search.setPlaceholderText(_("Search communities…"))
        self.model.setHorizontalHeaderLabels(
            [_("Community"), _("Professional field"), _("Year"), _("Members"), _("Meetings"), _("Last saved")]
        )
        for name, text in (
            ("new", _("New community…")),
            ("open", _("Open…")),
            ("next_year", _("Plan the next year…")),
            ("delete", _("Delete…")),
        ):
            self.buttons[name].setText(text)
        self.buttons["next_year"].setToolTip(
            _(
                "The same members, leading core, committee and topics in the community's following "
                "year; a new survey, syllabus and work teams."
            )
        )
        self.reload()
