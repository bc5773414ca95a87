"""A feature's list read again parses only the documents changed since (issue 16: a
foundation's hundred forums were parsed whole each time their list was shown or an editor
closed, 0.3 s on the window's thread)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.models.agreement import Agreement
from desktop.models.forum import Forum
from desktop.storage.agreement_store import list_agreements, save_agreement
from desktop.storage.forum_store import delete_forum, list_forums, load_forum, save_forum
from desktop.storage.workspace import Workspace


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The forum documents parsed, in order (their titles)."""
    titles: list[str] = []
    real = Forum.from_json.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Forum], text: str) -> Forum:
        forum = real(cls, text)
        titles.append(forum.title)
        return forum

    monkeypatch.setattr(Forum, "from_json", classmethod(counted))
    yield titles


def test_a_forum_list_parses_only_what_changed_since(workspace: Workspace, parsed: list[str]) -> None:
    ids = [save_forum(workspace, Forum(title)) for title in ("אופקים", "שדרות", "נתיבות")]
    assert [(s.title, s.ideas) for s in list_forums(workspace)] == [
        ("אופקים", 0),
        ("שדרות", 0),
        ("נתיבות", 0),
    ]
    assert sorted(parsed) == ["אופקים", "נתיבות", "שדרות"]
    parsed.clear()
    assert len(list_forums(workspace)) == 3 and parsed == []  # nothing changed: nothing parsed
    forum = load_forum(workspace, ids[1])
    forum.add_idea(1, 0, "מרכז צעירים")
    save_forum(workspace, forum, ids[1])
    parsed.clear()
    assert [s.ideas for s in list_forums(workspace)] == [0, 1, 0]
    assert parsed == ["שדרות"]
    delete_forum(workspace, ids[2])
    made_after = save_forum(workspace, Forum("ירוחם"))  # (a file's SQLite may give the id again)
    parsed.clear()
    assert [(s.id, s.title) for s in list_forums(workspace)] == [
        (ids[0], "אופקים"),
        (ids[1], "שדרות"),
        (made_after, "ירוחם"),
    ]
    assert parsed == ["ירוחם"]


def test_an_agreement_list_counts_its_versions_as_they_change(workspace: Workspace) -> None:
    from datetime import date

    from desktop.models.mou_versions import freeze_version

    agreement = Agreement.new("he")
    agreement_id = save_agreement(workspace, agreement)
    assert [s.versions for s in list_agreements(workspace)] == [0]
    agreement.versions.append(freeze_version(agreement.draft, [], date(2026, 11, 1)))
    save_agreement(workspace, agreement, agreement_id)
    assert [s.versions for s in list_agreements(workspace)] == [1]
