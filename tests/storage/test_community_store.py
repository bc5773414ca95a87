"""Learning communities in storage, on a workspace file and on a team server."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.models.community import Community, Member
from desktop.storage.community_store import (
    delete_community,
    list_communities,
    load_community,
    save_community,
)
from desktop.storage.concurrency import ConcurrentEdit
from desktop.storage.reference_store import RecordNotFound


def test_save_list_load_delete(workspace) -> None:  # type: ignore[no-untyped-def]
    community = Community(
        "קהילת חינוך", profession="חינוך", period_start=date(2025, 9, 1), period_end=date(2026, 7, 31)
    )
    community.members.append(Member("p1", "a1", "מנהלת אגף"))
    community_id = save_community(workspace, community)
    summary = list_communities(workspace)[-1]
    assert (summary.id, summary.name, summary.members, summary.period) == (
        community_id,
        "קהילת חינוך",
        1,
        "2025-2026",
    )
    assert load_community(workspace, community_id) == community
    delete_community(workspace, community_id)
    with pytest.raises(RecordNotFound):
        load_community(workspace, community_id)


def test_a_second_save_over_someone_elses_is_refused_with_theirs(workspace) -> None:  # type: ignore[no-untyped-def]
    community_id = save_community(workspace, Community("קהילה"))
    mine = load_community(workspace, community_id)
    theirs = load_community(workspace, community_id)  # someone else, at the same time
    theirs.profession = "פיתוח כלכלי"
    save_community(workspace, theirs, community_id)
    mine.name = "קהילה לומדת"
    with pytest.raises(ConcurrentEdit) as refused:
        save_community(workspace, mine, community_id)
    assert refused.value.theirs.profession == "פיתוח כלכלי"
    assert load_community(workspace, community_id).name == "קהילה"  # nothing overwritten
    save_community(workspace, mine, community_id, expected_version=refused.value.version)
    stored = load_community(workspace, community_id)
    assert (stored.name, stored.profession) == ("קהילה לומדת", "")


def test_the_people_a_community_shows_are_read_in_one_query(workspace) -> None:  # type: ignore[no-untyped-def]
    """Read as objects, each person's organisation was loaded on its own: opening a community
    of a foundation's workspace (20,000 people) took 1.5 s."""
    from typing import Any

    from sqlalchemy import event

    from desktop.models.records import RecordKind
    from desktop.storage.community_store import people_facts
    from desktop.storage.reference_store import save_record

    organisations = [
        save_record(workspace, RecordKind.ORGANISATION, {"name": f"ארגון {n}", "sector": "ngo"})
        for n in range(3)
    ]
    for n in range(12):
        save_record(
            workspace,
            RecordKind.PERSON,
            {"full_name": f"אדם {n:02d}", "organisation": organisations[n % 3] if n % 4 else None},
        )
    statements: list[str] = []

    def seen(_connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(workspace.engine, "before_cursor_execute", seen)
    try:
        facts = people_facts(workspace)
    finally:
        event.remove(workspace.engine, "before_cursor_execute", seen)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1, selects
    assert [f.full_name for f in facts.values()] == [f"אדם {n:02d}" for n in range(12)]
    assert [f.organisation for f in facts.values()][:5] == ["", "ארגון 1", "ארגון 2", "ארגון 0", ""]
