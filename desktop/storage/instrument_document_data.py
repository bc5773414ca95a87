"""Storage-side loaders for the town instruments' documents (like `document_data`): each
gathers from the workspace exactly what one document needs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from desktop.models.documents import NoSuchChoice
from desktop.models.instrument_documents import PlanData, PortfolioData
from desktop.storage.workspace import Workspace

# The registry's features these loaders serve.
FEATURES = ("collective-plans", "portfolios")


def load(workspace: Workspace, key: str, record_id: int | None, options: Mapping[str, Any]) -> Any:
    """The data document `key` of record `record_id` needs, with its options. The portfolio
    is found by its record number or by its town's name (option "town")."""
    if key == "investment-portfolio":
        return portfolio(workspace, _portfolio_number(workspace, record_id, options.get("town")))
    if record_id is None:
        raise TypeError(f"{key} needs a record number")
    if key == "collective-plan":
        return collective_plan(workspace, record_id)
    raise KeyError(key)


def _portfolio_number(workspace: Workspace, record_id: int | None, town: str | None) -> int:
    from desktop.storage.portfolio_store import portfolio_by_town_name

    if record_id is not None:
        return record_id
    found = portfolio_by_town_name(workspace, town or "")
    if found is None:
        raise NoSuchChoice("town", town)
    return found


def portfolio(workspace: Workspace, portfolio_id: int) -> PortfolioData:
    """Investment portfolio number `portfolio_id` (RecordNotFound when there is none)."""
    from desktop.storage.collective_plan_store import authority_names
    from desktop.storage.portfolio_store import load_portfolio, portfolio_town_name

    loaded = load_portfolio(workspace, portfolio_id)
    return PortfolioData(loaded, portfolio_town_name(loaded, authority_names(workspace)), workspace.is_demo)


def collective_plan(workspace: Workspace, plan_id: int, today: date | None = None) -> PlanData:
    """Collective plan number `plan_id` (RecordNotFound when there is none)."""
    from desktop.storage.collective_plan_store import authority_names, load_plan, plan_town_name

    plan = load_plan(workspace, plan_id)
    return PlanData(plan, plan_town_name(plan, authority_names(workspace)), workspace.is_demo, today)


def record_name(workspace: Workspace, feature: str, record_id: int, **options: Any) -> str:
    """The name a record's PDF file is called by."""
    from desktop.storage.collective_plan_store import load_plan

    if feature == "collective-plans":
        return load_plan(workspace, record_id).goal
    if feature == "portfolios":
        return portfolio(workspace, _portfolio_number(workspace, record_id, options.get("town"))).town
    raise KeyError(feature)


def document_readers() -> dict[str, Callable[[str], object]]:
    """Record type -> the function reading its JSON document, for checking an exchange file."""
    from desktop.models.collective_plan import CollectivePlan
    from desktop.models.portfolio import Portfolio

    return {"collective_plan": CollectivePlan.from_json, "investment_portfolio": Portfolio.from_json}
