"""A learning community (קהילה לומדת, seed 004): its members and roles, the composition
against the agreed mix, and the document that holds its survey, syllabus and work teams.

Pure domain logic; the whole community is one JSON document (table `learning_community`).
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.i18n import N_, _, ngettext
from desktop.models.holidays import DEFAULT_GROUPS, clean_groups
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
    "seniority": N_("Seniority"),
}
# Seniority in the role (seed 004 l.887-896: a mix of rank, seniority and experience).
SENIORITY = {
    "new": N_("Up to 3 years in the role"),
    "experienced": N_("3-10 years in the role"),
    "veteran": N_("Over 10 years in the role"),
    "": N_("Not stated"),
}
# The advisory committee (seed 004 l.957, l.1339-1378): members' representatives, leading
# partners and stakeholders; 5-7 people; 3-4 regular meetings a year on a standing agenda.
ADVISORY_KINDS = {"partner": N_("Leading partner"), "stakeholder": N_("Stakeholder")}
ADVISORY_MEETINGS_TARGET = (3, 4)
STANDING_AGENDA = (
    N_("Work plan"),
    N_("Budget"),
    N_("Measurement and evaluation: the logic model"),
    N_("Specific professional challenges"),
)


@dataclass
class Member:
    """A person of the workspace taking part, with the authority they come from."""

    person: str  # person UUID
    authority: str  # authority UUID
    role: str = ""  # their office, e.g. "מנהלת אגף חינוך"
    gender: str = ""
    core: bool = False  # in the leading core
    advisory: bool = False  # on the advisory committee
    seniority: str = ""  # a key of SENIORITY


@dataclass
class AdvisoryGuest:
    """A partner or stakeholder on the advisory committee who is not a community member."""

    person: str  # person UUID
    kind: str = "partner"  # a key of ADVISORY_KINDS
    organisation: str = ""  # whom they represent, as typed


@dataclass
class AdvisoryMeeting:
    id: str
    day: date
    agenda: list[str] = field(default_factory=lambda: [_(item) for item in STANDING_AGENDA])
    ad_hoc: bool = False  # a meeting beyond the regular ones, called for a need
    notes: str = ""


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
    advisory_guests: list[AdvisoryGuest] = field(default_factory=list)
    advisory_meetings: list[AdvisoryMeeting] = field(default_factory=list)
    holiday_groups: list[str] = field(default_factory=lambda: list(DEFAULT_GROUPS))

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

    def advisory_size(self) -> int:
        """Members on the committee and the partners and stakeholders beside them."""
        return len(self.advisory_members()) + len(self.advisory_guests)

    def add_advisory_guest(self, guest: AdvisoryGuest) -> None:
        if not guest.person:
            raise ValidationError("person", _("Choose the person."))
        if self.member(guest.person) is not None:
            raise ValidationError(
                "person", _("This person is a member; mark them on the committee in the members' table.")
            )
        if any(g.person == guest.person for g in self.advisory_guests):
            raise ValidationError("person", _("This person is already on the advisory committee."))
        if guest.kind not in ADVISORY_KINDS:
            raise ValidationError("kind", _("Choose a leading partner or a stakeholder."))
        self.advisory_guests.append(guest)

    def add_advisory_meeting(self, day: date) -> AdvisoryMeeting:
        if not self.in_period(day):
            raise ValidationError("day", _("The meeting must fall within the community's year."))
        meeting = AdvisoryMeeting(str(uuid.uuid4()), day)
        self.advisory_meetings.append(meeting)
        self.advisory_meetings.sort(key=lambda m: m.day)
        return meeting

    def advisory_warnings(self) -> list[str]:
        """Where the committee's regular meetings are outside the seed's 3-4 a year."""
        low, high = ADVISORY_MEETINGS_TARGET
        regular = sum(1 for m in self.advisory_meetings if not m.ad_hoc)
        if low <= regular <= high:
            return []
        return [
            ngettext(
                "The advisory committee has {count} regular meeting this year; "
                "the seed recommends {low}-{high}.",
                "The advisory committee has {count} regular meetings this year; "
                "the seed recommends {low}-{high}.",
                regular,
            ).format(count=regular, low=low, high=high)
        ]

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
                self.advisory_size(),
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
        "advisory_guests": [vars(g).copy() for g in community.advisory_guests],
        "advisory_meetings": [
            {**vars(m), "day": m.day.isoformat(), "agenda": list(m.agenda)}
            for m in community.advisory_meetings
        ],
        "holiday_groups": list(community.holiday_groups),
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
        advisory_guests=[AdvisoryGuest(**g) for g in data.get("advisory_guests", [])],
        advisory_meetings=[
            AdvisoryMeeting(
                id=str(m["id"]),
                day=date.fromisoformat(m["day"]),
                agenda=[str(item) for item in m.get("agenda", [])],
                ad_hoc=bool(m.get("ad_hoc")),
                notes=str(m.get("notes", "")),
            )
            for m in data.get("advisory_meetings", [])
        ],
        holiday_groups=clean_groups(data.get("holiday_groups", DEFAULT_GROUPS)),
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
        advisory_guests=[AdvisoryGuest(**vars(g)) for g in community.advisory_guests],
        holiday_groups=list(community.holiday_groups),
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
        if dimension == "seniority":
            return member.seniority
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
