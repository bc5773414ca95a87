"""The demo's regional cluster profile: the Western Negev as seed 003 tells it (founding,
goals, the launch event of 18.3.2013 in Rahat, the three levels of work, the forums, the
accompanying body), its membership of 2013 (seed 003: 9) beside CBS 2021 (11), two services of
and its guidance needs (seed 002 l.222-262).

What differs from the seeds, and why:
- The chair of the board of mayors is an invented person marked "(דמו)", like every person
  of the demo; the CEO is the demo's cluster CEO. Real people's names from the seeds are left out.
- The chair–CEO relationship and the needs' priorities are illustrations of the seed's
  categories, not the cluster's own answers.
- The services are the items of the cluster's flags mapping, which the demo leaves empty (the
  flags work is started by the person, as its tests do); add_demo_services adds the two
  projects of seed 000 l.641-650 with their expectations where a test or a fuller demo wants them.
"""

from __future__ import annotations

from desktop.models.cluster_profile import ServiceExpectation, new_forum
from desktop.models.flags import Item, new_id
from desktop.models.guidance import NeedChoice
from desktop.models.records import RecordKind
from desktop.storage.cluster_store import load_profile, save_profile, start_profile
from desktop.storage.demo import DEMO_MARK
from desktop.storage.flags_store import load_cluster_flags, save_cluster_flags
from desktop.storage.reference_store import list_records, save_record
from desktop.storage.workspace import Workspace

CLUSTER = "אשכול נגב מערבי"
SEED_2013 = ["נתיבות", "שדרות", "רהט", "אופקים", "שער הנגב", "אשכול", "מרחבים", "בני שמעון", "שדות נגב"]

STORY = (
    "ראשיתו של אשכול הנגב המערבי בתהליך מקומי שנערך בעיר אופקים, במהלכו הוצע לראש הרשות ליזום "
    "הקמת אשכול אזורי. ראש הוועדה הקרואה בעיר נענה להצעה, יזם מפגש של ראשי הרשויות והציג להם את "
    "הרעיון שזכה לתגובה חיובית. במהלך 2011 נערכה סדרת מפגשים של ראשי הרשויות לגיבוש היוזמה, בליווי "
    "צוות המכון למנהיגות וממשל בג'וינט, שביצע גם מיפוי שדה. במהלך 2012 עסקו ראשי הרשויות בגיבוש "
    'השותפות, פתחו בתהליך איתור מנכ"ל והחליטו לקדם פיילוט אזורי בחינוך ובאיכות הסביבה (מסמך 003).'
)
GOALS = [
    "פיתוח תשתיות ליציבות ולצמיחה דמוגרפית בתחומי השיפוט של הרשויות השותפות.",
    "פיתוח תשתיות תעשייה ותעסוקה תוך פיתוח כלכלי אזורי (מסחר, חקלאות, תיירות) במרחב הנגב המערבי.",
    "פיתוח מנהיגות חברתית-כלכלית אכפתית ויוזמת, המעורבת בהתפתחות האזור ובצמיחתו.",
    "פיתוח סביבה איכותית על ידי פעילות מושכלת בכל הנושאים הקשורים לחינוך חדשני ואיכותי, לטבע ולסביבה.",
    "פיתוח תרבות אזורית משותפת שתאפשר מגוון רחב של פעילויות תרבות ופנאי אזוריות.",
]
LEVELS = {
    "task": "הקמת התאגיד המשותף, היערכות לוגיסטית ומיסוד שני פורומים מקצועיים אזוריים בחינוך ובאיכות "
    "סביבה; פורום נוסף להכנת תכנית אזורית להתמודדות עם חירום.",
    "strategic": "תהליך חשיבה אסטרטגי לפיתוח האזור עם ראשי הרשויות: חזון ומטרות על בסיס עוגני ונכסי "
    "האזור; פורומים ברווחה, הנדסה ותשתיות, תרבות ופנאי ותעסוקה; צוות חשיבה על מיזמים מניבים.",
    "incubator": '"חממה לשיתופי פעולה": התנעת תהליכים, מיזמים ופרויקטים העולים מהשטח, יוזמות של '
    "ארגונים במרחב, התארגנות של חלק מהרשויות ושותפויות עם משרדי ממשלה.",
}
FORUMS = [
    ("הפורום המקצועי של המנהלים הבכירים", "professional", "2012"),
    ("הפורום המתאם", "coordinating", "2012"),
    ("פורום חינוך אזורי", "professional", "2013"),
    ("פורום איכות הסביבה", "professional", "2013"),
    ("פורום חירום", "professional", ""),
    ("דירקטוריון ראשי הרשויות", "board", "2012"),
]
SERVICES = [
    (
        "מרכז אפ 60+",
        "core",
        ServiceExpectation(None, True, True, "התאמת השירות לאוכלוסייה ערבית, חרדית ועולים"),
    ),
    ("מובילים תרבות", "preferred", ServiceExpectation()),
]
# need number -> (priority, provider, role, chosen by the CEO)
NEEDS = {
    1: (2, "urbanics", "supports", True),
    2: (3, "urbanics_advisers", "supports", True),
    3: (3, "urbanics_advisers", "controls", False),
    4: (2, "", "", False),
    5: (1, "elka", "supports", True),
    7: (3, "mifam", "supports", True),
    10: (3, "elka", "supports", True),
    12: (2, "elka", "supports", True),
    13: (3, "", "", False),
    16: (2, "", "", False),
}


def add_demo_clusters(workspace: Workspace) -> None:
    clusters = {c["name"]: c for c in list_records(workspace, RecordKind.CLUSTER)}
    cluster = clusters[CLUSTER]
    authorities = {a["name_he"]: a["uuid"] for a in list_records(workspace, RecordKind.AUTHORITY)}
    people = {p["full_name"]: p["uuid"] for p in list_records(workspace, RecordKind.PERSON)}
    chair = save_record(
        workspace,
        RecordKind.PERSON,
        {
            "full_name": f"יוסי מזרחי {DEMO_MARK}",
            "role": 'יו"ר דירקטוריון האשכול',
            "sector": "local_authority",
        },
    )
    ceo = next((uuid for name, uuid in people.items() if name.startswith("מיכל אברהמי")), "")

    number = start_profile(workspace, cluster["uuid"])
    profile = load_profile(workspace, number)
    profile.founding_story = STORY
    profile.founding_year = 2012
    profile.initiator = authorities.get("אופקים", "")
    profile.initiator_person = "ראש הוועדה הקרואה באופקים"
    profile.goals = list(GOALS)
    profile.launch_date = "2013-03-18"
    profile.launch_place = "רהט"
    profile.launch_notes = (
        "כנס החשיפה: ראשי הרשויות, בכירים ומנהלי אגפים גיבשו את יעדי העבודה ואסטרטגיית הפעולה בדיונים "
        "על חינוך, פיתוח כלכלי ותעסוקה, תיירות תרבות ופנאי, איכות סביבה, מינהל מקומי, תשתיות, רווחה, "
        "ביטחון, פלטפורמות מידע ומיתוג."
    )
    profile.levels = dict(LEVELS)
    for name, kind, founded in FORUMS:
        forum = new_forum(name, kind, profile.forums)
        forum.founded = founded
        profile.forums.append(forum)
    profile.accompanying_body = "המכון למנהיגות וממשל בג'וינט (אלכא) – המרכז לממשל מקומי ופיתוח אזורי"
    profile.accompanying_notes = (
        'ליווה את האשכול מהעלאת הרעיון ועד הגשת המועמדות לקול הקורא של משרד הפנים וקליטת המנכ"ל; '
        "ממשיך בליווי מיסוד התאגיד, בניית השותפות, התנעת פורומים, מדדי איכות חיים ותכנית אסטרטגית."
    )
    profile.chair, profile.ceo = chair, ceo
    profile.chair_style = "autonomy"
    profile.chair_ceo_notes = 'המנכ"לית כפופה לדירקטוריון ראשי הרשויות ופועלת במסגרת מינהל השלטון המקומי.'
    seed_members = [authorities[name] for name in SEED_2013 if name in authorities]
    # The workspace holds the seed's nine: its list of today is the 2013 list, told once.
    profile.memberships = [m for m in profile.memberships if set(m.members) != set(seed_members)]
    profile.add_membership(
        "2013",
        "מסמך 003: פרופיל אשכול נגב מערבי",
        seed_members,
    )
    profile.membership_note = (
        'מסמך 003 מונה את 9 הרשויות שהקימו את האשכול; קובץ היישובים של הלמ"ס 2021 מונה גם את לקיה '
        "ואת חוף אשקלון, שאינן ברשימת 2013."
    )
    profile.needs = {
        str(n): NeedChoice(priority, provider, role, chosen)
        for n, (priority, provider, role, chosen) in NEEDS.items()
    }
    save_profile(workspace, profile)


def add_demo_services(workspace: Workspace) -> None:
    """The Western Negev's two projects of seed 000 (l.641-650) in its flags mapping, with the
    core-service expectations in its profile."""
    cluster = next(c for c in list_records(workspace, RecordKind.CLUSTER) if c["name"] == CLUSTER)
    flags = load_cluster_flags(workspace, cluster["uuid"])
    number = start_profile(workspace, cluster["uuid"])
    profile = load_profile(workspace, number)
    for name, level, expectation in SERVICES:
        item = Item(new_id(), name, "existing_service", level, authorities=list(cluster["members"]))
        flags.items.append(item)
        profile.services[item.id] = ServiceExpectation(**vars(expectation))
    save_cluster_flags(workspace, flags)
    save_profile(workspace, profile)
