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


def _words(line: str) -> set[str]:
    return set(line.split())


def test_a_signed_version_says_so_and_every_page_carries_its_version(tmp_path: Path) -> None:
    workspace, agreement = _agreement(tmp_path)
    version = freeze_version(
        agreement.draft, [], date(2026, 11, 1), names=party_names(workspace, agreement.draft)
    )
    agreement.versions.append(mark_signed(version, date(2026, 11, 20)))
    agreement_id = save_agreement(workspace, agreement)
    out = tmp_path / "signed.pdf"
    print_document(workspace, "mou", agreement_id, out, version=1)
    pages = pdf_pages(out)
    # The title page says it is signed and when (".20.11.2026-ב נחתמה" as Poppler reads it).
    assert any(_words(line) == {"נחתמה", ".20.11.2026-ב"} for line in pages[0].splitlines()), pages[0]
    for page in pages:  # the running header: the title, the authority, the version, signed
        assert any({"גרסה", "נחתמה", "20.11.2026-ב", "שדרות"} <= _words(line) for line in page.splitlines())
    workspace.close()


def test_every_signatory_has_a_block_to_sign_and_date(tmp_path: Path) -> None:
    workspace, agreement = _agreement(tmp_path)
    agreement_id = save_agreement(workspace, agreement)
    out = tmp_path / "mou.pdf"
    print_document(workspace, "mou", agreement_id, out)
    lines = [line for page in pdf_pages(out)[-2:] for line in page.splitlines()]
    signatories = agreement.draft.signatories
    assert signatories
    assert sum(1 for line in lines if _words(line) == {"חתימה", "תאריך"}) == len(signatories), lines
    for signatory in signatories:
        role = signatory.title or signatory.role.label
        words = {word for word in role.split() if "/" not in word}  # Poppler turns "מנהל/ת" round
        assert any(words <= _words(line.replace(",", " ")) for line in lines), role
    workspace.close()


def test_an_unnamed_chair_is_still_to_be_decided_not_an_ellipsis(tmp_path: Path) -> None:
    workspace, agreement = _agreement(tmp_path)
    assert any(not body.chair for body in agreement.draft.bodies)
    agreement_id = save_agreement(workspace, agreement)
    out = tmp_path / "mou.pdf"
    print_document(workspace, "mou", agreement_id, out)
    text = "\n".join(pdf_pages(out))
    assert "…" not in text
    assert ';בהמשך ייקבע :יו"ר' in text  # the clause ('יו"ר: ייקבע בהמשך;' read back by Poppler)
    assert "6 בהמשך ייקבע 10-15 היגוי ועדת" in text  # the governance annex's table
    workspace.close()
