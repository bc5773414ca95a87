"""Membership with dates and sources (seed 2013: 9; CBS 2021: 11) and why they differ; the
cluster definition (seed 002 l.65) checked from the national data; all of Israel's regional
clusters as CBS codes them, with the changes since, dated."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.cluster_profile import CRITERIA, definition_check, membership_difference
from desktop.models.validation import ValidationError
from desktop.views.cluster.fields import text
from desktop.views.widgets import error_label, iso_or_none, show_error

if TYPE_CHECKING:
    from desktop.views.cluster.window import ClusterWindow

MET_COLOUR, UNMET_COLOUR = QColor("#c6f6d5"), QColor("#fed7d7")


def _cell(text_value: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text_value)
    item.setToolTip(text_value)
    return item


class MembershipTab(QWidget):
    def __init__(self, window: ClusterWindow) -> None:
        super().__init__()
        self.window_ = window
        self.lists = QTableWidget(0, 4)
        self.lists.setObjectName("membership_lists")
        self.lists.verticalHeader().hide()
        self.lists.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.lists.setWordWrap(True)
        self.differences = QLabel()
        self.differences.setObjectName("membership_differences")
        self.differences.setWordWrap(True)
        self.note = text("membership_note", window.profile.membership_note, self._note_typed, height=50)
        self.add_button = QPushButton(_("Add the workspace's list of today"))
        self.add_button.setObjectName("membership_add_current")
        self.add_button.clicked.connect(self.add_current)
        self.error = error_label("membership_error")
        lists_box = QGroupBox(_("Membership with dates and sources"))
        lists_layout = QVBoxLayout(lists_box)
        lists_layout.addWidget(self.lists, 1)
        lists_layout.addWidget(self.differences)
        lists_layout.addWidget(QLabel(_("Why the lists differ")))
        lists_layout.addWidget(self.note)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        lists_layout.addLayout(row)
        lists_layout.addWidget(self.error)

        self.definition = QTableWidget(0, 3)
        self.definition.setObjectName("definition_check")
        self.definition.verticalHeader().hide()
        self.definition.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.definition_source = QLabel()
        self.definition_source.setObjectName("definition_source")
        self.definition_source.setWordWrap(True)
        definition_box = QGroupBox(_("The cluster definition, from the national data"))
        definition_layout = QVBoxLayout(definition_box)
        definition_layout.addWidget(self.definition, 1)
        definition_layout.addWidget(self.definition_source)

        self.national = QTableWidget(0, 6)
        self.national.setObjectName("national_clusters")
        self.national.verticalHeader().hide()
        self.national.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        national_box = QGroupBox(_("Israel's regional clusters (CBS coding 2021, with the changes since)"))
        national_layout = QVBoxLayout(national_box)
        national_layout.addWidget(self.national)

        upper = QWidget()
        upper_layout = QHBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(lists_box, 3)
        upper_layout.addWidget(definition_box, 2)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(national_box)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.note.setEnabled(not window.read_only)
        self.add_button.setEnabled(not window.read_only)
        self.refresh()

    def refresh(self) -> None:
        window = self.window_
        profile = window.profile
        names = window.member_names
        self.lists.setRowCount(len(profile.memberships))
        self.lists.setHorizontalHeaderLabels([_("As of"), _("Authorities"), _("Source"), _("Members")])
        for row, membership in enumerate(profile.memberships):
            members = ", ".join(names.get(m, "—") for m in membership.members)
            count = i18n.format_number(len(membership.members))
            for column, value in enumerate((shown_date(membership.as_of), count, membership.source, members)):
                self.lists.setItem(row, column, _cell(value))
        self.lists.resizeColumnsToContents()
        lines = []
        for earlier, later in zip(profile.memberships, profile.memberships[1:], strict=False):
            joined, left = membership_difference(earlier, later)
            if joined or left:
                lines.append(
                    _("From {earlier} to {later}: joined {joined}; left {left}").format(
                        earlier=shown_date(earlier.as_of),
                        later=shown_date(later.as_of),
                        joined=", ".join(names.get(m, "—") for m in joined) or "—",
                        left=", ".join(names.get(m, "—") for m in left) or "—",
                    )
                )
        national = window.national_cluster()
        if national is not None:
            for as_of, joined_names, note in national.changes:
                lines.append(
                    _("{as_of}: joined {joined}").format(
                        as_of=shown_date(as_of), joined=", ".join(joined_names)
                    )
                    + (f" ({note})" if note else "")
                )
        self.differences.setText("\n".join(lines))
        self._fill_definition()
        self._fill_national()

    def reload(self) -> None:
        self.note.blockSignals(True)
        self.note.setPlainText(self.window_.profile.membership_note)
        self.note.blockSignals(False)
        self.refresh()

    def _fill_definition(self) -> None:
        national = self.window_.national_cluster()
        criteria = definition_check(national.members) if national and national.members else []
        self.definition.setRowCount(len(criteria))
        self.definition.setHorizontalHeaderLabels([_("Criterion"), _("Met?"), _("Figures")])
        for row, criterion in enumerate(criteria):
            met = _cell(_("Met") if criterion.met else _("Not met"))
            met.setBackground(MET_COLOUR if criterion.met else UNMET_COLOUR)
            self.definition.setItem(row, 0, _cell(_(CRITERIA[criterion.key])))
            self.definition.setItem(row, 1, met)
            self.definition.setItem(row, 2, _cell(criterion.figure))
        self.definition.resizeColumnsToContents()
        if national is None or not national.members:
            self.definition_source.setText(
                _("The national data has no cluster called “{name}”; the check needs its members.").format(
                    name=self.window_.cluster_name()
                )
            )
        else:
            self.definition_source.setText(
                _("{count} members by {source}").format(count=len(national.members), source=national.source)
            )

    def _fill_national(self) -> None:
        clusters = self.window_.national_clusters
        self.national.setRowCount(len(clusters))
        self.national.setHorizontalHeaderLabels(
            [
                _("Regional cluster"),
                _("CBS code"),
                _("As of"),
                _("Authorities"),
                _("Definition met"),
                _("Changes"),
            ]
        )
        for row, cluster in enumerate(clusters):
            criteria = definition_check(cluster.members) if cluster.members else []
            unmet = [_(CRITERIA[c.key]) for c in criteria if not c.met]
            verdict = (
                "—"
                if not criteria
                else _("Met")
                if not unmet
                else _("Not met: {criteria}").format(criteria=", ".join(unmet))
            )
            changes = "; ".join(
                _("{as_of}: joined {joined}").format(as_of=shown_date(a), joined=", ".join(j))
                for a, j, _n in cluster.changes
            )
            values = (
                cluster.name,
                str(cluster.code) if cluster.code is not None else "—",
                shown_date(cluster.as_of),
                i18n.format_number(len(cluster.members)) if cluster.members else "—",
                verdict,
                changes or (cluster.source if not cluster.members else ""),
            )
            for column, value in enumerate(values):
                self.national.setItem(row, column, _cell(value))
        self.national.resizeColumnsToContents()

    def _note_typed(self, value: str) -> None:
        self.window_.profile.membership_note = value.strip()
        self.window_.changed()

    def add_current(self) -> None:
        window = self.window_
        members = window.current_members()
        try:
            window.profile.add_membership(
                date.today().isoformat(), _("The workspace's list of the cluster"), members
            )
        except ValidationError as error:
            show_error(self.error, error.message)
            return
        show_error(self.error, "")
        window.save()
        self.refresh()


def shown_date(as_of: str) -> str:
    """A list's date the way the language writes dates ("7.12.2026", not "2026-12-07"); a year
    or other text typed for it stays as it is."""
    day = iso_or_none(as_of)
    return i18n.format_date(day) if day else as_of
