"""The town selection section: the workspace's selection processes, to start, resume or print."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.views.dialogs import confirm
from desktop.views.qt_i18n import align_text_field

if TYPE_CHECKING:
    from desktop.models.selection_process import SelectionProcess
    from desktop.storage.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SelectionSection(QWidget):
    message = Signal(str)
    export_requested = Signal(int)  # process id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.search = QLineEdit()
        self.search.setObjectName("selection_search")
        self.search.setClearButtonEnabled(True)
        align_text_field(self.search, left_to_right=False)
        self.model = QStandardItemModel(0, 4)
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("processes")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.new_button = QPushButton()
        self.new_button.setObjectName("new_selection")
        self.new_button.clicked.connect(self.new_process)
        self.open_button = QPushButton()
        self.open_button.setObjectName("open_selection")
        self.open_button.clicked.connect(self.open_selected)
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("selection_pdf")
        self.pdf_button.clicked.connect(self._export_selected)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("delete_selection")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.pdf_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        read_only = workspace is None or workspace.read_only
        self.new_button.setEnabled(not read_only)
        self.delete_button.setEnabled(not read_only)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        from desktop.storage.selection_store import list_processes

        self.model.removeRows(0, self.model.rowCount())
        if self.workspace is None:
            return
        for summary in list_processes(self.workspace):
            status = _("Decided") if summary.status == "decided" else _("Draft")
            cells = [
                summary.title,
                status,
                i18n.format_date(summary.decided_on),
                i18n.format_datetime(summary.updated_at),
            ]
            row = []
            for text in cells:
                item = QStandardItem(text)
                item.setData(summary.id, ID_ROLE)
                row.append(item)
            self.model.appendRow(row)
            if summary.id == select_id:
                self.table.selectRow(self.proxy.mapFromSource(row[0].index()).row())

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def new_process(self) -> None:
        from desktop.models.selection_process import SelectionProcess

        self.run_wizard(SelectionProcess(), None)

    def open_selected(self) -> None:
        from desktop.storage.selection_store import load_process

        process_id = self.selected_id()
        if process_id is None or self.workspace is None:
            return
        try:
            process = load_process(self.workspace, process_id)
        except ValueError:
            QMessageBox.warning(
                self, _("Town selection"), _("This process was saved by a newer version of Shutafut.")
            )
            return
        self.run_wizard(process, process_id)

    def run_wizard(self, process: SelectionProcess, process_id: int | None) -> None:
        from desktop.views.selection.wizard import SelectionWizard

        assert self.workspace is not None
        wizard = SelectionWizard(self.workspace, process, process_id, self)
        wizard.saved.connect(self.reload)
        self.wizard = wizard
        wizard.exec()
        self.reload(wizard.process_id)
        self.message.emit(_("The selection process was saved."))

    def _export_selected(self) -> None:
        process_id = self.selected_id()
        if process_id is not None:
            self.export_requested.emit(process_id)

    def delete_selected(self) -> None:
        from desktop.storage.selection_store import delete_process

        process_id = self.selected_id()
        if process_id is None or self.workspace is None:
            return
        name = self.table.currentIndex().siblingAtColumn(0).data()
        if confirm(
            self,
            _("Delete selection process"),
            _("Delete the selection process “{name}” with all its scores? This cannot be undone.").format(
                name=name
            ),
        ):
            delete_process(self.workspace, process_id)
            self.reload()

    def retranslate(self) -> None:
        self.title.setText(_("Town selection"))
        self.search.setPlaceholderText(_("Search selection processes…"))
        self.model.setHorizontalHeaderLabels([_("Process"), _("Status"), _("Decided on"), _("Last saved")])
        self.new_button.setText(_("New selection process…"))
        self.open_button.setText(_("Open…"))
        self.pdf_button.setText(_("Decision report (PDF)…"))
        self.delete_button.setText(_("Delete…"))
        self.reload(self.selected_id())


def default_report_name(title: str) -> Path:
    return Path(_("{title} - selection decision.pdf").format(title=title))
