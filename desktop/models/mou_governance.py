"""Governance bodies the MOU sets up, with the seed's defaults (001 l.590-625).

- leading team of the town initiative: 5-6 members, chaired by a senior office-holder
  (usually the director-general), at least once every two months;
- steering committee: 10-15 members, at least 6 times a year;
- town administration: 30-40 members, monthly, 11 times a year (not in August) for two
  and a half years, chaired by the head of the authority, every member an equal voice;
- professional teams: 10-15 members per mobility field, 4 times in a row and as needed.

Counting rule for "every n months": meetings fall on the first active month and then
on every n-th active month, where active months are those not skipped; so monthly with
August skipped gives 11 a year, and every two months gives 6.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from desktop.i18n import N_, _, babel_locale, ngettext
from desktop.models.enums import LabelledEnum
from desktop.models.mou import load_texts
from desktop.models.mou_timeline import add_months
from desktop.models.validation import ValidationError

AUGUST: Final = 8


class BodyKind(LabelledEnum):
    LEADING_TEAM = "leading_team"
    STEERING_COMMITTEE = "steering_committee"
    TOWN_ADMINISTRATION = "town_administration"
    PROFESSIONAL_TEAM = "professional_team"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "leading_team": N_("Leading team"),
            "steering_committee": N_("Steering committee"),
            "town_administration": N_("Town administration"),
            "professional_team": N_("Professional team"),
        }


class FrequencyKind(LabelledEnum):
    EVERY_N_MONTHS = "every_n_months"
    TIMES_PER_YEAR = "times_per_year"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "every_n_months": N_("Every few months"),
            "times_per_year": N_("A number of times a year"),
        }


@dataclass(frozen=True)
class MeetingFrequency:
    """Every `count` months (skipping some calendar months), or `count` times a year."""

    kind: FrequencyKind
    count: int
    skipped_months: tuple[int, ...] = ()  # 1-12; used with EVERY_N_MONTHS

    def describe(self, language: str | None = None) -> str:
        """A translated phrase such as "Monthly, not in August"."""
        # (plurals: Arabic says each one way for 2, another for 3-10 and another for 11 or 12)
        count = self.count
        if self.kind is FrequencyKind.TIMES_PER_YEAR:
            return ngettext("{count} time a year", "{count} times a year", count).format(count=count)
        if count == 1:
            text = _("Monthly")
        else:
            text = ngettext("Every {count} month", "Every {count} months", count).format(count=count)
        if self.skipped_months:
            text = _("{frequency}, not in {months}").format(
                frequency=text, months=", ".join(month_names(self.skipped_months, language))
            )
        return text


def month_names(months: Iterable[int], language: str | None = None) -> list[str]:
    from babel.dates import get_month_names

    names = get_month_names("wide", locale=babel_locale(language))
    return [str(names[month]) for month in sorted(months)]


def meetings_per_year(frequency: MeetingFrequency) -> int:
    if frequency.kind is FrequencyKind.TIMES_PER_YEAR:
        return frequency.count
    active = 12 - len(set(frequency.skipped_months))
    return -(-active // frequency.count)  # ceiling: the first active month always counts


@dataclass(frozen=True)
class GovernanceBody:
    """One body the MOU sets up, as configured on the wizard's structures page."""

    kind: BodyKind
    name: str
    min_members: int
    max_members: int
    chair: str
    member_roles: tuple[str, ...]
    frequency: MeetingFrequency
    duration_months: int | None = None  # None: for the whole agreement
    mobility_field: str = ""  # the focus field of a professional team

    @property
    def yearly_meetings(self) -> int:
        return meetings_per_year(self.frequency)

    @property
    def size_text(self) -> str:
        if self.min_members == self.max_members:
            return str(self.min_members)
        return f"{self.min_members}-{self.max_members}"


@dataclass(frozen=True)
class _SeedShape:
    min_members: int
    max_members: int
    frequency: MeetingFrequency
    duration_months: int | None = None


SEED_SHAPES: Final = {
    BodyKind.LEADING_TEAM: _SeedShape(5, 6, MeetingFrequency(FrequencyKind.EVERY_N_MONTHS, 2)),
    BodyKind.STEERING_COMMITTEE: _SeedShape(10, 15, MeetingFrequency(FrequencyKind.TIMES_PER_YEAR, 6)),
    BodyKind.TOWN_ADMINISTRATION: _SeedShape(
        30, 40, MeetingFrequency(FrequencyKind.EVERY_N_MONTHS, 1, (AUGUST,)), duration_months=30
    ),
    BodyKind.PROFESSIONAL_TEAM: _SeedShape(10, 15, MeetingFrequency(FrequencyKind.TIMES_PER_YEAR, 4)),
}


def default_body(kind: BodyKind, language: str, mobility_field: str = "") -> GovernanceBody:
    """A body with the seed's size, frequency, chair and member roles, worded in `language`."""
    shape = SEED_SHAPES[kind]
    texts = load_texts(language).bodies[kind.value]
    name = f"{texts.name}: {mobility_field}" if mobility_field else texts.name
    return GovernanceBody(
        kind=kind,
        name=name,
        min_members=shape.min_members,
        max_members=shape.max_members,
        chair=texts.chair,
        member_roles=texts.members,
        frequency=shape.frequency,
        duration_months=shape.duration_months,
        mobility_field=mobility_field,
    )


def default_bodies(language: str) -> tuple[GovernanceBody, ...]:
    """The bodies a new MOU starts with; professional teams are added per mobility field."""
    return tuple(
        default_body(kind, language)
        for kind in (BodyKind.LEADING_TEAM, BodyKind.STEERING_COMMITTEE, BodyKind.TOWN_ADMINISTRATION)
    )


def mobility_fields(language: str) -> tuple[str, ...]:
    """The seed's mobility fields along the life course, for naming professional teams."""
    return load_texts(language).mobility_fields


def yearly_meetings(bodies: Iterable[GovernanceBody]) -> int:
    return sum(body.yearly_meetings for body in bodies)


def _month_slots(start: date, end: date) -> int:
    """How many monthly anniversaries of `start` (start itself included) fall by `end`."""
    slots = 0
    while add_months(start, slots) <= end:
        slots += 1
    return slots


def meetings_between(body: GovernanceBody, start: date, end: date) -> int:
    """Meetings from `start` to `end` inclusive, limited to the body's duration.

    Every-n-months bodies are counted month by month from `start` (see the module's
    rule); n-times-a-year bodies get n for every twelve whole months.
    """
    if body.duration_months is not None:
        end = min(end, add_months(start, body.duration_months) - timedelta(days=1))
    if end < start:
        return 0
    frequency = body.frequency
    if frequency.kind is FrequencyKind.TIMES_PER_YEAR:
        whole_months = _month_slots(start, end + timedelta(days=1)) - 1
        return frequency.count * whole_months // 12
    skipped = set(frequency.skipped_months)
    active = [
        slot for slot in range(_month_slots(start, end)) if add_months(start, slot).month not in skipped
    ]
    return len(active[:: frequency.count])


def validate_body(body: GovernanceBody, field_prefix: str) -> list[ValidationError]:
    """Errors at the body's fields, named `<field_prefix>.<field>`."""
    errors = []

    def error(name: str, message: str) -> None:
        errors.append(ValidationError(f"{field_prefix}.{name}", message))

    if not body.name.strip():
        error("name", _("Give the body a name."))
    if body.min_members < 1:
        error("min_members", _("Enter a positive whole number."))
    if body.max_members < body.min_members:
        error("max_members", _("The largest size is smaller than the smallest."))
    frequency = body.frequency
    if frequency.kind is FrequencyKind.EVERY_N_MONTHS and not 1 <= frequency.count <= 12:
        error("frequency", _("Meetings are every 1 to 12 months."))
    if frequency.kind is FrequencyKind.TIMES_PER_YEAR and not 1 <= frequency.count <= 52:
        error("frequency", _("Enter 1 to 52 meetings a year."))
    if any(not 1 <= m <= 12 for m in frequency.skipped_months) or (len(set(frequency.skipped_months)) >= 12):
        error("skipped_months", _("Leave at least one month with meetings."))
    if body.duration_months is not None and body.duration_months < 1:
        error("duration_months", _("Enter a positive whole number."))
    return errors


def validate_bodies(bodies: Sequence[GovernanceBody]) -> list[ValidationError]:
    errors = []
    seen_fields: set[str] = set()
    for index, body in enumerate(bodies):
        prefix = f"bodies.{index}"
        errors += validate_body(body, prefix)
        if body.kind is BodyKind.PROFESSIONAL_TEAM:
            field_name = body.mobility_field.strip()
            if field_name and field_name in seen_fields:
                errors.append(
                    ValidationError(
                        f"{prefix}.mobility_field",
                        _("There is already a professional team for this field."),
                    )
                )
            seen_fields.add(field_name)
    return errors


def with_body(
    bodies: tuple[GovernanceBody, ...], index: int, body: GovernanceBody
) -> tuple[GovernanceBody, ...]:
    return tuple(body if i == index else b for i, b in enumerate(bodies))
