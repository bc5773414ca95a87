"""The town instruments in a shared workspace: a save over someone else's newer version is
refused (the team server's guard), one portfolio and one compass per town, and a town's
exchange file carries its plan, portfolio and compass to another laptop."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.models import exchange as ex
from desktop.models.collective_plan import CollectivePlan, set_budget_year
from desktop.models.compass import HOLDS, new_compass
from desktop.models.portfolio import Portfolio, new_investment
from desktop.models.records import RecordKind
from desktop.storage import exchange as sx
from desktop.storage import reference_store
from desktop.storage.collective_plan_store import list_plans, load_plan, save_plan
from desktop.storage.compass_store import list_compasses, load_compass, save_compass
from desktop.storage.concurrency import ConcurrentEdit, SaveFailed
from desktop.storage.portfolio_store import (
    list_portfolios,
    load_portfolio,
    portfolio_by_town_name,
    save_portfolio,
)
from desktop.storage.workspace import Workspace, create_workspace


@pytest.fixture
def town(tmp_path: Path) -> Iterator[tuple[Workspace, str]]:
    workspace = create_workspace(tmp_path / "w.shutafut")
    uuid = reference_store.save_record(
        workspace, RecordKind.AUTHORITY, {"name_he": "רהט", "name_en": "Rahat", "municipal_status": "city"}
    )
    yield workspace, uuid
    workspace.close()


def test_a_save_over_a_newer_version_is_refused(town: tuple[Workspace, str]) -> None:
    workspace, uuid = town
    plan_id = save_plan(workspace, CollectivePlan("גיל רך", town=uuid))
    mine = load_plan(workspace, plan_id)
    theirs = load_plan(workspace, plan_id)
    theirs.overall_aim = "שלהם"
    save_plan(workspace, theirs, plan_id)
    mine.overall_aim = "שלי"
    with pytest.raises(ConcurrentEdit):
        save_plan(workspace, mine, plan_id)
    assert load_plan(workspace, plan_id).overall_aim == "שלהם"


def test_one_portfolio_per_town_found_by_any_of_its_names(town: tuple[Workspace, str]) -> None:
    workspace, uuid = town
    portfolio_id = save_portfolio(workspace, Portfolio(uuid))
    assert (
        portfolio_by_town_name(workspace, "Rahat")
        == portfolio_by_town_name(workspace, " רהט ")
        == portfolio_id
    )
    assert portfolio_by_town_name(workspace, "Nowhere") is None
    with pytest.raises(SaveFailed):
        save_portfolio(workspace, Portfolio(uuid))  # a second portfolio of the same town
    assert len(list_portfolios(workspace)) == 1


def test_a_towns_exchange_file_carries_its_instruments(town: tuple[Workspace, str], tmp_path: Path) -> None:
    workspace, uuid = town
    plan = CollectivePlan("צעירים", town=uuid, first_year=2026)
    action = plan.add_action("מרכז צעירים", "רכזת צעירים")
    set_budget_year(action, 2026, Decimal("100.50"), {"authority": Decimal("100.50")})
    save_plan(workspace, plan)
    portfolio = Portfolio(uuid)
    portfolio.add(new_investment("מרכז צעירים", "ministry", Decimal(300_000), 2026, last_year=2027))
    save_portfolio(workspace, portfolio)
    compass = new_compass(uuid, ["צעירים"])
    taking = compass.add_taking(date(2026, 5, 1), "שנה א'")
    compass.set_mark(taking.id, "seed-data.sharing", "צעירים", HOLDS, "פרוטוקול")
    save_compass(workspace, compass)

    out = tmp_path / f"rahat{ex.EXTENSION}"
    sx.export_exchange(workspace, out, ex.Scope.TOWN, uuid)
    other = create_workspace(tmp_path / "other.shutafut")
    try:
        plan_of_import = sx.plan_import(other, out)
        sx.apply_import(other, plan_of_import)
        [p], [f], [c] = list_plans(other), list_portfolios(other), list_compasses(other)
        assert p.town == f.town == c.town == "רהט"
        assert load_plan(other, p.id).actions[0].budget[0].total == Decimal("100.50")
        assert load_portfolio(other, f.id).total() == Decimal(600_000)
        assert load_compass(other, c.id).takings[0].mark("seed-data.sharing", "צעירים").evidence == "פרוטוקול"
    finally:
        other.close()
