"""The logic model drawn as the PDF draws it: five columns of boxes (the need first, on the
right in Hebrew and Arabic), arrows from each box to the boxes it leads to; a click selects a
box for editing."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.i18n import _
from desktop.models.collective_plan import LEVEL_ORDER, LEVELS, CollectivePlan

GAP = 16.0
HEADER = 26.0
PADDING = 6.0
BOX_GAP = 8.0
HEADER_COLOUR = QColor("#1f5f8b")
BOX_COLOUR = QColor("#f1f5f8")
SELECTED_COLOUR = QColor("#fff4d6")
LINE_COLOUR = QColor("#555555")


class LogicCanvas(QWidget):
    box_clicked = Signal(str)

    def __init__(self, plan: CollectivePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logic_canvas")
        self.plan = plan
        self.selected: str | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(
            800, int(max(self._layout(800).values(), key=lambda r: r.bottom(), default=QRectF()).bottom()) + 8
        )

    def _column_left(self, index: int, column_width: float) -> float:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        width = float(self.width())
        return width - (index + 1) * column_width - index * GAP if rtl else index * (column_width + GAP)

    def _layout(self, width: float | None = None) -> dict[str, QRectF]:
        """Box id -> where it is drawn."""
        width = float(width or self.width())
        column_width = (width - GAP * (len(LEVEL_ORDER) - 1)) / len(LEVEL_ORDER)
        metrics = QFontMetrics(self.font())
        places: dict[str, QRectF] = {}
        for index, level in enumerate(LEVEL_ORDER):
            left = (
                self._column_left(index, column_width)
                if width == self.width()
                else index * (column_width + GAP)
            )
            top = HEADER + 4
            for box in self.plan.level_boxes(level):
                text = metrics.boundingRect(
                    0, 0, int(column_width - 2 * PADDING), 10_000, int(Qt.TextFlag.TextWordWrap), box.text
                )
                height = text.height() + 2 * PADDING
                places[box.id] = QRectF(left, top, column_width, height)
                top += height + BOX_GAP
        return places

    def box_rect(self, box_id: str) -> QRectF:
        return self._layout()[box_id]

    def box_at(self, point: QPointF) -> str | None:
        return next((box_id for box_id, rect in self._layout().items() if rect.contains(point)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        box_id = self.box_at(event.position())
        if box_id is not None:
            self.box_clicked.emit(box_id)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = float(self.width())
        column_width = (width - GAP * (len(LEVEL_ORDER) - 1)) / len(LEVEL_ORDER)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for index, level in enumerate(LEVEL_ORDER):
            header = QRectF(self._column_left(index, column_width), 0, column_width, HEADER)
            painter.fillRect(header, HEADER_COLOUR)
            painter.setPen(QColor("white"))
            painter.drawText(header, int(Qt.AlignmentFlag.AlignCenter), _(LEVELS[level]))
        places = self._layout()
        painter.setPen(QPen(LINE_COLOUR, 1.2))
        for source, target in self.plan.links():
            a, b = places.get(source.id), places.get(target.id)
            if a is None or b is None:
                continue
            start = QPointF(a.left() if rtl else a.right(), a.center().y())
            end = QPointF(b.right() if rtl else b.left(), b.center().y())
            painter.drawLine(start, end)
            direction = -1 if rtl else 1
            head = QPolygonF(
                [
                    end,
                    QPointF(end.x() - direction * 7, end.y() - 4),
                    QPointF(end.x() - direction * 7, end.y() + 4),
                ]
            )
            painter.setBrush(LINE_COLOUR)
            painter.drawPolygon(head)
        for box in self.plan.boxes:
            rect = places.get(box.id)
            if rect is None:
                continue
            path = QPainterPath()
            path.addRoundedRect(rect, 5, 5)
            painter.fillPath(path, SELECTED_COLOUR if box.id == self.selected else BOX_COLOUR)
            painter.setPen(QPen(HEADER_COLOUR if box.id == self.selected else QColor("#b8c4ce"), 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.setPen(QColor("#222222"))
            align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
            painter.drawText(
                rect.adjusted(PADDING - 1, PADDING, -PADDING + 1, -PADDING),
                int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                box.text,
            )
        painter.end()
