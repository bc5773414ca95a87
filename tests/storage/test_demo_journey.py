"""The demo covers the whole path (issue 18): every section has content, every document of the
registry prints from it with --id 1 and reads back, and the content follows the seeds."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models.flags import Flag
from desktop.models.records import RecordKind
from desktop.reports.registry import KINDS
from desktop.storage import reference_store
from desktop.storage.demo import DEMO_MARK, create_demo_workspace
from tests.reports.pdf_tools import needs_poppler, pdf_lines

# The options each document needs besides --id 1 (the demo's numbers).
OPTIONS = {
    "mou": ["--version", "2"],
    "forum-agenda": ["--session", "2"],
    "forum-agenda-facilitator": ["--session", "3"],
    "forum-summary": ["--session", "1"],
    "flags-diagnosis": ["--diagnosis", "2"],
    "flags-sheet": ["--item", "1"],
    "meeting-plan": ["--meeting", "8"],
    "journey": ["--town", "אופקים"],
    "forum-sign-in": ["--session", "1"],
}
# A text each document must show, read back from the PDF.
EXPECTED = {
    "summary": "אשכול נגב מערבי",
    "selection": "אופקים",
    "mou": "אופקים",
    "forum-agenda": "מעבדים את המיפוי",
    "forum-agenda-facilitator": "תמונת עתיד",
    "forum-summary": "תפיסת STEM משותפת גובשה",
    "shared-agenda": "רצף חינוכי במדעים",
    "flags-diagnosis": "מרכז אפ 60+",
    "flags-sheet": "מרכז אפ 60+",
    "flags-workplan": "מיכל אברהמי",
    "forum-sign-in": "עיריית אופקים",
    "forum-name-tags": "אסף ממן",
    "cluster-profile": "הרשות היוזמת",
    "guidance-needs": "אורבניקס",
    "collective-plan": "משה אזולאי",
    "investment-portfolio": "כסף חדש",
    "outcomes-compass": "רצף חינוכי במדעים",
    "syllabus": "נכסים מניבים",
    "meeting-plan": "ניהול אמיץ ויוזם",
    "work-teams": "עדיין אין צוותי עבודה",
    "journey": "אין סיכום למפגש 4",
}


def _shows(pdf: Path, expected: str) -> bool:
    """Whether one line of the PDF holds every word of `expected` (Poppler's raw text may give
    a right-to-left line's words in either order)."""
    words = set(re.findall(r"\w+", expected))
    return any(words <= set(re.findall(r"\w+", line)) for line in pdf_lines(pdf))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.shutafut"
    assert main(["demo", str(path)]) == 0
    return path


@needs_poppler
@pytest.mark.parametrize("key", [kind.key for kind in KINDS])
def test_every_document_prints_from_the_demo_with_id_1_and_reads_back(
    demo: Path, tmp_path: Path, key: str
) -> None:
    kind = next(k for k in KINDS if k.key == key)
    out = tmp_path / f"{key}.pdf"
    record = ["--id", "1"] if kind.needs_record else []
    arguments = ["pdf", key, "--workspace", str(demo), *record, *OPTIONS.get(key, []), "--out", str(out)]
    assert main(["--lang", "he", *arguments]) == 0
    assert _shows(out, EXPECTED[key]), key


@needs_poppler
@pytest.mark.parametrize(
    "where, expected",
    [
        (["--town", "Ofakim"], "מסמך הבנות"),  # a town by any of its names
        (["--cluster", "אשכול נגב מערבי"], "שירות למיקוד: מרכז אפ 60+"),
    ],
)
def test_the_journey_report_of_a_town_and_of_a_cluster(
    demo: Path, tmp_path: Path, where: list[str], expected: str
) -> None:
    out = tmp_path / "journey.pdf"
    assert main(["pdf", "journey", "--workspace", str(demo), *where, "--out", str(out)]) == 0
    assert _shows(out, expected)


def test_the_journey_report_names_one_town_or_cluster(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "journey.pdf"
    base = ["--lang", "en", "pdf", "journey", "--workspace", str(demo), "--out", str(out)]
    assert main([*base, "--town", "Nowhere"]) != 0
    assert "No town named Nowhere is being worked with" in capsys.readouterr().err
    assert main(base) != 0
    assert "--town" in capsys.readouterr().err
    assert not out.exists()


@needs_poppler
def test_the_year_two_community_prints_its_work_teams(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "teams.pdf"
    arguments = ["pdf", "work-teams", "--workspace", str(demo), "--id", "2", "--out", str(out)]
    assert main(arguments) == 0
    assert _shows(out, "ארגז כלים לעסקים קטנים")


def test_the_demo_follows_the_seeds_path(tmp_path: Path) -> None:
    from desktop.models.mou_process import AgreementStage
    from desktop.storage.agreement_store import load_agreement
    from desktop.storage.flags_store import load_flags_work
    from desktop.storage.forum_store import load_forum
    from desktop.storage.selection_store import load_process

    workspace = create_demo_workspace(tmp_path / "demo.shutafut", whole_path=True)
    names = dict(reference_store.choices(workspace, RecordKind.AUTHORITY))
    process = load_process(workspace, 1)
    agreement = load_agreement(workspace, 1)
    forum = load_forum(workspace, 1)
    flags = load_flags_work(workspace, 1)
    clusters = dict(reference_store.choices(workspace, RecordKind.CLUSTER))
    workspace.close()

    # Selection: a team of raters, the rubric scored, a decision.
    assert len(process.team) >= 3 and [names[u] for u in process.chosen] == ["אופקים"]
    assert process.decided_on is not None and process.scores
    # The agreement with that town: four stages dated in order, two sent versions, one signed.
    assert names[agreement.draft.parties.authority_uuid or ""] == "אופקים"
    assert agreement.selection_id == 1
    assert all(agreement.process.record(stage).held_on for stage in AgreementStage)
    assert [v.number for v in agreement.versions] == [1, 2]
    assert [v.is_signed for v in agreement.versions] == [False, True]
    # The design forum: the seed's STEM example, four sessions held, a shared agenda of 4-6
    # focus areas with professional teams of 10-15 led by someone from the authority.
    assert forum.place_of == "אופקים" and len(forum.sessions) == 4
    assert forum.sessions[0].title == "גיבוש תפיסת STEM יישובית"
    assert all(s.held_on for s in forum.sessions)
    assert 4 <= len(forum.agenda) <= 6
    for area in forum.agenda:
        assert 10 <= len(area.team) <= 15
        assert forum.participant(area.lead or "").sector == "local_authority"
    assert all(p.name.endswith(DEMO_MARK) for p in forum.participants)
    # Flags: Western Negev's focus service and flagship programme (seed 000 l.652-656).
    assert clusters[flags.cluster] == "אשכול נגב מערבי"
    focus = [i.name for i in flags.items if i.focus_service]
    flagship = [i.name for i in flags.items if i.flagship]
    assert focus == ["מרכז אפ 60+"] and flagship == ["מובילים תרבות"]
    diagnoses = flags.item_diagnoses("demo-up60")
    assert len(diagnoses) == 2
    first, second = (date.fromisoformat(d.held_on) for d in diagnoses)
    assert 330 <= (second - first).days <= 400  # a year apart
    assert all(d.final for d in diagnoses)
    assert any(plan.actions for plan in flags.plans if plan.flag == Flag.DIVERSITY.value)


def test_the_overview_counts_its_documents_and_stops_when_cancelled(demo: Path) -> None:
    """The home screen reads a large workspace's overview in the background and stops it when
    the workspace closes: a cancelled Progress stops it at the next document."""
    from desktop.progress import Cancelled, Progress
    from desktop.storage.journey_store import document_count, overview
    from desktop.storage.workspace import open_workspace

    workspace = open_workspace(demo)
    try:
        assert document_count(workspace) >= 4  # a process, an agreement, a forum, a community
        assert overview(workspace, date(2026, 12, 1), Progress()).towns
        stopped = Progress()
        stopped.cancel()
        with pytest.raises(Cancelled):
            overview(workspace, date(2026, 12, 1), stopped)
    finally:
        workspace.close()


def test_the_plain_reads_of_the_home_screen_agree_with_sqlalchemy_on_the_demo(demo: Path) -> None:
    """What the window reads before SQLAlchemy loads (Workspace.read, plain sqlite3) is what the
    tables read through SQLAlchemy say about the same demo."""
    from sqlalchemy import func, select

    from desktop.storage.first_run import has_authorities
    from desktop.storage.journey_store import DOCUMENT_TABLES, document_count
    from desktop.storage.tables import (
        AgreementRecord,
        CommunityRecord,
        ForumRecord,
        SelectionRecord,
        WorkspaceInfo,
    )
    from desktop.storage.workspace import open_workspace

    documents = (SelectionRecord, AgreementRecord, ForumRecord, CommunityRecord)
    assert tuple(table.__tablename__ for table in documents) == DOCUMENT_TABLES
    workspace = open_workspace(demo, read_only=True)
    try:
        with workspace.session() as session:
            counted = sum(int(session.scalar(select(func.count()).select_from(t)) or 0) for t in documents)
            facts = {row.key: row.value for row in session.scalars(select(WorkspaceInfo))}
        assert document_count(workspace) == counted >= 4
        assert has_authorities(workspace) is bool(reference_store.choices(workspace, RecordKind.AUTHORITY))
        assert has_authorities(workspace)
        assert facts["demo"] == "1" and workspace.is_demo
        assert {key: workspace.info(key) for key in facts} == facts
    finally:
        workspace.close()


def test_importing_for_the_overview_tries_again_after_a_reported_import_deadlock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two threads importing the same modules in another order can make Python report a
    deadlock in one of them (RuntimeError): the home screen's reading tries again, and gives up
    (raising) only when it keeps failing."""
    import importlib

    from desktop.storage import journey_store

    real = importlib.import_module
    failures = {"desktop.models.journey": 1}

    def flaky(name: str) -> object:
        if failures.get(name, 0) > 0:
            failures[name] -= 1
            raise RuntimeError(f"deadlock detected by _ModuleLock('{name}')")
        return real(name)

    monkeypatch.setattr(journey_store.time, "sleep", lambda _seconds: None)
    monkeypatch.setattr(importlib, "import_module", flaky)
    journey_store.import_overview_modules()
    assert failures["desktop.models.journey"] == 0
    failures["desktop.models.journey"] = 3
    with pytest.raises(RuntimeError, match="deadlock"):
        journey_store.import_overview_modules()
