"""The advisory committee (seed 004 l.957, l.1339-1378): the members on it, the leading
partners and stakeholders beside them, and its 3-4 regular meetings a year on a standing
agenda (work plan, budget, measurement and evaluation, specific professional challenges)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.community import ADVISORY_KINDS, ADVISORY_TARGET, AdvisoryGuest, AdvisoryMeeting
from desktop.models.validation import ValidationError
from desktop.views.community.context import CommunityContext, fill_combo
from desktop.views.community.members_tab import date_edit
from desktop.views.dialogs import confirm
from desktop.views.person_picker import fill_people
from desktop.views.qt_i18n import align_text_field
from desktop.views.widgets import error_label, pydate, qdate, show_error

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class AddGuestDialog(QDialog):
    """A partner or stakeholder of the workspace's people, and whom they represent."""

    def __init__(self, context: CommunityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Add a partner or stakeholder"))
        self.person = QComboBox()
        self.person.setObjectName("guest_person")
        taken = {m.person for m in context.community.members} | {
            g.person for g in context.community.advisory_guests
        }
        fill_people(
            self.person,
            [
                (p.uuid, p.full_name + (f" · {p.organisation}" if p.organisation else ""))
                for p in context.people.values()
                if p.uuid not in taken
            ],
            "",
            blank=_("(choose)"),
        )
        self.person.currentIndexChanged.connect(self._person_chosen)
        self.kind = QComboBox()
        self.kind.setObjectName("guest_kind")
        fill_combo(self.kind, [(k, _(v)) for k, v in ADVISORY_KINDS.items()], "partner")
        self.organisation = QLineEdit()
        self.organisation.setObjectName("guest_organisation")
        align_text_field(self.organisation, left_to_right=False)
        self.error = error_label("guest_error")
        form = QFormLayout()
        form.addRow(_("Person"), self.person)
        form.addRow(_("On the committee as"), self.kind)
        form.addRow(_("Represents"), self.organisation)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _person_chosen(self) -> None:
        facts = self.context.people.get(str(self.person.currentData() or ""))
        if facts and not self.organisation.text():
            self.organisation.setText(facts.organisation)

    def _accept(self) -> None:
        guest = AdvisoryGuest(
            str(self.person.currentData() or ""),
            str(self.kind.currentData() or "partner"),
            " ".join(self.organisation.text().split()),
        )
        try:
            self.context.community.add_advisory_guest(guest)
        except ValidationError as error:
            show_error(self.error, error.message)
            return
        self.accept()


class AdvisoryTab(QWidget):
    def __init__(self, context: CommunityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting: AdvisoryMeeting | None = None
        self._loading = False
        self.members_note = QLabel()
        self.members_note.setObjectName("advisory_members")
        self.members_note.setWordWrap(True)
        self.guests = QTableWidget(0, 3)
        self.guests.setObjectName("advisory_guests")
        self.guests.verticalHeader().hide()
        self.guests.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.guests.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.add_guest_button = QPushButton(_("Add a partner or stakeholder…"))
        self.add_guest_button.setObjectName("advisory_add_guest")
        self.add_guest_button.clicked.connect(self.add_guest)
        self.remove_guest_button = QPushButton(_("Remove from the committee…"))
        self.remove_guest_button.setObjectName("advisory_remove_guest")
        self.remove_guest_button.clicked.connect(self.remove_guest)
        self.guests_error = error_label("advisory_guests_error")
        people_box = QGroupBox(_("The committee (5-7 people: members, partners and stakeholders)"))
        people_layout = QVBoxLayout(people_box)
        people_layout.addWidget(self.members_note)
        people_layout.addWidget(self.guests, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_guest_button)
        row.addWidget(self.remove_guest_button)
        row.addStretch(1)
        people_layout.addLayout(row)
        people_layout.addWidget(self.guests_error)

        self.new_day = date_edit("advisory_new_day")
        self.new_day.setDate(qdate(context.community.period_start))
        self.add_meeting_button = QPushButton(_("Add a meeting"))
        self.add_meeting_button.setObjectName("advisory_add_meeting")
        self.add_meeting_button.clicked.connect(self.add_meeting)
        self.remove_meeting_button = QPushButton(_("Remove the meeting…"))
        self.remove_meeting_button.setObjectName("advisory_remove_meeting")
        self.remove_meeting_button.clicked.connect(self.remove_meeting)
        self.meetings = QListWidget()
        self.meetings.setObjectName("advisory_meetings")
        self.meetings.currentItemChanged.connect(lambda *_a: self._meeting_chosen())
        self.meetings_error = error_label("advisory_meetings_error")
        self.warnings = QLabel()
        self.warnings.setObjectName("advisory_warnings")
        self.warnings.setWordWrap(True)
        self.ad_hoc = QCheckBox(_("An ad-hoc meeting (beyond the regular ones)"))
        self.ad_hoc.setObjectName("advisory_ad_hoc")
        self.ad_hoc.toggled.connect(self._ad_hoc_changed)
        self.agenda = QPlainTextEdit()
        self.agenda.setObjectName("advisory_agenda")
        self.agenda.textChanged.connect(self._text_typed)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("advisory_notes")
        self.notes.textChanged.connect(self._text_typed)
        meetings_box = QGroupBox(_("Meetings (3-4 a year on the standing agenda)"))
        meetings_layout = QVBoxLayout(meetings_box)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_day)
        add_row.addWidget(self.add_meeting_button)
        add_row.addWidget(self.remove_meeting_button)
        add_row.addStretch(1)
        meetings_layout.addLayout(add_row)
        meetings_layout.addWidget(self.meetings, 1)
        meetings_layout.addWidget(self.meetings_error)
        meetings_layout.addWidget(self.warnings)
        form = QFormLayout()
        form.addRow("", self.ad_hoc)
        form.addRow(_("Agenda (one item a line)"), self.agenda)
        form.addRow(_("Summary and decisions"), self.notes)
        meetings_layout.addLayout(form, 1)

        layout = QHBoxLayout(self)
        layout.addWidget(people_box, 1)
        layout.addWidget(meetings_box, 1)
        for widget in (
            self.add_guest_button,
            self.remove_guest_button,
            self.add_meeting_button,
            self.remove_meeting_button,
        ):
            widget.setEnabled(not context.read_only)
        self.refresh()

    def refresh(self) -> None:
        community = self.context.community
        names = [self.context.person_name(m.person) for m in community.advisory_members()]
        self.members_note.setText(
            _("Members on the committee: {names}").format(names=", ".join(names))
            if names
            else _("No member is on the committee yet (mark them in the members' table).")
        )
        self.guests.setRowCount(len(community.advisory_guests))
        self.guests.setHorizontalHeaderLabels([_("Name"), _("On the committee as"), _("Represents")])
        for row, guest in enumerate(community.advisory_guests):
            texts = (
                self.context.person_name(guest.person),
                _(ADVISORY_KINDS.get(guest.kind, ADVISORY_KINDS["partner"])),
                guest.organisation,
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, guest.person)
                self.guests.setItem(row, column, item)
        self.guests.resizeColumnsToContents()
        current = self.meeting.id if self.meeting else ""
        self.meetings.blockSignals(True)
        self.meetings.clear()
        for meeting in community.advisory_meetings:
            label = i18n.format_date(meeting.day)
            if meeting.ad_hoc:
                label = _("{day} (ad hoc)").format(day=label)
            entry = QListWidgetItem(label)
            entry.setData(ID_ROLE, meeting.id)
            self.meetings.addItem(entry)
            if meeting.id == current:
                self.meetings.setCurrentItem(entry)
        if self.meetings.currentItem() is None and self.meetings.count():
            self.meetings.setCurrentRow(0)
        self.meetings.blockSignals(False)
        self._meeting_chosen()
        warnings = community.advisory_warnings()
        low, high = ADVISORY_TARGET
        if not low <= community.advisory_size() <= high:
            warnings.append(
                _("The advisory committee has {count} members; the recommended size is {low}-{high}.").format(
                    count=community.advisory_size(), low=low, high=high
                )
            )
        self.warnings.setText("\n".join(warnings))

    # people -------------------------------------------------------------------------------

    def add_guest(self) -> None:
        dialog = AddGuestDialog(self.context, self)
        if dialog.exec():
            show_error(self.guests_error, "")
            self.context.save()
            self.refresh()

    def remove_guest(self) -> None:
        item = self.guests.item(self.guests.currentRow(), 0)
        if item is None:
            show_error(self.guests_error, _("Choose whom to remove."))
            return
        person = str(item.data(ID_ROLE))
        if not confirm(
            self,
            _("Remove from the committee"),
            _("Remove {name} from the advisory committee?").format(name=self.context.person_name(person)),
        ):
            return
        show_error(self.guests_error, "")
        community = self.context.community
        community.advisory_guests = [g for g in community.advisory_guests if g.person != person]
        self.context.save()
        self.refresh()

    # meetings -----------------------------------------------------------------------------

    def add_meeting(self) -> None:
        try:
            self.meeting = self.context.community.add_advisory_meeting(pydate(self.new_day.date()))
        except ValidationError as error:
            show_error(self.meetings_error, error.message)
            return
        show_error(self.meetings_error, "")
        self.context.save()
        self.refresh()

    def remove_meeting(self) -> None:
        meeting = self.meeting
        if meeting is None:
            show_error(self.meetings_error, _("Choose the meeting to remove."))
            return
        if confirm(
            self,
            _("Remove the meeting"),
            _("Remove the advisory committee's meeting of {day}?").format(day=i18n.format_date(meeting.day)),
        ):
            self.context.community.advisory_meetings.remove(meeting)
            self.meeting = None
            self.context.save()
            self.refresh()

    def _meeting_chosen(self) -> None:
        self.context.flush()
        item = self.meetings.currentItem()
        meeting_id = item.data(ID_ROLE) if item is not None else None
        self.meeting = next((m for m in self.context.community.advisory_meetings if m.id == meeting_id), None)
        meeting = self.meeting
        enabled = meeting is not None and not self.context.read_only
        self._loading = True
        for widget in (self.ad_hoc, self.agenda, self.notes):
            widget.setEnabled(enabled)
        self.ad_hoc.setChecked(bool(meeting and meeting.ad_hoc))
        self.agenda.setPlainText("\n".join(meeting.agenda) if meeting else "")
        self.notes.setPlainText(meeting.notes if meeting else "")
        self._loading = False

    def _text_typed(self) -> None:
        if self._loading or self.meeting is None:
            return
        lines = self.agenda.toPlainText().splitlines()
        self.meeting.agenda = [line.strip() for line in lines if line.strip()]
        self.meeting.notes = self.notes.toPlainText().strip()
        self.context.changed()

    def _ad_hoc_changed(self, checked: bool) -> None:
        if self._loading or self.meeting is None:
            return
        self.meeting.ad_hoc = checked
        self.context.save()
        self.refresh()
