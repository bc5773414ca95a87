"""The seed's phases as dates: month arithmetic, clipping to an end date, validation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop import i18n
from desktop.models.mou_timeline import (
    PhaseKind,
    Timeframe,
    add_months,
    calendar_years,
    check_date_range,
    clean_years,
    effective_end,
    phases_between,
    planned_end,
    timeframe_phases,
    validate_timeframe,
)
from desktop.models.validation import ValidationError


@pytest.mark.parametrize(
    ("start", "months", "result"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 3, date(2026, 4, 30)),
        (date(2026, 1, 31), 4, date(2026, 5, 31)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(start: date, months: int, result: date) -> None:
    assert add_months(start, months) == result


def test_seed_phases_from_the_first_of_september() -> None:
    phases = timeframe_phases(Timeframe(start=date(2026, 9, 1), years=5))
    assert [(p.kind, p.year, p.start, p.end) for p in phases] == [
        (PhaseKind.PRE_ESTABLISHMENT, 1, date(2026, 9, 1), date(2026, 12, 31)),
        (PhaseKind.PLANNING_YEAR, 1, date(2027, 1, 1), date(2027, 8, 31)),
        (PhaseKind.IMPLEMENTATION, 2, date(2027, 9, 1), date(2028, 8, 31)),
        (PhaseKind.IMPLEMENTATION, 3, date(2028, 9, 1), date(2029, 8, 31)),
        (PhaseKind.IMPLEMENTATION, 4, date(2029, 9, 1), date(2030, 8, 31)),
        (PhaseKind.IMPLEMENTATION, 5, date(2030, 9, 1), date(2031, 8, 31)),
    ]


def test_a_start_on_january_31st_does_not_drift() -> None:
    phases = timeframe_phases(Timeframe(start=date(2026, 1, 31), years=3))
    assert [(p.start, p.end) for p in phases] == [
        (date(2026, 1, 31), date(2026, 5, 30)),
        (date(2026, 5, 31), date(2027, 1, 30)),
        (date(2027, 1, 31), date(2028, 1, 30)),
        (date(2028, 1, 31), date(2029, 1, 30)),
    ]
    assert effective_end(Timeframe(start=date(2026, 1, 31), years=3)) == date(2029, 1, 30)


def test_a_start_on_february_29th() -> None:
    assert planned_end(date(2028, 2, 29), 1) == date(2029, 2, 27)
    phases = timeframe_phases(Timeframe(start=date(2028, 2, 29), years=2))
    assert phases[-1].start == date(2029, 2, 28)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(min_value=1, max_value=10)
)
def test_phases_tile_the_agreement_without_gaps(start: date, years: int) -> None:
    phases = timeframe_phases(Timeframe(start=start, years=years))
    assert phases[0].start == start
    assert phases[-1].end == planned_end(start, years)
    assert len(phases) == years + 1
    for before, after in zip(phases, phases[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
        assert before.start <= before.end


def test_a_one_year_agreement_is_the_design_year_only() -> None:
    phases = timeframe_phases(Timeframe(start=date(2026, 9, 1), years=1))
    assert [p.kind for p in phases] == [PhaseKind.PRE_ESTABLISHMENT, PhaseKind.PLANNING_YEAR]


def test_a_typed_end_date_cuts_the_phases() -> None:
    timeframe = Timeframe(start=date(2026, 9, 1), years=5, end=date(2028, 2, 15))
    phases = timeframe_phases(timeframe)
    assert phases[-1].kind is PhaseKind.IMPLEMENTATION and phases[-1].year == 2
    assert phases[-1].end == date(2028, 2, 15)
    assert phases_between(date(2026, 9, 1), date(2026, 10, 1))[-1].kind is (PhaseKind.PRE_ESTABLISHMENT)
    assert len(phases_between(date(2026, 9, 1), date(2026, 10, 1))) == 1


def test_incomplete_or_backwards_timeframes_have_no_phases() -> None:
    assert timeframe_phases(Timeframe()) == ()
    assert timeframe_phases(Timeframe(start=date(2026, 1, 1), years=None)) == ()
    backwards = Timeframe(start=date(2026, 1, 1), years=5, end=date(2025, 12, 31))
    assert timeframe_phases(backwards) == ()
    assert calendar_years(backwards) == ()


def test_end_before_start_is_an_error_at_the_end_date() -> None:
    i18n.set_language("en")
    errors = validate_timeframe(Timeframe(start=date(2026, 1, 1), end=date(2025, 12, 31)))
    assert [(e.field, e.message) for e in errors] == [
        ("timeframe.end", "The end date is before the start date.")
    ]
    with pytest.raises(ValidationError) as caught:
        check_date_range("stage.end", date(2026, 1, 2), date(2026, 1, 1))
    assert caught.value.field == "stage.end"
    check_date_range("stage.end", date(2026, 1, 1), date(2026, 1, 1))


def test_years_and_far_end_dates_are_bounded() -> None:
    assert [e.field for e in validate_timeframe(Timeframe(start=date(2026, 1, 1), years=0))] == [
        "timeframe.years"
    ]
    far = Timeframe(start=date(2026, 1, 1), end=date(2040, 1, 1))
    assert [e.field for e in validate_timeframe(far)] == ["timeframe.end"]
    assert validate_timeframe(Timeframe(start=date(2026, 1, 1), years=10)) == []
    assert clean_years("timeframe.years", "5") == 5
    with pytest.raises(ValidationError):
        clean_years("timeframe.years", "11")


def test_budget_rows_are_the_calendar_years_touched() -> None:
    assert calendar_years(Timeframe(start=date(2026, 9, 1), years=2)) == (2026, 2027, 2028)
    assert calendar_years(Timeframe(start=date(2026, 1, 1), years=2)) == (2026, 2027)


def test_phase_labels_are_translated() -> None:
    i18n.set_language("en")
    phases = timeframe_phases(Timeframe(start=date(2026, 1, 1), years=2))
    assert [p.label for p in phases] == ["Pre-establishment", "Planning year", "Implementation, year 2"]
