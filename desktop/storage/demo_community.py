"""The demo learning community: the seed's economic-development community (seed 004
l.1954-1990), Sept 2022 - July 2023, with its ten meetings, topics, online (zoom) meetings and
dates as in the seed's Gantt.

What differs from the seed, and why:
- The seed's hosts (Lod, Karmiel, Jerusalem, Drom HaSharon, Rishon LeZion, the Western Negev
  cluster, Rashi Foundation) are not authorities of the demo workspace, so the in-person
  meetings rotate among the Western Negev members the demo holds.
- The seed's economic Gantt shows no two-day seminar; meeting 7 is marked as the year's
  seminar (as the education community's Gantt has one mid-year), so the demo shows one.
- The plan of meeting 8 is the seed's sample plan page (l.2103, "ניהול אמיץ ויוזם"), without
  the real speakers' names.
- The members are invented people marked "(דמו)", like every person in the demo workspace.
- The seed's life cycle (l.3271): 2022-23 is the community's first year (founding: topics
  ranked and chosen, the yearly Gantt); work teams belong to the second year, so they are in
  a second record, the same community's year two (2023-24), whose meeting dates are invented.
"""

from __future__ import annotations

from datetime import date

from desktop.models.community import Community, Member
from desktop.models.records import RecordKind
from desktop.models.syllabus import (
    BREAK,
    IN_PERSON,
    ONLINE,
    PART_A,
    PART_B,
    PART_C,
    Block,
    Meeting,
    MeetingPlan,
    default_blocks,
)
from desktop.models.topics_survey import Topic
from desktop.models.work_teams import Stage, WorkTeam, default_stage_dates
from desktop.storage.community_store import save_community
from desktop.storage.demo import DEMO_MARK
from desktop.storage.workspace import Workspace

COMMUNITY_NAME = f"קהילת פיתוח כלכלי {DEMO_MARK}"
YEAR_TWO_NAME = f"קהילת פיתוח כלכלי – שנה ב׳ {DEMO_MARK}"

# (name, role, authority (Hebrew name), gender, core, advisory) — invented people.
MEMBERS = [
    ("הילה גבאי", "מנהלת היחידה לפיתוח כלכלי", "נתיבות", "female", True, False),
    ("יואב דהן", "מנהל מחלקת עסקים", "שדרות", "male", True, True),
    ("עבד אלכרים אבו-סעד", "מנהל היחידה הכלכלית", "רהט", "male", True, False),
    ("מורן אלמוג", "רכזת פיתוח כלכלי", "אופקים", "female", False, True),
    ("תמר ויס", "מנהלת החברה הכלכלית", "שער הנגב", "female", True, True),
    ("עידו שגיא", "מנהל אגף פיתוח כלכלי", "אשכול", "male", False, True),
    ("רחל בן-חמו", "מנהלת תיירות ועסקים", "מרחבים", "female", False, False),
    ("אלון קרמר", "רכז יזמות", "בני שמעון", "male", False, True),
    ("ספיר אוחיון", "מנהלת מרכז עסקים", "שדות נגב", "female", False, False),
    ("ג'מיל אלהוזייל", "רכז תעסוקה ועסקים", "רהט", "male", False, False),
    ("ענבל רוזן", "מנהלת נכסים", "נתיבות", "female", False, False),
    ("שי מלכה", "מנהל מחלקת רישוי עסקים", "שדרות", "male", False, False),
]

# The topics the community chose (the six of the seed's Gantt), and two it did not.
TOPICS = [
    ("t-assets", "נכסים מניבים"),
    ("t-local-business", "קידום עסקים מקומיים"),
    ("t-growth", "מנועי צמיחה"),
    ("t-authority", "הרשות כארגון כלכלי"),
    ("t-partnerships", "שותפויות וממשקי עבודה"),
    ("t-global", "מגמות עולמיות"),
    ("t-tourism", "תיירות כמנוע כלכלי"),
    ("t-energy", "אנרגיה מתחדשת"),
]

# (date, topic, title, host (Hebrew name) or "" online, seminar) — the seed's Gantt.
MEETINGS = [
    (date(2022, 9, 21), "", "מפגש פתיחה: היכרות ובחירת נושאים", "נתיבות", False),
    (date(2022, 10, 25), "t-assets", "", "שדרות", False),
    (date(2022, 11, 22), "t-assets", "", "", False),
    (date(2022, 12, 27), "t-local-business", "", "רהט", False),
    (date(2023, 1, 24), "t-growth", "", "אופקים", False),
    (date(2023, 2, 21), "t-partnerships", "", "", False),
    (date(2023, 3, 27), "t-partnerships", "", "שער הנגב", True),
    (date(2023, 5, 2), "t-authority", "ניהול אמיץ ויוזם", "אשכול", False),
    (date(2023, 5, 30), "t-authority", "", "", False),
    (date(2023, 7, 4), "t-global", "", "מרחבים", False),
]

SAMPLE_PLAN = MeetingPlan(
    professional_goals=(
        "השראה ושיתוף להחלטות ניהוליות אמיצות ותהליכי רוחב חדשניים ברשויות השונות.\n"
        "יצירת שפה משותפת לקהילה בהובלת תהליכי שינוי פנים־ארגוניים שדורשים אומץ ויוזמה.\n"
        "פיתוח תוצר, כלי או מתודולוגיה שיסייעו בהטמעה בעבודה היומיומית בכל רשות."
    ),
    community_goals=(
        "המשך היכרות וגיבוש הקהילה.\nחיזוק תחושת האמון והפתיחות דרך למידת עמיתים ושיתוף בדילמות מהשטח."
    ),
    desired_output=(
        "עמוד שדרה ניהולי אישי, סיכום קייס סטאדי והמלצות הקהילה על הובלת מהלכי שינוי אמיצים בארגון."
    ),
    production=f"לינה חורי {DEMO_MARK}",
    knowledge=f"דנה לוי {DEMO_MARK}",
    partners="הרשות המארחת ומרצי ההשראה",
    materials=("כרטיסיות צירים.\nנספח צירים אישי לכל המשתתפים והמשתתפות.\nהסילבוס השנתי של הקהילה."),
)

SAMPLE_BLOCKS = [
    Block(PART_A, "התכנסות", 60),
    Block(
        PART_A,
        "פתיחת יום: הצגת הסילבוס והלו״ז, שפה משותפת – מה זה ניהול אמיץ ויוזם?",
        45,
        "הצפה וגירוי; מתחים על ציר בין שתי כרטיסיות; דיון תוך כדי הצירים",
    ),
    Block(BREAK, "הפסקה", 15),
    Block(PART_B, "למידת עמיתים: ניהול מקצועי ואמיץ", 60, "קייס סטאדי מאחת הרשויות"),
    Block(PART_B, "הרצאת השראה: על לוד וניהול הרשות כארגון", 30),
    Block(BREAK, "ארוחת צהריים", 60),
    Block(PART_B, "הרצאת השראה: ניהול הון אנושי בשלטון המרכזי", 60),
    Block(PART_C, "סיכום המפגש: עמוד השדרה הניהולי שלי", 30, "ערכים מרכזיים של תפיסת הניהול האמיץ"),
]

RATINGS = [  # member index -> ratings of the topics in TOPICS order (1-5)
    (0, [5, 4, 4, 3, 4, 3, 2, 2]),
    (1, [4, 5, 3, 4, 5, 2, 3, 1]),
    (2, [5, 5, 4, 2, 3, 3, 4, 2]),
    (4, [4, 3, 5, 5, 4, 4, 3, 3]),
    (5, [3, 4, 5, 4, 4, 5, 2, 4]),
]


def add_demo_community(workspace: Workspace) -> int:
    """Store the demo community (and its invented members) in `workspace`; its id."""
    from desktop.storage.reference_store import choices, save_record

    authorities = {name: uuid for uuid, name in choices(workspace, RecordKind.AUTHORITY)}
    people = {name: uuid for uuid, name in choices(workspace, RecordKind.PERSON)}
    members = []
    for name, role, authority, gender, core, advisory in MEMBERS:
        person = save_record(
            workspace,
            RecordKind.PERSON,
            {
                "full_name": f"{name} {DEMO_MARK}",
                "role": role,
                "sector": "local_authority",
                "phone": "",
                "email": "",
                "consent_contact": False,
            },
        )
        members.append(Member(person, authorities[authority], role, gender, core, advisory))
    community = Community(
        COMMUNITY_NAME,
        "פיתוח כלכלי ברשויות מקומיות",
        date(2022, 9, 1),
        date(2023, 7, 31),
        cycle_year=1,
        leader=people.get(f"לינה חורי {DEMO_MARK}", ""),
        partner=people.get(f"דנה לוי {DEMO_MARK}", ""),
        members=members,
        topics=[Topic(topic_id, title) for topic_id, title in TOPICS],
        selected_topics=[topic_id for topic_id, _title in TOPICS[:6]],
        selection_date=date(2022, 9, 21),
        ratings={
            members[index].person: dict(zip((t for t, _n in TOPICS), values, strict=True))
            for index, values in RATINGS
        },
    )
    for number, (day, topic, title, host, seminar) in enumerate(MEETINGS, start=1):
        meeting = Meeting(
            f"demo-meeting-{number}",
            day,
            topic,
            title,
            authorities[host] if host else "",
            IN_PERSON if host else ONLINE,
            seminar,
            blocks=default_blocks(community.cycle_year),
        )
        if title == "ניהול אמיץ ויוזם":
            meeting.blocks = [Block(b.part, b.title, b.minutes, b.notes) for b in SAMPLE_BLOCKS]
            meeting.plan = MeetingPlan(**vars(SAMPLE_PLAN))
        community.meetings.append(meeting)
    community_id = save_community(workspace, community)
    add_year_two(workspace, community, members)
    return community_id


# Year two (2023-24): monthly meetings (invented dates), the lab part holds the work teams.
YEAR_TWO_MEETINGS = [
    (date(2023, 9, 19), "t-tourism", "פתיחת שנה ב׳: בחירת נושאי צוותי העבודה", "רהט"),
    (date(2023, 11, 28), "", "קהילה בשעת חירום: מה אנחנו צריכים עכשיו", ""),
    (date(2023, 12, 26), "t-local-business", "", "אופקים"),
    (date(2024, 1, 23), "t-tourism", "", "שער הנגב"),
    (date(2024, 2, 27), "t-energy", "", ""),
    (date(2024, 3, 26), "t-local-business", "", "בני שמעון"),
    (date(2024, 4, 30), "t-tourism", "", "שדות נגב"),
    (date(2024, 5, 28), "t-partnerships", "", ""),
    (date(2024, 6, 25), "", "הצגת טיוטות התוצרים", "נתיבות"),
    (date(2024, 7, 11), "", "כנס תוצרים – קו הסיום", "שדרות"),
]


def add_year_two(workspace: Workspace, first: Community, members: list[Member]) -> int:
    """The community's second year: the same members, work teams and a shared finish line."""
    from desktop.storage.reference_store import choices

    authorities = {name: uuid for uuid, name in choices(workspace, RecordKind.AUTHORITY)}
    finish_line = date(2024, 7, 11)
    community = Community(
        YEAR_TWO_NAME,
        first.profession,
        date(2023, 9, 1),
        date(2024, 7, 31),
        cycle_year=2,
        leader=first.leader,
        partner=first.partner,
        members=[Member(m.person, m.authority, m.role, m.gender, m.core, m.advisory) for m in members],
        topics=[Topic(t.id, t.title) for t in first.topics],
        selected_topics=["t-tourism", "t-local-business", "t-energy", "t-partnerships"],
        selection_date=date(2023, 9, 19),
        finish_line=finish_line,
    )
    for number, (day, topic, title, host) in enumerate(YEAR_TWO_MEETINGS, start=1):
        community.meetings.append(
            Meeting(
                f"demo-year2-meeting-{number}",
                day,
                topic,
                title,
                authorities[host] if host else "",
                IN_PERSON if host else ONLINE,
                blocks=default_blocks(2),
            )
        )
    community.teams = _teams([m.person for m in members], finish_line)
    return save_community(workspace, community)


def _teams(people: list[str], finish_line: date) -> list[WorkTeam]:
    # The summary stage on the finish line itself: no stage is due after it.
    dues = [*default_stage_dates(date(2023, 11, 28), finish_line)[:5], finish_line]
    tourism = WorkTeam(
        "demo-team-tourism",
        "נייר מדיניות: תיירות כמנוע כלכלי",
        "תיירות כמנוע כלכלי בפריפריה",
        "policy_paper",
        people[0:5],
        {"facilitator": people[4], "documenter": people[0], "timekeeper": people[1], "calendar": people[3]},
        [Stage(due, index < 3) for index, due in enumerate(dues)],
        8000,
    )
    business = WorkTeam(
        "demo-team-business",
        "ארגז כלים לעסקים קטנים",
        "קידום עסקים קטנים ובינוניים",
        "tool",
        people[5:9],
        {"facilitator": people[5], "documenter": people[7], "timekeeper": people[8]},
        [Stage(due, index < 1) for index, due in enumerate(dues)],
        5000,
    )
    return [tourism, business]
