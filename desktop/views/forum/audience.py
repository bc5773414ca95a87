"""What the room sees: the current block, the time left, the newest ideas, or the closed vote's
results. An ordinary window the facilitator opens and closes at any time, moves to any screen
(the projector plugged in mid-setup) and makes full screen there. The type grows with the
window, so the back of a hall can read it, and a zoom key makes it larger still."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.views.forum.votes_chart import VotesChart

ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 0.15, 0.55, 2.5
LINES_PER_HEIGHT = 30  # the body type is the window's height divided by this (before zoom)


class AudienceWindow(QWidget):
    """The audience view. Its keys: F11 full screen, Esc back to a window, F8 the next screen,
    Ctrl+= / Ctrl+- / Ctrl+0 zoom, F9 back to the facilitator's view, F7 closes it."""

    switch_requested = Signal()  # F9: one (mirrored) screen goes back to the facilitator's view
    closed = Signal()

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("audience_view")
        self.setWindowTitle(_("Audience view"))
        self.setStyleSheet("background: #ffffff; color: #111111;")
        self.zoom = 1.0
        self.block = QLabel()
        self.block.setObjectName("audience_block")
        self.block.setWordWrap(True)
        self.timer = QLabel()
        self.timer.setObjectName("audience_timer")
        self.board = QListWidget()
        self.board.setObjectName("audience_board")
        self.board.setWordWrap(True)
        self.board.setFrameShape(QListWidget.Shape.NoFrame)
        self.board.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart = VotesChart(fill=True)
        self.chart.setObjectName("audience_chart")
        self.chart.hide()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.block, 1)
        top.addWidget(self.timer)
        layout.addLayout(top)
        layout.addWidget(self.board, 1)
        layout.addWidget(self.chart, 1)
        for keys, action in (
            ("F11", self.toggle_full_screen),
            ("Esc", self.leave_full_screen),
            ("F8", self.move_to_next_screen),
            ("Ctrl+=", lambda: self.change_zoom(1)),
            ("Ctrl++", lambda: self.change_zoom(1)),
            ("Ctrl+-", lambda: self.change_zoom(-1)),
            ("Ctrl+0", lambda: self.change_zoom(0)),
            ("F9", self.switch_requested.emit),
            ("F7", self.close),
        ):
            QShortcut(QKeySequence(keys), self, action)
        self.resize(960, 540)
        self.apply_sizes()

    # what is shown ---------------------------------------------------------------------------

    def set_block(self, title: str) -> None:
        self.block.setText(title)

    def set_clock(self, text: str, late: bool) -> None:
        self.timer.setText(text)
        self.timer.setStyleSheet("color: #b00020;" if late else "")

    def show_ideas(self, texts: list[str]) -> None:
        self.chart.hide()
        self.board.show()
        self.board.clear()
        self.board.addItems(texts)
        self.board.scrollToBottom()

    def append_idea(self, text: str, keep: int) -> None:
        """Add the newest idea, keeping the `keep` newest (the room reads the latest)."""
        self.board.addItem(text)
        while self.board.count() > keep:
            self.board.takeItem(0)
        self.board.scrollToBottom()

    def show_results(self, lines: list[tuple[str, int, bool]]) -> None:
        self.board.hide()
        self.chart.set_lines(lines)
        self.chart.show()

    @property
    def showing_results(self) -> bool:
        return not self.chart.isHidden()

    # type size ---------------------------------------------------------------------------------

    def body_points(self) -> float:
        """The board's type size: it follows the window's height, times the zoom."""
        return max(10.0, self.height() / LINES_PER_HEIGHT * self.zoom)

    def apply_sizes(self) -> None:
        body = self.body_points()
        for widget, factor, bold in (
            (self.block, 1.4, True),
            (self.timer, 2.4, True),
            (self.board, 1.0, False),
            (self.chart, 1.0, False),
        ):
            font = QFont(widget.font())
            font.setPixelSize(round(body * factor))
            font.setBold(bold)
            widget.setFont(font)
        self.chart.update()

    def change_zoom(self, step: int) -> None:
        """Larger (1), smaller (-1) or back to the size that follows the screen (0)."""
        self.zoom = 1.0 if step == 0 else min(ZOOM_MAX, max(ZOOM_MIN, self.zoom + step * ZOOM_STEP))
        self.apply_sizes()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.apply_sizes()

    # screens -----------------------------------------------------------------------------------

    def show_on(self, screen_index: int | None = None, *, full_screen: bool = False) -> None:
        """Show the view (on screen `screen_index` when given), as a window or full screen."""
        screens = QGuiApplication.screens()
        if screen_index is not None and screens:
            screen = screens[screen_index % len(screens)]
            if self.isFullScreen():
                self.showNormal()
            area = screen.availableGeometry()
            self.move(area.topLeft())
            self.resize(min(self.width(), area.width()), min(self.height(), area.height()))
            handle = self.windowHandle()
            if handle is not None:
                handle.setScreen(screen)
        if full_screen:
            self.showFullScreen()
        else:
            self.show()
        self.raise_()

    def screen_index(self) -> int:
        screens = QGuiApplication.screens()
        current = self.screen()
        return screens.index(current) if current in screens else 0

    def move_to_next_screen(self) -> None:
        full = self.isFullScreen()
        self.show_on(self.screen_index() + 1, full_screen=full)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def leave_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
