"""The profile's first two tabs: founding and goals (seed 003 l.1-23), and how the cluster
works: the three levels, the forums, the accompanying body, the board of mayors and the
chair–CEO relationship (seed 003 l.25-47, seed 002 l.96, l.211)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.models.cluster_profile import CHAIR_STYLES, FORUM_KINDS, LEVELS, new_forum
from desktop.models.validation import ValidationError, clean_whole_number
from desktop.views.cluster.fields import line, text
from desktop.views.community.context import fill_combo, none_label
from desktop.views.dialogs import confirm
from desktop.views.person_picker import fill_people
from desktop.views.widgets import date_editor, error_label, pydate, qdate, show_error

if TYPE_CHECKING:
    from desktop.views.cluster.window import ClusterWindow


def scrolled(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area


class FoundingTab(QScrollArea):
    def __init__(self, window: ClusterWindow) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.window_ = window
        profile = window.profile
        self.year = line(
            "profile_founding_year", str(profile.founding_year or ""), self._year_typed, ltr=True
        )
        self.year_error = error_label("profile_founding_year_error")
        self.initiator = QComboBox()
        self.initiator.setObjectName("profile_initiator")
        fill_combo(self.initiator, window.authority_choices(), profile.initiator, blank=none_label())
        self.initiator.currentIndexChanged.connect(self._initiator_changed)
        self.initiator_person = line(
            "profile_initiator_person", profile.initiator_person, self._set("initiator_person")
        )
        self.story = text("profile_story", profile.founding_story, self._set("founding_story"), height=110)
        self.goals = text("profile_goals", "\n".join(profile.goals), self._goals_typed, height=110)
        self.launch_date = date_editor("profile_launch_date")
        self.launch_date.setMinimumDate(QDate(1990, 1, 1))
        self.launch_date.setSpecialValueText(_("No date"))
        self.launch_date.setDate(
            qdate(profile.launch_date) if profile.launch_date else self.launch_date.minimumDate()
        )
        self.launch_date.dateChanged.connect(self._launch_date_changed)
        self.launch_place = line("profile_launch_place", profile.launch_place, self._set("launch_place"))
        self.launch_notes = text("profile_launch_notes", profile.launch_notes, self._set("launch_notes"))
        form = QFormLayout()
        form.addRow(_("Founding year"), self.year)
        form.addRow("", self.year_error)
        form.addRow(_("Initiating authority"), self.initiator)
        form.addRow(_("Who proposed it"), self.initiator_person)
        form.addRow(_("The founding story"), self.story)
        form.addRow(_("Goals (one a line)"), self.goals)
        form.addRow(_("Launch event: date"), self.launch_date)
        form.addRow(_("Launch event: place"), self.launch_place)
        form.addRow(_("Launch event: what happened"), self.launch_notes)
        inner = QWidget()
        inner.setLayout(form)
        self.setWidget(inner)
        for widget in (
            self.year,
            self.initiator,
            self.initiator_person,
            self.story,
            self.goals,
            self.launch_date,
            self.launch_place,
            self.launch_notes,
        ):
            widget.setEnabled(not window.read_only)

    def refresh(self) -> None:
        """Shown again: nothing here depends on other tabs."""

    def reload(self) -> None:
        """Show the profile's values again (after taking another person's version)."""
        profile = self.window_.profile
        widgets = (self.year, self.initiator, self.initiator_person, self.story, self.goals, self.launch_date)
        for widget in (*widgets, self.launch_place, self.launch_notes):
            widget.blockSignals(True)
        self.year.setText(str(profile.founding_year or ""))
        self.initiator.setCurrentIndex(max(self.initiator.findData(profile.initiator), 0))
        self.initiator_person.setText(profile.initiator_person)
        self.story.setPlainText(profile.founding_story)
        self.goals.setPlainText("\n".join(profile.goals))
        minimum = self.launch_date.minimumDate()
        self.launch_date.setDate(qdate(profile.launch_date) if profile.launch_date else minimum)
        self.launch_place.setText(profile.launch_place)
        self.launch_notes.setPlainText(profile.launch_notes)
        for widget in (*widgets, self.launch_place, self.launch_notes):
            widget.blockSignals(False)

    def _set(self, name: str) -> Callable[[str], None]:
        def typed(value: str) -> None:
            setattr(self.window_.profile, name, value.strip())
            self.window_.changed()

        return typed

    def _year_typed(self, value: str) -> None:
        try:
            year = clean_whole_number("founding_year", value, minimum=1990)
            if year is not None and year > date.today().year:
                raise ValidationError("founding_year", _("The founding year cannot be in the future."))
        except ValidationError as error:
            show_error(self.year_error, error.message)
            return
        show_error(self.year_error, "")
        self.window_.profile.founding_year = year
        self.window_.changed()

    def _initiator_changed(self) -> None:
        self.window_.profile.initiator = str(self.initiator.currentData() or "")
        self.window_.save()

    def _goals_typed(self, value: str) -> None:
        self.window_.profile.set_goals(value)
        self.window_.changed()

    def _launch_date_changed(self, value: QDate) -> None:
        blank = value == self.launch_date.minimumDate()
        self.window_.profile.launch_date = "" if blank else pydate(value).isoformat()
        self.window_.save()


class GovernanceTab(QScrollArea):
    """The three levels of work, the forums, the accompanying body, the board and the chair."""

    def __init__(self, window: ClusterWindow) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.window_ = window
        profile = window.profile
        writable = not window.read_only
        levels = QFormLayout()
        self.levels = {}
        for key, label in LEVELS.items():
            edit = text(f"profile_level_{key}", profile.levels.get(key, ""), self._level(key), height=55)
            edit.setEnabled(writable)
            self.levels[key] = edit
            levels.addRow(_(label), edit)
        levels_box = QGroupBox(_("The three levels of work"))
        levels_box.setLayout(levels)

        self.forums = QTableWidget(0, 4)
        self.forums.setObjectName("profile_forums")
        self.forums.verticalHeader().hide()
        self.forums.setMinimumHeight(160)
        self.forums.itemChanged.connect(self._forum_cell_changed)
        self.add_forum_button = QPushButton(_("Add a forum…"))
        self.add_forum_button.setObjectName("profile_add_forum")
        self.add_forum_button.clicked.connect(self.add_forum)
        self.remove_forum_button = QPushButton(_("Remove the forum…"))
        self.remove_forum_button.setObjectName("profile_remove_forum")
        self.remove_forum_button.clicked.connect(self.remove_forum)
        self.forums_error = error_label("profile_forums_error")
        forums_box = QGroupBox(_("Forums: professional, coordinating and the board"))
        forums_layout = QVBoxLayout(forums_box)
        forums_layout.addWidget(self.forums)
        row = QHBoxLayout()
        row.addWidget(self.add_forum_button)
        row.addWidget(self.remove_forum_button)
        row.addStretch(1)
        forums_layout.addLayout(row)
        forums_layout.addWidget(self.forums_error)

        self.body = line(
            "profile_accompanying_body", profile.accompanying_body, self._set("accompanying_body")
        )
        self.body_notes = text(
            "profile_accompanying_notes", profile.accompanying_notes, self._set("accompanying_notes")
        )
        self.chair = QComboBox()
        self.chair.setObjectName("profile_chair")
        self.ceo = QComboBox()
        self.ceo.setObjectName("profile_ceo")
        for combo, value in ((self.chair, profile.chair), (self.ceo, profile.ceo)):
            fill_people(combo, window.people_choices(), value, blank=none_label())
            combo.currentIndexChanged.connect(self._people_changed)
        self.chair_style = QComboBox()
        self.chair_style.setObjectName("profile_chair_style")
        fill_combo(self.chair_style, [(k, _(v)) for k, v in CHAIR_STYLES.items()], profile.chair_style)
        self.chair_style.currentIndexChanged.connect(self._people_changed)
        self.chair_notes = text("profile_chair_notes", profile.chair_ceo_notes, self._set("chair_ceo_notes"))
        people = QFormLayout()
        people.addRow(_("The accompanying body"), self.body)
        people.addRow(_("What it accompanies"), self.body_notes)
        people.addRow(_("Chair of the board of mayors"), self.chair)
        people.addRow(_("The cluster's CEO"), self.ceo)
        people.addRow(_("The chair–CEO relationship"), self.chair_style)
        people.addRow(_("Notes on the relationship"), self.chair_notes)
        people_box = QGroupBox(_("Accompaniment and governance"))
        people_box.setLayout(people)
        for widget in (
            self.add_forum_button,
            self.remove_forum_button,
            self.body,
            self.body_notes,
            self.chair,
            self.ceo,
            self.chair_style,
            self.chair_notes,
        ):
            widget.setEnabled(writable)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(levels_box)
        layout.addWidget(forums_box)
        layout.addWidget(people_box)
        self.setWidget(inner)
        self.refresh()

    def refresh(self) -> None:
        forums = self.window_.profile.forums
        self.forums.blockSignals(True)
        self.forums.clearContents()
        self.forums.setRowCount(len(forums))
        self.forums.setHorizontalHeaderLabels([_("Forum"), _("Kind"), _("Founded"), _("Notes")])
        for row, forum in enumerate(forums):
            for column, value in ((0, forum.name), (2, forum.founded), (3, forum.notes)):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, forum.id)
                if self.window_.read_only:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.forums.setItem(row, column, item)
            kind = QComboBox()
            kind.setObjectName(f"profile_forum_kind_{row}")
            fill_combo(kind, [(k, _(v)) for k, v in FORUM_KINDS.items()], forum.kind)
            kind.setEnabled(not self.window_.read_only)
            kind.currentIndexChanged.connect(
                lambda _i, f=forum, c=kind: self._forum_kind(f.id, str(c.currentData()))
            )
            self.forums.setCellWidget(row, 1, kind)
        self.forums.blockSignals(False)
        self.forums.resizeColumnsToContents()

    def reload(self) -> None:
        """Show the profile's values again (after taking another person's version)."""
        profile = self.window_.profile
        widgets = [*self.levels.values(), self.body, self.body_notes, self.chair, self.ceo, self.chair_style]
        widgets.append(self.chair_notes)
        for widget in widgets:
            widget.blockSignals(True)
        for key, edit in self.levels.items():
            edit.setPlainText(profile.levels.get(key, ""))
        self.body.setText(profile.accompanying_body)
        self.body_notes.setPlainText(profile.accompanying_notes)
        for combo, value in (
            (self.chair, profile.chair),
            (self.ceo, profile.ceo),
            (self.chair_style, profile.chair_style),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.chair_notes.setPlainText(profile.chair_ceo_notes)
        for widget in widgets:
            widget.blockSignals(False)
        self.refresh()

    def _set(self, name: str) -> Callable[[str], None]:
        def typed(value: str) -> None:
            setattr(self.window_.profile, name, value.strip())
            self.window_.changed()

        return typed

    def _level(self, key: str) -> Callable[[str], None]:
        def typed(value: str) -> None:
            self.window_.profile.levels[key] = value.strip()
            self.window_.changed()

        return typed

    def _people_changed(self) -> None:
        profile = self.window_.profile
        profile.chair = str(self.chair.currentData() or "")
        profile.ceo = str(self.ceo.currentData() or "")
        profile.chair_style = str(self.chair_style.currentData() or "")
        self.window_.save()

    def add_forum(self) -> None:
        name, ok = QInputDialog.getText(self, _("Add a forum"), _("Name of the forum"))
        if not ok:
            return
        try:
            forum = new_forum(name, "professional", self.window_.profile.forums)
        except ValidationError as error:
            show_error(self.forums_error, error.message)
            return
        show_error(self.forums_error, "")
        self.window_.profile.forums.append(forum)
        self.window_.save()
        self.refresh()

    def remove_forum(self) -> None:
        item = self.forums.item(self.forums.currentRow(), 0)
        if item is None:
            show_error(self.forums_error, _("Choose the forum to remove."))
            return
        forum_id = item.data(Qt.ItemDataRole.UserRole)
        profile = self.window_.profile
        forum = next(f for f in profile.forums if f.id == forum_id)
        if confirm(self, _("Remove the forum"), _("Remove the forum “{name}”?").format(name=forum.name)):
            profile.forums.remove(forum)
            show_error(self.forums_error, "")
            self.window_.save()
            self.refresh()

    def _forum_kind(self, forum_id: str, kind: str) -> None:
        forum = next(f for f in self.window_.profile.forums if f.id == forum_id)
        forum.kind = kind
        self.window_.save()

    def _forum_cell_changed(self, item: QTableWidgetItem) -> None:
        forum = next(
            (f for f in self.window_.profile.forums if f.id == item.data(Qt.ItemDataRole.UserRole)), None
        )
        if forum is None:
            return
        value = " ".join(item.text().split())
        if item.column() == 0:
            if not value:
                show_error(self.forums_error, _("This field is required."))
                return
            forum.name = value
        elif item.column() == 2:
            forum.founded = value
        else:
            forum.notes = value
        show_error(self.forums_error, "")
        self.window_.save()
