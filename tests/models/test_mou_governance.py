"""Governance bodies: the seed's defaults and the meetings they add up to."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop import i18n
from desktop.models.mou_governance import (
    BodyKind,
    FrequencyKind,
    MeetingFrequency,
    default_bodies,
    default_body,
    meetings_between,
    meetings_per_year,
    mobility_fields,
    validate_bodies,
    yearly_meetings,
)


def test_seed_defaults() -> None:
    leading, steering, administration = default_bodies("he")
    assert (leading.kind, leading.min_members, leading.max_members, leading.chair) == (
        BodyKind.LEADING_TEAM,
        5,
        6,
        'מנכ"ל הרשות',
    )
    assert leading.yearly_meetings == 6  # at least every two months
    assert (steering.min_members, steering.max_members, steering.yearly_meetings) == (10, 15, 6)
    assert (administration.min_members, administration.max_members) == (30, 40)
    assert administration.chair == "ראש הרשות"
    assert administration.frequency.skipped_months == (8,)
    assert administration.yearly_meetings == 11
    assert administration.duration_months == 30
    team = default_body(BodyKind.PROFESSIONAL_TEAM, "he", mobility_fields("he")[0])
    assert (team.min_members, team.max_members, team.yearly_meetings) == (10, 15, 4)
    assert team.name.endswith("גיל רך") and team.mobility_field == "גיל רך"


def test_yearly_meeting_count_of_the_chosen_bodies() -> None:
    bodies = default_bodies("en")
    assert yearly_meetings(bodies) == 6 + 6 + 11
    teams = tuple(default_body(BodyKind.PROFESSIONAL_TEAM, "en", field) for field in mobility_fields("en"))
    assert yearly_meetings(bodies + teams) == 23 + 5 * 4


@pytest.mark.parametrize(
    ("frequency", "count"),
    [
        (MeetingFrequency(FrequencyKind.EVERY_N_MONTHS, 1), 12),
        (MeetingFrequency(FrequencyKind.EVERY_N_MONTHS, 1, (7, 8)), 10),
        (MeetingFrequency(FrequencyKind.EVERY_N_MONTHS, 2), 6),
        (MeetingFrequency(FrequencyKind.EVERY_N_MONTHS, 2, (8,)), 6),
        (MeetingFrequency(FrequencyKind.EVERY_N_MONTHS, 3), 4),
        (MeetingFrequency(FrequencyKind.EVERY_N_MONTHS, 5), 3),
        (MeetingFrequency(FrequencyKind.TIMES_PER_YEAR, 6), 6),
    ],
)
def test_meetings_per_year(frequency: MeetingFrequency, count: int) -> None:
    assert meetings_per_year(frequency) == count


def test_town_administration_meets_over_two_and_a_half_years_without_augusts() -> None:
    administration = default_bodies("he")[2]
    # Sep 2026 - Feb 2029: 30 months, two Augusts.
    assert meetings_between(administration, date(2026, 9, 1), date(2031, 8, 31)) == 28
    assert meetings_between(administration, date(2026, 9, 15), date(2031, 8, 31)) == 28
    # Cut short by the agreement's end: Sep-Dec 2026.
    assert meetings_between(administration, date(2026, 9, 1), date(2026, 12, 31)) == 4


def test_meetings_between_for_other_kinds() -> None:
    leading, steering, _administration = default_bodies("en")
    assert meetings_between(leading, date(2026, 1, 1), date(2026, 12, 31)) == 6
    assert meetings_between(steering, date(2026, 1, 1), date(2030, 12, 31)) == 30
    assert meetings_between(steering, date(2026, 1, 1), date(2026, 12, 30)) == 5  # 11 whole months
    assert meetings_between(steering, date(2026, 1, 31), date(2026, 1, 1)) == 0


def test_frequency_is_described_in_the_ui_language() -> None:
    i18n.set_language("en")
    administration = default_bodies("he")[2]
    assert administration.frequency.describe() == "Monthly, not in August"
    i18n.set_language("he")
    assert "אוגוסט" in administration.frequency.describe()
    i18n.set_language("en")
    assert MeetingFrequency(FrequencyKind.TIMES_PER_YEAR, 6).describe() == "6 times a year"
    assert MeetingFrequency(FrequencyKind.EVERY_N_MONTHS, 2).describe() == "Every 2 months"


def test_frequencies_take_the_plural_each_language_gives_the_number() -> None:
    def described(kind: FrequencyKind, counts: tuple[int, ...]) -> list[str]:
        return [MeetingFrequency(kind, count).describe() for count in counts]

    every = FrequencyKind.EVERY_N_MONTHS
    times = FrequencyKind.TIMES_PER_YEAR
    with i18n.using_language("ar"):  # two (dual), three to ten, eleven and up: three forms
        assert described(every, (2, 3, 11, 12)) == ["كل شهرين", "كل 3 أشهر", "كل 11 شهرًا", "كل 12 شهرًا"]
        assert described(times, (1, 2, 4, 12)) == [
            "مرة واحدة في السنة",
            "مرتين في السنة",
            "4 مرات في السنة",
            "12 مرةً في السنة",
        ]
    with i18n.using_language("he"):
        assert described(times, (1, 6)) == ["פעם אחת בשנה", "6 פעמים בשנה"]
    with i18n.using_language("en"):
        assert described(times, (1, 6)) == ["Once a year", "6 times a year"]


def test_body_validation() -> None:
    leading = default_bodies("en")[0]
    bad = (
        replace(
            leading,
            name=" ",
            min_members=0,
            max_members=-1,
            frequency=MeetingFrequency(FrequencyKind.EVERY_N_MONTHS, 13, tuple(range(1, 13))),
        ),
    )
    fields = [e.field for e in validate_bodies(bad)]
    assert fields == [
        "bodies.0.name",
        "bodies.0.min_members",
        "bodies.0.max_members",
        "bodies.0.frequency",
        "bodies.0.skipped_months",
    ]
    team = default_body(BodyKind.PROFESSIONAL_TEAM, "en", "Employment")
    assert [e.field for e in validate_bodies((leading, team, team))] == ["bodies.2.mobility_field"]
    assert validate_bodies(default_bodies("ar")) == []
