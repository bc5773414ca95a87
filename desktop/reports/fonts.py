"""The bundled fonts (resources/fonts), registered once with reportlab.

Rubik covers Hebrew and Latin; IBM Plex Sans Arabic has the Arabic presentation forms
that shaping produces. Both are static Regular and Bold files (SIL Open Font License).
"""

from __future__ import annotations

import re
from itertools import repeat
from pathlib import Path
from typing import Any

from desktop.paths import FONTS_DIR

UI_FONT_FAMILY = "Rubik"
# reportlab name -> file
FONT_FILES: dict[str, Path] = {
    "Rubik": FONTS_DIR / "Rubik-Regular.ttf",
    "Rubik-Bold": FONTS_DIR / "Rubik-Bold.ttf",
    "PlexArabic": FONTS_DIR / "IBMPlexSansArabic-Regular.ttf",
    "PlexArabic-Bold": FONTS_DIR / "IBMPlexSansArabic-Bold.ttf",
}
# Paragraph styles carry these names: reportlab measures words with them while wrapping,
# and each script is measured in the font it is drawn in (see BidiParagraph.drawPara).
# Nothing is ever drawn with them, so they are never embedded.
MEASURE_FONTS = ("Shutafut-Mixed", "Shutafut-Mixed-Bold")
# Marks a break opportunity added after a hyphen inside an over-long word; dropped when drawn.
SOFT_BREAK = "\u2060"
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# An Arabic run, with the spaces inside it (drawn in the Arabic font, like script_runs).
_ARABIC_RUN = re.compile(f"[{_ARABIC}][{_ARABIC} ]*")
_registered = False
WIDTHS_KEPT = 20_000  # measured words remembered per measuring font (a few MB at most)


def font_files() -> list[Path]:
    return list(FONT_FILES.values())


def register_fonts() -> None:
    """Register the fonts and their bold family members with reportlab (idempotent)."""
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    class MeasuredFont(TTFont):
        """A TrueType font measured in C: reportlab's own measure (without its optional C
        accelerator) runs a Python generator per character of every drawn line. The same
        widths, summed in the same order."""

        def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
            if isinstance(text, bytes):
                text = text.decode(encoding or "utf8")
            face = self.face
            return 0.001 * size * sum(map(face.charWidths.get, map(ord, text), repeat(face.defaultWidth)))

        def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
            # reportlab maps every drawn character to its code in one of the font's subsets, in a
            # Python loop. Once a document has drawn a character its code is fixed: text made
            # only of such characters, all in the first subset, is mapped in C.
            state = self.state.get(doc)
            if state is not None and isinstance(text, str) and "\xa0" not in text:
                try:
                    return [(0, bytes(map(state.assignments.__getitem__, map(ord, text))))]
                except (KeyError, ValueError):  # a new character, or one in a later subset
                    pass
            return list(super().splitString(text, doc, encoding))

    loaded = {name: MeasuredFont(name, str(path)) for name, path in FONT_FILES.items()}
    for font in loaded.values():
        pdfmetrics.registerFont(font)

    class MixedFont(TTFont):
        """Rubik's metrics for the text, IBM Plex Sans Arabic's for its Arabic runs."""

        def __init__(self, name: str, latin: Any, arabic: Any) -> None:
            # Ascent and descent come from the Latin/Hebrew font file.
            super().__init__(name, str(FONT_FILES[latin.fontName]))
            # reportlab keys fonts by face name: an own name keeps Rubik's entry apart.
            self.face.name = name.encode()
            self.latin, self.arabic = latin, arabic
            self.widths: dict[tuple[str, float, str], float] = {}

        def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
            # reportlab measures every word of every paragraph while wrapping (and again when a
            # table is split over pages); the same words come back again and again.
            key = (text, size, encoding)
            width = self.widths.get(key)
            if width is None:
                if len(self.widths) > WIDTHS_KEPT:
                    self.widths.clear()
                width = self.widths[key] = self._measure(text, size, encoding)
            return width

        def _measure(self, text: str, size: float, encoding: str) -> float:
            text = text.replace(SOFT_BREAK, "")
            if not _ARABIC_RUN.search(text):
                return float(self.latin.stringWidth(text, size, encoding))
            width, start = 0.0, 0
            for match in _ARABIC_RUN.finditer(text):
                width += self.latin.stringWidth(text[start : match.start()], size, encoding)
                width += self.arabic.stringWidth(match.group(), size, encoding)
                start = match.end()
            return width + float(self.latin.stringWidth(text[start:], size, encoding))

    for bold, name in enumerate(MEASURE_FONTS):
        suffix = "-Bold" if bold else ""
        pdfmetrics.registerFont(MixedFont(name, loaded[f"Rubik{suffix}"], loaded[f"PlexArabic{suffix}"]))
    for family in ("Rubik", "PlexArabic", MEASURE_FONTS[0]):
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, f"{family}-Bold")
        addMapping(family, 0, 1, family)
        addMapping(family, 1, 1, f"{family}-Bold")
    _registered = True


def font_for(arabic: bool, bold: bool) -> str:
    family = "PlexArabic" if arabic else "Rubik"
    return f"{family}-Bold" if bold else family


def measure_font(bold: bool) -> str:
    """The font name paragraph styles use: wraps mixed Hebrew, Latin and Arabic correctly."""
    return MEASURE_FONTS[1] if bold else MEASURE_FONTS[0]
