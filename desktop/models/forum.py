"""The design forum (פורום עיצוב, seed 001 l.747-800): roster, four sessions, ideas, votes,
the shared agenda and the professional teams. Pure domain logic; the forum is one JSON
document that storage commits after every change.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from desktop.i18n import _
from desktop.models.enums import Sector
from desktop.models.validation import ValidationError
from desktop.paths import DATA_DIR

FORMAT_VERSION = 1
LIVE_PARTS = ("participants", "sessions", "ideas", "clusters", "votes", "removed")
_LIVE_CACHE = "_live_json_cache"
_PARTICIPANT_INDEX = "_participant_index"  # (the list indexed, id -> (position, participant))
SESSIONS = 4
AGENDA_MIN, AGENDA_MAX = 1, 6  # focus areas of a shared agenda (the seed: 4-6)
TEAM_MIN, TEAM_MAX = 10, 15  # professional team members (seed l.764)
# The mix the seed asks for: every sector at the table, residents included.
DEFAULT_TARGET = {
    "local_authority": 10,
    "government": 5,
    "philanthropy": 4,
    "ngo": 8,
    "business": 5,
    "academia": 4,
    "residents": 10,
    "education_staff": 4,
}


def new_id() -> str:
    return uuid_module.uuid4().hex[:12]


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _json_value(value: Any) -> Any:
    """How json.dumps writes what it does not know: dataclasses by their fields, dates ISO."""
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        # The parts of a forum carry only their fields in __dict__ (no copy needed); the
        # forum itself also carries storage's notes, so it is written field by field.
        if type(value) is Forum:
            return {name: getattr(value, name) for name in _field_names(Forum)}
        return value.__dict__
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


@dataclass
class Participant:
    id: str
    name: str
    organisation: str = ""
    sector: str = ""
    role: str = ""
    person_uuid: str | None = None
    invitation: str = "invited"  # invited / confirmed / declined
    attended: list[int] = field(default_factory=list)  # session numbers checked in


@dataclass
class Block:
    title: str
    minutes: int
    method: str = ""
    notes: str = ""  # for the facilitator only
    materials: str = ""


@dataclass
class Session:
    number: int
    title: str
    goals: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    held_on: date | None = None
    starts_at: str = "17:00"  # HH:MM
    length_minutes: int = 180
    place: str = ""
    blocks: list[Block] = field(default_factory=list)
    decisions: str = ""
    vote_allowance: int = 3  # dots per participant
    vote_closed: bool = False


@dataclass
class Idea:
    id: str
    session: int
    block: int  # index of the block it was typed in
    text: str
    table: str = ""
    author: str = ""  # participant id
    cluster: str | None = None  # cluster id
    created_at: str = ""


@dataclass
class Cluster:
    id: str
    session: int
    name: str


@dataclass
class Votes:
    """Dot votes of one session: per participant (id -> cluster -> dots) or per table totals."""

    by_participant: dict[str, dict[str, int]] = field(default_factory=dict)
    by_table: dict[str, dict[str, int]] = field(default_factory=dict)
    rankings: dict[str, list[str]] = field(default_factory=dict)  # participant -> clusters, best first


@dataclass
class FocusArea:
    id: str
    title: str
    challenge: str = ""
    golden_data: str = ""  # the indicators to follow
    long_term_goal: str = ""
    clusters: list[str] = field(default_factory=list)  # where it came from
    team: list[str] = field(default_factory=list)  # participant ids
    lead: str | None = None  # participant id, from the authority


@dataclass
class Forum:
    title: str
    theme: str = ""
    place_of: str = ""  # the town or regional cluster
    participants: list[Participant] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    votes: dict[int, Votes] = field(default_factory=dict)  # session -> votes
    agenda: list[FocusArea] = field(default_factory=list)
    target_mix: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_TARGET))
    log: list[str] = field(default_factory=list)  # the live changes, in order
    # Ids of ideas, clusters and participants deleted, so that merging another laptop's copy
    # (which still holds them) does not bring them back.
    removed: list[str] = field(default_factory=list)

    # --- participants -------------------------------------------------------------------------

    def participant(self, participant_id: str) -> Participant:
        """The participant with this id (StopIteration when there is none), by an index kept
        beside the list: rebuilt when the list was replaced, or when the participant found
        is no longer at its place in the list or no longer has this id."""
        participants = self.participants
        cached = self.__dict__.get(_PARTICIPANT_INDEX)
        if cached is None or cached[0] is not participants:
            cached = self._index_participants()
        found = cached[1].get(participant_id)
        if found is not None:
            position, participant = found
            if (
                position < len(participants)
                and participants[position] is participant
                and participant.id == participant_id
            ):
                return participant
        found = self._index_participants()[1].get(participant_id)  # changed since: again
        if found is None:
            raise StopIteration(participant_id)
        return found[1]

    def _index_participants(self) -> tuple[list[Participant], dict[str, tuple[int, Participant]]]:
        index: dict[str, tuple[int, Participant]] = {}
        for position, participant in enumerate(self.participants):
            index.setdefault(participant.id, (position, participant))  # the first, as next() did
        cached = (self.participants, index)
        self.__dict__[_PARTICIPANT_INDEX] = cached
        return cached

    def add_participant(
        self,
        name: str,
        organisation: str = "",
        sector: str = "",
        role: str = "",
        person_uuid: str | None = None,
    ) -> Participant:
        cleaned = " ".join(name.split())
        if not cleaned:
            raise ValidationError("participant.name", _("Write the participant's name."))
        for existing in self.participants:
            same_person = person_uuid is not None and existing.person_uuid == person_uuid
            if same_person or existing.name.casefold() == cleaned.casefold():
                raise ValidationError(
                    "participant.name", _("{name} is already on the list.").format(name=cleaned)
                )
        participant = Participant(new_id(), cleaned, organisation.strip(), sector, role.strip(), person_uuid)
        self.participants.append(participant)
        return participant

    def find_participants(self, typed: str) -> list[Participant]:
        """Participants whose name contains every typed fragment (check-in by a few letters)."""
        fragments = typed.casefold().split()
        return [p for p in self.participants if all(fragment in p.name.casefold() for fragment in fragments)]

    def check_in(self, participant_id: str, session: int) -> None:
        participant = self.participant(participant_id)
        if session not in participant.attended:
            participant.attended.append(session)
            participant.attended.sort()
            self._log(
                _("{name} checked in to session {session}.").format(name=participant.name, session=session)
            )

    def undo_check_in(self, participant_id: str, session: int) -> None:
        """Take back a check-in made by mistake; noted in the change log."""
        participant = self.participant(participant_id)
        if session in participant.attended:
            participant.attended.remove(session)
            self._log(
                _("Check-in of {name} to session {session} undone.").format(
                    name=participant.name, session=session
                )
            )

    def delete_idea(self, idea_id: str) -> None:
        """Remove an idea (typed twice, or by mistake); noted in the change log."""
        idea = self.idea(idea_id)
        self.ideas.remove(idea)
        self.removed.append(idea.id)
        self._log(_("Idea “{text}” deleted.").format(text=idea.text))

    def edit_idea(self, idea_id: str, text: str) -> None:
        """Correct an idea's words; noted in the change log."""
        cleaned = " ".join(text.split())
        if not cleaned:
            raise ValidationError("idea.text", _("An idea needs some words."))
        idea = self.idea(idea_id)
        if cleaned != idea.text:
            self._log(_("Idea “{old}” changed to “{new}”.").format(old=idea.text, new=cleaned))
            idea.text = cleaned

    def attendance(self, session: int) -> list[Participant]:
        return [p for p in self.participants if session in p.attended]

    # --- ideas and clusters -----------------------------------------------------------------

    def add_idea(self, session: int, block: int, text: str, table: str = "", author: str = "") -> Idea:
        cleaned = " ".join(text.split())
        if not cleaned:
            raise ValidationError("idea.text", _("An idea needs some words."))
        idea = Idea(
            new_id(),
            session,
            block,
            cleaned,
            table.strip(),
            author,
            created_at=datetime.now().isoformat(timespec="seconds"),
        )
        self.ideas.append(idea)
        self._log(_("Idea “{text}” added.").format(text=cleaned))
        return idea

    def session_ideas(self, session: int) -> list[Idea]:
        return [idea for idea in self.ideas if idea.session == session]

    def idea(self, idea_id: str) -> Idea:
        return next(i for i in self.ideas if i.id == idea_id)

    def new_cluster(self, session: int, name: str) -> Cluster:
        cleaned = " ".join(name.split())
        if not cleaned:
            raise ValidationError("cluster.name", _("Give the cluster a name."))
        existing = next(
            (c for c in self.clusters if c.session == session and c.name.casefold() == cleaned.casefold()),
            None,
        )
        if existing is not None:
            return existing
        cluster = Cluster(new_id(), session, cleaned)
        self.clusters.append(cluster)
        self._log(_("Cluster “{name}” created.").format(name=cleaned))
        return cluster

    def cluster(self, cluster_id: str) -> Cluster:
        return next(c for c in self.clusters if c.id == cluster_id)

    def assign(self, idea_ids: Iterable[str], cluster_id: str | None) -> None:
        for idea_id in idea_ids:
            self.idea(idea_id).cluster = cluster_id
        if cluster_id is not None:
            self._log(_("Ideas moved into “{name}”.").format(name=self.cluster(cluster_id).name))

    def merge_clusters(self, keep_id: str, merged_id: str) -> None:
        keep, merged = self.cluster(keep_id), self.cluster(merged_id)
        for idea in self.ideas:
            if idea.cluster == merged_id:
                idea.cluster = keep_id
        for votes in self.votes.values():
            for table in (*votes.by_participant.values(), *votes.by_table.values()):
                if merged_id in table:
                    table[keep_id] = table.get(keep_id, 0) + table.pop(merged_id)
            for order in votes.rankings.values():
                if merged_id in order:
                    order[:] = list(dict.fromkeys(keep_id if c == merged_id else c for c in order))
        for area in self.agenda:
            area.clusters = list(dict.fromkeys(keep_id if c == merged_id else c for c in area.clusters))
        self.clusters.remove(merged)
        self.removed.append(merged.id)
        self._log(_("“{merged}” merged into “{kept}”.").format(merged=merged.name, kept=keep.name))

    def split_cluster(self, cluster_id: str, idea_ids: Iterable[str], name: str) -> Cluster:
        source = self.cluster(cluster_id)
        target = self.new_cluster(source.session, name)
        for idea_id in idea_ids:
            self.idea(idea_id).cluster = target.id
        self._log(
            _("Ideas split from “{source}” into “{target}”.").format(source=source.name, target=target.name)
        )
        return target

    def cluster_ideas(self, cluster_id: str) -> list[Idea]:
        return [idea for idea in self.ideas if idea.cluster == cluster_id]

    def _log(self, entry: str) -> None:
        self.log.append(f"{datetime.now().isoformat(timespec='minutes')} {entry}")

    def note(self, entry: str) -> None:
        """Add a line to the change log (an undo, the end of a session)."""
        self._log(entry)

    # --- votes ----------------------------------------------------------------------------------

    def session_votes(self, session: int) -> Votes:
        return self.votes.setdefault(session, Votes())

    def vote_by_participant(self, session: int, participant_id: str, dots: Mapping[str, int]) -> None:
        allowance = self.session(session).vote_allowance
        cleaned = {cluster: count for cluster, count in dots.items() if count}
        if any(count < 0 for count in cleaned.values()):
            raise ValidationError("votes", _("Votes cannot be negative."))
        if sum(cleaned.values()) > allowance:
            raise ValidationError(
                "votes",
                _("{name} has {allowance} votes; {given} were entered.").format(
                    name=self.participant(participant_id).name,
                    allowance=allowance,
                    given=sum(cleaned.values()),
                ),
            )
        self.session_votes(session).by_participant[participant_id] = cleaned
        self._log(_("Votes of {name} recorded.").format(name=self.participant(participant_id).name))

    def vote_by_table(self, session: int, table: str, dots: Mapping[str, int], people_at_table: int) -> None:
        allowance = self.session(session).vote_allowance * people_at_table
        cleaned = {cluster: count for cluster, count in dots.items() if count}
        if any(count < 0 for count in cleaned.values()):
            raise ValidationError("votes", _("Votes cannot be negative."))
        if sum(cleaned.values()) > allowance:
            raise ValidationError(
                "votes",
                _("Table {table} has {allowance} votes ({people} people); {given} were entered.").format(
                    table=table, allowance=allowance, people=people_at_table, given=sum(cleaned.values())
                ),
            )
        self.session_votes(session).by_table[table] = cleaned
        self._log(_("Votes of table {table} recorded.").format(table=table))

    def tables(self, session: int) -> list[str]:
        """The tables of a session: those its ideas came from and those that voted."""
        named = {idea.table for idea in self.session_ideas(session) if idea.table}
        named |= set(self.session_votes(session).by_table)
        return sorted(named, key=lambda t: (not t.isdigit(), int(t) if t.isdigit() else 0, t))

    def tables_missing_votes(self, session: int) -> list[str]:
        entered = self.session_votes(session).by_table
        return [table for table in self.tables(session) if table not in entered]

    def set_vote_closed(self, session: int, closed: bool) -> None:
        data = self.session(session)
        if data.vote_closed != closed:
            data.vote_closed = closed
            self._log(
                (
                    _("Vote of session {session} closed.")
                    if closed
                    else _("Vote of session {session} reopened.")
                ).format(session=session)
            )

    def rank_clusters(self, session: int, participant_id: str, order: list[str]) -> None:
        """One participant's ranking of the session's clusters, best first."""
        known = {c.id for c in self.clusters if c.session == session}
        if len(set(order)) != len(order) or not set(order) <= known:
            raise ValidationError("ranking", _("Rank each cluster of the session once."))
        self.session_votes(session).rankings[participant_id] = list(order)
        self._log(_("Ranking of {name} recorded.").format(name=self.participant(participant_id).name))

    def session(self, number: int) -> Session:
        return next(s for s in self.sessions if s.number == number)

    # --- JSON -----------------------------------------------------------------------------------

    def to_json(self) -> str:
        # json's C encoder walks the ideas itself; `asdict` deep-copied every leaf first and
        # made each save of a 1,000-idea forum take 25 ms. Vote keys become strings as before.
        live = self.__dict__.get(_LIVE_CACHE)
        if live is None:
            data = _json_value(self)
            data["format"] = FORMAT_VERSION
            return json.dumps(data, ensure_ascii=False, default=_json_value)
        # The live parts were just encoded (see use_live_json): only the rest is.
        rest: dict[str, Any] = {
            name: getattr(self, name) for name in _field_names(Forum) if name not in LIVE_PARTS
        }
        rest["format"] = FORMAT_VERSION
        return json.dumps(rest, ensure_ascii=False, default=_json_value)[:-1] + ", " + str(live)[1:]

    def use_live_json(self, text: str | None) -> None:
        """Let to_json take the live parts from `text` (this forum's live_json, unchanged
        since) instead of encoding them again; None when they may change again."""
        self.__dict__[_LIVE_CACHE] = text

    def live_json(self) -> str:
        """The parts a live session changes (participants, sessions, ideas, clusters, votes,
        deletions) as JSON: the snapshot each undoable change keeps, without the log."""
        return json.dumps(
            {name: getattr(self, name) for name in LIVE_PARTS}, ensure_ascii=False, default=_json_value
        )

    def with_live_json(self, text: str) -> Forum:
        """A copy of this forum with its live parts as in `text` (from live_json)."""
        data = json.loads(self.to_json())
        data.update(json.loads(text))
        return Forum.from_json(json.dumps(data, ensure_ascii=False))

    @classmethod
    def from_json(cls, text: str) -> Forum:
        return cls.from_data(json.loads(text))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Forum:
        """The forum as from_json reads it from the text of `data` (which is only read)."""
        if int(data.get("format", FORMAT_VERSION)) > FORMAT_VERSION:
            raise ValueError("newer forum format")
        sessions = [
            Session(
                **{
                    **item,
                    "blocks": [Block(**block) for block in item.get("blocks", [])],
                    "held_on": date.fromisoformat(item["held_on"]) if item.get("held_on") else None,
                }
            )
            for item in data.get("sessions", [])
        ]
        return cls(
            title=data["title"],
            theme=data.get("theme", ""),
            place_of=data.get("place_of", ""),
            participants=[Participant(**p) for p in data.get("participants", [])],
            sessions=sessions,
            ideas=[Idea(**i) for i in data.get("ideas", [])],
            clusters=[Cluster(**c) for c in data.get("clusters", [])],
            votes={int(k): Votes(**v) for k, v in data.get("votes", {}).items()},
            agenda=[FocusArea(**a) for a in data.get("agenda", [])],
            target_mix=data.get("target_mix", dict(DEFAULT_TARGET)),
            log=data.get("log", []),
            removed=data.get("removed", []),
        )

    def replace_with(self, other: Forum) -> None:
        """Take `other`'s content in place (the windows hold this object)."""
        self.use_live_json(None)  # what was encoded is no longer this forum
        for name in _field_names(Forum):
            setattr(self, name, getattr(other, name))


# --- merging two copies of a forum -------------------------------------------------------------------

_MISSING = object()
_SET_LISTS = {"attended", "log", "removed"}  # lists merged as sets (order kept)


def _merge_lists_as_sets(base: Any, mine: list[Any], theirs: list[Any]) -> list[Any]:
    before = set(base) if isinstance(base, list) else set()
    mine_set, theirs_set = set(mine), set(theirs)
    kept = [x for x in mine if x in theirs_set or x not in before]
    return kept + [x for x in theirs if x not in mine_set and x not in before]


def _keyed(items: list[Any]) -> str | None:
    if items and all(isinstance(item, dict) for item in items):
        for key in ("id", "number"):
            if all(key in item for item in items):
                return key
    return None


def _merge_keyed(base: Any, mine: list[Any], theirs: list[Any], key: str) -> list[Any]:
    before = {item[key]: item for item in base} if isinstance(base, list) else {}
    merged_map = _merge_dicts(
        before, {item[key]: item for item in mine}, {item[key]: item for item in theirs}
    )
    order = [item[key] for item in mine] + [item[key] for item in theirs]
    return [merged_map[k] for k in dict.fromkeys(order) if k in merged_map]


def _merge_dicts(base: Any, mine: dict[Any, Any], theirs: dict[Any, Any]) -> dict[Any, Any]:
    before = base if isinstance(base, dict) else {}
    result: dict[Any, Any] = {}
    for key in dict.fromkeys([*mine, *theirs]):
        old = before.get(key, _MISSING)
        if key in mine and key in theirs:
            result[key] = _merge_value(old, mine[key], theirs[key], key)
        elif key in mine:  # kept unless they deleted it and it was not changed here
            if old is _MISSING or mine[key] != old:
                result[key] = mine[key]
        elif old is _MISSING or theirs[key] != old:
            result[key] = theirs[key]
    return result


def _merge_value(base: Any, mine: Any, theirs: Any, name: Any = None) -> Any:
    if mine == theirs:
        return mine
    if isinstance(mine, dict) and isinstance(theirs, dict):
        return _merge_dicts(base, mine, theirs)
    if isinstance(mine, list) and isinstance(theirs, list):
        if name in _SET_LISTS:
            return _merge_lists_as_sets(base, mine, theirs)
        key = _keyed(mine + theirs)
        if key is not None:
            return _merge_keyed(base, mine, theirs, key)
    return theirs if base is not _MISSING and mine == base else mine


def merge_forums(mine: Forum, theirs: Forum, base: Forum | None = None) -> Forum:
    """The two copies of a forum together: ideas, check-ins, clusters, votes and participants
    united by id. With `base` (the copy both started from) a deletion or change on either side
    wins over the untouched other side; without it nothing is dropped but what either side
    deleted (`removed`). Where both changed the same field, `mine` wins."""
    data = _merge_value(
        json.loads(base.to_json()) if base is not None else _MISSING,
        json.loads(mine.to_json()),
        json.loads(theirs.to_json()),
    )
    removed = set(data.get("removed", []))
    for name in ("ideas", "clusters", "participants"):
        data[name] = [item for item in data.get(name, []) if item["id"] not in removed]
    clusters = {c["id"] for c in data["clusters"]}
    for idea in data["ideas"]:
        if idea.get("cluster") and idea["cluster"] not in clusters:
            idea["cluster"] = None
    data["log"] = sorted(data.get("log", []), key=lambda entry: entry[:16])
    return Forum.from_json(json.dumps(data, ensure_ascii=False))


# --- templates ----------------------------------------------------------------------------------


@cache
def _builtin_templates() -> tuple[dict[str, Any], ...]:
    document = json.loads((DATA_DIR / "forum" / "templates.json").read_text(encoding="utf-8"))
    return tuple(document["templates"])


def _localised(values: Mapping[str, Any], language: str) -> Any:
    """The value in `language`, else in the language the template was written in."""
    return values.get(language) or next(iter(values.values()))


def template_names(language: str, own: Iterable[Mapping[str, Any]] = ()) -> list[tuple[str, str]]:
    return [(t["key"], str(_localised(t["name"], language))) for t in (*_builtin_templates(), *own)]


def sessions_from_template(key: str, language: str, own: Iterable[Mapping[str, Any]] = ()) -> list[Session]:
    """The four sessions of a template (the seed's, or a facilitator's own), in `language`."""
    template = next(t for t in (*_builtin_templates(), *own) if t["key"] == key)
    sessions = []
    for number, data in enumerate(template["sessions"], start=1):
        blocks = [Block(**block) for block in data["blocks"]] if data.get("blocks") else default_blocks()
        sessions.append(
            Session(
                number,
                str(_localised(data["title"], language)),
                list(_localised(data["goals"], language)),
                list(_localised(data["outputs"], language)),
                length_minutes=int(data.get("length_minutes", 180)),
                blocks=blocks,
            )
        )
    return sessions


def template_from_forum(forum: Forum, name: str, language: str) -> dict[str, Any]:
    """The forum's four sessions (goals, outputs, blocks) as a template of one's own."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError("template.name", _("Give the template a name."))
    return {
        "key": f"own.{new_id()}",
        "name": {language: cleaned},
        "sessions": [
            {
                "title": {language: s.title},
                "goals": {language: list(s.goals)},
                "outputs": {language: list(s.outputs)},
                "length_minutes": s.length_minutes,
                "blocks": [asdict(block) for block in s.blocks],
            }
            for s in forum.sessions
        ],
    }


def default_blocks() -> list[Block]:
    """The funnel every session follows: open up, then converge, then rank (seed l.776)."""
    return [
        Block(_("Opening and the goals of the session"), 20),
        Block(_("Opening up: ideas in groups"), 50, _("Groups at tables")),
        Block(_("Converging: clustering the ideas"), 40, _("Plenary")),
        Block(_("Prioritising: dot voting"), 30, _("Dot voting")),
        Block(_("Summary and next steps"), 20),
    ]


# --- the agenda of a session ------------------------------------------------------------------------


@dataclass(frozen=True)
class TimedBlock:
    block: Block
    starts: str  # HH:MM
    ends: str


def timed_blocks(session: Session) -> tuple[list[TimedBlock], list[str]]:
    """Start and end time of each block, and warnings (too long, bad lengths)."""
    try:
        hours, minutes = (int(part) for part in session.starts_at.split(":"))
        clock = datetime(2000, 1, 1, hours, minutes)
    except ValueError:
        return [], [_("The start time is written as hours:minutes, such as 17:30.")]
    timed, warnings = [], []
    for block in session.blocks:
        if block.minutes <= 0:
            warnings.append(_("“{block}” needs a length above zero minutes.").format(block=block.title))
        end = clock + timedelta(minutes=max(block.minutes, 0))
        timed.append(TimedBlock(block, clock.strftime("%H:%M"), end.strftime("%H:%M")))
        clock = end
    total = sum(max(block.minutes, 0) for block in session.blocks)
    if total > session.length_minutes:
        warnings.append(
            _("The blocks take {total} minutes, {extra} more than the session's {length}.").format(
                total=total, extra=total - session.length_minutes, length=session.length_minutes
            )
        )
    return timed, warnings


def validate_block(title: str, minutes: int) -> list[ValidationError]:
    errors = []
    if not title.strip():
        errors.append(ValidationError("block.title", _("Give the block a title.")))
    if minutes <= 0:
        errors.append(ValidationError("block.minutes", _("A block lasts at least one minute.")))
    return errors


# --- sector balance -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectorLine:
    sector: str
    count: int
    target: int

    @property
    def missing(self) -> bool:
        return self.target > 0 and self.count == 0

    @property
    def label(self) -> str:
        return Sector(self.sector).label if self.sector else _("No sector given")


def sector_balance(participants: Iterable[Participant], target: Mapping[str, int]) -> list[SectorLine]:
    counts = Counter(p.sector for p in participants)
    sectors = list(dict.fromkeys([*target, *(s for s in counts if s)]))
    lines = [SectorLine(s, counts.get(s, 0), target.get(s, 0)) for s in sectors]
    if counts.get(""):
        lines.append(SectorLine("", counts[""], 0))
    return lines


# --- tallies ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TallyLine:
    cluster: Cluster
    votes: int
    place: int
    tied: bool
    by_sector: Mapping[str, int]


def tally(forum: Forum, session: int) -> list[TallyLine]:
    """Dots per cluster (participants' and tables' together), highest first, ties marked."""
    votes = forum.session_votes(session)
    totals: Counter[str] = Counter()
    by_sector: dict[str, Counter[str]] = {}
    for participant_id, dots in votes.by_participant.items():
        sector = forum.participant(participant_id).sector
        for cluster_id, count in dots.items():
            totals[cluster_id] += count
            by_sector.setdefault(cluster_id, Counter())[sector] += count
    for dots in votes.by_table.values():
        for cluster_id, count in dots.items():
            totals[cluster_id] += count
    clusters = [c for c in forum.clusters if c.session == session]
    ordered = sorted(clusters, key=lambda c: (-totals.get(c.id, 0), c.name))
    lines: list[TallyLine] = []
    for index, cluster in enumerate(ordered):
        count = totals.get(cluster.id, 0)
        tied_before = bool(lines) and lines[-1].votes == count
        place = lines[-1].place if tied_before else index + 1
        lines.append(TallyLine(cluster, count, place, False, dict(by_sector.get(cluster.id, Counter()))))
    places = Counter(line.place for line in lines)
    return [
        TallyLine(line.cluster, line.votes, line.place, places[line.place] > 1, line.by_sector)
        for line in lines
    ]


def ranking_tally(forum: Forum, session: int) -> list[TallyLine]:
    """Clusters by their ranking points (Borda: first of n gets n points, last gets 1)."""
    clusters = [c for c in forum.clusters if c.session == session]
    points: Counter[str] = Counter()
    by_sector: dict[str, Counter[str]] = {}
    for participant_id, order in forum.session_votes(session).rankings.items():
        sector = forum.participant(participant_id).sector
        for position, cluster_id in enumerate(order):
            value = len(order) - position
            points[cluster_id] += value
            by_sector.setdefault(cluster_id, Counter())[sector] += value
    ordered = sorted(clusters, key=lambda c: (-points.get(c.id, 0), c.name))
    places: list[int] = []
    for index, cluster in enumerate(ordered):
        same = index and points.get(ordered[index - 1].id, 0) == points.get(cluster.id, 0)
        places.append(places[-1] if same else index + 1)
    counts = Counter(places)
    return [
        TallyLine(
            cluster,
            points.get(cluster.id, 0),
            place,
            counts[place] > 1,
            dict(by_sector.get(cluster.id, Counter())),
        )
        for cluster, place in zip(ordered, places, strict=True)
    ]


# --- shared agenda and teams ------------------------------------------------------------------------------


def validate_agenda(forum: Forum) -> tuple[list[ValidationError], list[str]]:
    """Errors (fewer than one focus area, untitled areas, bad teams) and warnings (more than six,
    team sizes off the seed's 10-15)."""
    errors, warnings = [], []
    if len(forum.agenda) < AGENDA_MIN:
        errors.append(ValidationError("agenda", _("A shared agenda needs at least one focus area.")))
    if len(forum.agenda) > AGENDA_MAX:
        warnings.append(
            _("The seed advises 4-6 focus areas; this agenda has {count}.").format(count=len(forum.agenda))
        )
    for index, area in enumerate(forum.agenda):
        if not area.title.strip():
            errors.append(
                ValidationError(
                    f"agenda.{index}.title", _("Give focus area {number} a title.").format(number=index + 1)
                )
            )
        if area.lead is not None and area.lead not in area.team:
            errors.append(
                ValidationError(
                    f"agenda.{index}.lead",
                    _("The lead of “{area}” must be a member of its team.").format(area=area.title),
                )
            )
        if area.team and not TEAM_MIN <= len(area.team) <= TEAM_MAX:
            warnings.append(
                _("The team of “{area}” has {count} members; the seed suggests {low}-{high}.").format(
                    area=area.title, count=len(area.team), low=TEAM_MIN, high=TEAM_MAX
                )
            )
    return errors, warnings
