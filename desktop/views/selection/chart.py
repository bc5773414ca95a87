"""A horizontal bar chart of ranking totals, each bar split by the parts of the total.

Drawn with QPainter (QtCharts does not mirror for right-to-left): in Hebrew and Arabic
the names are on the right and the bars grow to the left.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from desktop import i18n
from desktop.models.selection import QUANTITATIVE, CriterionGroup, weight_label

PART_COLOURS = {
    QUANTITATIVE: QColor("#1f5f8b"),
    CriterionGroup.LEADERSHIP.value: QColor("#f2b134"),
    CriterionGroup.OPPORTUNITIES.value: QColor("#2e7d32"),
    CriterionGroup.READINESS.value: QColor("#8e44ad"),
}
PARTS = list(PART_COLOURS)


class RankingChart(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.bars: list[tuple[str, dict[str, float]]] = []
        self.setMinimumHeight(180)

    def set_bars(self, bars: list[tuple[str, dict[str, float]]]) -> None:
        self.bars = bars
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        metrics = painter.fontMetrics()
        legend_height = 2 * (metrics.height() + 4) + 4
        names_width = float(max([metrics.horizontalAdvance(n) for n, _parts in self.bars] + [60]) + 10)
        width = self.width() - names_width - 50
        rows = max(len(self.bars), 1)
        bar_height = max(10, min(26, (self.height() - legend_height) / rows - 6))
        for row, (name, parts) in enumerate(self.bars):
            top = row * (bar_height + 6) + 2
            name_rect = QRectF(self.width() - names_width if rtl else 0, top, names_width - 6, bar_height)
            painter.setPen(self.palette().text().color())
            painter.drawText(
                name_rect,
                (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            edge = self.width() - names_width if rtl else names_width
            for part in PARTS:
                length = width * parts.get(part, 0.0) / 100
                if length <= 0:
                    continue
                x = edge - length if rtl else edge
                painter.fillRect(QRectF(x, top, length, bar_height), PART_COLOURS[part])
                edge = x if rtl else edge + length
            total = sum(parts.values())
            text = i18n.format_number(round(total, 1))
            text_width = metrics.horizontalAdvance(text)
            x = edge - text_width - 4 if rtl else edge + 4
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(x, top, text_width + 2, bar_height), Qt.AlignmentFlag.AlignVCenter, text)
        # legend, wrapped onto a second line when the names do not fit
        line = metrics.height() + 4
        x = self.width() - 4 if rtl else 4
        y = self.height() - 2 * line
        for part in PARTS:
            label = weight_label(part)
            size = metrics.horizontalAdvance(label) + 22
            if (rtl and x - size < 0) or (not rtl and x + size > self.width()):
                x, y = (self.width() - 4 if rtl else 4), y + line
            left = x - size if rtl else x
            swatch_x = left + size - 14 if rtl else left
            painter.fillRect(QRectF(swatch_x, y + 2, 12, metrics.height() - 4), PART_COLOURS[part])
            text_x = left if rtl else left + 16
            painter.drawText(
                QRectF(text_x, y, size - 16, metrics.height()), Qt.AlignmentFlag.AlignVCenter, label
            )
            x = left - 10 if rtl else left + size + 10
        painter.end()
