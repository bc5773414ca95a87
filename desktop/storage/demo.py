"""The demo workspace: the five pioneering clusters of the seeds, with fictional people.

Authorities and clusters are real (seed 000 names the five pioneering clusters, seed 003
the members of the Western Negev cluster). Their codes and figures come from the national
dataset (CBS files, each figure with its year), never from here. Every person is invented
and marked "(דמו)" so nobody takes a demo name for a real contact.
"""

from __future__ import annotations

from pathlib import Path

from desktop.models.records import RecordKind
from desktop.storage.national_data import national_authorities
from desktop.storage.reference_store import save_record
from desktop.storage.workspace import Workspace, create_workspace

DEMO_MARK = "(דמו)"

# (Hebrew, Arabic, English, municipal status) — members of the Western Negev cluster (seed 003).
WESTERN_NEGEV = [
    ("נתיבות", "نتيفوت", "Netivot", "city"),
    ("שדרות", "سديروت", "Sderot", "city"),
    ("רהט", "رهط", "Rahat", "city"),
    ("אופקים", "أوفاكيم", "Ofakim", "city"),
    ("שער הנגב", "شاعر هنيغف", "Sha'ar HaNegev", "regional_council"),
    ("אשכול", "إشكول", "Eshkol", "regional_council"),
    ("מרחבים", "مرحافيم", "Merhavim", "regional_council"),
    ("בני שמעון", "بني شمعون", "Bnei Shimon", "regional_council"),
    ("שדות נגב", "سدوت نيغف", "Sdot Negev", "regional_council"),
]

# The five pioneering clusters (seed 000, line 53).
CLUSTERS = ["אשכול בית הכרם", "אשכול גליל מזרחי", "אשכול גליל מערבי", "אשכול נגב מזרחי", "אשכול נגב מערבי"]

ORGANISATIONS = [
    ("משרד הפנים", "government"),
    ("משרד החינוך", "government"),
    ("מינהלת האשכולות האזוריים", "government"),
    ("תקווה ישראלית – צוות המיזם", "other"),
    ("קרן משפחתית לדוגמה (דמו)", "philanthropy"),
    ("מכללה אזורית בנגב (דמו)", "academia"),
    ("פורום עסקים אזורי (דמו)", "business"),
    ("ועד תושבים שכונתי (דמו)", "residents"),
    ("עמותה אזורית לחינוך מדעי (דמו)", "ngo"),
]
for _cluster in CLUSTERS:
    ORGANISATIONS.append((f"{_cluster} – התאגיד", "local_authority"))

# (name, role, organisation, sector, phone, email, consent)
PEOPLE = [
    (
        "מיכל אברהמי",
        'מנכ"לית אשכול',
        "אשכול נגב מערבי – התאגיד",
        "local_authority",
        "050-1234501",
        "michal.demo@example.org",
        True,
    ),
    (
        "יוסף אלעוברה",
        "מוביל תקווה ישראלית",
        "תקווה ישראלית – צוות המיזם",
        "ngo",
        "052-1234502",
        "yosef.demo@example.org",
        True,
    ),
    ("רונית ששון", "מנהלת מחלקת חינוך", "אשכול נגב מערבי – התאגיד", "education_staff", "", "", False),
    (
        "סמיר אבו-ראס",
        "ראש צוות שירות ליבה",
        "אשכול גליל מערבי – התאגיד",
        "local_authority",
        "054-1234504",
        "",
        True,
    ),
    (
        "דנה לוי",
        "רפרנטית אשכולות",
        "מינהלת האשכולות האזוריים",
        "government",
        "02-6701234",
        "dana.demo@example.org",
        True,
    ),
    ("אבי כהן", "מנהל תוכניות", "קרן משפחתית לדוגמה (דמו)", "philanthropy", "", "", False),
    ("נור חטיב", "חוקרת", "מכללה אזורית בנגב (דמו)", "academia", "", "nur.demo@example.org", True),
    ("שרון פרץ", 'יו"ר פורום', "פורום עסקים אזורי (דמו)", "business", "", "", False),
    ("אחמד אלקרינאוי", "נציג תושבים", "ועד תושבים שכונתי (דמו)", "residents", "058-1234509", "", True),
    ("גלית מזרחי", "מנהלת אגף חינוך", "משרד החינוך", "government", "", "", False),
    ("עומר ביטון", 'מנכ"ל אשכול', "אשכול נגב מזרחי – התאגיד", "local_authority", "", "", False),
    ("לינה חורי", "מובילת תקווה ישראלית", "תקווה ישראלית – צוות המיזם", "ngo", "", "", False),
]


def create_demo_workspace(path: Path | str, *, whole_path: bool = False) -> Workspace:
    """A new demo workspace at `path` (an existing file is never overwritten), or in the
    empty database at the team server address `path`.

    With `whole_path` (what `shutafut-cli demo` and `shutafut --demo` build) it holds the
    whole path of the seeds: the selection process, the agreement and MOU, the design forum
    and the flags work besides the reference data and the learning community. Without it,
    only the reference data and the community: the start many tests build on."""
    if isinstance(path, str):
        from desktop.storage.server import create_server_workspace

        workspace = create_server_workspace(path)
    else:
        workspace = create_workspace(path)
    workspace.set_info("demo", "1")
    national = {(a["municipal_status"], a["name_he"]): a for a in national_authorities()}
    members = [
        save_record(
            workspace,
            RecordKind.AUTHORITY,
            {
                **national[(status, hebrew)],
                "name_he": hebrew,
                "name_ar": arabic,
                "name_en": english,
                "notes": "חברה באשכול נגב מערבי (מקור: מסמך 003).",
            },
        )
        for hebrew, arabic, english, status in WESTERN_NEGEV
    ]
    for name in CLUSTERS:
        save_record(
            workspace,
            RecordKind.CLUSTER,
            {
                "name": name,
                "members": members if name == "אשכול נגב מערבי" else [],
                "notes": "אחד מחמשת האשכולות החלוציים (מקור: מסמך 000).",
            },
        )
    organisation_ids = {
        name: save_record(workspace, RecordKind.ORGANISATION, {"name": name, "sector": sector})
        for name, sector in ORGANISATIONS
    }
    for name, role, organisation, sector, phone, email, consent in PEOPLE:
        save_record(
            workspace,
            RecordKind.PERSON,
            {
                "full_name": f"{name} {DEMO_MARK}",
                "role": role,
                "organisation": organisation_ids[organisation],
                "sector": sector,
                "phone": phone if consent else "",
                "email": email if consent else "",
                "consent_contact": consent,
            },
        )
    from desktop.storage.demo_community import add_demo_community
    from desktop.storage.demo_flags import add_demo_flags
    from desktop.storage.demo_journey import add_demo_agreement, add_demo_forum, add_demo_selection

    if whole_path:
        add_demo_agreement(workspace, add_demo_selection(workspace))
        add_demo_forum(workspace)
        add_demo_flags(workspace)
    add_demo_community(workspace)
    from desktop.storage.demo_clusters import add_demo_clusters

    add_demo_clusters(workspace)
    from desktop.storage.demo_town_instruments import add_demo_town_instruments

    add_demo_town_instruments(workspace)
    return workspace
