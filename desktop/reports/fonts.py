"""The bundled fonts (resources/fonts), registered once with reportlab.

Rubik covers Hebrew and Latin; IBM Plex Sans Arabic has the Arabic presentation forms
that shaping produces. Both are static Regular and Bold files (SIL Open Font License).
"""

from __future__ import annotations

from pathlib import Path

from desktop.paths import FONTS_DIR

UI_FONT_FAMILY = "Rubik"
# reportlab name -> file
FONT_FILES: dict[str, Path] = {
    "Rubik": FONTS_DIR / "Rubik-Regular.ttf",
    "Rubik-Bold": FONTS_DIR / "Rubik-Bold.ttf",
    "PlexArabic": FONTS_DIR / "IBMPlexSansArabic-Regular.ttf",
    "PlexArabic-Bold": FONTS_DIR / "IBMPlexSansArabic-Bold.ttf",
}
_registered = False


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

    for name, path in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    for family in ("Rubik", "PlexArabic"):
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, f"{family}-Bold")
        addMapping(family, 0, 1, family)
        addMapping(family, 1, 1, f"{family}-Bold")
    _registered = True


def font_for(arabic: bool, bold: bool) -> str:
    family = "PlexArabic" if arabic else "Rubik"
    return f"{family}-Bold" if bold else family
