"""The demo town's three instruments after the design forum (seed 001 chapters 4, 5 and 8):
a collective plan, the investment portfolio and the infrastructure-outcomes compass,
consistent with the demo forum's shared agenda.

The demo town is the place of the workspace's design forum that has a shared agenda (its
focus areas are the town's goal areas); without one, Sderot (a Western Negev member of the
demo) with the seed's example goal areas (l.1101: ECOSTEM21, young adults, early childhood,
informal education).

What comes from the seed, and what does not:
- The plan of informal education is the seed's sample row (l.854): its overall aim,
  objective, metric, actions and partners. The seed writes its budget as "partners 500,
  initiative 500, authority 500" without a unit; the demo reads it as thousands of ₪ a year.
- The portfolio's initiative investment in youth is the seed's example (l.912, ₪200,000);
  the other investments and their amounts are invented, marked "(דמו)".
- The compass carries the seed's six data-culture statements; their marks in the first
  taking follow the seed's example table (l.1103-1116) in the informal-education area, the
  rest are invented. The one statement of another outcome is written as the team's, with a
  demo source, never as the seed's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from desktop.models.collective_plan import (
    CollectivePlan,
    plan_from_focus_area,
    set_action_dates,
    set_budget_year,
)
from desktop.models.compass import DOES_NOT_HOLD, HOLDS, Compass, new_compass
from desktop.models.portfolio import Portfolio, new_investment
from desktop.storage.collective_plan_store import FocusAreaChoice, authority_by_name, focus_areas, save_plan
from desktop.storage.compass_store import save_compass
from desktop.storage.portfolio_store import save_portfolio
from desktop.storage.tables import Authority, CollectivePlanRecord, ForumRecord
from desktop.storage.workspace import Workspace

DEMO_MARK = "(דמו)"  # as desktop.storage.demo marks invented people and organisations
FALLBACK_TOWN = "שדרות"
FALLBACK_AREAS = ("ECOSTEM21", "צעירים", "גיל רך", "חינוך בלתי פורמלי")
PLAN_AREA = "חינוך בלתי פורמלי"  # the seed's sample row (l.854)
FIRST_YEAR = 2025
K = Decimal(1000)


def demo_town(workspace: Workspace) -> tuple[str, list[FocusAreaChoice]]:
    """The UUID of the demo town and its forum's focus areas ([] without a forum)."""
    areas = focus_areas(workspace)
    with workspace.session() as session:
        has_forum = session.scalar(select(ForumRecord.id)) is not None
    for area in areas if has_forum else []:
        town = authority_by_name(workspace, area.place)
        if town:
            return town, [a for a in areas if a.forum_uuid == area.forum_uuid]
    town = authority_by_name(workspace, FALLBACK_TOWN)
    if not town:
        with workspace.session() as session:
            town = str(session.scalar(select(Authority.uuid).order_by(Authority.id)) or "")
    return town, []


def add_demo_town_instruments(workspace: Workspace) -> tuple[int, int, int]:
    """Store the demo town's collective plan, portfolio and compass; their record numbers."""
    town, areas = demo_town(workspace)
    goal_areas = [a.title for a in areas] or list(FALLBACK_AREAS)
    chosen = next((a for a in areas if _is_youth(a.title)), areas[0] if areas else None)
    plan = _plan(town, chosen)
    plan_id = save_plan(workspace, plan)
    with workspace.session() as session:
        plan_uuid = str(
            session.scalar(select(CollectivePlanRecord.uuid).where(CollectivePlanRecord.id == plan_id))
        )
    portfolio_id = save_portfolio(workspace, _portfolio(town, plan, plan_uuid, goal_areas))
    compass_id = save_compass(workspace, _compass(town, goal_areas))
    return plan_id, portfolio_id, compass_id


def _is_youth(title: str) -> bool:
    return "בלתי פורמלי" in title or "נוער" in title


def _plan(town: str, area: FocusAreaChoice | None) -> CollectivePlan:
    """The seed's sample row when the plan's area is informal education (or youth); for
    another area of the agenda, the same three kinds of action written for that area."""
    youth = area is None or _is_youth(area.title)
    title = area.title if area else PLAN_AREA
    aim = (
        "הגברת הזיקה וההשתתפות של הילדים והנוער בעיר בפעילויות חינוך בלתי פורמלי"
        if youth
        else (area.long_term_goal if area and area.long_term_goal else f"קידום תחום {title} ביישוב")
    )
    plan = plan_from_focus_area(
        title,
        town=town,
        forum=area.forum_uuid if area else "",
        focus_area=area.focus_area if area else "",
        field_lead=(area.lead if area and area.lead else f"מנהלת מחלקת הנוער {DEMO_MARK}"),
        team=area.team
        if area and area.team
        else ("מחלקת הנוער", "מחלקת חינוך יסודי ועל יסודי", 'נציגי המתנ"ס'),
        long_term_goal=area.long_term_goal if area and area.long_term_goal else aim,
        challenge=area.challenge
        if area and area.challenge
        else ("שיעור השתתפות נמוך בתנועות ובארגוני הנוער" if youth else f"פערים בתחום {title}"),
        first_year=FIRST_YEAR,
    )
    plan.overall_aim = aim
    plan.years = 3
    need = plan.boxes[0]
    long_term = plan.level_boxes("long_term")[0]
    forum = plan.add_box("activities", f"פורום יישובי לתחום {title}")
    schools = plan.add_box("activities", "שיתוף פעולה עם בתי הספר")
    meetings = plan.add_box("outputs", "מפגשי פורום רבעוניים ותכנית עבודה משותפת")
    reach = plan.add_box(
        "short_term",
        "יותר בני נוער מכירים את המסגרות ונרשמים אליהן" if youth else "יותר תושבים נהנים משירותי התחום",
    )
    plan.link(need.id, forum.id)
    plan.link(need.id, schools.id)
    plan.link(forum.id, meetings.id)
    plan.link(schools.id, meetings.id)
    plan.link(meetings.id, reach.id)
    plan.link(reach.id, long_term.id)
    objective = plan.add_objective("העלאת שיעור המשתתפים בתנועות, ארגוני ומרכזי נוער מ-1200 ל-1800 ב-5 שנים")
    partners = 'מחלקת הנוער, מחלקת חינוך יסודי ועל יסודי, נציגי המתנ"ס, ארגוני ותנועות הנוער'
    actions = (
        (
            "יצירת פורום יישובי לחינוך בלתי פורמלי",
            "מחלקת הנוער",
            "outcomes",
            date(2025, 1, 1),
            date(2025, 6, 30),
            "done",
        ),
        (
            "יצירת תהודה רשותית לתחום",
            "דוברות הרשות",
            "participation",
            date(2025, 3, 1),
            date(2025, 12, 31),
            "in_progress",
        ),
        (
            "ביסוס שיתוף פעולה עם בתי ספר" if youth else "ביסוס שיתוף פעולה בין המחלקות והשותפים",
            "מחלקת החינוך" if youth else "מוביל התחום ברשות",
            "continuity",
            date(2025, 9, 1),
            date(2027, 6, 30),
            "planned",
        ),
    )
    for title, owner, infrastructure, start, end, status in actions:
        action = plan.add_action(title, owner, objective.id)
        action.infrastructure, action.life_stage = infrastructure, "education" if youth else ""
        if youth:
            action.metric = "משתתפים בתנועות, בארגונים ובמרכזי הנוער"
            action.baseline, action.target = "1,200", "1,800 (גידול של כ-40% ב-5 שנים)"
        else:
            action.metric = f"משתתפים בשירותי תחום {title}"
            action.baseline, action.target = "נמדד בשנה א׳", "גידול של כ-40% ב-5 שנים"
        action.partners = partners
        action.status = status
        set_action_dates(action, start, end)
    first = plan.actions[0]
    first.done_text = "הפורום התכנס ארבע פעמים וגיבש תכנית עבודה"
    for year in plan.plan_years():
        set_budget_year(
            first,
            year,
            1500 * K,
            {"partners": 500 * K, "initiative": 500 * K, "authority": 500 * K},
        )
    set_budget_year(plan.actions[1], 2025, 90 * K, {"initiative": 30 * K, "authority": 60 * K})
    return plan


def _portfolio(town: str, plan: CollectivePlan, plan_uuid: str, areas: list[str]) -> Portfolio:
    portfolio = Portfolio(town)
    goal = plan.goal
    action = plan.actions[0]
    youth = areas[-1] if PLAN_AREA not in areas else PLAN_AREA
    entries = (
        # title, source, ₪ a year, years, field, stage, kind, funder, serves the plan
        ("השקעת המיזם בתחום הנוער", "initiative", 200 * K, (2025, 2027), youth, "education", "new", "", True),
        ("תקציב מחלקת הנוער", "authority", 850 * K, (2025, 2027), youth, "education", "existing", "", True),
        (
            "תכנית נוער במשרד החינוך",
            "ministry",
            400 * K,
            (2025, 2026),
            youth,
            "education",
            "existing",
            "משרד החינוך",
            False,
        ),
        (
            "מעונות יום וגני ילדים",
            "authority",
            1200 * K,
            (2025, 2027),
            "גיל רך",
            "early_childhood",
            "existing",
            "",
            False,
        ),
        (
            f"מענק קרן משפחתית {DEMO_MARK}",
            "philanthropy",
            250 * K,
            (2026, 2027),
            "גיל רך",
            "early_childhood",
            "new",
            f"קרן משפחתית לדוגמה {DEMO_MARK}",
            False,
        ),
        (
            f"מרכז צעירים {DEMO_MARK}",
            "ministry",
            300 * K,
            (2025, 2027),
            "צעירים",
            "higher_education",
            "existing",
            "משרד הנגב, הגליל והחוסן הלאומי",
            False,
        ),
        (
            f"מלגות מכינה קדם-צבאית {DEMO_MARK}",
            "ngo",
            80 * K,
            (2026, 2027),
            "צעירים",
            "service",
            "new",
            f"עמותה אזורית {DEMO_MARK}",
            False,
        ),
        (
            f"מעבדת מדעים ECOSTEM21 {DEMO_MARK}",
            "business",
            150 * K,
            (2026, 2027),
            "ECOSTEM21",
            "employment",
            "new",
            f"פורום עסקים אזורי {DEMO_MARK}",
            False,
        ),
    )
    for title, source, amount, (first, last), field, stage, kind, funder, serves in entries:
        investment = new_investment(
            title,
            source,
            amount,
            first,
            last_year=last,
            field=field,
            life_stage=stage,
            kind=kind,
            funder=funder,
        )
        if serves:
            investment.goal, investment.plan = goal, plan_uuid
            investment.action, investment.action_title = action.id, action.title
        portfolio.add(investment)
    for key, held, notes in (
        ("strengthen_existing", True, "תקציב מחלקת הנוער הוסט לפעולות הפורום"),
        ("pooling", True, "איגום עם משרד החינוך וקרן משפחתית"),
        ("authority_lead", True, "מנהלת מחלקת הנוער מובילה את התקציב"),
        ("for_the_plan", False, "חלק מהתקציב עדיין לא קשור לתכנית"),
    ):
        principle = portfolio.principle(key)
        principle.held, principle.notes = held, notes
    return portfolio


def _compass(town: str, areas: list[str]) -> Compass:
    compass = new_compass(town, areas)
    focus = PLAN_AREA if PLAN_AREA in compass.areas else compass.areas[-1]
    team = compass.add_statement(
        "public",
        "נציגות תושבים משתתפת בפורום היישובי ובהחלטותיו",
        f"צוות המינהלת, על סמך פרוטוקולי הפורום {DEMO_MARK}",
        [focus],
    )
    first = compass.add_taking(date(2024, 6, 1), "שנה א׳")
    seed_example = {
        "data.partial_access": DOES_NOT_HOLD,
        "data.scattered": HOLDS,
        "data.systematic_collection": DOES_NOT_HOLD,
        "data.data_role": DOES_NOT_HOLD,
        "data.sharing": HOLDS,
        "data.fixed_set": HOLDS,
    }
    for key, value in seed_example.items():
        compass.set_mark(first.id, f"seed-{key}", focus, value)
    compass.set_mark(first.id, team.id, focus, DOES_NOT_HOLD, f"פרוטוקול ישיבת מינהלת, יוני 2024 {DEMO_MARK}")
    third = compass.add_taking(date(2026, 6, 1), "שנה ג׳")
    compass.set_mark(
        third.id, "seed-data.data_role", focus, HOLDS, f"מינוי רכזת נתונים, ינואר 2026 {DEMO_MARK}"
    )
    compass.set_mark(
        third.id, "seed-data.systematic_collection", focus, HOLDS, f"לוח נתונים רבעוני {DEMO_MARK}"
    )
    compass.set_mark(third.id, "seed-data.scattered", focus, DOES_NOT_HOLD)
    compass.set_mark(third.id, team.id, focus, HOLDS, f"פרוטוקולי הפורום 2027 {DEMO_MARK}")
    return compass
