"""The design forums of the workspace: start one from a template, open it, print its documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
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
    from desktop.models.forum import Forum
    from desktop.storage.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole + 1
# (document key, label) of the forum's printed documents
DOCUMENTS = ("forum-agenda", "forum-agenda-facilitator", "forum-summary", "shared-agenda")


class NewForumDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        from desktop.models.forum import template_names
        from desktop.storage.forum_templates import load_own_templates
        from desktop.views.forum.forum_window import templates_folder

        super().__init__(parent)
        self.own_templates = load_own_templates(templates_folder())
        self.setWindowTitle(_("New design forum"))
        self.title = QLineEdit()
        self.title.setObjectName("forum_title")
        self.place = QLineEdit()
        self.place.setObjectName("forum_place")
        for line in (self.title, self.place):
            align_text_field(line, left_to_right=False)
        self.template = QComboBox()
        self.template.setObjectName("forum_template")
        for key, name in template_names(i18n.current_language(), self.own_templates):
            self.template.addItem(name, key)
        self.error = error_label("forum_error")
        form = QFormLayout()
        form.addRow(_("Name of the forum"), self.title)
        form.addRow(_("Town or regional cluster"), self.place)
        form.addRow(_("Theme (the sessions' template)"), self.template)
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
        if not self.title.text().strip():
            show_error(self.error, _("Give the forum a name."))
            return
        self.accept()


class ForumSection(QWidget):
    message = Signal(str)
    export_requested = Signal(int, str)  # forum id, document key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.model = QStandardItemModel(0, 4)
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("forums")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, slot in (
            ("new", self.new_forum),
            ("open", self.open_selected),
            ("pdf", self._export),
            ("delete", self.delete_selected),
        ):
            button = QPushButton()
            button.setObjectName(f"forum_{name}")
            button.clicked.connect(slot)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.retranslate()

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        writable = workspace is not None and not workspace.read_only
        self.buttons["new"].setEnabled(writable)
        self.buttons["delete"].setEnabled(writable)
        self.reload()

    def reload(self) -> None:
        from desktop.storage.forum_store import list_forums

        self.model.removeRows(0, self.model.rowCount())
        if self.workspace is None:
            return
        for summary in list_forums(self.workspace):
            items = []
            for text in (
                summary.title,
                i18n.format_number(summary.participants),
                i18n.format_number(summary.ideas),
                i18n.format_datetime(summary.updated_at),
            ):
                item = QStandardItem(text)
                item.setData(summary.id, ID_ROLE)
                items.append(item)
            self.model.appendRow(items)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def new_forum(self) -> None:
        from desktop.models.forum import Forum, sessions_from_template

        if self.workspace is None:
            return
        dialog = NewForumDialog(self)
        if not dialog.exec():
            return
        forum = Forum(
            dialog.title.text().strip(),
            dialog.template.currentText(),
            dialog.place.text().strip(),
            sessions=sessions_from_template(
                str(dialog.template.currentData()), i18n.current_language(), dialog.own_templates
            ),
        )
        self.open_forum(forum, None)

    def open_selected(self) -> None:
        from desktop.storage.forum_store import load_forum

        forum_id = self.selected_id()
        if forum_id is None or self.workspace is None:
            return
        self.open_forum(load_forum(self.workspace, forum_id), forum_id)

    def open_forum(self, forum: Forum, forum_id: int | None) -> None:
        from desktop.views.forum.forum_window import ForumWindow

        assert self.workspace is not None
        window = ForumWindow(self.workspace, forum, forum_id, self)
        self.window_ = window
        window.exec()
        self.reload()

    def _export(self) -> None:
        forum_id = self.selected_id()
        if forum_id is None:
            return
        labels = self.document_labels()
        label, ok = QInputDialog.getItem(
            self, _("Forum documents"), _("Which document?"), list(labels.values()), 0, False
        )
        if ok:
            key = next(k for k, v in labels.items() if v == label)
            self.export_requested.emit(forum_id, key)

    def document_labels(self) -> dict[str, str]:
        return {
            "forum-agenda": _("Session agenda for participants"),
            "forum-agenda-facilitator": _("Session agenda with facilitator notes"),
            "forum-summary": _("Session summary"),
            "shared-agenda": _("Shared agenda and professional teams"),
        }

    def delete_selected(self) -> None:
        from desktop.storage.forum_store import delete_forum

        forum_id = self.selected_id()
        if forum_id is None or self.workspace is None:
            return
        name = self.table.currentIndex().siblingAtColumn(0).data()
        if confirm(
            self,
            _("Delete design forum"),
            _(
                "Delete the forum “{name}” with its participants, ideas and votes? This cannot be undone."
            ).format(name=name),
        ):
            delete_forum(self.workspace, forum_id)
            self.reload()

    def retranslate(self) -> None:
        self.heading.setText(_("Design forums"))
        self.model.setHorizontalHeaderLabels([_("Forum"), _("Participants"), _("Ideas"), _("Last saved")])
        for name, text in (
            ("new", _("New forum…")),
            ("open", _("Open…")),
            ("pdf", _("Documents (PDF)…")),
            ("delete", _("Delete…")),
        ):
            self.buttons[name].setText(text)
        self.reload()
