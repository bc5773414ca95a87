"""A horizontal stacked bar chart that reads in the interface's direction: labels at the
reading start (the right in Hebrew and Arabic), bars growing from there, each row's total at
the bar's end, and a legend of the series."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

COLOURS = ("#1f5f8b", "#e07b39", "#4f9d69", "#8e5ea2", "#c9a227", "#5b7083")
ROW = 24
LEGEND = 22


class BarChart(QWidget):
    """Rows of (label, values by series) with the total written beside each bar."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.rows: list[tuple[str, list[float], str]] = []  # label, values, total text
        self.series: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, rows: Sequence[tuple[str, Sequence[float], str]], series: Sequence[str]) -> None:
        self.rows = [(label, list(values), total) for label, values, total in rows]
        self.series = list(series)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(400, ROW * max(len(self.rows), 1) + LEGEND + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(200, min(self.sizeHint().height(), 160))

    def bar_rects(self) -> list[list[QRectF]]:
        """Each row's bars, where they are drawn (for the painter and for tests)."""
        width = self.width()
        metrics = QFontMetrics(self.font())
        labels = min(max((metrics.horizontalAdvance(r[0]) for r in self.rows), default=0) + 12, width * 0.35)
        totals = max((metrics.horizontalAdvance(r[2]) for r in self.rows), default=0) + 12
        room = max(width - labels - totals, 10)
        largest = max((sum(values) for _label, values, _total in self.rows), default=0) or 1
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        result = []
        for index, (_label, values, _total) in enumerate(self.rows):
            y = index * ROW + 4
            offset = 0.0
            bars = []
            for value in values:
                length = room * value / largest
                x = width - labels - offset - length if rtl else labels + offset
                bars.append(QRectF(x, y, length, ROW - 8))
                offset += length
            result.append(bars)
        return result

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width()
        metrics = QFontMetrics(self.font())
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        labels = min(max((metrics.horizontalAdvance(r[0]) for r in self.rows), default=0) + 12, width * 0.35)
        for index, ((label, _values, total), bars) in enumerate(
            zip(self.rows, self.bar_rects(), strict=True)
        ):
            y = index * ROW
            if index % 2 == 0:
                painter.fillRect(QRectF(0, y, width, ROW), QColor("#f1f5f8"))
            painter.setPen(QColor("#222222"))
            label_rect = QRectF(width - labels, y, labels - 6, ROW) if rtl else QRectF(6, y, labels - 6, ROW)
            painter.drawText(
                label_rect,
                int(
                    (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                    | Qt.AlignmentFlag.AlignVCenter
                ),
                metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(labels - 6)),
            )
            end = width - labels
            for series_index, bar in enumerate(bars):
                painter.fillRect(bar, QColor(COLOURS[series_index % len(COLOURS)]))
                end = bar.left() if rtl else bar.right()
            if not bars:
                end = width - labels if rtl else labels
            text_width = metrics.horizontalAdvance(total) + 4
            total_rect = (
                QRectF(end - text_width - 4, y, text_width, ROW)
                if rtl
                else QRectF(end + 4, y, text_width, ROW)
            )
            painter.setPen(QColor("#555555"))
            painter.drawText(total_rect, int(Qt.AlignmentFlag.AlignVCenter), total)
        if len(self.series) > 1:
            y = len(self.rows) * ROW + 6
            x = width - 6 if rtl else 6
            for series_index, name in enumerate(self.series):
                colour = QColor(COLOURS[series_index % len(COLOURS)])
                name_width = metrics.horizontalAdvance(name)
                if rtl:
                    painter.fillRect(QRectF(x - 10, y + 3, 10, 10), colour)
                    painter.setPen(QColor("#222222"))
                    painter.drawText(
                        QRectF(x - 14 - name_width, y, name_width, 16),
                        int(Qt.AlignmentFlag.AlignVCenter),
                        name,
                    )
                    x -= name_width + 30
                else:
                    painter.fillRect(QRectF(x, y + 3, 10, 10), colour)
                    painter.setPen(QColor("#222222"))
                    painter.drawText(
                        QRectF(x + 14, y, name_width, 16), int(Qt.AlignmentFlag.AlignVCenter), name
                    )
                    x += name_width + 30
        painter.end()
