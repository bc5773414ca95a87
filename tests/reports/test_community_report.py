"""Learning community documents: the yearly syllabus and its Gantt, the meeting plan page and
the work-teams overview, read back from the PDFs (Hebrew first, Arabic and English too)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Circle, Rect, String
from reportlab.lib import colors

from desktop import i18n
from desktop.models.community import Community
from desktop.models.documents import NoSuchChoice, choose_meeting
from desktop.models.syllabus import IN_PERSON, ONLINE, Block, Meeting
from desktop.models.topics_survey import Topic
from desktop.reports.bidi_text import shape_arabic, to_visual
from desktop.reports.community_report import build_work_teams_pdf, gantt_drawing, hebrew_days
from desktop.reports.fonts import register_fonts
from desktop.storage import document_data
from desktop.storage.community_store import list_communities, save_community
from desktop.storage.demo import create_demo_workspace
from tests.reports.pdf_tools import (
    drawn_lines,
    embedded_fonts,
    needs_poppler,
    pdf_info,
    pdf_pages,
    print_document,
    word_boxes,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    workspace = create_demo_workspace(tmp_path_factory.mktemp("demo") / "demo.shutafut")
    community_id = list_communities(workspace)[0].id
    yield workspace, community_id
    workspace.close()


def _reading(line: str) -> str:
    """A right-to-left line as drawn (left to right) back in reading order (the bidi
    reordering undoes itself: Hebrew runs turn back, numbers stay)."""
    return to_visual(line, True)


def _hebrew_text(path: Path) -> str:
    return "\n".join(_reading(line) for line in drawn_lines(path))


def _words(path: Path) -> set[str]:
    """The words of every page, Arabic presentation forms folded back to letters."""
    return {unicodedata.normalize("NFKC", word) for page in pdf_pages(path) for word in page.split()}


# --- the yearly syllabus ----------------------------------------------------------------------


@needs_poppler
def test_syllabus_of_ten_meetings_is_at_most_two_pages_in_hebrew_reading_order(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace, community_id = demo
    out = tmp_path / "syllabus.pdf"
    print_document(workspace, "syllabus", community_id, out, "he")
    assert int(pdf_info(out)["Pages"]) <= 2
    lines = [_reading(line) for line in drawn_lines(out)]
    # Each row reads from the right: number, Gregorian date, Hebrew date, topic, host, format.
    assert any(
        "4 יום ג׳ 27.12.2022 ג׳ טבת תשפ״ג קידום עסקים מקומיים רהט פרונטלי" in line for line in lines
    ), lines
    assert any("3 יום ג׳ 22.11.2022 כ״ח חשון תשפ״ג נכסים מניבים מקוון מקוון" in line for line in lines)
    # The seminar shows both days, Gregorian and Hebrew, and is marked in words.
    assert any(
        "7 יום ב׳ 27.3.2023 – ה׳–ו׳ ניסן תשפ״ג שותפויות וממשקי עבודה שער הנגב פרונטלי סמינר" in line
        for line in lines
    )
    text = _hebrew_text(out)
    # Title first, then the table in date order, then the Gantt chart.
    order = [
        text.index(part)
        for part in (
            "סילבוס שנתי: קהילת פיתוח כלכלי",
            "מפגשי השנה",
            "21.9.2022",
            "25.10.2022",
            "4.7.2023",
            "גאנט שנתי",
        )
    ]
    assert order == sorted(order)
    assert "נתיבות, שדרות, רהט" in text  # the members' authorities
    assert "לינה חורי (דמו)" in text  # the community leader


@needs_poppler
def test_gantt_months_run_right_to_left_in_hebrew_and_left_to_right_in_english(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace, community_id = demo
    for language in ("he", "en"):
        out = tmp_path / f"syllabus-{language}.pdf"
        print_document(workspace, "syllabus", community_id, out, language)
        # The only lone years on the page are the Gantt's column headers: Sept-Dec 2022
        # and Jan-Jul 2023.
        years = {
            year: [x for word, x, _y, _page in word_boxes(out) if word == year] for year in ("2022", "2023")
        }
        assert len(years["2022"]) == 4 and len(years["2023"]) == 7
        if language == "he":
            assert min(years["2022"]) > max(years["2023"])
        else:
            assert max(years["2022"]) < min(years["2023"])


def _community() -> Community:
    topics = [Topic("a", "נכסים מניבים"), Topic("b", "מגמות עולמיות")]
    meetings = [
        Meeting("m1", date(2022, 9, 21), title="פתיחה", host="x", format=IN_PERSON),
        Meeting("m2", date(2022, 11, 22), topic="a", format=ONLINE),
        Meeting("m3", date(2023, 2, 21), topic="a", host="x", seminar=True),
        Meeting("m4", date(2023, 7, 4), topic="b", host="x"),
    ]
    return Community(
        "קהילה", period_start=date(2022, 9, 1), period_end=date(2023, 7, 31), topics=topics, meetings=meetings
    )


def _drawn(language: str) -> list[object]:
    register_fonts()
    i18n.set_language(language)
    return list(gantt_drawing(_community(), 480, i18n.is_rtl(language)).contents)


def _x_of_text(shapes: list[object], text: str, rtl: bool) -> float:
    drawn = to_visual(shape_arabic(text), rtl)
    return next(s.x for s in shapes if isinstance(s, String) and s.text == drawn)


@pytest.mark.parametrize("language", ["he", "ar", "en"])
def test_gantt_drawing_runs_with_the_reading_direction(language: str) -> None:
    shapes = _drawn(language)
    rtl = i18n.is_rtl(language)
    from babel.dates import get_month_names

    months = get_month_names("wide", "format", locale=i18n.babel_locale())
    september = _x_of_text(shapes, months[9], rtl)
    january = _x_of_text(shapes, months[1], rtl)
    july = _x_of_text(shapes, months[7], rtl)
    assert (september > january > july) if rtl else (september < january < july)
    # The meeting numbers sit at their dates, in the same direction.
    numbers = {
        s.text: s.x
        for s in shapes
        if isinstance(s, String) and s.text in "1234" and s.fontName == "Rubik-Bold"
    }
    assert (
        (numbers["1"] > numbers["2"] > numbers["3"] > numbers["4"])
        if rtl
        else (numbers["1"] < numbers["2"] < numbers["3"] < numbers["4"])
    )
    # Topic rows: "נכסים מניבים" holds meetings 2 and 3 on one line; the untitled-topic
    # meeting 1 is on the last row, below them.
    y = {
        s.text: s.y
        for s in shapes
        if isinstance(s, String) and s.text in "1234" and s.fontName == "Rubik-Bold"
    }
    assert y["2"] == y["3"] and y["1"] < y["2"] and y["4"] != y["2"]


def test_gantt_tells_online_from_in_person_and_draws_the_seminar_over_two_days() -> None:
    shapes = _drawn("he")
    circles = [s for s in shapes if isinstance(s, Circle)]
    pills = [s for s in shapes if isinstance(s, Rect) and s.rx]
    legend_circles, legend_pills = 2, 1
    filled = [c for c in circles if c.fillColor != colors.white]
    outlined = [c for c in circles if c.fillColor == colors.white]
    assert len(filled) == 2 + 1  # meetings 1 and 4, and the legend's "in person"
    assert len(outlined) == 1 + 1  # meeting 2 online, and the legend's "online"
    assert len(circles) == 3 + legend_circles
    seminar = [p for p in pills if p.height > 10]
    assert len(pills) == 1 + legend_pills and len(seminar) == 1
    assert seminar[0].width > 2 * circles[0].r  # wider than a one-day marker


def test_hebrew_date_of_the_seminar_names_both_days() -> None:
    meeting = Meeting("s", date(2023, 2, 22), seminar=True)
    assert hebrew_days(meeting) == "א׳–ב׳ אדר תשפ״ג"
    across_months = Meeting("t", date(2023, 3, 22), seminar=True)  # 29 Adar - 1 Nisan
    assert hebrew_days(across_months) == "כ״ט אדר תשפ״ג – א׳ ניסן תשפ״ג"
    assert hebrew_days(Meeting("u", date(2022, 9, 21))) == "כ״ה אלול תשפ״ב"


@needs_poppler
@pytest.mark.parametrize(
    "language, words",
    [
        ("ar", {"لقاءات", "السنة", "غانت", "سبتمبر", "نتيفوت", "ندوة"}),
        ("en", {"Meetings", "Gantt", "September", "Netivot", "Two-day", "seminar", "Online"}),
    ],
)
def test_syllabus_in_arabic_and_english(
    demo,
    tmp_path: Path,
    language: str,  # type: ignore[no-untyped-def]
    words: set[str],
) -> None:
    workspace, community_id = demo
    out = tmp_path / f"syllabus-{language}.pdf"
    data = print_document(workspace, "syllabus", community_id, out, language)
    assert f"/Lang ({language})".encode() in data
    assert words <= _words(out)
    assert i18n.current_language() == "he"  # the interface language is put back


@needs_poppler
def test_fonts_are_embedded(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace, community_id = demo
    for key in ("syllabus", "work-teams"):
        out = tmp_path / f"{key}.pdf"
        print_document(workspace, key, community_id, out, "ar")
        fonts = embedded_fonts(out)
        assert {"Rubik-Regular", "Rubik-Bold", "IBMPlexSansArabic-Regular"} <= set(fonts), fonts
        assert all(fonts.values()), fonts


@needs_poppler
def test_a_community_without_meetings_says_so(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    community_id = save_community(workspace, Community("קהילה חדשה"))
    out = tmp_path / "empty.pdf"
    print_document(workspace, "syllabus", community_id, out, "he")
    assert "עדיין לא תוכננו מפגשים." in _hebrew_text(out)
    with pytest.raises(NoSuchChoice):
        print_document(workspace, "meeting-plan", community_id, tmp_path / "plan.pdf", meeting=None)
    assert not (tmp_path / "plan.pdf").exists()


# --- the meeting plan page --------------------------------------------------------------------


@needs_poppler
def test_meeting_plan_page_has_the_timed_schedule_and_who_is_responsible(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace, community_id = demo
    out = tmp_path / "plan.pdf"
    print_document(workspace, "meeting-plan", community_id, out, "he", meeting=8)
    assert int(pdf_info(out)["Pages"]) == 1
    text = _hebrew_text(out)
    order = [
        text.index(part)
        for part in (
            "מפגש 8: ניהול אמיץ ויוזם",
            "יום ג׳ 2.5.2023 (י״א אייר תשפ״ג)",
            "מקום: אשכול",
            "מטרות המפגש – מקצועיות",
            "השראה ושיתוף להחלטות ניהוליות",
            "מטרות המפגש – קהילתיות",
            "תוצר רצוי מהמפגש",
            "עמוד שדרה ניהולי אישי",
            "לו״ז המפגש",
            "התכנסות",
            "סיכום המפגש",
            "תחומי אחריות וחומרים",
            "לינה חורי (דמו)",
            "כרטיסיות צירים",
        )
    ]
    assert order == sorted(order)
    # Start and end times come from the blocks: 60 + 45 + 15 minutes from 09:00.
    lines = text.splitlines()
    assert [line.split()[0] for line in lines if line[:2] in ("09", "10", "11", "14")] == [
        "09:00-10:00",
        "10:00-10:45",
        "10:45-11:00",
        "11:00-12:00",
        "14:30-15:00",
    ]
    assert "סיום משוער: 15:00" in text
    assert "חלק ב׳: תוכן מקצועי" in text


def test_choose_meeting_by_number_id_or_the_next_one() -> None:
    meetings = _community().meetings
    assert choose_meeting(meetings, 2)[1].id == "m2"
    assert choose_meeting(meetings, "m3") == (3, meetings[2])
    assert choose_meeting(meetings, None, date(2022, 12, 1))[0] == 3
    assert choose_meeting(meetings, None, date(2023, 2, 22))[0] == 3  # the seminar's 2nd day
    assert choose_meeting(meetings, None, date(2024, 1, 1))[0] == 1  # all past: the first
    for wanted in (0, 5, "nope"):
        with pytest.raises(LookupError):
            choose_meeting(meetings, wanted)


@needs_poppler
def test_meeting_plan_of_an_online_meeting_without_blocks(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    community = _community()
    community.meetings[1].blocks = []
    community.meetings[0].blocks = [Block("A", "פתיחה", 30)]
    community.meetings[0].start = time(16, 0)
    community_id = save_community(workspace, community)
    out = tmp_path / "plan.pdf"
    print_document(workspace, "meeting-plan", community_id, out, "en", meeting="m2")
    text = "\n".join(pdf_pages(out))
    assert "Meeting 2:" in text and "Place: Online" in text and "No blocks planned yet." in text
    print_document(workspace, "meeting-plan", community_id, out, "en", meeting=1)
    assert "16:00-16:30" in "\n".join(pdf_pages(out))


# --- the work teams ----------------------------------------------------------------------------


@needs_poppler
def test_work_teams_overview_shows_roles_budget_and_stage_states(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace, _first_year = demo
    community_id = list_communities(workspace)[1].id  # work teams are the second year's (seed 004)
    out = tmp_path / "teams.pdf"
    data = document_data.community(workspace, community_id, "he", today=date(2024, 6, 10))
    build_work_teams_pdf(data, out, "he")
    text = _hebrew_text(out)
    assert "קו הסיום – כנס התוצרים: 11.7.2024" in text
    # The summary, one row per team: three stages done, the fourth late, two to come.
    assert re.search("^נייר מדיניות:.* הושלם הושלם הושלם באיחור מתוכנן מתוכנן 50%$", text, re.M), text
    assert re.search("^ארגז כלים.* הושלם באיחור באיחור באיחור מתוכנן מתוכנן 16.7%$", text, re.M)
    assert "תקציב: 8,000.00 ₪" in text
    assert "4 עבודה נוספת והכנות אחרונות 15.5.2024 באיחור" in text  # a team's own stages
    assert "מנחה ונציג/ת קשר" in text and "תמר ויס (דמו)" in text
    order = [
        text.index(part) for part in ("התקדמות לפי שלבים", "נייר מדיניות: תיירות", "ארגז כלים לעסקים קטנים")
    ]
    assert order == sorted(order)


@needs_poppler
def test_work_teams_in_english_and_without_teams(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    community_id = save_community(workspace, Community("Community"))
    out = tmp_path / "teams.pdf"
    print_document(workspace, "work-teams", community_id, out, "en")
    text = "\n".join(pdf_pages(out))
    assert "No work teams yet." in text and "No finish line set yet." in text


@needs_poppler
@pytest.mark.parametrize("language", ["he", "ar"])
def test_ten_meetings_with_long_titles_and_ten_topics_still_fit_two_pages(
    workspace, tmp_path: Path, language: str
) -> None:  # type: ignore[no-untyped-def]
    topics = [
        Topic(f"t{n}", f"נושא ארוך מאוד מספר {n} על פיתוח כלכלי, תעסוקה ושותפויות אזוריות") for n in range(10)
    ]
    meetings = [
        Meeting(
            f"m{n}",
            date(2025, 9 + n, 10) if n < 4 else date(2026, n - 3, 10),
            topic=f"t{n}",
            title="" if n % 2 else f"כותרת ארוכה למפגש {n} " * 3,
            format=ONLINE if n % 3 == 0 else IN_PERSON,
            seminar=n == 5,
        )
        for n in range(10)
    ]
    community = Community(
        "קהילה עם שם ארוך במיוחד לבדיקת הגבולות של הכותרת",
        "תחום",
        date(2025, 9, 1),
        date(2026, 7, 31),
        topics=topics,
        meetings=meetings,
    )
    community_id = save_community(workspace, community)
    out = tmp_path / "long.pdf"
    print_document(workspace, "syllabus", community_id, out, language)
    assert 1 <= int(pdf_info(out)["Pages"]) <= 2
    # Each topic's row label is shortened to fit beside the chart, never dropped.
    assert len([line for line in drawn_lines(out) if "…" in line]) == 10


# --- issue 20's fields in the documents: days kept, the advisory committee, a team's output ----


def _community_of_issue_20(workspace) -> int:  # type: ignore[no-untyped-def]
    from desktop.models.community import AdvisoryGuest, Member
    from desktop.models.holidays import JEWISH, MUSLIM
    from desktop.models.records import RecordKind
    from desktop.models.work_teams import WorkTeam
    from desktop.storage import reference_store

    town = reference_store.save_record(
        workspace, RecordKind.AUTHORITY, {"name_he": "Rahat", "municipal_status": "city", "district": "south"}
    )
    head, partner = (
        reference_store.save_record(workspace, RecordKind.PERSON, {"full_name": name})
        for name in ("Maya Head", "Yusuf Partner")
    )
    community = Community("Community Twenty", "Economy", date(2026, 9, 1), date(2027, 7, 31))
    community.members = [Member(head, town, "Head of economy", advisory=True)]
    community.advisory_guests = [AdvisoryGuest(partner, "stakeholder", "Chamber of Commerce")]
    community.add_advisory_meeting(date(2026, 11, 17)).notes = "Review the team budgets"
    community.add_advisory_meeting(date(2027, 2, 9)).ad_hoc = True
    community.holiday_groups = [JEWISH, MUSLIM]
    community.meetings = [
        Meeting("m1", date(2026, 10, 13), title="Kickoff", host=town),
        Meeting("m2", date(2027, 3, 10), title="Midyear", host=town),  # Eid al-Fitr
    ]
    community.teams = [
        WorkTeam(
            "t1",
            "Team Markets",
            members=[head],
            audience="Audience Mayors",
            use="Use at the conference",
            signs=["useful"],
            accompanier=partner,
        )
    ]
    return save_community(workspace, community)


@needs_poppler
def test_syllabus_shows_the_days_kept_and_the_advisory_committee(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    community_id = _community_of_issue_20(workspace)
    out = tmp_path / "syllabus.pdf"
    print_document(workspace, "syllabus", community_id, out, "en")
    assert int(pdf_info(out)["Pages"]) == 1  # the Gantt right under the table, not on a page of its own
    text = " ".join(" ".join(pdf_pages(out)).split())
    assert "Dates avoid the days kept by: Jewish and national days and Muslim days" in text
    assert "Falls on: Eid al-Fitr" in text
    assert text.count("Falls on") == 1  # the meeting on an ordinary day says nothing
    assert "The advisory committee" in text
    assert "Maya Head Community member Head of economy · Rahat" in text
    assert "Yusuf Partner Stakeholder Chamber of Commerce" in text
    assert "17.11.2026 Regular" in text and "9.2.2027 Ad hoc" in text  # (the agenda: the standing one)
    assert "Review the team budgets" in text


@needs_poppler
def test_meeting_plan_warns_of_a_day_kept_and_work_teams_show_audience_use_and_signs(
    workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    community_id = _community_of_issue_20(workspace)
    plans = []
    for number in (1, 2):
        out = tmp_path / f"plan{number}.pdf"
        print_document(workspace, "meeting-plan", community_id, out, "en", meeting=number)
        plans.append(" ".join(" ".join(pdf_pages(out)).split()))
    assert "falls on a day some members keep: Eid al-Fitr" in plans[1]
    assert "keep:" not in plans[0]
    out = tmp_path / "teams.pdf"
    print_document(workspace, "work-teams", community_id, out, "en")
    text = " ".join(" ".join(pdf_pages(out)).split())
    assert "Target audience: Audience Mayors" in text
    assert "How it will be used and spread: Use at the conference" in text
    assert "Accompanied by: Yusuf Partner" in text
    assert "Signs of a good output Met?" in text
    assert "Useful and accessible: a tool for the members to make the change, to apply and spread Met" in text
    assert text.count("Not yet") == 4  # the other four signs
