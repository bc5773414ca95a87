"""Ctrl+K: search the whole workspace; each result opens its record (the window connects
`open_requested` to `MainWindow.open_target`).

The workspace is read once, in the background, as the dialog opens (a foundation's takes about
a second and a half); each keystroke then looks through what was read, in a few milliseconds.
What is typed meanwhile is looked for once the reading is done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.models.journey import Target
from desktop.progress import Progress
from desktop.storage.workspace import Workspace
from desktop.views.background import WorkspaceReader
from desktop.views.qt_i18n import align_text_field

if TYPE_CHECKING:
    from desktop.storage.workspace_search import SearchIndex


def kind_label(kind: str) -> str:
    return {
        "authority": _("Local authority"),
        "cluster": _("Regional cluster"),
        "person": _("Person"),
        "organisation": _("Organisation"),
        "selection": _("Town selection"),
        "agreement": _("Agreement"),
        "forum": _("Design forum"),
        "idea": _("Idea"),
        "community": _("Learning community"),
        "meeting": _("Meeting"),
    }[kind]


class SearchDialog(QDialog):
    open_requested = Signal(object)  # a Target

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search_dialog")
        self.workspace = workspace
        self.setWindowTitle(_("Search the workspace"))
        self.field = QLineEdit()
        self.field.setObjectName("workspace_search")
        self.field.setPlaceholderText(
            _("Authorities, clusters, people, organisations, processes, agreements, forums, ideas, meetings…")
        )
        self.field.setClearButtonEnabled(True)
        align_text_field(self.field, left_to_right=False)
        self.results = QListWidget()
        self.results.setObjectName("search_results")
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)
        self.field.textChanged.connect(self._search)
        self.field.returnPressed.connect(self._open_current)
        self.results.itemActivated.connect(self._open)
        self.resize(640, 480)
        self.index: SearchIndex | None = None
        self.reader = WorkspaceReader(self, workspace, _read_index, self._read, self.count)

    def _read(self, index: SearchIndex) -> None:
        self.index = index
        self._search(self.field.text())

    def _search(self, text: str) -> None:
        if self.index is None:  # (looked for once the workspace is read)
            return
        self.results.clear()
        hits = self.index.find(text)
        for hit in hits:
            line = f"{kind_label(hit.kind)}: {hit.title}" + (f" — {hit.detail}" if hit.detail else "")
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, hit.target)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        self.count.setText(_("{count} found").format(count=len(hits)) if text.strip() else "")

    def _open_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._open(item)

    def _open(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(target, Target):
            self.accept()
            self.open_requested.emit(target)


def _read_index(workspace: Workspace, progress: Progress) -> SearchIndex:
    from desktop.storage.workspace_search import search_index

    return search_index(workspace, progress)
