"""Reading PDFs back with Poppler's command-line tools (skipped when they are missing)."""

from __future__ import annotations

import html as html_module
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="Poppler (pdftotext, pdftoppm) is not installed",
)
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def pdf_lines(path: Path, *, layout: bool = False) -> list[str]:
    """Text lines as Poppler reads them (it turns drawn RTL text back into logical order)."""
    mode = "-layout" if layout else "-raw"
    text = subprocess.run(
        ["pdftotext", mode, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.translate(_MARKS).split()) for line in text.splitlines()]
    return [line for line in lines if line]


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page.translate(_MARKS) for page in text.split("\f") if page.strip()]


def word_boxes(path: Path) -> list[tuple[str, float, float, int]]:
    """(word, x_min, y_min, page) of every word, from `pdftotext -bbox`."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    boxes = []
    for page_number, page in enumerate(html.split("<page")[1:], start=1):
        for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page):
            boxes.append(
                (
                    html_module.unescape(match.group(3)).translate(_MARKS),
                    float(match.group(1)),
                    float(match.group(2)),
                    page_number,
                )
            )
    return boxes


def drawn_lines(path: Path) -> list[str]:
    """Each line as drawn, left to right (visual order), top to bottom, page by page."""
    rows: dict[tuple[int, int], list[tuple[float, str]]] = {}
    for word, x, y, page in word_boxes(path):
        rows.setdefault((page, round(y)), []).append((x, word))
    return [" ".join(word for _x, word in sorted(rows[key])) for key in sorted(rows)]


def pdf_info(path: Path) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {
        key.strip(): value.strip() for key, _sep, value in (line.partition(":") for line in text.splitlines())
    }


def embedded_fonts(path: Path) -> dict[str, bool]:
    text = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = {}
    for line in text.splitlines()[2:]:
        parts = line.split()
        name = parts[0].split("+")[-1]
        fonts[name] = parts[-5] == "yes"
    return fonts


def inked_fraction(path: Path, page: int = 1) -> float:
    """Share of non-white pixels on a page rendered by pdftoppm (grey PGM)."""
    data = subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        check=True,
    ).stdout
    # PGM: "P5\n<w> <h>\n255\n" then the pixels.
    header_end = 0
    for _ in range(3):
        header_end = data.index(b"\n", header_end) + 1
    pixels = data[header_end:]
    return sum(1 for value in pixels if value < 200) / len(pixels)


def print_document(
    workspace: Any,
    key: str,
    record_id: int | None,
    out: Path | None = None,
    language: str | None = None,
    **options: Any,
) -> bytes:
    """Document `key` of record `record_id` as the window and the CLI print it: its data
    gathered by the storage-side loader, then its report function of the registry, with the
    workspace's letterhead."""
    from desktop.documents import load_document_data
    from desktop.reports.document import printed_with
    from desktop.reports.registry import document_kind
    from desktop.storage.document_data import letterhead

    data = load_document_data(workspace, key, record_id, language, **options)
    with printed_with(letterhead(workspace)):  # as export_document: the organisation's, for every one
        return document_kind(key).build(data, out, language)
