"""The facilitator's board of ideas: clusters with their ideas, moved by drag and drop or by
keyboard (select, then name the cluster), deleted with Delete and edited with F2."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from desktop.i18n import _
from desktop.models.forum import Forum, Idea
from desktop.views.qt_i18n import isolate

IDEA_ROLE = Qt.ItemDataRole.UserRole + 1
CLUSTER_ROLE = Qt.ItemDataRole.UserRole + 2


class IdeaBoard(QTreeWidget):
    """Clusters with their ideas; ideas are dragged between clusters (or moved by keyboard)."""

    moved = Signal(list, object)  # idea ids, cluster id or None
    delete_requested = Signal()  # the Delete key on selected ideas
    edit_requested = Signal(object)  # F2 on an idea: its item

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("board")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)  # one line each: adding an idea does not measure all 400
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def fill(self, forum: Forum, session: int) -> None:
        self.clear()
        loose = QTreeWidgetItem(self, [_("Not clustered yet")])
        loose.setData(0, CLUSTER_ROLE, "")
        self._names = {loose: _("Not clustered yet")}
        groups = {"": loose}
        for cluster in forum.clusters:
            if cluster.session == session:
                item = QTreeWidgetItem(self, [cluster.name])
                item.setData(0, CLUSTER_ROLE, cluster.id)
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                groups[cluster.id] = item
                self._names[item] = cluster.name
        for idea in forum.session_ideas(session):
            self._add_child(groups.get(idea.cluster or "", loose), idea)
        for group in groups.values():
            self._count(group)
        self.expandAll()

    def append_idea(self, idea: Idea) -> None:
        """Show one new, not yet clustered idea without building the board again."""
        loose = self.topLevelItem(0)
        if loose is None or not hasattr(self, "_names"):
            return
        self._add_child(loose, idea)
        self._count(loose)

    def _add_child(self, parent: QTreeWidgetItem, idea: Idea) -> None:
        label = idea.text + (f" ({table_label(idea.table)})" if idea.table else "")
        child = QTreeWidgetItem(parent, [label])
        child.setData(0, IDEA_ROLE, idea.id)
        child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)

    def _count(self, group: QTreeWidgetItem) -> None:
        # The name is isolated so "ו-STEM" and the count keep their places in RTL.
        group.setText(0, f"{isolate(self._names[group])} · {group.childCount()}")

    def selected_ideas(self) -> list[str]:
        return [str(item.data(0, IDEA_ROLE)) for item in self.selectedItems() if item.data(0, IDEA_ROLE)]

    def selected_cluster(self) -> str | None:
        item = self.currentItem()
        if item is None:
            return None
        value = item.data(0, CLUSTER_ROLE)
        parent = item.parent()
        if value is None and parent is not None:
            value = parent.data(0, CLUSTER_ROLE)
        return str(value) if value else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.selected_ideas():
            self.delete_requested.emit()
            return
        item = self.currentItem()
        if event.key() == Qt.Key.Key_F2 and item is not None and item.data(0, IDEA_ROLE):
            self.edit_requested.emit(item)
            return
        super().keyPressEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        target = self.itemAt(event.position().toPoint())
        ideas = self.selected_ideas()
        if target is None or not ideas:
            event.ignore()
            return
        cluster = target.data(0, CLUSTER_ROLE)
        parent = target.parent()
        if cluster is None and parent is not None:
            cluster = parent.data(0, CLUSTER_ROLE)
        event.ignore()  # the board is rebuilt from the forum, not moved by Qt
        self.moved.emit(ideas, str(cluster) or None)


def table_label(table: str) -> str:
    """A table as the room calls it: "table 3" for a number, a name typed with its own word
    ("שולחן 1", "Garden") as it is, never "שולחן שולחן 1"."""
    table = table.strip()
    return _("table {table}").format(table=table) if table[:1].isdigit() else table
