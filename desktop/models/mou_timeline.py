"""The MOU's timeframe laid out as the seed's phases (001 l.630-650).

Year one, the design year: pre-establishment (4 months: agreements with the authority,
recruiting the backbone manager, forming the leading team, mapping) then the planning
year (8 months: recruiting stakeholders, design-forum sessions, the collective plan).
Years two to five: implementation. "Not every programme has to span five years", so
the number of years is the facilitator's choice.

Dates are inclusive. Every boundary is computed from the start date (start + n months,
clamped to the month's end), never from the previous boundary, so a start on 31 January
does not drift to the 28th for the rest of the agreement.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from desktop.i18n import N_, _
from desktop.models.enums import LabelledEnum
from desktop.models.validation import ValidationError, clean_whole_number

PRE_ESTABLISHMENT_MONTHS: Final = 4
DESIGN_YEAR_MONTHS: Final = 12  # pre-establishment 4 + planning year 8
DEFAULT_YEARS: Final = 5
MIN_YEARS: Final = 1
MAX_YEARS: Final = 10


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months; the 31st becomes the month's last day when needed."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))


class PhaseKind(LabelledEnum):
    PRE_ESTABLISHMENT = "pre_establishment"
    PLANNING_YEAR = "planning_year"
    IMPLEMENTATION = "implementation"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "pre_establishment": N_("Pre-establishment"),
            "planning_year": N_("Planning year"),
            "implementation": N_("Implementation"),
        }


@dataclass(frozen=True)
class Phase:
    kind: PhaseKind
    start: date
    end: date  # inclusive
    year: int  # year of the agreement: 1 for the design year, 2… for implementation

    @property
    def label(self) -> str:
        if self.kind is PhaseKind.IMPLEMENTATION:
            return _("Implementation, year {year}").format(year=self.year)
        return self.kind.label


@dataclass(frozen=True)
class Timeframe:
    """Start date and number of years; `end` set only when the person typed another end date."""

    start: date | None = None
    years: int | None = DEFAULT_YEARS
    end: date | None = None


def planned_end(start: date, years: int) -> date:
    return add_months(start, 12 * years) - timedelta(days=1)


def effective_end(timeframe: Timeframe) -> date | None:
    if timeframe.start is None:
        return None
    if timeframe.end is not None:
        return timeframe.end
    return planned_end(timeframe.start, timeframe.years) if timeframe.years else None


def _seed_phases(start: date, agreement_years: int) -> list[Phase]:
    def month(offset: int) -> date:
        return add_months(start, offset)

    phases = [
        Phase(PhaseKind.PRE_ESTABLISHMENT, start, month(PRE_ESTABLISHMENT_MONTHS) - timedelta(days=1), 1),
        Phase(
            PhaseKind.PLANNING_YEAR,
            month(PRE_ESTABLISHMENT_MONTHS),
            month(DESIGN_YEAR_MONTHS) - timedelta(days=1),
            1,
        ),
    ]
    phases += [
        Phase(
            PhaseKind.IMPLEMENTATION,
            month(12 * (year - 1)),
            month(12 * year) - timedelta(days=1),
            year,
        )
        for year in range(2, agreement_years + 1)
    ]
    return phases


def phases_between(start: date, end: date) -> tuple[Phase, ...]:
    """The seed's phases from `start`, cut at `end` (a phase after `end` is left out)."""
    if end < start:
        return ()
    agreement_years = 1
    while add_months(start, 12 * agreement_years) <= end:
        agreement_years += 1
    return tuple(
        Phase(p.kind, p.start, min(p.end, end), p.year)
        for p in _seed_phases(start, agreement_years)
        if p.start <= end
    )


def timeframe_phases(timeframe: Timeframe) -> tuple[Phase, ...]:
    """The phases as concrete dates, or () while the start date or length is missing."""
    end = effective_end(timeframe)
    if timeframe.start is None or end is None:
        return ()
    return phases_between(timeframe.start, end)


def calendar_years(timeframe: Timeframe) -> tuple[int, ...]:
    """The calendar years the agreement touches: the rows of the budget annex."""
    end = effective_end(timeframe)
    if timeframe.start is None or end is None or end < timeframe.start:
        return ()
    return tuple(range(timeframe.start.year, end.year + 1))


def clean_years(field: str, raw: str) -> int | None:
    return clean_whole_number(field, raw, minimum=MIN_YEARS, maximum=MAX_YEARS)


def validate_timeframe(timeframe: Timeframe) -> list[ValidationError]:
    errors = []
    years = timeframe.years
    if years is not None and not MIN_YEARS <= years <= MAX_YEARS:
        errors.append(
            ValidationError(
                "timeframe.years",
                _("Enter a number of years from {minimum} to {maximum}.").format(
                    minimum=MIN_YEARS, maximum=MAX_YEARS
                ),
            )
        )
    start, end = timeframe.start, timeframe.end
    if start and end and end < start:
        errors.append(ValidationError("timeframe.end", _("The end date is before the start date.")))
    elif start and end and end > planned_end(start, MAX_YEARS):
        errors.append(
            ValidationError(
                "timeframe.end",
                _("The agreement can last at most {maximum} years.").format(maximum=MAX_YEARS),
            )
        )
    return errors


def check_date_range(field: str, start: date | None, end: date | None) -> None:
    """Raise at `field` when a range ends before it starts (for any dated pair)."""
    if start is not None and end is not None and end < start:
        raise ValidationError(field, _("The end date is before the start date."))
