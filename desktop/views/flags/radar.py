"""A radar chart of the four flags (levels 1-4), with an earlier diagnosis drawn beneath.

Drawn with QPainter: in Hebrew and Arabic the flags go round counter-clockwise from the top,
the way a right-to-left reader scans, and labels sit outside the axes."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from desktop.models.flags import LEVEL_MAX, Flag, axis_angles
from desktop.views.qt_i18n import two_lines

LATEST = QColor(31, 95, 139, 110)
EARLIER = QColor(242, 177, 52, 90)


class RadarChart(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.latest: dict[Flag, int | None] = {}
        self.earlier: dict[Flag, int | None] = {}
        self.legend: list[tuple[QColor, str]] = []  # which shape is which diagnosis
        self.setMinimumSize(320, 300)

    def set_levels(
        self,
        latest: dict[Flag, int | None],
        earlier: dict[Flag, int | None] | None = None,
        latest_label: str = "",
        earlier_label: str = "",
    ) -> None:
        self.latest = latest
        self.earlier = earlier or {}
        self.legend = [(LATEST, latest_label)] if latest_label and any(latest.values()) else []
        if earlier_label and any(self.earlier.values()):
            self.legend.append((EARLIER, earlier_label))
        self.update()

    def _polygon(
        self, levels: dict[Flag, int | None], centre: QPointF, radius: float, angles: list[float]
    ) -> QPolygonF:
        points = []
        for flag, angle in zip(Flag, angles, strict=True):
            value = (levels.get(flag) or 0) / LEVEL_MAX * radius
            points.append(QPointF(centre.x() + value * math.cos(angle), centre.y() + value * math.sin(angle)))
        return QPolygonF(points)

    def geometry_(self) -> tuple[QPointF, float, list[float], list[tuple[str, QRectF]]]:
        """The centre, the radius, the axes' angles and where each flag's name is written:
        the names beside the chart get the room they need (on two lines at most), the chart
        takes what is left, so no name is cut at the widget's edge."""
        metrics = self.fontMetrics()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        legend_height = metrics.height() * len(self.legend) + (6 if self.legend else 0)
        angles = axis_angles(rtl)
        line = metrics.height()

        def box_width(label: str) -> float:
            return min(
                float(max(metrics.horizontalAdvance(part) for part in two_lines(label).split("\n")) + 8),
                170.0,
            )

        side = max(
            (
                box_width(flag.label)
                for flag, angle in zip(Flag, angles, strict=True)
                if abs(math.cos(angle)) > 0.3
            ),
            default=0.0,
        )
        centre = QPointF(self.width() / 2, (self.height() - legend_height) / 2)
        radius = max(
            20.0, min(self.width() / 2 - side - 14, (self.height() - legend_height) / 2 - 2 * line - 12)
        )
        labels = []
        for flag, angle in zip(Flag, angles, strict=True):
            end = QPointF(centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle))
            label = flag.label
            across = abs(math.cos(angle)) > 0.3
            width = (
                box_width(label)
                if across
                else min(metrics.horizontalAdvance(label) + 8.0, self.width() - 4.0)
            )
            x = end.x() + (
                10 if math.cos(angle) > 0.3 else -width - 10 if math.cos(angle) < -0.3 else -width / 2
            )
            y = end.y() + (8 if math.sin(angle) > 0.3 else -line * 2 - 4 if math.sin(angle) < -0.3 else -line)
            labels.append((label, QRectF(x, y, width, line * 2 + 4)))
        return centre, radius, angles, labels

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        centre, radius, angles, labels = self.geometry_()
        painter.setPen(QPen(QColor("#b8c4ce"), 1))
        for level in range(1, LEVEL_MAX + 1):
            ring = QPolygonF(
                [
                    QPointF(
                        centre.x() + radius * level / LEVEL_MAX * math.cos(a),
                        centre.y() + radius * level / LEVEL_MAX * math.sin(a),
                    )
                    for a in angles
                ]
            )
            painter.drawPolygon(ring)
        for angle, (label, rect) in zip(angles, labels, strict=True):
            end = QPointF(centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle))
            painter.drawLine(centre, end)
            painter.setPen(self.palette().text().color())
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, label)
            painter.setPen(QPen(QColor("#b8c4ce"), 1))
        for levels, colour in ((self.earlier, EARLIER), (self.latest, LATEST)):
            if any(levels.get(flag) for flag in Flag):
                painter.setPen(QPen(colour.darker(150), 2))
                painter.setBrush(colour)
                painter.drawPolygon(self._polygon(levels, centre, radius, angles))
        self._draw_scale(painter, centre, radius, angles[0])
        self._draw_legend(painter, rtl)
        painter.end()

    def _draw_scale(self, painter: QPainter, centre: QPointF, radius: float, angle: float) -> None:
        """The level of each ring (1-4), written beside the first axis."""
        painter.setPen(QColor("#5f6b76"))
        for level in range(1, LEVEL_MAX + 1):
            distance = radius * level / LEVEL_MAX
            point = QPointF(
                centre.x() + distance * math.cos(angle) + 4, centre.y() + distance * math.sin(angle)
            )
            painter.drawText(point, str(level))

    def _draw_legend(self, painter: QPainter, rtl: bool) -> None:
        """A swatch and a name for each shape, at the foot, starting on the reading side."""
        metrics = painter.fontMetrics()
        y = self.height() - metrics.height() * len(self.legend) - 2
        for colour, label in self.legend:
            width = metrics.horizontalAdvance(label)
            swatch_x = self.width() - 18 if rtl else 6
            text_x = swatch_x - 6 - width if rtl else swatch_x + 18
            painter.setPen(QPen(colour.darker(150), 1))
            painter.setBrush(colour)
            painter.drawRect(QRectF(swatch_x, y + 3, 12, metrics.height() - 6))
            painter.setPen(self.palette().text().color())
            painter.drawText(QPointF(text_x, y + metrics.ascent()), label)
            y += metrics.height()
