"""Large tables are drawn with work per string, word or line, never per character (issue 16:
is_arabic ran 1.45 million times, once per character of every cell, for one PDF)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import desktop.reports
from desktop.reports.document import DocumentBuilder

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
