"""The town's investment portfolio (תיק השקעות, seed 001 l.859-912): every investment in
the town in one place, and the seed's four ways of looking at it (l.881-897): budget
leverage (how much there was at the start and how much was added, by year and source), the
investment map (how much in each field), the collective plan as organiser (goal →
implementation → budget), and along the life course (₪ per stage, birth to employment).
The eight guiding principles (l.866-873) are a checklist per portfolio with notes.

An investment is a yearly amount over a span of years; it is either existing budget
(redirected to the goals) or new money the partnership added.

Pure domain; the whole portfolio is one JSON document (table `investment_portfolio`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.i18n import N_, _
from desktop.models.mou_budget import BudgetAnnex
from desktop.models.town_instruments import LIFE_STAGES, ZERO, money_from_json, money_to_json, new_id
from desktop.models.validation import ValidationError

FORMAT_VERSION = 1
MAX_YEARS = 30

SOURCES: dict[str, str] = {
    "ministry": N_("Government ministry"),
    "philanthropy": N_("Philanthropy"),
    "authority": N_("The authority"),
    "business": N_("Business"),
    "ngo": N_("NGO"),
    "initiative": N_("The initiative"),
}

KINDS: dict[str, str] = {
    "existing": N_("Existing budget, redirected"),
    "new": N_("New money"),
}

# The eight guiding principles of managing the portfolio (seed 001 l.866-873).
PRINCIPLES: dict[str, str] = {
    "strengthen_existing": N_("Prefer strengthening what exists through the budget over something new."),
    "infrastructures": N_(
        "Interventions are tied to laying social infrastructures: the intervention budget "
        "serves and strengthens social infrastructures."
    ),
    "continuity": N_("Create continuity and answer the whole target population."),
    "consensus": N_(
        "Build broad agreement on how the investments are managed, on trust, buy-in and a shared agenda."
    ),
    "pooling": N_("Aim at pooling and leveraging budgets."),
    "authority_lead": N_(
        "The local authority leads and owns: the budget is divided, managed and used under the "
        "authority's responsibility and lead (the field lead)."
    ),
    "new_actions": N_("Fund new actions that answer an existing need."),
    "for_the_plan": N_("The budget is meant for advancing the plan that was formed, not for other needs."),
}


@dataclass
class Investment:
    id: str
    title: str
    source: str  # a key of SOURCES
    amount: Decimal  # ₪ a year
    first_year: int
    last_year: int
    funder: str = ""  # who gives it: "משרד החינוך"
    organisation: str = ""  # the funder's organisation UUID in the workspace, when there is one
    field: str = ""  # the field: a goal area of the town ("חינוך בלתי פורמלי")
    life_stage: str = ""  # a key of LIFE_STAGES
    goal: str = ""  # the town goal it serves
    plan: str = ""  # the collective plan's record UUID
    action: str = ""  # the plan's action id
    action_title: str = ""  # the action's title when linked (kept for the documents)
    kind: str = "existing"  # a key of KINDS

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    def in_year(self, year: int) -> Decimal:
        return self.amount if self.first_year <= year <= self.last_year else ZERO

    def total(self) -> Decimal:
        return self.amount * len(self.years)


@dataclass
class Principle:
    held: bool = False
    notes: str = ""


@dataclass
class Portfolio:
    town: str  # the authority's UUID
    town_name: str = ""  # as typed, when the authority is not in the workspace
    investments: list[Investment] = field(default_factory=list)
    principles: dict[str, Principle] = field(default_factory=dict)

    def investment(self, investment_id: str) -> Investment | None:
        return next((i for i in self.investments if i.id == investment_id), None)

    def add(self, investment: Investment) -> Investment:
        check_investment(investment)
        self.investments.append(investment)
        return investment

    def remove(self, investment_id: str) -> None:
        self.investments = [i for i in self.investments if i.id != investment_id]

    def principle(self, key: str) -> Principle:
        if key not in PRINCIPLES:
            raise KeyError(key)
        return self.principles.setdefault(key, Principle())

    def years(self) -> list[int]:
        """Every year some investment covers, in order."""
        if not self.investments:
            return []
        first = min(i.first_year for i in self.investments)
        last = max(i.last_year for i in self.investments)
        return list(range(first, last + 1))

    def total(self) -> Decimal:
        return sum((i.total() for i in self.investments), ZERO)

    def to_json(self) -> str:
        return json.dumps(portfolio_to_dict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Portfolio:
        return portfolio_from_dict(json.loads(text))


def check_investment(investment: Investment) -> None:
    """Refuse what cannot be an investment; the message is shown at `field`."""
    if not " ".join(investment.title.split()):
        raise ValidationError("title", _("Give the investment a name."))
    if investment.source not in SOURCES:
        raise ValidationError("source", _("Choose where the money comes from."))
    if investment.amount < 0:
        raise ValidationError("amount", _("An amount cannot be negative."))
    if investment.last_year < investment.first_year:
        raise ValidationError("last_year", _("The last year is before the first."))
    if investment.last_year - investment.first_year >= MAX_YEARS:
        raise ValidationError(
            "last_year", _("An investment spans at most {count} years.").format(count=MAX_YEARS)
        )
    if investment.kind not in KINDS:
        raise ValidationError("kind", _("Choose whether it is new money or existing budget."))


# --- the four views -------------------------------------------------------------------------


@dataclass(frozen=True)
class LeverageYear:
    """One year of the leverage view: existing and new money, each by source."""

    year: int
    existing: dict[str, Decimal]
    new: dict[str, Decimal]

    @property
    def existing_total(self) -> Decimal:
        return sum(self.existing.values(), ZERO)

    @property
    def new_total(self) -> Decimal:
        return sum(self.new.values(), ZERO)

    @property
    def total(self) -> Decimal:
        return self.existing_total + self.new_total


def leverage(portfolio: Portfolio) -> list[LeverageYear]:
    """Budget leverage by year and source: how much there was at the start (existing budget)
    and how much was added (new money)."""
    years = portfolio.years()
    if not years:
        return []
    index = {year: n for n, year in enumerate(years)}
    existing = [dict.fromkeys(SOURCES, ZERO) for _year in years]
    new = [dict.fromkeys(SOURCES, ZERO) for _year in years]
    for investment in portfolio.investments:
        target = new if investment.kind == "new" else existing
        for year in investment.years:
            target[index[year]][investment.source] += investment.amount
    return [LeverageYear(year, existing[n], new[n]) for n, year in enumerate(years)]


def leverage_ratio(rows: list[LeverageYear]) -> Decimal | None:
    """How many ₪ were added over all years for each ₪ of existing budget (None without any)."""
    existing = sum((r.existing_total for r in rows), ZERO)
    added = sum((r.new_total for r in rows), ZERO)
    return (added / existing).quantize(Decimal("0.01")) if existing else None


def by_field(portfolio: Portfolio) -> list[tuple[str, Decimal]]:
    """The investment map: ₪ over all years in each field, largest first ("" unassigned last)."""
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for investment in portfolio.investments:
        totals[investment.field] += investment.total()
    return sorted(totals.items(), key=lambda item: (item[0] == "", -item[1], item[0]))


@dataclass(frozen=True)
class GoalBranch:
    """The plan as organiser: a goal, its implementations (plan actions) and their budget."""

    goal: str
    total: Decimal
    actions: tuple[tuple[str, Decimal], ...]  # (action title, or "" for none) -> ₪


def by_goal(portfolio: Portfolio) -> list[GoalBranch]:
    """Goal → implementation → budget, goals in the order first met, "" (no goal) last."""
    tree: dict[str, dict[str, Decimal]] = {}
    for investment in portfolio.investments:
        actions = tree.setdefault(investment.goal, {})
        actions[investment.action_title] = actions.get(investment.action_title, ZERO) + investment.total()
    branches = [
        GoalBranch(
            goal,
            sum(actions.values(), ZERO),
            tuple(sorted(actions.items(), key=lambda item: (item[0] == "", item[0]))),
        )
        for goal, actions in tree.items()
    ]
    return sorted(branches, key=lambda b: b.goal == "")


def by_life_stage(portfolio: Portfolio) -> list[tuple[str, Decimal]]:
    """₪ over all years at each stage from birth to employment, in the life course's order
    (then "" for investments without a stage)."""
    totals = dict.fromkeys([*LIFE_STAGES, ""], ZERO)
    for investment in portfolio.investments:
        key = investment.life_stage if investment.life_stage in LIFE_STAGES else ""
        totals[key] += investment.total()
    return list(totals.items())


# --- the MOU's budget annex --------------------------------------------------------------


def party_of(investment: Investment, partner_by_organisation: Mapping[str, str]) -> str | None:
    """The MOU party whose column the investment's money belongs in: the authority's budget
    to the authority, the initiative's to the initiating organisation, the rest to the partner
    whose organisation gives it (None when it is not a party of the MOU)."""
    from desktop.models.mou import AUTHORITY_PARTY, ORGANISATION_PARTY

    if investment.source == "authority":
        return AUTHORITY_PARTY
    if investment.source == "initiative":
        return ORGANISATION_PARTY
    return partner_by_organisation.get(investment.organisation)


def annex_amounts(
    portfolio: Portfolio,
    years: Iterable[int],
    parties: Iterable[str],
    partner_by_organisation: Mapping[str, str],
) -> dict[tuple[int, str], Decimal]:
    """(year, party) -> ₪ the portfolio puts in each cell of an annex of these years and parties."""
    years, parties = list(years), list(parties)
    cells = {(year, party): ZERO for year in years for party in parties}
    for investment in portfolio.investments:
        party = party_of(investment, partner_by_organisation)
        if party not in parties:
            continue
        for year in investment.years:
            if year in years:
                cells[(year, party)] += investment.amount
    return cells


@dataclass(frozen=True)
class AnnexDifference:
    year: int
    party: str
    annex: Decimal
    portfolio: Decimal


def annex_differences(
    annex_cells: Mapping[tuple[int, str], Decimal], portfolio_cells: Mapping[tuple[int, str], Decimal]
) -> list[AnnexDifference]:
    """The cells where the MOU's annex and the portfolio disagree, by year then party."""
    keys = sorted(set(annex_cells) | set(portfolio_cells))
    return [
        AnnexDifference(
            year, party, annex_cells.get((year, party), ZERO), portfolio_cells.get((year, party), ZERO)
        )
        for year, party in keys
        if annex_cells.get((year, party), ZERO) != portfolio_cells.get((year, party), ZERO)
    ]


# --- JSON ------------------------------------------------------------------------------------


def _investment_to_dict(investment: Investment) -> dict[str, Any]:
    data = vars(investment).copy()
    data["amount"] = money_to_json(investment.amount)
    return data


def _investment_from_dict(data: Mapping[str, Any]) -> Investment:
    texts = {
        key: str(data.get(key, ""))
        for key in ("funder", "organisation", "field", "life_stage", "goal", "plan", "action", "action_title")
    }
    kind = str(data.get("kind", "existing"))
    return Investment(
        id=str(data["id"]),
        title=str(data.get("title", "")),
        source=str(data.get("source", "ministry")),
        amount=money_from_json(data.get("amount")),
        first_year=int(data["first_year"]),
        last_year=int(data["last_year"]),
        kind=kind if kind in KINDS else "existing",
        **texts,
    )


def portfolio_to_dict(portfolio: Portfolio) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "town": portfolio.town,
        "town_name": portfolio.town_name,
        "investments": [_investment_to_dict(i) for i in portfolio.investments],
        "principles": {k: vars(p).copy() for k, p in portfolio.principles.items()},
    }


def portfolio_from_dict(data: Mapping[str, Any]) -> Portfolio:
    if int(data.get("format", FORMAT_VERSION)) > FORMAT_VERSION:
        raise ValueError("newer portfolio format")
    return Portfolio(
        town=str(data.get("town", "")),
        town_name=str(data.get("town_name", "")),
        investments=[_investment_from_dict(i) for i in data.get("investments", [])],
        principles={
            str(k): Principle(bool(p.get("held")), str(p.get("notes", "")))
            for k, p in data.get("principles", {}).items()
            if k in PRINCIPLES
        },
    )


def new_investment(
    title: str, source: str, amount: Decimal, first_year: int | None = None, **details: Any
) -> Investment:
    year = first_year or date.today().year
    return Investment(
        new_id(), " ".join(title.split()), source, amount, year, details.pop("last_year", year), **details
    )


def fill_annex(annex: BudgetAnnex, portfolio: Portfolio, partner_uuids: Iterable[str]) -> BudgetAnnex:
    """The MOU's budget annex with every cell of its years and parties as the portfolio has
    it (typed totals are kept, so a total that no longer adds up is said)."""
    from desktop.models.mou import partner_party
    from desktop.models.mou_budget import shekels_to_agorot, with_amount

    partners = {uuid: partner_party(uuid) for uuid in partner_uuids}
    cells = annex_amounts(portfolio, annex.years, annex.parties, partners)
    for (year, party), amount in cells.items():
        annex = with_amount(annex, year, party, shekels_to_agorot(amount) or None)
    return annex


def annex_against_portfolio(
    annex: BudgetAnnex, portfolio: Portfolio, partner_uuids: Iterable[str]
) -> list[AnnexDifference]:
    """Where the annex's cells and the portfolio differ."""
    from desktop.models.mou import partner_party
    from desktop.models.mou_budget import agorot_to_shekels

    partners = {uuid: partner_party(uuid) for uuid in partner_uuids}
    ours = annex_amounts(portfolio, annex.years, annex.parties, partners)
    theirs = {
        (year, party): agorot_to_shekels(annex.amount(year, party))
        for year in annex.years
        for party in annex.parties
    }
    return annex_differences(theirs, ours)
