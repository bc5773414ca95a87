"""The workspace summary PDF, in Hebrew and Arabic, from a real workspace."""

from __future__ import annotations

from pathlib import Path

from desktop import i18n
from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.demo import create_demo_workspace
from tests.reports.pdf_tools import (
    drawn_lines,
    inked_fraction,
    needs_poppler,
    pdf_info,
    pdf_pages,
    print_document,
    word_boxes,
)

pytestmark = needs_poppler


def test_summary_lists_authorities_clusters_and_organisations(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sderot = reference_store.save_record(
        workspace,
        RecordKind.AUTHORITY,
        {
            "name_he": "שדרות",
            "municipal_status": "city",
            "population": "34000",
            "population_year": "2021",
            "district": "south",
        },
    )
    reference_store.save_record(
        workspace, RecordKind.CLUSTER, {"name": "אשכול נגב מערבי", "members": [sderot]}
    )
    reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "משרד הפנים", "sector": "government"}
    )
    out = tmp_path / "summary.pdf"
    print_document(workspace, "summary", None, out, "he")
    text = "\n".join(pdf_pages(out))
    for expected in ("שדרות", "משרד", "34,000", "2021"):
        assert expected in text
    lines = drawn_lines(out)
    assert "יברעמ בגנ לוכשא" in lines[-1] or any("יברעמ בגנ לוכשא" in line for line in lines)
    assert pdf_info(out)["Title"].endswith(workspace.name)
    assert i18n.current_language() == "he"


def test_summary_in_arabic_restores_the_interface_language(tmp_path: Path) -> None:
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    out = tmp_path / "summary-ar.pdf"
    data = print_document(workspace, "summary", None, out, "ar")
    workspace.close()
    assert b"/Lang (ar)" in data
    assert i18n.current_language() == "he"
    assert inked_fraction(out) > 0.003


def test_empty_workspace_says_so(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "empty.pdf"
    print_document(workspace, "summary", None, out, "en")
    text = pdf_pages(out)[0]
    assert "No local authorities in this workspace yet." in text


def _authorities(workspace, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        reference_store.save_record(
            workspace,
            RecordKind.AUTHORITY,
            {
                "name_he": f"רשות {number} (Town {number})",
                "municipal_status": "local_council",
                "population": str(1000 * number),
                "population_year": "2022",
                "district": "north",
                "socioeconomic_cluster": str(number % 10 + 1),
                "cbs_code": str(100 + number),
            },
        )
        for number in range(1, count + 1)
    ]


def test_summary_counts_names_and_demo_notice(tmp_path: Path) -> None:
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    try:
        authorities = reference_store.list_records(workspace, RecordKind.AUTHORITY)
        out = tmp_path / "demo.pdf"
        print_document(workspace, "summary", None, out, "en")
    finally:
        workspace.close()
    text = " ".join(" ".join(page.split()) for page in pdf_pages(out))
    assert "Demo workspace" in text
    assert f"{len(authorities)} local authorities" in text or (
        len(authorities) == 1 and "1 local authority" in text
    )
    assert "Page 1 of" in text


def test_hebrew_summary_has_the_table_on_the_right_and_page_numbers(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _authorities(workspace, 45)
    out = tmp_path / "long.pdf"
    print_document(workspace, "summary", None, out, "he")
    pages = pdf_pages(out)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"{len(pages)} מתוך {number} עמוד" in page  # drawn order of "עמוד 1 מתוך 2"
    # The header row is repeated on the next page; the name column is on the right.
    assert all("אוכלוסייה" in page for page in pages[:2])
    boxes = [box for box in word_boxes(out) if box[3] == 1]
    name_x = max(x for word, x, _y, _page in boxes if word == "םש")
    district_x = max(x for word, x, _y, _page in boxes if word == "זוחמ")
    assert name_x > district_x
    # "(Town 7)" keeps its brackets and digits readable inside the Hebrew name.
    assert any("(Town 7)" in line for line in drawn_lines(out))


def test_language_is_restored_when_building_fails(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    with pytest.raises(OSError):
        print_document(workspace, "summary", None, tmp_path / "missing" / "x.pdf", "ar")
    assert i18n.current_language() == "he"


def test_empty_sections_say_so_in_hebrew(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "empty-he.pdf"
    data = print_document(workspace, "summary", None, out)
    assert b"/Lang (he)" in data
    layout = subprocess_text(out)
    for message in (
        "No local authorities in this workspace yet.",
        "No regional clusters in this workspace yet.",
        "No organisations in this workspace yet.",
    ):
        translated = i18n._(message)
        assert translated != message  # the Hebrew catalogue has it
        assert translated in layout
    assert "Helvetica" not in subprocess_fonts(out)


def subprocess_text(path: Path) -> str:
    """`pdftotext -layout` (logical order), without direction marks, spaces collapsed."""
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    marks = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
    return "\n".join(" ".join(line.translate(marks).split()) for line in text.splitlines())


def subprocess_fonts(path: Path) -> str:
    import subprocess

    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
