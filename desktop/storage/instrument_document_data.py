"""Storage-side loaders for the town instruments' documents (like `document_data`): each
gathers from the workspace exactly what one document needs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from desktop.models.documents import NoSuchChoice
from desktop.models.instrument_documents import CompassData, PlanData, PortfolioData
from desktop.storage.workspace import Workspace

# The registry's features these loaders serve.
FEATURES = ("collective-plans", "portfolios", "compasses")


def load(workspace: Workspace, key: str, record_id: int | None, options: Mapping[str, Any]) -> Any:
    """The data document `key` of record `record_id` needs, with its options. The portfolio
    is found by its record number or by its town's name (option "town")."""
    if key == "investment-portfolio":
        return portfolio(workspace, _portfolio_number(workspace, record_id, options.get("town")))
    if record_id is None:
        raise TypeError(f"{key} needs a record number")
    if key == "collective-plan":
        return collective_plan(workspace, record_id)
    if key == "outcomes-compass":
        return compass(workspace, record_id, options.get("compare"))
    raise KeyError(key)


def compass(workspace: Workspace, compass_id: int, compare: int | None = None) -> CompassData:
    """Compass number `compass_id`; with `compare`, the number (1 = the first, in date order)
    of an earlier taking to compare the latest with (NoSuchChoice when there is none)."""
    from desktop.storage.collective_plan_store import authority_names
    from desktop.storage.compass_store import compass_town_name, evaluation_clause, load_compass

    loaded = load_compass(workspace, compass_id)
    town = compass_town_name(loaded, authority_names(workspace))
    if compare is None:
        return CompassData(loaded, town, workspace.is_demo)
    takings = loaded.ordered_takings()
    if not 1 <= compare < len(takings):
        raise NoSuchChoice("compare", compare)
    return CompassData(
        loaded, town, workspace.is_demo, takings[compare - 1], evaluation_clause(workspace, loaded.town)
    )


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
    if feature == "compasses":
        return compass(workspace, record_id).town
    raise KeyError(feature)


def document_readers() -> dict[str, Callable[[Any], object]]:
    """Record type -> the function reading its document from its parsed JSON (only reading
    it), for checking an exchange file."""
    from desktop.models.collective_plan import plan_from_dict
    from desktop.models.compass import compass_from_dict
    from desktop.models.portfolio import portfolio_from_dict

    return {
        "collective_plan": plan_from_dict,
        "investment_portfolio": portfolio_from_dict,
        "outcomes_compass": compass_from_dict,
    }


def compare_choices(workspace: Workspace, compass_id: int) -> list[tuple[int | None, str]]:
    """The takings the latest can be compared with, for the print dialog."""
    from desktop import i18n
    from desktop.i18n import _
    from desktop.storage.compass_store import load_compass

    takings = load_compass(workspace, compass_id).ordered_takings()
    choices: list[tuple[int | None, str]] = [(None, _("The latest taking, without a comparison"))]
    for number, taking in enumerate(takings[:-1], start=1):
        when = i18n.format_date(taking.taken_on)
        label = f"{taking.label} ({when})" if taking.label else when
        choices.append(
            (number, _("Compared with taking {number}: {taking}").format(number=number, taking=label))
        )
    return choices
