"""How wide text is drawn in the fonts of its scripts (Arabic shaped, in its own font), and text
wrapped to a width: one measure for every chart, legend and running header.

Text is measured in its logical order: the order of its runs does not change its width, and
reordering would run the bidi algorithm (and the OCR test's record of the lines drawn) for text
that is only measured."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.reports.bidi_text import script_runs, shape_arabic
from desktop.reports.fonts import font_for


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The drawn width of `text` at `size` points."""
    return sum(
        stringWidth(part, font_for(arabic, bold), size) for arabic, part in script_runs(shape_arabic(text))
    )


def wrap(text: str, width: float, size: float, max_lines: int = 6) -> list[str]:
    """`text` in lines of whole words no wider than `width` (a word wider than it alone on its
    line; past `max_lines`, the last line kept is cut with an ellipsis)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if text_width(trial, size) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1] + "…"
    return lines or [""]


def fitted(text: str, width: float, size: float) -> str:
    """`text`, or as much of its logical start as fits `width` with "…" after it: whole words
    when the first fits, else the first word cut ("" when not even "…" fits)."""
    if text_width(text, size) <= width:
        return text
    words = text.split()
    while len(words) > 1 and text_width(" ".join(words) + "…", size) > width:
        words.pop()
    kept = " ".join(words)
    while kept and text_width(kept + "…", size) > width:
        kept = kept[:-1]
    return kept.rstrip() + "…" if kept else ""
