"""A learning community (קהילה לומדת, seed 004): its members and roles, the composition
against the agreed mix, and the document that holds its survey, syllabus and work teams.

Pure domain logic; the whole community is one JSON document (table `learning_community`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.i18n import N_, _
from desktop.models.syllabus import Meeting, meeting_from_dict, meeting_to_dict
from desktop.models.topics_survey import Topic
from desktop.models.validation import ValidationError
from desktop.models.work_teams import WorkTeam, team_from_dict, team_to_dict

FORMAT_VERSION = 1
MEMBERS_TARGET = (15, 35)  # seed 004: 15-35 office-holders of one field
CORE_TARGET = (5, 10)  # the leading core (גרעין מוביל)
ADVISORY_TARGET = (5, 7)  # the advisory committee (ועדה מייעצת)
CYCLE_YEARS = {
    1: N_("Year 1: founding the community"),
    2: N_("Year 2: work teams and productivity"),
    3: N_("Year 3: influence and farewell"),
}
GENDERS = {"female": N_("Woman"), "male": N_("Man"), "": N_("Not stated")}
# The composition dimensions shown against the agreed mix.
DIMENSIONS = {
    "authority": N_("Authority"),
    "district": N_("District"),
    "sector": N_("Sector"),
    "gender": N_("Gender"),
}


@dataclass
class Member:
    """A person of the workspace taking part, with the authority they come from."""

    person: str  # person UUID
    authority: str  # authority UUID
    role: str = ""  # their office, e.g. "מנהלת אגף חינוך"
    gender: str = ""
    core: bool = False  # in the leading core
    advisory: bool = False  # on the advisory committee


@dataclass
class Community:
    name: str
    profession: str = ""  # the professional field (תחום מקצועי)
    period_start: date = field(default_factory=lambda: date(date.today().year, 9, 1))
    period_end: date = field(default_factory=lambda: date(date.today().year + 1, 7, 31))
    cycle_year: int = 1
    leader: str = ""  # person UUID: the community leader (מובילת הקהילה)
    partner: str = ""  # person UUID: the professional partner (שותף מקצועי)
    members: list[Member] = field(default_factory=list)
    agreed_mix: dict[str, dict[str, int]] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)
    ratings: dict[str, dict[str, int]] = field(default_factory=dict)  # person -> topic -> 1..5
    selected_topics: list[str] = field(default_factory=list)  # chosen at the first meeting
    selection_date: date | None = None
    selection_notes: str = ""
    meetings: list[Meeting] = field(default_factory=list)
    teams: list[WorkTeam] = field(default_factory=list)
    finish_line: date | None = None  # the shared products conference of the work teams

    # --- members ----------------------------------------------------------------------

    def member(self, person: str) -> Member | None:
        return next((m for m in self.members if m.person == person), None)

    def member_authorities(self) -> list[str]:
        """The members' authorities, each once, in the order the members were added."""
        return list(dict.fromkeys(m.authority for m in self.members if m.authority))

    def add_member(self, member: Member) -> None:
        if self.member(member.person) is not None:
            raise ValidationError("person", _("This person is already a member."))
        if not member.authority:
            raise ValidationError("authority", _("Choose the authority the member comes from."))
        self.members.append(member)

    def remove_member(self, person: str) -> None:
        """Remove a member; refused while they hold a role the community depends on."""
        for team in self.teams:
            if person in team.members:
                raise ValidationError(
                    "person",
                    _("This member is in the work team {team}; take them out of the team first.").format(
                        team=team.name
                    ),
                )
        self.members = [m for m in self.members if m.person != person]
        self.ratings.pop(person, None)

    def core_members(self) -> list[Member]:
        return [m for m in self.members if m.core]

    def advisory_members(self) -> list[Member]:
        return [m for m in self.members if m.advisory]

    def size_warnings(self) -> list[str]:
        """Where the community is outside the seed's sizes (translated; not errors)."""
        warnings = []
        checks = (
            (
                len(self.members),
                MEMBERS_TARGET,
                N_("The community has {count} members; the recommended size is {low}-{high}."),
            ),
            (
                len(self.core_members()),
                CORE_TARGET,
                N_("The leading core has {count} members; the recommended size is {low}-{high}."),
            ),
            (
                len(self.advisory_members()),
                ADVISORY_TARGET,
                N_("The advisory committee has {count} members; the recommended size is {low}-{high}."),
            ),
        )
        for count, (low, high), message in checks:
            if not low <= count <= high:
                warnings.append(_(message).format(count=count, low=low, high=high))
        return warnings

    # --- dates ------------------------------------------------------------------------

    def in_period(self, day: date) -> bool:
        return self.period_start <= day <= self.period_end

    def set_period(self, start: date, end: date) -> None:
        if end <= start:
            raise ValidationError("period_end", _("The year must end after it starts."))
        if (end - start).days > 400:
            raise ValidationError(
                "period_end", _("A community year is at most about a year long; plan a new year separately.")
            )
        self.period_start, self.period_end = start, end

    # --- JSON -------------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps(community_to_dict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Community:
        return community_from_dict(json.loads(text))


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def community_to_dict(community: Community) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "name": community.name,
        "field": community.profession,
        "period_start": community.period_start.isoformat(),
        "period_end": community.period_end.isoformat(),
        "cycle_year": community.cycle_year,
        "leader": community.leader,
        "partner": community.partner,
        "members": [vars(m).copy() for m in community.members],
        "agreed_mix": community.agreed_mix,
        "topics": [vars(t).copy() for t in community.topics],
        "ratings": community.ratings,
        "selected_topics": community.selected_topics,
        "selection_date": community.selection_date.isoformat() if community.selection_date else "",
        "selection_notes": community.selection_notes,
        "meetings": [meeting_to_dict(m) for m in community.meetings],
        "teams": [team_to_dict(t) for t in community.teams],
        "finish_line": community.finish_line.isoformat() if community.finish_line else "",
    }


def community_from_dict(data: Mapping[str, Any]) -> Community:
    if int(data.get("format", FORMAT_VERSION)) > FORMAT_VERSION:
        raise ValueError("newer community format")
    community = Community(
        name=str(data.get("name", "")),
        profession=str(data.get("field", "")),
        cycle_year=int(data.get("cycle_year", 1)),
        leader=str(data.get("leader", "")),
        partner=str(data.get("partner", "")),
        members=[Member(**m) for m in data.get("members", [])],
        agreed_mix={k: dict(v) for k, v in data.get("agreed_mix", {}).items()},
        topics=[Topic(**t) for t in data.get("topics", [])],
        ratings={p: {t: int(v) for t, v in r.items()} for p, r in data.get("ratings", {}).items()},
        selected_topics=list(data.get("selected_topics", [])),
        selection_date=_date(data.get("selection_date")),
        selection_notes=str(data.get("selection_notes", "")),
        meetings=[meeting_from_dict(m) for m in data.get("meetings", [])],
        teams=[team_from_dict(t) for t in data.get("teams", [])],
        finish_line=_date(data.get("finish_line")),
    )
    if data.get("period_start"):
        community.period_start = date.fromisoformat(data["period_start"])
    if data.get("period_end"):
        community.period_end = date.fromisoformat(data["period_end"])
    return community


def next_year(community: Community) -> Community:
    """The community's following year as a new document (seed 004 l.3271: year 1 founding,
    year 2 work teams, year 3 influence): the same members, core, committee, leader, partner,
    agreed mix and candidate topics; a new survey, syllabus and teams to plan."""

    def shifted(day: date) -> date:
        try:
            return day.replace(year=day.year + 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year + 1, day=28)

    return Community(
        name=community.name,
        profession=community.profession,
        period_start=shifted(community.period_start),
        period_end=shifted(community.period_end),
        cycle_year=min(community.cycle_year + 1, max(CYCLE_YEARS)),
        leader=community.leader,
        partner=community.partner,
        members=[Member(**vars(m)) for m in community.members],
        agreed_mix={k: dict(v) for k, v in community.agreed_mix.items()},
        topics=[Topic(**vars(t)) for t in community.topics],
    )


# --- composition ------------------------------------------------------------------------


@dataclass(frozen=True)
class CompositionRow:
    key: str  # the category's code (an authority UUID, a district, a sector, a gender)
    count: int
    agreed: int | None

    @property
    def gap(self) -> int | None:
        return None if self.agreed is None else self.count - self.agreed


def composition(
    community: Community,
    dimension: str,
    *,
    authority_district: Mapping[str, str],
    person_sector: Mapping[str, str],
) -> list[CompositionRow]:
    """Members counted by `dimension` beside the agreed mix; largest group first.

    Categories the mix names but no member fills appear with a count of 0.
    """

    def key_of(member: Member) -> str:
        if dimension == "authority":
            return member.authority
        if dimension == "district":
            return authority_district.get(member.authority, "")
        if dimension == "sector":
            return person_sector.get(member.person, "")
        if dimension == "gender":
            return member.gender
        raise ValueError(dimension)

    counts = Counter(key_of(m) for m in community.members)
    agreed = community.agreed_mix.get(dimension, {})
    keys = list(dict.fromkeys([*counts, *agreed]))
    rows = [CompositionRow(k, counts.get(k, 0), agreed.get(k)) for k in keys]
    return sorted(rows, key=lambda row: (-row.count, row.key))


def set_agreed(community: Community, dimension: str, key: str, value: int | None) -> None:
    if value is not None and value < 0:
        raise ValidationError("agreed", _("Enter a number of at least {minimum}.").format(minimum=0))
    mix = community.agreed_mix.setdefault(dimension, {})
    if value is None:
        mix.pop(key, None)
    else:
        mix[key] = value
