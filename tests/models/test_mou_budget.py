"""Budget annex: exact sums in agorot, shares that add up to 100%, typed amounts and totals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop import i18n
from desktop.i18n import strip_marks
from desktop.models.mou_budget import (
    MAX_AMOUNT_AGOROT,
    BudgetAnnex,
    apportion_shares,
    cells_outside,
    check_typed_totals,
    exact_share,
    format_amount,
    format_share,
    overall_total,
    parse_amount,
    party_totals,
    resized,
    shares,
    shekels_to_agorot,
    with_amount,
    with_typed_total,
    year_totals,
)
from desktop.models.validation import ValidationError

PARTIES = ("authority", "organisation", "partner:p1")
YEARS = (2026, 2027, 2028)


def _annex(amounts: dict[tuple[int, str], int]) -> BudgetAnnex:
    annex = BudgetAnnex(years=YEARS, parties=PARTIES)
    for (year, party), agorot in amounts.items():
        annex = with_amount(annex, year, party, agorot)
    return annex


@pytest.mark.parametrize(
    ("typed", "agorot"),
    [
        ("1,250,000", 125_000_000),
        ("₪ 1,250,000.50", 125_000_050),
        ("\u200f1,250,000.50\xa0\u200f₪", 125_000_050),  # as Babel formats it in Hebrew
        ("₪1,250,000.50", 125_000_050),
        ('1250000 ש"ח', 125_000_000),
        ("1 250 000", 125_000_000),
        ("0.5", 50),
        (".75", 75),
        ("12.3", 1230),
        ("١٬٢٥٠٬٠٠٠٫٥", 125_000_050),  # Arabic-Indic digits and separators
        ("0", 0),
        ("  700 NIS ", 70_000),
    ],
)
def test_typed_amounts_become_whole_agorot(typed: str, agorot: int) -> None:
    assert parse_amount("amount", typed) == agorot


def test_every_formatted_amount_parses_back() -> None:
    for language in i18n.LANGUAGES:
        assert parse_amount("a", format_amount(125_000_050, language)) == 125_000_050


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-500", "negative"),
        ("500-", "negative"),  # a minus typed last in a right-to-left field
        ("\u2212500", "negative"),
        ("(500)", "negative"),
        ("abc", "such as 1,250,000.50"),
        ("12a", "such as 1,250,000.50"),
        ("1.250.000", "such as 1,250,000.50"),
        ("1,25,000", "commas only between thousands"),
        ("1,5", "commas only between thousands"),
        ("10.505", "two digits after the point"),
        ("₪", "Enter an amount."),
        ("20,000,000,000", "at most"),
    ],
)
def test_bad_amounts_get_clear_messages(typed: str, message: str) -> None:
    i18n.set_language("en")
    with pytest.raises(ValidationError) as caught:
        parse_amount("budget.2027.authority", typed, required=True)
    assert caught.value.field == "budget.2027.authority"
    assert message in caught.value.message


def test_blank_amount_is_none_unless_required() -> None:
    assert parse_amount("a", "  ") is None
    with pytest.raises(ValidationError):
        parse_amount("a", "", required=True)


def test_largest_amount_is_accepted() -> None:
    assert parse_amount("a", "10,000,000,000") == MAX_AMOUNT_AGOROT


def test_totals_per_year_per_source_and_overall() -> None:
    annex = _annex(
        {
            (2026, "authority"): 10_000_000,
            (2026, "organisation"): 25_000_050,
            (2027, "authority"): 10_000_000,
            (2028, "partner:p1"): 3_333_333,
        }
    )
    assert year_totals(annex) == {2026: 35_000_050, 2027: 10_000_000, 2028: 3_333_333}
    assert party_totals(annex) == {
        "authority": 20_000_000,
        "organisation": 25_000_050,
        "partner:p1": 3_333_333,
    }
    assert overall_total(annex) == 48_333_383
    assert annex.amount(2027, "organisation") == 0


def test_no_float_creeps_in() -> None:
    # 0.1 + 0.2 in floats is 0.30000000000000004; in agorot it is 30.
    annex = _annex(
        {
            (2026, "authority"): parse_amount("a", "0.10") or 0,
            (2027, "authority"): parse_amount("a", "0.20") or 0,
        }
    )
    assert overall_total(annex) == 30
    assert strip_marks(format_amount(overall_total(annex), "he")) == "0.30 ₪"
    assert isinstance(exact_share(annex, "authority"), Decimal)


def test_setting_zero_or_none_clears_a_cell_and_negative_is_refused() -> None:
    annex = _annex({(2026, "authority"): 100})
    assert with_amount(annex, 2026, "authority", 0).cells == ()
    assert with_amount(annex, 2026, "authority", None).cells == ()
    with pytest.raises(ValueError):
        with_amount(annex, 2026, "authority", -1)
    with pytest.raises(KeyError):
        with_amount(annex, 2031, "authority", 1)


def test_shares_use_largest_remainder_to_one_decimal() -> None:
    thirds = apportion_shares({"a": 1, "b": 1, "c": 1})
    assert thirds == {"a": Decimal("33.4"), "b": Decimal("33.3"), "c": Decimal("33.3")}
    assert apportion_shares({"a": 0, "b": 0}) == {"a": Decimal("0.0"), "b": Decimal("0.0")}
    assert apportion_shares({"a": 5, "b": 0}) == {"a": Decimal("100.0"), "b": Decimal("0.0")}
    annex = _annex(
        {
            (2026, "authority"): 600_000_00,
            (2026, "organisation"): 1_500_000_00,
            (2026, "partner:p1"): 199_999_98,
        }
    )
    assert shares(annex) == {
        "authority": Decimal("26.1"),
        "organisation": Decimal("65.2"),
        "partner:p1": Decimal("8.7"),
    }
    assert format_share(Decimal("26.1"), "he") == "26.1%"


amounts_strategy = st.dictionaries(
    st.text(alphabet="abcdefgh", min_size=1, max_size=3),
    st.integers(min_value=0, max_value=MAX_AMOUNT_AGOROT),
    min_size=1,
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(amounts_strategy)
def test_shares_add_up_to_exactly_100_and_stay_within_a_tenth(amounts: dict[str, int]) -> None:
    result = apportion_shares(amounts)
    total = sum(amounts.values())
    if total == 0:
        assert set(result.values()) == {Decimal("0.0")}
        return
    assert sum(result.values()) == Decimal("100.0")
    for key, amount in amounts.items():
        exact = Decimal(amount) * 100 / total
        assert abs(result[key] - exact) < Decimal("0.1")
        assert result[key] == result[key].quantize(Decimal("0.1"))
        if amount == 0:
            assert result[key] == 0


cells_strategy = st.dictionaries(
    st.tuples(st.sampled_from(YEARS), st.sampled_from(PARTIES)),
    st.integers(min_value=0, max_value=MAX_AMOUNT_AGOROT),
)


@settings(max_examples=100, deadline=None)
@given(cells_strategy)
def test_totals_are_exact_whichever_way_they_are_summed(cells: dict[tuple[int, str], int]) -> None:
    annex = _annex(cells)
    assert sum(year_totals(annex).values()) == sum(party_totals(annex).values())
    assert overall_total(annex) == sum(cells.values())


@given(st.integers(min_value=0, max_value=MAX_AMOUNT_AGOROT))
def test_formatting_and_parsing_round_trip(agorot: int) -> None:
    assert parse_amount("a", format_amount(agorot, "he")) == agorot
    assert shekels_to_agorot(Decimal(agorot).scaleb(-2)) == agorot


def test_typed_totals_that_do_not_add_up_are_reported_with_both_amounts() -> None:
    i18n.set_language("en")
    annex = _annex({(2027, "authority"): 100_000_00, (2027, "organisation"): 50_000_00})
    annex = with_typed_total(annex, 2027, None, 160_000_00)
    annex = with_typed_total(annex, 2026, None, 0)  # correct: nothing in 2026
    annex = with_typed_total(annex, None, "organisation", 40_000_00)
    annex = with_typed_total(annex, None, None, 150_000_00)  # correct overall
    errors = check_typed_totals(annex, {"organisation": "Rashi Foundation"})
    assert [e.field for e in errors] == ["budget.total.year.2027", "budget.total.party.organisation"]
    year_message = strip_marks(errors[0].message)
    assert year_message == (
        "The budget does not add up: year 2027 typed 160,000.00 ₪, computed 150,000.00 ₪."
    ) or year_message == ("The budget does not add up: year 2027 typed ₪160,000.00, computed ₪150,000.00.")
    assert "Rashi Foundation" in errors[1].message
    corrected = with_typed_total(with_typed_total(annex, 2027, None, 150_000_00), None, "organisation", None)
    assert check_typed_totals(corrected) == []
    with pytest.raises(ValueError):
        with_typed_total(annex, 2027, "authority", 1)


def test_resizing_keeps_what_fits_and_reports_what_would_be_dropped() -> None:
    annex = _annex({(2026, "authority"): 1, (2028, "partner:p1"): 2, (2027, "organisation"): 3})
    annex = with_typed_total(annex, 2028, None, 2)
    new_years, new_parties = (2026, 2027), ("authority", "organisation")
    assert [(c.year, c.party) for c in cells_outside(annex, new_years, new_parties)] == [(2028, "partner:p1")]
    smaller = resized(annex, new_years, new_parties)
    assert overall_total(smaller) == 4
    assert smaller.typed_totals == ()
    assert smaller.years == new_years and smaller.parties == new_parties
