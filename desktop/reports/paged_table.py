"""A long table laid out one page at a time, each page a reportlab Table of its own.

reportlab splits a long Table at the foot of a page into the rows that fit and a new Table of
all the rest (its cells, and every style command moved to its new rows), which is wrapped
again on the next page, and so on: the work grows with rows x pages. PagedTable measures
every row once, then at each page's foot makes a Table of the header and the rows that fit
there (their heights given), and keeps the rest as a PagedTable. The pages look as reportlab
draws them: the same rows on each page, the header repeated at the top of each, the same
column widths, stripes and grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, chain, islice
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

Command = tuple[Any, ...]
MEASURED_TOGETHER = 50


class _Layout:
    """What the pieces of one long table share: its rows, widths, style and row heights."""

    def __init__(self, rows: list[list[Any]], widths: list[float], header_rows: int, h_align: str) -> None:
        self.rows = rows
        self.widths = widths
        self.header_rows = header_rows
        self.h_align = h_align
        self.spanning: list[Command] = []  # commands over more than one row (grid, fonts)
        self.by_row: dict[int, list[Command]] = {}  # one-row commands (header, stripes, cells)
        self.heights: list[float] | None = None
        self.after: list[float] = []

    def add(self, commands: Sequence[Command]) -> None:
        last = len(self.rows) - 1
        for command in commands:
            name, (c0, r0), (c1, r1), *rest = command
            r0, r1 = (r0 + last + 1 if r0 < 0 else r0), (r1 + last + 1 if r1 < 0 else r1)
            normal = (name, (c0, r0), (c1, r1), *rest)
            if r0 == r1:
                self.by_row.setdefault(r0, []).append(normal)
            else:
                self.spanning.append(normal)
        self.heights = None

    def measure(self) -> list[float]:
        """Every row's height, measured once by reportlab, in tables of MEASURED_TOGETHER rows
        (reportlab's measure looks for the next row to measure from the table's first)."""
        if self.heights is None:
            header = self.header_rows
            heights: list[float] = []
            for start in range(header, max(len(self.rows), header + 1), MEASURED_TOGETHER):
                table = self.table(start, min(start + MEASURED_TOGETHER, len(self.rows)), None)
                table.wrap(sum(self.widths), 1e9)
                heights += table._rowHeights[header:] if heights else table._rowHeights
            self.heights = heights
            # the height of the rows from each one to the end (a part's height, at once)
            self.after = list(accumulate(reversed(self.heights), initial=0.0))[::-1]
        return self.heights

    def table(self, start: int, end: int, heights: list[float] | None) -> Table:
        """A Table of the header rows and rows[start:end], styled as those rows are."""
        header = self.header_rows

        def local(row: int) -> int:
            return row if row < header else row - start + header

        commands: list[Command] = []
        for name, (c0, r0), (c1, r1), *rest in self.spanning:
            low, high = max(r0, start), min(r1, end - 1)  # the rows of this piece it covers
            if r0 < header and start == header and low <= high:  # the first piece: one range
                commands.append((name, (c0, r0), (c1, local(high)), *rest))
                continue
            # Later pieces, as reportlab's split styles them: the header's part and the rows'.
            if r0 < header:
                commands.append((name, (c0, r0), (c1, min(r1, header - 1)), *rest))
            if low <= high:
                commands.append((name, (c0, local(low)), (c1, local(high)), *rest))
        for row in [*range(header), *range(start, end)]:
            for name, (c0, _r0), (c1, _r1), *rest in self.by_row.get(row, ()):
                commands.append((name, (c0, local(row)), (c1, local(row)), *rest))
        table = Table(
            # lists of their own: reportlab replaces a measured cell by a tuple in its rows
            [list(row) for row in self.rows[:header] + self.rows[start:end]],
            colWidths=self.widths,
            rowHeights=heights,
            repeatRows=header,
            hAlign=self.h_align,
            longTableOptimize=0,
        )
        table.setStyle(TableStyle(commands))
        return table


class PagedTable(Flowable):
    """A table of many rows (`header_rows` of them repeated on every page) that a document
    lays out as reportlab lays out a Table, in work proportional to its rows."""

    def __init__(
        self,
        rows: list[list[Any]],
        widths: Sequence[float],
        *,
        header_rows: int,
        h_align: str,
        _layout: _Layout | None = None,
        _start: int | None = None,
    ) -> None:
        super().__init__()
        self._layout = _layout or _Layout(rows, list(widths), header_rows, h_align)
        self._start = header_rows if _start is None else _start
        self.hAlign = h_align

    def setStyle(self, style: TableStyle | Sequence[Command]) -> None:  # noqa: N802 - as Table's
        commands = style.getCommands() if isinstance(style, TableStyle) else style
        self._layout.add(commands)

    def _heights(self, start: int, end: int) -> list[float]:
        heights = self._layout.measure()
        return heights[: self._layout.header_rows] + heights[start:end]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        layout = self._layout
        heights = layout.measure()
        self.width = sum(layout.widths)
        self.height = sum(heights[: layout.header_rows]) + layout.after[self._start]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        layout = self._layout
        heights = layout.measure()
        end = len(layout.rows)
        # Where reportlab's Table would split (_getFirstPossibleSplitRowPosition): after the
        # last row that fits; never inside the header.
        used = 0.0
        fits = 0
        for height in chain(heights[: layout.header_rows], islice(heights, self._start, None)):
            if used + height > availHeight:
                break
            used += height
            fits += 1
        if fits <= layout.header_rows:
            return []
        stop = self._start + fits - layout.header_rows
        if stop >= end:
            return [self]
        page = layout.table(self._start, stop, self._heights(self._start, stop))
        rest = PagedTable(
            [], [], header_rows=layout.header_rows, h_align=layout.h_align, _layout=layout, _start=stop
        )
        return [page, rest]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        end = len(self._layout.rows)
        table = self._layout.table(self._start, end, self._heights(self._start, end))
        table.wrapOn(canvas, self.width, self.height)
        table.drawOn(canvas, x, y, _sW)
