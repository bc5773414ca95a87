"""A workspace holding one record of every document feature, each section filled with a
distinctive English text, so a test can find every section of every document in the PDF."""

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
from desktop.models.syllabus import Meeting
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


def _authority(workspace: Workspace, name: str, cluster: int) -> str:
    return reference_store.save_record(
        workspace,
        RecordKind.AUTHORITY,
        {
            "name_he": name,
            "municipal_status": "city",
            "district": "south",
            "population": "12000",
            "population_year": "2022",
            "socioeconomic_cluster": str(cluster),
        },
    )


def build_workspace(path: Path) -> tuple[Workspace, Records]:
    workspace = create_workspace(path)
    alpha = _authority(workspace, "Alphaville", 2)
    beta = _authority(workspace, "Betatown", 3)
    _authority(workspace, "Richtown", 9)  # outside the filter: never a candidate
    cluster = reference_store.save_record(
        workspace, RecordKind.CLUSTER, {"name": "Southern Cluster", "members": [alpha, beta]}
    )
    organisation = reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "Hope Foundation", "sector": "philanthropy"}
    )
    dana = reference_store.save_record(workspace, RecordKind.PERSON, {"full_name": "Dana Tester"})
    omar = reference_store.save_record(workspace, RecordKind.PERSON, {"full_name": "Omar Second"})
    reference_store.save_record(workspace, RecordKind.PERSON, {"full_name": "Stranger Outsider"})

    # --- town selection: Alphaville wins, the members disagree on one criterion of Betatown
    process = SelectionProcess(
        title="Selection 2027",
        purpose="Find a town for five years",
        team=[TeamMember(dana, "facilitator"), TeamMember(omar, "analyst")],
        filter=QuantitativeFilter(socioeconomic=(1, 4)),
    )
    for criterion in CRITERIA:
        for member in (dana, omar):
            process.set_score(alpha, member, criterion.code, 5)
            process.set_score(beta, member, criterion.code, 2)
    process.set_score(beta, omar, CRITERIA[0].code, 5)
    for code, _label in BASE_CONDITIONS:
        process.set_condition(alpha, code, ConditionState.MET)
    process.set_condition(beta, BASE_CONDITIONS[0][0], ConditionState.NOT_MET)
    process.chosen = [alpha]
    process.rationale = "Highest readiness of all"
    process.decided_on = date(2026, 11, 20)
    selection_id = save_process(workspace, process)

    # --- agreement: a draft in English with one sent version
    agreement = Agreement.new("en")
    draft = with_parties(agreement.draft, Parties(alpha, organisation, (), 90, ""))
    draft = with_timeframe(draft, Timeframe(date(2027, 1, 1), 3))
    budget = draft.budget
    for year in budget.years:
        budget = with_amount(budget, year, "authority", 1_000_000)
    agreement.draft = dataclasses.replace(draft, budget=budget)
    agreement.versions.append(
        freeze_version(agreement.draft, [], date(2026, 11, 1), names=party_names(workspace, agreement.draft))
    )
    agreement_id = save_agreement(workspace, agreement)

    # --- design forum: session 1 with attendance, clustered ideas, votes, rankings, decisions
    forum = Forum("Design Forum South", "STEM", "Alphaville", sessions=sessions_from_template("stem", "en"))
    first = forum.session(1)
    first.goals = ["Goal of listening"]
    first.outputs = ["Output of ideas"]
    first.decisions = "Decided to open science labs"
    first.blocks[0].notes = "Prepare the opening slides"
    first.blocks[0].materials = "Sticky notes"
    lead = forum.add_participant("Ronit Lead", "Alphaville council", "local_authority")
    member = forum.add_participant("Samir Member", "Association", "ngo")
    for participant in (lead, member):
        forum.check_in(participant.id, 1)
    labs = forum.new_cluster(1, "Cluster Labs")
    jobs = forum.new_cluster(1, "Cluster Jobs")
    forum.add_idea(1, 1, "Idea science labs").cluster = labs.id
    forum.add_idea(1, 1, "Idea youth jobs").cluster = jobs.id
    forum.add_idea(1, 1, "Idea loose thought")
    forum.vote_by_participant(1, lead.id, {labs.id: 3})
    forum.vote_by_participant(1, member.id, {labs.id: 1, jobs.id: 2})
    forum.rank_clusters(1, lead.id, [labs.id, jobs.id])
    forum.agenda = [
        FocusArea(
            "a",
            "Focus Labs",
            "Challenge of gaps",
            "Golden matriculation rate",
            "Goal every pupil",
            clusters=[labs.id],
            team=[lead.id, member.id],
            lead=lead.id,
        )
    ]
    forum_id = save_forum(workspace, forum)

    # --- flags: one item, a diagnosis with every section, a plan
    flags = ClusterFlags(cluster, [Item("i1", "Welfare Services", authorities=[alpha])])
    diagnosis = flags.new_diagnosis("i1", date(2026, 10, 5))
    for level, flag in enumerate(Flag, start=1):
        assessment = diagnosis.flags[flag.value]
        assessment.agreed = level
        assessment.scores = {"Partner P": level}
        assessment.justification = f"Justified {flag.value}"
        assessment.evidence = f"Evidence {flag.value}"
        assessment.links = f"Links {flag.value}"
        assessment.baseline = Measure(10 + level, "families", "2026-01-01")
    diagnosis.answers = {"barriers": "Answer about barriers"}
    diagnosis.final = True
    plan = flags.plan("i1", Flag.INCLUSIVE_GROWTH)
    plan.outcome = "Outcome wanted"
    plan.goals.append(Goal("Goal families", 60, "%", "2027-01-01", Measure(35, "%", "2026-01-01"), 48))
    plan.actions.append(Action("Action monthly meeting", "10", "monthly", "Owner Ruth", "2027-01", "2027-06"))
    save_cluster_flags(workspace, flags)
    number = flags_work_number(workspace, cluster)
    assert number is not None

    # --- learning community: one member, one meeting hosted by Betatown
    community = Community("Community South", "Economy", date(2026, 9, 1), date(2027, 7, 31))
    community.members = [Member(dana, alpha, "Head of education")]
    community.leader = dana
    community.meetings = [Meeting("m1", date(2026, 10, 12), title="Meeting Kickoff", host=beta)]
    community_id = save_community(workspace, community)
    plan_id, portfolio_id, compass_id = add_town_instruments(workspace, alpha)
    return workspace, Records(
        selection_id,
        agreement_id,
        forum_id,
        number,
        community_id,
        diagnosis.number,
        plan_id,
        portfolio_id,
        compass_id,
    )


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
