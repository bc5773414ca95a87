"""The demo town's instruments: one of each, consistent with the demo forum's shared agenda
when the workspace has one, the seed's example goal areas when it has not."""

from __future__ import annotations

from pathlib import Path

from desktop.models.compass import SEED, TEAM
from desktop.models.forum import FocusArea, Forum, Participant
from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.collective_plan_store import list_plans, load_plan
from desktop.storage.compass_store import list_compasses, load_compass
from desktop.storage.demo import create_demo_workspace
from desktop.storage.demo_town_instruments import add_demo_town_instruments
from desktop.storage.forum_store import save_forum
from desktop.storage.portfolio_store import list_portfolios, load_portfolio
from desktop.storage.workspace import create_workspace


def test_the_demo_workspace_carries_one_of_each(tmp_path: Path) -> None:
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    try:
        [plan], [portfolio], [compass] = (
            list_plans(workspace),
            list_portfolios(workspace),
            list_compasses(workspace),
        )
        assert plan.town == portfolio.town == compass.town
        stored = load_plan(workspace, plan.id)
        overall = stored.multi_year()
        assert overall["total"] == overall["partners"] + overall["initiative"] + overall["authority"] > 0
        assert not stored.unbalanced() and all(a.owner for a in stored.actions)
        invested = load_portfolio(workspace, portfolio.id)
        assert any(i.action for i in invested.investments)  # serves the plan
        taken = load_compass(workspace, compass.id)
        assert len(taken.takings) == 2
        assert {s.origin for s in taken.statements if s.outcome != "data_culture"} == {TEAM}
        assert all(s.origin == SEED for s in taken.statements if s.outcome == "data_culture")
        focus_areas = {area for s in taken.statements for area in s.areas}
        assert focus_areas <= set(taken.areas)
    finally:
        workspace.close()


def test_the_instruments_follow_the_forums_shared_agenda(tmp_path: Path) -> None:
    workspace = create_workspace(tmp_path / "w.shutafut")
    try:
        town = reference_store.save_record(
            workspace, RecordKind.AUTHORITY, {"name_he": "אופקים", "municipal_status": "city"}
        )
        forum = Forum("פורום אופקים", place_of="אופקים", participants=[Participant("p1", "רונית")])
        forum.agenda = [
            FocusArea("a", "גיל רך", long_term_goal="כל ילד מגיע מוכן לכיתה א'", lead="p1", team=["p1"]),
            FocusArea("b", "צעירים"),
        ]
        save_forum(workspace, forum)
        plan_id, portfolio_id, compass_id = add_demo_town_instruments(workspace)
        plan = load_plan(workspace, plan_id)
        assert (plan.town, plan.goal, plan.field_lead, plan.team) == (town, "גיל רך", "רונית", ["רונית"])
        assert load_portfolio(workspace, portfolio_id).town == town
        assert load_compass(workspace, compass_id).areas == ["גיל רך", "צעירים"]
    finally:
        workspace.close()
