"""The cluster profile and guidance needs: the definition check from the real national data,
memberships with dates, services' expectations, and the guidance comparison."""

from __future__ import annotations

import pytest

from desktop.models.cluster_profile import (
    ClusterProfile,
    ServiceExpectation,
    core_services_condition,
    definition_check,
    membership_difference,
    new_forum,
    service_rows,
)
from desktop.models.flags import Item
from desktop.models.guidance import (
    CATEGORIES,
    NATIONAL_NEEDS,
    NEEDS,
    NeedChoice,
    compare,
    imposed,
    mixed_roles,
)
from desktop.models.validation import ValidationError
from desktop.storage.cluster_store import NationalCluster, national_cluster_list


def _national(name: str) -> NationalCluster:
    return next(c for c in national_cluster_list() if c.name == name)


def _met(cluster: NationalCluster) -> dict[str, bool]:
    return {c.key: c.met for c in definition_check(cluster.members)}


def test_the_definition_check_from_the_national_data() -> None:
    western_negev = _national("אשכול נגב מערבי")
    assert len(western_negev.members) == 11  # CBS 2021
    check = definition_check(western_negev.members)
    assert _met(western_negev) == {"members": False, "residents": True, "mix": True, "periphery": True}
    figures = {c.key: c.figure for c in check}
    assert "11" in figures["members"] and "5-10" in figures["members"]
    # the residents are the sum of the members' CBS 2021 populations
    assert figures["residents"].startswith(f"{sum(m.population or 0 for m in western_negev.members):,}")
    assert "2021" in figures["residents"]
    eastern_galilee = _national("אשכול גליל מזרחי")
    assert len(eastern_galilee.members) == 18
    assert not _met(eastern_galilee)["members"]
    beit_hakerem = _national("אשכול בית הכרם")
    assert len(beit_hakerem.members) == 7 and all(_met(beit_hakerem).values())
    sharon = _national("אשכול השרון")
    assert not _met(sharon)["periphery"]  # Kfar Saba, Ra'anana…: not the periphery
    assert definition_check(western_negev.members[:3])[0].met is False  # too few


def test_every_cbs_cluster_is_named_and_the_2024_changes_are_dated() -> None:
    clusters = national_cluster_list()
    assert not [c.name for c in clusters if "סמל" in c.name]  # none left as "cluster (CBS code …)"
    assert {c.code for c in clusters} >= {210, 211, 212, 213, 214, 310, 410, 420, 610, 620, 710}
    western_galilee = _national("אשכול גליל מערבי")
    [(as_of, joined, _note)] = western_galilee.changes
    assert as_of == "2024" and len(joined) == 7 and len(western_galilee.members) + len(joined) == 19
    coastal = _national("אשכול מישור החוף")
    assert coastal.code is None and coastal.as_of == "2024" and not coastal.members


def test_memberships_forums_and_json() -> None:
    profile = ClusterProfile("c1", founding_year=2012)
    seed = profile.add_membership("2013", "מסמך 003", ["a", "b"])
    cbs = profile.add_membership("2021", 'הלמ"ס', ["a", "b", "c"])
    assert membership_difference(seed, cbs) == (["c"], [])
    with pytest.raises(ValidationError):
        profile.add_membership("", "x", [])
    with pytest.raises(ValidationError):
        profile.add_membership("2020", "  ", [])
    profile.forums.append(new_forum("פורום חינוך", "professional", profile.forums))
    with pytest.raises(ValidationError):
        new_forum("פורום  חינוך", "professional", profile.forums)
    profile.set_goals("• פיתוח תשתיות\n\n- פיתוח תרבות ")
    assert profile.goals == ["פיתוח תשתיות", "פיתוח תרבות"]
    profile.services["i1"] = ServiceExpectation(15, False, True, "x")
    profile.needs["7"] = NeedChoice(3, "mifam", "supports", True)
    again = ClusterProfile.from_json(profile.to_json())
    assert again == profile


def test_services_come_from_the_flags_mapping() -> None:
    items = [
        Item("i1", "מרכז אפ 60+", "existing_service", "core"),
        Item("i2", "מובילים תרבות", "existing_service", "preferred"),
        Item("i3", "רעיון חדש", "new_initiative", "core"),
    ]
    profile = ClusterProfile("c1", services={"i1": ServiceExpectation(saving_percent=10)})
    rows = service_rows(profile, items)
    assert [r.item for r in rows] == ["i1", "i2"]  # services, core first; not new ideas
    assert not rows[0].meets_expectations  # 10% saves too little, and nothing else is said
    profile.services["i1"].saving_percent = 15
    assert service_rows(profile, items)[0].meets_expectations
    assert core_services_condition(rows)[0]
    assert not core_services_condition(rows[1:])[0]


def test_the_sixteen_needs_and_the_comparison() -> None:
    assert len(NEEDS) == 16 and len(CATEGORIES) == 7
    assert {category for category, _text in NEEDS.values()} == set(CATEGORIES)
    assert set(NATIONAL_NEEDS) == {7, 16}
    negev = {"2": NeedChoice(3), "13": NeedChoice(3), "7": NeedChoice(1)}
    galilee = {"2": NeedChoice(2), "13": NeedChoice(1), "10": NeedChoice(3)}
    rows = compare([negev, galilee])
    assert [r.number for r in rows[:3]] == [2, 13, 10]
    assert rows[0].priorities == (3, 2) and rows[0].pressing == (0,)
    assert next(r for r in rows if r.number == 7).national
    assert rows[-1].total == 0


def test_support_and_control_kept_apart_and_the_ceos_choice() -> None:
    needs = {
        "2": NeedChoice(3, "urbanics", "supports", True),
        "3": NeedChoice(3, "urbanics", "controls", False),
        "10": NeedChoice(2, "elka", "supports", True),
    }
    assert mixed_roles(needs) == ["urbanics"]
    assert imposed(needs) == [3]
