"""The investment portfolio's domain: leverage per year and source, the map, the plan as
organiser, the life course, the MOU annex and its differences, bad input refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.models.mou import AUTHORITY_PARTY, ORGANISATION_PARTY, partner_party
from desktop.models.portfolio import (
    Portfolio,
    annex_amounts,
    annex_differences,
    by_field,
    by_goal,
    by_life_stage,
    check_investment,
    leverage,
    leverage_ratio,
    new_investment,
)
from desktop.models.validation import ValidationError

D = Decimal
FUND = "7d1c2f7e-0000-4000-8000-000000000001"


def _portfolio() -> Portfolio:
    portfolio = Portfolio("town")
    portfolio.add(
        new_investment(
            "תקציב מחלקת הנוער",
            "authority",
            D(200_000),
            2025,
            last_year=2027,
            field="נוער",
            life_stage="education",
            goal="חינוך בלתי פורמלי",
            action_title="פורום יישובי",
        )
    )
    portfolio.add(
        new_investment(
            "מענק קרן",
            "philanthropy",
            D("50000.50"),
            2026,
            last_year=2026,
            kind="new",
            field="נוער",
            life_stage="education",
            goal="חינוך בלתי פורמלי",
            organisation=FUND,
        )
    )
    portfolio.add(
        new_investment(
            "השקעת המיזם",
            "initiative",
            D(100_000),
            2026,
            last_year=2027,
            kind="new",
            field="גיל רך",
            life_stage="early_childhood",
        )
    )
    return portfolio


def test_leverage_by_year_and_source_existing_against_added() -> None:
    rows = leverage(_portfolio())
    assert [r.year for r in rows] == [2025, 2026, 2027]
    first, second, third = rows
    assert first.existing["authority"] == D(200_000) and first.new_total == 0
    assert second.new == {
        "ministry": 0,
        "philanthropy": D("50000.50"),
        "authority": 0,
        "business": 0,
        "ngo": 0,
        "initiative": D(100_000),
    }
    assert second.total == D("350000.50") and third.total == D(300_000)
    assert leverage_ratio(rows) == D("0.42")  # 250,000.50 added for 600,000 existing
    assert leverage_ratio(leverage(Portfolio("t"))) is None


def test_the_map_the_plan_as_organiser_and_the_life_course() -> None:
    portfolio = _portfolio()
    assert by_field(portfolio) == [("נוער", D("650000.50")), ("גיל רך", D(200_000))]
    [goal, none] = by_goal(portfolio)
    assert goal.goal == "חינוך בלתי פורמלי" and goal.total == D("650000.50")
    assert goal.actions == (("פורום יישובי", D(600_000)), ("", D("50000.50")))
    assert none.goal == "" and none.total == D(200_000)
    stages = dict(by_life_stage(portfolio))
    assert list(stages)[:5] == ["early_childhood", "education", "service", "higher_education", "employment"]
    assert stages["education"] == D("650000.50") and stages["service"] == 0
    assert sum(stages.values()) == portfolio.total() == D("850000.50")


def test_bad_investments_are_refused() -> None:
    portfolio = Portfolio("t")
    for bad, field in (
        (new_investment("", "authority", D(1)), "title"),
        (new_investment("x", "lottery", D(1)), "source"),
        (new_investment("x", "authority", D(-1)), "amount"),
        (new_investment("x", "authority", D(1), 2027, last_year=2026), "last_year"),
        (new_investment("x", "authority", D(1), kind="maybe"), "kind"),
    ):
        with pytest.raises(ValidationError) as error:
            portfolio.add(bad)
        assert error.value.field == field
    assert portfolio.investments == []
    check_investment(new_investment("x", "authority", D(0)))


def test_the_mou_annex_is_filled_from_the_portfolio_and_differences_shown() -> None:
    portfolio = _portfolio()
    parties = [AUTHORITY_PARTY, ORGANISATION_PARTY, partner_party(FUND)]
    cells = annex_amounts(portfolio, [2026, 2027], parties, {FUND: partner_party(FUND)})
    assert cells[(2026, AUTHORITY_PARTY)] == D(200_000)
    assert cells[(2026, ORGANISATION_PARTY)] == D(100_000)
    assert cells[(2026, partner_party(FUND))] == D("50000.50")
    assert cells[(2027, partner_party(FUND))] == 0
    annex = dict(cells)
    annex[(2027, AUTHORITY_PARTY)] = D(150_000)
    [difference] = annex_differences(annex, cells)
    assert (difference.year, difference.party, difference.annex, difference.portfolio) == (
        2027,
        AUTHORITY_PARTY,
        D(150_000),
        D(200_000),
    )
    assert annex_differences(cells, cells) == []


def test_round_trip_through_json() -> None:
    portfolio = _portfolio()
    portfolio.principle("pooling").held = True
    portfolio.principle("pooling").notes = "איגום עם משרד החינוך"
    assert Portfolio.from_json(portfolio.to_json()) == portfolio
