"""Learning communities: topics ranking, survey CSV, dates, hosts, validation, teams."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop import i18n
from desktop.models.community import Community, Member, composition, next_year, set_agreed
from desktop.models.hebrew_calendar import avoided_day, hebrew_date
from desktop.models.syllabus import (
    IN_PERSON,
    ONLINE,
    PART_A,
    PART_B,
    PART_C,
    default_blocks,
    draft_year,
    host_warnings,
    meeting_problems,
    monthly_dates,
    new_meeting,
    rotate_hosts,
)
from desktop.models.topics_survey import (
    Topic,
    new_topic,
    rank_topics,
    read_survey_csv,
)
from desktop.models.validation import ValidationError
from desktop.models.work_teams import (
    STAGES,
    WorkTeam,
    check_members,
    default_stage_dates,
    new_team,
    stage_state,
    team_problems,
    team_warnings,
)


@pytest.fixture(autouse=True)
def _english() -> None:
    """Messages are matched in English (the conftest puts Hebrew back afterwards)."""
    i18n.set_language("en")


TOPICS = [Topic("t1", "נכסים מניבים"), Topic("t2", "מנועי צמיחה"), Topic("t3", "מגמות עולמיות")]


# --- topics -------------------------------------------------------------------------------


def test_rank_by_mean_and_by_high_ratings_differ_and_show_spread() -> None:
    ratings = {
        "a": {"t1": 5, "t2": 4, "t3": 5},
        "b": {"t1": 1, "t2": 4, "t3": 5},
        "c": {"t1": 5, "t2": 4},
    }
    by_mean = rank_topics(TOPICS, ratings)
    assert [s.topic.id for s in by_mean] == ["t3", "t2", "t1"]
    by_high = rank_topics(TOPICS, ratings, by="high")
    assert [s.topic.id for s in by_high] == ["t2", "t3", "t1"]  # 3 high; 2 high, higher mean
    t1 = next(s for s in by_mean if s.topic.id == "t1")
    assert t1.mean == pytest.approx(11 / 3) and t1.high_count == 2 and t1.raters == 3
    assert t1.spread is not None and t1.spread > 1.8 and (t1.lowest, t1.highest) == (1, 5)
    t2 = next(s for s in by_mean if s.topic.id == "t2")
    assert t2.spread == 0


def test_unrated_topics_come_last() -> None:
    ranked = rank_topics(TOPICS, {"a": {"t2": 2}})
    assert [s.topic.id for s in ranked] == ["t2", "t1", "t3"]
    assert ranked[1].mean is None and ranked[1].raters == 0


def test_new_topic_refuses_blank_and_duplicate_titles() -> None:
    with pytest.raises(ValidationError):
        new_topic("  ")
    with pytest.raises(ValidationError, match="already"):
        new_topic("מנועי  צמיחה", existing=TOPICS)
    assert new_topic(" תיירות ").title == "תיירות"


MEMBERS = {"דנה כהן": "p1", "dana@example.org": "p1", "יוסף לוי": "p2"}


def test_survey_csv_reads_google_forms_grid_and_reports_bad_rows() -> None:
    text = (
        "חותמת זמן,שם,דרגו [נכסים מניבים],דרגו [מנועי צמיחה],הערות\n"
        "1/9/2025,דנה כהן,5,4,\n"
        "1/9/2025,משה אלמוני,3,3,\n"
        "2/9/2025,יוסף לוי,7,2,\n"
        "2/9/2025,DANA@example.org,,2,\n"
    )
    result = read_survey_csv(text, TOPICS, MEMBERS)
    assert result.rows_read == 4
    assert result.ratings == {"p1": {"t1": 5, "t2": 2}}
    lines = dict(result.row_errors)
    assert set(lines) == {3, 4}
    assert "משה אלמוני" in lines[3]
    assert "7" in lines[4] and "נכסים מניבים" in lines[4]
    assert result.ignored_columns == ["הערות"]
    assert not result.ok


def test_survey_csv_needs_a_name_column_and_topic_columns() -> None:
    with pytest.raises(ValidationError, match="Name"):
        read_survey_csv("a,b\n1,2\n", TOPICS, MEMBERS)
    with pytest.raises(ValidationError, match="topic"):
        read_survey_csv("name,other\nדנה כהן,3\n", TOPICS, MEMBERS)
    with pytest.raises(ValidationError):
        read_survey_csv("", TOPICS, MEMBERS)


def test_survey_csv_with_semicolons_and_bom() -> None:
    text = "\ufeffName;מגמות עולמיות\nיוסף לוי;4\n"
    assert read_survey_csv(text, TOPICS, MEMBERS).ratings == {"p2": {"t3": 4}}


# --- the Hebrew calendar ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 9, 23), "Rosh Hashana"),
        (date(2025, 9, 22), "Eve of"),
        (date(2025, 10, 2), "Yom Kippur"),
        (date(2025, 10, 9), "Sukkot"),
        (date(2026, 4, 6), "Pesach"),
        (date(2026, 3, 3), "Purim"),
        (date(2026, 4, 22), "Yom HaAtzmaut"),
        (date(2026, 4, 21), "Yom HaZikaron"),
        (date(2024, 5, 14), "Yom HaAtzmaut"),  # 5 Iyar on a Monday moves to Tuesday
        (date(2025, 5, 1), "Yom HaAtzmaut"),  # brought forward from Friday/Saturday
        (date(2026, 7, 23), "Tisha"),
        (date(2026, 5, 22), "Shavuot"),
    ],
)
def test_avoided_days(day: date, expected: str) -> None:
    reason = avoided_day(day)
    assert reason is not None and expected in reason


@pytest.mark.parametrize("day", [date(2025, 10, 28), date(2025, 12, 16), date(2026, 2, 2), date(2024, 5, 12)])
def test_ordinary_days(day: date) -> None:
    assert avoided_day(day) is None


def test_hebrew_date_string() -> None:
    assert hebrew_date(date(2022, 9, 21)) == "כ״ה אלול תשפ״ב"


# --- dates --------------------------------------------------------------------------------


def test_monthly_dates_skip_august_and_holidays_on_the_chosen_weekday() -> None:
    days = monthly_dates(
        date(2025, 9, 1), date(2026, 8, 31), weekday=1, week=4, count=20, avoided=avoided_day
    )
    assert all(d.weekday() == 1 for d in days)
    assert all(d.month != 8 for d in days)
    assert all(avoided_day(d) is None for d in days)
    assert len(days) == 11 and days[0].month == 9 and days[-1].month == 7
    # The 4th Tuesday of April 2026 (the 28th) is free; the 3rd (21st, Yom HaZikaron) is not:
    april = monthly_dates(date(2026, 4, 1), date(2026, 4, 30), weekday=1, week=3, avoided=avoided_day)
    assert april == [date(2026, 4, 28)] or april == [date(2026, 4, 14)]
    assert avoided_day(date(2026, 4, 21)) is not None


def test_monthly_dates_keep_august_when_asked_and_thin_to_count() -> None:
    with_august = monthly_dates(date(2025, 9, 1), date(2026, 8, 31), weekday=2, count=12, skip_august=False)
    assert any(d.month == 8 for d in with_august)
    ten = monthly_dates(date(2025, 9, 1), date(2026, 8, 31), weekday=2, count=10, skip_august=False)
    assert len(ten) == 10 and ten[0] == with_august[0] and ten[-1] == with_august[-1]


def test_monthly_dates_refuse_weekend_days() -> None:
    with pytest.raises(ValidationError):
        monthly_dates(date(2025, 9, 1), date(2026, 7, 31), weekday=4)


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(min_value=20, max_value=400),
    st.sampled_from([6, 0, 1, 2, 3]),
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=1, max_value=12),
)
def test_monthly_dates_properties(start: date, length: int, weekday: int, week: int, count: int) -> None:
    from datetime import timedelta

    end = start + timedelta(days=length)
    days = monthly_dates(start, end, weekday=weekday, week=week, count=count)
    assert len(days) <= count
    assert days == sorted(set(days))
    assert all(start <= d <= end and d.weekday() == weekday and d.month != 8 for d in days)
    assert len({(d.year, d.month) for d in days}) == len(days)


# --- hosts and validation -----------------------------------------------------------------


def test_hosts_rotate_and_a_second_turn_before_others_is_warned() -> None:
    meetings = [new_meeting(date(2025, m, 10)) for m in (9, 10, 11, 12)]
    meetings[1].format = ONLINE
    rotate_hosts(meetings, ["a", "b", "c"])
    assert [m.host for m in meetings] == ["a", "", "b", "c"]
    assert host_warnings(meetings, ["a", "b", "c"]) == {}
    meetings[3].host = "a"
    warnings = host_warnings(meetings, ["a", "b", "c"])
    assert list(warnings) == [meetings[3].id] and "1" in warnings[meetings[3].id]


def test_meeting_problems_outside_year_same_day_and_foreign_host() -> None:
    period = (date(2025, 9, 1), date(2026, 7, 31))
    early = new_meeting(date(2025, 8, 20), host="a")
    twin_a = new_meeting(date(2025, 10, 14), host="a")
    twin_b = new_meeting(date(2025, 10, 14), host="x")
    seminar = new_meeting(date(2025, 10, 13), host="a", seminar=True)  # covers the 14th
    problems = meeting_problems(
        [early, twin_a, twin_b, seminar], period=period, member_authorities=["a", "b"]
    )
    assert [f for f, _m in problems[early.id]] == ["day"]
    assert "outside" in problems[early.id][0][1]
    fields_b = [f for f, _m in problems[twin_b.id]]
    assert "day" in fields_b and "host" in fields_b
    assert twin_a.id in problems  # the seminar's second day is the 14th as well
    assert (
        meeting_problems([new_meeting(date(2025, 9, 10), host="a")], period=period, member_authorities=["a"])
        == {}
    )


def test_seminar_cannot_be_online_and_is_one_a_year() -> None:
    period = (date(2025, 9, 1), date(2026, 7, 31))
    one = new_meeting(date(2025, 11, 3), seminar=True, format=ONLINE)
    two = new_meeting(date(2026, 2, 3), seminar=True)
    problems = meeting_problems([one, two], period=period, member_authorities=[])
    assert {f for f, _m in problems[one.id]} == {"format", "seminar"}
    assert [f for f, _m in problems[two.id]] == ["seminar"]


def test_schedule_is_timed_from_the_start_and_has_the_three_parts() -> None:
    meeting = new_meeting(date(2025, 9, 10), blocks=default_blocks(), start=time(9, 0))
    schedule = meeting.schedule()
    assert schedule[0][0] == time(9, 0)
    assert schedule[-1][1] == time(15, 0)
    assert {b.part for b in meeting.blocks} >= {PART_A, PART_B, PART_C}
    assert "work teams" in default_blocks(2)[-2].title


def test_draft_year_spreads_topics_rotates_hosts_alternates_formats() -> None:
    days = monthly_dates(date(2025, 9, 1), date(2026, 7, 31), weekday=1, avoided=avoided_day)
    meetings = draft_year(["t1", "t2", "t3"], days, ["a", "b", "c", "d"])
    assert len(meetings) == 10
    topics = [m.topic for m in meetings[:-1]]
    assert topics == sorted(topics, key=["t1", "t2", "t3"].index)
    assert set(topics) == {"t1", "t2", "t3"}
    assert meetings[-1].topic == "" and meetings[-1].title
    assert meetings[0].format == meetings[-1].format == IN_PERSON
    assert sum(m.format == ONLINE for m in meetings) >= 3
    seminars = [m for m in meetings if m.seminar]
    assert len(seminars) == 1 and seminars[0].format == IN_PERSON
    hosts = [m.host for m in meetings if m.format == IN_PERSON]
    assert hosts[:4] == ["a", "b", "c", "d"] and "" not in hosts
    assert host_warnings(meetings, ["a", "b", "c", "d"]) == {}
    assert (
        meeting_problems(
            meetings, period=(date(2025, 9, 1), date(2026, 7, 31)), member_authorities=["a", "b", "c", "d"]
        )
        == {}
    )


# --- community, composition and JSON ------------------------------------------------------


def _community() -> Community:
    community = Community(
        "קהילת פיתוח כלכלי",
        profession="פיתוח כלכלי",
        period_start=date(2025, 9, 1),
        period_end=date(2026, 7, 31),
    )
    community.add_member(Member("p1", "a", "מנהלת פיתוח כלכלי", "female", core=True))
    community.add_member(Member("p2", "b", "גזבר", "male"))
    community.add_member(Member("p3", "a", "", "female", advisory=True))
    return community


def test_members_and_size_warnings() -> None:
    community = _community()
    with pytest.raises(ValidationError):
        community.add_member(Member("p1", "b"))
    with pytest.raises(ValidationError):
        community.add_member(Member("p9", ""))
    assert community.member_authorities() == ["a", "b"]
    assert len(community.size_warnings()) == 3


def test_composition_against_the_agreed_mix() -> None:
    community = _community()
    set_agreed(community, "gender", "male", 2)
    set_agreed(community, "district", "south", 1)
    rows = composition(community, "gender", authority_district={}, person_sector={})
    assert [(r.key, r.count, r.agreed, r.gap) for r in rows] == [
        ("female", 2, None, None),
        ("male", 1, 2, -1),
    ]
    districts = composition(
        community, "district", authority_district={"a": "north", "b": "north"}, person_sector={}
    )
    assert [(r.key, r.count, r.agreed) for r in districts] == [("north", 3, None), ("south", 0, 1)]
    with pytest.raises(ValidationError):
        set_agreed(community, "gender", "male", -1)


def test_json_round_trip_keeps_everything() -> None:
    community = _community()
    community.topics = list(TOPICS)
    community.ratings = {"p1": {"t1": 5}}
    community.selected_topics = ["t1"]
    community.selection_date = date(2025, 9, 10)
    community.meetings = draft_year(["t1"], [date(2025, 9, 10), date(2025, 10, 14)], ["a"])
    community.meetings[0].plan.desired_output = "עמוד שדרה ניהולי"
    team = new_team("נייר מדיניות")
    team.members = ["p1", "p2"]
    team.roles = {"facilitator": "p1"}
    team.stages[0].done = True
    community.teams = [team]
    community.finish_line = date(2026, 7, 15)
    again = Community.from_json(community.to_json())
    assert again == community


def test_removing_a_member_in_a_team_is_refused() -> None:
    community = _community()
    team = new_team("צוות")
    team.members = ["p1", "p2"]
    community.teams = [team]
    with pytest.raises(ValidationError, match="צוות"):
        community.remove_member("p1")
    community.remove_member("p3")
    assert [m.person for m in community.members] == ["p1", "p2"]


def test_period_must_be_a_year() -> None:
    community = _community()
    with pytest.raises(ValidationError):
        community.set_period(date(2025, 9, 1), date(2025, 8, 1))
    with pytest.raises(ValidationError):
        community.set_period(date(2025, 9, 1), date(2027, 9, 1))


# --- work teams ---------------------------------------------------------------------------


def test_team_size_and_membership() -> None:
    with pytest.raises(ValidationError, match="2 to 8"):
        check_members(["p1"], ["p1", "p2"])
    with pytest.raises(ValidationError, match="2 to 8"):
        check_members([f"p{i}" for i in range(9)], [f"p{i}" for i in range(9)])
    with pytest.raises(ValidationError, match="Only members"):
        check_members(["p1", "zz"], ["p1", "p2"])
    check_members(["p1", "p2"], ["p1", "p2"])


def test_team_problems_and_warnings() -> None:
    team = WorkTeam("x", "צוות", members=["p1", "p2"], roles={"documenter": "p3"})
    team.stages[1].due = date(2026, 3, 1)
    team.stages[2].due = date(2026, 2, 1)
    team.stages[4].due = date(2026, 8, 1)
    team.stages[5].due = date(2026, 8, 15)  # summary and feedback may follow the conference
    problems = team_problems(team, ["p1", "p2", "p3"], date(2026, 7, 15))
    assert [f for f, _m in problems] == ["roles", "stages", "stages"]
    assert "5" in problems[2][1]
    team.stages[0].due = None
    spread = default_stage_dates(date(2026, 1, 1), date(2026, 7, 15))
    for stage, day in zip(team.stages, spread, strict=True):
        stage.due = day
    assert [f for f, _m in team_problems(team, ["p1", "p2", "p3"], date(2026, 7, 15))] == ["roles"]
    warnings = team_warnings(team)
    assert len(warnings) == 3  # size, roles, and no audience or use decided yet
    team.audience, team.use = "מנהלי פיתוח כלכלי", "כלי עבודה בכל רשות באשכול"
    assert len(team_warnings(team)) == 2
    assert new_team("צוות ב").stages == new_team("צוות ג").stages
    assert len(team.stages) == len(STAGES)


def test_stage_dates_and_state() -> None:
    days = default_stage_dates(date(2026, 1, 1), date(2026, 5, 1))
    assert days[0] == date(2026, 1, 1) and days[4] == date(2026, 5, 1)
    assert days == sorted(days) and len(days) == 6
    team = new_team("צוות")
    team.stages[0].done = True
    team.stages[1].due = date(2026, 1, 1)
    team.stages[2].due = date(2026, 12, 1)
    today = date(2026, 6, 1)
    assert [stage_state(s, today) for s in team.stages[:4]] == ["done", "overdue", "due", "open"]
    assert team.current_stage() == 1 and team.progress() == pytest.approx(1 / 6)


def test_next_year_keeps_the_people_and_starts_a_new_plan() -> None:
    community = _community()
    community.topics = list(TOPICS)
    community.ratings = {"p1": {"t1": 5}}
    community.meetings = draft_year(["t1"], [date(2025, 9, 10), date(2025, 10, 14)], ["a"])
    community.teams = [new_team("צוות")]
    following = next_year(community)
    assert (following.period_start, following.period_end) == (date(2026, 9, 1), date(2027, 7, 31))
    assert following.cycle_year == 2
    assert following.members == community.members and following.members[0] is not community.members[0]
    assert following.topics == community.topics
    assert (following.ratings, following.meetings, following.teams) == ({}, [], [])
    assert next_year(next_year(following)).cycle_year == 3


def test_advisory_committee_with_partners_and_its_meetings() -> None:
    from desktop.models.community import STANDING_AGENDA, AdvisoryGuest

    community = Community("קהילה", period_start=date(2025, 9, 1), period_end=date(2026, 7, 31))
    community.add_member(Member("p1", "a1", advisory=True))
    community.add_advisory_guest(AdvisoryGuest("g1", "partner", "קרן רש״י"))
    community.add_advisory_guest(AdvisoryGuest("g2", "stakeholder", "משרד הרווחה"))
    assert community.advisory_size() == 3
    for person, field_name in (("p1", "person"), ("g1", "person"), ("", "person")):
        with pytest.raises(ValidationError) as error:
            community.add_advisory_guest(AdvisoryGuest(person))
        assert error.value.field == field_name
    with pytest.raises(ValidationError):
        community.add_advisory_guest(AdvisoryGuest("g3", "donor"))
    with pytest.raises(ValidationError):
        community.add_advisory_meeting(date(2026, 8, 15))
    assert community.advisory_warnings()  # no meetings yet
    for day in (date(2026, 3, 1), date(2025, 10, 1), date(2026, 6, 1)):
        community.add_advisory_meeting(day)
    assert [m.day.month for m in community.advisory_meetings] == [10, 3, 6]
    assert len(community.advisory_meetings[0].agenda) == len(STANDING_AGENDA)
    assert community.advisory_warnings() == []
    community.add_advisory_meeting(date(2026, 4, 1)).ad_hoc = True
    community.add_advisory_meeting(date(2026, 5, 1))
    community.add_advisory_meeting(date(2026, 7, 1))
    assert community.advisory_warnings()  # five regular meetings are too many
    again = Community.from_json(community.to_json())
    assert again.advisory_guests == community.advisory_guests
    assert again.advisory_meetings == community.advisory_meetings
    assert next_year(community).advisory_guests == community.advisory_guests
    assert next_year(community).advisory_meetings == []


def test_seniority_in_the_agreed_mix() -> None:
    community = Community("קהילה")
    community.add_member(Member("p1", "a1", seniority="new"))
    community.add_member(Member("p2", "a1", seniority="veteran"))
    community.add_member(Member("p3", "a1", seniority="veteran"))
    set_agreed(community, "seniority", "new", 2)
    rows = composition(community, "seniority", authority_district={}, person_sector={})
    assert [(r.key, r.count, r.gap) for r in rows] == [("veteran", 2, None), ("new", 1, -1)]
    assert Community.from_json(community.to_json()).members[1].seniority == "veteran"


def test_work_team_output_audience_use_and_the_five_signs() -> None:
    from desktop.models.work_teams import GOOD_OUTPUT_SIGNS, OUTPUT_TYPES, team_from_dict, team_to_dict

    assert {"podcast", "video", "padlet", "one_pager", "guide", "policy_paper"} <= set(OUTPUT_TYPES)
    assert len(GOOD_OUTPUT_SIGNS) == 5
    team = new_team("צוות פודקאסט")
    team.output_type, team.accompanier = "podcast", "acc"
    team.audience, team.use, team.signs = "מנהלי רווחה", "הפצה בכנס", ["voice", "pride"]
    again = team_from_dict(team_to_dict(team))
    assert (again.output_type, again.accompanier, again.audience, again.use, again.signs) == (
        "podcast",
        "acc",
        "מנהלי רווחה",
        "הפצה בכנס",
        ["voice", "pride"],
    )
    assert team_from_dict({**team_to_dict(team), "signs": ["voice", "bogus"]}).signs == ["voice"]
