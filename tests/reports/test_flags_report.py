"""Flags documents: the blank scoring sheet and the work plan with baseline and latest values."""

from __future__ import annotations

from pathlib import Path

from desktop.documents import flags_work_number
from desktop.models.flags import ClusterFlags, Flag, Goal, Item, Measure
from desktop.models.records import RecordKind
from desktop.storage.demo import create_demo_workspace
from desktop.storage.flags_store import save_cluster_flags
from desktop.storage.reference_store import choices
from tests.reports.pdf_tools import needs_poppler, pdf_pages, print_document

pytestmark = needs_poppler


def _cluster(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    cluster = next(u for u, n in choices(workspace, RecordKind.CLUSTER) if n == "אשכול נגב מערבי")
    flags = ClusterFlags(cluster, [Item("i1", "שירותי רווחה")])
    flags.plan("i1", Flag.INCLUSIVE_GROWTH).goals.append(
        Goal("השתתפות משפחות", 60, "%", "2027-01-01", Measure(35, "%", "2026-01-01"), 48)
    )
    save_cluster_flags(workspace, flags)
    return workspace, cluster


def test_blank_scoring_sheet_has_every_level_to_tick(tmp_path: Path) -> None:
    workspace, cluster = _cluster(tmp_path)
    out = tmp_path / "sheet.pdf"
    print_document(workspace, "flags-sheet", flags_work_number(workspace, cluster), out, item="i1")
    text = "\n".join(pdf_pages(out))
    assert text.count("סימון") == 4  # one table of levels to tick per flag
    assert "מכלילה" in text and "תרבותית" in text
    workspace.close()


def test_workplan_shows_baseline_against_latest(tmp_path: Path) -> None:
    workspace, cluster = _cluster(tmp_path)
    out = tmp_path / "plan.pdf"
    print_document(workspace, "flags-workplan", flags_work_number(workspace, cluster), out)
    words = set("\n".join(pdf_pages(out)).split())
    assert {"35%", "48%", "60%"} <= words
    workspace.close()
