"""A feature's list reads what it shows of each document in the database, not the documents
whole (issue 16: a foundation's hundred forums were parsed whole each time their list was
first shown, 0.12-0.3 s on the window's thread), on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from desktop.models.agreement import Agreement
from desktop.models.forum import Forum
from desktop.models.mou import PersonRef
from desktop.models.mou_process import AgreementStage, StageRecord, process_status
from desktop.models.mou_versions import freeze_version
from desktop.storage.agreement_store import list_agreements, load_agreement, save_agreement
from desktop.storage.document_store import DocumentPart
from desktop.storage.forum_store import delete_forum, list_forums, load_forum, save_forum
from desktop.storage.workspace import Workspace


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The forum and agreement documents read whole, in order (their kinds)."""
    kinds: list[str] = []
    forum, agreement = Forum.from_json.__func__, Agreement.from_json.__func__  # type: ignore[attr-defined]

    def counted_forum(cls: type[Forum], text: str) -> Forum:
        kinds.append("forum")
        return forum(cls, text)

    def counted_agreement(cls: type[Agreement], text: str) -> Agreement:
        kinds.append("agreement")
        return agreement(cls, text)

    monkeypatch.setattr(Forum, "from_json", classmethod(counted_forum))
    monkeypatch.setattr(Agreement, "from_json", classmethod(counted_agreement))
    yield kinds


def test_a_forum_list_counts_in_the_database(workspace: Workspace, parsed: list[str]) -> None:
    ids = [save_forum(workspace, Forum(title)) for title in ("אופקים", "שדרות", "נתיבות")]
    forum = load_forum(workspace, ids[1])
    forum.add_participant("דנה כהן")
    forum.add_participant("סמיר חורי")
    forum.add_idea(1, 0, "מרכז צעירים")
    save_forum(workspace, forum, ids[1])
    delete_forum(workspace, ids[2])
    made_after = save_forum(workspace, Forum("ירוחם"))  # (a file's SQLite may give the id again)
    parsed.clear()
    assert [(s.id, s.title, s.participants, s.ideas) for s in list_forums(workspace)] == [
        (ids[0], "אופקים", 0, 0),
        (ids[1], "שדרות", 2, 1),
        (made_after, "ירוחם", 0, 0),
    ]
    assert parsed == []


def test_an_agreement_list_reads_its_stages_and_versions_in_the_database(
    workspace: Workspace, parsed: list[str]
) -> None:
    agreement = Agreement.new("he")
    agreement_id = save_agreement(workspace, agreement)
    today = date(2026, 11, 20)
    [summary] = list_agreements(workspace, today)
    assert summary.versions == 0
    assert summary.stage_summary == process_status(agreement.process, today).summary()
    agreement.versions.append(freeze_version(agreement.draft, [], date(2026, 11, 1)))
    held = StageRecord(AgreementStage.INTRODUCTION, date(2026, 11, 5), (PersonRef("דנה כהן", None),), "פגישה")
    agreement.process = agreement.process.with_record(held)
    save_agreement(workspace, agreement, agreement_id)
    parsed.clear()
    [summary] = list_agreements(workspace, today)
    assert parsed == []
    stored = load_agreement(workspace, agreement_id)
    assert summary.versions == 1
    assert summary.stage_summary == process_status(stored.process, today).summary()
    assert summary.stage_summary != process_status(Agreement.new("he").process, today).summary()


def test_a_record_with_no_document_lists_with_nothing_in_it(workspace: Workspace) -> None:
    from sqlalchemy import update

    from desktop.storage.tables import AgreementRecord, ForumRecord

    save_forum(workspace, Forum("ריק"))
    save_forum(workspace, Forum("חסר"))
    save_agreement(workspace, Agreement.new("he"))
    with workspace.engine.begin() as connection:  # (as an older or another program may have left them)
        connection.execute(update(ForumRecord).where(ForumRecord.title == "ריק").values(state=""))
        connection.execute(update(ForumRecord).where(ForumRecord.title == "חסר").values(state="{}"))
        connection.execute(update(AgreementRecord).values(state=""))
    listed = [(s.title, s.participants, s.ideas) for s in list_forums(workspace)]
    assert listed == [("ריק", 0, 0), ("חסר", 0, 0)]
    [agreement] = list_agreements(workspace)
    assert agreement.versions == 0


def test_a_document_part_is_named_by_a_key_written_as_is_into_the_sql() -> None:
    assert DocumentPart("ideas", length=True).key == "ideas"
    with pytest.raises(ValueError, match="not a document key"):
        DocumentPart("ideas') --")
