"""Logical-to-visual reordering of wrapped text, with bracket mirroring and Arabic shaping.

Levels come from the Unicode bidi algorithm run on the whole paragraph (python-bidi's Rust
core: paired brackets N0, isolates); each drawn line is then reordered alone with those
levels (rules L1-L2) and characters at odd levels are mirrored (L4), so "( … )" wrapped
over two lines keeps both brackets facing each other.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import arabic_reshaper
from bidi import get_display
from bidi.mirror import MIRRORED

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


# Invisible direction marks steer the reordering; fonts have no glyph for them.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


_ARABIC_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in _ARABIC_RANGES)
# Whole strings are checked and split by these (in C), never character by character in Python:
# a large table has hundreds of thousands of characters.
_ARABIC_CHARACTER = re.compile(f"[{_ARABIC_CLASS}]")
# A run of Arabic letters with the spaces inside and after it (see script_runs).
_ARABIC_RUN = re.compile(f"[{_ARABIC_CLASS}][{_ARABIC_CLASS} ]*")
# Rule L4: characters at odd levels drawn as their mirror image ("(" for ")").
_MIRROR = str.maketrans(MIRRORED)


def is_arabic(character: str) -> bool:
    return _ARABIC_CHARACTER.match(character) is not None


def has_arabic(text: str) -> bool:
    return _ARABIC_CHARACTER.search(text) is not None


def shape_arabic(text: str) -> str:
    """Join Arabic letters into their contextual forms (before measuring or wrapping)."""
    if _ARABIC_CHARACTER.search(text) is None:
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
    if not opening:
        return text, list(range(len(text)))
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
    # One level per character: the level of its first UTF-8 byte (not a continuation byte).
    return [level for level, byte in zip(per_byte, text.encode("utf-8"), strict=True) if byte & 0xC0 != 0x80]


_SAME_LEVEL = re.compile(r"(.)\1*", re.DOTALL)


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
    # Reversed run by run of equal level rather than character by character: rule L2
    # reverses every maximal sequence at `level` or higher, from the highest level down to the
    # lowest odd one; a run at level n is reversed n - lowest odd + 1 times in all.
    runs = [
        (ord(match.group(1)), match.start(), match.end())
        for match in _SAME_LEVEL.finditer("".join(map(chr, levels)))
    ]
    highest = max([level for level, _start, _end in runs])
    lowest_odd = min([level for level, _start, _end in runs if level % 2], default=highest + 1)
    order = list(range(len(runs)))
    for level in range(highest, lowest_odd - 1, -1):
        start = None
        for position in range(len(order) + 1):
            inside = position < len(order) and runs[order[position]][0] >= level
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                order[start:position] = order[start:position][::-1]
                start = None
    pieces = []
    for number in order:
        level, start, end = runs[number]
        piece = text[start:end]
        if level % 2:
            piece = piece.translate(_MIRROR)
        if level >= lowest_odd and (level - lowest_odd) % 2 == 0:
            piece = piece[::-1]
        pieces.append(piece)
    return "".join(pieces).translate(_INVISIBLE).replace("\u202f", "\u00a0")


def visual_lines(lines: list[str], rtl: bool) -> list[str]:
    """The wrapped lines of one paragraph, each in drawing order.

    Levels are resolved on the whole paragraph (the lines joined by spaces), so a bracket
    pair, a quotation or a number split over two lines keeps its direction; each line is
    then reordered on its own with those levels (UAX #9 rules L1-L2 per line).
    """
    return list(_visual_lines(tuple(lines), rtl))


# Bidi classes that can put a character at an odd (right-to-left) level in a left-to-right
# paragraph; without any of them every level is even and nothing is reordered.
_MAKES_RTL = frozenset({"R", "AL", "RLE", "RLO", "RLI", "FSI"})
# Classes that all resolve to level 1 in a right-to-left paragraph when nothing else is there
# (no letters of the other direction, no digits, no explicit embeddings or isolates): the line
# is then simply reversed, mirrored.
_STAYS_RTL = frozenset({"R", "AL", "WS", "ON", "S", "NSM", "ES", "ET", "CS"})


@lru_cache(maxsize=8192)  # headers on every page, markers, labels and repeated values
def _visual_lines(lines: tuple[str, ...], rtl: bool) -> tuple[str, ...]:
    flat = [line.replace("\n", " ") for line in lines]
    paragraph = " ".join(flat)
    classes = set(map(unicodedata.bidirectional, paragraph))
    if not rtl and not classes & _MAKES_RTL:  # every level even: drawn as it is
        return tuple(_drawable(line) if line else line for line in flat)
    if rtl and classes <= _STAYS_RTL:  # every level 1: each line reversed and mirrored
        return tuple(_drawable(line[::-1].translate(_MIRROR)) if line else line for line in flat)
    levels = paragraph_levels(paragraph, rtl)
    visual = []
    start = 0
    for line in flat:
        end = start + len(line)
        visual.append(_reorder(paragraph[start:end], levels[start:end], rtl) if line else line)
        start = end + 1
    return tuple(visual)


def _drawable(text: str) -> str:
    """Without the invisible direction marks, which fonts have no glyph for."""
    return text.translate(_INVISIBLE).replace("\u202f", "\u00a0")


def isolate(value: str) -> str:
    """A value typed by a person (a title, a name), to put into a translated sentence: it
    keeps its own direction, from its first letter, whatever the sentence's (FSI ... PDI)."""
    return f"\u2068{value}\u2069" if value else value


def to_visual(text: str, rtl: bool) -> str:
    """One line of logical text in left-to-right drawing order."""
    return visual_lines([text], rtl)[0]


def script_runs(visual: str) -> list[tuple[bool, str]]:
    """Split drawn text into runs of Arabic and other characters: (is_arabic, text). Spaces
    after an Arabic letter belong to its run."""
    runs: list[tuple[bool, str]] = []
    start = 0
    for match in _ARABIC_RUN.finditer(visual):
        if match.start() > start:
            runs.append((False, visual[start : match.start()]))
        runs.append((True, match.group()))
        start = match.end()
    if start < len(visual):
        runs.append((False, visual[start:]))
    return runs
