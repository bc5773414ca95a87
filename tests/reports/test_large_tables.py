"""Large tables are drawn with work per string, word or line, never per character (issue 16:
is_arabic ran 1.45 million times, once per character of every cell, for one PDF)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from PIL import Image, ImageChops
from reportlab.platypus import Flowable, Table

import desktop.reports
from desktop.reports import document as document_module
from desktop.reports.document import DocumentBuilder
from desktop.reports.paged_table import PagedTable
from tests.reports.pdf_tools import needs_poppler, pdf_pages

REPORTS = str(Path(desktop.reports.__file__).parent)
WORDS = ["ניהול", "משותף", "שירותים", "אזוריים", "רשויות", "סמוכות", "الشركاء", "المنطقة"]


def _cell(row: int, column: int, stretch: int) -> str:
    # Every text its own (nothing served from a cache): Hebrew, Arabic, digits and a range;
    # `stretch` makes every word that many times longer, keeping the number of words.
    words = [word * stretch for word in WORDS]
    return f"{row}.{column} " + " ".join(words[:4]) + f" ({row}-{row + column}) " + " ".join(words[4:])


def _python_calls(stretch: int) -> tuple[int, int]:
    """(calls of desktop.reports' Python functions, characters) building a 40-row table."""
    rows = [[_cell(row, column, stretch) for column in range(3)] for row in range(40)]
    calls = 0

    def count(frame: FrameType, event: str, _argument: Any) -> None:
        nonlocal calls
        if event == "call" and frame.f_code.co_filename.startswith(REPORTS):
            calls += 1

    document = DocumentBuilder(f"טבלה {stretch}", "he")
    sys.setprofile(count)
    try:
        document.table(["א", "ב", "ג"], rows, col_widths=[1, 1, 2])
        document.build()
    finally:
        sys.setprofile(None)
    return calls, sum(len(text) for row in rows for text in row)


def test_a_large_table_calls_no_python_per_character() -> None:
    short_calls, short_characters = _python_calls(1)
    long_calls, long_characters = _python_calls(4)
    assert long_characters > 3 * short_characters
    # Python called once per character would grow with the characters (3 times or more);
    # per cell, word and drawn line it grows with the lines the longer words wrap into.
    assert long_calls < 2 * short_calls, (short_calls, long_calls)


def _rendered_pages(path: Path) -> list[Image.Image]:
    """Every page rendered at 40 dpi (pdftoppm), in order."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "40", "-gray", str(path), f"{folder}/page"], check=True)
        return [Image.open(page).copy() for page in sorted(Path(folder).glob("page*.pgm"))]


@needs_poppler
def test_a_long_table_is_laid_out_a_page_at_a_time_as_reportlab_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # reportlab splits a long Table at each page's foot into the rows that fit and a new
    # Table of all the rest: work growing with rows x pages. PagedTable makes a Table of one
    # page's rows at a time; the pages must read and look the same as reportlab's.
    header = ["שם", "מעמד", "אוכלוסייה"]
    rows = [[f"רשות{n}", " ".join(["עירייה"] * (1 + n % 9)), str(n * 100)] for n in range(1, 201)]
    pieces: list[Flowable] = []
    split = PagedTable.split

    def recording(self: PagedTable, width: float, height: float) -> list[Flowable]:
        parts = split(self, width, height)
        pieces.extend(parts[:1])
        return parts

    monkeypatch.setattr(PagedTable, "split", recording)

    def build(name: str) -> Path:
        document = DocumentBuilder("טבלה ארוכה", "he", invariant=True)
        document.table(header, rows, col_widths=[2, 3, 1], numeric_columns=(2,))
        out = tmp_path / name
        document.build(out)
        return out

    paged = build("paged.pdf")
    monkeypatch.setattr(document_module, "PAGED_ROWS", len(rows) + 1)  # reportlab's own Table
    plain = build("plain.pdf")

    # Several pieces, each a Table of one page's rows under the header row.
    assert len(pieces) >= 3 and all(isinstance(piece, Table) for piece in pieces)
    assert all(len(piece._cellvalues) < len(rows) // 2 for piece in pieces)
    pages = pdf_pages(paged)
    assert len(pages) == len(pieces) + 1  # the last page: the rows left after the last split
    assert all("אוכלוסייה" in page and "מעמד" in page for page in pages)  # header on every page
    assert pages == pdf_pages(plain)  # the same rows on each page, in the same order
    # Drawn the same: stripes, grid, header tint and text (where reportlab draws a grid line
    # twice, a few of its pixels may differ by a shade).
    for mine, reportlabs in zip(_rendered_pages(paged), _rendered_pages(plain), strict=True):
        difference = ImageChops.difference(mine, reportlabs)
        differing = sum(difference.histogram()[1:])
        assert differing < 0.002 * mine.width * mine.height, differing
