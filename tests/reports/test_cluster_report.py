"""The cluster documents from the demo's Western Negev: the profile and the guidance needs,
their content and reading order, in Hebrew; `shutafut-cli pdf cluster-profile --cluster`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.documents import export_document, suggested_file_name
from desktop.reports.bidi_text import to_visual
from desktop.storage.cluster_store import list_profiles, load_profile, profile_by_cluster_name
from desktop.storage.demo import create_demo_workspace
from desktop.storage.workspace import Workspace
from tests.reports.pdf_tools import drawn_lines, needs_poppler


def pdf_lines(path: Path) -> list[str]:
    """Each drawn line back in reading order (the bidi reordering undoes itself)."""
    return [to_visual(line, True) for line in drawn_lines(path)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Workspace]]:
    path = tmp_path_factory.mktemp("clusters") / "demo.shutafut"
    workspace = create_demo_workspace(path)
    from desktop.storage.demo_clusters import add_demo_services

    add_demo_services(workspace)
    yield path, workspace
    workspace.close()


def _index(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines) if text in line)


def test_the_demo_has_the_western_negevs_full_profile(demo: tuple[Path, Workspace]) -> None:
    _path, workspace = demo
    [summary] = list_profiles(workspace)
    assert summary.cluster == "אשכול נגב מערבי" and summary.founding_year == 2012
    profile = load_profile(workspace, summary.id)
    assert len(profile.goals) == 5 and profile.launch_date == "2013-03-18" and profile.launch_place == "רהט"
    assert set(profile.levels) == {"task", "strategic", "incubator"}
    assert {f.kind for f in profile.forums} >= {"professional", "coordinating", "board"}
    assert profile.accompanying_body and profile.chair and profile.ceo and profile.chair_style
    assert [(m.as_of, len(m.members)) for m in profile.memberships] == [("2013", 9), ("2021", 11)]
    assert "לקיה" in profile.membership_note
    assert len(profile.services) == 2 and len(profile.needs) >= 8  # services: add_demo_services
    assert profile_by_cluster_name(workspace, "אשכול  נגב מערבי") == summary.id


@needs_poppler
def test_the_profile_pdf_in_reading_order(demo: tuple[Path, Workspace], tmp_path: Path) -> None:
    _path, workspace = demo
    out = tmp_path / "profile.pdf"
    export_document(workspace, "cluster-profile", 1, out, "he")
    lines = pdf_lines(out)
    text = "\n".join(lines)
    assert "פרופיל אשכול: אשכול נגב מערבי" in lines[0]
    order = [
        "הקמה",
        "מטרות",
        "אירוע השקה",
        "שלוש רמות העבודה",
        "פורומים",
        "הגוף המלווה",
        "דירקטוריון ראשי הרשויות והקשר",
        "חברוּת באשכול",
        "הגדרת האשכול",
        "שירותים",
        "צרכי ליווי והדרכה",
    ]
    positions = [_index(lines, heading) for heading in order]
    assert positions == sorted(positions)
    assert "אופקים" in text and "18.3.2013" in text and "הפורום המתאם" in text
    assert "2013 (9 רשויות" in text and "2021 (11 רשויות" in text
    assert "הצטרפו לקיה, חוף אשקלון" in text  # said, not only implied
    assert "11 רשויות; ההגדרה דורשת 5-10" in text and "לא מתקיים" in text
    assert "מרכז אפ 60+" in text and "שירותי ליבה במיפוי הדגלים" in text
    assert "עזרה ביצירת קשרים, רתימה ושיתופי פעולה" in text  # a need in the seed's words
    assert "גם מלווה וגם מפקח" in text


@needs_poppler
def test_the_guidance_comparison_pdf(demo: tuple[Path, Workspace], tmp_path: Path) -> None:
    _path, workspace = demo
    out = tmp_path / "needs.pdf"
    export_document(workspace, "guidance-needs", None, out, "he")
    lines = pdf_lines(out)
    text = "\n".join(lines)
    assert _index(lines, "שני הצרכים") < _index(lines, "השוואה בין האשכולות")
    assert "חשיפה שיטתית של האשכולות למשרדי הממשלה" in text
    assert "אשכול נגב מערבי: גבוהה" in text
    assert suggested_file_name(workspace, "guidance-needs", None).endswith(".pdf")
    assert suggested_file_name(workspace, "cluster-profile", 1).startswith("אשכול נגב מערבי")


def test_the_cli_prints_by_the_clusters_name(
    demo: tuple[Path, Workspace], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _workspace = demo
    out = tmp_path / "p.pdf"
    arguments = ["pdf", "cluster-profile", "--workspace", str(path), "--cluster", "אשכול נגב מערבי"]
    assert main([*arguments, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    out2 = tmp_path / "n.pdf"
    assert main(["pdf", "guidance-needs", "--workspace", str(path), "--out", str(out2)]) == 0
    assert out2.read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    missing = ["pdf", "cluster-profile", "--workspace", str(path), "--cluster", "אשכול הירח"]
    assert main(["--lang", "en", *missing, "--out", str(tmp_path / "x.pdf")]) == 1
    assert "No regional cluster called אשכול הירח has a profile" in capsys.readouterr().err
    assert main(["pdf", "cluster-profile", "--workspace", str(path), "--out", str(out)]) == 2  # no cluster
