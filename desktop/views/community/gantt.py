"""The year as a Gantt chart: months across (right to left in Hebrew and Arabic), one row per
topic, a mark per meeting that can be dragged to another day (or moved with the arrow keys)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.syllabus import ONLINE, Meeting, months_between, ordered

DAY_WIDTH = 3.0
ROW_HEIGHT = 30.0
LABEL_WIDTH = 170.0
HEADER_HEIGHT = 26.0
IN_PERSON_COLOUR = QColor("#2b6cb0")
PROBLEM_COLOUR = QColor("#c53030")


class MeetingMark(QGraphicsRectItem):
    """A meeting on the chart; moves only along its row."""

    def __init__(self, chart: GanttView, meeting: Meeting, number: int, rect: QRectF) -> None:
        super().__init__(rect)
        self.chart = chart
        self.meeting = meeting
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not chart.read_only)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setCursor(Qt.CursorShape.SizeHorCursor)
        label = QGraphicsSimpleTextItem(i18n.format_number(number), self)
        font = QFont()
        font.setPointSizeF(7.5)
        font.setBold(True)
        label.setFont(font)
        bounds = label.boundingRect()
        label.setPos(rect.center().x() - bounds.width() / 2, rect.center().y() - bounds.height() / 2)
        self.label = label

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
            return QPointF(value.x(), 0.0)
        return super().itemChange(change, value)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.chart.mark_moved(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
        if step is None or self.chart.read_only:
            super().keyPressEvent(event)
            return
        if self.chart.right_to_left:
            step = -step
        days = 7 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
        self.chart.move_meeting(self.meeting, self.meeting.day + timedelta(days=step * days))


class GanttView(QGraphicsView):
    def __init__(self, on_move: Callable[[Meeting, date], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syllabus_gantt")
        self.on_move = on_move
        self.scene_ = QGraphicsScene(self)
        self.setScene(self.scene_)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.read_only = False
        self.right_to_left = i18n.is_rtl()
        self.start = date.today()
        self.end = date.today()
        self.marks: dict[str, MeetingMark] = {}

    # geometry -----------------------------------------------------------------------------

    def _span(self) -> float:
        return ((self.end - self.start).days + 1) * DAY_WIDTH

    def x_of(self, day: date) -> float:
        offset = (day - self.start).days * DAY_WIDTH
        if self.right_to_left:
            return self._span() - offset - DAY_WIDTH
        return LABEL_WIDTH + offset

    def day_at(self, x: float) -> date:
        offset = (self._span() - DAY_WIDTH - x) if self.right_to_left else x - LABEL_WIDTH
        day = self.start + timedelta(days=round(offset / DAY_WIDTH))
        return min(max(day, self.start), self.end)

    # drawing ------------------------------------------------------------------------------

    def show_year(
        self,
        start: date,
        end: date,
        meetings: list[Meeting],
        rows: list[tuple[str, str]],
        problems: set[str],
        read_only: bool,
    ) -> None:
        """`rows`: (topic id, label) top to bottom; meetings whose topic has no row go last."""
        self.read_only = read_only
        self.right_to_left = i18n.is_rtl()
        self.start, self.end = start, end
        scene = self.scene_
        scene.clear()
        self.marks = {}
        known = {key for key, _label in rows}
        if any(m.topic not in known for m in meetings):
            rows = [*rows, ("", _("Other meetings"))]
        height = HEADER_HEIGHT + ROW_HEIGHT * max(len(rows), 1)
        span = self._span()
        chart_left = 0.0 if self.right_to_left else LABEL_WIDTH
        grid = QPen(QColor("#c8c8c8"))
        for year, number in months_between(start, end):
            month = date(year, number, 1)
            following = date(year + number // 12, number % 12 + 1, 1)
            first, last = max(month, start), min(following - timedelta(days=1), end)
            left = min(self.x_of(first), self.x_of(last))
            right = max(self.x_of(first), self.x_of(last)) + DAY_WIDTH
            scene.addRect(QRectF(left, 0, right - left, height), grid)
            name = QGraphicsSimpleTextItem(_month_label(month))
            bounds = name.boundingRect()
            if bounds.width() < right - left:
                name.setPos(left + (right - left - bounds.width()) / 2, 4)
                scene.addItem(name)
        for index, (_key, label) in enumerate(rows):
            y = HEADER_HEIGHT + index * ROW_HEIGHT
            scene.addLine(chart_left, y, chart_left + span, y, grid)
            text = QGraphicsSimpleTextItem(_elide(label, 28))
            text.setToolTip(label)
            bounds = text.boundingRect()
            # Row labels sit at the reading start: on the right in Hebrew and Arabic.
            x = (
                span + LABEL_WIDTH - bounds.width() - 4
                if self.right_to_left
                else LABEL_WIDTH - bounds.width() - 6
            )
            text.setPos(x, y + (ROW_HEIGHT - bounds.height()) / 2)
            scene.addItem(text)
        row_of = {key: index for index, (key, _label) in enumerate(rows)}
        for number, meeting in enumerate(ordered(meetings), start=1):
            row = row_of.get(meeting.topic, row_of.get("", 0))
            y = HEADER_HEIGHT + row * ROW_HEIGHT + 5
            days = 2 if meeting.seminar else 1
            left = min(self.x_of(meeting.day), self.x_of(meeting.last_day))
            width = max(days * DAY_WIDTH, 14.0)
            centre = left + days * DAY_WIDTH / 2
            mark = MeetingMark(self, meeting, number, QRectF(centre - width / 2, y, width, ROW_HEIGHT - 10))
            colour = PROBLEM_COLOUR if meeting.id in problems else IN_PERSON_COLOUR
            mark.setPen(QPen(colour, 2))
            online = meeting.format == ONLINE
            mark.setBrush(QBrush(Qt.BrushStyle.NoBrush) if online else QBrush(colour))
            mark.label.setBrush(QBrush(colour if online else QColor("white")))
            mark.setToolTip(_tooltip(meeting))
            scene.addItem(mark)
            self.marks[meeting.id] = mark
        scene.setSceneRect(QRectF(0, 0, span + LABEL_WIDTH, height + 4))

    def mark_moved(self, mark: MeetingMark) -> None:
        if mark.pos().x() == 0:
            return
        rect = mark.sceneBoundingRect()
        days = 2 if mark.meeting.seminar else 1
        left_day_x = rect.center().x() - days * DAY_WIDTH / 2
        if self.right_to_left and mark.meeting.seminar:
            left_day_x += DAY_WIDTH
        self.move_meeting(mark.meeting, self.day_at(left_day_x))

    def move_meeting(self, meeting: Meeting, day: date) -> None:
        day = min(max(day, self.start), self.end)
        if day != meeting.day:
            # Later: the chart is redrawn, and the mark must not be deleted inside its own event.
            QTimer.singleShot(0, lambda: self.on_move(meeting, day))


def _month_label(month: date) -> str:
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(month, "MMM yy", locale=i18n.babel_locale()))


def _elide(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _tooltip(meeting: Meeting) -> str:
    kind = _("Online") if meeting.format == ONLINE else _("In person")
    if meeting.seminar:
        return _("{day}: two-day seminar ({kind})").format(day=i18n.format_date(meeting.day), kind=kind)
    return f"{i18n.format_date(meeting.day)} ({kind})"
