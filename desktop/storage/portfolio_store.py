"""Investment portfolios in a workspace: one per town (each a JSON document)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from desktop.i18n import _
from desktop.models.portfolio import Portfolio
from desktop.storage.collective_plan_store import authority_by_name, authority_names
from desktop.storage.document_store import delete_stored, load_stored, save_stored
from desktop.storage.tables import CollectivePlanRecord, PortfolioRecord
from desktop.storage.workspace import Workspace


@dataclass(frozen=True)
class PortfolioSummary:
    id: int
    town: str
    investments: int
    total: Decimal
    years: str
    updated_at: datetime

    @property
    def total_text(self) -> str:
        from desktop.models.town_instruments import money_text

        return money_text(self.total)


def portfolio_town_name(portfolio: Portfolio, names: dict[str, str]) -> str:
    return names.get(portfolio.town, "") or portfolio.town_name


def list_portfolios(workspace: Workspace) -> list[PortfolioSummary]:
    names = authority_names(workspace)
    with workspace.session() as session:
        records = list(session.scalars(select(PortfolioRecord).order_by(PortfolioRecord.id)))
    summaries = []
    for record in records:
        portfolio = Portfolio.from_json(record.state)
        years = portfolio.years()
        summaries.append(
            PortfolioSummary(
                record.id,
                portfolio_town_name(portfolio, names),
                len(portfolio.investments),
                portfolio.total(),
                f"{years[0]}-{years[-1]}" if years else "",
                record.updated_at,
            )
        )
    return summaries


def load_portfolio(workspace: Workspace, portfolio_id: int) -> Portfolio:
    return load_stored(workspace, PortfolioRecord, portfolio_id, Portfolio.from_json)


def save_portfolio(
    workspace: Workspace,
    portfolio: Portfolio,
    portfolio_id: int | None = None,
    *,
    expected_version: int | None = None,
) -> int:
    """Store the portfolio; raises ConcurrentEdit (nothing written) when someone else saved
    it since it was loaded (or since `expected_version`)."""
    town = portfolio_town_name(portfolio, authority_names(workspace))

    def fill(record: PortfolioRecord) -> None:
        record.town_uuid = portfolio.town
        record.title = town[:200]
        record.state = portfolio.to_json()

    return save_stored(
        workspace,
        PortfolioRecord,
        portfolio_id,
        portfolio,
        Portfolio.from_json,
        _("the investment portfolio of {town}").format(town=town),
        fill,
        expected_version=expected_version,
    )


def delete_portfolio(workspace: Workspace, portfolio_id: int) -> None:
    delete_stored(workspace, PortfolioRecord, portfolio_id)


def portfolio_of_town(workspace: Workspace, town_uuid: str) -> int | None:
    """The record number of the town's portfolio, or None."""
    with workspace.session() as session:
        found = session.scalar(select(PortfolioRecord.id).where(PortfolioRecord.town_uuid == town_uuid))
    return int(found) if found is not None else None


def portfolio_by_town_name(workspace: Workspace, name: str) -> int | None:
    """The record number of the portfolio of the town called `name` (any of its names)."""
    uuid = authority_by_name(workspace, name)
    return portfolio_of_town(workspace, uuid) if uuid else None


@dataclass(frozen=True)
class PlanActionChoice:
    plan_uuid: str
    goal: str
    action: str  # the action id
    title: str


def plan_actions_of_town(workspace: Workspace, town_uuid: str) -> list[PlanActionChoice]:
    """The actions of the town's collective plans, an investment can serve one."""
    from desktop.models.collective_plan import CollectivePlan

    with workspace.session() as session:
        rows = list(
            session.execute(
                select(CollectivePlanRecord.uuid, CollectivePlanRecord.state)
                .where(CollectivePlanRecord.town_uuid == town_uuid)
                .order_by(CollectivePlanRecord.id)
            )
        )
    choices = []
    for uuid, state in rows:
        plan = CollectivePlan.from_json(state)
        choices += [PlanActionChoice(str(uuid), plan.goal, a.id, a.title) for a in plan.actions]
    return choices
