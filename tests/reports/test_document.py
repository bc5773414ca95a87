"""The document layer read back from the PDF: line order, tables, pages, metadata, fonts."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.reports.document import DocumentBuilder
from tests.reports.pdf_tools import (
    drawn_lines,
    embedded_fonts,
    inked_fraction,
    needs_poppler,
    pdf_info,
    pdf_pages,
    word_boxes,
)

pytestmark = needs_poppler


def test_a_long_hebrew_paragraph_keeps_its_line_order(tmp_path: Path) -> None:
    words = [f"מילה{number}" for number in range(1, 121)]
    document = DocumentBuilder("בדיקה", "he")
    document.paragraph(" ".join(words))
    out = tmp_path / "paragraph.pdf"
    document.build(out)
    lines = [line for line in drawn_lines(out) if "הלימ" in line]
    assert len(lines) > 3
    # Read each drawn line right to left, and the lines top to bottom.
    numbers = [int(re.sub(r"\D", "", word)) for line in lines for word in reversed(line.split())]
    assert numbers == list(range(1, 121))


def test_mixed_hebrew_sentence_is_drawn_in_reading_order(tmp_path: Path) -> None:
    document = DocumentBuilder("בדיקה", "he")
    document.paragraph('התקציב של Microsoft לשנת 2026 הוא ₪1,200 (כולל 17% מע"מ) מ-15.3.2026')
    out = tmp_path / "mixed.pdf"
    document.build(out)
    # Drawn left to right; a Hebrew reader reads it from the right.
    assert '15.3.2026-מ (מ"עמ 17% ללוכ) ₪1,200 אוה 2026 תנשל Microsoft לש ביצקתה' in \
        drawn_lines(out)


def test_rtl_text_is_right_aligned(tmp_path: Path) -> None:
    document = DocumentBuilder("בדיקה", "he")
    document.paragraph("קצר")
    out = tmp_path / "align.pdf"
    document.build(out)
    x = next(x for word, x, _y, _page in word_boxes(out) if word == "רצק")
    assert x > 400  # A4 is 595 points wide: the word sits at the right margin


def test_table_first_column_is_on_the_right_and_headers_repeat(tmp_path: Path) -> None:
    document = DocumentBuilder("טבלה ארוכה", "he")
    rows = [[f"רשות{number}", "עירייה", str(number * 100)] for number in range(1, 90)]
    document.table(["שם", "מעמד", "אוכלוסייה"], rows, numeric_columns=(2,))
    out = tmp_path / "table.pdf"
    document.build(out)
    boxes = word_boxes(out)
    name_x = next(x for word, x, _y, page in boxes if word == "םש" and page == 1)
    status_x = next(x for word, x, _y, page in boxes if word == "דמעמ" and page == 1)
    assert name_x > status_x
    pages = pdf_pages(out)
    assert len(pages) >= 2
    assert all("אוכלוסייה" in page for page in pages)  # header row on every page
    assert "89רשות" not in pages[0] and "89רשות" in pages[-1]


def test_every_page_says_page_x_of_y(tmp_path: Path) -> None:
    document = DocumentBuilder("עמודים", "en")
    for number in range(60):
        document.paragraph(f"Paragraph {number} " + "text " * 40)
    out = tmp_path / "pages.pdf"
    document.build(out)
    pages = pdf_pages(out)
    total = len(pages)
    assert total >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page


def test_metadata_language_and_embedded_fonts(tmp_path: Path) -> None:
    document = DocumentBuilder("סיכום סביבת העבודה", "he", author="שותפות")
    document.heading("כותרת")
    document.paragraph("טקסט")
    out = tmp_path / "meta.pdf"
    data = document.build(out)
    info = pdf_info(out)
    assert info["Title"] == "סיכום סביבת העבודה"
    assert info["Author"] == "שותפות"
    assert b"/Lang (he)" in data
    fonts = embedded_fonts(out)
    assert fonts.get("Rubik-Regular") and fonts.get("Rubik-Bold")
    assert all(fonts.values())


def test_arabic_document_uses_the_arabic_font_and_draws(tmp_path: Path) -> None:
    document = DocumentBuilder("ملخص", "ar")
    document.paragraph("السلطات المحلية في النقب الغربي: 9 سلطات")
    out = tmp_path / "arabic.pdf"
    data = document.build(out)
    assert b"/Lang (ar)" in data
    assert embedded_fonts(out).get("IBMPlexSansArabic-Regular")
    assert inked_fraction(out) > 0.001


def test_pages_render_with_ink(tmp_path: Path) -> None:
    document = DocumentBuilder("בדיקה", "he")
    document.heading("כותרת ראשית", 0)
    document.bullets(["פריט ראשון", "פריט שני"])
    document.numbered(["שלב ראשון", "שלב שני"])
    out = tmp_path / "ink.pdf"
    document.build(out)
    assert inked_fraction(out) > 0.002
