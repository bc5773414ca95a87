"""A rich Hebrew workspace: long paragraphs mixing Hebrew with English names, ₪ amounts,
percentages, dates, ranges, parentheses that wrap, lists, "R&D" and "ECOSTEM21" — the text a
coordinator really types. The OCR measure (tests/reports/ocr.py) reads every Hebrew document
printed from it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.models.agreement import Agreement
from desktop.models.community import Community, Member
from desktop.models.flags import Action, ClusterFlags, Flag, Goal, Item, Measure
from desktop.models.forum import FocusArea, Forum, sessions_from_template
from desktop.models.mou import Parties
from desktop.models.mou_budget import with_amount
from desktop.models.mou_draft import with_parties, with_timeframe
from desktop.models.mou_timeline import Timeframe
from desktop.models.mou_versions import freeze_version
from desktop.models.records import RecordKind
from desktop.models.selection import BASE_CONDITIONS, CRITERIA, ConditionState, QuantitativeFilter
from desktop.models.selection_process import SelectionProcess, TeamMember
from desktop.models.syllabus import Meeting, MeetingPlan
from desktop.models.work_teams import WorkTeam
from desktop.storage import reference_store
from desktop.storage.agreement_store import party_names, save_agreement
from desktop.storage.community_store import save_community
from desktop.storage.flags_store import flags_work_number, save_cluster_flags
from desktop.storage.forum_store import save_forum
from desktop.storage.selection_store import save_process
from desktop.storage.workspace import Workspace, create_workspace

LONG_PURPOSE = (
    "לבחור יישוב שותף לחמש השנים הבאות (2027-2031) בשיתוף עמותת Tikva Israelit – South "
    'וקרן ECOSTEM21, על בסיס נתוני הלמ"ס ותקציב של ₪1,200,000 בשנה (כ-42.7% מהתקציב הכולל).'
)
RATIONALE = (
    "לעיר אופקים יש מוכנות גבוהה: ראש העירייה מחויב, מחלקת R&D פעילה ושיעור הזכאות לבגרות "
    "עלה ב-12.5% בין 2022 ל-2025 (לפי דוח Taub Center). הצוות המליץ פה אחד ביום 20.11.2026."
)


@dataclass(frozen=True)
class Records:
    selection: int
    agreement: int
    forum: int
    flags: int
    community: int
    diagnosis: int


def _authority(workspace: Workspace, he: str, en: str, ar: str, cluster: int) -> str:
    return reference_store.save_record(
        workspace,
        RecordKind.AUTHORITY,
        {
            "name_he": he,
            "name_en": en,
            "name_ar": ar,
            "municipal_status": "city",
            "district": "south",
            "population": "34000",
            "population_year": "2022",
            "socioeconomic_cluster": str(cluster),
        },
    )


def build_rich_workspace(path: Path) -> tuple[Workspace, Records]:
    workspace = create_workspace(path)
    ofakim = _authority(workspace, "אופקים", "Ofakim", "أوفاكيم", 2)
    netivot = _authority(workspace, "נתיבות", "Netivot", "نتيفوت", 3)
    _authority(workspace, "סביון", "Savyon", "سافيون", 10)
    cluster = reference_store.save_record(
        workspace, RecordKind.CLUSTER, {"name": "אשכול נגב מערבי", "members": [ofakim, netivot]}
    )
    organisation = reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "קרן תקווה ישראלית", "sector": "philanthropy"}
    )
    dana = reference_store.save_record(workspace, RecordKind.PERSON, {"full_name": "דנה כהן"})
    omar = reference_store.save_record(workspace, RecordKind.PERSON, {"full_name": "עומר חסן"})

    process = SelectionProcess(
        title="בחירת יישוב לתוכנית ECOSTEM21",
        purpose=LONG_PURPOSE,
        team=[TeamMember(dana, "facilitator"), TeamMember(omar, "analyst")],
        filter=QuantitativeFilter(socioeconomic=(1, 4)),
    )
    for criterion in CRITERIA:
        for member in (dana, omar):
            process.set_score(ofakim, member, criterion.code, 5)
            process.set_score(netivot, member, criterion.code, 3)
    process.set_score(netivot, omar, CRITERIA[0].code, 5)
    for code, _label in BASE_CONDITIONS:
        process.set_condition(ofakim, code, ConditionState.MET)
    process.set_condition(netivot, BASE_CONDITIONS[0][0], ConditionState.NOT_MET)
    process.chosen = [ofakim]
    process.rationale = RATIONALE
    process.decided_on = date(2026, 11, 20)
    selection_id = save_process(workspace, process)

    agreement = Agreement.new("he")
    draft = with_parties(
        agreement.draft,
        Parties(ofakim, organisation, (), 90, "כל צד רשאי לצאת מההסכם בהודעה מוקדמת (בכתב) של 90 יום."),
    )
    draft = with_timeframe(draft, Timeframe(date(2027, 1, 1), 3))
    budget = draft.budget
    for year in budget.years:
        budget = with_amount(budget, year, "authority", 1_200_000)
    agreement.draft = dataclasses.replace(draft, budget=budget)
    agreement.versions.append(
        freeze_version(agreement.draft, [], date(2026, 11, 1), names=party_names(workspace, agreement.draft))
    )
    agreement_id = save_agreement(workspace, agreement)

    forum = Forum(
        "פורום תכנון דרום", "מדע וטכנולוגיה (STEM)", "אופקים", sessions=sessions_from_template("stem", "he")
    )
    first = forum.session(1)
    first.goals = [
        "להקשיב לצרכים של בני הנוער (גילאי 12-18) ושל ההורים בשכונות הוותיקות של העיר",
        'למפות את מחלקת R&D העירונית ואת השותפים שכבר פועלים בתחום (מתנ"סים, בתי ספר ועמותות)',
        "להסכים על שלושה עד חמישה כיווני פעולה שייבחנו במפגש הבא של הפורום",
    ]
    first.outputs = [
        "רשימת רעיונות מדורגת לפי סדרי עדיפויות של המשתתפים",
        "מפה של המשאבים הקיימים בעיר: מבנים, תקציבים ואנשי מקצוע (כולל מתנדבים)",
    ]
    first.decisions = (
        "הוחלט לפתוח שתי מעבדות מדע (רובוטיקה ותכנות) בשיתוף Intel Israel, בתקציב של ₪350,000 "
        "ובשעות 16:00-19:00, פעמיים בשבוע (ימים שני ורביעי)."
    )
    first.blocks[0].notes = 'להכין מצגת פתיחה קצרה עם נתוני הלמ"ס (2022) על שיעור הזכאות לבגרות.'
    first.blocks[0].materials = "פתקיות צבעוניות, לוח מחיק וטושים"
    lead = forum.add_participant("רונית לוי", "מועצת העיר אופקים", "local_authority")
    member = forum.add_participant("סמיר עבדאללה", "עמותת Tikva Israelit", "ngo")
    for participant in (lead, member):
        forum.check_in(participant.id, 1)
    labs = forum.new_cluster(1, "מעבדות מדע ורובוטיקה")
    jobs = forum.new_cluster(1, "תעסוקת צעירים בהייטק")
    forum.add_idea(1, 1, "מעבדת רובוטיקה בבית הספר התיכון (בשיתוף Intel)").cluster = labs.id
    forum.add_idea(1, 1, "חונכות של מהנדסות לבנות בגילאי 14-16").cluster = jobs.id
    forum.add_idea(1, 1, "קורס תכנות Python לכל שכבה ט'")
    forum.vote_by_participant(1, lead.id, {labs.id: 3})
    forum.vote_by_participant(1, member.id, {labs.id: 1, jobs.id: 2})
    forum.rank_clusters(1, lead.id, [labs.id, jobs.id])
    forum.agenda = [
        FocusArea(
            "a",
            "מעבדות מדע בבתי הספר",
            "פער של 20% בשיעור הזכאות לבגרות מדעית לעומת הממוצע הארצי",
            "בגרות מדעית לכל תלמיד ותלמידה",
            "עד שנת 2030 לפחות 60% מהתלמידים ייגשו לבגרות מדעית (5 יחידות)",
            clusters=[labs.id],
            team=[lead.id, member.id],
            lead=lead.id,
        )
    ]
    forum_id = save_forum(workspace, forum)

    flags = ClusterFlags(cluster, [Item("i1", "שירותי רווחה משותפים", authorities=[ofakim])])
    diagnosis = flags.new_diagnosis("i1", date(2026, 10, 5))
    for level, flag in enumerate(Flag, start=1):
        assessment = diagnosis.flags[flag.value]
        assessment.agreed = level
        assessment.scores = {"שותף מקצועי": level}
        assessment.justification = (
            "השירות פועל בשתי רשויות בלבד (אופקים ונתיבות) ומשרת כ-420 משפחות בשנה, "
            "אך אין בו עדיין מנגנון מדידה משותף."
        )
        assessment.evidence = "דוח משרד הרווחה לשנת 2025 ופרוטוקול ועדת ההיגוי מיום 3.2.2026"
        assessment.links = "www.molsa.gov.il"
        assessment.baseline = Measure(10 + level, "משפחות", "2026-01-01")
    diagnosis.answers = {"barriers": "חסרים כוח אדם מקצועי (עובדות סוציאליות) ותקציב הסעות קבוע."}
    diagnosis.final = True
    plan = flags.plan("i1", Flag.INCLUSIVE_GROWTH)
    plan.outcome = "יותר משפחות מקבלות ליווי רציף (לפחות שנה) משירותי הרווחה של האשכול"
    plan.goals.append(Goal("משפחות בליווי רציף", 60, "%", "2027-12-31", Measure(35, "%", "2026-01-01"), 48))
    plan.actions.append(
        Action("מפגש חודשי של מנהלות המחלקות", "10", "חודשי", "רות אברהם", "2027-01-15", "2027-06-30")
    )
    save_cluster_flags(workspace, flags)
    number = flags_work_number(workspace, cluster)
    assert number is not None

    community = Community("קהילת מנהלי חינוך בדרום", "חינוך", date(2026, 9, 1), date(2027, 7, 31))
    community.members = [
        Member(dana, ofakim, "מנהלת אגף החינוך"),
        Member(omar, netivot, "מנהל מחלקת נוער"),
    ]
    community.leader = dana
    community.meetings = [
        Meeting(
            "m1",
            date(2026, 10, 12),
            title="מפגש פתיחה: היכרות ותיאום ציפיות",
            host=netivot,
            plan=MeetingPlan(
                professional_goals="להכיר את מודל ECOSTEM21 ואת נתוני הבגרות (2022-2025) של כל רשות.",
                community_goals="לבנות אמון בין המשתתפים ולקבוע כללי עבודה משותפים.",
                desired_output="מפת אתגרים משותפת (לפחות 5 אתגרים) ולוח זמנים לשנה.",
                materials="מצגת, דפי עבודה ומקרן",
            ),
        )
    ]
    community.teams = [WorkTeam("t1", "צוות מדיניות חינוך מדעי", members=[dana, omar], budget=25_000)]
    community_id = save_community(workspace, community)
    return workspace, Records(selection_id, agreement_id, forum_id, number, community_id, diagnosis.number)
