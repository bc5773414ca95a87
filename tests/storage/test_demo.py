"""The demo workspace: the five pioneering clusters, Western Negev in full, people marked demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.demo import DEMO_MARK, create_demo_workspace
from tests.conftest import CBS_DIR


def test_demo_workspace_holds_the_seed_clusters_and_marked_people(
    workspace_location: Path | str,
) -> None:
    workspace = create_demo_workspace(workspace_location)  # a file, then a team server
    assert workspace.is_demo
    clusters = {row["name"]: row for row in reference_store.list_records(workspace, RecordKind.CLUSTER)}
    assert set(clusters) == {
        "אשכול בית הכרם",
        "אשכול גליל מזרחי",
        "אשכול גליל מערבי",
        "אשכול נגב מזרחי",
        "אשכול נגב מערבי",
    }
    assert sorted(clusters["אשכול נגב מערבי"]["member_titles"]) == sorted(
        ["נתיבות", "שדרות", "רהט", "אופקים", "שער הנגב", "אשכול", "מרחבים", "בני שמעון", "שדות נגב"]
    )
    people = reference_store.list_records(workspace, RecordKind.PERSON)
    assert len(people) >= 10
    assert all(person["full_name"].endswith(DEMO_MARK) for person in people)
    # Contact details only where consent was given.
    assert all(person["consent_contact"] or not (person["phone"] or person["email"]) for person in people)
    # Figures come from the national CBS dataset, each with its year and source.
    sderot = next(
        a for a in reference_store.list_records(workspace, RecordKind.AUTHORITY) if a["name_he"] == "שדרות"
    )
    assert sderot["cbs_code"] == "1031" and sderot["population_year"] == 2021
    assert sderot["socioeconomic_edition"] == 2019 and 'הלמ"ס' in sderot["data_source"]
    workspace.close()


def test_demo_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "demo.shutafut"
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        create_demo_workspace(path)
    assert path.read_text(encoding="utf-8") == "mine"


def test_demo_workspace_names_each_western_negev_member_in_three_languages(
    tmp_path: Path,
) -> None:
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    authorities = reference_store.list_records(workspace, RecordKind.AUTHORITY)
    organisations = reference_store.list_records(workspace, RecordKind.ORGANISATION)
    workspace.close()
    assert len(authorities) == 9
    assert all(a["name_he"] and a["name_ar"] and a["name_en"] for a in authorities)
    assert all(a["district"] == "south" for a in authorities)
    statuses = {a["name_he"]: a["municipal_status"] for a in authorities}
    assert [name for name, status in statuses.items() if status == "city"] == [
        "נתיבות",
        "שדרות",
        "רהט",
        "אופקים",
    ]
    sectors = {o["sector"] for o in organisations}
    assert {"government", "philanthropy", "ngo", "academia", "local_authority"} <= sectors
    assert "משרד הפנים" in {o["name"] for o in organisations}


def test_demo_file_is_checked_clean(tmp_path: Path) -> None:
    from desktop.storage.workspace import check_workspace, open_workspace

    path = tmp_path / "demo.shutafut"
    create_demo_workspace(path).close()
    assert check_workspace(path) == []
    reopened = open_workspace(path)
    assert reopened.is_demo
    reopened.close()


@pytest.mark.skipif(not CBS_DIR.is_dir(), reason="../shared/data/cbs is not here")
def test_demo_codes_and_figures_match_the_cbs_profile_workbook(tmp_path: Path) -> None:
    """The demo's codes and figures are the CBS 2021 profile's (p_libud_2021.xlsx), unchanged."""
    from desktop.models.cbs_import import parse_table, propose_mapping
    from desktop.storage.cbs_files import read_table

    table = read_table(CBS_DIR / "p_libud_2021.xlsx")
    assert table is not None
    official = {
        parsed.key: parsed.values for parsed in parse_table(table, propose_mapping(table)).authorities
    }
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    authorities = reference_store.list_records(workspace, RecordKind.AUTHORITY)
    workspace.close()
    for authority in authorities:
        cbs = official[(authority["municipal_status"], authority["cbs_code"])]
        assert cbs["name_he"] == authority["name_he"]
        for figure in ("population", "socioeconomic_cluster", "peripherality_cluster", "district"):
            assert authority[figure] == cbs[figure], (authority["name_he"], figure)
        assert authority["population_year"] == 2021
        assert "p_libud_2021" in authority["data_source"]


def test_demo_holds_the_seed_economic_development_community(tmp_path: Path) -> None:
    """Seed 004's economic-development Gantt: ten meetings Sept 2022 - July 2023, its six
    topics, zoom meetings online, hosts among the members' authorities, demo members."""
    from datetime import date, time

    from desktop.models.syllabus import ONLINE, meeting_problems, meeting_title, ordered
    from desktop.models.work_teams import team_problems
    from desktop.storage.community_store import list_communities, load_community

    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    summaries = list_communities(workspace)
    assert [s.name for s in summaries] == [
        f"קהילת פיתוח כלכלי {DEMO_MARK}",
        f"קהילת פיתוח כלכלי – שנה ב׳ {DEMO_MARK}",
    ]
    community = load_community(workspace, summaries[0].id)
    year_two = load_community(workspace, summaries[1].id)
    people = {p["uuid"]: p for p in reference_store.list_records(workspace, RecordKind.PERSON)}
    authorities = dict(reference_store.choices(workspace, RecordKind.AUTHORITY))
    workspace.close()

    meetings = ordered(community.meetings)
    assert [m.day for m in meetings] == [
        date(2022, 9, 21),
        date(2022, 10, 25),
        date(2022, 11, 22),
        date(2022, 12, 27),
        date(2023, 1, 24),
        date(2023, 2, 21),
        date(2023, 3, 27),
        date(2023, 5, 2),
        date(2023, 5, 30),
        date(2023, 7, 4),
    ]
    titles = {t.id: t.title for t in community.topics}
    assert [titles[t] for t in community.selected_topics] == [
        "נכסים מניבים",
        "קידום עסקים מקומיים",
        "מנועי צמיחה",
        "הרשות כארגון כלכלי",
        "שותפויות וממשקי עבודה",
        "מגמות עולמיות",
    ]
    assert [n for n, m in enumerate(meetings, 1) if m.format == ONLINE] == [3, 6, 9]
    assert [n for n, m in enumerate(meetings, 1) if m.seminar] == [7]
    assert meeting_title(meetings[9], titles) == "מגמות עולמיות"
    assert (
        meeting_problems(
            meetings,
            period=(community.period_start, community.period_end),
            member_authorities=community.member_authorities(),
        )
        == {}
    )
    # In-person meetings rotate among the Western Negev members (the seed's hosts are not
    # in the demo workspace).
    assert [authorities[m.host] for m in meetings if m.host] == [
        "נתיבות",
        "שדרות",
        "רהט",
        "אופקים",
        "שער הנגב",
        "אשכול",
        "מרחבים",
    ]
    # Members are invented people marked demo; some rated the topics.
    assert 12 <= len(community.members) <= 35
    assert all(people[m.person]["full_name"].endswith(DEMO_MARK) for m in community.members)
    assert people[community.leader]["full_name"].endswith(DEMO_MARK)
    assert len(community.ratings) >= 3
    # Meeting 8 carries the seed's sample plan page.
    plan_meeting = meetings[7]
    assert plan_meeting.title == "ניהול אמיץ ויוזם"
    assert "שפה משותפת" in plan_meeting.plan.professional_goals
    assert plan_meeting.plan.desired_output.startswith("עמוד שדרה ניהולי")
    assert plan_meeting.schedule()[-1][1] == time(15, 0)
    # 2022-23 is the founding year (seed 004 l.3271); work teams belong to year two's record.
    assert community.cycle_year == 1 and community.teams == []
    assert year_two.cycle_year == 2 and year_two.period_start == date(2023, 9, 1)
    members = [m.person for m in year_two.members]
    assert len(year_two.teams) == 2
    assert all(team_problems(t, members, year_two.finish_line) == [] for t in year_two.teams)
