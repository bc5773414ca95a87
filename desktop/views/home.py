"""The home screen: where each town being worked with, each regional cluster and each learning
community stands on the seeds' path, what is next and what is overdue (the rules are in
`desktop.models.journey`). Each line opens its record: the window connects `open_requested`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.views.after_paint import AfterPaint
from desktop.views.item_roles import USER_ROLE

# The journey rules import every feature's models, and the storage layer imports SQLAlchemy:
# both only once a workspace opens, after the window's first paint.
if TYPE_CHECKING:
    from desktop.models.journey import Journey, Mark, Step, Target
    from desktop.storage.journey_store import Overview
    from desktop.storage.workspace import Workspace
    from desktop.views.background import BackgroundTask, Progress

TARGET_ROLE = USER_ROLE + 1
JOURNEY_ROLE = USER_ROLE + 2  # (kind, name) of a town's or a cluster's journey
OVERDUE_COLOUR = QColor("#b00020")
NEXT_COLOUR = QColor("#0b5394")
DONE_COLOUR = QColor("#2e7d32")
STARTED_COLOUR = QColor("#8a5300")  # (amber dark enough to read on white: 6:1)


# From this many documents the overview is read in a thread of its own (below it, well under
# 100 ms on the window's thread; a foundation's workspace holds about 450). The first reading
# of a session is too, whatever the size: it imports SQLAlchemy and the journey rules.
READ_IN_BACKGROUND_FROM = 150
# The reading's thread starts this long after the line saying so has painted. The first events
# after a workspace opens make PySide build the types of the widgets they come from (40-70 ms
# of the window's thread); a thread started meanwhile competes with them for Python's lock and
# stretched that to freezes of 80-190 ms.
SETTLE_MS = 100


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [child for index in range(item.childCount()) if (child := item.child(index)) is not None]


FITTED_ROWS = 100  # rows whose texts the first two columns are fitted to, besides those shown


class HomeSection(QWidget):
    """The first page of the window: the journeys, three groups of lines in one tree."""

    open_requested = Signal(object)  # a desktop.models.journey.Target
    message = Signal(str)  # for the status bar
    data_changed = Signal()  # records were written (the national dataset brought in)
    read = Signal()  # the overview is on screen (after a reading in the background too)
    print_requested = Signal(str, str)  # a journey report: "town" or "cluster", and its name

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("home_section")
        self.workspace: Workspace | None = None
        self.today = today  # None: the real today, read at each reload
        self.heading = QLabel()
        self.heading.setObjectName("section_heading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        # First run: a workspace without authorities is offered the national dataset.
        self.national_button = QPushButton()
        self.national_button.setObjectName("bring_national_data")
        self.national_button.clicked.connect(self.bring_in_national_data)
        self.national_note = QLabel()
        self.national_note.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("home_tree")
        # The tree's viewport is made here, as Qt makes its own: the reading waits for it to
        # paint, and asking Qt for its own would make PySide look up every widget class it
        # knows (some 70 enums built, 5-40 ms) while a workspace opens.
        self._viewport = QWidget()
        self._viewport.setObjectName("qt_scrollarea_viewport")
        self._viewport.setBackgroundRole(QPalette.ColorRole.Base)
        self._viewport.setAutoFillBackground(True)
        self.tree.setViewport(self._viewport)
        self.tree.setColumnCount(3)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(True)
        # The first two columns fit their texts in the rows on screen and the next 100, not all
        # of a foundation's 1,700 (Qt's default, 1,000, measured every text on each layout:
        # 40-60 ms of the window's thread when the overview is shown). The step names repeat
        # from one town to the next, so the first hundred rows hold the longest of them.
        header.setResizeContentsPrecision(FITTED_ROWS)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_args: self._update_print_button())
        self.print_button = QPushButton()
        self.print_button.setObjectName("print_journey")
        self.print_button.clicked.connect(self.print_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        offer = QHBoxLayout()
        offer.addWidget(self.national_note, 1)
        offer.addWidget(self.national_button)
        layout.addLayout(offer)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self._waiting: AfterPaint | None = None  # the reading starts once the tree has painted
        self._reading: BackgroundTask[Overview] | None = None
        self._read_again = False
        self._mark_looks: dict[Mark, tuple[QColor, bool]] = {}  # (colour, bold) of a step's mark
        self.retranslate()

    # content --------------------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.stop_reading()
        self.workspace = workspace
        if self.isVisible() or workspace is None:
            self.reload()
        else:  # shown later: showEvent reads it then, once (a large workspace's overview is long)
            self.tree.clear()
            self.groups = {}

    def _update_offer(self) -> None:
        offer = False
        if self.workspace is not None and not self.workspace.read_only:
            # Imported only with a workspace open: the window paints before SQLAlchemy loads.
            from desktop.storage.first_run import has_authorities

            offer = not has_authorities(self.workspace)
        self.national_button.setVisible(offer)
        self.national_note.setVisible(offer)
        if offer:
            from desktop.storage.first_run import national_count

            count = national_count()
            self.national_note.setText(
                _(
                    "This workspace has no local authorities yet. Shutafut ships with Israel's "
                    "{count} local authorities (CBS figures, each with its year) and their regional "
                    "clusters: bring them in with one click, or add your own in Reference data."
                ).format(count=count)
            )
            self.national_button.setText(_("Bring in the {count} local authorities").format(count=count))

    def bring_in_national_data(self) -> None:
        from desktop.storage.first_run import bring_in_national_data

        if self.workspace is None or self.workspace.read_only:
            return
        QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            brought = bring_in_national_data(self.workspace)
        finally:
            QApplication.restoreOverrideCursor()
        self.message.emit(
            _(
                "{authorities} local authorities and {clusters} regional clusters are in the workspace."
            ).format(authorities=brought.authorities, clusters=brought.clusters)
        )
        self.data_changed.emit()
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        self.groups = {}
        self._update_offer()
        if self.workspace is None:
            return
        from desktop.storage.journey_store import document_count, overview, overview_modules_imported

        today = self.today or date.today()
        if self.workspace.path is None or (
            overview_modules_imported() and document_count(self.workspace) < READ_IN_BACKGROUND_FROM
        ):
            self._show(overview(self.workspace, today))
        else:  # a large workspace, or the first reading (it imports half a second of modules)
            self._read_in_background(today)

    def _read_in_background(self, today: date) -> None:
        """A foundation's workspace: every document is parsed to say where each town stands
        (about a second), so it is read in a thread of its own and the window stays usable.

        The thread starts once the line saying so has been painted: it begins by importing
        SQLAlchemy and the journey rules (half a second that holds Python's lock most of the
        time), which would otherwise delay that first view of the workspace."""
        QTreeWidgetItem(self.tree, [_("Reading where each town, cluster and community stands…")])
        if self._reading is not None:  # what is being read may be stale: read again after it
            self._read_again = True
            return
        if self._waiting is None:  # (if waiting, it reads what is open when it starts)
            self._waiting = AfterPaint(self._start_reading, self._viewport, SETTLE_MS)

    def _start_reading(self) -> None:
        from desktop.views.background import BackgroundTask

        self._waiting = None
        workspace = self.workspace
        if workspace is None:
            return
        today = self.today or date.today()

        def work(progress: Progress) -> Overview:
            from desktop.storage.journey_store import import_overview_modules, overview
            from desktop.storage.worker import separate_workspace

            # (what these imports build, some 200,000 objects, is moved to the collector's
            # oldest generation when the work ends: views.background)
            import_overview_modules()
            with separate_workspace(workspace) as own:
                return overview(own, today, progress)

        task: BackgroundTask[Overview] = BackgroundTask(work, self)
        task.done.connect(lambda: self._background_read_done(task, workspace))
        self._reading = task
        task.start()

    def _background_read_done(self, task: BackgroundTask[Overview], workspace: Workspace) -> None:
        if task is not self._reading:
            return
        self._reading = None
        if workspace is not self.workspace:
            return
        if self._read_again:
            self._read_again = False
            self.reload()
            return
        self.tree.clear()
        self.groups = {}
        try:
            found = task.result()
        except Exception as error:  # said on the screen where the overview would be
            QTreeWidgetItem(self.tree, [_("The overview could not be read: {error}").format(error=error)])
            return
        self._show(found)

    def stop_reading(self) -> None:
        """Stop an overview being read, and wait until it has (closing the workspace: no
        thread may still read its file). Reading only, so stopping leaves nothing behind."""
        if self._waiting is not None:
            self._waiting.cancel()
            self._waiting = None
        task, self._reading = self._reading, None
        self._read_again = False
        if task is not None:
            task.cancel()
            task.wait()

    @property
    def reading(self) -> bool:
        return self._reading is not None or self._waiting is not None

    def _show(self, found: Overview) -> None:
        """Fill the tree (a foundation's workspace: about 1,700 lines). Lines are expanded while
        the view's layout is still pending, and spanned only after: a span lays the tree out at
        once, and each expansion after it would lay it out again (0.2 s instead of 0.07 s)."""
        from desktop.models.journey import Mark, mark_label

        # Translated once, not once a line; the marks shown bold and their colours.
        marks = {mark: mark_label(mark) for mark in Mark}
        self._mark_looks = {
            Mark.OVERDUE: (OVERDUE_COLOUR, True),
            Mark.NEXT: (NEXT_COLOUR, True),
            Mark.DONE: (DONE_COLOUR, False),
            Mark.STARTED: (STARTED_COLOUR, False),
        }
        groups: list[QTreeWidgetItem] = []
        spanned: list[QTreeWidgetItem] = []
        collapsed: list[QTreeWidgetItem] = []
        for key, title, journeys, empty in (
            (
                "towns",
                _("Towns being worked with"),
                found.towns,
                _("No town yet: a selection decision or an agreement adds one."),
            ),
            (
                "clusters",
                _("Regional clusters and their flags work"),
                found.clusters,
                _("No regional cluster in the workspace yet."),
            ),
            ("communities", _("Learning communities"), found.communities, _("No learning community yet.")),
        ):
            group = QTreeWidgetItem([title])  # (made apart and added at once: see below)
            bold = QFont(self.tree.font())
            bold.setBold(True)
            bold.setPointSizeF(bold.pointSizeF() * 1.15)
            group.setFont(0, bold)
            groups.append(group)
            spanned.append(group)
            self.groups[key] = group
            if not journeys:
                spanned.append(QTreeWidgetItem(group, [empty]))
            for journey in journeys:
                item = self._add_journey(group, journey, marks)
                if journey.kind == "cluster" and journey.steps[0].target is None:
                    collapsed.append(item)
        # Lines made outside the tree and added in one call: added one by one, each told the
        # view of a new row (a foundation's 1,700 lines: 60-75 ms of the window's thread).
        self.tree.addTopLevelItems(groups)
        self.tree.expandAll()
        for item in collapsed:
            item.setExpanded(False)
        for item in spanned:
            item.setFirstColumnSpanned(True)
        self._update_print_button()
        self.read.emit()

    def _add_journey(
        self, group: QTreeWidgetItem, journey: Journey, marks: dict[Mark, str]
    ) -> QTreeWidgetItem:
        overdue = journey.overdue
        summary = _("{count} overdue").format(count=overdue) if overdue else ""
        item = QTreeWidgetItem(group, [journey.name, summary, ""])
        font = QFont(self.tree.font())
        font.setBold(True)
        item.setFont(0, font)
        if overdue:
            item.setForeground(1, QBrush(OVERDUE_COLOUR))
        item.setData(0, TARGET_ROLE, journey.target)
        if journey.kind in ("town", "cluster"):
            item.setData(0, JOURNEY_ROLE, (journey.kind, journey.name))
        for step in journey.steps:
            self._add_step(item, step, journey.target, marks)
        return item

    def _add_step(
        self, parent: QTreeWidgetItem, step: Step, fallback: Target | None, marks: dict[Mark, str]
    ) -> None:
        item = QTreeWidgetItem(parent, [step.label, marks[step.mark], step.state])
        looks = self._mark_looks.get(step.mark)
        if looks is not None:
            colour, bold = looks
            item.setForeground(1, QBrush(colour))
            if bold:
                font = QFont(self.tree.font())
                font.setBold(True)
                item.setFont(1, font)
        item.setToolTip(2, step.state)
        item.setData(0, TARGET_ROLE, step.target or fallback)

    def selected_journey(self) -> tuple[str, str] | None:
        """("town" or "cluster", name) of the line chosen, or of the journey a chosen step is in."""
        item = self.tree.currentItem()
        while item is not None:
            journey = item.data(0, JOURNEY_ROLE)
            if journey is not None:
                kind, name = journey
                return str(kind), str(name)
            item = item.parent()
        return None

    def _update_print_button(self) -> None:
        self.print_button.setEnabled(self.selected_journey() is not None)

    def print_selected(self) -> None:
        """Ask for the journey report of the town or cluster chosen (the window prints it)."""
        journey = self.selected_journey()
        if journey is not None:
            self.print_requested.emit(*journey)

    def lines(self) -> list[QTreeWidgetItem]:
        """Every line that opens a record, in order (tests walk them)."""
        found = []
        for group in self.groups.values():
            for journey in _children(group):
                if journey.data(0, TARGET_ROLE) is not None:
                    found.append(journey)
                found += [step for step in _children(journey) if step.data(0, TARGET_ROLE) is not None]
        return found

    # opening -------------------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        from desktop.models.journey import Target

        target = item.data(0, TARGET_ROLE)
        if isinstance(target, Target):
            self.open_requested.emit(target)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()  # what changed in an editor shows when the person comes back

    def retranslate(self) -> None:
        self.heading.setText(_("Home"))
        self.intro.setText(
            _(
                "Where each town, regional cluster and learning community stands on the path, "
                "what is next and what is overdue. Double-click a line (or press Enter) to open its record."
            )
        )
        self.tree.setHeaderLabels([_("Step"), _("Mark"), _("Where it stands")])
        self.print_button.setText(_("Print the path (PDF)…"))
        self.print_button.setToolTip(
            _("The journey report of the town or regional cluster chosen in the list (Ctrl+P)")
        )
        self.reload()
