"""The year as a Gantt chart: months across (right to left in Hebrew and Arabic), one row per
topic, a mark per meeting that can be dragged to another day (or moved with the arrow keys).
As in the printed syllabus: a filled mark for a meeting in person, an outline for one online, a
wider pill for the two-day seminar, and a key under the chart saying so. The months share the
window's width: the chart grows with the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.syllabus import FORMATS, IN_PERSON, ONLINE, Meeting, months_between, ordered

DAY_WIDTH = 3.0  # the narrowest a day is drawn (a year is then ~1100 px wide)
ROW_HEIGHT = 30.0
LABEL_WIDTH = 170.0
HEADER_HEIGHT = 26.0
LEGEND_HEIGHT = 30.0
MARK_WIDTH = 14.0
SEMINAR_WIDTH = MARK_WIDTH * 1.9  # as the printed syllabus draws the seminar
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

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Rounded like the printed marks (a pill for the seminar); selected: a dashed ring."""
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        rect = self.rect()
        radius = min(rect.width(), rect.height()) / 2
        painter.drawRoundedRect(rect, radius, radius)
        if self.isSelected():
            painter.setPen(QPen(QColor("#111111"), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), radius + 3, radius + 3)

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
        self.day_width = DAY_WIDTH
        self.legend: list[tuple[QGraphicsRectItem, QGraphicsSimpleTextItem]] = []
        self._shown: tuple[Any, ...] | None = None  # what show_year drew, to draw again wider

    # geometry -----------------------------------------------------------------------------

    def _span(self) -> float:
        return ((self.end - self.start).days + 1) * self.day_width

    def x_of(self, day: date) -> float:
        offset = (day - self.start).days * self.day_width
        if self.right_to_left:
            return self._span() - offset - self.day_width
        return LABEL_WIDTH + offset

    def day_at(self, x: float) -> date:
        offset = (self._span() - self.day_width - x) if self.right_to_left else x - LABEL_WIDTH
        day = self.start + timedelta(days=round(offset / self.day_width))
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
        self._shown = (start, end, meetings, rows, problems, read_only)
        self.day_width = self._fitting_day_width(start, end)
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
            right = max(self.x_of(first), self.x_of(last)) + self.day_width
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
            width = max(days * self.day_width, SEMINAR_WIDTH if meeting.seminar else MARK_WIDTH)
            centre = left + days * self.day_width / 2
            mark = MeetingMark(self, meeting, number, QRectF(centre - width / 2, y, width, ROW_HEIGHT - 10))
            colour = PROBLEM_COLOUR if meeting.id in problems else IN_PERSON_COLOUR
            mark.setPen(QPen(colour, 2))
            online = meeting.format == ONLINE
            mark.setBrush(QBrush(Qt.BrushStyle.NoBrush) if online else QBrush(colour))
            mark.label.setBrush(QBrush(colour if online else QColor("white")))
            mark.setToolTip(_tooltip(meeting))
            scene.addItem(mark)
            self.marks[meeting.id] = mark
        self._draw_legend(height + 8)
        scene.setSceneRect(QRectF(0, 0, span + LABEL_WIDTH, height + 8 + LEGEND_HEIGHT))

    def _fitting_day_width(self, start: date, end: date) -> float:
        """A day's width when the months fill the view's width (never narrower than DAY_WIDTH)."""
        days = (end - start).days + 1
        room = self.viewport().width() - LABEL_WIDTH - 2 * self.frameWidth() - 4
        return max(DAY_WIDTH, room / max(days, 1))

    def _draw_legend(self, top: float) -> None:
        """The key the printed syllabus has: in person (filled), online (outline), the seminar."""
        self.legend = []
        x = self._span() + LABEL_WIDTH - 4 if self.right_to_left else LABEL_WIDTH
        for online, seminar, text in (
            (False, False, _(FORMATS[IN_PERSON])),
            (True, False, _(FORMATS[ONLINE])),
            (False, True, _("Two-day seminar")),
        ):
            width = SEMINAR_WIDTH if seminar else MARK_WIDTH
            sample = _LegendMark(QRectF(0, 0, width, ROW_HEIGHT - 10))
            sample.setPen(QPen(IN_PERSON_COLOUR, 2))
            sample.setBrush(QBrush(Qt.BrushStyle.NoBrush) if online else QBrush(IN_PERSON_COLOUR))
            label = QGraphicsSimpleTextItem(text)
            label_width = label.boundingRect().width()
            y = top + (LEGEND_HEIGHT - label.boundingRect().height()) / 2
            if self.right_to_left:
                sample.setPos(x - width, top + 5)
                label.setPos(x - width - 6 - label_width, y)
                x -= width + 6 + label_width + 24
            else:
                sample.setPos(x, top + 5)
                label.setPos(x + width + 6, y)
                x += width + 6 + label_width + 24
            self.scene_.addItem(sample)
            self.scene_.addItem(label)
            self.legend.append((sample, label))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._shown is not None and abs(self._fitting_day_width(*self._shown[:2]) - self.day_width) > 0.05:
            # Later, outside the resize: a mark must not be deleted inside its own drag.
            QTimer.singleShot(0, self._draw_again)

    def _draw_again(self) -> None:
        if self._shown is not None and self.scene_.mouseGrabberItem() is None:
            self.show_year(*self._shown)

    def mark_moved(self, mark: MeetingMark) -> None:
        if mark.pos().x() == 0:
            return
        rect = mark.sceneBoundingRect()
        days = 2 if mark.meeting.seminar else 1
        left_day_x = rect.center().x() - days * self.day_width / 2
        if self.right_to_left and mark.meeting.seminar:
            left_day_x += self.day_width
        self.move_meeting(mark.meeting, self.day_at(left_day_x))

    def move_meeting(self, meeting: Meeting, day: date) -> None:
        day = min(max(day, self.start), self.end)
        if day != meeting.day:
            # Later: the chart is redrawn, and the mark must not be deleted inside its own event.
            QTimer.singleShot(0, lambda: self.on_move(meeting, day))


class _LegendMark(QGraphicsRectItem):
    """A sample mark in the key, drawn as the meetings' marks are."""

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        radius = min(self.rect().width(), self.rect().height()) / 2
        painter.drawRoundedRect(self.rect(), radius, radius)


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
