"""One line of logical text to drawing order: Hebrew, English, numbers, brackets, Arabic."""

from __future__ import annotations

from desktop.reports.bidi_text import script_runs, shape_arabic, to_visual


def test_hebrew_with_english_in_brackets_keeps_the_english_readable() -> None:
    assert to_visual("שלום (STEM) עולם", rtl=True) == "םלוע (STEM) םולש"


def test_brackets_around_hebrew_are_mirrored() -> None:
    # Drawn left to right: the bracket on the right of א is the opening one, shaped ")".
    assert to_visual("(א) פתיחה", rtl=True) == "החיתפ (א)"
    assert to_visual("abc (שלום) def", rtl=False) == "abc (םולש) def"


def test_numbers_amounts_percentages_and_dates_stay_in_place() -> None:
    visual = to_visual('סה"כ ₪1,200 ו-12.5% ב-15.3.2026', rtl=True)
    assert visual == '15.3.2026-ב 12.5%-ו ₪1,200 כ"הס'


def test_english_phrase_with_a_number_in_brackets() -> None:
    assert to_visual("תוכנית Deep Learning (part 2) בבית", rtl=True) == "תיבב Deep Learning (part 2) תינכות"


def test_arabic_is_shaped_and_split_into_its_own_font_runs() -> None:
    shaped = shape_arabic("سلام")
    assert shaped != "سلام" and all(0xFE70 <= ord(c) <= 0xFEFF for c in shaped)
    runs = script_runs(to_visual(shape_arabic("שלום سلام"), rtl=True))
    assert [arabic for arabic, _text in runs] == [True, False]
