"""Facilitation mode: run one session live on the facilitator's laptop, with a clean audience
view on a second screen. Every idea, check-in, cluster change and vote is committed at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.enums import Sector
from desktop.models.forum import Cluster, Forum, Idea, Session, ranking_tally, tally
from desktop.models.validation import ValidationError
from desktop.views.forum.votes_chart import VotesChart
from desktop.views.qt_i18n import align_text_field, in_reading_direction, isolate
from desktop.views.saving import SaveStatus
from desktop.views.widgets import error_label, show_error

IDEA_ROLE = Qt.ItemDataRole.UserRole + 1
CLUSTER_ROLE = Qt.ItemDataRole.UserRole + 2


def clock_text(seconds: int) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


class BlockTimer:
    """Counts down the current block; pausing keeps the time left; +1 minute extends it."""

    def __init__(self) -> None:
        self._elapsed = QElapsedTimer()
        self._spent_before = 0  # milliseconds used before the last start
        self.running = False
        self.extra_minutes = 0

    def start(self) -> None:
        if not self.running:
            self._elapsed.start()
            self.running = True

    def pause(self) -> None:
        if self.running:
            self._spent_before += self._elapsed.elapsed()
            self.running = False

    def reset(self) -> None:
        self._spent_before = 0
        self.running = False
        self.extra_minutes = 0

    def spent_ms(self) -> int:
        return self._spent_before + (self._elapsed.elapsed() if self.running else 0)

    def left_seconds(self, minutes: int) -> int:
        return (minutes + self.extra_minutes) * 60 - self.spent_ms() // 1000


class IdeaBoard(QTreeWidget):
    """Clusters with their ideas; ideas are dragged between clusters (or moved by keyboard)."""

    moved = Signal(list, object)  # idea ids, cluster id or None
    delete_requested = Signal()  # the Delete key on selected ideas

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("board")
        self.setHeaderHidden(True)
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
        label = idea.text + (" (" + _("table {table}").format(table=idea.table) + ")" if idea.table else "")
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


class AudienceView(QWidget):
    """What the room sees: the block, the time left, the ideas, or the closed vote's results."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("audience_view")
        self.setWindowTitle(_("Audience view"))
        big = QFont()
        big.setPointSize(28)
        self.block = QLabel()
        self.block.setFont(big)
        self.block.setWordWrap(True)
        self.timer = QLabel()
        huge = QFont()
        huge.setPointSize(48)
        huge.setBold(True)
        self.timer.setFont(huge)
        self.board = QListWidget()
        board_font = QFont()
        board_font.setPointSize(20)
        self.board.setFont(board_font)
        self.chart = VotesChart()
        self.chart.setFont(board_font)
        self.chart.hide()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.block, 1)
        top.addWidget(self.timer)
        layout.addLayout(top)
        layout.addWidget(self.board, 1)
        layout.addWidget(self.chart, 1)


class FacilitationWindow(QWidget):
    """The facilitator's screen for one session."""

    def __init__(
        self, forum: Forum, session: int, save: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("facilitation")
        self.forum = forum
        self.session_number = session
        self.save = save
        self.block_index = 0
        self.timer = BlockTimer()
        session_data = forum.session(session)
        self.setWindowTitle(_("Session {number}: {title}").format(number=session, title=session_data.title))
        # block and timer
        self.block_label = QLabel()
        self.block_label.setObjectName("block_label")
        self.block_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.clock.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.start_button = QPushButton(_("Start"))
        self.start_button.setObjectName("timer_start")
        self.start_button.clicked.connect(self.toggle_timer)
        plus = QPushButton(_("+1 minute"))
        plus.setObjectName("timer_plus")
        plus.clicked.connect(self.extend)
        next_block = QPushButton(_("Next block"))
        next_block.setObjectName("next_block")
        next_block.clicked.connect(self.next_block)
        timer_row = QHBoxLayout()
        timer_row.addWidget(self.block_label, 1)
        timer_row.addWidget(self.clock)
        timer_row.addWidget(self.start_button)
        timer_row.addWidget(plus)
        timer_row.addWidget(next_block)
        # check-in
        self.check_in = QLineEdit()
        self.check_in.setObjectName("check_in")
        self.check_in.setPlaceholderText(
            _("Check in: type a few letters of a name, or a new name, organisation")
        )
        align_text_field(self.check_in, left_to_right=False)
        self.names = QStringListModel([p.name for p in forum.participants], self)
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
        undo = QPushButton(_("Undo the check-in"))
        undo.setObjectName("undo_check_in")
        undo.clicked.connect(self.undo_check_in)
        attendance_row = QHBoxLayout()
        attendance_row.addWidget(self.attendance, 1)
        attendance_row.addWidget(self.undo_who)
        attendance_row.addWidget(undo)
        # ideas
        self.idea = QLineEdit()
        self.idea.setObjectName("idea")
        self.idea.setPlaceholderText(_("Type an idea and press Enter"))
        align_text_field(self.idea, left_to_right=False)
        self.idea.returnPressed.connect(self.add_idea)
        self.table = QLineEdit()
        self.table.setObjectName("idea_table")
        self.table.setPlaceholderText(_("Table"))
        self.table.setMaximumWidth(90)
        self.author = QComboBox()
        self.author.setObjectName("idea_author")
        self.idea_error = error_label("idea_error")
        idea_row = QHBoxLayout()
        idea_row.addWidget(self.idea, 1)
        idea_row.addWidget(self.table)
        idea_row.addWidget(self.author)
        # board and clusters
        self.board = IdeaBoard()
        self.board.moved.connect(self.move_ideas)
        self.board.itemDoubleClicked.connect(self.edit_idea)
        self.board.delete_requested.connect(self.delete_selected_ideas)
        delete_idea = QPushButton(_("Delete the idea…"))
        delete_idea.setObjectName("delete_idea")
        delete_idea.clicked.connect(self.delete_selected_ideas)
        self.cluster_name = QLineEdit()
        self.cluster_name.setObjectName("cluster_name")
        self.cluster_name.setPlaceholderText(_("Cluster name: moves the selected ideas there"))
        align_text_field(self.cluster_name, left_to_right=False)
        self.cluster_name.returnPressed.connect(self.cluster_selected)
        merge = QPushButton(_("Merge into…"))
        merge.setObjectName("merge_cluster")
        merge.clicked.connect(self.merge_selected)
        self.merge_target = QComboBox()
        self.merge_target.setObjectName("merge_target")
        cluster_row = QHBoxLayout()
        cluster_row.addWidget(self.cluster_name, 1)
        cluster_row.addWidget(merge)
        cluster_row.addWidget(self.merge_target)
        cluster_row.addWidget(delete_idea)
        self.cluster_error = error_label("cluster_error")
        QShortcut(QKeySequence("Ctrl+G"), self, self.cluster_name.setFocus)
        # votes
        self.vote_box = QGroupBox(_("Dot voting"))
        self.vote_table = QLineEdit()
        self.vote_table.setObjectName("vote_table")
        self.vote_table.setPlaceholderText(_("Table"))
        self.vote_participant = QComboBox()
        self.vote_participant.setObjectName("vote_participant")
        self.vote_people = QSpinBox()
        self.vote_people.setObjectName("vote_people")
        self.vote_people.setRange(1, 60)
        self.vote_people.setValue(5)
        self.vote_grid = QGridLayout()
        self.vote_spins: dict[str, QSpinBox] = {}
        record = QPushButton(_("Record the table's votes"))
        record.setObjectName("record_votes")
        record.clicked.connect(self.record_votes)
        self.close_vote = QPushButton(_("Close the vote and show the results"))
        self.close_vote.setObjectName("close_vote")
        self.close_vote.clicked.connect(self.toggle_vote)
        self.vote_error = error_label("vote_error")
        self.results = QLabel()
        self.results.setObjectName("results")
        self.results.setWordWrap(True)
        vote_form = QFormLayout(self.vote_box)
        vote_form.addRow(_("Votes of one participant"), self.vote_participant)
        vote_form.addRow(_("or of a table"), self.vote_table)
        vote_form.addRow(_("People at the table"), self.vote_people)
        vote_form.addRow(self.vote_grid)
        vote_form.addRow(record)
        vote_form.addRow(self.vote_error)
        vote_form.addRow(self.close_vote)
        vote_form.addRow(self.results)
        self.chart = VotesChart()
        self.chart.setObjectName("votes_chart")
        vote_form.addRow(self.chart)
        self.ranking_box = QGroupBox(_("Ranking"))
        self.rank_participant = QComboBox()
        self.rank_participant.setObjectName("rank_participant")
        self.rank_order = QListWidget()
        self.rank_order.setObjectName("rank_order")
        self.rank_order.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.rank_order.setMaximumHeight(140)
        up = QPushButton(_("Up"))
        up.setObjectName("rank_up")
        up.clicked.connect(lambda: self._move_rank(-1))
        down = QPushButton(_("Down"))
        down.setObjectName("rank_down")
        down.clicked.connect(lambda: self._move_rank(1))
        record_rank = QPushButton(_("Record the ranking"))
        record_rank.setObjectName("record_ranking")
        record_rank.clicked.connect(self.record_ranking)
        self.rank_error = error_label("rank_error")
        rank_buttons = QHBoxLayout()
        rank_buttons.addWidget(up)
        rank_buttons.addWidget(down)
        rank_buttons.addWidget(record_rank)
        rank_form = QFormLayout(self.ranking_box)
        rank_form.addRow(_("Participant"), self.rank_participant)
        rank_form.addRow(_("Best first (drag, or Up and Down)"), self.rank_order)
        rank_form.addRow(rank_buttons)
        rank_form.addRow(self.rank_error)
        vote_form.addRow(self.ranking_box)
        self.change_log = QListWidget()
        self.change_log.setObjectName("change_log")
        vote_form.addRow(QLabel(_("Changes to the clusters")))
        vote_form.addRow(self.change_log)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.check_in)
        left_layout.addWidget(self.check_error)
        left_layout.addLayout(attendance_row)
        left_layout.addLayout(idea_row)
        left_layout.addWidget(self.idea_error)
        left_layout.addWidget(self.board, 1)
        left_layout.addLayout(cluster_row)
        left_layout.addWidget(self.cluster_error)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.vote_box)
        splitter.setStretchFactor(0, 3)
        self.status = SaveStatus()
        self.status.retry_requested.connect(lambda: self.save())
        layout = QVBoxLayout(self)
        layout.addLayout(timer_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self.audience = AudienceView()
        self.ticker = QTimer(self)
        self.ticker.setInterval(500)
        self.ticker.timeout.connect(self.refresh_clock)
        self.ticker.start()
        self.refresh()
        self.resize(1200, 720)  # within 1366x768 when not full screen

    # screens ------------------------------------------------------------------------------------

    def show_on_screens(self) -> None:
        """Full screen for the facilitator; the audience view on a second screen if there is one."""
        screens = QGuiApplication.screens()
        self.showFullScreen()
        if len(screens) > 1:
            self.audience.setGeometry(screens[1].geometry())
            self.audience.showFullScreen()

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
        for combo in (self.author, self.vote_participant, self.rank_participant, self.undo_who):
            kept = combo.currentData()
            combo.clear()
            combo.addItem("—", "")
            for participant in present:
                combo.addItem(participant.name, participant.id)
            combo.setCurrentIndex(max(0, combo.findData(kept)))
        self.names.setStringList([p.name for p in self.forum.participants])
        clusters = [c for c in self.forum.clusters if c.session == self.session_number]
        self.merge_target.clear()
        for cluster in clusters:
            self.merge_target.addItem(cluster.name, cluster.id)
        self._fill_vote_grid(clusters)
        self.rank_order.clear()
        for cluster in clusters:
            item = QListWidgetItem(cluster.name)
            item.setData(CLUSTER_ROLE, cluster.id)
            self.rank_order.addItem(item)
        self.change_log.clear()
        self.change_log.addItems(list(reversed(self.forum.log[-30:])))
        self._refresh_results()
        self._refresh_audience()
        self.refresh_clock()

    def _fill_vote_grid(self, clusters: list[Cluster]) -> None:
        while self.vote_grid.count():
            item = self.vote_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.vote_spins = {}
        for row, cluster in enumerate(clusters):
            spin = QSpinBox()
            spin.setObjectName(f"votes_{row}")
            spin.setRange(0, 999)
            self.vote_grid.addWidget(QLabel(cluster.name), row, 0)
            self.vote_grid.addWidget(spin, row, 1)
            self.vote_spins[cluster.id] = spin

    def _refresh_results(self) -> None:
        closed = self.session.vote_closed
        self.close_vote.setText(_("Reopen the vote") if closed else _("Close the vote and show the results"))
        if not closed:
            self.results.setText(_("Results stay hidden until the vote is closed."))
            self.chart.set_lines([])
            return
        lines = tally(self.forum, self.session_number)
        self.chart.set_lines([(line.cluster.name, line.votes, line.tied) for line in lines])
        ranked = ranking_tally(self.forum, self.session_number)
        self.results.setText(
            "\n".join(
                in_reading_direction(
                    f"{line.place}. {isolate(line.cluster.name)}: {i18n.format_number(line.votes)}"
                    + (" (" + _("tie") + ")" if line.tied else "")
                    + (
                        " — "
                        + ", ".join(
                            f"{Sector(sector).label}: {count}"
                            for sector, count in sorted(line.by_sector.items())
                            if sector
                        )
                        if line.by_sector
                        else ""
                    )
                )
                for line in lines
            )
            + (
                "\n"
                + _("Ranking points:")
                + "\n"
                + "\n".join(
                    in_reading_direction(
                        f"{line.place}. {isolate(line.cluster.name)}: {i18n.format_number(line.votes)}"
                    )
                    for line in ranked
                )
                if self.forum.session_votes(self.session_number).rankings
                else ""
            )
        )

    def _refresh_audience(self) -> None:
        blocks = self.session.blocks
        block = blocks[self.block_index] if blocks else None
        self.audience.block.setText(block.title if block else "")
        self.audience.board.clear()
        closed = self.session.vote_closed
        self.audience.chart.setVisible(closed)
        self.audience.board.setVisible(not closed)
        if closed:
            self.audience.chart.set_lines(
                [
                    (line.cluster.name, line.votes, line.tied)
                    for line in tally(self.forum, self.session_number)
                ]
            )
        else:
            for idea in self.forum.session_ideas(self.session_number)[-12:]:
                self.audience.board.addItem(idea.text)

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
        self.audience.timer.setText(text)

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

    def next_block(self) -> None:
        if self.block_index + 1 < len(self.session.blocks):
            self.block_index += 1
            self.timer.reset()
            self.start_button.setText(_("Start"))
            self.refresh()

    # check-in and ideas --------------------------------------------------------------------------------

    def do_check_in(self) -> None:
        typed = self.check_in.text().strip()
        if not typed:
            return
        exact = [p for p in self.forum.participants if p.name == typed]
        found = exact or self.forum.find_participants(typed)
        try:
            if len(found) == 1:
                participant = found[0]
            elif not found:
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
                participant = self.forum.add_participant(name, organisation)
            else:
                show_error(
                    self.check_error,
                    _("{count} people match; type a few more letters.").format(count=len(found)),
                )
                return
        except ValidationError as error:
            show_error(self.check_error, error.message)
            return
        self.forum.check_in(participant.id, self.session_number)
        self.save()
        show_error(self.check_error, "")
        self.check_in.clear()
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
        self.forum.undo_check_in(participant, self.session_number)
        self.save()
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
        for idea_id in ideas:
            self.forum.delete_idea(idea_id)
        self.save()
        show_error(self.cluster_error, "")
        self.refresh()

    def add_idea(self) -> None:
        try:
            idea = self.forum.add_idea(
                self.session_number,
                self.block_index,
                self.idea.text(),
                self.table.text(),
                str(self.author.currentData() or ""),
            )
        except ValidationError as error:
            show_error(self.idea_error, error.message)
            return
        self.save()
        show_error(self.idea_error, "")
        self.idea.clear()  # the table and author stay for the next idea from the same table
        self.board.append_idea(idea)  # a new idea changes the board and the audience only
        self._refresh_audience()
        self.idea.setFocus()

    # clusters -------------------------------------------------------------------------------------

    def cluster_selected(self) -> None:
        ideas = self.board.selected_ideas()
        if not ideas:
            show_error(self.cluster_error, _("Select ideas on the board first."))
            return
        try:
            cluster = self.forum.new_cluster(self.session_number, self.cluster_name.text())
        except ValidationError as error:
            show_error(self.cluster_error, error.message)
            return
        self.forum.assign(ideas, cluster.id)
        self.save()
        show_error(self.cluster_error, "")
        self.cluster_name.clear()
        self.refresh()

    def edit_idea(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        from PySide6.QtWidgets import QInputDialog

        idea_id = item.data(0, IDEA_ROLE)
        if not idea_id:
            return
        idea = self.forum.idea(str(idea_id))
        text, ok = QInputDialog.getText(self, _("Edit the idea"), _("Idea"), text=idea.text)
        if ok and " ".join(text.split()):
            idea.text = " ".join(text.split())
            self.save()
            self.refresh()

    def move_ideas(self, ideas: list[str], cluster: str | None) -> None:
        self.forum.assign(ideas, cluster)
        self.save()
        self.refresh()

    def merge_selected(self) -> None:
        source = self.board.selected_cluster()
        target = self.merge_target.currentData()
        if not source or not target or source == target:
            show_error(self.cluster_error, _("Select a cluster, and another one to merge it into."))
            return
        self.forum.merge_clusters(str(target), source)
        self.save()
        show_error(self.cluster_error, "")
        self.refresh()

    # votes ----------------------------------------------------------------------------------------

    def record_votes(self) -> None:
        participant = str(self.vote_participant.currentData() or "")
        table = self.vote_table.text().strip()
        if not participant and not table:
            show_error(self.vote_error, _("Choose a participant, or write the table's number or name."))
            return
        dots = {cluster: spin.value() for cluster, spin in self.vote_spins.items()}
        try:
            if participant:
                self.forum.vote_by_participant(self.session_number, participant, dots)
            else:
                self.forum.vote_by_table(self.session_number, table, dots, self.vote_people.value())
        except ValidationError as error:
            show_error(self.vote_error, error.message)
            return
        self.save()
        show_error(self.vote_error, "")
        self.vote_table.clear()
        self.vote_participant.setCurrentIndex(0)
        for spin in self.vote_spins.values():
            spin.setValue(0)
        self.refresh()

    def _move_rank(self, step: int) -> None:
        row = self.rank_order.currentRow()
        target = row + step
        if 0 <= row < self.rank_order.count() and 0 <= target < self.rank_order.count():
            item = self.rank_order.takeItem(row)
            self.rank_order.insertItem(target, item)
            self.rank_order.setCurrentRow(target)

    def record_ranking(self) -> None:
        participant = str(self.rank_participant.currentData() or "")
        if not participant:
            show_error(self.rank_error, _("Choose whose ranking this is."))
            return
        order = [str(self.rank_order.item(row).data(CLUSTER_ROLE)) for row in range(self.rank_order.count())]
        try:
            self.forum.rank_clusters(self.session_number, participant, order)
        except ValidationError as error:
            show_error(self.rank_error, error.message)
            return
        self.save()
        show_error(self.rank_error, "")
        self.rank_participant.setCurrentIndex(0)
        self.refresh()

    def toggle_vote(self) -> None:
        self.session.vote_closed = not self.session.vote_closed
        self.save()
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticker.stop()
        self.audience.close()
        super().closeEvent(event)
