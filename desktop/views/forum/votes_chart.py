"""Horizontal bars of a vote's results; in Hebrew and Arabic the names are on the right and the
bars grow to the left. Tied places are marked."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from desktop import i18n
from desktop.i18n import _

BAR = QColor("#1f5f8b")
TIED = QColor("#f2b134")


class VotesChart(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[tuple[str, int, bool]] = []  # name, value, tied
        self.setMinimumHeight(120)

    def set_lines(self, lines: list[tuple[str, int, bool]]) -> None:
        self.lines = lines
        self.setMinimumHeight(max(120, round(self.fontMetrics().height() * 1.4 * len(lines)) + 10))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.lines:
            return
        painter = QPainter(self)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        metrics = painter.fontMetrics()
        names = float(max(metrics.horizontalAdvance(n) for n, _v, _t in self.lines) + 28)
        longest = max(value for _n, value, _t in self.lines) or 1
        room = self.width() - names - 90
        # rows grow with the type (the audience view scales it with the screen)
        row = max(18.0, min(metrics.height() * 1.8, (self.height() - 4) / len(self.lines)))
        for index, (name, value, tied) in enumerate(self.lines):
            top = index * row + 2
            painter.setPen(self.palette().text().color())
            name_rect = QRectF(self.width() - names if rtl else 0, top, names - 6, row - 4)
            painter.drawText(
                name_rect,
                (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            length = room * value / longest
            edge = self.width() - names if rtl else names
            x = edge - length if rtl else edge
            painter.fillRect(QRectF(x, top + 3, length, row - 10), TIED if tied else BAR)
            label = i18n.format_number(value) + (" (" + _("tie") + ")" if tied else "")
            width = metrics.horizontalAdvance(label) + 4
            text_x = x - width - 4 if rtl else x + length + 4
            painter.drawText(QRectF(text_x, top, width, row - 4), Qt.AlignmentFlag.AlignVCenter, label)
        painter.end()
