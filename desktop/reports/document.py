"""A reportlab document layer for Hebrew, Arabic and English that every report reuses.

Paragraphs are wrapped by reportlab in logical order; each wrapped line is reordered
for display only when it is drawn (BidiParagraph.drawPara), so a multi-line paragraph
keeps its line order. Lines are drawn in runs: Arabic letters (shaped beforehand, so
widths are measured on joined forms) in IBM Plex Sans Arabic, the rest in Rubik.
Tables are mirrored in right-to-left documents (first column on the right); headers
repeat on every page; the footer says "page X of Y".
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag

from desktop import __version__, i18n
from desktop.i18n import N_
from desktop.models.documents import Letterhead
from desktop.reports.bidi_text import script_runs, shape_arabic, to_visual, visual_lines
from desktop.reports.fonts import SOFT_BREAK, font_for, measure_font, register_fonts
from desktop.reports.measure import fitted, text_width
from desktop.reports.paged_table import PagedTable

PAGE_MARGIN = 18 * mm
HEADER_GAP = 6 * mm  # between the running header's title and the organisation's name
LOGO_HEIGHT = 8 * mm  # the organisation's logo in the running header
HEADING_ROOM = 35 * mm  # room a heading needs below it, or it moves to the next page
# Tables of more rows than this are laid out a page at a time (paged_table.py): reportlab's
# own split of a long Table does work that grows with its rows x pages.
PAGED_ROWS = 40
HEADER_COLOUR = colors.HexColor("#1f5f8b")
GRID_COLOUR = colors.HexColor("#b8c4ce")
STRIPE_COLOUR = colors.HexColor("#f1f5f8")
# Header rows: dark text on a light tint (white on dark blue is lost by photocopiers and OCR).
HEADER_FILL = colors.HexColor("#dbe6ef")


_LETTERHEAD: ContextVar[Letterhead | None] = ContextVar("letterhead", default=None)


@contextlib.contextmanager
def printed_with(letterhead: Letterhead) -> Iterator[None]:
    """Documents built inside carry this organisation's name and logo."""
    token = _LETTERHEAD.set(letterhead)
    try:
        yield
    finally:
        _LETTERHEAD.reset(token)


def first_strong_is_rtl(text: str, default: bool) -> bool:
    """The base direction of `text` from its first strong character (RLM and LRM count)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return default


def number_range(low: str, high: str) -> str:
    """The one way every document writes a range of numbers, times or dates: low-high, no
    spaces ("8:00-16:00", "3-6"), as Hebrew writers type it. bidi_text draws it left to right
    as one unit in any paragraph."""
    return f"{low}-{high}"


_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def text_date(text: str) -> str:
    """A date kept as text ("2027-06-30", or "2027-06" for a month) as every document shows
    dates: d.M.yyyy (a month: M.yyyy) in the document's language; other text is left as typed."""
    value = text.strip()
    try:
        return i18n.format_date(date.fromisoformat(value))
    except ValueError:
        pass
    month = _ISO_MONTH.match(value)
    if month and 1 <= int(month.group(2)) <= 12:
        separator = next((c for c in i18n.format_date(date(2000, 11, 22)) if not c.isdigit()), ".")
        return f"{int(month.group(2))}{separator}{month.group(1)}"
    return text


class BidiParagraph(Paragraph):
    """A paragraph of plain text drawn line by line in visual order, in the right fonts."""

    _wrapped_at: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # A table wraps every cell again each time it is split over a page (the rest of the
        # table is a new table of the same cells): the lines depend only on the width.
        # (split() drops blPara when the paragraph moves on whole: wrapped again then.)
        if avail_width == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        width, height = super().wrap(avail_width, avail_height)
        self._wrapped_at = avail_width if avail_width == width else None
        return width, height

    def _base_rtl(self, words_of: list[list[str]]) -> bool:
        rtl = bool(getattr(self.style, "rtl", False))
        if getattr(self.style, "auto_direction", False):
            rtl = first_strong_is_rtl(" ".join([" ".join(words) for words in words_of]), rtl)
        return rtl

    def _words_of_lines(self) -> list[list[str]]:
        lines = self.blPara.lines
        # A line is (width, words) for a plain paragraph, or a FragLine whose fragments ("R",
        # "&", "D": reportlab splits the text at entities) carry their own spaces.
        return [
            line[1] if isinstance(line, tuple) else ["".join(w.text for w in line.words)] for line in lines
        ]

    def drawn_lines(self) -> list[str]:
        """The wrapped lines (after wrap()) in drawing order, left to right."""
        words_of = self._words_of_lines()
        logical_lines = [
            " ".join(words).replace(SOFT_BREAK + " ", "").replace(SOFT_BREAK, "") for words in words_of
        ]
        return visual_lines(logical_lines, self._base_rtl(words_of))

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
        # As Flowable.drawOn, without moving the canvas's origin to the paragraph and back
        # (a table draws thousands of cells): the lines are drawn at x, y from here.
        self._draw_lines(canvas, self._hAlignAdjust(x, _sW), y)

    def drawPara(self, debug: int = 0) -> None:
        self._draw_lines(self.canv, 0.0, 0.0)

    def _runs(self) -> list[tuple[float, float, str, str]]:
        """(x, y, font, text) of each run of one script, from the paragraph's bottom left, in
        drawing order; kept while the wrapped lines are (a header row or a list's marker is
        drawn again and again)."""
        blocks = self.blPara
        kept = self.__dict__.get("_placed")
        if kept is not None and kept[0] is blocks and kept[1] == self.width:
            return kept[2]
        style = self.style
        bold = style.fontName.endswith("-Bold")
        size = style.fontSize
        placed: list[tuple[float, float, str, str]] = []
        y = self.height - getattr(blocks, "ascent", size)
        available = self.width - style.leftIndent - style.rightIndent
        for number, visual in enumerate(self.drawn_lines()):
            runs = [(font_for(arabic, bold), part) for arabic, part in script_runs(visual)]
            widths = [stringWidth(part, font, size) for font, part in runs]  # measured once
            width = sum(widths)
            indent = style.firstLineIndent if number == 0 else 0
            if style.alignment == TA_RIGHT:
                x = style.leftIndent + available - indent - width
            elif style.alignment == TA_CENTER:
                x = style.leftIndent + (available - width) / 2
            else:
                x = style.leftIndent + indent
            for (font, part), advance in zip(runs, widths, strict=True):
                placed.append((x, y, font, part))
                x += advance
            y -= style.leading
        self._placed = (blocks, self.width, placed)
        return placed

    def _draw_lines(self, canvas: Canvas, left: float, bottom: float) -> None:
        """The wrapped lines in visual order, each run of one script in its font, all in one
        text object."""
        style = self.style
        size = style.fontSize
        placed = [(left + x, bottom + y, font, part) for x, y, font, part in self._runs()]
        if not placed:
            return
        # Most cells are in the colour the table has just set: no colour change to undo then.
        recolour = canvas._fillColorObj != style.textColor
        if recolour:
            canvas.saveState()
            canvas.setFillColor(style.textColor)
        text = canvas.beginText(placed[0][0], placed[0][1])
        current = ""
        for number, (x, y, font, part) in enumerate(placed):
            if font != current:
                text.setFont(font, size)
                current = font
            if number:
                text.setTextOrigin(x, y)
            text._textOut(part)  # as drawString does, without a text object per run
        canvas.drawText(text)
        if recolour:
            canvas.restoreState()


@dataclass
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    cell: ParagraphStyle
    cell_number: ParagraphStyle
    header_cell: ParagraphStyle
    notice: ParagraphStyle
    caption: ParagraphStyle


def _style(
    name: str,
    rtl: bool,
    size: float,
    *,
    bold: bool = False,
    colour: Any = colors.black,
    align: int | None = None,
    space_after: float = 4,
    space_before: float = 0,
    auto_direction: bool = False,
    base_rtl: bool | None = None,
) -> ParagraphStyle:
    """A paragraph style aligned for `rtl`; `base_rtl` (default `rtl`) is the bidi base
    direction, found from the text itself with `auto_direction` (data such as names)."""
    style = ParagraphStyle(
        name,
        fontName=measure_font(bold),
        fontSize=size,
        leading=size * 1.45,
        alignment=(TA_RIGHT if rtl else TA_LEFT) if align is None else align,
        textColor=colour,
        spaceAfter=space_after,
        spaceBefore=space_before,
        splitLongWords=0,
    )
    style.rtl = rtl if base_rtl is None else base_rtl
    style.auto_direction = auto_direction
    return style


def make_styles(language: str) -> Styles:
    rtl = i18n.is_rtl(language)
    return Styles(
        body=_style("body", rtl, 10.5),
        small=_style("small", rtl, 8.5, colour=colors.HexColor("#555555")),
        title=_style("title", rtl, 20, bold=True, colour=HEADER_COLOUR, space_after=6),
        heading1=_style("h1", rtl, 14, bold=True, colour=HEADER_COLOUR, space_before=10, space_after=5),
        heading2=_style("h2", rtl, 12, bold=True, space_before=6, space_after=3),
        caption=_style("caption", rtl, 9, colour=colors.HexColor("#444444"), align=TA_CENTER, space_after=6),
        # Data cells take their direction from their text: a Hebrew name in an English
        # table, or "C++" in a Hebrew one, each read in their own direction.
        cell=_style("cell", rtl, 9.5, space_after=0, auto_direction=True),
        # Figures are left to right ("-3%", "+12.5%") unless marked right to left, as
        # format_shekels does in Hebrew ("1,200 ₪").
        cell_number=_style(
            "cell_number", rtl, 9.5, space_after=0, align=TA_CENTER, auto_direction=True, base_rtl=False
        ),
        header_cell=_style("header_cell", rtl, 10, bold=True, colour=HEADER_COLOUR, space_after=0),
        notice=_style("notice", rtl, 10, bold=True, colour=colors.HexColor("#8a5a00")),
    )


CELL_PADDING = 6  # reportlab's default left and right padding in a table cell
# After a hyphen or slash inside a word, but never inside a range or a date of numbers
# ("2026-2027", "1.9.2026-31.7.2027", "8:00-16:00"): a range is one unit.
_BREAK_AFTER = re.compile(r"(?<=[^\s][-/])(?=[^\s\d])|(?<=[^\s\d][-/])(?=\d)")


def breakable(text: str, style: ParagraphStyle, width: float) -> str:
    """Lets words too wide for `width` ("socio-economic") wrap after their hyphens or slashes.

    reportlab breaks lines only at spaces and would let such a word overflow its cell.
    """
    if _BREAK_AFTER.search(text) is None:  # most cells: no hyphen or slash inside a word
        return text
    words = text.split(" ")
    for index, word in enumerate(words):
        if _BREAK_AFTER.search(word) and stringWidth(word, style.fontName, style.fontSize) > width:
            words[index] = _BREAK_AFTER.sub(SOFT_BREAK + " ", word)
    return " ".join(words)


def _widest_word(text: str, style: ParagraphStyle) -> float:
    """The width of the longest piece of `text` that cannot wrap (hyphens may wrap)."""
    pieces = _BREAK_AFTER.sub("\n", shape_arabic(text)).split()
    return max([stringWidth(piece, style.fontName, style.fontSize) for piece in pieces], default=0.0)


def _fit_widths(widths: list[float], header: list[float], rows: list[list[float]]) -> list[float]:
    """Widens columns whose longest word would overflow, taking the room from the others."""
    needed = [
        2 * CELL_PADDING + 1 + max([header[index]] + [row[index] for row in rows if index < len(row)])
        for index in range(len(widths))
    ]
    deficit = sum(max(0.0, need - width) for need, width in zip(needed, widths, strict=True))
    slack = sum(max(0.0, width - need) for need, width in zip(needed, widths, strict=True))
    if deficit <= 0 or slack <= 0:
        return widths
    share = min(1.0, deficit / slack)
    return [
        need if width < need else width - (width - need) * share
        for need, width in zip(needed, widths, strict=True)
    ]


def text_paragraph(text: str, style: ParagraphStyle, width: float | None = None) -> BidiParagraph:
    """Plain text (not markup) as a paragraph; Arabic is shaped before wrapping.

    With `width`, over-long hyphenated words may wrap after a hyphen.
    """
    shaped = shape_arabic(text)
    if width is not None:
        shaped = breakable(shaped, style, width)
    return _plain_paragraph(shaped, style)


# Per paragraph style: (the style's font, size and colour, the fragment reportlab's markup
# parser made of plain text in that style).
_PLAIN_FRAGMENTS: weakref.WeakKeyDictionary[ParagraphStyle, tuple[tuple[Any, ...], ParaFrag]] = (
    weakref.WeakKeyDictionary()
)
_MARKUP = re.compile("[&<>]")


def _plain_paragraph(text: str, style: ParagraphStyle) -> BidiParagraph:
    """The paragraph reportlab makes of `text` (plain text), without running its markup parser
    on every table cell: text without markup characters parses to one fragment that differs
    from the style's first one only in its text."""
    cleaned = cleanBlockQuotedText(text)
    if not cleaned or _MARKUP.search(cleaned):
        return BidiParagraph(escape(text), style)
    signature = (style.fontName, style.fontSize, style.textColor)
    known = _PLAIN_FRAGMENTS.get(style)
    if known is None or known[0] != signature:
        paragraph = BidiParagraph(cleaned, style)
        if len(paragraph.frags) == 1 and paragraph.frags[0].text == cleaned:
            _PLAIN_FRAGMENTS[style] = (signature, paragraph.frags[0].clone())
        return paragraph
    fragment = known[1].clone(text=cleaned, link=[], us_lines=[])
    return BidiParagraph(cleaned, style, frags=[fragment])


class _NumberedCanvas(Canvas):
    """Draws the header and "page X of Y" once the number of pages is known."""

    title = ""
    language = "he"
    font_size = 8.5
    watermark = ""  # e.g. "draft", drawn large and faint across every page
    organisation = ""  # the organisation's name, at the end of the running header
    logo: ImageReader | None = None  # its logo, beside its name
    printed = ""  # "Printed on 1.12.2026 · Shutafut 0.1.0", at the start of the footer

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        heading = self._heading()  # (the same on every page: fitted once)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_frame(total, heading)
            super().showPage()
        super().save()

    def _runs(self, text: str) -> list[tuple[str, str]]:
        """`text` as drawn on a line of the header or footer: (font, part) in visual order."""
        rtl = i18n.is_rtl(self.language)
        return [
            (font_for(arabic, False), part)
            for arabic, part in script_runs(to_visual(shape_arabic(text), rtl))
        ]

    def _width(self, text: str) -> float:
        return text_width(text, self.font_size)

    def _logo_width(self) -> float:
        if self.logo is None:
            return 0.0
        width, high = self.logo.getSize()
        return LOGO_HEIGHT * width / max(high, 1)

    def _logo_room(self) -> float:
        """What the logo keeps free at its side of the header's line (0 without a logo)."""
        logo = self._logo_width()
        return logo + 2 * mm if logo else 0.0

    def _heading(self) -> tuple[str, str]:
        """The title and the organisation's name as the header's line shows them."""
        title_room, organisation_room = self._header_rooms(self._logo_room())
        size = self.font_size
        organisation = fitted(self.organisation, organisation_room, size) if self.organisation else ""
        return fitted(self.title, title_room, size), organisation

    def _header_rooms(self, logo: float) -> tuple[float, float]:
        """The widths the title and the organisation's name may take on the header's line
        beside the logo (`logo` wide): each its own when both fit; otherwise the shorter one
        whole when it takes at most half, the other the rest (cut short with "…")."""
        line = self._pagesize[0] - 2 * PAGE_MARGIN - logo
        if not self.organisation:
            return line, 0.0
        line -= HEADER_GAP
        title, organisation = self._width(self.title), self._width(self.organisation)
        if title + organisation <= line:
            return title, organisation
        if title <= line / 2:
            return title, line - title
        if organisation <= line / 2:
            return line - organisation, organisation
        return line / 2, line / 2

    def _draw_line(self, text: str, y: float, *, at_start: bool, room: float = 0.0) -> None:
        """One line of the header or footer at the start or end side; `room` keeps that much
        space free at the side's edge (for the logo)."""
        rtl = i18n.is_rtl(self.language)
        runs = self._runs(text)
        width = sum(stringWidth(part, font, self.font_size) for font, part in runs)
        page_width = self._pagesize[0]
        right_aligned = rtl == at_start
        x = page_width - PAGE_MARGIN - room - width if right_aligned else PAGE_MARGIN + room
        for font, part in runs:
            self.setFont(font, self.font_size)
            self.drawString(x, y, part)
            x += stringWidth(part, font, self.font_size)

    def _draw_watermark(self) -> None:
        runs = [
            (font_for(arabic, True), part)
            for arabic, part in script_runs(
                to_visual(shape_arabic(self.watermark), i18n.is_rtl(self.language))
            )
        ]
        size = 96
        width = sum(stringWidth(part, font, size) for font, part in runs)
        self.saveState()
        # Drawn last (copy-paste and search meet the page's text first) but multiplied into
        # the page: the text over it stays as dark as it is, so the watermark is behind it.
        self.setBlendMode("Multiply")
        self.setFillColor(colors.Color(0.88, 0.88, 0.88))
        self.translate(self._pagesize[0] / 2, self._pagesize[1] / 2)
        self.rotate(40)
        x = -width / 2
        for font, part in runs:
            self.setFont(font, size)
            self.drawString(x, -size / 3, part)
            x += stringWidth(part, font, size)
        self.restoreState()

    def _draw_frame(self, total: int, heading: tuple[str, str]) -> None:
        if self.watermark:
            self._draw_watermark()
        self.saveState()
        self.setFillColor(colors.HexColor("#555555"))
        self.setStrokeColor(GRID_COLOUR)
        height = self._pagesize[1]
        header = height - PAGE_MARGIN + 6 * mm
        if self.logo is not None:
            logo_width = self._logo_width()
            rtl = i18n.is_rtl(self.language)
            x = PAGE_MARGIN if rtl else self._pagesize[0] - PAGE_MARGIN - logo_width
            self.drawImage(self.logo, x, header - 2, logo_width, LOGO_HEIGHT, mask="auto")
        title, organisation = heading
        if organisation:
            self._draw_line(organisation, header, at_start=False, room=self._logo_room())
        self._draw_line(title, header, at_start=True)
        self.line(
            PAGE_MARGIN,
            height - PAGE_MARGIN + 4 * mm,
            self._pagesize[0] - PAGE_MARGIN,
            height - PAGE_MARGIN + 4 * mm,
        )
        footer = i18n.translate_in(self.language, N_("Page {page} of {pages}")).format(
            page=self._pageNumber, pages=total
        )
        self._draw_line(footer, PAGE_MARGIN - 9 * mm, at_start=False)
        if self.printed:
            self._draw_line(self.printed, PAGE_MARGIN - 9 * mm, at_start=True)
        self.restoreState()


class DocumentBuilder:
    """Collects headings, paragraphs, lists and tables, then builds a PDF."""

    def __init__(
        self,
        title: str,
        language: str,
        *,
        author: str = "",
        subject: str = "",
        watermark: str = "",
        invariant: bool = False,
    ) -> None:
        """`invariant` makes the bytes reproducible (fixed dates and document id).

        The organisation's name and logo come from `printed_with` (set by the registry)."""
        register_fonts()
        self.letterhead = _LETTERHEAD.get() or Letterhead()
        self.invariant = invariant
        self.watermark = watermark
        self.title = title
        self.language = language
        self.rtl = i18n.is_rtl(language)
        self.author = author
        self.subject = subject
        self.styles = make_styles(language)
        self.story: list[Flowable] = []
        self.width = A4[0] - 2 * PAGE_MARGIN

    def heading(self, text: str, level: int = 1) -> None:
        """A title (level 0) or section heading; a section never starts at a page's foot."""
        style = {0: self.styles.title, 1: self.styles.heading1}.get(level, self.styles.heading2)
        if level >= 1:
            previous = self.story[-2:]
            if (
                len(previous) == 2
                and isinstance(previous[0], CondPageBreak)
                and isinstance(previous[1], BidiParagraph)
                and previous[1].style in (self.styles.heading1, self.styles.heading2)
            ):
                # A heading right under another: the room asked before the first one now
                # holds both, so the first never stays alone at the foot of a page.
                previous[0].height += style.leading + style.spaceBefore + style.spaceAfter
            else:
                self.story.append(CondPageBreak(HEADING_ROOM))
        self.story.append(text_paragraph(text, style))

    def paragraph(self, text: str, style: ParagraphStyle | None = None) -> None:
        self.story.append(text_paragraph(text, style or self.styles.body))

    def notice(self, text: str) -> None:
        self.story.append(text_paragraph(text, self.styles.notice))

    def spacer(self, height: float = 4 * mm) -> None:
        self.story.append(Spacer(1, height))

    def page_break(self) -> None:
        self.story.append(PageBreak())

    def _list(self, items: Sequence[str], markers: Sequence[str], marker_width: float = 8 * mm) -> None:
        """Items with a hanging indent: each marker in a column of its own."""
        # One paragraph per distinct marker ("•" thousands of times): made, wrapped and laid
        # out once, drawn in every row.
        marker_paragraphs = {marker: text_paragraph(marker, self.styles.body) for marker in set(markers)}
        rows = [
            [marker_paragraphs[marker], text_paragraph(item, self.styles.body)]
            for marker, item in zip(markers, items, strict=True)
        ]
        table = self._table(rows, [marker_width, self.width - marker_width], header=False, grid=False)
        table.setStyle(
            TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)])
        )
        self.story.append(table)

    def clauses(self, numbered: Sequence[tuple[str, str]]) -> None:
        """Numbered clauses ("4.2", text) with a hanging indent, as in a contract."""
        self._list([text for _number, text in numbered], [number for number, _text in numbered], 12 * mm)

    def bullets(self, items: Sequence[str]) -> None:
        self._list(items, ["•"] * len(items))

    def numbered(self, items: Sequence[str]) -> None:
        self._list(items, [f"{number}." for number in range(1, len(items) + 1)])

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        col_widths: Sequence[float] | None = None,
        numeric_columns: Sequence[int] = (),
        backgrounds: Mapping[tuple[int, int], Any] | None = None,
    ) -> None:
        """A table whose first column is on the right in RTL; header repeated on every page.

        `backgrounds`: a colour for some cells, by (row, column) in logical order, the header
        being row 0."""
        widths = list(col_widths) if col_widths else [self.width / len(header)] * len(header)
        scale = self.width / sum(widths)
        widths = [w * scale for w in widths]
        widths = _fit_widths(
            widths,
            [_widest_word(text, self.styles.header_cell) for text in header],
            [
                [
                    _widest_word(
                        str(text), self.styles.cell_number if index in numeric_columns else self.styles.cell
                    )
                    for index, text in enumerate(row)
                ]
                for row in rows
            ],
        )
        inner = [width - 2 * CELL_PADDING for width in widths]
        cells = [
            [text_paragraph(text, self.styles.header_cell, inner[index]) for index, text in enumerate(header)]
        ]
        for row in rows:
            cells.append(
                [
                    text_paragraph(
                        str(text),
                        self.styles.cell_number if index in numeric_columns else self.styles.cell,
                        inner[index],
                    )
                    for index, text in enumerate(row)
                ]
            )
        table = self._table(cells, widths, header=True, grid=True)
        if backgrounds:
            last = len(header) - 1
            table.setStyle(
                TableStyle(
                    [
                        (
                            "BACKGROUND",
                            (last - column if self.rtl else column, row),
                            (last - column if self.rtl else column, row),
                            colour,
                        )
                        for (row, column), colour in backgrounds.items()
                    ]
                )
            )
        self.story.append(table)

    def _table(
        self, cells: list[list[Any]], widths: list[float], *, header: bool, grid: bool
    ) -> Table | PagedTable:
        if self.rtl:
            cells = [list(reversed(row)) for row in cells]
            widths = list(reversed(widths))
        commands: list[tuple[Any, ...]] = [
            # Cells hold paragraphs, but reportlab still selects the cell font (Helvetica by
            # default, which would then be listed in the PDF without being embedded).
            ("FONT", (0, 0), (-1, -1), font_for(False, False), 9.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if grid:
            commands += [("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR)]
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]
            commands += [
                ("BACKGROUND", (0, row), (-1, row), STRIPE_COLOUR) for row in range(2, len(cells), 2)
            ]
        align = "RIGHT" if self.rtl else "LEFT"
        table: Table | PagedTable
        if len(cells) > PAGED_ROWS:
            table = PagedTable(cells, widths, header_rows=1 if header else 0, h_align=align)
        else:
            table = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign=align)
        table.setStyle(TableStyle(commands))
        return table

    def signature_block(self, name: str, role: str, signature: str, date_label: str, signed_on: str) -> None:
        """Who signs (name, or a line to write it on; role), a line to sign on and a line for
        the date (filled when signed), kept on one page."""
        body = self.styles.body
        line_rows: list[list[Any]] = [
            ["", "", text_paragraph(signed_on, body) if signed_on else ""],
            [text_paragraph(signature, self.styles.small), "", text_paragraph(date_label, self.styles.small)],
        ]
        widths = [self.width * 0.55, self.width * 0.1, self.width * 0.35]
        if self.rtl:
            line_rows = [list(reversed(row)) for row in line_rows]
            widths.reverse()
        sign, when = (2, 0) if self.rtl else (0, 2)
        rows: list[list[Any]] = [
            [text_paragraph(name, self.styles.heading2) if name else "", "", ""],
            [text_paragraph(role, body), "", ""],
            *line_rows,
        ]
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), font_for(False, False), 9.5),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("SPAN", (0, 0), (-1, 0)),
            ("SPAN", (0, 1), (-1, 1)),
            ("TOPPADDING", (0, 2), (-1, 2), 28),
            ("LINEBELOW", (sign, 2), (sign, 2), 0.8, colors.black),
            ("LINEBELOW", (when, 2), (when, 2), 0.8, colors.black),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
        if not name:  # a line to write the name on
            commands += [
                ("TOPPADDING", (0, 0), (-1, 0), 20),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, GRID_COLOUR),
            ]
        table = Table(rows, colWidths=widths, hAlign="RIGHT" if self.rtl else "LEFT")
        table.setStyle(TableStyle(commands))
        self.story.append(KeepTogether([table, Spacer(1, 8 * mm)]))

    def chart(self, drawing: Flowable, caption: str, *, with_previous: bool = False) -> None:
        """A chart with its caption under it, on one page (`with_previous`: on the page of the
        flowable before it too, a table the chart draws)."""
        self.story.append(drawing)
        self.story.append(text_paragraph(caption, self.styles.caption))
        self.keep_together(3 if with_previous else 2)

    def keep_together(self, count: int) -> None:
        """Keep the last `count` flowables on one page (a heading with its first lines)."""
        tail = self.story[-count:]
        del self.story[-count:]
        self.story.append(KeepTogether(tail))

    def build(self, out: Path | None = None) -> bytes:
        buffer = io.BytesIO()
        document = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=PAGE_MARGIN,
            rightMargin=PAGE_MARGIN,
            topMargin=PAGE_MARGIN,
            bottomMargin=PAGE_MARGIN,
            title=self.title.replace("\u2068", "").replace("\u2069", ""),
            author=self.letterhead.organisation or self.author,
            subject=self.subject,
            creator="Shutafut",
            lang=self.language,
            direction="R2L" if self.rtl else "L2R",
            displayDocTitle=True,
            initialFontName="Rubik",
            invariant=1 if self.invariant else 0,
        )
        # The text is set from margin to margin, as wide as the tables and charts (self.width)
        # and the line under the page's heading: reportlab's default frame would set it 6 pt
        # inside the margins on each side, and the tables would hang out past them.
        column = Frame(
            PAGE_MARGIN, PAGE_MARGIN, self.width, document.height, leftPadding=0, rightPadding=0, id="normal"
        )
        document.addPageTemplates([PageTemplate(id="page", frames=[column], pagesize=A4)])
        title, language = self.title, self.language

        class PageCanvas(_NumberedCanvas):
            pass

        PageCanvas.title = title
        PageCanvas.language = language
        PageCanvas.watermark = self.watermark
        PageCanvas.organisation = shape_arabic(self.letterhead.organisation)
        PageCanvas.logo = _logo(self.letterhead.logo)
        PageCanvas.printed = i18n.translate_in(language, N_("Printed on {date} · Shutafut {version}")).format(
            date=i18n.format_date(date(2000, 1, 1) if self.invariant else date.today(), language),
            version=__version__,
        )

        with _binary_streams():
            document.build(list(self.story), canvasmaker=PageCanvas)
        data = buffer.getvalue()
        if out is not None:
            out.write_bytes(data)
        return data


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """The PDF's compressed streams written as bytes: reportlab's default also spells each in
    ASCII (base 85), a quarter larger and, in Python without rl_accel, a tenth of the time of
    a long document."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _logo(image: bytes) -> ImageReader | None:
    """The organisation's logo ready to draw; None when there is none or it cannot be read."""
    if not image:
        return None
    try:
        reader = ImageReader(io.BytesIO(image))
        reader.getSize()
    except Exception:  # noqa: BLE001 - any unreadable image: the document prints without it
        return None
    return reader
