"""Horizontal bars of a vote's results; in Hebrew and Arabic the names are on the right and the
bars grow to the left. Tied places are marked. On the audience screen (`fill`) the bars share
the whole height and the names and numbers grow with them, so the results fill the screen."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from desktop import i18n
from desktop.i18n import _

BAR = QColor("#1f5f8b")
TIED = QColor("#f2b134")
FILLED_ROW_SHARE = 1 / 3  # on the audience screen one line takes at most a third of the height
NAMES_SHARE = 0.3  # and the names at most this share of the width


@dataclass(frozen=True)
class BarLine:
    """Where one line of the chart is drawn: its name, its bar and its number."""

    name: str
    label: str
    tied: bool
    name_rect: QRectF
    bar: QRectF
    label_rect: QRectF


class VotesChart(QWidget):
    def __init__(self, *, fill: bool = False) -> None:
        super().__init__()
        self.fill = fill
        self.lines: list[tuple[str, int, bool]] = []  # name, value, tied
        self.setMinimumHeight(120)

    def set_lines(self, lines: list[tuple[str, int, bool]]) -> None:
        self.lines = lines
        if not self.fill:
            self.setMinimumHeight(max(120, round(self.fontMetrics().height() * 1.4 * len(lines)) + 10))
        self.update()

    def row_height(self) -> float:
        if not self.lines:
            return 0.0
        share = (self.height() - 4) / len(self.lines)
        if self.fill:
            return max(18.0, min(share, self.height() * FILLED_ROW_SHARE))
        # rows grow with the type (the audience view scales it with the screen)
        return max(18.0, min(self.fontMetrics().height() * 1.8, share))

    def chart_font(self) -> QFont:
        """The widget's font; on the audience screen as large as a row holds (never smaller)."""
        font = QFont(self.font())
        if self.fill and self.lines:
            current = QFontInfo(font).pixelSize()
            wanted = self.row_height() * 0.45
            # ... while the longest name keeps to a third of the width, leaving the rest to the bars
            font.setPixelSize(100)
            widest = max(QFontMetricsF(font).horizontalAdvance(n) for n, _v, _t in self.lines) or 1.0
            wanted = min(wanted, 100 * self.width() * NAMES_SHARE / widest)
            font.setPixelSize(max(current, round(wanted)))
        return font

    def bar_lines(self) -> list[BarLine]:
        """The geometry the chart is painted with."""
        if not self.lines:
            return []
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        metrics = QFontMetricsF(self.chart_font())
        labels = [i18n.format_number(v) + (" (" + _("tie") + ")" if t else "") for _n, v, t in self.lines]
        names = max(metrics.horizontalAdvance(n) for n, _v, _t in self.lines) + 28
        names = min(names, self.width() * 0.45)
        number_room = max(metrics.horizontalAdvance(label) for label in labels) + 16
        longest = max(value for _n, value, _t in self.lines) or 1
        room = max(0.0, self.width() - names - number_room)
        row = self.row_height()
        result = []
        for index, ((name, value, tied), label) in enumerate(zip(self.lines, labels, strict=True)):
            top = index * row + 2
            name_rect = QRectF(self.width() - names if rtl else 0, top, names - 6, row - 4)
            length = room * value / longest
            edge = self.width() - names if rtl else names
            x = edge - length if rtl else edge
            bar = QRectF(x, top + row * 0.12, length, row * 0.76 - 4)
            width = metrics.horizontalAdvance(label) + 4
            text_x = x - width - 4 if rtl else x + length + 4
            result.append(BarLine(name, label, tied, name_rect, bar, QRectF(text_x, top, width, row - 4)))
        return result

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.lines:
            return
        painter = QPainter(self)
        painter.setFont(self.chart_font())
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # absolute: in right to left Qt would flip a plain AlignRight to the left, against the bars
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        side |= Qt.AlignmentFlag.AlignAbsolute
        for line in self.bar_lines():
            painter.setPen(self.palette().text().color())
            painter.drawText(line.name_rect, side | Qt.AlignmentFlag.AlignVCenter, line.name)
            painter.fillRect(line.bar, TIED if line.tied else BAR)
            painter.drawText(line.label_rect, Qt.AlignmentFlag.AlignVCenter, line.label)
        painter.end()
