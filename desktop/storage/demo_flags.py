"""The demo flags work of the Western Negev cluster (seed 000): the focus service and the
flagship programme the seed names for it (l.652-656), mapped with the cluster's other
services; two diagnoses of the focus service a year apart; a plan by flags.

From the seed: "מרכז אפ 60+" is the cluster's focus service (שרות למיקוד: an existing service
with gaps in use between the cluster's populations; adapting it to the Arab, Haredi and
immigrant populations), "מובילים תרבות" its flagship programme (תכנית הדגל: a new initiative
training culture leaders). Invented and marked: the levels, baselines, partners' scores,
answers, actions and their owners ("(דמו)"); the cluster's other mapped items are examples.
"""

from __future__ import annotations

from datetime import date

from desktop.models.flags import Action, ClusterFlags, Flag, Goal, Item, Measure
from desktop.models.records import RecordKind
from desktop.storage.demo import DEMO_MARK
from desktop.storage.flags_store import flags_work_number, save_cluster_flags
from desktop.storage.reference_store import choices, load_record
from desktop.storage.workspace import Workspace

CLUSTER = "אשכול נגב מערבי"
RAHAT_LEAD = f"עבד אלכרים אבו-סעד {DEMO_MARK}"
CULTURE_LEAD = f"יוסף אלעוברה {DEMO_MARK}"

# The two diagnoses of the focus service: (date, levels per flag, baseline per flag).
DIAGNOSES = [
    (
        date(2021, 11, 16),
        [1, 2, 1, 1],
        [
            (12, "% מהמשתתפים מהחברה הערבית"),
            (3, "רשויות בהיגוי"),
            (2, "מפגשים בשנה עם תושבים"),
            (0, "מנחים דוברי ערבית"),
        ],
    ),
    (
        date(2022, 11, 15),
        [2, 3, 2, 2],
        [
            (21, "% מהמשתתפים מהחברה הערבית"),
            (6, "רשויות בהיגוי"),
            (5, "מפגשים בשנה עם תושבים"),
            (2, "מנחים דוברי ערבית"),
        ],
    ),
]


def add_demo_flags(workspace: Workspace) -> int:
    clusters = {name: uuid for uuid, name in choices(workspace, RecordKind.CLUSTER)}
    cluster = clusters[CLUSTER]
    members = [str(uuid) for uuid in load_record(workspace, RecordKind.CLUSTER, cluster)["members"]]
    lead = f"מיכל אברהמי {DEMO_MARK}"
    work = ClusterFlags(
        cluster,
        [
            Item(
                "demo-up60",
                "מרכז אפ 60+",
                "existing_service",
                "preferred",
                "רווחה וגיל שלישי",
                lead,
                "professional",
                members[:6],
                focus_service=True,
            ),
            Item(
                "demo-culture",
                "מובילים תרבות",
                "new_initiative",
                "preferred",
                "תרבות",
                f"יוסף אלעוברה {DEMO_MARK}",
                "multisector",
                members,
                flagship=True,
            ),
            Item(
                "demo-engineering",
                "שירותי הנדסה משותפים",
                "existing_service",
                "core",
                "הנדסה",
                "",
                "professional",
                members[:4],
            ),
            Item("demo-mayors", "פורום ראשי הרשויות", "partnership", "core", "", "", "political", members),
        ],
    )
    for held_on, levels, baselines in DIAGNOSES:
        diagnosis = work.new_diagnosis("demo-up60", held_on)
        for flag, level, (value, unit) in zip(Flag, levels, baselines, strict=True):
            assessment = diagnosis.flags[flag.value]
            assessment.agreed = level
            assessment.scores = {"מנהלת המרכז": level, "נציג רשות": min(4, level + 1), "נציגת תושבים": level}
            assessment.baseline = Measure(value, unit, held_on.isoformat())
            assessment.justification = "סוכם בדיון השותפים לפי המחוון."
            assessment.links = "קשר עם מנהיגות מקומית בכל רשות" if flag is Flag.DIVERSITY else ""
            assessment.challenge = level <= 2
        diagnosis.answers = {
            "participation": "שש מתשע הרשויות",
            "why_not": "שירות שלא הותאם לשפה ולתרבות של חלק מהאוכלוסיות",
            "barriers": "שפה, תחבורה ומיקום הפעילות",
            "leap": "מרכז שפועל גם ברהט ובמועצות האזוריות, בשפת המשתתפים",
            "success": "השתתפות מכל אוכלוסיות האשכול בשיעור הדומה לחלקן באוכלוסייה",
        }
        diagnosis.final = True
    plan = work.plan("demo-up60", Flag.DIVERSITY)
    plan.outcome = "מרכז אפ 60+ נגיש בשפה ובתרבות לאוכלוסייה הערבית, החרדית ולעולים."
    plan.parties = "האשכול, הרשויות החברות, מנהיגות מקומית"
    plan.goals.append(
        Goal("שיעור משתתפים מהחברה הערבית", 30, "%", "2024-06-30", Measure(21, "%", "2022-11-15"), 21)
    )
    plan.actions += [
        Action("גיוס והכשרת מנחים דוברי ערבית", "4 מנחים", "חד-פעמי", lead, "2023-01-01", "2023-06-30"),
        Action(
            "סדנאות פרישה ברהט",
            "6 סדנאות",
            "חודשי",
            f"עבד אלכרים אבו-סעד {DEMO_MARK}",
            "2023-03-01",
            "2023-12-31",
        ),
    ]
    growth = work.plan("demo-up60", Flag.INCLUSIVE_GROWTH)
    growth.outcome = "הכוונה תעסוקתית לבני 60+ מכל רשויות האשכול."
    growth.actions.append(
        Action("ירידי תעסוקה לגיל השלישי", "2 ירידים", "פעמיים בשנה", lead, "2023-04-01", "2024-03-31")
    )
    culture = work.plan("demo-culture", Flag.REGIONAL_LEADERSHIP)
    culture.outcome = "קבוצת מובילי תרבות מכל הרשויות שמובילה אירועים אזוריים."
    culture.actions.append(
        Action(
            "מחזור הכשרה למובילי תרבות",
            "20 משתתפים",
            "שבועי",
            f"יוסף אלעוברה {DEMO_MARK}",
            "2023-02-01",
            "2023-07-31",
        )
    )
    save_cluster_flags(workspace, work)
    number = flags_work_number(workspace, cluster)
    assert number is not None
    return number
