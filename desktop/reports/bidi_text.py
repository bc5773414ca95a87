"""Logical-to-visual reordering of wrapped text, with bracket mirroring and Arabic shaping.

Levels come from the Unicode bidi algorithm run on the whole paragraph (python-bidi's Rust
core: paired brackets N0, isolates); each drawn line is then reordered alone with those
levels (rules L1-L2) and characters at odd levels are mirrored (L4), so "( … )" wrapped
over two lines keeps both brackets facing each other.
"""

from __future__ import annotations

import re
import unicodedata

import arabic_reshaper
from bidi import get_display
from bidi.mirror import MIRRORED

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


# Invisible direction marks steer the reordering; fonts have no glyph for them.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def is_arabic(character: str) -> bool:
    code = ord(character)
    return any(low <= code <= high for low, high in _ARABIC_RANGES)


def shape_arabic(text: str) -> str:
    """Join Arabic letters into their contextual forms (before measuring or wrapping)."""
    if not any(is_arabic(character) for character in text):
        return text
    return str(arabic_reshaper.reshape(text))


_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
# Characters whose level rule L1 resets to the paragraph's at the end of a line.
_TRAILING = {"WS", "FSI", "LRI", "RLI", "PDI"}


def paragraph_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of every character of one paragraph (UAX #9 up to I2).

    python-bidi's Rust implementation (unicode-bidi: paired brackets, isolates) reports
    its levels, one per UTF-8 byte, only in its debug output; we read them from there.
    """
    if not text:
        return []
    isolated, origins = _isolate_ranges(text, rtl)
    levels = _levels(isolated, rtl)
    return [levels[index] for index in origins]


# A range of numbers, times or dates ("8:00-16:00", "3–6", "1.9.2026 – 31.7.2027"): read left
# to right as one unit whatever the paragraph's direction, the way Hebrew writers type it.
_NUMBER = r"\d+(?:[.:/,]\d+)*%?"
_RANGE = re.compile(rf"{_NUMBER}(?:\s?[-\u2010-\u2015]\s?{_NUMBER})+")
_LRI, _RLI, _PDI = "\u2066", "\u2067", "\u2069"


def _isolate_ranges(text: str, rtl: bool = True) -> tuple[str, list[int]]:
    """`text` with every range inside a left-to-right isolate and, in a left-to-right
    paragraph, every right-to-left run (a Hebrew name, a note typed in Arabic) inside a
    right-to-left isolate, so that each keeps its own direction and the numbers after it are
    not pulled into it; and where each of the original characters went."""
    opening: dict[int, list[str]] = {}
    closing: dict[int, int] = {}
    for match in _RANGE.finditer(text):
        if any(character in match.group() for character in "-\u2010\u2011\u2012\u2013\u2014\u2015"):
            opening.setdefault(match.start(), []).append(_LRI)
            closing[match.end()] = closing.get(match.end(), 0) + 1
    if not rtl:
        for start, end in _rtl_runs(text):
            opening.setdefault(start, []).insert(0, _RLI)
            closing[end] = closing.get(end, 0) + 1
    pieces: list[str] = []
    origins: list[int] = []
    length = 0
    for index, character in enumerate(text):
        marks = _PDI * closing.get(index, 0) + "".join(opening.get(index, []))
        pieces.append(marks)
        length += len(marks)
        pieces.append(character)
        origins.append(length)
        length += 1
    pieces.append(_PDI * closing.get(len(text), 0))
    return "".join(pieces), origins


def _rtl_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch from a right-to-left letter to the last one before the
    next left-to-right letter."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last = 0
    depth = 0  # inside an explicit isolate (see `isolate`), which already keeps its direction
    for index, character in enumerate(text):
        kind = unicodedata.bidirectional(character)
        if kind in ("FSI", "LRI", "RLI"):
            if start is not None and depth == 0:
                runs.append((start, last))
                start = None
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif kind in ("R", "AL"):
            if start is None:
                start = index
            last = index + 1
        elif kind == "L" and start is not None:
            runs.append((start, last))
            start = None
    if start is not None:
        runs.append((start, last))
    return runs


def _levels(text: str, rtl: bool) -> list[int]:
    info = str(get_display(text, base_dir="R" if rtl else "L", debug=True))
    levels_text = info[info.index("levels:") : info.index("paragraphs:")]
    per_byte = [int(level) for level in _LEVEL.findall(levels_text)]
    levels = []
    offset = 0
    for character in text:
        levels.append(per_byte[offset])
        offset += len(character.encode("utf-8"))
    return levels


def _reorder(text: str, levels: list[int], rtl: bool) -> str:
    """One line in drawing order from its characters' paragraph levels (rules L1, L2, L4)."""
    base = 1 if rtl else 0
    levels = list(levels)
    index = len(text) - 1
    while index >= 0 and (
        unicodedata.bidirectional(text[index]) in _TRAILING or ord(text[index]) in _INVISIBLE
    ):
        levels[index] = base
        index -= 1
    characters = [
        MIRRORED.get(character, character) if level % 2 else character
        for character, level in zip(text, levels, strict=True)
    ]
    highest = max(levels)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        start = None
        for position in range(len(characters) + 1):
            inside = position < len(characters) and levels[position] >= level
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                characters[start:position] = characters[start:position][::-1]
                levels[start:position] = levels[start:position][::-1]
                start = None
    return "".join(characters).translate(_INVISIBLE).replace("\u202f", "\u00a0")


def visual_lines(lines: list[str], rtl: bool) -> list[str]:
    """The wrapped lines of one paragraph, each in drawing order.

    Levels are resolved on the whole paragraph (the lines joined by spaces), so a bracket
    pair, a quotation or a number split over two lines keeps its direction; each line is
    then reordered on its own with those levels (UAX #9 rules L1-L2 per line).
    """
    paragraph = " ".join(line.replace("\n", " ") for line in lines)
    levels = paragraph_levels(paragraph, rtl)
    visual = []
    start = 0
    for line in lines:
        end = start + len(line)
        visual.append(_reorder(paragraph[start:end], levels[start:end], rtl) if line else line)
        start = end + 1
    return visual


def isolate(value: str) -> str:
    """A value typed by a person (a title, a name), to put into a translated sentence: it
    keeps its own direction, from its first letter, whatever the sentence's (FSI ... PDI)."""
    return f"\u2068{value}\u2069" if value else value


def to_visual(text: str, rtl: bool) -> str:
    """One line of logical text in left-to-right drawing order."""
    return visual_lines([text], rtl)[0]


def script_runs(visual: str) -> list[tuple[bool, str]]:
    """Split drawn text into runs of Arabic and other characters: (is_arabic, text)."""
    runs: list[tuple[bool, str]] = []
    for character in visual:
        arabic = is_arabic(character) or (character == " " and bool(runs) and runs[-1][0])
        if runs and runs[-1][0] == arabic:
            runs[-1] = (arabic, runs[-1][1] + character)
        else:
            runs.append((arabic, character))
    return runs
