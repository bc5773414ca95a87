"""The MOU PDF: numbered clauses, budget annex with totals, signature page, draft watermark."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from desktop.models.agreement import Agreement
from desktop.models.mou import Parties
from desktop.models.mou_budget import with_amount
from desktop.models.mou_draft import with_parties, with_timeframe
from desktop.models.mou_timeline import Timeframe
from desktop.models.mou_versions import freeze_version, mark_signed
from desktop.models.records import RecordKind
from desktop.storage.agreement_store import party_names, save_agreement
from desktop.storage.demo import create_demo_workspace
from desktop.storage.reference_store import choices
from tests.reports.pdf_tools import drawn_lines, needs_poppler, pdf_pages, print_document

pytestmark = needs_poppler


def _agreement(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    authorities = {name: uuid for uuid, name in choices(workspace, RecordKind.AUTHORITY)}
    organisations = {name: uuid for uuid, name in choices(workspace, RecordKind.ORGANISATION)}
    agreement = Agreement.new("he")
    draft = with_parties(
        agreement.draft,
        Parties(authorities["שדרות"], organisations["תקווה ישראלית – צוות המיזם"], (), 90, ""),
    )
    draft = with_timeframe(draft, Timeframe(date(2027, 1, 1), 5))
    budget = draft.budget
    for year in budget.years:
        budget = with_amount(budget, year, "authority", 12_345_600)
    agreement.draft = dataclasses.replace(draft, budget=budget)
    return workspace, agreement


def test_draft_pdf_has_numbered_clauses_budget_totals_and_a_watermark(tmp_path: Path) -> None:
    workspace, agreement = _agreement(tmp_path)
    agreement_id = save_agreement(workspace, agreement)
    out = tmp_path / "mou.pdf"
    print_document(workspace, "mou", agreement_id, out)
    text = "\n".join(pdf_pages(out))
    assert "טיוטה" in text  # the watermark on an unsent draft
    lines = drawn_lines(out)
    # 123,456 ₪ a year for five years: the total 617,280 ₪, drawn with ₪ on the left.
    assert any("₪ 617,280.00" in line for line in lines)
    # Clause numbering is checked line by line in test_sections.py (a date also contains " 1.1").
    workspace.close()


def test_signed_version_prints_without_watermark(tmp_path: Path) -> None:
    workspace, agreement = _agreement(tmp_path)
    version = freeze_version(
        agreement.draft, [], date(2026, 11, 1), names=party_names(workspace, agreement.draft)
    )
    agreement.versions.append(mark_signed(version, date(2026, 11, 20)))
    agreement_id = save_agreement(workspace, agreement)
    out = tmp_path / "signed.pdf"
    print_document(workspace, "mou", agreement_id, out, version=1)
    assert "טיוטה" not in "\n".join(pdf_pages(out))
    workspace.close()


def test_cli_prints_the_mou_and_refuses_unknown_numbers(tmp_path: Path) -> None:
    from desktop.cli import main

    workspace, agreement = _agreement(tmp_path)
    agreement_id = save_agreement(workspace, agreement)
    workspace.close()
    path = str(tmp_path / "demo.shutafut")
    out = tmp_path / "cli.pdf"
    assert main(["pdf", "mou", "--workspace", path, "--id", str(agreement_id), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["pdf", "mou", "--workspace", path, "--id", "77", "--out", str(out)]) == 1
    assert (
        main(
            [
                "pdf",
                "mou",
                "--workspace",
                path,
                "--id",
                str(agreement_id),
                "--version",
                "3",
                "--out",
                str(out),
            ]
        )
        == 1
    )
