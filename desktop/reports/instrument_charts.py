"""Drawings for the town instruments' documents: text in the fonts of its scripts, wrapped
boxes, arrows, and horizontal bar charts whose bars grow in the reading direction (from the
right in Hebrew and Arabic)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.reports.bidi_text import script_runs, shape_arabic, to_visual
from desktop.reports.document import GRID_COLOUR, STRIPE_COLOUR
from desktop.reports.fonts import font_for
from desktop.reports.measure import text_width

INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#555555")
BAR_COLOURS = (
    colors.HexColor("#1f5f8b"),
    colors.HexColor("#e07b39"),
    colors.HexColor("#4f9d69"),
    colors.HexColor("#8e5ea2"),
    colors.HexColor("#c9a227"),
    colors.HexColor("#5b7083"),
)


def new_drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    # Otherwise the renderer starts in Helvetica, listed in the PDF without being embedded.
    drawing.initialFontName = font_for(False, False)
    return drawing


def _runs(text: str, rtl: bool, bold: bool) -> list[tuple[str, str]]:
    return [
        (font_for(arabic, bold), part) for arabic, part in script_runs(to_visual(shape_arabic(text), rtl))
    ]


def label(
    drawing: Drawing,
    x: float,
    y: float,
    text: str,
    rtl: bool,
    *,
    size: float = 8,
    anchor: str = "start",
    bold: bool = False,
    colour: colors.Color = INK,
) -> None:
    """Draw `text` (logical order) so that it starts at x ("start", its left edge), ends at
    x ("end") or centres on x ("middle")."""
    runs = _runs(text, rtl, bold)
    width = sum(stringWidth(part, font, size) for font, part in runs)
    left = {"end": x - width, "middle": x - width / 2}.get(anchor, x)
    for font, part in runs:
        drawing.add(String(left, y, part, fontName=font, fontSize=size, fillColor=colour))
        left += stringWidth(part, font, size)


def arrow(drawing: Drawing, x1: float, y1: float, x2: float, y2: float, colour: colors.Color = MUTED) -> None:
    """A line from (x1, y1) with an arrowhead at (x2, y2)."""
    drawing.add(Line(x1, y1, x2, y2, strokeColor=colour, strokeWidth=0.8))
    length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 0.01)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    size = 4.0
    left = (x2 - ux * size - uy * size * 0.6, y2 - uy * size + ux * size * 0.6)
    right = (x2 - ux * size + uy * size * 0.6, y2 - uy * size - ux * size * 0.6)
    drawing.add(
        Polygon(
            [x2, y2, left[0], left[1], right[0], right[1]],
            fillColor=colour,
            strokeColor=colour,
            strokeWidth=0.5,
        )
    )


def bar_chart(
    rows: Sequence[tuple[str, Sequence[float]]],
    series: Sequence[str],
    width: float,
    rtl: bool,
    value_text: Sequence[str],
) -> Drawing:
    """Horizontal stacked bars: one row per (label, values by series), its total written at
    the bar's end; the labels at the reading start (the right in RTL), the bars growing from
    there, and a legend of the series below."""
    row_height, legend_height = 18.0, 16.0 if len(series) > 1 else 0.0
    height = row_height * max(len(rows), 1) + legend_height + 4
    drawing = new_drawing(width, height)
    labels_width = min(150.0, width * 0.3)
    numbers_width = 80.0
    bars_width = width - labels_width - numbers_width
    largest = max((sum(values) for _label, values in rows), default=0.0) or 1.0
    for index, ((text, values), total) in enumerate(zip(rows, value_text, strict=True)):
        y = height - (index + 1) * row_height
        if index % 2 == 0:
            drawing.add(Rect(0, y, width, row_height, fillColor=STRIPE_COLOUR, strokeColor=None))
        label_x = width - 4 if rtl else 4
        label(drawing, label_x, y + 5, text, rtl, anchor="end" if rtl else "start")
        offset = 0.0
        for series_index, value in enumerate(values):
            length = bars_width * value / largest
            if length <= 0:
                continue
            x = width - labels_width - offset - length if rtl else labels_width + offset
            drawing.add(
                Rect(
                    x,
                    y + 3,
                    length,
                    row_height - 6,
                    fillColor=BAR_COLOURS[series_index % len(BAR_COLOURS)],
                    strokeColor=None,
                )
            )
            offset += length
        if rtl:
            label(drawing, width - labels_width - offset - 4, y + 5, total, False, anchor="end", size=7.5)
        else:
            label(drawing, labels_width + offset + 4, y + 5, total, False, size=7.5)
    if legend_height:
        x = width - 4 if rtl else 4.0
        for series_index, name in enumerate(series):
            colour = BAR_COLOURS[series_index % len(BAR_COLOURS)]
            name_width = text_width(name, 7.5)
            if rtl:
                drawing.add(Rect(x - 8, 3, 8, 8, fillColor=colour, strokeColor=None))
                label(drawing, x - 11, 4, name, rtl, size=7.5, anchor="end")
                x -= name_width + 24
            else:
                drawing.add(Rect(x, 3, 8, 8, fillColor=colour, strokeColor=None))
                label(drawing, x + 11, 4, name, rtl, size=7.5)
                x += name_width + 24
    drawing.add(
        Line(0, legend_height + 2, width, legend_height + 2, strokeColor=GRID_COLOUR, strokeWidth=0.4)
    )
    return drawing
