"""Facilitation mode: run one session live on the facilitator's laptop, with the audience view
on a projector (or switched onto the one screen). Every idea, check-in, cluster change and
vote is committed at once, can be undone with Ctrl+Z during the session, and is written in
the session's change log. It fits 1280x720 and up; everything works from the keyboard (F1).

The parts live beside it: the board (board.py), the audience window (audience.py), votes and
ranking (votes.py), undo (history.py), the keys (keymap.py), the block timer (block_timer.py),
the end of the session (end_session.py) and the roster import (roster_import.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.forum import Forum, Session, tally
from desktop.models.validation import ValidationError
from desktop.views.forum.audience import AudienceWindow
from desktop.views.forum.block_timer import BlockTimer, clock_text
from desktop.views.forum.board import IDEA_ROLE, IdeaBoard
from desktop.views.forum.end_session import EndOfSession
from desktop.views.forum.history import ForumChange, SessionUndoKeys
from desktop.views.forum.keymap import KeyMapDialog, key_of, shown_keys
from desktop.views.forum.votes import RankingPanel, VotesPanel, fill_people
from desktop.views.qt_i18n import align_text_field, in_reading_direction
from desktop.views.saving import SaveStatus
from desktop.views.widgets import error_label, show_error

T = TypeVar("T")
UNDO_BUTTON_WIDTH = 360  # pixels; the window fits 1280 wide whatever was typed
LOG_LINES = 40  # the newest lines of the change log shown
MERGE_WIDTH = 380  # the merge list shows cluster names whole up to this width


def log_line(line: str) -> str:
    """A change-log line as shown: its time the way the language writes dates and times
    ("7.12.2026 01:25"), not the ISO stamp it is kept with."""
    stamp, _space, entry = line.partition(" ")
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return line
    return in_reading_direction(f"{i18n.format_datetime(when)} {entry}")


AUDIENCE_IDEAS = 30  # the newest ideas the audience view lists (it shows the last that fit)
# A document to print after the session: (registry key, options) -> True when written
PrintDocument = Callable[[str, dict[str, Any]], bool]


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class FacilitationWindow(QWidget):
    """The facilitator's screen for one session."""

    def __init__(
        self,
        forum: Forum,
        session: int,
        save: Callable[[], None],
        parent: QWidget | None = None,
        *,
        print_document: PrintDocument | None = None,
        show_shared_agenda: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("facilitation")
        self.forum = forum
        self.session_number = session
        self.save = save
        self.print_document = print_document
        self.show_shared_agenda = show_shared_agenda
        self.block_index = 0
        self.timer = BlockTimer()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self._undo_keys = SessionUndoKeys(self)
        self.showing_audience = False  # one screen switched to the audience view (F9)
        self.end_dialog: QDialog | None = None
        self.setWindowTitle(
            _("Session {number}: {title}").format(number=session, title=forum.session(session).title)
        )
        self._build_timer_row()
        left = self._build_left()
        self.votes = VotesPanel(forum, session, self.run)
        self.votes.changed = self.refresh
        self.ranking = RankingPanel(forum, session, self.run)
        self.ranking.changed = self.refresh
        self.change_log = QListWidget()
        self.change_log.setObjectName("change_log")
        self.side = QTabWidget()
        self.side.setObjectName("side_tabs")
        self.side.addTab(_scrolled(self.votes), _("Dot voting"))
        self.side.addTab(_scrolled(self.ranking), _("Ranking"))
        self.side.addTab(self.change_log, _("Change log"))
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.status = SaveStatus()
        self.status.retry_requested.connect(lambda: self.save())
        layout = QVBoxLayout(self)
        layout.addLayout(self.timer_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(self._build_bottom_row())

        self.audience = AudienceWindow()
        self.audience.switch_requested.connect(self.switch_view)
        self.audience.closed.connect(self._audience_closed)
        self._bind_keys()
        for edit in self.findChildren(QLineEdit):
            edit.installEventFilter(self._undo_keys)
        for combo in self.findChildren(QComboBox):  # long names do not widen the window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.ticker = QTimer(self)
        self.ticker.setInterval(500)
        self.ticker.timeout.connect(self.refresh_clock)
        self.ticker.start()
        self.refresh()
        self.resize(1200, 680)  # within 1280x720 when not maximised

    # building ------------------------------------------------------------------------------------

    def _button(
        self, text: str, name: str, action: Callable[[], object], key: str | None = None
    ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: action())
        if key is not None:
            button.setToolTip(shown_keys(key_of(key)))
        return button

    def _build_timer_row(self) -> None:
        self.block_label = QLabel()
        self.block_label.setObjectName("block_label")
        self.block_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.block_label.setWordWrap(True)
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.clock.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.start_button = self._button(_("Start"), "timer_start", self.toggle_timer, "timer")
        self.timer_row = QHBoxLayout()
        self.timer_row.addWidget(self.block_label, 1)
        self.timer_row.addWidget(self.clock)
        self.timer_row.addWidget(
            self._button(_("Previous block"), "previous_block", self.previous_block, "previous_block")
        )
        self.timer_row.addWidget(self.start_button)
        self.timer_row.addWidget(self._button(_("+1 minute"), "timer_plus", self.extend, "extend"))
        self.timer_row.addWidget(self._button(_("Next block"), "next_block", self.next_block, "next_block"))

    def _build_left(self) -> QWidget:
        self.check_in = QLineEdit()
        self.check_in.setObjectName("check_in")
        self.check_in.setPlaceholderText(
            _("Check in: type a few letters of a name, or a new name, organisation")
        )
        align_text_field(self.check_in, left_to_right=False)
        self.names = QStringListModel([p.name for p in self.forum.participants], self)
        self.completer = QCompleter(self.names, self)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.check_in.setCompleter(self.completer)
        self.check_in.returnPressed.connect(self.do_check_in)
        self.attendance = QLabel()
        self.attendance.setObjectName("attendance")
        self.check_error = error_label("check_in_error")
        self.undo_who = QComboBox()
        self.undo_who.setObjectName("undo_check_in_who")
        attendance_row = QHBoxLayout()
        attendance_row.addWidget(self.attendance, 1)
        attendance_row.addWidget(self.undo_who)
        attendance_row.addWidget(self._button(_("Undo the check-in"), "undo_check_in", self.undo_check_in))
        self.idea = QLineEdit()
        self.idea.setObjectName("idea")
        self.idea.setPlaceholderText(_("Type an idea and press Enter"))
        align_text_field(self.idea, left_to_right=False)
        self.idea.returnPressed.connect(self.add_idea)
        self.table = QLineEdit()
        self.table.setObjectName("idea_table")
        self.table.setPlaceholderText(_("Table"))
        self.table.setMaximumWidth(90)
        self.table.returnPressed.connect(self.idea.setFocus)
        self.author = QComboBox()
        self.author.setObjectName("idea_author")
        self.idea_error = error_label("idea_error")
        idea_row = QHBoxLayout()
        idea_row.addWidget(self.idea, 1)
        idea_row.addWidget(self.table)
        idea_row.addWidget(self.author)
        self.board = IdeaBoard()
        self.board.moved.connect(self.move_ideas)
        self.board.itemDoubleClicked.connect(self.edit_idea)
        self.board.edit_requested.connect(self.edit_idea)
        self.board.delete_requested.connect(self.delete_selected_ideas)
        self.cluster_name = QLineEdit()
        self.cluster_name.setObjectName("cluster_name")
        self.cluster_name.setPlaceholderText(_("Cluster name: moves the selected ideas there"))
        align_text_field(self.cluster_name, left_to_right=False)
        self.cluster_name.setMinimumWidth(160)  # a long name in the merge list beside it leaves room
        self.cluster_name.returnPressed.connect(self.cluster_selected)
        self.merge_target = QComboBox()
        self.merge_target.setObjectName("merge_target")
        cluster_row = QHBoxLayout()
        cluster_row.addWidget(self.cluster_name, 1)
        cluster_row.addWidget(self._button(_("Merge into…"), "merge_cluster", self.merge_selected, "merge"))
        cluster_row.addWidget(self.merge_target)
        cluster_row.addWidget(
            self._button(_("Delete the idea…"), "delete_idea", self.delete_selected_ideas, "delete_idea")
        )
        self.cluster_error = error_label("cluster_error")
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check_in)
        layout.addWidget(self.check_error)
        layout.addLayout(attendance_row)
        layout.addLayout(idea_row)
        layout.addWidget(self.idea_error)
        layout.addWidget(self.board, 1)
        layout.addLayout(cluster_row)
        layout.addWidget(self.cluster_error)
        return left

    def _build_bottom_row(self) -> QHBoxLayout:
        self.undo_button = self._button(_("Undo"), "undo", self.undo_stack.undo, "undo")
        self.undo_button.setMaximumWidth(UNDO_BUTTON_WIDTH)
        self.undo_stack.undoTextChanged.connect(self._show_undo_text)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.audience_button = self._button(
            _("Audience view"), "audience_button", self.toggle_audience, "audience"
        )
        row = QHBoxLayout()
        row.addWidget(self.undo_button)
        row.addStretch(1)
        row.addWidget(self.audience_button)
        row.addWidget(self._button(_("Keys (F1)"), "key_map_button", self.show_key_map, "key_map"))
        row.addWidget(self._button(_("End the session…"), "end_session", self.end_session, "end_session"))
        row.addWidget(self._button(_("Exit"), "exit_facilitation", self.close, "exit"))
        return row

    def _show_undo_text(self, text: str) -> None:
        """The undo button says what it undoes, cut short so a long idea does not widen the window."""
        label = _("Undo: {change}").format(change=text) if text else _("Undo")
        metrics = self.undo_button.fontMetrics()
        self.undo_button.setText(
            metrics.elidedText(label, Qt.TextElideMode.ElideRight, UNDO_BUTTON_WIDTH - 24)
        )
        self.undo_button.setToolTip(f"{label} ({shown_keys(key_of('undo'))})")

    def _bind_keys(self) -> None:
        actions: dict[str, Callable[[], object]] = {
            "key_map": self.show_key_map,
            "check_in": lambda: self._focus(self.check_in),
            "idea": lambda: self._focus(self.idea),
            "table": lambda: self._focus(self.table),
            "board": self.focus_board,
            "cluster": lambda: self._focus(self.cluster_name),
            "merge": self.merge_selected,
            "votes": lambda: self._side(0, self.votes.vote_table),
            "record_votes": self._record_votes_key,
            "close_vote": self.votes.toggle_vote,
            "ranking": lambda: self._side(1, self.ranking.rank_participant),
            "change_log": lambda: self._side(2, self.change_log),
            "timer": self.toggle_timer,
            "extend": self.extend,
            "previous_block": self.previous_block,
            "next_block": self.next_block,
            "undo": self.undo_stack.undo,
            "redo": self.undo_stack.redo,
            "audience": self.toggle_audience,
            "audience_screen": self.audience.move_to_next_screen,
            "audience_full_screen": self.toggle_audience_full_screen,
            "switch_view": self.switch_view,
            "zoom_in": lambda: self.audience.change_zoom(1),
            "zoom_out": lambda: self.audience.change_zoom(-1),
            "zoom_reset": lambda: self.audience.change_zoom(0),
            "full_screen": self.toggle_full_screen,
            "end_session": self.end_session,
            "exit": self.escape,
        }
        self.shortcuts: dict[str, QShortcut] = {}
        for name, action in actions.items():
            if name in ("edit_idea", "delete_idea"):
                continue  # keys of the board itself
            self.shortcuts[name] = QShortcut(QKeySequence(key_of(name)), self, action)
        QShortcut(QKeySequence("Ctrl++"), self, lambda: self.audience.change_zoom(1))
        QShortcut(QKeySequence("Ctrl+Y"), self, self.undo_stack.redo)

    def _focus(self, widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def _side(self, index: int, widget: QWidget) -> None:
        self.side.setCurrentIndex(index)
        self._focus(widget)

    def _record_votes_key(self) -> None:
        if self.side.currentIndex() == 1:
            self.ranking.record_ranking()
        else:
            self.votes.record_votes()

    def focus_board(self) -> None:
        self.board.setFocus(Qt.FocusReason.ShortcutFocusReason)
        first = self.board.topLevelItem(0)
        if self.board.currentItem() is None and first is not None:
            self.board.setCurrentItem(first)

    # screens ------------------------------------------------------------------------------------

    def show_on_screens(self) -> None:
        """A window filling the facilitator's screen (F11 for full screen, Esc back); with a
        second screen the audience view opens full screen there."""
        self.showMaximized()
        if len(QGuiApplication.screens()) > 1:
            self.audience.show_on(1, full_screen=True)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showMaximized()
        else:
            self.showFullScreen()

    def escape(self) -> None:
        """Esc: out of full screen first; then closes the window (everything is saved)."""
        if self.isFullScreen():
            self.showMaximized()
        else:
            self.close()

    def toggle_audience(self) -> None:
        if self.audience.isVisible():
            self.audience.close()
        else:
            screens = QGuiApplication.screens()
            mine = self.screen()
            other = next((i for i, s in enumerate(screens) if s is not mine), None)
            self.audience.show_on(other, full_screen=other is not None)
            self.activateWindow()

    def toggle_audience_full_screen(self) -> None:
        if not self.audience.isVisible():
            self.audience.show_on()
        self.audience.toggle_full_screen()

    def switch_view(self) -> None:
        """One screen (or mirrored screens): show the audience view full screen over this
        window, or come back to the facilitator's view. F9 in either window."""
        if self.showing_audience:
            self.showing_audience = False
            self.audience.hide()
            self.raise_()
            self.activateWindow()
            return
        self.showing_audience = True
        screens = QGuiApplication.screens()
        mine = self.screen()
        self.audience.show_on(screens.index(mine) if mine in screens else None, full_screen=True)
        self.audience.activateWindow()

    def _audience_closed(self) -> None:
        self.showing_audience = False
        self.audience_button.setText(_("Audience view"))

    def show_key_map(self) -> None:
        dialog = KeyMapDialog(self)
        self.key_map = dialog
        dialog.open()

    # changes ------------------------------------------------------------------------------------

    def run(self, text: str, change: Callable[[], T]) -> T:
        """Make a live change: undoable, saved at once. A ValidationError leaves no trace."""
        before = self.forum.live_json()
        result = change()
        after = self.forum.live_json()
        self.undo_stack.push(ForumChange(self.forum, text, before, after, self._after_undo))
        self.forum.use_live_json(after)  # the save writes what was just encoded
        try:
            self.save()
        finally:
            self.forum.use_live_json(None)
        return result

    def _after_undo(self) -> None:
        self.save()
        self.refresh()

    # refreshing ----------------------------------------------------------------------------------

    @property
    def session(self) -> Session:
        return self.forum.session(self.session_number)

    def refresh(self) -> None:
        self.board.fill(self.forum, self.session_number)
        present = self.forum.attendance(self.session_number)
        self.attendance.setText(
            i18n.ngettext("{count} checked in", "{count} checked in", len(present)).format(count=len(present))
        )
        for combo in (self.author, self.undo_who):
            fill_people(combo, present)
        self.names.setStringList([p.name for p in self.forum.participants])
        clusters = [c for c in self.forum.clusters if c.session == self.session_number]
        self.merge_target.clear()
        for cluster in clusters:
            self.merge_target.addItem(cluster.name, cluster.id)
            self.merge_target.setItemData(
                self.merge_target.count() - 1, cluster.name, Qt.ItemDataRole.ToolTipRole
            )
        # Wide enough for the longest cluster name (up to MERGE_WIDTH pixels): the field for a
        # new cluster's name beside it gives up the room; the list opens as wide as it needs.
        self.merge_target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.merge_target.setMinimumWidth(min(self.merge_target.sizeHint().width(), MERGE_WIDTH))
        self.merge_target.view().setMinimumWidth(self.merge_target.view().sizeHintForColumn(0) + 24)
        self.votes.refresh()
        for spin in self.votes.vote_spins.values():
            for edit in spin.findChildren(QLineEdit):
                edit.installEventFilter(self._undo_keys)
        self.ranking.refresh()
        self.refresh_log()
        self._refresh_audience()
        self.refresh_clock()

    def refresh_log(self) -> None:
        self.change_log.clear()
        self.change_log.addItems([log_line(line) for line in reversed(self.forum.log[-LOG_LINES:])])

    def _refresh_audience(self) -> None:
        blocks = self.session.blocks
        block = blocks[self.block_index] if blocks else None
        self.audience.set_block(block.title if block else "")
        if self.session.vote_closed:
            self.audience.show_results(
                [
                    (line.cluster.name, line.votes, line.tied)
                    for line in tally(self.forum, self.session_number)
                ]
            )
        else:
            self.audience.show_ideas(
                [idea.text for idea in self.forum.session_ideas(self.session_number)[-AUDIENCE_IDEAS:]]
            )

    def refresh_clock(self) -> None:
        blocks = self.session.blocks
        if not blocks:
            self.block_label.setText(_("No blocks in the agenda of this session."))
            self.clock.clear()
            return
        block = blocks[self.block_index]
        self.block_label.setText(f"{self.block_index + 1}/{len(blocks)} · {block.title}")
        left = self.timer.left_seconds(block.minutes)
        text = clock_text(left)
        self.clock.setText(text)
        self.clock.setStyleSheet(
            "font-size: 22pt; font-weight: bold;" + (" color: #b00020;" if left < 0 else "")
        )
        self.audience.set_clock(text, left < 0)

    # timer ------------------------------------------------------------------------------------

    def toggle_timer(self) -> None:
        if self.timer.running:
            self.timer.pause()
            self.start_button.setText(_("Start"))
        else:
            self.timer.start()
            self.start_button.setText(_("Pause"))
        self.refresh_clock()

    def extend(self) -> None:
        self.timer.extra_minutes += 1
        self.refresh_clock()

    def _go_to_block(self, index: int) -> None:
        if 0 <= index < len(self.session.blocks) and index != self.block_index:
            self.block_index = index
            self.timer.reset()
            self.start_button.setText(_("Start"))
            self.refresh_clock()
            self._refresh_audience()

    def next_block(self) -> None:
        self._go_to_block(self.block_index + 1)

    def previous_block(self) -> None:
        self._go_to_block(self.block_index - 1)

    # check-in and ideas --------------------------------------------------------------------------------

    def do_check_in(self) -> None:
        typed = self.check_in.text().strip()
        if not typed:
            return
        exact = [p for p in self.forum.participants if p.name == typed]
        found = exact or self.forum.find_participants(typed)
        session = self.session_number
        if len(found) > 1:
            show_error(
                self.check_error, _("{count} people match; type a few more letters.").format(count=len(found))
            )
            return
        try:
            if found:
                participant = found[0]
                self.run(
                    _("Check-in of {name}").format(name=participant.name),
                    lambda: self.forum.check_in(participant.id, session),
                )
            else:
                name, _sep, organisation = typed.partition(",")
                if not self._confirm_new(" ".join(name.split())):
                    show_error(
                        self.check_error,
                        _(
                            "Nobody on the list is called “{typed}”: check the spelling, or "
                            "confirm adding a new participant."
                        ).format(typed=typed),
                    )
                    return

                def add_and_check_in() -> None:
                    added = self.forum.add_participant(name, organisation)
                    self.forum.check_in(added.id, session)

                self.run(_("Check-in of {name}").format(name=" ".join(name.split())), add_and_check_in)
        except ValidationError as error:
            show_error(self.check_error, error.message)
            return
        show_error(self.check_error, "")
        self.check_in.setText("")  # not clear(): that is undoable, and Ctrl+Z must undo the check-in
        self.refresh()

    def _confirm_new(self, name: str) -> bool:
        """A name that matches nobody is added only when the facilitator says so (default: no)."""
        answer = QMessageBox.question(
            self,
            _("A new participant?"),
            _("Nobody on the list is called “{name}”. Add {name} as a new participant?").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def undo_check_in(self) -> None:
        participant = str(self.undo_who.currentData() or "")
        if not participant:
            show_error(self.check_error, _("Choose whose check-in to undo."))
            return
        session = self.session_number
        self.run(
            _("Undoing the check-in of {name}").format(name=self.forum.participant(participant).name),
            lambda: self.forum.undo_check_in(participant, session),
        )
        show_error(self.check_error, "")
        self.refresh()

    def delete_selected_ideas(self) -> None:
        ideas = self.board.selected_ideas()
        if not ideas:
            show_error(self.cluster_error, _("Select the idea to delete on the board first."))
            return
        texts = [self.forum.idea(idea_id).text for idea_id in ideas]
        answer = QMessageBox.question(
            self,
            _("Delete the idea"),
            _("Delete for good?\n{ideas}").format(ideas="\n".join(texts)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def delete() -> None:
            for idea_id in ideas:
                self.forum.delete_idea(idea_id)

        self.run(_("Deleting “{idea}”").format(idea=" / ".join(texts)), delete)
        show_error(self.cluster_error, "")
        self.refresh()
        self.board.setFocus()

    def add_idea(self) -> None:
        text, table, author = self.idea.text(), self.table.text(), str(self.author.currentData() or "")
        session, block = self.session_number, self.block_index
        try:
            idea = self.run(
                _("Idea “{idea}”").format(idea=" ".join(text.split())),
                lambda: self.forum.add_idea(session, block, text, table, author),
            )
        except ValidationError as error:
            show_error(self.idea_error, error.message)
            return
        show_error(self.idea_error, "")
        self.idea.setText("")  # (its text undo gone: Ctrl+Z undoes the idea) table and author stay
        self.board.append_idea(idea)  # a new idea changes the board, the log and the audience only
        self.change_log.insertItem(0, log_line(self.forum.log[-1]))
        while self.change_log.count() > LOG_LINES:
            self.change_log.takeItem(LOG_LINES)
        if not self.session.vote_closed:
            self.audience.append_idea(idea.text, AUDIENCE_IDEAS)
        self.idea.setFocus()

    # clusters -------------------------------------------------------------------------------------

    def cluster_selected(self) -> None:
        ideas = self.board.selected_ideas()
        if not ideas:
            show_error(self.cluster_error, _("Select ideas on the board first."))
            return
        name, session = self.cluster_name.text(), self.session_number

        def cluster() -> None:
            made = self.forum.new_cluster(session, name)
            self.forum.assign(ideas, made.id)

        try:
            self.run(_("Cluster “{name}”").format(name=" ".join(name.split())), cluster)
        except ValidationError as error:
            show_error(self.cluster_error, error.message)
            return
        show_error(self.cluster_error, "")
        self.cluster_name.setText("")
        self.refresh()

    def edit_idea(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        idea_id = item.data(0, IDEA_ROLE)
        if not idea_id:
            return
        idea = self.forum.idea(str(idea_id))
        text, ok = QInputDialog.getText(self, _("Edit the idea"), _("Idea"), text=idea.text)
        if not ok:
            return
        try:
            self.run(
                _("Editing “{idea}”").format(idea=idea.text), lambda: self.forum.edit_idea(idea.id, text)
            )
        except ValidationError as error:
            show_error(self.cluster_error, error.message)
            return
        self.refresh()

    def move_ideas(self, ideas: list[str], cluster: str | None) -> None:
        self.run(_("Moving ideas"), lambda: self.forum.assign(ideas, cluster))
        self.refresh()

    def merge_selected(self) -> None:
        source = self.board.selected_cluster()
        target = self.merge_target.currentData()
        if not source or not target or source == target:
            show_error(self.cluster_error, _("Select a cluster, and another one to merge it into."))
            return
        self.run(
            _("Merging “{merged}” into “{kept}”").format(
                merged=self.forum.cluster(source).name, kept=self.forum.cluster(str(target)).name
            ),
            lambda: self.forum.merge_clusters(str(target), source),
        )
        show_error(self.cluster_error, "")
        self.refresh()

    # votes (see votes.py) --------------------------------------------------------------------------

    def toggle_vote(self) -> None:
        self.votes.toggle_vote()

    # the end of the session ----------------------------------------------------------------------

    def end_session(self) -> None:
        """Close the vote, stop the timer, record who attended, then offer the session's
        summary and the next session's agenda (after the fourth: the shared agenda)."""
        number = self.session_number
        present = len(self.forum.attendance(number))

        def end() -> None:
            self.forum.set_vote_closed(number, True)
            if self.session.held_on is None:
                self.session.held_on = date.today()
            self.forum.note(
                _("Session {number} ended: {count} attended.").format(number=number, count=present)
            )

        if not self.session.vote_closed:
            missing = self.forum.tables_missing_votes(number)
            if missing and not self.votes.confirm_missing(missing):
                return
        self.timer.pause()
        self.start_button.setText(_("Start"))
        self.run(_("Ending the session"), end)
        self.refresh()
        self.end_dialog = EndOfSession(self, number, present)
        self.end_dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticker.stop()
        self.audience.close()
        super().closeEvent(event)
