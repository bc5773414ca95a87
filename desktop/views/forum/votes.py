"""Dot voting and ranking during a session: votes per participant or per table, which tables
have been entered and which are still missing, closing the vote, and the results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.enums import Sector
from desktop.models.forum import Cluster, Forum, Participant, ranking_tally, tally
from desktop.models.validation import ValidationError
from desktop.views.forum.board import CLUSTER_ROLE
from desktop.views.forum.votes_chart import VotesChart
from desktop.views.qt_i18n import in_reading_direction, isolate
from desktop.views.widgets import error_label, show_error

# (what is undone, the change) -> what the change returned; see FacilitationWindow.run
Run = Callable[[str, Callable[[], Any]], Any]


def fill_people(combo: QComboBox, people: list[Participant]) -> None:
    kept = combo.currentData()
    combo.clear()
    combo.addItem("—", "")
    for participant in people:
        combo.addItem(participant.name, participant.id)
    combo.setCurrentIndex(max(0, combo.findData(kept)))


class VotesPanel(QWidget):
    def __init__(self, forum: Forum, session: int, run: Run) -> None:
        super().__init__()
        self.forum = forum
        self.session_number = session
        self.run = run
        self.vote_table = QLineEdit()
        self.vote_table.setObjectName("vote_table")
        self.vote_table.setPlaceholderText(_("Table"))
        self.vote_table.returnPressed.connect(self.record_votes)
        self.vote_participant = QComboBox()
        self.vote_participant.setObjectName("vote_participant")
        self.vote_people = QSpinBox()
        self.vote_people.setObjectName("vote_people")
        self.vote_people.setRange(1, 60)
        self.vote_people.setValue(5)
        self.vote_grid = QGridLayout()
        self.vote_spins: dict[str, QSpinBox] = {}
        self.vote_labels: dict[str, QLabel] = {}
        record = QPushButton(_("Record the votes"))
        record.setObjectName("record_votes")
        record.clicked.connect(self.record_votes)
        self.tables = QLabel()
        self.tables.setObjectName("vote_tables")
        self.tables.setWordWrap(True)
        self.close_vote = QPushButton(_("Close the vote and show the results"))
        self.close_vote.setObjectName("close_vote")
        self.close_vote.clicked.connect(self.toggle_vote)
        self.vote_error = error_label("vote_error")
        self.results = QLabel()
        self.results.setObjectName("results")
        self.results.setWordWrap(True)
        self.chart = VotesChart()
        self.chart.setObjectName("votes_chart")
        form = QFormLayout(self)
        form.addRow(_("Votes of one participant"), self.vote_participant)
        form.addRow(_("or of a table"), self.vote_table)
        form.addRow(_("People at the table"), self.vote_people)
        form.addRow(self.vote_grid)
        form.addRow(record)
        form.addRow(self.vote_error)
        form.addRow(self.tables)
        form.addRow(self.close_vote)
        form.addRow(self.results)
        form.addRow(self.chart)
        self.changed: Callable[[], None] = lambda: None

    @property
    def closed(self) -> bool:
        return self.forum.session(self.session_number).vote_closed

    def refresh(self) -> None:
        fill_people(self.vote_participant, self.forum.attendance(self.session_number))
        clusters = [c for c in self.forum.clusters if c.session == self.session_number]
        if [c.id for c in clusters] != list(self.vote_spins):
            self._fill_grid(clusters)
        else:  # the same clusters keep their spin boxes (and what is typed in them)
            for cluster in clusters:
                self.vote_labels[cluster.id].setText(cluster.name)
        self._refresh_tables()
        self._refresh_results()

    def _fill_grid(self, clusters: list[Cluster]) -> None:
        while self.vote_grid.count():
            item = self.vote_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.vote_spins = {}
        self.vote_labels = {}
        for row, cluster in enumerate(clusters):
            spin = QSpinBox()
            spin.setObjectName(f"votes_{row}")
            spin.setRange(0, 999)
            label = QLabel(cluster.name)
            label.setBuddy(spin)
            self.vote_grid.addWidget(label, row, 0)
            self.vote_grid.addWidget(spin, row, 1)
            self.vote_spins[cluster.id] = spin
            self.vote_labels[cluster.id] = label

    def _refresh_tables(self) -> None:
        tables = self.forum.tables(self.session_number)
        missing = self.forum.tables_missing_votes(self.session_number)
        entered = [table for table in tables if table not in missing]
        if not tables:
            self.tables.setText(_("No tables yet: the tables come from the ideas typed."))
            return
        self.tables.setText(
            _("Tables entered: {entered}").format(entered=", ".join(entered) or "—")
            + "\n"
            + (
                _("Tables still missing: {missing}").format(missing=", ".join(missing))
                if missing
                else _("Every table's votes are in.")
            )
        )
        self.tables.setStyleSheet("color: #b00020;" if missing else "")

    def _refresh_results(self) -> None:
        closed = self.closed
        self.close_vote.setText(_("Reopen the vote") if closed else _("Close the vote and show the results"))
        if not closed:
            self.results.setText(_("Results stay hidden until the vote is closed."))
            self.chart.set_lines([])
            return
        lines = tally(self.forum, self.session_number)
        self.chart.set_lines([(line.cluster.name, line.votes, line.tied) for line in lines])
        ranked = ranking_tally(self.forum, self.session_number)
        text = "\n".join(
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
        if self.forum.session_votes(self.session_number).rankings:
            text += (
                "\n"
                + _("Ranking points:")
                + "\n"
                + "\n".join(
                    in_reading_direction(
                        f"{line.place}. {isolate(line.cluster.name)}: {i18n.format_number(line.votes)}"
                    )
                    for line in ranked
                )
            )
        self.results.setText(text)

    def record_votes(self) -> None:
        participant = str(self.vote_participant.currentData() or "")
        table = self.vote_table.text().strip()
        if not participant and not table:
            show_error(self.vote_error, _("Choose a participant, or write the table's number or name."))
            return
        dots = {cluster: spin.value() for cluster, spin in self.vote_spins.items()}
        session = self.session_number
        try:
            if participant:
                name = self.forum.participant(participant).name
                self.run(
                    _("Votes of {name}").format(name=name),
                    lambda: self.forum.vote_by_participant(session, participant, dots),
                )
            else:
                people = self.vote_people.value()
                self.run(
                    _("Votes of table {table}").format(table=table),
                    lambda: self.forum.vote_by_table(session, table, dots, people),
                )
        except ValidationError as error:
            show_error(self.vote_error, error.message)
            return
        show_error(self.vote_error, "")
        self.vote_table.setText("")  # no text undo left: Ctrl+Z undoes the votes
        self.vote_participant.setCurrentIndex(0)
        for spin in self.vote_spins.values():
            spin.setValue(0)
        self.changed()
        self.vote_table.setFocus()

    def toggle_vote(self) -> None:
        """Close the vote (asking first when tables are still missing), or reopen it."""
        closing = not self.closed
        missing = self.forum.tables_missing_votes(self.session_number)
        if closing and missing and not self.confirm_missing(missing):
            return
        session = self.session_number
        self.run(
            _("Closing the vote") if closing else _("Reopening the vote"),
            lambda: self.forum.set_vote_closed(session, closing),
        )
        self.changed()

    def confirm_missing(self, missing: list[str]) -> bool:
        answer = QMessageBox.question(
            self,
            _("Close the vote"),
            _("The votes of tables {tables} have not been entered. Close the vote anyway?").format(
                tables=", ".join(missing)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class RankingPanel(QWidget):
    """One participant's ranking of the session's clusters, best first."""

    def __init__(self, forum: Forum, session: int, run: Run) -> None:
        super().__init__()
        self.forum = forum
        self.session_number = session
        self.run = run
        self.changed: Callable[[], None] = lambda: None
        self.rank_participant = QComboBox()
        self.rank_participant.setObjectName("rank_participant")
        self.rank_order = QListWidget()
        self.rank_order.setObjectName("rank_order")
        self.rank_order.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        up = QPushButton(_("Up"))
        up.setObjectName("rank_up")
        up.clicked.connect(lambda: self.move_rank(-1))
        down = QPushButton(_("Down"))
        down.setObjectName("rank_down")
        down.clicked.connect(lambda: self.move_rank(1))
        record = QPushButton(_("Record the ranking"))
        record.setObjectName("record_ranking")
        record.clicked.connect(self.record_ranking)
        self.rank_error = error_label("rank_error")
        buttons = QHBoxLayout()
        buttons.addWidget(up)
        buttons.addWidget(down)
        buttons.addWidget(record)
        form = QFormLayout()
        form.addRow(_("Participant"), self.rank_participant)
        form.addRow(_("Best first (drag, or Up and Down)"), self.rank_order)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.rank_error)
        layout.addStretch(1)

    def refresh(self) -> None:
        fill_people(self.rank_participant, self.forum.attendance(self.session_number))
        self.rank_order.clear()
        for cluster in self.forum.clusters:
            if cluster.session == self.session_number:
                item = QListWidgetItem(cluster.name)
                item.setData(CLUSTER_ROLE, cluster.id)
                self.rank_order.addItem(item)

    def move_rank(self, step: int) -> None:
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
        session = self.session_number
        try:
            self.run(
                _("Ranking of {name}").format(name=self.forum.participant(participant).name),
                lambda: self.forum.rank_clusters(session, participant, order),
            )
        except ValidationError as error:
            show_error(self.rank_error, error.message)
            return
        show_error(self.rank_error, "")
        self.rank_participant.setCurrentIndex(0)
        self.changed()
