"""The document layer read back from the PDF: line order, tables, pages, metadata, fonts."""

from __future__ import annotations

import re
import unicodedata
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
    assert '15.3.2026-מ (מ"עמ 17% ללוכ) ₪1,200 אוה 2026 תנשל Microsoft לש ביצקתה' in drawn_lines(out)


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


# Read back with `pdftotext -layout`: Poppler returns each drawn line in logical order.
def _layout_lines(path: Path) -> list[str]:
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    marks = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
    lines = [
        " ".join(unicodedata.normalize("NFKC", line).translate(marks).split()) for line in text.splitlines()
    ]
    return [line for line in lines if line]


def _drawn_lines_loose(path: Path, tolerance: float = 4) -> list[str]:
    """Drawn lines, left to right, joining words whose tops differ by a few points (the
    Arabic and Latin fonts have different ascents)."""
    rows: list[tuple[int, float, list[tuple[float, str]]]] = []
    for word, x, y, page in sorted(word_boxes(path), key=lambda box: (box[3], box[2])):
        if rows and rows[-1][0] == page and abs(rows[-1][1] - y) <= tolerance:
            rows[-1][2].append((x, word))
        else:
            rows.append((page, y, [(x, word)]))
    return [" ".join(word for _x, word in sorted(words)) for _page, _y, words in rows]


def test_layout_text_reads_a_multi_line_paragraph_in_order(tmp_path: Path) -> None:
    document = DocumentBuilder("בדיקה", "he")
    document.paragraph(" ".join(f"מילה{number}" for number in range(1, 81)))
    out = tmp_path / "layout.pdf"
    document.build(out)
    lines = [line for line in _layout_lines(out) if "מילה" in line]
    assert len(lines) >= 3
    per_line = [[int(n) for n in re.findall(r"\d+", line)] for line in lines]
    # Within a line the words are in order, and line 1 comes before line 2.
    assert [n for numbers in per_line for n in numbers] == list(range(1, 81))
    assert all(numbers == sorted(numbers) for numbers in per_line)


def test_arabic_is_shaped_and_extracts_in_logical_order(tmp_path: Path) -> None:
    document = DocumentBuilder("ملخص", "ar")
    document.paragraph("السلطات المحلية في النقب الغربي")
    document.paragraph("السلطات المحلية في النقب: 9 سلطات")
    document.paragraph("السلطات المحلية (٣) في النقب")
    out = tmp_path / "arabic-text.pdf"
    data = document.build(out)
    assert "السلطات المحلية في النقب الغربي" in _layout_lines(out)
    # Poppler's own reordering mangles a bracketed number, so check the drawn order:
    # left to right, the words reversed, the brackets facing the number.
    drawn = [unicodedata.normalize("NFKC", line) for line in _drawn_lines_loose(out)]
    assert "بقنلا يف (٣) ةيلحملا تاطلسلا" in drawn
    assert "تاطلس 9 :بقنلا يف ةيلحملا تاطلسلا" in drawn
    # Drawn with presentation forms (joined letters), which only Plex Arabic has.
    assert "السلطات" not in data.decode("latin-1")
    fonts = embedded_fonts(out)
    assert fonts.get("IBMPlexSansArabic-Regular") and "Helvetica" not in fonts


def test_numbers_and_foreign_names_in_cells_read_in_their_own_direction(tmp_path: Path) -> None:
    document = DocumentBuilder("Table", "en")
    document.table(["Name", "Change"], [["ירוחם 12", "-3%"], ["C++ team", "+12.5%"]], numeric_columns=(1,))
    hebrew = DocumentBuilder("טבלה", "he")
    hebrew.table(["שם", "שינוי"], [["C++ team", "-3%"], ["תקציב", "₪1,200"]], numeric_columns=(1,))
    out, out_he = tmp_path / "cells.pdf", tmp_path / "cells-he.pdf"
    document.build(out)
    hebrew.build(out_he)
    lines = drawn_lines(out) + drawn_lines(out_he)
    assert "12 םחורי -3%" in lines  # the Hebrew name reads from the right: ירוחם 12
    assert "-3% C++ team" in lines  # not "3%-" or "++C"


def test_long_hyphenated_words_wrap_inside_narrow_columns(tmp_path: Path) -> None:
    document = DocumentBuilder("טבלה", "he")
    document.table(
        ["שם", "אשכול חברתי-כלכלי-סביבתי-אזורי"], [["א", "1"]], col_widths=[90, 10], numeric_columns=(1,)
    )
    out = tmp_path / "narrow.pdf"
    document.build(out)
    boxes = word_boxes(out)
    ys = {round(y) for word, _x, y, _page in boxes if "-" in word or "אזורי" in word}
    assert len(ys) >= 2  # the header cell took more than one line
    assert all(x >= 18 * 2.83 - 1 for _word, x, _y, _page in boxes)  # nothing left of the margin


def test_sections_do_not_start_at_the_foot_of_a_page(tmp_path: Path) -> None:
    document = DocumentBuilder("בדיקה", "he")
    for number in range(36):  # 38 such lines fill a page: the heading would fit under them
        document.paragraph(f"שורה {number}")
    document.heading("כותרת בתחתית")
    document.paragraph("גוף הסעיף")
    out = tmp_path / "heading.pdf"
    document.build(out)
    pages = pdf_pages(out)
    assert len(pages) == 2 and "שורה 35" in _layout_lines(out)
    assert "בתחתית" not in pages[0] and "בתחתית" in pages[1]


def test_invariant_builds_are_identical(tmp_path: Path) -> None:
    def build() -> bytes:
        document = DocumentBuilder("בדיקה", "he", invariant=True)
        document.heading("כותרת")
        document.table(["א", "ב"], [["1", "2"]])
        return document.build()

    assert build() == build()


def test_subject_and_page_render_as_png(tmp_path: Path) -> None:
    import subprocess

    document = DocumentBuilder("בדיקה", "he", author="שותפות", subject="נושא")
    document.paragraph("טקסט לבדיקה")
    out = tmp_path / "png.pdf"
    document.build(out)
    assert pdf_info(out)["Subject"] == "נושא"
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(out), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow is optional
        assert png.stat().st_size > 1000
        return
    with Image.open(png) as image:
        grey = image.convert("L")
        assert any(value < 128 for value in grey.tobytes())


def test_a_range_of_numbers_never_wraps_inside_itself_while_a_long_hyphenated_word_may() -> None:
    from desktop.reports.document import breakable, make_styles
    from desktop.reports.fonts import register_fonts

    register_fonts()
    style = make_styles("he").cell
    narrow = 5.0  # narrower than any word: every allowed break is taken
    for unit in ("2026-2027", "1.9.2026-31.7.2027", "8:00-16:00", "3-6"):
        assert breakable(f"שנים {unit}", style, narrow) == f"שנים {unit}"
    assert breakable("socio-economic", style, narrow) != "socio-economic"
    assert breakable("מוביל/ת", style, narrow) != "מוביל/ת"


def _header_words(path: Path) -> list[tuple[str, float, float]]:
    """(word, left, right) of the words on the first page's running header."""
    import subprocess

    html = subprocess.run(
        ["pdftotext", "-bbox", "-l", "1", str(path), "-"], capture_output=True, text=True
    ).stdout
    found = re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>', html)
    return [(m.group(4), float(m.group(1)), float(m.group(3))) for m in found if float(m.group(2)) < 40]


def test_a_long_title_and_organisation_share_the_header_without_meeting(tmp_path: Path) -> None:
    from desktop.models.documents import Letterhead
    from desktop.reports.document import PAGE_MARGIN, printed_with

    long_titles = {
        "he": (
            "סיכום מפגש: פורום עיצוב אשכול נגב מערבי – צמיחה מכלילה ומוביליות חברתית בתחומי החינוך והתעסוקה",
            'הקרן לפיתוח קהילות ושותפויות אזוריות בנגב המערבי (ע"ר)',
        ),
        "en": (
            "Session summary: Western Negev cluster design forum on inclusive growth and social mobility",
            "Foundation for Regional Partnerships",
        ),
    }
    for language, (title, organisation) in long_titles.items():
        out = tmp_path / f"header-{language}.pdf"
        with printed_with(Letterhead(organisation)):
            document = DocumentBuilder(title, language)
            document.paragraph("—")
            document.build(out)
        words = sorted(_header_words(out), key=lambda word: word[1])
        assert words, language
        overlapping = [(a[0], b[0]) for a, b in zip(words, words[1:], strict=False) if a[2] > b[1] + 0.5]
        assert overlapping == [], language
        assert words[0][1] >= PAGE_MARGIN - 0.5 and words[-1][2] <= 595.28 - PAGE_MARGIN + 0.5, language
        text = " ".join(word for word, _left, _right in words)
        assert "…" in text, language  # the title is cut short, the organisation whole
        whole = [word for word in organisation.split() if word.isalpha()]
        drawn = [word[::-1] for word in whole] if language == "he" else whole  # (Hebrew reads back drawn)
        assert all(word in text.split() for word in drawn), language
