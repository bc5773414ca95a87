"""The syllabus builder: the year's meetings (date, topic, host, format, the seminar) in a
table and on a Gantt chart, drafted automatically from the ranked topics and edited."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.hebrew_calendar import hebrew_date
from desktop.models.holidays import GROUPS, avoided_for, clean_groups, holidays_on
from desktop.models.syllabus import (
    FORMATS,
    IN_PERSON,
    MEETINGS_PER_YEAR,
    ONLINE,
    WEEKDAYS,
    Meeting,
    default_blocks,
    draft_year,
    host_warnings,
    meeting_problems,
    monthly_dates,
    new_meeting,
    ordered,
    outside_the_year,
)
from desktop.models.topics_survey import rank_topics
from desktop.models.validation import ValidationError
from desktop.views.community.context import CommunityContext, fill_combo, none_label
from desktop.views.community.gantt import GanttView
from desktop.views.community.members_tab import date_edit
from desktop.views.dialogs import confirm
from desktop.views.widgets import error_label, pydate, qdate, show_error

COLUMNS = ("number", "date", "hebrew", "topic", "title", "host", "format", "seminar", "problems", "falls_on")
ERROR_COLOUR = QColor("#c53030")
WARNING_COLOUR = QColor("#b7791f")


class SyllabusTab(QWidget):
    def __init__(self, context: CommunityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.weekday = QComboBox()
        self.weekday.setObjectName("syllabus_weekday")
        fill_combo(self.weekday, [(str(k), _(v)) for k, v in WEEKDAYS.items()], "1")
        self.week = QSpinBox()
        self.week.setObjectName("syllabus_week")
        self.week.setRange(1, 4)
        self.week.setValue(3)
        self.count = QSpinBox()
        self.count.setObjectName("syllabus_count")
        self.count.setRange(1, 12)
        self.count.setValue(MEETINGS_PER_YEAR)
        self.skip_holidays = QCheckBox(_("Skip the holidays of"))
        self.skip_holidays.setObjectName("syllabus_skip_holidays")
        self.skip_holidays.setChecked(True)
        # Whose holidays the community keeps (seed 000 l.424): saved with the community.
        self.groups: dict[str, QCheckBox] = {}
        for group, label in GROUPS.items():
            box = QCheckBox(_(label))
            box.setObjectName(f"syllabus_holidays_{group}")
            box.setChecked(group in context.community.holiday_groups)
            box.setEnabled(not context.read_only)
            box.toggled.connect(self._groups_changed)
            self.groups[group] = box
        self.skip_august = QCheckBox(_("Skip August"))
        self.skip_august.setObjectName("syllabus_skip_august")
        self.skip_august.setChecked(True)
        self.draft_button = QPushButton(_("Draft the year"))
        self.draft_button.setObjectName("syllabus_draft")
        self.draft_button.setToolTip(
            _(
                "Spread the chosen (or best-ranked) topics over the "
                "months, rotate the hosts and alternate the formats"
            )
        )
        self.draft_button.clicked.connect(self.draft)
        options = QHBoxLayout()
        options.addWidget(QLabel(_("Meetings on")))
        options.addWidget(self.weekday)
        options.addWidget(QLabel(_("week of the month")))
        options.addWidget(self.week)
        options.addWidget(QLabel(_("Meetings")))
        options.addWidget(self.count)
        options.addWidget(self.skip_holidays)
        for box in self.groups.values():
            options.addWidget(box)
        options.addWidget(self.skip_august)
        options.addStretch(1)
        options.addWidget(self.draft_button)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("syllabus_meetings")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            COLUMNS.index("problems"), QHeaderView.ResizeMode.Stretch
        )
        self.table.itemChanged.connect(self._item_changed)
        self.add_button = QPushButton(_("Add a meeting"))
        self.add_button.setObjectName("syllabus_add")
        self.add_button.clicked.connect(self.add_meeting)
        self.remove_button = QPushButton(_("Remove the meeting…"))
        self.remove_button.setObjectName("syllabus_remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = error_label("syllabus_error")
        self.summary = QLabel()
        self.summary.setObjectName("syllabus_summary")
        self.summary.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.summary, 1)

        self.gantt = GanttView(self.move_meeting)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addLayout(row)
        upper_layout.addWidget(self.error)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self.gantt)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(splitter, 1)
        for widget in (self.draft_button, self.add_button, self.remove_button):
            widget.setEnabled(not context.read_only)
        self.refresh()

    # reading the community ------------------------------------------------------------------

    def problems(self) -> dict[str, list[tuple[str, str]]]:
        community = self.context.community
        return meeting_problems(
            community.meetings,
            period=(community.period_start, community.period_end),
            member_authorities=community.member_authorities(),
        )

    def refresh(self) -> None:
        community = self.context.community
        for group, box in self.groups.items():
            box.blockSignals(True)
            box.setChecked(group in community.holiday_groups)
            box.blockSignals(False)
        meetings = ordered(community.meetings)
        problems = self.problems()
        warnings = host_warnings(meetings, community.member_authorities())
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(meetings))
        self.table.setHorizontalHeaderLabels(
            [
                _("No."),
                _("Date"),
                _("Hebrew date"),
                _("Topic"),
                _("Title (instead of the topic)"),
                _("Host"),
                _("Format"),
                _("Two-day seminar"),
                _("Problems"),
                _("Falls on"),
            ]
        )
        topics = [(t.id, t.title) for t in community.topics]
        hosts = [(a, self.context.authority_name(a)) for a in community.member_authorities()]
        for row, meeting in enumerate(meetings):
            self._fill_row(
                row, meeting, topics, hosts, problems.get(meeting.id, []), warnings.get(meeting.id, "")
            )
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(
            COLUMNS.index("problems"), QHeaderView.ResizeMode.Stretch
        )
        seminar = next((m for m in meetings if m.seminar), None)
        parts = [
            _("{count} meetings").format(count=i18n.format_number(len(meetings))),
            _("{count} online").format(count=i18n.format_number(sum(m.format == ONLINE for m in meetings))),
        ]
        parts.append(
            _("seminar on {day}").format(day=i18n.format_date(seminar.day))
            if seminar
            else _("no two-day seminar yet")
        )
        self.summary.setText(" · ".join(parts))
        rows = [(t.id, t.title) for t in community.topics if any(m.topic == t.id for m in meetings)]
        self.gantt.show_year(
            community.period_start,
            community.period_end,
            meetings,
            rows,
            set(problems),
            self.context.read_only,
        )

    def _fill_row(
        self,
        row: int,
        meeting: Meeting,
        topics: list[tuple[str, str]],
        hosts: list[tuple[str, str]],
        problems: list[tuple[str, str]],
        warning: str,
    ) -> None:
        community = self.context.community
        read_only = self.context.read_only
        number = QTableWidgetItem(i18n.format_number(row + 1))
        number.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        number.setData(Qt.ItemDataRole.UserRole, meeting.id)
        self.table.setItem(row, 0, number)
        editor = date_edit(f"meeting_date_{row}")
        editor.setDateRange(qdate(community.period_start), qdate(community.period_end))
        editor.setDate(qdate(meeting.day))
        editor.setEnabled(not read_only)
        editor.dateChanged.connect(lambda value, m=meeting: self.move_meeting(m, pydate(value)))
        self.table.setCellWidget(row, 1, editor)
        days = meeting.days()
        hebrew = QTableWidgetItem(" – ".join(hebrew_date(d) for d in days))
        hebrew.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        holiday = self.avoided(meeting.day)
        falls_on = ", ".join(dict.fromkeys(name for _g, name in holidays_on(meeting.day)))
        if falls_on:
            hebrew.setToolTip(falls_on)
        if holiday:
            hebrew.setForeground(WARNING_COLOUR)
        self.table.setItem(row, 2, hebrew)
        topic = QComboBox()
        topic.setObjectName(f"meeting_topic_{row}")
        fill_combo(topic, topics, meeting.topic, blank=none_label())
        topic.setEnabled(not read_only)
        topic.currentIndexChanged.connect(
            lambda _i, m=meeting, c=topic: self._set(m, "topic", str(c.currentData() or ""))
        )
        self.table.setCellWidget(row, 3, topic)
        self.table.setItem(row, 4, QTableWidgetItem(meeting.title))
        host = QComboBox()
        host.setObjectName(f"meeting_host_{row}")
        choices = list(hosts)
        if meeting.host and meeting.host not in dict(hosts):
            choices.append((meeting.host, self.context.authority_name(meeting.host)))
        fill_combo(host, choices, meeting.host, blank=none_label())
        host.setEnabled(not read_only and meeting.format == IN_PERSON)
        host.currentIndexChanged.connect(
            lambda _i, m=meeting, c=host: self._set(m, "host", str(c.currentData() or ""))
        )
        self.table.setCellWidget(row, 5, host)
        form = QComboBox()
        form.setObjectName(f"meeting_format_{row}")
        fill_combo(form, [(k, _(v)) for k, v in FORMATS.items()], meeting.format)
        form.setEnabled(not read_only)
        form.currentIndexChanged.connect(
            lambda _i, m=meeting, c=form: self._set(m, "format", str(c.currentData()))
        )
        self.table.setCellWidget(row, 6, form)
        seminar = QTableWidgetItem()
        seminar.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        seminar.setCheckState(Qt.CheckState.Checked if meeting.seminar else Qt.CheckState.Unchecked)
        self.table.setItem(row, 7, seminar)
        messages = [message for _field, message in problems]
        text = "; ".join(messages or ([warning] if warning else []))
        if holiday and not messages:
            text = "; ".join(filter(None, [text, _("On {holiday}").format(holiday=holiday)]))
        cell = QTableWidgetItem(text)
        cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        cell.setToolTip(text)
        cell.setForeground(ERROR_COLOUR if messages else WARNING_COLOUR)
        self.table.setItem(row, 8, cell)
        # Every population's days the date falls on, kept by the community or not.
        days_cell = QTableWidgetItem(falls_on)
        days_cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        days_cell.setToolTip(
            "; ".join(f"{name} ({_(GROUPS[group])})" for group, name in holidays_on(meeting.day))
        )
        self.table.setItem(row, 9, days_cell)

    def meeting_at(self, row: int) -> Meeting | None:
        item = self.table.item(row, 0)
        if item is None:
            return None
        meeting_id = item.data(Qt.ItemDataRole.UserRole)
        return next((m for m in self.context.community.meetings if m.id == meeting_id), None)

    def avoided(self, day: date) -> str | None:
        """Why the community would not meet on `day`: a holiday of its chosen groups."""
        return avoided_for(self.context.community.holiday_groups)(day)

    def _groups_changed(self) -> None:
        chosen = [group for group, box in self.groups.items() if box.isChecked()]
        self.context.community.holiday_groups = clean_groups(chosen)
        self._changed()

    # editing ------------------------------------------------------------------------------

    def _changed(self) -> None:
        self.context.save()
        self.refresh()

    def _set(self, meeting: Meeting, name: str, value: str) -> None:
        setattr(meeting, name, value)
        if name == "format" and value == ONLINE:
            meeting.host = ""
            meeting.seminar = False
        self._changed()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        meeting = self.meeting_at(item.row())
        if meeting is None:
            return
        if item.column() == 4:
            meeting.title = " ".join(item.text().split())
        elif item.column() == 7:
            meeting.seminar = item.checkState() == Qt.CheckState.Checked
            if meeting.seminar:
                meeting.format = IN_PERSON
        else:
            return
        self._changed()

    def move_meeting(self, meeting: Meeting, day: date) -> None:
        community = self.context.community
        if not community.in_period(day):
            show_error(self.error, outside_the_year((community.period_start, community.period_end)))
            self.refresh()
            return
        show_error(self.error, "")
        meeting.day = day
        self._changed()

    def add_meeting(self) -> None:
        community = self.context.community
        meetings = ordered(community.meetings)
        day = (meetings[-1].day + timedelta(days=28)) if meetings else community.period_start
        taken = {d for m in meetings for d in m.days()}
        while (day in taken or day.weekday() in (4, 5) or self.avoided(day)) and day < community.period_end:
            day += timedelta(days=1)
        if not community.in_period(day):
            show_error(self.error, _("There is no free day left in the community's year."))
            return
        show_error(self.error, "")
        community.meetings.append(new_meeting(day, blocks=default_blocks(community.cycle_year)))
        self._changed()

    def remove_selected(self) -> None:
        meeting = self.meeting_at(self.table.currentRow())
        if meeting is None:
            show_error(self.error, _("Choose the meeting to remove."))
            return
        if confirm(
            self,
            _("Remove the meeting"),
            _("Remove the meeting of {day} with its plan page?").format(day=i18n.format_date(meeting.day)),
        ):
            self.context.community.meetings.remove(meeting)
            self._changed()

    def draft(self) -> None:
        community = self.context.community
        if community.meetings and not confirm(
            self,
            _("Draft the year"),
            _("Replace the {count} meetings of the syllabus, with their plan pages, by a new draft?").format(
                count=len(community.meetings)
            ),
        ):
            return
        try:
            days = monthly_dates(
                community.period_start,
                community.period_end,
                weekday=int(self.weekday.currentData()),
                week=self.week.value(),
                count=self.count.value(),
                skip_august=self.skip_august.isChecked(),
                avoided=self.avoided if self.skip_holidays.isChecked() else None,
            )
        except ValidationError as error:
            show_error(self.error, error.message)
            return
        topics = (
            community.selected_topics
            or [s.topic.id for s in rank_topics(community.topics, community.ratings) if s.mean is not None][
                : max(1, len(days) // 2)
            ]
        )
        if not topics:
            topics = [t.id for t in community.topics]
        show_error(self.error, "")
        community.meetings = draft_year(
            topics, days, community.member_authorities(), cycle_year=community.cycle_year
        )
        self._changed()
