"""Hebrew dates and the Israeli days a community does not meet on (pyluach for the calendar).

The days avoided (documented in the README): Rosh Hashana, Yom Kippur, Sukkot with its
intermediate days and Shemini Atzeret, Pesach with its intermediate days, Shavuot, the eve
of each of these, Purim and Shushan Purim, Tisha B'Av, Yom HaZikaron and Yom HaAtzmaut.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from pyluach import dates

from desktop.i18n import N_, _

# pyluach's English festival names (israel=True) whose days are avoided, whole.
_AVOIDED_FESTIVALS = frozenset(
    {
        "Rosh Hashana",
        "Yom Kippur",
        "Succos",
        "Shmini Atzeres",
        "Pesach",
        "Shavuos",
        "Purim",
        "Shushan Purim",
    }
)
_FESTIVAL_LABELS = {
    "Rosh Hashana": N_("Rosh Hashana"),
    "Yom Kippur": N_("Yom Kippur"),
    "Succos": N_("Sukkot"),
    "Shmini Atzeres": N_("Shemini Atzeret"),
    "Pesach": N_("Pesach"),
    "Shavuos": N_("Shavuot"),
    "Purim": N_("Purim"),
    "Shushan Purim": N_("Shushan Purim"),
    "9 of Av": N_("Tisha B'Av"),
}
_IYAR = 2


def hebrew_date(day: date) -> str:
    """The Hebrew date in Hebrew letters, e.g. "כ״א אלול תשפ״ב"."""
    return str(dates.GregorianDate(day.year, day.month, day.day).to_heb().hebrew_date_string())


def _independence_day(gregorian_year: int) -> date:
    """Yom HaAtzmaut: 5 Iyar, brought forward from Friday/Saturday, put off from Monday."""
    hebrew_year = dates.GregorianDate(gregorian_year, 6, 1).to_heb().year
    day = dates.HebrewDate(hebrew_year, _IYAR, 5).to_pydate()
    if day.weekday() == 4:  # Friday -> Thursday
        return day - timedelta(days=1)
    if day.weekday() == 5:  # Saturday -> Thursday
        return day - timedelta(days=2)
    if day.weekday() == 0:  # Monday -> Tuesday (so Yom HaZikaron is not on Sunday)
        return day + timedelta(days=1)
    return day


@cache
def _national_days(gregorian_year: int) -> dict[date, str]:
    independence = _independence_day(gregorian_year)
    return {independence - timedelta(days=1): N_("Yom HaZikaron"), independence: N_("Yom HaAtzmaut")}


def _festival_name(day: date) -> str | None:
    calendar_day = dates.GregorianDate(day.year, day.month, day.day)
    name = calendar_day.festival(israel=True, hebrew=False, include_working_days=True)
    if name in _AVOIDED_FESTIVALS:
        return str(name)
    fast = calendar_day.fast_day(hebrew=False)
    return str(fast) if fast == "9 of Av" else None


def _yom_tov_tomorrow(day: date) -> str | None:
    following = day + timedelta(days=1)
    name = dates.GregorianDate(following.year, following.month, following.day).festival(
        israel=True, hebrew=False, include_working_days=False
    )
    return str(name) if name in _AVOIDED_FESTIVALS and name not in {"Purim", "Shushan Purim"} else None


def avoided_day(day: date) -> str | None:
    """Why a community would not meet on `day` (translated), or None for an ordinary day."""
    national = _national_days(day.year).get(day)
    if national:
        return _(national)
    festival = _festival_name(day)
    if festival:
        return _(_FESTIVAL_LABELS[festival])
    eve = _yom_tov_tomorrow(day)
    if eve:
        return _("Eve of {holiday}").format(holiday=_(_FESTIVAL_LABELS[eve]))
    return None
