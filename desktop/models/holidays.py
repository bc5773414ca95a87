"""The days each population of a community keeps (seed 000 l.424: mark every population's
holidays): Jewish and national days (pyluach, desktop.models.hebrew_calendar), Muslim days
from the Hijri calendar (hijridate, the Umm al-Qura calendar), Christian days with Easter in
both the Western and the Orthodox reckoning (dateutil.easter) and Druze days.

A community chooses its groups (Community.holiday_groups); the syllabus skips the days of
those groups and says which days any date falls on. Hijri dates are the computed calendar's;
where the feast is fixed by sighting the moon it may fall a day later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import cache

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from hijridate import Gregorian, Hijri

from desktop.i18n import N_, _
from desktop.models.hebrew_calendar import avoided_day

JEWISH, MUSLIM, CHRISTIAN, DRUZE = "jewish", "muslim", "christian", "druze"
GROUPS = {
    JEWISH: N_("Jewish and national days"),
    MUSLIM: N_("Muslim days"),
    CHRISTIAN: N_("Christian days"),
    DRUZE: N_("Druze days"),
}
DEFAULT_GROUPS = (JEWISH,)

# Hijri (month, first day, number of days) of the Muslim feasts.
_SHAWWAL, _DHU_AL_HIJJAH, _MUHARRAM, _RABI_AL_AWWAL = 10, 12, 1, 3
EID_AL_FITR = N_("Eid al-Fitr")
EID_AL_ADHA = N_("Eid al-Adha")
HIJRI_NEW_YEAR = N_("Hijri New Year")
MAWLID = N_("The Prophet's Birthday (Mawlid)")
CHRISTMAS = N_("Christmas")
ORTHODOX_CHRISTMAS = N_("Christmas (Orthodox)")
EASTER = N_("Easter")
ORTHODOX_EASTER = N_("Easter (Orthodox)")
NABI_SHUAYB = N_("Ziyarat al-Nabi Shu'ayb")

_MUSLIM_DAYS = (
    (_SHAWWAL, 1, 3, EID_AL_FITR),
    (_DHU_AL_HIJJAH, 10, 4, EID_AL_ADHA),
    (_MUHARRAM, 1, 1, HIJRI_NEW_YEAR),
    (_RABI_AL_AWWAL, 12, 1, MAWLID),
)


def _hijri_days(gregorian_year: int, month: int, first: int, length: int) -> list[date]:
    """Every Gregorian day of the feast in `gregorian_year` (a Hijri year is 11 days shorter,
    so a feast can fall twice in one Gregorian year)."""
    found = []
    try:
        start_year = Gregorian(gregorian_year, 1, 1).to_hijri().year
    except OverflowError:
        return []
    for hijri_year in (start_year, start_year + 1):
        try:
            start = Hijri(hijri_year, month, first).to_gregorian()
        except (OverflowError, ValueError):
            continue
        for offset in range(length):
            day = date(start.year, start.month, start.day) + timedelta(days=offset)
            if day.year == gregorian_year:
                found.append(day)
    return found


@cache
def _year(gregorian_year: int) -> dict[str, dict[date, tuple[str, ...]]]:
    """group -> day -> message ids of the days (not the Jewish days: pyluach answers those)."""
    days: dict[str, dict[date, list[str]]] = {MUSLIM: {}, CHRISTIAN: {}, DRUZE: {}}

    def add(group: str, day: date, name: str) -> None:
        names = days[group].setdefault(day, [])
        if name not in names:
            names.append(name)

    for month, first, length, name in _MUSLIM_DAYS:
        for day in _hijri_days(gregorian_year, month, first, length):
            add(MUSLIM, day, name)
            if name == EID_AL_ADHA:  # the Druze keep Eid al-Adha too
                add(DRUZE, day, name)
    add(CHRISTIAN, date(gregorian_year, 12, 25), CHRISTMAS)
    add(CHRISTIAN, date(gregorian_year, 1, 7), ORTHODOX_CHRISTMAS)
    add(CHRISTIAN, easter(gregorian_year, EASTER_WESTERN), EASTER)
    add(CHRISTIAN, easter(gregorian_year, EASTER_ORTHODOX), ORTHODOX_EASTER)
    # In Israel the Druze keep the visit to the tomb of Nabi Shu'ayb on 25-28 April.
    for offset in range(4):
        add(DRUZE, date(gregorian_year, 4, 25) + timedelta(days=offset), NABI_SHUAYB)
    return {group: {d: tuple(n) for d, n in by_day.items()} for group, by_day in days.items()}


def clean_groups(groups: Iterable[str]) -> list[str]:
    """The known groups among `groups`, in the order of GROUPS."""
    chosen = set(groups)
    return [g for g in GROUPS if g in chosen]


def holidays_on(day: date, groups: Iterable[str] = tuple(GROUPS)) -> list[tuple[str, str]]:
    """(group, translated name) of every day of `groups` that `day` falls on."""
    found: list[tuple[str, str]] = []
    for group in clean_groups(groups):
        if group == JEWISH:
            name = avoided_day(day)
            if name:
                found.append((JEWISH, name))
            continue
        found.extend((group, _(n)) for n in _year(day.year)[group].get(day, ()))
    return found


def days_of(gregorian_year: int, group: str) -> dict[date, list[str]]:
    """The message ids of `group`'s days in a Gregorian year (not for the Jewish group)."""
    return {d: list(n) for d, n in sorted(_year(gregorian_year)[group].items())}


def avoided_for(groups: Iterable[str]) -> Callable[[date], str | None]:
    """The `avoided` test of the syllabus for a community's groups: why it would not meet on
    a day (translated, the days joined) or None."""
    chosen = clean_groups(groups)

    def avoided(day: date) -> str | None:
        names = list(dict.fromkeys(name for _group, name in holidays_on(day, chosen)))
        return ", ".join(names) or None

    return avoided
