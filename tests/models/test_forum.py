"""Design forum domain: roster, template sessions, agenda times, ideas, clusters, votes, agenda."""

from __future__ import annotations

import pytest

from desktop.models.forum import (
    Block,
    FocusArea,
    Forum,
    Participant,
    sector_balance,
    sessions_from_template,
    tally,
    timed_blocks,
    validate_agenda,
    validate_block,
)
from desktop.models.validation import ValidationError


def _forum() -> Forum:
    forum = Forum("פורום עיצוב שדרות", "STEM", "שדרות", sessions=sessions_from_template("stem", "he"))
    for name, sector in (
        ("דנה לוי", "local_authority"),
        ("אחמד חטיב", "residents"),
        ("רון כהן", "ngo"),
        ("מאיה פרץ", "residents"),
    ):
        forum.add_participant(name, sector=sector)
    return forum


def test_the_stem_template_gives_four_sessions_with_the_seed_goals() -> None:
    sessions = sessions_from_template("stem", "he")
    assert [s.title for s in sessions] == [
        "גיבוש תפיסת STEM יישובית",
        "מעבדים את המיפוי ומחלצים בעיות שורש",
        "תמונת עתיד",
        "מהדקים חיבורים",
    ]
    assert sessions[0].outputs[0] == "תפיסת STEM משותפת"


def test_a_participant_added_twice_is_refused() -> None:
    forum = _forum()
    with pytest.raises(ValidationError, match="כבר ברשימה"):
        forum.add_participant("  דנה   לוי ")
    assert len(forum.participants) == 4


def test_check_in_by_a_few_letters() -> None:
    forum = _forum()
    [found] = forum.find_participants("אחמ")
    forum.check_in(found.id, 1)
    forum.check_in(found.id, 1)
    assert [p.name for p in forum.attendance(1)] == ["אחמד חטיב"]


def test_agenda_times_and_warnings() -> None:
    session = sessions_from_template("stem", "he")[0]
    session.starts_at, session.length_minutes = "17:00", 120
    session.blocks = [Block("פתיחה", 30), Block("קבוצות", 100), Block("ריק", 0)]
    timed, warnings = timed_blocks(session)
    assert [(t.starts, t.ends) for t in timed] == [("17:00", "17:30"), ("17:30", "19:10"), ("19:10", "19:10")]
    assert len(warnings) == 2  # a zero-length block, and 130 minutes in a 120-minute session
    assert [e.field for e in validate_block("", -5)] == ["block.title", "block.minutes"]


def test_sector_balance_warns_about_missing_sectors() -> None:
    lines = {
        line.sector: line for line in sector_balance(_forum().participants, {"residents": 10, "business": 5})
    }
    assert lines["residents"].count == 2 and not lines["residents"].missing
    assert lines["business"].missing


def test_clusters_merge_and_split_with_a_log_and_votes_follow() -> None:
    forum = _forum()
    ideas = [forum.add_idea(1, 1, text) for text in ("מעבדת רובוטיקה", "חוג מדעים", "הסעות")]
    science = forum.new_cluster(1, "מדע")
    transport = forum.new_cluster(1, "תחבורה")
    forum.assign([ideas[0].id, ideas[1].id], science.id)
    forum.assign([ideas[2].id], transport.id)
    voter = forum.participants[0]
    forum.vote_by_participant(1, voter.id, {science.id: 2, transport.id: 1})
    with pytest.raises(ValidationError, match="3"):
        forum.vote_by_participant(1, voter.id, {science.id: 4})
    forum.merge_clusters(science.id, transport.id)
    assert {i.cluster for i in forum.session_ideas(1)} == {science.id}
    assert forum.session_votes(1).by_participant[voter.id] == {science.id: 3}
    split = forum.split_cluster(science.id, [ideas[2].id], "תחבורה ציבורית")
    assert forum.idea(ideas[2].id).cluster == split.id
    # 3 ideas added, 2 clusters created, 2 moves, votes, a merge, a creation and a split
    assert len(forum.log) == 11


def test_tally_marks_ties_and_breaks_down_by_sector() -> None:
    forum = _forum()
    a, b, c = (forum.new_cluster(1, name) for name in ("א", "ב", "ג"))
    resident, official = forum.participants[1], forum.participants[0]
    forum.vote_by_participant(1, resident.id, {a.id: 2, b.id: 1})
    forum.vote_by_participant(1, official.id, {b.id: 1})
    forum.vote_by_table(1, "3", {c.id: 5}, people_at_table=2)
    with pytest.raises(ValidationError):
        forum.vote_by_table(1, "4", {c.id: 7}, people_at_table=2)
    lines = tally(forum, 1)
    assert [(line.cluster.name, line.votes, line.place, line.tied) for line in lines] == [
        ("ג", 5, 1, False),
        ("א", 2, 2, True),
        ("ב", 2, 2, True),
    ]
    assert lines[1].by_sector == {"residents": 2}


def test_shared_agenda_limits_and_team_leads() -> None:
    forum = _forum()
    errors, _warnings = validate_agenda(forum)
    assert errors and errors[0].field == "agenda"
    forum.agenda = [FocusArea(str(n), f"תחום {n}") for n in range(7)]
    errors, warnings = validate_agenda(forum)
    assert not errors and "7" in warnings[0]
    area = forum.agenda[0]
    area.team = [forum.participants[0].id]
    area.lead = forum.participants[1].id
    errors, _warnings = validate_agenda(forum)
    assert errors[0].field == "agenda.0.lead"


def test_json_round_trip_keeps_everything() -> None:
    forum = _forum()
    idea = forum.add_idea(2, 1, "רעיון", table="3", author=forum.participants[0].id)
    cluster = forum.new_cluster(2, "אשכול")
    forum.assign([idea.id], cluster.id)
    forum.vote_by_table(2, "3", {cluster.id: 2}, people_at_table=1)
    again = Forum.from_json(forum.to_json())
    assert again == forum


def test_a_forum_saved_as_a_template_starts_the_next_forum(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.models.forum import template_from_forum, template_names
    from desktop.storage.forum_templates import load_own_templates, save_own_template

    forum = _forum()
    forum.session(2).blocks = [Block("עבודה בזוגות", 45, "זוגות")]
    with pytest.raises(ValidationError):
        template_from_forum(forum, "  ", "he")
    save_own_template(tmp_path, template_from_forum(forum, "התבנית של שדרות", "he"))
    own = load_own_templates(tmp_path)
    assert "התבנית של שדרות" in [name for _key, name in template_names("he", own)]
    sessions = sessions_from_template(own[0]["key"], "ar", own)  # falls back to Hebrew
    assert sessions[1].blocks[0].title == "עבודה בזוגות" and sessions[0].title == forum.session(1).title


def test_ranking_ballots_give_borda_points_and_follow_merges() -> None:
    from desktop.models.forum import ranking_tally

    forum = _forum()
    a, b, c = (forum.new_cluster(1, name) for name in ("א", "ב", "ג"))
    first, second = forum.participants[:2]
    forum.rank_clusters(1, first.id, [a.id, b.id, c.id])
    forum.rank_clusters(1, second.id, [b.id, a.id, c.id])
    with pytest.raises(ValidationError):
        forum.rank_clusters(1, second.id, [a.id, a.id])
    assert [(line.cluster.name, line.votes, line.tied) for line in ranking_tally(forum, 1)] == [
        ("א", 5, True),
        ("ב", 5, True),
        ("ג", 2, False),
    ]
    forum.merge_clusters(a.id, c.id)
    assert forum.session_votes(1).rankings[first.id] == [a.id, b.id]


def test_participant_lookup_follows_every_change_to_the_list() -> None:
    """Forum.participant is indexed: the index must never answer for a list that changed."""
    forum = Forum("Index")
    first = forum.add_participant("Dana")
    second = forum.add_participant("Omar")
    assert forum.participant(first.id) is first and forum.participant(second.id) is second
    third = forum.add_participant("Noa")  # appended after the index was built
    assert forum.participant(third.id) is third
    forum.participants.remove(first)  # removed: positions shift
    with pytest.raises(StopIteration):
        forum.participant(first.id)
    assert forum.participant(second.id) is second and forum.participant(third.id) is third
    forum.participants.insert(0, first)  # back, at another place
    assert forum.participant(first.id) is first and forum.participant(third.id) is third
    replacement = Participant(first.id, "Dana Levi")
    forum.participants[0] = replacement  # the same id, another object
    assert forum.participant(first.id) is replacement
    forum.participants = [second]  # a new list
    assert forum.participant(second.id) is second
    with pytest.raises(StopIteration):
        forum.participant(third.id)
    second.id = "renamed"
    assert forum.participant("renamed") is second
    with pytest.raises(StopIteration):
        forum.participant(third.id)
