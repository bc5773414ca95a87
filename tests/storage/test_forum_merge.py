"""Several laptops, one session: ideas, check-ins and votes typed on two laptops for the same
forum merge (united by id) instead of one laptop's copy refusing or replacing the other's,
on the team server (both backends) and through an exchange file."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models import exchange as ex
from desktop.models.forum import Forum, merge_forums, sessions_from_template
from desktop.storage import exchange as sx
from desktop.storage import forum_store
from desktop.storage.concurrency import ConcurrentEdit
from desktop.storage.workspace import Workspace, create_workspace
from tests.conftest import open_location


@pytest.fixture
def two_laptops(any_workspace, workspace_location: Path | str):  # type: ignore[no-untyped-def]
    """The same workspace open twice, as on two table facilitators' laptops."""
    other = open_location(workspace_location)
    yield any_workspace, other
    other.close()


def _forum() -> Forum:
    forum = Forum("פורום עיצוב ירוחם", sessions=sessions_from_template("stem", "he"))
    for name in ("דנה כהן", "עומר חלבי", "מאיה לוי"):
        forum.add_participant(name)
    return forum


def _texts(forum: Forum) -> set[str]:
    return {idea.text for idea in forum.session_ideas(1)}


def test_forum_merge_on_the_team_server_keeps_both_laptops_ideas(two_laptops) -> None:  # type: ignore[no-untyped-def]
    dana, omer = two_laptops
    forum_id = forum_store.save_forum(dana, _forum())
    danas = forum_store.load_forum(dana, forum_id)
    omers = forum_store.load_forum(omer, forum_id)
    for number in range(200):
        danas.add_idea(1, 1, f"שולחן 1 רעיון {number}", "1")
        omers.add_idea(1, 1, f"שולחן 2 רעיון {number}", "2")
        if number % 20 == 0:  # both save as they type, each meeting the other's saves
            forum_store.save_forum(dana, danas, forum_id)
            forum_store.save_forum(omer, omers, forum_id)
    danas.check_in(danas.participants[0].id, 1)
    omers.check_in(omers.participants[1].id, 1)
    cluster = omers.new_cluster(1, "הסעות")
    moved = next(i for i in omers.session_ideas(1) if i.text == "שולחן 2 רעיון 199")
    omers.assign([moved.id], cluster.id)
    omers.vote_by_table(1, "2", {cluster.id: 3}, 2)
    forum_store.save_forum(omer, omers, forum_id)
    gone = danas.session_ideas(1)[0]
    danas.delete_idea(gone.id)
    forum_store.save_forum(dana, danas, forum_id)  # no whole-document conflict: merged
    forum_store.save_forum(omer, omers, forum_id)

    for laptop in (dana, omer):
        stored = forum_store.load_forum(laptop, forum_id)
        assert len(stored.session_ideas(1)) == 399
        assert gone.text not in _texts(stored)  # deleted on one laptop: not brought back
        assert {p.name for p in stored.attendance(1)} == {"דנה כהן", "עומר חלבי"}
        assert stored.session_votes(1).by_table == {"2": {cluster.id: 3}}
        assert stored.idea(moved.id).cluster == cluster.id
    # the laptop's own copy took the other's ideas too
    assert _texts(danas) == _texts(forum_store.load_forum(omer, forum_id))


def test_forum_merge_still_says_when_the_forum_was_deleted(two_laptops) -> None:  # type: ignore[no-untyped-def]
    dana, omer = two_laptops
    forum_id = forum_store.save_forum(dana, _forum())
    danas = forum_store.load_forum(dana, forum_id)
    forum_store.delete_forum(omer, forum_id)
    danas.add_idea(1, 1, "רעיון")
    with pytest.raises(ConcurrentEdit):
        forum_store.save_forum(dana, danas, forum_id)


def test_forum_merge_through_an_exchange_file(any_workspace: Workspace, tmp_path: Path) -> None:
    laptop = create_workspace(tmp_path / "laptop.shutafut")
    try:
        forum_id = forum_store.save_forum(laptop, _forum())
        out = tmp_path / f"forum{ex.EXTENSION}"
        sx.export_exchange(laptop, out, ex.Scope.EVERYTHING, "")
        sx.apply_import(any_workspace, sx.plan_import(any_workspace, out))
        [summary] = forum_store.list_forums(any_workspace)
        here = forum_store.load_forum(any_workspace, summary.id)
        there = forum_store.load_forum(laptop, forum_id)
        for number in range(200):
            here.add_idea(1, 1, f"כאן {number}", "1")
            there.add_idea(1, 1, f"שם {number}", "2")
        here.check_in(here.participants[0].id, 1)
        there.check_in(there.participants[2].id, 1)
        forum_store.save_forum(any_workspace, here, summary.id)
        forum_store.save_forum(laptop, there, forum_id)
        out.unlink()
        sx.export_exchange(laptop, out, ex.Scope.EVERYTHING, "")

        plan = sx.plan_import(any_workspace, out)
        assert not plan.conflicts  # not the whole forum to choose one side of
        sx.apply_import(any_workspace, plan)
        merged = forum_store.load_forum(any_workspace, summary.id)
        assert len(merged.session_ideas(1)) == 400
        assert {p.name for p in merged.attendance(1)} == {"דנה כהן", "מאיה לוי"}
        # the same file again changes nothing and loses nothing
        sx.apply_import(any_workspace, sx.plan_import(any_workspace, out))
        assert len(forum_store.load_forum(any_workspace, summary.id).session_ideas(1)) == 400
    finally:
        laptop.close()


def test_forum_merge_without_a_common_copy_keeps_deletions_and_both_sides() -> None:
    mine = _forum()
    theirs = Forum.from_json(mine.to_json())
    kept = mine.add_idea(1, 1, "רעיון משותף")
    theirs.ideas.append(Forum.from_json(mine.to_json()).idea(kept.id))
    mine.delete_idea(kept.id)
    theirs.add_idea(1, 1, "רק שם")
    merged = merge_forums(mine, theirs)
    assert _texts(merged) == {"רק שם"}
    assert merged.log == sorted(merged.log, key=lambda entry: entry[:16])


def test_forum_merge_of_a_live_change_saved_over_another_laptops(two_laptops) -> None:  # type: ignore[no-untyped-def]
    """The facilitation window saves with the live parts it encoded for undo; a save that has to
    merge writes the merged forum, not that encoding."""
    dana, omer = two_laptops
    forum_id = forum_store.save_forum(dana, _forum())
    danas = forum_store.load_forum(dana, forum_id)
    omers = forum_store.load_forum(omer, forum_id)
    omers.add_idea(1, 1, "של עומר")
    forum_store.save_forum(omer, omers, forum_id)
    danas.add_idea(1, 1, "של דנה")
    danas.use_live_json(danas.live_json())
    forum_store.save_forum(dana, danas, forum_id)
    danas.use_live_json(None)
    assert _texts(forum_store.load_forum(omer, forum_id)) == {"של עומר", "של דנה"}
