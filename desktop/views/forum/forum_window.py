"""One design forum: its roster with the sector balance, the four sessions' agendas, and the
shared agenda with its professional teams. Every change is saved at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.enums import Sector
from desktop.models.forum import (
    Block,
    FocusArea,
    Forum,
    Participant,
    new_id,
    sector_balance,
    timed_blocks,
    validate_agenda,
)
from desktop.models.records import RecordKind
from desktop.models.validation import ValidationError
from desktop.views.editor_window import EditorWindow
from desktop.views.person_picker import fill_people
from desktop.views.qt_i18n import align_text_document, align_text_field, collator
from desktop.views.saving import PendingSave
from desktop.views.widgets import error_label, show_error


def shiboken_alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return bool(isValid(widget))


if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace

WARNING_BRUSH = QBrush(QColor("#ffe0b2"))


def templates_folder() -> Path:
    """Where a facilitator's own templates live (the per-user data folder)."""
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def invitation_choices() -> list[tuple[str, str]]:
    return [("invited", _("Invited")), ("confirmed", _("Confirmed")), ("declined", _("Declined"))]


class CollatedItem(QTableWidgetItem):
    """A table cell that sorts by the language's alphabet, not by code point or reversed."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return collator().compare(self.text(), other.text()) < 0


class ForumWindow(EditorWindow):
    def __init__(
        self, workspace: Workspace, forum: Forum, forum_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("forum_window", parent)
        self.workspace = workspace
        self.forum = forum
        self.forum_id = forum_id
        self.setWindowTitle(_("Design forum: {title}").format(title=forum.title))
        self.pending = PendingSave(self.save, self)
        self.roster = RosterTab(self)
        self.sessions = SessionsTab(self)
        self.agenda = AgendaTab(self)
        self.add_tab(self.roster, _("Participants"))
        self.add_tab(self.sessions, _("Sessions"))
        self.add_tab(self.agenda, _("Shared agenda"))
        self.save()
        self.keep_history(forum, self.refresh_current)

    def changed(self) -> None:
        """A field was typed into (the document already holds it): save after a pause."""
        self.pending.schedule()

    def flush(self) -> None:
        """Save at once what waits to be saved (switching session, tab or window)."""
        self.pending.flush()

    def _tab_changed(self, _index: int) -> None:
        self.refresh_current()

    def print_current(self) -> None:
        """Ctrl+P: the shared agenda on its tab, else the agenda of the session shown."""
        if self.tabs.currentWidget() is self.agenda:
            self.print_document("shared-agenda", {})
        else:
            self.print_document("forum-agenda", {})

    def save(self) -> None:
        from desktop.storage.forum_store import save_forum
        from desktop.views.conflict_dialog import save_document

        self.pending.cancel()
        if not self.workspace.read_only:
            forum, forum_id = self.forum, self.forum_id
            saved = save_document(
                self._where_seen(),
                forum,
                lambda expected: save_forum(self.workspace, forum, forum_id, expected_version=expected),
                lambda: self._tab_changed(self.tabs.currentIndex()),
            )
            if saved is not None:
                self.forum_id = saved
            self.document_saved()

    def _where_seen(self) -> QWidget:
        """The window the person looks at: a failed save is said there."""
        live = getattr(self, "facilitation", None)
        if live is not None and shiboken_alive(live) and live.isVisible():
            return live
        return self

    def print_document(self, key: str, options: dict[str, Any]) -> bool:
        """Print one of the forum's documents (the end of a session offers its summary)."""
        from PySide6.QtCore import QSettings

        from desktop.views.printing import Printer

        self.flush()
        if self.forum_id is None:
            return False
        printer = Printer(self._where_seen(), QSettings(), lambda: self.workspace, lambda _message: None)
        return printer.print_document(key, self.forum_id, options)

    def open_facilitation(self, session: int) -> object:
        from desktop.views.forum.facilitation import FacilitationWindow

        window = FacilitationWindow(
            self.forum,
            session,
            self.save,
            self,
            print_document=self.print_document,
            show_shared_agenda=lambda: self.tabs.setCurrentWidget(self.agenda),
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.facilitation = window
        window.show_on_screens()
        return window


# --- participants -------------------------------------------------------------------------------


class RosterTab(QWidget):
    def __init__(self, window: ForumWindow) -> None:
        super().__init__()
        self.window_ = window
        from desktop.storage.reference_store import choices

        self.people = choices(window.workspace, RecordKind.PERSON)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("roster")
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Organisation"), _("Sector"), _("Role"), _("Sessions attended"), _("Invitation")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # By name, א to ת, until the person clicks another column's header.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.from_people = QComboBox()
        self.from_people.setObjectName("from_people")
        fill_people(self.from_people, self.people, "")  # 20,000 people: a model, not items
        add_person = QPushButton(_("Add from the workspace"))
        add_person.setObjectName("add_person")
        add_person.clicked.connect(self.add_from_people)
        self.name = QLineEdit()
        self.name.setObjectName("new_name")
        self.name.setPlaceholderText(_("Name"))
        self.organisation = QLineEdit()
        self.organisation.setObjectName("new_organisation")
        self.organisation.setPlaceholderText(_("Organisation"))
        self.sector = QComboBox()
        self.sector.setObjectName("new_sector")
        self.sector.addItem("—", "")
        for code, label in Sector.choices():
            self.sector.addItem(label, code)
        for line in (self.name, self.organisation):
            align_text_field(line, left_to_right=False)
        add_new = QPushButton(_("Add"))
        add_new.setObjectName("add_new")
        add_new.clicked.connect(self.add_new)
        self.name.returnPressed.connect(self.add_new)
        self.error = error_label("roster_error")
        self.balance = QTableWidget(0, 3)
        self.balance.setObjectName("balance")
        self.balance.setHorizontalHeaderLabels([_("Sector"), _("Participants"), _("Target")])
        self.balance.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.balance.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.balance_warning = QLabel()
        self.balance_warning.setObjectName("balance_warning")
        self.balance_warning.setStyleSheet("color: #8a5a00;")
        self.balance_warning.setWordWrap(True)
        import_file = QPushButton(_("Import from a registration form (CSV or Excel)…"))
        import_file.setObjectName("import_roster")
        import_file.clicked.connect(self.choose_file)
        people_row = QHBoxLayout()
        people_row.addWidget(self.from_people, 1)
        people_row.addWidget(add_person)
        people_row.addWidget(import_file)
        new_row = QHBoxLayout()
        new_row.addWidget(self.name, 2)
        new_row.addWidget(self.organisation, 2)
        new_row.addWidget(self.sector, 1)
        new_row.addWidget(add_new)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(people_row)
        layout.addLayout(new_row)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(_("Sector balance")))
        layout.addWidget(self.balance, 2)
        layout.addWidget(self.balance_warning)
        self.refresh()

    @property
    def forum(self) -> Forum:
        return self.window_.forum

    def _add(
        self,
        name: str,
        organisation: str = "",
        sector: str = "",
        role: str = "",
        person_uuid: str | None = None,
    ) -> None:
        try:
            self.forum.add_participant(name, organisation, sector, role, person_uuid)
        except ValidationError as error:
            show_error(self.error, error.message)
            return
        show_error(self.error, "")
        self.window_.save()
        self.refresh()

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Import participants"),
            "",
            _("Registration forms (*.csv *.xlsx);;All files (*)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Participants from a registration form's export, after the mapping and the refused
        lines are shown; True when some were added."""
        from desktop.storage.roster_files import UnreadableRoster, read_roster_rows
        from desktop.views.forum.roster_import import RosterImportDialog

        try:
            rows = read_roster_rows(path)
        except UnreadableRoster as error:
            show_error(self.error, str(error))
            return False
        dialog = RosterImportDialog(rows, [p.name for p in self.forum.participants], path.name, self)
        self.import_dialog = dialog
        if not dialog.exec() or dialog.roster is None:
            return False
        for row in dialog.roster.rows:
            self.forum.add_participant(row.name, row.organisation, row.sector, row.role)
        show_error(self.error, "")
        self.window_.save()
        self.refresh()
        return True

    def _set_invitation(self, participant: Participant, box: QComboBox) -> None:
        participant.invitation = str(box.currentData())
        self.window_.save()

    def add_from_people(self) -> None:
        from desktop.storage.reference_store import load_record

        uuid = self.from_people.currentData()
        if not uuid:
            return
        person = load_record(self.window_.workspace, RecordKind.PERSON, str(uuid))
        organisation = ""
        if person.get("organisation"):
            organisation = load_record(
                self.window_.workspace, RecordKind.ORGANISATION, person["organisation"]
            )["name"]
        self._add(
            name=str(person["full_name"]),
            organisation=str(organisation),
            sector=str(person.get("sector") or ""),
            role=str(person.get("role") or ""),
            person_uuid=str(uuid),
        )

    def add_new(self) -> None:
        self._add(
            name=self.name.text(),
            organisation=self.organisation.text(),
            sector=str(self.sector.currentData() or ""),
        )
        if not self.error.isVisible():
            self.name.clear()
            self.organisation.clear()

    def refresh(self) -> None:
        participants = self.forum.participants
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(participants))
        for row, participant in enumerate(participants):
            sector = Sector(participant.sector).label if participant.sector else ""
            attended = ", ".join(str(n) for n in participant.attended)
            for column, text in enumerate(
                (participant.name, participant.organisation, sector, participant.role, attended)
            ):
                self.table.setItem(row, column, CollatedItem(text))
            invitation = QComboBox()
            invitation.setObjectName(f"invitation_{row}")
            for code, label in invitation_choices():
                invitation.addItem(label, code)
            invitation.setCurrentIndex(max(0, invitation.findData(participant.invitation)))
            invitation.currentIndexChanged.connect(
                lambda _i, p=participant, box=invitation: self._set_invitation(p, box)
            )
            self.table.setCellWidget(row, 5, invitation)
        self.table.setSortingEnabled(True)
        lines = sector_balance(participants, self.forum.target_mix)
        self.balance.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for column, text in enumerate(
                (line.label, i18n.format_number(line.count), i18n.format_number(line.target))
            ):
                item = QTableWidgetItem(text)
                if line.missing:
                    item.setBackground(WARNING_BRUSH)
                self.balance.setItem(row, column, item)
        missing = [line.label for line in lines if line.missing]
        self.balance_warning.setText(
            _("Missing from the forum: {sectors}.").format(sectors=i18n.format_list(missing))
            if missing
            else ""
        )


# --- sessions --------------------------------------------------------------------------------------


class SessionsTab(QWidget):
    def __init__(self, window: ForumWindow) -> None:
        super().__init__()
        self.window_ = window
        self.chooser = QComboBox()
        self.chooser.setObjectName("session_chooser")
        self.chooser.currentIndexChanged.connect(lambda _i: self._session_chosen())
        self.shown: int | None = None  # the number of the session the fields show
        self.start_time = QLineEdit()
        self.start_time.setObjectName("start_time")
        align_text_field(self.start_time, left_to_right=True)
        self.length = QSpinBox()
        self.length.setObjectName("length")
        self.length.setRange(15, 600)
        self.length.setSingleStep(15)
        self.place = QLineEdit()
        self.place.setObjectName("place")
        align_text_field(self.place, left_to_right=False)
        self.goals = QPlainTextEdit()
        self.goals.setObjectName("goals")
        self.outputs = QPlainTextEdit()
        self.outputs.setObjectName("outputs")
        self.decisions = QPlainTextEdit()
        self.decisions.setObjectName("decisions")
        for text in (self.goals, self.outputs, self.decisions):
            text.setFixedHeight(80)
            align_text_document(text)
        self.blocks = QTableWidget(0, 6)
        self.blocks.setObjectName("blocks")
        self.blocks.setHorizontalHeaderLabels(
            [_("Start"), _("Title"), _("Minutes"), _("Method"), _("Facilitator notes"), _("Materials")]
        )
        self.blocks.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.blocks.itemChanged.connect(self._block_changed)
        add_block = QPushButton(_("Add a block"))
        add_block.setObjectName("add_block")
        add_block.clicked.connect(self.add_block)
        remove_block = QPushButton(_("Remove the block"))
        remove_block.setObjectName("remove_block")
        remove_block.clicked.connect(self.remove_block)
        save_template = QPushButton(_("Make a reusable template of these sessions…"))
        save_template.setObjectName("save_template")
        save_template.clicked.connect(self.save_as_template)
        run = QPushButton(_("Run this session (facilitation mode)…"))
        run.setObjectName("run_session")
        run.clicked.connect(lambda: self.window_.open_facilitation(self.number()))
        self.warnings = QLabel()
        self.warnings.setObjectName("agenda_warnings")
        self.warnings.setStyleSheet("color: #b00020;")
        self.warnings.setWordWrap(True)
        for line in (self.start_time, self.place):
            line.textChanged.connect(self.store)
        for text in (self.goals, self.outputs, self.decisions):
            text.textChanged.connect(self.store)
        self.start_time.editingFinished.connect(self._show_times)
        self.length.valueChanged.connect(self.store)
        self.length.valueChanged.connect(self._show_times)
        form = QFormLayout()
        form.addRow(_("Session"), self.chooser)
        form.addRow(_("Start time"), self.start_time)
        form.addRow(_("Length in minutes"), self.length)
        form.addRow(_("Place"), self.place)
        form.addRow(_("Goals (one per line)"), self.goals)
        form.addRow(_("Expected outputs (one per line)"), self.outputs)
        form.addRow(_("Decisions and outputs reached"), self.decisions)
        buttons = QHBoxLayout()
        buttons.addWidget(add_block)
        buttons.addWidget(remove_block)
        buttons.addWidget(save_template)
        buttons.addStretch(1)
        buttons.addWidget(run)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.blocks, 1)
        layout.addWidget(self.warnings)
        layout.addLayout(buttons)
        self._filling = False
        for session in window.forum.sessions:
            self.chooser.addItem(f"{session.number}. {session.title}", session.number)

    def number(self) -> int:
        return int(self.chooser.currentData() or 1)

    def _session_chosen(self) -> None:
        """What was typed for the session shown is in the forum already: save it, show the other."""
        self.window_.flush()
        self.refresh()

    def _show_times(self) -> None:
        """The blocks' times follow a new start time or length once it is typed."""
        if not self._filling and self.shown is not None:
            self.window_.flush()
            self.refresh()

    def refresh(self) -> None:
        session = self.window_.forum.session(self.number())
        self.shown = session.number
        self._filling = True
        try:
            self.start_time.setText(session.starts_at)
            self.length.setValue(session.length_minutes)
            self.place.setText(session.place)
            self.goals.setPlainText("\n".join(session.goals))
            self.outputs.setPlainText("\n".join(session.outputs))
            self.decisions.setPlainText(session.decisions)
            timed, warnings = timed_blocks(session)
            self.blocks.setRowCount(len(session.blocks))
            starts = [t.starts for t in timed] or [""] * len(session.blocks)
            for row, block in enumerate(session.blocks):
                cells = (
                    starts[row] if row < len(starts) else "",
                    block.title,
                    str(block.minutes),
                    block.method,
                    block.notes,
                    block.materials,
                )
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if column == 0:
                        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    self.blocks.setItem(row, column, item)
            self.warnings.setText("\n".join(warnings))
        finally:
            self._filling = False

    def store(self, *_args: object) -> None:
        """Every field into the session it shows, as it is typed; saved after a pause."""
        if self._filling or self.shown is None:
            return
        session = self.window_.forum.session(self.shown)
        session.starts_at = self.start_time.text().strip() or session.starts_at
        session.length_minutes = self.length.value()
        session.place = self.place.text().strip()
        session.goals = [g.strip() for g in self.goals.toPlainText().splitlines() if g.strip()]
        session.outputs = [o.strip() for o in self.outputs.toPlainText().splitlines() if o.strip()]
        session.decisions = self.decisions.toPlainText().strip()
        self.window_.changed()

    def _block_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        session = self.window_.forum.session(self.number())
        block = session.blocks[item.row()]
        text = item.text().strip()
        column = item.column()
        if column == 2:
            try:
                minutes = int(i18n.strip_marks(text))
            except ValueError:
                minutes = 0
            if minutes <= 0:
                self.warnings.setText(_("A block lasts at least one minute."))
                self._filling = True
                item.setText(str(block.minutes))
                self._filling = False
                return
            block.minutes = minutes
        else:
            setattr(block, ("", "title", "", "method", "notes", "materials")[column], text)
        self.window_.save()
        self.refresh()

    def save_as_template(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from desktop.models.forum import template_from_forum
        from desktop.storage.forum_templates import save_own_template

        name, ok = QInputDialog.getText(self, _("Save as a template"), _("Name of the template"))
        if not ok:
            return
        try:
            template = template_from_forum(self.window_.forum, name, i18n.current_language())
        except ValidationError as error:
            QMessageBox.warning(self, _("Save as a template"), error.message)
            return
        save_own_template(templates_folder(), template)
        self.warnings.setText(_("Saved as the template “{name}”.").format(name=name.strip()))

    def add_block(self) -> None:
        self.window_.forum.session(self.number()).blocks.append(Block(_("New block"), 15))
        self.window_.save()
        self.refresh()

    def remove_block(self) -> None:
        row = self.blocks.currentRow()
        blocks = self.window_.forum.session(self.number()).blocks
        if 0 <= row < len(blocks):
            del blocks[row]
            self.window_.save()
            self.refresh()


# --- shared agenda ---------------------------------------------------------------------------------


class AgendaTab(QWidget):
    """Focus areas (4-6), each traced to the clusters behind it, with its professional team."""

    def __init__(self, window: ForumWindow) -> None:
        super().__init__()
        self.window_ = window
        self.areas = QListWidget()
        self.areas.setObjectName("focus_areas")
        self.areas.currentRowChanged.connect(self._area_chosen)
        self.shown: int | None = None  # the row of the focus area the fields show
        self._filling = False
        add = QPushButton(_("Add a focus area"))
        add.setObjectName("add_area")
        add.clicked.connect(self.add_area)
        self.title = QLineEdit()
        self.title.setObjectName("area_title")
        self.challenge = QPlainTextEdit()
        self.challenge.setObjectName("area_challenge")
        self.golden = QPlainTextEdit()
        self.golden.setObjectName("area_golden_data")
        self.goal = QPlainTextEdit()
        self.goal.setObjectName("area_goal")
        for text in (self.challenge, self.golden, self.goal):
            text.setFixedHeight(60)
            align_text_document(text)
        align_text_field(self.title, left_to_right=False)
        self.clusters = QListWidget()
        self.clusters.setObjectName("area_clusters")
        self.clusters.setMaximumHeight(100)
        self.team = QListWidget()
        self.team.setObjectName("area_team")
        self.lead = QComboBox()
        self.lead.setObjectName("area_lead")
        for line in (self.title,):
            line.textChanged.connect(self.store)
        for text in (self.challenge, self.golden, self.goal):
            text.textChanged.connect(self.store)
        for checks in (self.clusters, self.team):
            checks.itemChanged.connect(self.store)
        self.lead.currentIndexChanged.connect(self.store)
        self.messages = QLabel()
        self.messages.setObjectName("agenda_messages")
        self.messages.setWordWrap(True)
        self.messages.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(_("Focus area"), self.title)
        form.addRow(_("The challenge"), self.challenge)
        form.addRow(_("Golden data to follow"), self.golden)
        form.addRow(_("Long-term goal"), self.goal)
        form.addRow(_("From the clusters"), self.clusters)
        form.addRow(_("Professional team"), self.team)
        form.addRow(_("Team lead (from the authority)"), self.lead)
        left = QVBoxLayout()
        left.addWidget(self.areas, 1)
        left.addWidget(add)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addLayout(form, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.messages)
        self.refresh()

    @property
    def forum(self) -> Forum:
        return self.window_.forum

    def refresh(self) -> None:
        current = self.areas.currentRow()
        self.shown = None
        self.areas.blockSignals(True)
        self.areas.clear()
        for index, area in enumerate(self.forum.agenda, start=1):
            self.areas.addItem(f"{index}. {area.title}")
        self.areas.blockSignals(False)
        if self.forum.agenda:
            row = min(max(current, 0), len(self.forum.agenda) - 1)
            self.areas.blockSignals(True)
            self.areas.setCurrentRow(row)
            self.areas.blockSignals(False)
            self._show_area(row)
        self._show_messages()

    def _show_messages(self) -> None:
        errors, warnings = validate_agenda(self.forum)
        self.messages.setText("\n".join([e.message for e in errors] + warnings))

    def add_area(self) -> None:
        self.forum.agenda.append(FocusArea(new_id(), _("New focus area")))
        self.window_.save()
        self.refresh()
        self.areas.setCurrentRow(len(self.forum.agenda) - 1)

    def _area_chosen(self, row: int) -> None:
        """What was typed for the area shown is in the forum already: save it, show the other."""
        self.window_.flush()
        self._show_area(row)

    def _show_area(self, row: int) -> None:
        if not 0 <= row < len(self.forum.agenda):
            return
        self._filling = True
        try:
            self._fill_area(self.forum.agenda[row])
        finally:
            self._filling = False
        self.shown = row

    def _fill_area(self, area: FocusArea) -> None:
        self.title.setText(area.title)
        self.challenge.setPlainText(area.challenge)
        self.golden.setPlainText(area.golden_data)
        self.goal.setPlainText(area.long_term_goal)
        self.clusters.clear()
        for cluster in self.forum.clusters:
            item = QListWidgetItem(f"{cluster.session}. {cluster.name}")
            item.setData(Qt.ItemDataRole.UserRole, cluster.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if cluster.id in area.clusters else Qt.CheckState.Unchecked
            )
            self.clusters.addItem(item)
        self.team.clear()
        self.lead.clear()
        self.lead.addItem("—", "")
        for participant in self.forum.participants:
            item = QListWidgetItem(participant.name)
            item.setData(Qt.ItemDataRole.UserRole, participant.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if participant.id in area.team else Qt.CheckState.Unchecked
            )
            self.team.addItem(item)
            self.lead.addItem(participant.name, participant.id)
        self.lead.setCurrentIndex(max(0, self.lead.findData(area.lead or "")))

    def _checked(self, widget: QListWidget) -> list[str]:
        return [
            str(widget.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        ]

    def store(self, *_args: object) -> None:
        """Every field into the focus area it shows, as it is typed; saved after a pause."""
        row = self.shown
        if self._filling or row is None or not 0 <= row < len(self.forum.agenda):
            return
        area = self.forum.agenda[row]
        area.title = self.title.text().strip()
        area.challenge = self.challenge.toPlainText().strip()
        area.golden_data = self.golden.toPlainText().strip()
        area.long_term_goal = self.goal.toPlainText().strip()
        area.clusters = self._checked(self.clusters)
        area.team = self._checked(self.team)
        area.lead = str(self.lead.currentData() or "") or None
        item = self.areas.item(row)
        if item is not None:
            item.setText(f"{row + 1}. {area.title}")
        self._show_messages()
        self.window_.changed()

    def errors(self) -> list[ValidationError]:
        return validate_agenda(self.forum)[0]
