"""Every population's days (seed 000 l.424), checked against known dates of several years."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.i18n import _
from desktop.models.community import Community
from desktop.models.holidays import (
    CHRISTIAN,
    DRUZE,
    JEWISH,
    MUSLIM,
    avoided_for,
    clean_groups,
    days_of,
    holidays_on,
)
from desktop.models.syllabus import monthly_dates


def _first(year: int, group: str, name: str) -> date:
    return next(d for d, names in days_of(year, group).items() if name in names)


# Published dates (the Umm al-Qura calendar for the Muslim feasts; both Easters).
@pytest.mark.parametrize(
    ("year", "fitr", "adha", "new_year", "mawlid"),
    [
        (2023, date(2023, 4, 21), date(2023, 6, 28), date(2023, 7, 19), date(2023, 9, 27)),
        (2024, date(2024, 4, 10), date(2024, 6, 16), date(2024, 7, 7), date(2024, 9, 15)),
        (2025, date(2025, 3, 30), date(2025, 6, 6), date(2025, 6, 26), date(2025, 9, 4)),
    ],
)
def test_muslim_days(year: int, fitr: date, adha: date, new_year: date, mawlid: date) -> None:
    assert _first(year, MUSLIM, "Eid al-Fitr") == fitr
    assert _first(year, MUSLIM, "Eid al-Adha") == adha
    assert _first(year, MUSLIM, "Hijri New Year") == new_year
    assert _first(year, MUSLIM, "The Prophet's Birthday (Mawlid)") == mawlid
    assert sum("Eid al-Fitr" in n for n in days_of(year, MUSLIM).values()) == 3
    assert sum("Eid al-Adha" in n for n in days_of(year, MUSLIM).values()) == 4


@pytest.mark.parametrize(
    ("year", "western", "orthodox"),
    [
        (2023, date(2023, 4, 9), date(2023, 4, 16)),
        (2024, date(2024, 3, 31), date(2024, 5, 5)),
        (2025, date(2025, 4, 20), date(2025, 4, 20)),
        (2026, date(2026, 4, 5), date(2026, 4, 12)),
    ],
)
def test_both_easters_and_christmas(year: int, western: date, orthodox: date) -> None:
    assert _first(year, CHRISTIAN, "Easter") == western
    assert _first(year, CHRISTIAN, "Easter (Orthodox)") == orthodox
    assert _first(year, CHRISTIAN, "Christmas") == date(year, 12, 25)
    assert _first(year, CHRISTIAN, "Christmas (Orthodox)") == date(year, 1, 7)


def test_druze_days() -> None:
    for year in (2024, 2025, 2026):
        assert _first(year, DRUZE, "Ziyarat al-Nabi Shu'ayb") == date(year, 4, 25)
        assert _first(year, DRUZE, "Eid al-Adha") == _first(year, MUSLIM, "Eid al-Adha")
    assert "Eid al-Fitr" not in {n for names in days_of(2025, DRUZE).values() for n in names}


def test_which_days_a_date_falls_on() -> None:
    assert holidays_on(date(2025, 4, 20)) == [(CHRISTIAN, _("Easter")), (CHRISTIAN, _("Easter (Orthodox)"))]
    assert holidays_on(date(2024, 4, 10), [JEWISH]) == []
    assert holidays_on(date(2024, 4, 10), [MUSLIM]) == [(MUSLIM, _("Eid al-Fitr"))]
    assert holidays_on(date(2025, 10, 2), [JEWISH]) == [(JEWISH, _("Yom Kippur"))]
    assert holidays_on(date(2025, 11, 11)) == []
    assert clean_groups(["druze", "nonsense", "jewish"]) == [JEWISH, DRUZE]


def test_the_syllabus_skips_the_communitys_days_only() -> None:
    """Rahat's community keeps the Muslim days too: the 4th Sunday of March 2025 is Eid
    al-Fitr (30 March) and moves; a community of Jewish and national days meets then."""
    only_jewish = monthly_dates(
        date(2025, 3, 1), date(2025, 3, 31), weekday=6, week=4, avoided=avoided_for([JEWISH])
    )
    with_muslim = monthly_dates(
        date(2025, 3, 1), date(2025, 3, 31), weekday=6, week=4, avoided=avoided_for([JEWISH, MUSLIM])
    )
    assert date(2025, 3, 23) in only_jewish or date(2025, 3, 30) in only_jewish
    assert date(2025, 3, 30) not in with_muslim
    assert avoided_for([MUSLIM, CHRISTIAN])(date(2025, 3, 30)) == _("Eid al-Fitr")


def test_groups_travel_with_the_community() -> None:
    community = Community("קהילת רווחה")
    assert community.holiday_groups == [JEWISH]
    community.holiday_groups = [JEWISH, MUSLIM, DRUZE]
    assert Community.from_json(community.to_json()).holiday_groups == [JEWISH, MUSLIM, DRUZE]
    assert Community.from_json('{"name": "ישנה"}').holiday_groups == [JEWISH]
