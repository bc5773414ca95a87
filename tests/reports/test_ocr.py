"""Every Hebrew document printed from a rich workspace reads back through OCR (tesseract
heb+eng at 300 dpi): at least 95% of its words and 93% of its adjacent word pairs, in order.

The documents are printed once; every page is rendered once and read once, by two tesseract
processes sharing all the pages (each loads its models once); only the pages holding a number
the first reading missed are read again with the English model. Each test checks one."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desktop.reports.registry import KINDS
from tests.reports.every_document import RICH_FEATURES, build_rich_workspace, print_kind
from tests.reports.ocr import (
    PAIRS_NEEDED,
    WORDS_NEEDED,
    Measure,
    measure,
    needs_numbers,
    pages_with_numbers,
    read_pages,
    recorded_lines,
    render_pages,
)
from tests.reports.pdf_tools import needs_poppler

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


OCR_KINDS = [kind for kind in KINDS if kind.feature in RICH_FEATURES]


@pytest.fixture(scope="module")
def measures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Measure]:
    folder = tmp_path_factory.mktemp("ocr")
    workspace, records = build_rich_workspace(folder / "rich.shutafut")
    sources: dict[str, list[str]] = {}
    for kind in OCR_KINDS:
        with recorded_lines() as lines:
            print_kind(workspace, kind, records, folder / f"{kind.key}.pdf", "he")
        sources[kind.key] = list(lines)
    workspace.close()
    pdfs = {key: folder / f"{key}.pdf" for key in sources}
    with ThreadPoolExecutor(2) as pool:
        rendered = pool.map(lambda key: render_pages(pdfs[key], folder / key), sources)
        images = dict(zip(sources, rendered, strict=True))
    every_page = [image for key in sources for image in images[key]]
    read = dict(zip(every_page, read_pages(every_page), strict=True))
    lines = {key: [line for image in images[key] for line in read[image]] for key in sources}
    results = {key: measure(sources[key], lines[key]) for key in sources}
    # Numbers the Hebrew model missed: their pages read again by the English model, at once.
    again: dict[str, list[Path]] = {
        key: [images[key][index] for index in pages_with_numbers(pdfs[key], result)]
        for key, result in results.items()
        if needs_numbers(result)
    }
    wanted = [image for pages in again.values() for image in pages]
    english = dict(zip(wanted, read_pages(wanted, "eng"), strict=True))
    for key, pages in again.items():
        numbers = [line for image in pages for line in english[image]]
        results[key] = measure(sources[key], lines[key], numbers)
    return results


@needs_poppler
@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("key", [kind.key for kind in OCR_KINDS])
def test_ocr_reads_the_hebrew_document(measures: dict[str, Measure], key: str) -> None:
    result = measures[key]
    assert result.words >= WORDS_NEEDED, (result.words, result.missing_words)
    assert result.pairs >= PAIRS_NEEDED, (result.pairs, result.missing_pairs)
