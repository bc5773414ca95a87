"""Logical-to-visual reordering of one line of text, with bracket mirroring and Arabic shaping.

python-bidi's `get_display` resolves bracket pairs correctly (UBA rule N0) but does not
mirror the brackets themselves. We learn each pair's resolved direction from where it
lands: every pair is swapped for a unique bracket pair before reordering, and a pair
whose closing bracket ends up left of its opening one was laid out right to left, so
both are mirrored.
"""

from __future__ import annotations

import arabic_reshaper
from bidi import get_display

_PAIRS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«"}
# Distinct paired brackets (Unicode Bidi_Paired_Bracket) used as stand-ins while reordering.
_STAND_INS = [
    ("\u2045", "\u2046"),
    ("\u207d", "\u207e"),
    ("\u208d", "\u208e"),
    ("\u2308", "\u2309"),
    ("\u230a", "\u230b"),
    ("\u2329", "\u232a"),
    ("\u2768", "\u2769"),
    ("\u276a", "\u276b"),
    ("\u276c", "\u276d"),
    ("\u276e", "\u276f"),
    ("\u2770", "\u2771"),
    ("\u2772", "\u2773"),
    ("\u2774", "\u2775"),
    ("\u27c5", "\u27c6"),
    ("\u27e6", "\u27e7"),
    ("\u27e8", "\u27e9"),
    ("\u27ea", "\u27eb"),
    ("\u27ec", "\u27ed"),
    ("\u27ee", "\u27ef"),
    ("\u2983", "\u2984"),
    ("\u2985", "\u2986"),
    ("\u2987", "\u2988"),
    ("\u2989", "\u298a"),
    ("\u298b", "\u298c"),
]
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


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    stack: list[tuple[str, int]] = []
    pairs = []
    for index, character in enumerate(text):
        if character in _PAIRS:
            stack.append((character, index))
        elif character in _CLOSERS:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == _CLOSERS[character]:
                    pairs.append((stack[depth][1], index))
                    del stack[depth:]
                    break
    return pairs[: len(_STAND_INS)]


def to_visual(text: str, rtl: bool) -> str:
    """One line of logical text in left-to-right drawing order."""
    if not text:
        return text
    pairs = _bracket_pairs(text)
    characters = list(text)
    originals: dict[str, str] = {}
    for number, (open_index, close_index) in enumerate(pairs):
        open_stand_in, close_stand_in = _STAND_INS[number]
        originals[open_stand_in] = characters[open_index]
        originals[close_stand_in] = characters[close_index]
        characters[open_index], characters[close_index] = open_stand_in, close_stand_in
    visual = get_display("".join(characters), base_dir="R" if rtl else "L")
    mirrored_stand_ins: set[str] = set()
    for number in range(len(pairs)):
        open_stand_in, close_stand_in = _STAND_INS[number]
        if visual.index(close_stand_in) < visual.index(open_stand_in):
            mirrored_stand_ins.update((open_stand_in, close_stand_in))
    result = []
    for character in visual:
        if character in originals:
            original = originals[character]
            result.append(_MIRROR[original] if character in mirrored_stand_ins else original)
        else:
            result.append(character)
    return "".join(result).translate(_INVISIBLE).replace("\u202f", "\u00a0")


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
