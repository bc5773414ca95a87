"""The town selection decision report, from a stored process, read back from the PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.models.records import RecordKind
from desktop.models.selection import BASE_CONDITIONS, CRITERIA, ConditionState, QuantitativeFilter
from desktop.models.selection_process import SelectionProcess, TeamMember
from desktop.storage.demo import create_demo_workspace
from desktop.storage.reference_store import choices, list_records
from desktop.storage.selection_store import save_process
from tests.reports.pdf_tools import (
    embedded_fonts,
    inked_fraction,
    needs_poppler,
    pdf_info,
    pdf_pages,
    print_document,
)

pytestmark = needs_poppler


def _decided_process(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    person = choices(workspace, RecordKind.PERSON)[0][0]
    process = SelectionProcess(
        title="בחירה 2027",
        purpose="איתור יישוב להשקעה ל-5 שנים",
        team=[TeamMember(person, "מנחה")],
        filter=QuantitativeFilter(socioeconomic=(1, 4)),
    )
    candidates = process.candidates(list_records(workspace, RecordKind.AUTHORITY))
    for score, authority in zip((5, 2), candidates, strict=False):
        for criterion in CRITERIA:
            process.set_score(authority["uuid"], person, criterion.code, score)
        for code, _label in BASE_CONDITIONS:
            process.set_condition(authority["uuid"], code, ConditionState.MET)
    process.chosen = [candidates[0]["uuid"]]
    process.rationale = "המוכנות הגבוהה ביותר"
    process.decided_on = date(2026, 11, 20)
    return workspace, save_process(workspace, process), candidates[0]["name_he"]


def test_the_report_holds_purpose_ranking_conditions_and_decision(tmp_path: Path) -> None:
    workspace, process_id, chosen = _decided_process(tmp_path)
    out = tmp_path / "decision.pdf"
    print_document(workspace, "selection", process_id, out, "he")
    workspace.close()
    words = set("\n".join(pdf_pages(out)).split())
    # Poppler returns each Hebrew word whole (line order is checked in test_document).
    for expected in ("איתור יישוב להשקעה שנים", "המוכנות הגבוהה ביותר", chosen):
        assert set(expected.split()) <= words
    assert ".20.11.2026-ב" in words  # "on 20.11.2026." as drawn
    assert pdf_info(out)["Title"] == "בחירת יישוב: בחירה 2027"
    assert inked_fraction(out) > 0.003
    assert all(embedded_fonts(out).values())  # the chart's text too: no bare Helvetica


def test_cli_prints_the_selection_report(tmp_path: Path) -> None:
    from desktop.cli import main

    workspace, process_id, _chosen = _decided_process(tmp_path)
    workspace.close()
    out = tmp_path / "cli.pdf"
    assert (
        main(
            [
                "pdf",
                "selection",
                "--workspace",
                str(tmp_path / "demo.shutafut"),
                "--id",
                str(process_id),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert (
        main(
            [
                "pdf",
                "selection",
                "--workspace",
                str(tmp_path / "demo.shutafut"),
                "--id",
                "999",
                "--out",
                str(tmp_path / "none.pdf"),
            ]
        )
        == 1
    )


def _extents(drawing):  # type: ignore[no-untyped-def]
    """Left and right of every text and swatch the drawing holds."""
    from reportlab.graphics.shapes import Rect, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for shape in drawing.contents:
        if isinstance(shape, String):
            width = stringWidth(shape.text, shape.fontName, shape.fontSize)
            left = shape.x - {"start": 0.0, "middle": width / 2, "end": width}[shape.textAnchor]
            yield shape.text, left, left + width
        elif isinstance(shape, Rect):
            yield "swatch", shape.x, shape.x + shape.width


def test_the_ranking_chart_and_its_legend_stay_within_the_page_in_every_language() -> None:
    from reportlab.lib.pagesizes import A4

    from desktop import i18n
    from desktop.models.selection import QUANTITATIVE, CriterionGroup
    from desktop.reports.document import PAGE_MARGIN
    from desktop.reports.selection_report import ranking_chart

    width = A4[0] - 2 * PAGE_MARGIN
    parts = {QUANTITATIVE: 20.0, **{group.value: 15.0 for group in CriterionGroup}}
    bars = [("Alphaville", parts), ("אופקים", dict.fromkeys(parts, 25.0))]
    for language in ("he", "ar", "en"):
        i18n.set_language(language)
        try:
            drawing = ranking_chart(bars, width, i18n.is_rtl(language))
        finally:
            i18n.set_language("he")
        outside = [
            (text, round(left), round(right))
            for text, left, right in _extents(drawing)
            if left < -0.01 or right > width + 0.01
        ]
        assert outside == [], language
        legend = [shape for shape in drawing.contents if getattr(shape, "y", 99) < 16 * 4]
        assert legend, language
