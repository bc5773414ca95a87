"""Paragraphs wrapped at every width keep their brackets, quotes and numbers whole: levels are
resolved on the whole paragraph and each line is reordered with them (UAX #9 L1-L2)."""

from __future__ import annotations

import re

import pytest

from desktop.reports.bidi_text import isolate, paragraph_levels, to_visual, visual_lines
from desktop.reports.document import make_styles, text_paragraph
from desktop.reports.fonts import register_fonts

HEBREW = (
    "הקרן (Tikva Israelit – South) תומכת בתוכנית פעמיים בשנה (מרץ וספטמבר) וגם "
    '"ציטוט ארוך מאוד של ראש המועצה" בשיעור 42.7% ובסך ₪1,200,000 (R&D, ECOSTEM21) עד 30.6.2027.'
)
ENGLISH = (
    "The foundation (תקווה ישראלית – דרום) supports the programme twice a year (March and "
    'September) with "a long quotation from the mayor" at 42.7% and ₪1,200,000 (R&D, ECOSTEM21).'
)
ARABIC = "تدعم المؤسسة (Tikva Israelit – South) البرنامج مرتين في السنة (آذار وأيلول) بنسبة 42.7%."
WIDTHS = range(30, 400, 7)


def _lines(text: str, language: str, width: float) -> list[str]:
    register_fonts()
    paragraph = text_paragraph(text, make_styles(language).body)
    paragraph.wrap(width, 10_000)
    return paragraph.drawn_lines()


def _assert_brackets_face_their_content(lines: list[str]) -> None:
    for line in lines:
        # A bracket opens towards the text it holds: "(" has text on its right, ")" on its left.
        assert not re.search(r"(^|\s)\)", line), lines
        assert not re.search(r"\((\s|$)", line), lines
    drawn = " ".join(lines)
    assert drawn.count("(") == drawn.count(")"), lines


@pytest.mark.parametrize("language,text", [("he", HEBREW), ("en", ENGLISH), ("ar", ARABIC)])
def test_brackets_wrapped_at_every_width_face_their_content(language: str, text: str) -> None:
    for width in WIDTHS:
        _assert_brackets_face_their_content(_lines(text, language, width))


def test_numbers_and_amounts_stay_whole_at_every_width() -> None:
    for width in WIDTHS:
        words = " ".join(_lines(HEBREW, "he", width)).split()
        assert "42.7%" in words and "₪1,200,000" in words
        assert any("30.6.2027" in word for word in words), words


def test_a_bracket_pair_split_over_two_lines() -> None:
    # Drawn right to left: "הקרן (Tikva" on the first line, "South) תומכת" on the second.
    first, second = visual_lines(["הקרן (Tikva Israelit –", "South) תומכת"], rtl=True)
    assert first == "Tikva Israelit –) ןרקה"
    assert second == "תכמות (South"


def test_hebrew_quotation_split_over_two_lines() -> None:
    first, second = visual_lines(['אמר "ציטוט', 'ארוך" והלך'], rtl=True)
    assert first == 'טוטיצ" רמא'
    assert second == 'ךלהו "ךורא'


def test_levels_come_from_the_whole_paragraph() -> None:
    levels = paragraph_levels("א (b) c", rtl=True)
    # Brackets between Hebrew and English take the paragraph's direction (rule N0).
    assert levels == [1, 1, 1, 2, 1, 1, 2]


def test_hebrew_typed_into_an_english_document_keeps_its_own_direction() -> None:
    # Each right-to-left run is isolated: the amount after a Hebrew name stays after it.
    assert to_visual("תקווה ישראלית: ₪12,000,000.00 (55.8%)", rtl=False) == (
        "תילארשי הווקת: ₪12,000,000.00 (55.8%)"
    )
    assert to_visual("Notes: פגישה ב-12.3.2027 עם ראש העיר, then more", rtl=False) == (
        "Notes: ריעה שאר םע 12.3.2027-ב השיגפ, then more"
    )


def test_ranges_read_low_to_high_from_left_to_right() -> None:
    assert to_visual("שעה 17:00–17:20 פתיחה", rtl=True) == "החיתפ 17:00–17:20 העש"
    assert to_visual("גילאי 3-6 (ציונים 3–5)", rtl=True) == "(3–5 םינויצ) 3-6 יאליג"


def test_a_typed_title_keeps_its_direction_inside_an_english_sentence() -> None:
    title = isolate("גיבוש תפיסת STEM יישובית")
    assert (
        to_visual(f"Summary of session 1: {title}", rtl=False)
        == "Summary of session 1: תיבושיי STEM תסיפת שוביג"
    )
    # two names joined by an English word stay in the sentence's order
    assert (
        to_visual("made between שדרות and קרן תקווה, to", rtl=False) == "made between תורדש and הווקת ןרק, to"
    )
