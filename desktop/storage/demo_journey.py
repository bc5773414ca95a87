"""The demo of a town's path (seed 001): the town-selection process, the agreement with the
chosen town through its four stages with an MOU sent twice and signed, and the design forum
with the four sessions of the seed's STEM example, its ideas, votes, shared agenda and
professional teams.

What the seed gives and the demo follows: the selection team and rubric (001 l.365-440), the
four agreement stages and the MOU's anchors (l.456-512), the STEM forum's four sessions, their
goals and outputs (l.786), about fifty participants from every sector, a shared agenda of four
to six focus areas with "golden data" and a professional team of 10-15 members per focus area
led by the authority's field manager (l.747-800).
What is invented, and marked: every person ("(דמו)"), every score, date and idea. The town
(Ofakim, a member of the Western Negev cluster) is the demo's choice: the seeds name no town.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from desktop.models.agreement import Agreement
from desktop.models.forum import FocusArea, Forum, sessions_from_template
from desktop.models.mou import Parties, PersonRef
from desktop.models.mou_budget import with_amount
from desktop.models.mou_draft import with_parties, with_timeframe
from desktop.models.mou_process import AgreementStage, StageRecord
from desktop.models.mou_timeline import Timeframe
from desktop.models.mou_versions import freeze_version, mark_signed
from desktop.models.records import RecordKind
from desktop.models.selection import BASE_CONDITIONS, CRITERIA, ConditionState, QuantitativeFilter
from desktop.models.selection_process import SelectionProcess, TeamMember
from desktop.storage.agreement_store import party_names, save_agreement
from desktop.storage.demo import DEMO_MARK
from desktop.storage.forum_store import save_forum
from desktop.storage.reference_store import choices
from desktop.storage.selection_store import save_process
from desktop.storage.workspace import Workspace

TOWN = "אופקים"
SELECTION_TITLE = f"בחירת יישוב לשותפות 2022 {DEMO_MARK}"
FORUM_TITLE = f"פורום עיצוב אופקים – STEM {DEMO_MARK}"

# The selection team (001 l.372): partners' representatives, the initiative's people, a researcher.
TEAM = [
    ("יוסף אלעוברה", "מוביל התהליך"),
    ("לינה חורי", "מנהלת אסטרטגיית ההשקעה ממוקדת היישוב"),
    ("דנה לוי", "נציגת שותף ממשלתי"),
    ("אבי כהן", "נציג הקרן"),
    ("נור חטיב", "חוקרת מלווה"),
]

# Scores per candidate: a base per criterion group, each rater a little apart (invented).
SCORES = {
    "אופקים": [5, 4, 4, 4, 3, 4, 5, 5, 3],
    "נתיבות": [4, 3, 3, 3, 3, 3, 4, 4, 3],
    "שדרות": [3, 4, 4, 4, 5, 4, 3, 3, 4],
    "רהט": [3, 4, 3, 4, 3, 4, 3, 5, 2],
}


def add_demo_selection(workspace: Workspace) -> int:
    authorities = {name: uuid for uuid, name in choices(workspace, RecordKind.AUTHORITY)}
    people = {name: uuid for uuid, name in choices(workspace, RecordKind.PERSON)}
    team = [TeamMember(people[f"{name} {DEMO_MARK}"], role) for name, role in TEAM]
    process = SelectionProcess(
        title=SELECTION_TITLE,
        purpose="זיהוי יישובי פריפריה בעלי הסיכוי הגבוה ביותר להשפעה מיטבית (מקור: מסמך 001).",
        held_on=date(2022, 2, 15),
        team=team,
        filter=QuantitativeFilter(socioeconomic=(1, 5), statuses=frozenset({"city"})),
    )
    for town, base in SCORES.items():
        uuid = authorities[town]
        for index, member in enumerate(team):
            for criterion, score in zip(CRITERIA, base, strict=True):
                spread = (index + len(criterion.code)) % 3 - 1  # -1, 0 or +1
                process.set_score(uuid, member.person, criterion.code, max(1, min(5, score + spread)))
        for code, _label in BASE_CONDITIONS:
            state = ConditionState.MET if town in ("אופקים", "שדרות") else ConditionState.PARTLY
            process.set_condition(uuid, code, state)
    process.set_condition(
        authorities["רהט"],
        "resources",
        ConditionState.NOT_MET,
        "אין כרגע מקורות מימון משלימים לשנים הראשונות.",
    )
    process.chosen = [authorities[TOWN]]
    process.rationale = (
        "מנהיגות מחויבת ויציבה, דחיפות לפעולה והזדמנויות אסטרטגיות; "
        "התנאים המקדימים מתקיימים: צורך, הזדמנות, רצון, מנהיגות ומשאבים."
    )
    process.decided_on = date(2022, 3, 20)
    return save_process(workspace, process)


def add_demo_agreement(workspace: Workspace, selection_id: int) -> int:
    """The agreement with the chosen town: four stages, versions 1 and 2 sent, 2 signed."""
    authorities = {name: uuid for uuid, name in choices(workspace, RecordKind.AUTHORITY)}
    organisations = {name: uuid for uuid, name in choices(workspace, RecordKind.ORGANISATION)}
    people = {name: uuid for uuid, name in choices(workspace, RecordKind.PERSON)}
    foundation = organisations["קרן משפחתית לדוגמה (דמו)"]
    partner = organisations["משרד החינוך"]
    agreement = Agreement.new("he")
    agreement.selection_id = selection_id
    draft = with_parties(
        agreement.draft,
        Parties(
            authorities[TOWN],
            foundation,
            (partner,),
            90,
            "כל צד רשאי לסיים את השותפות בהודעה מראש ובכתב, לאחר דיון במינהלת היישובית.",
        ),
    )
    draft = with_timeframe(draft, Timeframe(date(2022, 9, 1), 5))
    budget = draft.budget
    for number, year in enumerate(budget.years):
        budget = with_amount(budget, year, "authority", (400_000 + 100_000 * number) * 100)
        budget = with_amount(budget, year, "organisation", (1_200_000 - 100_000 * number) * 100)
    draft = dataclasses.replace(draft, budget=budget)
    names = party_names(workspace, draft)
    first = freeze_version(draft, [], date(2022, 6, 1), "טיוטה ראשונה לעיון הרשות", names)
    draft = dataclasses.replace(
        draft,
        budget=with_amount(draft.budget, draft.budget.years[0], "authority", 450_000 * 100),
    )
    second = freeze_version(draft, [first], date(2022, 7, 14), "תיקוני הגזבר: חלק הרשות בשנה הראשונה", names)
    agreement.draft = draft
    agreement.versions = [first, mark_signed(second, date(2022, 8, 10))]
    lead = PersonRef(f"יוסף אלעוברה {DEMO_MARK}", people[f"יוסף אלעוברה {DEMO_MARK}"])
    strategy = PersonRef(f"לינה חורי {DEMO_MARK}", people[f"לינה חורי {DEMO_MARK}"])
    stages = {
        AgreementStage.INTRODUCTION: (
            date(2022, 4, 5),
            "פגישת היכרות עם ראש העירייה והמנכ״ל; למידת האסטרטגיה.",
        ),
        AgreementStage.PARTNERSHIP: (
            date(2022, 5, 17),
            "דיון על מטרות השותפות, האחריות והבעלות ומבני העבודה.",
        ),
        AgreementStage.SIGNING: (date(2022, 8, 10), "חתימת ראש העירייה ומנכ״ל הקרן על מסמך ההבנות."),
        AgreementStage.LAUNCH: (date(2022, 9, 6), "השקה רשמית בכנס פתוח לתושבים ולשותפים."),
    }
    for stage, (held_on, notes) in stages.items():
        agreement.process = agreement.process.with_record(
            StageRecord(stage, held_on, (lead, strategy), notes)
        )
    agreement.page = 0
    return save_agreement(workspace, agreement)


# (name, organisation, sector, role) — invented participants from every sector (001 l.750).
PARTICIPANTS = [
    ("אורית בן-דוד", "עיריית אופקים", "local_authority", "מנהלת אגף החינוך"),
    ("משה אזולאי", "עיריית אופקים", "local_authority", "מנכ״ל העירייה"),
    ("חן טל", "עיריית אופקים", "local_authority", "מנהלת מחלקת נוער"),
    ("יעל שמש", "עיריית אופקים", "local_authority", "רכזת מדע וטכנולוגיה"),
    ("רון חדד", "עיריית אופקים", "local_authority", "מנהל המתנ״ס"),
    ("אסף ממן", "משרד החינוך", "government", "מפקח"),
    ("ליאת זכאי", "משרד העבודה", "government", "רכזת תעסוקה"),
    ("עמית גרוס", "קרן משפחתית לדוגמה (דמו)", "philanthropy", "מנהל תוכניות"),
    ("נגה אדרי", "עמותה אזורית לחינוך מדעי (דמו)", "ngo", "מנהלת"),
    ("שלומי ברק", "עמותת נוער", "ngo", "רכז"),
    ("מאיה קורן", "פורום עסקים אזורי (דמו)", "business", "יזמית הייטק"),
    ("דוד אוחנה", "מפעל באזור התעשייה", "business", "מנהל משאבי אנוש"),
    ("נור חטיב", "מכללה אזורית בנגב (דמו)", "academia", "חוקרת"),
    ("גיל שרעבי", "מכללה אזורית בנגב (דמו)", "academia", "מרצה"),
    ("סיגל אמסלם", "ועד הורים", "residents", "תושבת"),
    ("אליהו פרץ", "שכונת הנביאים", "residents", "תושב"),
    ("רבקה יוסף", "שכונת מישור הגפן", "residents", "תושבת"),
    ("עדי לוגסי", "בית הספר התיכון", "education_staff", "מורה לפיזיקה"),
    ("קרן אלון", "בית ספר יסודי", "education_staff", "מנהלת"),
    ("יצחק מימון", "בית הכנסת המרכזי", "residents", "מנהיג קהילה"),
]

# Per session: (day, place, decisions, ideas by cluster).
SESSIONS = [
    (
        date(2022, 11, 8),
        "המתנ״ס העירוני",
        "תפיסת STEM משותפת גובשה; נבחרו חמש מיומנויות מובילות ורשימת עקרונות יישובית.",
        {
            "סקרנות וחקר מגיל צעיר": ["מעבדת חקר בכל גן", "מדענים צעירים בשכונות"],
            "מיומנויות המאה ה-21": ["עבודת צוות ופתרון בעיות בכל מקצוע", "למידה מבוססת פרויקטים"],
            "חיבור לתעשייה": ["התמחויות בקיץ במפעלים", "מנטורים מההייטק"],
        },
    ),
    (
        date(2022, 12, 13),
        "בית הספר התיכון",
        "זירות הפעולה לתכנית הקולקטיבית: רצף חינוכי במדעים, נוער ותעסוקה, מורים מובילים.",
        {
            "רצף חינוכי במדעים": ["פער בין יסודי לתיכון במתמטיקה", "מעט תלמידים ב-5 יחידות"],
            "נוער ותעסוקה": ["נוער שלא מכיר את מקצועות העתיד", "אין מסלול לתעשייה המקומית"],
            "מורים מובילים": ["מחסור במורים למדעים", "קהילת מורים מקצועית"],
        },
    ),
    (
        date(2023, 1, 17),
        "המתנ״ס העירוני",
        "תמונת עתיד לשנת 2030 ועקרונות עבודה משותפים אושרו.",
        {
            "חוזקות היישוב": ["קהילה צעירה ומחויבת", "קרבה לאזורי תעשייה"],
            "אתגרים": ["יציאת צעירים מהעיר", "פערים בין שכונות"],
        },
    ),
    (
        date(2023, 2, 21),
        "אולם העירייה",
        "",  # the summary of session 4 is still to be written (the home screen marks it)
        {
            "משימות אישיות": ["אוביל חוג רובוטיקה", "אגייס שני מנטורים"],
        },
    ),
]

# The shared agenda (001 l.760: 4-6 topics) with its golden data, from sessions 2 and 3.
AGENDA = [
    ("רצף חינוכי במדעים", "פערים בין שלבי החינוך במדעים ובמתמטיקה", "שיעור הניגשים ל-5 יח״ל מתמטיקה", 0),
    ("נוער ותעסוקה", "נוער שאינו מכיר את מקצועות העתיד", "שיעור צעירים בלימודים או בתעסוקה איכותית", 1),
    ("מורים מובילים", "מחסור במורים למדעים ובהכשרתם", "מספר מורי מדעים בהשתלמות", 2),
    ("קהילה חוקרת", "פערים בין שכונות בגישה לחינוך בלתי פורמלי", "שיעור ילדים בחוגי מדע", 3),
]


def add_demo_forum(workspace: Workspace) -> int:
    forum = Forum(
        FORUM_TITLE, "STEM ומיומנויות המאה ה-21", TOWN, sessions=sessions_from_template("stem", "he")
    )
    participants = [
        forum.add_participant(f"{name} {DEMO_MARK}", organisation, sector, role)
        for name, organisation, sector, role in PARTICIPANTS
    ]
    for participant in participants:
        participant.invitation = "confirmed"
    by_session: dict[int, list[str]] = {}
    for number, (day, place, decisions, ideas) in enumerate(SESSIONS, start=1):
        session = forum.session(number)
        session.held_on = day
        session.place = place
        session.decisions = decisions
        present = [p for index, p in enumerate(participants) if (index + number) % 5 != 0]
        for participant in present:
            forum.check_in(participant.id, number)
        clusters = []
        for table, (cluster_name, texts) in enumerate(ideas.items(), start=1):
            cluster = forum.new_cluster(number, cluster_name)
            clusters.append(cluster.id)
            for text_number, text in enumerate(texts):
                author = present[(table * 3 + text_number) % len(present)]
                idea = forum.add_idea(number, 1, text, f"שולחן {table}", author.id)
                idea.cluster = cluster.id
        if number < 4:
            forum.add_idea(number, 1, "להזמין את בני הנוער עצמם למפגש הבא", "שולחן 1", present[0].id)
        for index, participant in enumerate(present):
            first, second = clusters[index % len(clusters)], clusters[(index + 1) % len(clusters)]
            dots = {first: 2, second: 1} if first != second else {first: 3}
            forum.vote_by_participant(number, participant.id, dots)
            forum.rank_clusters(
                number, participant.id, clusters[index % len(clusters) :] + clusters[: index % len(clusters)]
            )
        by_session[number] = clusters
    authority_people = [p for p in participants if p.sector == "local_authority"]
    for index, (title, challenge, golden, source) in enumerate(AGENDA):
        team = [participants[(index * 4 + offset) % len(participants)].id for offset in range(12)]
        lead = authority_people[index % len(authority_people)].id
        if lead not in team:
            team[0] = lead
        forum.agenda.append(
            FocusArea(
                f"demo-focus-{index + 1}",
                title,
                challenge,
                golden,
                "כל ילד וילדה באופקים ירכשו מיומנויות המאה ה-21 לאורך הרצף החינוכי.",
                clusters=[by_session[2][source]] if source < len(by_session[2]) else [by_session[3][0]],
                team=team,
                lead=lead,
            )
        )
    return save_forum(workspace, forum)
