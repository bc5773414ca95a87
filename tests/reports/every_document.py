"""A workspace holding one record of every document feature, built one way in two texts:

- `build_workspace`: each section filled with a distinctive English text, so a test can find
  every section of every document in the PDF (test_sections, the registry, the CLI);
- `build_rich_workspace`: the text a coordinator really types — long Hebrew paragraphs mixing
  English names, ₪ amounts, percentages, dates, ranges, parentheses that wrap, lists, "R&D"
  and "ECOSTEM21" — which the OCR measure (tests/reports/ocr.py) reads in every Hebrew
  document, the cluster profile, guidance needs and journey report included.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.models.agreement import Agreement
from desktop.models.community import AdvisoryGuest, Community, Member
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
from desktop.models.syllabus import BREAK, PART_A, PART_B, PART_C, Block, Meeting, MeetingPlan
from desktop.models.work_teams import WorkTeam
from desktop.reports.registry import (
    CLUSTER,
    COMPARE,
    DIAGNOSIS,
    FEATURES,
    ITEM,
    MEETING,
    SESSION,
    TOWN,
    VERSION,
    DocumentKind,
)
from desktop.storage import reference_store
from desktop.storage.agreement_store import party_names, save_agreement
from desktop.storage.community_store import save_community
from desktop.storage.flags_store import flags_work_number, save_cluster_flags
from desktop.storage.forum_store import save_forum
from desktop.storage.selection_store import save_process
from desktop.storage.workspace import Workspace, create_workspace


@dataclass(frozen=True)
class Records:
    selection: int
    agreement: int
    forum: int
    flags: int
    community: int
    diagnosis: int  # the diagnosis's short number
    plan: int = 0  # the collective plan (town instruments)
    portfolio: int = 0  # Alphaville's investment portfolio
    compass: int = 0  # Alphaville's infrastructure-outcomes compass, taken twice
    profile: int = 0  # the cluster's profile (the rich workspace)
    town: str = ""  # the chosen town's name: its journey report


@dataclass(frozen=True)
class Town:
    he: str
    en: str = ""
    ar: str = ""
    cluster: int = 2  # socio-economic cluster


@dataclass(frozen=True)
class ProfileTexts:
    """The cluster profile's texts (seed 003)."""

    story: str
    initiator_person: str
    goals: tuple[str, ...]
    launch_place: str
    launch_notes: str
    levels: dict[str, str]
    forums: tuple[tuple[str, str, str, str], ...]  # name, kind, founded, notes
    accompanying_body: str
    accompanying_notes: str
    chair_ceo_notes: str
    membership_note: str


@dataclass(frozen=True)
class CommunityExtras:
    """The learning community's fields of issue 20: a team with its audience, use and the
    good-output signs it meets, the advisory committee, and the days its populations keep."""

    team: str
    topic: str
    audience: str
    use: str
    signs: tuple[str, ...]
    guest_organisation: str
    advisory_notes: str
    holiday_meeting_title: str


@dataclass(frozen=True)
class Texts:
    towns: tuple[Town, Town, Town]  # the chosen town, the runner-up, one outside the filter
    population: str
    cluster: str
    organisation: str
    people: tuple[str, ...]  # the first two take part; the rest do not
    selection_title: str
    purpose: str
    rationale: str
    runner_up_score: int
    mou_language: str
    exit_clause: str
    authority_amount: int
    forum: tuple[str, str, str]  # title, field, town
    forum_language: str
    goals: tuple[str, ...]
    outputs: tuple[str, ...]
    decisions: str
    block_notes: str
    block_materials: str
    participants: tuple[tuple[str, ...], ...]  # name, organisation, sector and role
    idea_clusters: tuple[str, str]
    ideas: tuple[str, str, str]
    focus: tuple[str, str, str, str]  # the focus area's name, challenge, vision and goal
    item: str
    scorer: str
    justification: str  # "{flag}": the flag's key
    evidence: str
    links: str
    baseline_unit: str
    barriers: str
    outcome: str
    goal: tuple[str, str]  # title, target date
    action: tuple[str, str, str, str, str, str]
    community: tuple[str, str]  # name, profession
    member_roles: tuple[str, ...]  # the role of people[i], from towns[i]
    meeting_title: str
    meeting_plan: MeetingPlan = field(default_factory=MeetingPlan)
    meeting_blocks: tuple[Block, ...] = ()
    community_extras: CommunityExtras | None = None
    profile: ProfileTexts | None = None
    instruments: bool = False  # the town instruments (collective plan, portfolio, compass)


ENGLISH = Texts(
    towns=(Town("Alphaville", cluster=2), Town("Betatown", cluster=3), Town("Richtown", cluster=9)),
    population="12000",
    cluster="Southern Cluster",
    organisation="Hope Foundation",
    people=("Dana Tester", "Omar Second", "Stranger Outsider"),
    selection_title="Selection 2027",
    purpose="Find a town for five years",
    rationale="Highest readiness of all",
    runner_up_score=2,
    mou_language="en",
    exit_clause="",
    authority_amount=1_000_000,
    forum=("Design Forum South", "STEM", "Alphaville"),
    forum_language="en",
    goals=("Goal of listening",),
    outputs=("Output of ideas",),
    decisions="Decided to open science labs",
    block_notes="Prepare the opening slides",
    block_materials="Sticky notes",
    participants=(
        ("Ronit Lead", "Alphaville council", "local_authority"),
        ("Samir Member", "Association", "ngo"),
    ),
    idea_clusters=("Cluster Labs", "Cluster Jobs"),
    ideas=("Idea science labs", "Idea youth jobs", "Idea loose thought"),
    focus=("Focus Labs", "Challenge of gaps", "Golden matriculation rate", "Goal every pupil"),
    item="Welfare Services",
    scorer="Partner P",
    justification="Justified {flag}",
    evidence="Evidence {flag}",
    links="Links {flag}",
    baseline_unit="families",
    barriers="Answer about barriers",
    outcome="Outcome wanted",
    goal=("Goal families", "2027-01-01"),
    action=("Action monthly meeting", "10", "monthly", "Owner Ruth", "2027-01", "2027-06"),
    community=("Community South", "Economy"),
    member_roles=("Head of education",),
    meeting_title="Meeting Kickoff",
    instruments=True,
)

LONG_PURPOSE = (
    "לבחור יישוב שותף לחמש השנים הבאות (2027-2031) בשיתוף עמותת Tikva Israelit – South "
    'וקרן ECOSTEM21, על בסיס נתוני הלמ"ס ותקציב של ₪1,200,000 בשנה (כ-42.7% מהתקציב הכולל).'
)
RATIONALE = (
    "לעיר אופקים יש מוכנות גבוהה: ראש העירייה מחויב, מחלקת R&D פעילה ושיעור הזכאות לבגרות "
    "עלה ב-12.5% בין 2022 ל-2025 (לפי דוח Taub Center). הצוות המליץ פה אחד ביום 20.11.2026."
)

HEBREW = Texts(
    towns=(
        Town("אופקים", "Ofakim", "أوفاكيم", 2),
        Town("נתיבות", "Netivot", "نتيفوت", 3),
        Town("סביון", "Savyon", "سافيون", 10),
    ),
    population="34000",
    cluster="אשכול נגב מערבי",
    organisation="קרן תקווה ישראלית",
    people=("דנה כהן", "עומר חסן"),
    selection_title="בחירת יישוב לתוכנית ECOSTEM21",
    purpose=LONG_PURPOSE,
    rationale=RATIONALE,
    runner_up_score=3,
    mou_language="he",
    exit_clause="כל צד רשאי לצאת מההסכם בהודעה מוקדמת (בכתב) של 90 יום.",
    authority_amount=1_200_000,
    forum=("פורום תכנון דרום", "מדע וטכנולוגיה (STEM)", "אופקים"),
    forum_language="he",
    goals=(
        "להקשיב לצרכים של בני הנוער (גילאי 12-18) ושל ההורים בשכונות הוותיקות של העיר",
        'למפות את מחלקת R&D העירונית ואת השותפים שכבר פועלים בתחום (מתנ"סים, בתי ספר ועמותות)',
        "להסכים על שלושה עד חמישה כיווני פעולה שייבחנו במפגש הבא של הפורום",
    ),
    outputs=(
        "רשימת רעיונות מדורגת לפי סדרי עדיפויות של המשתתפים",
        "מפה של המשאבים הקיימים בעיר: מבנים, תקציבים ואנשי מקצוע (כולל מתנדבים)",
    ),
    decisions=(
        "הוחלט לפתוח שתי מעבדות מדע (רובוטיקה ותכנות) בשיתוף Intel Israel, בתקציב של ₪350,000 "
        "ובשעות 16:00-19:00, פעמיים בשבוע (ימים שני ורביעי)."
    ),
    block_notes='להכין מצגת פתיחה קצרה עם נתוני הלמ"ס (2022) על שיעור הזכאות לבגרות.',
    block_materials="פתקיות צבעוניות, לוח מחיק וטושים",
    participants=(
        ("רונית לוי", "מועצת העיר אופקים", "local_authority", 'יו"ר ועדת החינוך (סגנית ראש העיר)'),
        ("סמיר עבדאללה", "עמותת Tikva Israelit", "ngo"),
    ),
    idea_clusters=("מעבדות מדע ורובוטיקה", "תעסוקת צעירים בהייטק"),
    ideas=(
        "מעבדת רובוטיקה בבית הספר התיכון (בשיתוף Intel)",
        "חונכות של מהנדסות לבנות בגילאי 14-16",
        "קורס תכנות Python לכל שכבה ט'",
    ),
    focus=(
        "מעבדות מדע בבתי הספר",
        "פער של 20% בשיעור הזכאות לבגרות מדעית לעומת הממוצע הארצי",
        "בגרות מדעית לכל תלמיד ותלמידה",
        "עד שנת 2030 לפחות 60% מהתלמידים ייגשו לבגרות מדעית (5 יחידות)",
    ),
    item="שירותי רווחה משותפים",
    scorer="שותף מקצועי",
    justification=(
        "השירות פועל בשתי רשויות בלבד (אופקים ונתיבות) ומשרת כ-420 משפחות בשנה, "
        "אך אין בו עדיין מנגנון מדידה משותף."
    ),
    evidence="דוח משרד הרווחה לשנת 2025 ופרוטוקול ועדת ההיגוי מיום 3.2.2026",
    links="www.molsa.gov.il",
    baseline_unit="משפחות",
    barriers="חסרים כוח אדם מקצועי (עובדות סוציאליות) ותקציב הסעות קבוע.",
    outcome="יותר משפחות מקבלות ליווי רציף (לפחות שנה) משירותי הרווחה של האשכול",
    goal=("משפחות בליווי רציף", "2027-12-31"),
    action=("מפגש חודשי של מנהלות המחלקות", "10", "חודשי", "רות אברהם", "2027-01-15", "2027-06-30"),
    community=("קהילת מנהלי חינוך בדרום", "חינוך"),
    member_roles=("מנהלת אגף החינוך", "מנהל מחלקת נוער"),
    meeting_title="מפגש פתיחה: היכרות ותיאום ציפיות",
    meeting_plan=MeetingPlan(
        professional_goals="להכיר את מודל ECOSTEM21 ואת נתוני הבגרות (2022-2025) של כל רשות.",
        community_goals="לבנות אמון בין המשתתפים ולקבוע כללי עבודה משותפים.",
        desired_output="מפת אתגרים משותפת (לפחות 5 אתגרים) ולוח זמנים לשנה.",
        materials="מצגת, דפי עבודה ומקרן",
    ),
    meeting_blocks=(
        Block(PART_A, "התכנסות וכיבוד קל", 30),
        Block(PART_A, "סבב היכרות: שם, רשות ותפקיד", 30, "כל משתתף ומשתתפת עד 2 דקות"),
        Block(PART_B, 'הרצאה: מודל ECOSTEM21 (ד"ר Noa Levi, Weizmann Institute)', 45),
        Block(BREAK, "הפסקה", 15),
        Block(PART_C, "עבודה בקבוצות: מפת אתגרים משותפת", 60, "4 קבוצות של 5-6 משתתפים"),
        Block(PART_A, "סיכום ותיאום ציפיות לשנה", 30),
    ),
    community_extras=CommunityExtras(
        team="צוות מדיניות חינוך מדעי",
        topic="תוכנית מדע לחטיבות הביניים (כיתות ז'-ט') בשיתוף Weizmann Institute",
        audience="מנהלי אגפי החינוך ברשויות האשכול ומנהלות בתי הספר (כ-40 איש)",
        use="כנס התוצרים ביוני 2027 ומפגש עם ועדת ההיגוי של משרד החינוך",
        signs=("useful", "pride"),
        guest_organisation="משרד החינוך, מחוז דרום",
        advisory_notes="לבחון את תקציב צוותי העבודה (₪25,000 לכל צוות) ואת מדדי ההצלחה.",
        holiday_meeting_title="סיכום המחצית: מה למדנו (ומה נשנה)",
    ),
    profile=ProfileTexts(
        story=(
            "האשכול נוסד בשנת 2017 ביוזמת ראשי הרשויות של הנגב המערבי (אופקים, נתיבות ושדות נגב) "
            'בליווי JDC-ELKA, לאחר שנתיים של פורום מנכ"לים משותף. מטרתו לחזק את השירותים המשותפים '
            "ולצמצם פערים של כ-30% בתקציב לנפש לעומת הממוצע הארצי."
        ),
        initiator_person='יו"ר הוועדה הממנה, מר אבי לוי',
        goals=(
            "לחסוך לפחות 15% בעלות השירותים המשותפים (פינוי אשפה, רווחה וחינוך) עד 2028",
            "להקים רשות ניקוז ותחבורה משותפת לחמש רשויות (בשיתוף משרד הפנים)",
        ),
        launch_place="היכל התרבות באופקים",
        launch_notes="כנס השקה בהשתתפות 250 איש, ובהם שר הפנים ונציגי Urbanics.",
        levels={
            "task": "רכש משותף של שירותי פינוי אשפה והסעות תלמידים (חוזה ל-3 שנים)",
            "strategic": "תוכנית אזורית לתעסוקת צעירים 2026-2030",
            "incubator": "חממה לשיתופי פעולה חדשים בין הרשויות לבין החברה האזרחית",
        },
        forums=(
            ("פורום מנהלי הרווחה", "professional", "2018", "נפגש פעם בחודש (ביום שלישי השני)"),
            ("מועצת ראשי הרשויות", "board", "2017", "ארבע ישיבות בשנה, לפי תקנון האשכול"),
        ),
        accompanying_body="JDC-ELKA (המכון למנהיגות וממשל)",
        accompanying_notes="ליווי של שלוש שנים (2024-2027) בעלות של ₪480,000.",
        chair_ceo_notes='היו"ר נפגש עם המנכ"לית פעם בשבועיים ומאציל לה את ניהול התקציב השוטף.',
        membership_note="נתיבות הצטרפה ב-2022 (לאחר החלטת מועצה), לכן הרשימות שונות.",
    ),
)


def _authority(workspace: Workspace, texts: Texts, town: Town) -> str:
    values = {
        "name_he": town.he,
        "municipal_status": "city",
        "district": "south",
        "population": texts.population,
        "population_year": "2022",
        "socioeconomic_cluster": str(town.cluster),
    }
    if town.en:
        values |= {"name_en": town.en, "name_ar": town.ar}
    return reference_store.save_record(workspace, RecordKind.AUTHORITY, values)


def build_workspace(path: Path, texts: Texts = ENGLISH) -> tuple[Workspace, Records]:
    workspace = create_workspace(path)
    chosen, runner_up = (_authority(workspace, texts, town) for town in texts.towns[:2])
    _authority(workspace, texts, texts.towns[2])  # outside the filter: never a candidate
    cluster = reference_store.save_record(
        workspace, RecordKind.CLUSTER, {"name": texts.cluster, "members": [chosen, runner_up]}
    )
    organisation = reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": texts.organisation, "sector": "philanthropy"}
    )
    people = [
        reference_store.save_record(workspace, RecordKind.PERSON, {"full_name": name})
        for name in texts.people
    ]
    dana, omar = people[:2]

    # --- town selection: the first town wins, the members disagree on one criterion of the second
    process = SelectionProcess(
        title=texts.selection_title,
        purpose=texts.purpose,
        team=[TeamMember(dana, "facilitator"), TeamMember(omar, "analyst")],
        filter=QuantitativeFilter(socioeconomic=(1, 4)),
    )
    for criterion in CRITERIA:
        for member in (dana, omar):
            process.set_score(chosen, member, criterion.code, 5)
            process.set_score(runner_up, member, criterion.code, texts.runner_up_score)
    process.set_score(runner_up, omar, CRITERIA[0].code, 5)
    for code, _label in BASE_CONDITIONS:
        process.set_condition(chosen, code, ConditionState.MET)
    process.set_condition(runner_up, BASE_CONDITIONS[0][0], ConditionState.NOT_MET)
    process.chosen = [chosen]
    process.rationale = texts.rationale
    process.decided_on = date(2026, 11, 20)
    selection_id = save_process(workspace, process)

    # --- agreement: a draft with one sent version
    agreement = Agreement.new(texts.mou_language)
    draft = with_parties(agreement.draft, Parties(chosen, organisation, (), 90, texts.exit_clause))
    draft = with_timeframe(draft, Timeframe(date(2027, 1, 1), 3))
    budget = draft.budget
    for year in budget.years:
        budget = with_amount(budget, year, "authority", texts.authority_amount)
    agreement.draft = dataclasses.replace(draft, budget=budget)
    agreement.versions.append(
        freeze_version(agreement.draft, [], date(2026, 11, 1), names=party_names(workspace, agreement.draft))
    )
    agreement_id = save_agreement(workspace, agreement)

    # --- design forum: session 1 with attendance, clustered ideas, votes, rankings, decisions
    forum = Forum(*texts.forum, sessions=sessions_from_template("stem", texts.forum_language))
    first = forum.session(1)
    first.goals = list(texts.goals)
    first.outputs = list(texts.outputs)
    first.decisions = texts.decisions
    first.blocks[0].notes = texts.block_notes
    first.blocks[0].materials = texts.block_materials
    lead, member = (forum.add_participant(*participant) for participant in texts.participants)
    for participant in (lead, member):
        forum.check_in(participant.id, 1)
    labs, jobs = (forum.new_cluster(1, name) for name in texts.idea_clusters)
    forum.add_idea(1, 1, texts.ideas[0]).cluster = labs.id
    forum.add_idea(1, 1, texts.ideas[1]).cluster = jobs.id
    forum.add_idea(1, 1, texts.ideas[2])
    forum.vote_by_participant(1, lead.id, {labs.id: 3})
    forum.vote_by_participant(1, member.id, {labs.id: 1, jobs.id: 2})
    forum.rank_clusters(1, lead.id, [labs.id, jobs.id])
    forum.agenda = [FocusArea("a", *texts.focus, clusters=[labs.id], team=[lead.id, member.id], lead=lead.id)]
    forum_id = save_forum(workspace, forum)

    # --- flags: one item, a diagnosis with every section, a plan
    flags = ClusterFlags(cluster, [Item("i1", texts.item, authorities=[chosen])])
    diagnosis = flags.new_diagnosis("i1", date(2026, 10, 5))
    for level, flag in enumerate(Flag, start=1):
        assessment = diagnosis.flags[flag.value]
        assessment.agreed = level
        assessment.scores = {texts.scorer: level}
        assessment.justification = texts.justification.format(flag=flag.value)
        assessment.evidence = texts.evidence.format(flag=flag.value)
        assessment.links = texts.links.format(flag=flag.value)
        assessment.baseline = Measure(10 + level, texts.baseline_unit, "2026-01-01")
    diagnosis.answers = {"barriers": texts.barriers}
    diagnosis.final = True
    plan = flags.plan("i1", Flag.INCLUSIVE_GROWTH)
    plan.outcome = texts.outcome
    plan.goals.append(Goal(texts.goal[0], 60, "%", texts.goal[1], Measure(35, "%", "2026-01-01"), 48))
    plan.actions.append(Action(*texts.action))
    save_cluster_flags(workspace, flags)
    number = flags_work_number(workspace, cluster)
    assert number is not None

    # --- learning community: its members, one meeting hosted by the runner-up
    community = Community(*texts.community, date(2026, 9, 1), date(2027, 7, 31))
    community.members = [
        Member(person, town, role)
        for person, town, role in zip(people, (chosen, runner_up), texts.member_roles, strict=False)
    ]
    community.leader = dana
    community.meetings = [
        Meeting(
            "m1",
            date(2026, 10, 12),
            title=texts.meeting_title,
            host=runner_up,
            blocks=list(texts.meeting_blocks),
            plan=texts.meeting_plan,
        )
    ]
    if texts.community_extras is not None:
        _community_extras(community, texts.community_extras, people, chosen)
    community_id = save_community(workspace, community)

    instruments = add_town_instruments(workspace, chosen) if texts.instruments else (0, 0, 0)
    profile = (
        _add_profile(workspace, cluster, chosen, runner_up, people, texts.profile) if texts.profile else 0
    )
    return workspace, Records(
        selection_id,
        agreement_id,
        forum_id,
        number,
        community_id,
        diagnosis.number,
        *instruments,
        profile=profile,
        town=texts.towns[0].he,
    )


def build_rich_workspace(path: Path) -> tuple[Workspace, Records]:
    return build_workspace(path, HEBREW)


def _community_extras(community: Community, extras: CommunityExtras, people: list[str], town: str) -> None:
    """A work team (audience, use, the signs of a good output), the advisory committee (a
    member on it, a guest, a meeting) and a meeting on a day the community's populations keep."""
    from desktop.models.holidays import JEWISH, MUSLIM

    dana, omar = people[:2]
    community.teams = [
        WorkTeam(
            "t1",
            extras.team,
            topic=extras.topic,
            members=[dana, omar],
            budget=25_000,
            audience=extras.audience,
            use=extras.use,
            signs=list(extras.signs),
        )
    ]
    community.members[0].advisory = True
    community.advisory_guests = [AdvisoryGuest(omar, "partner", extras.guest_organisation)]
    meeting = community.add_advisory_meeting(date(2026, 11, 17))
    meeting.notes = extras.advisory_notes
    community.holiday_groups = [JEWISH, MUSLIM]
    # Eid al-Fitr (10.3.2027): a meeting the coordinator kept on a day a population keeps.
    community.meetings.append(Meeting("m2", date(2027, 3, 10), title=extras.holiday_meeting_title, host=town))


def _add_profile(
    workspace: Workspace,
    cluster: str,
    initiator: str,
    joined: str,
    people: list[str],
    texts: ProfileTexts,
) -> int:
    from desktop.models.cluster_profile import ClusterProfile, ServiceExpectation
    from desktop.models.guidance import NeedChoice
    from desktop.storage.cluster_store import save_profile

    profile = ClusterProfile(
        cluster,
        founding_story=texts.story,
        founding_year=2017,
        initiator=initiator,
        initiator_person=texts.initiator_person,
        goals=list(texts.goals),
        launch_date="2017-03-21",
        launch_place=texts.launch_place,
        launch_notes=texts.launch_notes,
        levels=dict(texts.levels),
        accompanying_body=texts.accompanying_body,
        accompanying_notes=texts.accompanying_notes,
        chair=people[0],
        ceo=people[1],
        chair_style="enabling",
        chair_ceo_notes=texts.chair_ceo_notes,
        membership_note=texts.membership_note,
    )
    from desktop.models.cluster_profile import Forum as ClusterForum

    profile.forums = [
        ClusterForum(f"f{index}", name, kind, founded, notes)
        for index, (name, kind, founded, notes) in enumerate(texts.forums)
    ]
    profile.add_membership("2017", "החלטת ממשלה 1232", [initiator])
    profile.add_membership("2022-01-01", 'הלמ"ס, רשימת האשכולות 2022', [initiator, joined])
    profile.services = {"i1": ServiceExpectation(saving_percent=18, quality=True)}
    profile.needs = {
        "1": NeedChoice(3, "elka", "supports", True, ""),
        "2": NeedChoice(2, "urbanics", "controls", False, ""),
        "5": NeedChoice(1, "mifam", "supports", True, ""),
    }
    return save_profile(workspace, profile)


def add_town_instruments(workspace: Workspace, town: str) -> tuple[int, int, int]:
    """Alphaville's collective plan (a box per level, one objective and one action), its
    investment portfolio (existing and new money in two fields) and its compass (the seed's
    data-culture statements and one the team wrote, taken in 2026 and 2028)."""
    from decimal import Decimal

    from desktop.models.collective_plan import CollectivePlan, set_budget_year
    from desktop.models.portfolio import Portfolio, new_investment
    from desktop.storage.collective_plan_store import save_plan
    from desktop.storage.portfolio_store import save_portfolio

    plan = CollectivePlan("Goal Youth", town=town, field_lead="Lead Person", first_year=2026, years=2)
    plan.overall_aim = "Aim Participation"
    need = plan.add_box("need", "Need Box")
    long_term = plan.add_box("long_term", "Outcome Box")
    activity = plan.add_box("activities", "Activity Box")
    plan.link(need.id, activity.id)
    objective = plan.add_objective("Objective Growth")
    action = plan.add_action("Action Forum", "Owner Person", objective.id)
    action.metric, action.baseline, action.target = "Metric Members", "1200", "1800"
    set_budget_year(
        action,
        2026,
        Decimal(1500),
        {"partners": Decimal(500), "initiative": Decimal(500), "authority": Decimal(500)},
    )
    del long_term
    plan_id = save_plan(workspace, plan)
    portfolio = Portfolio(town)
    portfolio.add(
        new_investment(
            "Youth Budget",
            "authority",
            Decimal(1000),
            2026,
            last_year=2027,
            field="Field Youth",
            life_stage="education",
            goal="Goal Youth",
            action=action.id,
            action_title="Action Forum",
        )
    )
    portfolio.add(
        new_investment(
            "Toddler Grant",
            "philanthropy",
            Decimal(500),
            2027,
            last_year=2027,
            field="Field Toddlers",
            life_stage="early_childhood",
            kind="new",
            funder="Hope Foundation",
        )
    )
    portfolio.principle("pooling").held = True
    portfolio.principle("pooling").notes = "Note Pooling"
    portfolio_id = save_portfolio(workspace, portfolio)

    from desktop.models.compass import DOES_NOT_HOLD, HOLDS, new_compass
    from desktop.storage.compass_store import save_compass

    compass = new_compass(town, ["Area Youth", "Area Toddlers"])
    team = compass.add_statement("public", "Statement Residents", "Source Team 2026", ["Area Youth"])
    first = compass.add_taking(date(2026, 3, 1), "Year One")
    compass.set_mark(first.id, "seed-data.data_role", "Area Youth", DOES_NOT_HOLD, "Evidence Minutes")
    compass.set_mark(first.id, team.id, "Area Youth", DOES_NOT_HOLD)
    third = compass.add_taking(date(2028, 3, 1), "Year Three")
    compass.set_mark(third.id, "seed-data.data_role", "Area Youth", HOLDS, "Evidence Appointment")
    compass.set_mark(third.id, team.id, "Area Youth", HOLDS)
    return plan_id, portfolio_id, save_compass(workspace, compass)


# --- printing every document of such a workspace --------------------------------------------

# The features of the rich workspace; the town instruments are in build_workspace's (and the
# demo town's).
TOWN_FEATURES = ("collective-plans", "portfolios", "compasses")
RICH_FEATURES = tuple(feature for feature in FEATURES if feature not in TOWN_FEATURES)


def record_of(feature: str, records: Records) -> int | None:
    """The record whose documents of `feature` are printed (None: the workspace's, or by town)."""
    return {
        "workspace": None,
        "selection": records.selection,
        "agreements": records.agreement,
        "forums": records.forum,
        "flags": records.flags,
        "communities": records.community,
        "clusters": records.profile,
        "collective-plans": records.plan,
        "portfolios": None,  # by its town
        "compasses": records.compass,
        "journey": None,  # by its town
    }[feature]


def options_of(kind_options: tuple[str, ...], records: Records) -> dict[str, Any]:
    """The first choice of each option a document asks for (its cluster: taken from the record)."""
    chosen = {
        VERSION: 1,
        SESSION: 1,
        MEETING: 1,
        DIAGNOSIS: records.diagnosis,
        ITEM: 1,
        TOWN: records.town,
        COMPARE: 1,
    }
    return {option: chosen[option] for option in kind_options if option != CLUSTER}


def print_kind(workspace: Workspace, kind: DocumentKind, records: Records, out: Path, language: str) -> None:
    """Document `kind` of the workspace's record of its feature, with the first choices."""
    from tests.reports.pdf_tools import print_document

    print_document(
        workspace,
        kind.key,
        record_of(kind.feature, records),
        out,
        language,
        **options_of(kind.options, records),
    )
