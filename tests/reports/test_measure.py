"""desktop.reports.measure: text fitted to a width, as the running header and the charts' labels
use it (no Qt)."""

from __future__ import annotations

import pytest

from desktop.reports.fonts import register_fonts
from desktop.reports.measure import fitted, text_width

SIZE = 8.0


@pytest.fixture(autouse=True, scope="module")
def fonts() -> None:
    register_fonts()


def test_text_that_fits_is_kept_whole() -> None:
    text = "מפגש היכרות עם Open Space"
    assert fitted(text, text_width(text, SIZE), SIZE) == text


def test_text_too_wide_keeps_its_first_whole_words_and_an_ellipsis() -> None:
    text = "מפגש היכרות ותיאום ציפיות עם הצוות המוביל"
    room = text_width("מפגש היכרות…", SIZE) + 1
    assert fitted(text, room, SIZE) == "מפגש היכרות…"


@pytest.mark.parametrize("word", ["אוטונומיה־בין־ארגונית", "Interorganisational", "التخطيط"])
def test_a_first_word_wider_than_the_room_is_cut_to_fit(word: str) -> None:
    room = text_width(word, SIZE) / 2
    shown = fitted(f"{word} ועוד", room, SIZE)
    assert shown.endswith("…") and len(shown) > 1
    assert text_width(shown, SIZE) <= room


def test_nothing_is_shown_where_not_even_the_ellipsis_fits() -> None:
    assert fitted("שותפות", text_width("…", SIZE) / 2, SIZE) == ""
