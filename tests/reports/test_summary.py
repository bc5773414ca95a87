"""The workspace summary PDF, in Hebrew and Arabic, from a real workspace."""

from __future__ import annotations

from pathlib import Path

from desktop import i18n
from desktop.models.records import RecordKind
from desktop.reports.summary import build_summary_pdf
from desktop.storage import reference_store
from desktop.storage.demo import create_demo_workspace
from tests.reports.pdf_tools import drawn_lines, inked_fraction, needs_poppler, pdf_info, pdf_pages

pytestmark = needs_poppler


def test_summary_lists_authorities_clusters_and_organisations(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sderot = reference_store.save_record(workspace, RecordKind.AUTHORITY, {
        "name_he": "שדרות", "municipal_status": "city", "population": "34000",
        "population_year": "2021", "district": "south"})
    reference_store.save_record(workspace, RecordKind.CLUSTER,
                                {"name": "אשכול נגב מערבי", "members": [sderot]})
    reference_store.save_record(workspace, RecordKind.ORGANISATION,
                                {"name": "משרד הפנים", "sector": "government"})
    out = tmp_path / "summary.pdf"
    build_summary_pdf(workspace, out=out, language="he")
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
    data = build_summary_pdf(workspace, out=out, language="ar")
    workspace.close()
    assert b"/Lang (ar)" in data
    assert i18n.current_language() == "he"
    assert inked_fraction(out) > 0.003


def test_empty_workspace_says_so(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "empty.pdf"
    build_summary_pdf(workspace, out=out, language="en")
    text = pdf_pages(out)[0]
    assert "No local authorities in this workspace yet." in text
