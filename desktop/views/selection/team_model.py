"""The selection team page's list of people: every person of the workspace, ticked when on
the team, with their role in it, the team first. Rows are made when shown (a foundation's
20,000 people took half a second as table items), and the list is filtered by name here (a
filter model read every row through this one, in Python: 80 ms a keystroke at 20,000)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.i18n import _
from desktop.models.selection_process import TeamMember

Index = QModelIndex | QPersistentModelIndex
PERSON, ROLE = 0, 1


class TeamModel(QAbstractTableModel):
    def __init__(self, people: Sequence[tuple[str, str]], team: Sequence[TeamMember]) -> None:
        super().__init__()
        # (uuid, name) in the order shown: the team first, as it stands, then everyone else in
        # the order given (a team of eight among a foundation's 20,000 is seen on opening)
        place = {member.person: number for number, member in enumerate(team)}
        self.people = sorted(people, key=lambda pair: (pair[0] not in place, place.get(pair[0], 0)))
        self.ticked = {member.person for member in team}
        self.roles = {member.person: member.role for member in team}  # kept when untick and tick
        self._names = [name.casefold() for _uuid, name in self.people]
        self._shown: Sequence[int] = range(len(self.people))  # the rows of `people` shown

    def find(self, text: str) -> None:
        """Show only the people whose name holds `text` (whatever the case); all for no text."""
        wanted = text.strip().casefold()
        self.beginResetModel()
        if wanted:
            self._shown = [row for row, name in enumerate(self._names) if wanted in name]
        else:
            self._shown = range(len(self.people))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _("Person") if section == PERSON else _("Role in the team")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.column() == PERSON:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        uuid, name = self.people[self._shown[index.row()]]
        if index.column() == PERSON:
            if role == Qt.ItemDataRole.DisplayRole:
                return name
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if uuid in self.ticked else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.UserRole:
                return uuid
        elif role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.roles.get(uuid, "")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        uuid = self.people[self._shown[index.row()]][0]
        if index.column() == PERSON and role == Qt.ItemDataRole.CheckStateRole:
            if _checked(value):
                self.ticked.add(uuid)
            else:
                self.ticked.discard(uuid)
        elif index.column() == ROLE and role == Qt.ItemDataRole.EditRole:
            self.roles[uuid] = str(value or "")
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        return True

    def team(self) -> list[TeamMember]:
        """Who is ticked, with their roles, in the order shown."""
        return [
            TeamMember(uuid, self.roles.get(uuid, "").strip())
            for uuid, _name in self.people
            if uuid in self.ticked
        ]


def _checked(value: Any) -> bool:
    state = value.value if isinstance(value, Qt.CheckState) else value
    return bool(state == Qt.CheckState.Checked.value)
