"""The town instruments' documents read back as a person reads them: each Hebrew document of
the demo town rendered to an image and read with OCR (Tesseract, Hebrew), so a heading or a
table that is drawn wrongly (reversed, missing glyphs, overlapping) fails here even when the
PDF's text layer is right."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.storage.demo import create_demo_workspace
from desktop.storage.workspace import Workspace
from tests.reports.pdf_tools import needs_poppler, print_document

pytestmark = [
    needs_poppler,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Path]]:
    folder = tmp_path_factory.mktemp("ocr")
    workspace = create_demo_workspace(folder / "demo.shutafut")
    yield workspace, folder
    workspace.close()


def ocr_page(pdf: Path, page: int = 1) -> str:
    """The upper part of `page` (at 150 dpi, its first 700 pixel rows: the title and the
    first sections) as Tesseract reads it in Hebrew."""
    image = pdf.with_suffix("")
    subprocess.run(
        [
            *("pdftoppm", "-r", "150", "-png", "-singlefile"),
            *("-f", str(page), "-l", str(page), "-x", "0", "-y", "0", "-W", "1240", "-H", "700"),
            str(pdf),
            str(image),
        ],
        check=True,
    )
    text = subprocess.run(
        ["tesseract", f"{image}.png", "-", "-l", "heb"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


@pytest.mark.parametrize(
    "key, options, expected",
    [
        (
            "collective-plan",
            {},
            ["תכנית קולקטיבית: חינוך בלתי פורמלי", "מטרת על", "שדרות", "הגברת הזיקה וההשתתפות"],
        ),
        (
            "investment-portfolio",
            {},
            ["תיק השקעות: שדרות", "מינוף תקציבי", "על כל ₪1 של תקציב קיים נוספו"],
        ),
        (
            "outcomes-compass",
            {"compare": 1},
            ["מצפן תוצאות תשתית: שדרות", "מה השתנה", "תרבות של קבלת החלטות"],
        ),
    ],
)
def test_each_document_reads_back_in_hebrew(
    demo: tuple[Workspace, Path], key: str, options: dict[str, object], expected: list[str]
) -> None:
    workspace, folder = demo
    out = folder / f"{key}.pdf"
    print_document(workspace, key, 1, out, "he", **options)
    text = ocr_page(out)
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, f"not read back: {missing}\n{text[:600]}"
    assert text.count(expected[0]) >= 2, text[:600]  # the running header and the title itself
