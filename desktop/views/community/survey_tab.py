"""The topics questionnaire: candidate topics, members' ratings (typed or from a CSV), the
ranking with its spread, and the topics chosen at the first meeting."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _, os_error_text
from desktop.models.topics_survey import (
    SCALE_MAX,
    SCALE_MIN,
    SurveyImport,
    new_topic,
    parse_rating,
    rank_topics,
    read_survey_csv,
)
from desktop.models.validation import ValidationError
from desktop.views.community.context import CommunityContext, fill_combo
from desktop.views.community.members_tab import date_edit
from desktop.views.qt_i18n import align_text_field, two_lines
from desktop.views.widgets import error_label, pydate, qdate, show_error

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class SurveyImportDialog(QDialog):
    """What a CSV holds before anything is applied: rows read, rows refused and why."""

    def __init__(self, result: SurveyImport, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import survey ratings"))
        summary = QLabel(
            _(
                "{name}: {rows} answers read, {good} members' ratings can be imported, {bad} rows refused."
            ).format(
                name=name,
                rows=i18n.format_number(result.rows_read),
                good=i18n.format_number(len(result.ratings)),
                bad=i18n.format_number(len(result.row_errors)),
            )
        )
        summary.setWordWrap(True)
        self.errors = QTableWidget(len(result.row_errors), 2)
        self.errors.setObjectName("survey_errors")
        self.errors.setHorizontalHeaderLabels([_("Line"), _("Problem")])
        self.errors.verticalHeader().hide()
        self.errors.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (line, message) in enumerate(result.row_errors):
            self.errors.setItem(row, 0, QTableWidgetItem(i18n.format_number(line)))
            self.errors.setItem(row, 1, QTableWidgetItem(message))
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        if result.ignored_columns:
            ignored = QLabel(
                _("Columns that are not topics were ignored: {columns}").format(
                    columns=", ".join(result.ignored_columns)
                )
            )
            ignored.setWordWrap(True)
            layout.addWidget(ignored)
        if result.row_errors:
            layout.addWidget(self.errors, 1)
            note = QLabel(
                _(
                    "Fix these rows in the file and import it again, or import the "
                    "other rows now; refused rows are left out."
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.addButton(
            _("Import the rows without problems") if result.row_errors else _("Import"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.apply_button.setObjectName("survey_import_apply")
        self.apply_button.setEnabled(bool(result.ratings))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)


class SurveyTab(QWidget):
    def __init__(self, context: CommunityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._filling = False
        self.topics = QListWidget()
        self.topics.setObjectName("survey_topics")
        self.new_title = QLineEdit()
        self.new_title.setObjectName("survey_new_topic")
        self.new_title.setPlaceholderText(_("A professional topic…"))
        align_text_field(self.new_title, left_to_right=False)
        self.new_title.returnPressed.connect(self.add_topic)
        add = QPushButton(_("Add topic"))
        add.setObjectName("survey_add_topic")
        add.clicked.connect(self.add_topic)
        rename = QPushButton(_("Rename…"))
        rename.setObjectName("survey_rename_topic")
        rename.clicked.connect(self.rename_topic)
        remove = QPushButton(_("Remove…"))
        remove.setObjectName("survey_remove_topic")
        remove.clicked.connect(self.remove_topic)
        self.topic_error = error_label("survey_topic_error")
        topics_box = QGroupBox(_("Candidate topics"))
        topics_layout = QVBoxLayout(topics_box)
        adding = QHBoxLayout()
        adding.addWidget(self.new_title, 1)
        adding.addWidget(add)
        topics_layout.addLayout(adding)
        topics_layout.addWidget(self.topics, 1)
        row = QHBoxLayout()
        row.addWidget(rename)
        row.addWidget(remove)
        row.addStretch(1)
        topics_layout.addLayout(row)
        topics_layout.addWidget(self.topic_error)

        self.grid = QTableWidget()
        self.grid.setObjectName("survey_ratings")
        self.grid.itemChanged.connect(self._rating_changed)
        import_button = QPushButton(_("Import from a CSV file…"))
        import_button.setObjectName("survey_import")
        import_button.clicked.connect(self.choose_csv)
        self.grid_error = error_label("survey_rating_error")
        grid_box = QGroupBox(
            _("Ratings ({low} = not needed, {high} = much needed)").format(low=SCALE_MIN, high=SCALE_MAX)
        )
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.addWidget(self.grid, 1)
        grid_layout.addWidget(self.grid_error)
        grid_layout.addWidget(import_button, 0, Qt.AlignmentFlag.AlignLeading)

        self.rank_by = QComboBox()
        self.rank_by.setObjectName("survey_rank_by")
        fill_combo(
            self.rank_by,
            [("mean", _("Rank by mean rating")), ("high", _("Rank by number of high ratings (4-5)"))],
            "mean",
        )
        self.rank_by.currentIndexChanged.connect(self.refresh_ranking)
        self.ranking_model = QStandardItemModel(0, 7)
        self.ranking_model.setSortRole(SORT_ROLE)
        self.ranking_model.itemChanged.connect(self._selection_changed)
        self.ranking_proxy = QSortFilterProxyModel()
        self.ranking_proxy.setSourceModel(self.ranking_model)
        self.ranking_proxy.setSortRole(SORT_ROLE)
        self.ranking = QTableView()
        self.ranking.setObjectName("survey_ranking")
        self.ranking.setModel(self.ranking_proxy)
        self.ranking.setSortingEnabled(True)
        self.ranking.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.ranking.verticalHeader().hide()
        self.ranking.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.selection_date = date_edit("survey_selection_date")
        self.selection_date.setDate(qdate(context.community.selection_date))
        self.selection_date.dateChanged.connect(self._selection_details)
        self.selection_notes = QLineEdit(context.community.selection_notes)
        self.selection_notes.setObjectName("survey_selection_notes")
        align_text_field(self.selection_notes, left_to_right=False)
        self.selection_notes.textChanged.connect(self._notes_typed)
        ranking_box = QGroupBox(_("Ranking, and the topics chosen at the first meeting"))
        ranking_layout = QVBoxLayout(ranking_box)
        ranking_layout.addWidget(self.rank_by)
        ranking_layout.addWidget(self.ranking, 1)
        chosen = QHBoxLayout()
        chosen.addWidget(QLabel(_("Chosen on")))
        chosen.addWidget(self.selection_date)
        chosen.addWidget(QLabel(_("Notes")))
        chosen.addWidget(self.selection_notes, 1)
        ranking_layout.addLayout(chosen)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(topics_box)
        splitter.addWidget(grid_box)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 3)
        layout.addWidget(ranking_box, 2)
        for widget in (
            self.new_title,
            add,
            rename,
            remove,
            import_button,
            self.selection_date,
            self.selection_notes,
        ):
            widget.setEnabled(not context.read_only)
        if context.read_only:
            self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.refresh()

    # topics -------------------------------------------------------------------------------

    def refresh(self) -> None:
        community = self.context.community
        self.topics.clear()
        for topic in community.topics:
            item = QListWidgetItem(topic.title)
            item.setData(ID_ROLE, topic.id)
            self.topics.addItem(item)
        self.grid.blockSignals(True)
        self.grid.clear()
        self.grid.setRowCount(len(community.members))
        self.grid.setColumnCount(len(community.topics))
        # Each topic's title whole above its column: on two lines, the column as wide as they are.
        self.grid.setHorizontalHeaderLabels([two_lines(t.title) for t in community.topics])
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.setVerticalHeaderLabels([self.context.person_name(m.person) for m in community.members])
        for row, member in enumerate(community.members):
            ratings = community.ratings.get(member.person, {})
            for column, topic in enumerate(community.topics):
                value = ratings.get(topic.id)
                cell = QTableWidgetItem("" if value is None else str(value))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.grid.setItem(row, column, cell)
        self.grid.blockSignals(False)
        self.refresh_ranking()

    def add_topic(self) -> None:
        try:
            topic = new_topic(self.new_title.text(), existing=self.context.community.topics)
        except ValidationError as error:
            show_error(self.topic_error, error.message)
            self.new_title.setFocus()
            return
        show_error(self.topic_error, "")
        self.context.community.topics.append(topic)
        self.new_title.clear()
        self.context.save()
        self.refresh()

    def _current_topic(self) -> str:
        item = self.topics.currentItem()
        return str(item.data(ID_ROLE)) if item is not None else ""

    def rename_topic(self) -> None:
        topic_id = self._current_topic()
        topic = next((t for t in self.context.community.topics if t.id == topic_id), None)
        if topic is None:
            show_error(self.topic_error, _("Choose a topic in the list first."))
            return
        text, ok = QInputDialog.getText(self, _("Rename the topic"), _("Title"), text=topic.title)
        if not ok:
            return
        others = [t for t in self.context.community.topics if t.id != topic_id]
        try:
            topic.title = new_topic(text, existing=others).title
        except ValidationError as error:
            show_error(self.topic_error, error.message)
            return
        show_error(self.topic_error, "")
        self.context.save()
        self.refresh()

    def remove_topic(self) -> None:
        community = self.context.community
        topic_id = self._current_topic()
        if not topic_id:
            show_error(self.topic_error, _("Choose a topic in the list first."))
            return
        used = sum(1 for m in community.meetings if m.topic == topic_id)
        title = self.context.topic_titles()[topic_id]
        text = _("Remove the topic “{title}” with its ratings?").format(title=title)
        if used:
            text = _(
                "Remove the topic “{title}” with its ratings? {count} meetings of the "
                "syllabus keep it as their title."
            ).format(title=title, count=used)
        answer = QMessageBox.question(
            self,
            _("Remove the topic"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        for meeting in community.meetings:
            if meeting.topic == topic_id:
                meeting.title = meeting.title or title
                meeting.topic = ""
        community.topics = [t for t in community.topics if t.id != topic_id]
        for ratings in community.ratings.values():
            ratings.pop(topic_id, None)
        community.selected_topics = [t for t in community.selected_topics if t != topic_id]
        self.context.save()
        self.refresh()

    # ratings ------------------------------------------------------------------------------

    def _rating_changed(self, item: QTableWidgetItem) -> None:
        community = self.context.community
        member = community.members[item.row()]
        topic = community.topics[item.column()]
        text = i18n.strip_marks(item.text()).strip()
        ratings = community.ratings.setdefault(member.person, {})
        try:
            if not text:
                ratings.pop(topic.id, None)
            else:
                ratings[topic.id] = parse_rating(text)
        except ValidationError as error:
            show_error(
                self.grid_error,
                _("The rating of {member} for “{topic}”: {problem}").format(
                    member=self.context.person_name(member.person), topic=topic.title, problem=error.message
                ),
            )
            self.grid.blockSignals(True)
            previous = ratings.get(topic.id)
            item.setText("" if previous is None else str(previous))
            self.grid.blockSignals(False)
            return
        show_error(self.grid_error, "")
        if not ratings:
            community.ratings.pop(member.person, None)
        self.context.save()
        self.refresh_ranking()

    def choose_csv(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import survey ratings"), "", _("CSV files (*.csv);;All files (*)")
        )
        if path:
            self.import_csv(Path(path))

    def import_csv(self, path: Path) -> bool:
        community = self.context.community
        names: dict[str, str] = {}
        for member in community.members:
            facts = self.context.people.get(member.person)
            if facts is not None:
                names[facts.full_name] = member.person
                if facts.email:
                    names[facts.email] = member.person
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = path.read_text(encoding="cp1255", errors="replace")
        except OSError as error:
            show_error(
                self.grid_error,
                _("Cannot read {path}: {error}").format(path=path.name, error=os_error_text(error)),
            )
            return False
        try:
            result = read_survey_csv(text, community.topics, names)
        except ValidationError as error:
            show_error(
                self.grid_error, _("The file {name}: {problem}").format(name=path.name, problem=error.message)
            )
            return False
        dialog = SurveyImportDialog(result, path.name, self)
        self.import_dialog = dialog
        if not dialog.exec():
            return False
        for person, ratings in result.ratings.items():
            community.ratings.setdefault(person, {}).update(ratings)
        show_error(self.grid_error, "")
        self.context.save()
        self.refresh()
        return True

    # ranking ------------------------------------------------------------------------------

    def refresh_ranking(self) -> None:
        community = self.context.community
        ranked = rank_topics(
            community.topics, community.ratings, by=str(self.rank_by.currentData() or "mean")
        )
        self._filling = True
        self.ranking_model.removeRows(0, self.ranking_model.rowCount())
        self.ranking_model.setHorizontalHeaderLabels(
            [
                _("Rank"),
                _("Topic"),
                _("Mean rating"),
                _("Rated high (4-5)"),
                _("Raters"),
                _("Spread (SD)"),
                _("Chosen"),
            ]
        )
        for rank, score in enumerate(ranked, start=1):

            def number(value: float | None, digits: int = 2) -> QStandardItem:
                item = QStandardItem("—" if value is None else i18n.format_number(round(value, digits)))
                item.setData(-1.0 if value is None else value, SORT_ROLE)
                return item

            rank_item = QStandardItem(i18n.format_number(rank))
            rank_item.setData(rank, SORT_ROLE)
            title = QStandardItem(score.topic.title)
            title.setData(score.topic.title, SORT_ROLE)
            spread = number(score.spread)
            if score.lowest is not None:
                spread.setToolTip(_("From {low} to {high}").format(low=score.lowest, high=score.highest))
            chosen = QStandardItem()
            chosen.setCheckable(not self.context.read_only)
            selected = score.topic.id in community.selected_topics
            chosen.setCheckState(Qt.CheckState.Checked if selected else Qt.CheckState.Unchecked)
            chosen.setData(1 if selected else 0, SORT_ROLE)
            row = [
                rank_item,
                title,
                number(score.mean),
                number(score.high_count, 0),
                number(score.raters, 0),
                spread,
                chosen,
            ]
            for item in row:
                item.setEditable(False)
                item.setData(score.topic.id, ID_ROLE)
            self.ranking_model.appendRow(row)
        self._filling = False

    def _selection_changed(self, item: QStandardItem) -> None:
        if self._filling:
            return
        if item.column() != 6:
            return
        community = self.context.community
        topic_id = str(item.data(ID_ROLE))
        chosen = [t for t in community.selected_topics if t != topic_id]
        if item.checkState() == Qt.CheckState.Checked:
            chosen.append(topic_id)
        order = [s.topic.id for s in rank_topics(community.topics, community.ratings)]
        community.selected_topics = sorted(chosen, key=order.index)
        if community.selection_date is None:
            community.selection_date = pydate(self.selection_date.date())
        self.context.save()

    def _notes_typed(self) -> None:
        self.context.community.selection_notes = self.selection_notes.text().strip()
        self.context.changed()

    def _selection_details(self) -> None:
        community = self.context.community
        community.selection_date = pydate(self.selection_date.date())
        community.selection_notes = self.selection_notes.text().strip()
        self.context.save()
