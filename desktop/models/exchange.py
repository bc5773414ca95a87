"""Exchange files between laptops: the format, its checks, what records refer to, and merging.

An exchange file (`*.shutafut-exchange`) is a zip archive holding two members:

- `shutafut-exchange.json`, the header: format name and version, the schema revision and
  app version that wrote it, when, the scope, whether contact details were removed, and
  the SHA-256 and size of the payload;
- `payload.json`: every record of the chosen part, by type and UUID, with its fields
  (integer keys of the source workspace never travel: references are UUIDs).

Everything here is pure: no Qt and no database. Storage reads records in and out of the
workspace (`desktop.storage.exchange`) and decides with the functions below.

Merging uses, per record UUID, the set of content hashes this workspace has shared
(exported or imported). Incoming content equal to ours is unchanged; incoming content we
already had once is older than ours (we keep ours); when ours is a version we shared,
only they changed it (we take theirs); otherwise both sides changed it: a conflict that
the person settles.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import re
import uuid as uuid_module
import zipfile
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import IO, Any, Protocol

from desktop.i18n import N_, _, format_number
from desktop.models.validation import has_control_characters

EXTENSION = ".shutafut-exchange"
FORMAT_NAME = "shutafut-exchange"
FORMAT_VERSION = 1
HEADER_MEMBER = "shutafut-exchange.json"
PAYLOAD_MEMBER = "payload.json"
MAX_HEADER_BYTES = 64 * 1024
MAX_FILE_BYTES = 32 * 1024 * 1024  # the file as stored on disk
MAX_PAYLOAD_BYTES = 128 * 1024 * 1024  # the records once unpacked (refused while unpacking); a
# foundation's whole workspace (bench/make_large_workspace.py) unpacks to 40 MB
MAX_RECORDS = 50_000  # bench/bench_files.py: previewing this many takes seconds and ~150 MB
_CHUNK = 1024 * 1024

# Record types, in the order they are written (a record comes after those it refers to).
ORGANISATION = "organisation"
PERSON = "person"
AUTHORITY = "authority"
CLUSTER = "regional_cluster"
SELECTION = "selection_process"
AGREEMENT = "agreement"
FORUM = "design_forum"
FLAGS = "cluster_flags"
COMMUNITY = "learning_community"
CLUSTER_PROFILE = "cluster_profile"  # issue 20: a cluster's profile and guidance needs
COLLECTIVE_PLAN = "collective_plan"
PORTFOLIO = "investment_portfolio"
COMPASS = "outcomes_compass"
TYPE_ORDER: tuple[str, ...] = (
    ORGANISATION,
    PERSON,
    AUTHORITY,
    CLUSTER,
    SELECTION,
    AGREEMENT,
    FORUM,
    FLAGS,
    COMMUNITY,
    CLUSTER_PROFILE,
    COLLECTIVE_PLAN,
    PORTFOLIO,
    COMPASS,
)
# The town instruments (collective plan…): each names its town in `town_uuid`.
TOWN_INSTRUMENTS: tuple[str, ...] = (COLLECTIVE_PLAN, PORTFOLIO, COMPASS)
TYPE_LABELS: dict[str, str] = {
    ORGANISATION: N_("Organisation"),
    PERSON: N_("Person"),
    AUTHORITY: N_("Local authority"),
    CLUSTER: N_("Regional cluster"),
    SELECTION: N_("Town selection process"),
    AGREEMENT: N_("Agreement (MOU)"),
    FORUM: N_("Design forum"),
    FLAGS: N_("Cluster flags work"),
    COMMUNITY: N_("Learning community"),
    CLUSTER_PROFILE: N_("Cluster profile"),
    COLLECTIVE_PLAN: N_("Collective plan"),
    PORTFOLIO: N_("Investment portfolio"),
    COMPASS: N_("Infrastructure-outcomes compass"),
}
# The field holding a record's name, shown in previews and conflicts.
TITLE_FIELDS: dict[str, str] = {
    ORGANISATION: "name",
    PERSON: "full_name",
    AUTHORITY: "name_he",
    CLUSTER: "name",
    SELECTION: "title",
    AGREEMENT: "title",
    FORUM: "title",
    FLAGS: "cluster_uuid",
    COMMUNITY: "name",
    CLUSTER_PROFILE: "cluster_uuid",
    COLLECTIVE_PLAN: "goal",
    PORTFOLIO: "title",
    COMPASS: "title",
}
PERSON_CONTACT_FIELDS: tuple[str, ...] = ("phone", "email", "notes")
# Keys that hold contact details wherever they appear in a document.
CONTACT_KEYS = frozenset({"phone", "email", "mobile", "telephone", "fax"})
# Keys holding notes: about a person when the object they are in refers to a person.
NOTE_KEYS = frozenset({"notes", "note"})
PERSON_KEYS = ("person", "person_uuid")


class Scope(StrEnum):
    EVERYTHING = "everything"
    CLUSTER = "cluster"
    TOWN = "town"
    FORUM = "forum"
    COMMUNITY = "community"

    @property
    def label(self) -> str:
        return _(_SCOPE_LABELS[self])


_SCOPE_LABELS = {
    Scope.EVERYTHING: N_("Everything in the workspace"),
    Scope.CLUSTER: N_("One regional cluster"),
    Scope.TOWN: N_("One town's journey"),
    Scope.FORUM: N_("One design forum"),
    Scope.COMMUNITY: N_("One learning community"),
}


class FieldKind(StrEnum):
    """How a field travels in JSON, to check files before anything is written."""

    TEXT = "text"
    INTEGER = "integer"
    BOOL = "bool"
    DATE = "date"  # ISO date
    DOCUMENT = "document"  # a JSON object
    REFERENCE = "reference"  # a UUID of another record, or null
    REFERENCES = "references"  # a list of UUIDs


class ExchangeRefused(Exception):
    """A file that is not imported; str() is a translated message for the person."""


# --- records -------------------------------------------------------------------------------------


@dataclass
class ExchangeRecord:
    type: str
    uuid: str
    fields: dict[str, Any]
    created_at: str = ""
    updated_at: str = ""
    contacts_removed: bool = False

    @property
    def title(self) -> str:
        return record_title(self.type, self.fields)

    def to_data(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "uuid": self.uuid,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "contacts_removed": self.contacts_removed,
            "fields": self.fields,
        }


@dataclass
class Header:
    schema: str
    app_version: str
    created_at: str
    scope: str
    scope_uuid: str = ""
    scope_label: str = ""
    contacts_removed: bool = False
    records: int = 0
    payload_sha256: str = ""
    payload_bytes: int = 0
    format_version: int = FORMAT_VERSION

    def to_data(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "schema": self.schema,
            "app_version": self.app_version,
            "created_at": self.created_at,
            "scope": self.scope,
            "scope_uuid": self.scope_uuid,
            "scope_label": self.scope_label,
            "contacts_removed": self.contacts_removed,
            "records": self.records,
            "payload_sha256": self.payload_sha256,
            "payload_bytes": self.payload_bytes,
        }


class PendingDigests(Protocol):
    """The digests of a file's records being computed elsewhere (another process):
    `payload_digests` of its payload."""

    def result(self) -> Mapping[str, Sequence[str]] | None:
        """The digests by record UUID, in the payload's order; None when they could not be
        computed (then they are computed here)."""
        ...

    def discard(self) -> None: ...


# Given a checked payload and the record types whose fields hold no object or list: where
# its digests are being computed, or None to compute them here.
DigestsElsewhere = Callable[[bytes, frozenset[str]], "PendingDigests | None"]


@dataclass
class ExchangeFile:
    header: Header
    records: list[ExchangeRecord]
    # UUIDs that records refer to but that did not exist in the source workspace either
    # (a person deleted after being named in a forum): known gaps, not damage.
    absent: list[str] = field(default_factory=list)
    # Whether the file's text may hold a control character, a lone surrogate or an integer
    # too large to store, in any string or number (_may_hold_odd_values): when it cannot,
    # the checks that look for them in every value are skipped.
    odd_values: bool = True
    # By record UUID, the hashes of its fields as the file holds them (FileHashes; read
    # through `hashes`, which waits for those computed elsewhere).
    file_hashes: dict[str, FileHashes] = field(default_factory=dict)
    # By record UUID, its document (`state`) and the text it has in the file: the text that
    # very document was parsed from, alone (_record_with_document).
    documents: dict[str, tuple[object, str]] = field(default_factory=dict)
    # The UUIDs of the records whose fields the file holds as canonical JSON: those that
    # have their hashes in `hashes`.
    laid_out: set[str] = field(default_factory=set)
    pending: _PendingHashes | None = field(default=None, repr=False, compare=False)

    @property
    def hashes(self) -> dict[str, FileHashes]:
        """`file_hashes`, once those computed elsewhere are in."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            self.file_hashes.update(pending.resolve())
        return self.file_hashes

    def full_hash(self, uuid: str, fields: Mapping[str, Any]) -> str | None:
        """`hashes[uuid].full` for that very `fields` object (FileHashes.of), without waiting
        for those computed elsewhere."""
        if self.pending is not None:
            return self.pending.full_hash(uuid, fields)
        found = self.file_hashes.get(uuid)
        return found.full if found is not None and found.fields is fields else None

    def discard_pending(self) -> None:
        """Stop what is computed elsewhere and not asked for (the file is refused, the check
        cancelled, or the plan is ready)."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            if pending.digests is not None:
                pending.digests.discard()


@dataclass(frozen=True)
class FileHashes:
    """What `shared_hashes` gives for a record's fields, taken from the text the file holds
    them in rather than by writing them as canonical JSON again (a file is written so).
    Only for that very object (`fields`), as it was read: a record whose fields were
    replaced or renamed is hashed anew."""

    fields: Mapping[str, Any]
    full: str
    without_contacts: str

    def of(self, fields: Mapping[str, Any]) -> set[str] | None:
        return {self.full, self.without_contacts} if fields is self.fields else None


def record_title(record_type: str, fields: Mapping[str, Any]) -> str:
    return str(fields.get(TITLE_FIELDS.get(record_type, ""), "") or "")


# (one encoder for every record: json.dumps with options builds a new one per call)
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical(data: Any) -> bytes:
    return _CANONICAL.encode(data).encode()


# The form every UUID the app makes is written in: accepted without building a UUID object
# (any other text of 36 characters is still checked by uuid.UUID, which accepts more forms).
_CANONICAL_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def is_uuid(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    if _CANONICAL_UUID.fullmatch(value) is not None:
        return True
    try:
        uuid_module.UUID(value)
    except ValueError:
        return False
    return True


# --- privacy -------------------------------------------------------------------------------------


def _refers_to(item: Mapping[str, Any]) -> str | None:
    for key in PERSON_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _scrub_document(data: Any, hidden: frozenset[str] | None) -> Any:
    """`data` without contact details: everywhere (hidden is None), or only in the objects
    that refer to the people in `hidden`. Parts with nothing to remove are returned as they
    are (the same objects, not copies): one pass over the document, allocating only along
    the paths that change."""
    if isinstance(data, list):
        changed = False
        items = []
        for item in data:
            if isinstance(item, dict | list):
                scrubbed = _scrub_document(item, hidden)
                changed = changed or scrubbed is not item
                items.append(scrubbed)
            else:
                items.append(item)
        return items if changed else data
    if not isinstance(data, dict):
        return data
    person = _refers_to(data)
    about_hidden = person is not None and (hidden is None or person in hidden)
    contacts_go = hidden is None or about_hidden
    result: dict[str, Any] | None = None
    for key, value in data.items():
        if isinstance(value, str):
            if value and ((contacts_go and key in CONTACT_KEYS) or (about_hidden and key in NOTE_KEYS)):
                new: Any = ""
            else:
                continue
        elif isinstance(value, dict | list):
            new = _scrub_document(value, hidden)
            if new is value:
                continue
        else:
            continue
        if result is None:
            result = dict(data)
        result[key] = new
    return data if result is None else result


# In canonical JSON, a key that refers to a person and its text (quotes inside a text are
# escaped, so this is never found inside one).
_PERSON_REFERENCE = re.compile(rb'"(?:%s)":"((?:[^"\\]|\\.)*)"' % b"|".join(k.encode() for k in PERSON_KEYS))


def mentioned(people: Iterable[str]) -> frozenset[bytes]:
    """The people (UUIDs) as their text is written in canonical JSON, for `mentions`."""
    return frozenset(canonical(uuid)[1:-1] for uuid in people)


def mentions(encoded: bytes, people: frozenset[bytes]) -> bool:
    """Whether canonical JSON `encoded` holds an object that refers to one of `people`
    (`mentioned`) under a key of PERSON_KEYS. When it does not, without_contacts(type,
    fields, hidden) for those people changes nothing (only such objects lose details)."""
    return bool(people) and any(match[1] in people for match in _PERSON_REFERENCE.finditer(encoded))


def without_contacts(
    record_type: str, fields: Mapping[str, Any], hidden: frozenset[str] | None = None
) -> dict[str, Any]:
    """The fields without contact details of people (all people, or those in `hidden`).

    A person's own phone, email and notes go (when removing all); in documents, phones and
    emails wherever they are, and notes kept about a person. A new dict, whose values are
    those of `fields` where nothing was removed from them (shared, not copied).
    """
    result = dict(fields)
    if hidden is not None and not hidden:
        return result  # nobody's details are withheld
    if record_type == PERSON and hidden is None:
        for name in PERSON_CONTACT_FIELDS:
            if name in result and result[name]:
                result[name] = ""
    for name, value in fields.items():
        if isinstance(value, dict | list):
            result[name] = _scrub_document(value, hidden)
    return result


def _identity(item: Any) -> Any:
    if isinstance(item, dict):
        for key in ("id", *PERSON_KEYS):
            if isinstance(item.get(key), str) and item[key]:
                return (key, item[key])
    return None


def _restore_document(mine: Any, theirs: Any) -> Any:
    """`theirs` with the contact details it lacks taken from `mine` (matched by id or person).
    Parts where nothing is restored are returned as they are (the same objects)."""
    if isinstance(mine, dict) and isinstance(theirs, dict):
        about_person = _refers_to(theirs) is not None
        result: dict[str, Any] | None = None
        for key, value in theirs.items():
            if key not in mine:
                continue
            mine_value = mine[key]
            restorable = key in CONTACT_KEYS or (key in NOTE_KEYS and about_person)
            if restorable and not value and isinstance(mine_value, str) and mine_value:
                new: Any = mine_value
            elif isinstance(value, dict | list) and value is not mine_value:
                new = _restore_document(mine_value, value)
                if new is value:
                    continue
            else:
                continue
            if result is None:
                result = dict(theirs)
            result[key] = new
        return theirs if result is None else result
    if isinstance(mine, list) and isinstance(theirs, list):
        by_identity = {}
        for item in mine:
            identity = _identity(item)
            if identity is not None:
                by_identity[identity] = item
        same_length = len(mine) == len(theirs)
        changed = False
        restored = []
        for index, item in enumerate(theirs):
            if not isinstance(item, dict | list):
                restored.append(item)
                continue
            key = _identity(item)
            counterpart = by_identity.get(key) if key is not None else mine[index] if same_length else None
            new = item if counterpart is None or counterpart is item else _restore_document(counterpart, item)
            changed = changed or new is not item
            restored.append(new)
        return restored if changed else theirs
    return theirs


def restore_contacts(record_type: str, mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """Incoming fields that came without contact details, keeping the ones we hold.

    A file exported without contact details says nothing about them: importing it must
    not erase what this workspace knows. A new dict; its values are those of `theirs` where
    nothing was restored (shared, not copied).
    """
    result = dict(theirs)
    if record_type == PERSON:
        for name in PERSON_CONTACT_FIELDS:
            if not result.get(name) and mine.get(name):
                result[name] = mine[name]
    for name, value in theirs.items():
        if isinstance(value, dict | list) and name in mine and value != mine[name]:
            # (equal documents hold the same details: nothing to restore)
            result[name] = _restore_document(mine[name], value)
    return result


# --- what records refer to -----------------------------------------------------------------------


def _uuids(values: Iterable[Any]) -> set[str]:
    return {value for value in values if is_uuid(value)}


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _sequence(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _draft_references(draft: Mapping[str, Any]) -> set[str]:
    parties = _mapping(draft.get("parties"))
    found = _uuids(
        [
            parties.get("authority_uuid"),
            parties.get("organisation_uuid"),
            *_sequence(parties.get("partner_uuids")),
        ]
    )
    found |= _uuids(_mapping(s).get("person_uuid") for s in _sequence(draft.get("signatories")))
    return found


def _selection_references(state: Mapping[str, Any]) -> set[str]:
    found = _uuids(m[0] for m in _sequence(state.get("team")) if isinstance(m, list) and m)
    for key in ("added", "removed", "kept", "conditions"):
        found |= _uuids(_mapping(state.get(key)))
    found |= _uuids(_sequence(state.get("chosen")))
    for authority, by_member in _mapping(state.get("scores")).items():
        found |= _uuids([authority, *_mapping(by_member)])  # members are people (or the team)
    return found


def _agreement_references(fields: Mapping[str, Any]) -> set[str]:
    state = _mapping(fields.get("state"))
    found = _uuids([fields.get("authority_uuid"), state.get("selection")])
    found |= _draft_references(_mapping(state.get("draft")))
    for stage in _sequence(state.get("stages")):
        found |= _uuids(
            p[1] for p in _sequence(_mapping(stage).get("participants")) if isinstance(p, list) and len(p) > 1
        )
    for version in _sequence(state.get("versions")):
        found |= _draft_references(_mapping(_mapping(version).get("draft")))
    return found


def _community_references(state: Mapping[str, Any]) -> set[str]:
    """From the learning community document: members, leader, partner, ratings, meetings,
    teams and the agreed mix by authority (missing keys are fine). Topic ids look like UUIDs
    but are not records: they are never taken."""
    found: set[str] = set()
    for member in _sequence(state.get("members")):
        member = _mapping(member)
        found |= _uuids([member.get("person"), member.get("authority")])
    found |= _uuids([state.get("leader"), state.get("partner")])
    ratings = state.get("ratings")
    if isinstance(ratings, Mapping):  # person -> topic -> level
        found |= _uuids(ratings)
    else:  # [{"person": ..., ...}]
        found |= _uuids(_mapping(r).get("person") for r in _sequence(ratings))
    found |= _uuids(_mapping(m).get("host") for m in _sequence(state.get("meetings")))
    for team in _sequence(state.get("teams")):
        team = _mapping(team)
        found |= _uuids(_sequence(team.get("members")))
        found |= _uuids(_mapping(team.get("roles")).values())  # role -> person
    found |= _uuids(_mapping(_mapping(state.get("agreed_mix")).get("authority")))
    return found


def references(record_type: str, fields: Mapping[str, Any]) -> set[str]:
    """The UUIDs of the other records this record refers to."""
    state = _mapping(fields.get("state"))
    if record_type == PERSON:
        return _uuids([fields.get("organisation")])
    if record_type == CLUSTER:
        return _uuids(_sequence(fields.get("members")))
    if record_type == SELECTION:
        return _selection_references(state)
    if record_type == AGREEMENT:
        return _agreement_references(fields)
    if record_type == FORUM:
        return _uuids(_mapping(p).get("person_uuid") for p in _sequence(state.get("participants")))
    if record_type == FLAGS:
        found = _uuids([fields.get("cluster_uuid")])
        for item in _sequence(state.get("items")):
            found |= _uuids(_sequence(_mapping(item).get("authorities")))
        return found
    if record_type == COMMUNITY:
        return _community_references(state)
    if record_type == CLUSTER_PROFILE:
        return _cluster_profile_references(fields, state)
    if record_type in TOWN_INSTRUMENTS:  # the town, the forum a plan was started from, and
        # the funders' organisations and the plans a portfolio's investments serve
        found = _uuids([fields.get("town_uuid"), state.get("forum")])
        for investment in _sequence(state.get("investments")):
            found |= _uuids([_mapping(investment).get("organisation"), _mapping(investment).get("plan")])
        return found
    return set()


def _cluster_profile_references(fields: Mapping[str, Any], state: Mapping[str, Any]) -> set[str]:
    """The cluster, the initiating authority, the chair and CEO, the members of every dated
    list (those of the national data only are not records) and the organisations providing."""
    found = _uuids([fields.get("cluster_uuid"), state.get("initiator"), state.get("chair"), state.get("ceo")])
    for membership in _sequence(state.get("memberships")):
        found |= _uuids(_sequence(_mapping(membership).get("members")))
    for choice in _mapping(state.get("needs")).values():
        provider = str(_mapping(choice).get("provider", ""))
        found |= _uuids([provider.removeprefix("org:")])
    return found


# --- merging ---------------------------------------------------------------------------------------


class Decision(StrEnum):
    ADD = "add"  # not here yet
    UPDATE = "update"  # only they changed it since it was last shared
    UNCHANGED = "unchanged"  # the same here
    NEWER_HERE = "newer_here"  # theirs is a version we had before: ours is newer
    CONFLICT = "conflict"  # both changed it: the person chooses


def _digest(record_type: str, form: bytes, content: bytes) -> str:
    """SHA-256 of the type, the form and the content, each after a NUL (fed in parts: the
    content is not copied)."""
    digest = hashlib.sha256(b"%s\0%s\0" % (record_type.encode(), form))
    digest.update(content)
    return digest.hexdigest()


def content_hash(record_type: str, fields: Mapping[str, Any], *, contacts_removed: bool = False) -> str:
    """SHA-256 of a record's content (in the form compared when contacts were removed)."""
    # The two forms are told apart, so a copy that really blanked a phone is not mistaken
    # for one exported without contact details.
    if contacts_removed:
        return _digest(record_type, b"without-contacts", canonical(without_contacts(record_type, fields)))
    return _digest(record_type, b"full", canonical(fields))


# How a key that may hold contact details appears in canonical JSON: text without any of
# these has nothing for without_contacts to remove.
_CONTACT_KEY_BYTES = tuple(
    json.dumps(key, ensure_ascii=False).encode() + b":" for key in sorted(CONTACT_KEYS | NOTE_KEYS)
)


_NOTE_KEY_BYTES = tuple(json.dumps(key, ensure_ascii=False).encode() + b":" for key in sorted(NOTE_KEYS))
_CONTACT_ONLY_KEY_BYTES = tuple(key for key in _CONTACT_KEY_BYTES if key not in _NOTE_KEY_BYTES)
# An object refers to a person by a non-empty text under one of PERSON_KEYS.
_PERSON_REFERENCE_BYTES = tuple(json.dumps(key).encode() + b':"' for key in PERSON_KEYS)


def _may_hold_contacts(record_type: str, text: bytes) -> bool:
    """Whether without_contacts could change the record whose canonical JSON is `text`:
    false when no key of contact details appears, or only notes and nothing refers to a person."""
    if record_type == PERSON or any(key in text for key in _CONTACT_ONLY_KEY_BYTES):
        return True
    return any(key in text for key in _NOTE_KEY_BYTES) and any(key in text for key in _PERSON_REFERENCE_BYTES)


def shared_hashes(
    record_type: str, fields: Mapping[str, Any], *, encoded: bytes | None = None, scalar: bool = False
) -> set[str]:
    """The hashes to remember when a record is shared: with and without contact details.

    (The same as content_hash in both forms; the record is written as canonical JSON once,
    or not at all when the caller gives it as `encoded`, and again without contact details
    only when it holds some. `scalar`: the caller knows no field holds an object or a list.)"""
    full = canonical(fields) if encoded is None else encoded
    removed = _without_contacts_text(record_type, fields, full, scalar=scalar)
    return {_digest(record_type, b"full", full), _digest(record_type, b"without-contacts", removed)}


# A person's own contact details in the canonical JSON of a person, whose fields hold no
# object or list: each such key there is one of the person's (in text, a quote is escaped).
# (one pattern a key, replaced by a constant: a template would be expanded at every match)
_PERSON_CONTACT_TEXT = tuple(
    (
        name,
        re.compile(rb'"%s":"(?:[^"\\]|\\.)*"' % re.escape(name.encode()), re.DOTALL),
        b'"%s":""' % name.encode(),
    )
    for name in PERSON_CONTACT_FIELDS
)


def _without_contacts_text(
    record_type: str, fields: Mapping[str, Any], full: bytes, *, scalar: bool = False
) -> bytes:
    """canonical(without_contacts(record_type, fields)), given `full`, canonical(fields).
    (`scalar`: the caller knows that no field holds an object or a list.)"""
    if record_type == PERSON and (
        scalar or not any(isinstance(value, dict | list) for value in fields.values())
    ):
        # (the same, without a second encoding; a key not there, or not holding a text, is
        # not matched, and an empty text is replaced by itself: `fields` need not be read)
        for _name, pattern, empty in _PERSON_CONTACT_TEXT:
            full = pattern.sub(empty, full)
        return full
    if _may_hold_contacts(record_type, full):
        scrubbed = without_contacts(record_type, fields)
        if any(scrubbed[name] is not value for name, value in fields.items()):
            return canonical(scrubbed)
    return full


def record_digests(
    record_type: str, fields: Mapping[str, Any], encoded: bytes, *, scalar: bool
) -> tuple[str, str]:
    """The digests of a record's fields, with and without contact details, given `encoded`,
    canonical(fields). (`scalar`: no field holds an object or a list.)"""
    removed = _without_contacts_text(record_type, fields, encoded, scalar=scalar)
    return _digest(record_type, b"full", encoded), _digest(record_type, b"without-contacts", removed)


_HEAD_KEYS = ("type", "uuid", "created_at", "updated_at", "contacts_removed")
_ITEM_KEYS = (*_HEAD_KEYS, "fields")
# A record's five other keys as `write_exchange` writes them (_head), up to its fields: their
# texts as JSON writes them when nothing needs escaping, which are then the values themselves.
_HEAD_PATTERN = (
    r'\{"type":"([^"\\\x00-\x1f]*)","uuid":"([^"\\\x00-\x1f]*)","created_at":"([^"\\\x00-\x1f]*)",'
    r'"updated_at":"([^"\\\x00-\x1f]*)","contacts_removed":(true|false),"fields":'
)
_RECORD_HEAD = re.compile(_HEAD_PATTERN)  # in the payload's text (this process)
_RECORD_HEAD_BYTES = re.compile(_HEAD_PATTERN.encode())  # in its bytes (the digests' process)


def _laid_out_fields(
    text: str, spans: list[tuple[int, int]], items: list[Any]
) -> Iterator[tuple[int, int, int]]:
    """Each record laid out as `write_exchange` writes it (its five other keys, then its
    fields, last): its index, and where the text of its fields starts and ends. A record
    laid out otherwise is left out (hashed anew when needed). A file whose fields were not
    written as canonical JSON gives hashes no content has: only a record's sharing is then
    forgotten, never taken for another content."""
    for index, ((start, end), item) in enumerate(zip(spans, items, strict=True)):
        if type(item) is not dict or tuple(item) != _ITEM_KEYS or text[end - 1] != "}":
            continue
        # (_HEAD_PATTERN's text, written from the values: a string compare costs less than a
        # match and its groups, for each of tens of thousands of records)
        removed = item["contacts_removed"]
        head = (
            f'{{"type":"{item["type"]}","uuid":"{item["uuid"]}","created_at":"{item["created_at"]}",'
            f'"updated_at":"{item["updated_at"]}","contacts_removed":'
            f'{"true" if removed is True else "false" if removed is False else "-"},"fields":'
        )
        if text.startswith(head, start):
            yield index, start + len(head), end - 1


_RECORD_START = b'{"type":"'  # (what a record's head starts with: found before it is matched)


def payload_digests(payload: bytes, scalar_types: frozenset[str]) -> dict[str, tuple[str, str]]:
    """By record UUID, in the payload's order, `record_digests` of each record that starts as
    `write_exchange` writes a record, its fields running to the next such start (or to the
    list's end). Found from the text alone, without parsing it: for another process to
    compute while the caller parses and checks the records, and takes these only when they
    are of its records, all laid out, in their order (_PendingHashes.resolve), which makes
    each of these texts that record's fields."""
    heads = []
    position = 0
    while (found := payload.find(_RECORD_START, position)) >= 0:
        position = found + len(_RECORD_START)
        if payload[found - 1 : found] in (b"[", b","):
            head = _RECORD_HEAD_BYTES.match(payload, found)
            if head is not None:
                heads.append((found - 1, head))
                position = head.end()
    ends = [start for start, _head in heads[1:]] + [payload.rfind(b'],"absent":')] * bool(heads)
    digests: dict[str, tuple[str, str]] = {}
    for (_start, head), end in zip(heads, ends, strict=True):
        record_type = head[1].decode()
        encoded = payload[head.end() : end - 1]  # (but the record's closing brace)
        scalar = record_type in scalar_types
        # (the fields are parsed only where the digest without contact details reads them)
        needs_fields = not (record_type == PERSON and scalar) and _may_hold_contacts(record_type, encoded)
        fields = json.loads(encoded) if needs_fields else {}
        digests[head[2].decode()] = record_digests(record_type, fields, encoded, scalar=scalar)
    return digests if len(digests) == len(heads) else {}  # (a UUID twice: not these records)


@dataclass
class _PendingHashes:
    """What is needed to take in the digests computed elsewhere, or to compute them here
    (those not computed there)."""

    digests: PendingDigests | None  # (None: computed here)
    text: str
    fields_at: dict[str, tuple[int, int]]  # by record UUID, where its fields are in `text`
    records: dict[str, ExchangeRecord]
    scalar_types: frozenset[str]

    def full_hash(self, uuid: str, fields: Mapping[str, Any]) -> str | None:
        record, at = self.records.get(uuid), self.fields_at.get(uuid)
        if record is None or at is None or record.fields is not fields:
            return None
        return _digest(record.type, b"full", self.text[at[0] : at[1]].encode())

    def resolve(self) -> dict[str, FileHashes]:
        found = (self.digests.result() if self.digests is not None else None) or {}
        if list(found) != list(self.records) or len(self.fields_at) != len(self.records):
            # (then a text found elsewhere may not be a record's fields: all computed here)
            found = {}
        hashes: dict[str, FileHashes] = {}
        for uuid, (start, end) in self.fields_at.items():
            record = self.records[uuid]
            digests = found.get(uuid)
            if digests is None:  # (not computed elsewhere: here)
                digests = record_digests(
                    record.type,
                    record.fields,
                    self.text[start:end].encode(),
                    scalar=record.type in self.scalar_types,
                )
            hashes[uuid] = FileHashes(record.fields, digests[0], digests[1])
        return hashes


def _hashes_from_text(
    text: str,
    spans: list[tuple[int, int]],
    items: list[Any],
    records: list[ExchangeRecord],
    scalar_types: frozenset[str] = frozenset(),
    pending: PendingDigests | None = None,
) -> _PendingHashes:
    """What gives the hashes of the fields of the records laid out in the payload's text
    (_laid_out_fields): those computed elsewhere (`pending`), or computed here."""
    laid_out = _laid_out_fields(text, spans, items)
    fields_at = {records[index].uuid: (start, end) for index, start, end in laid_out}
    by_uuid = {record.uuid: record for record in records}
    return _PendingHashes(pending, text, fields_at, by_uuid, scalar_types)


def withholds_contacts(mine: Mapping[str, Any] | None, theirs: ExchangeRecord) -> bool:
    """Whether their copy says nothing about contact details we hold: it was made without
    them, or it lacks some we have (a blank phone in a file never erases one kept here)."""
    if theirs.contacts_removed:
        return True
    return mine is not None and restore_contacts(theirs.type, mine, theirs.fields) != theirs.fields


def decide(mine: Mapping[str, Any] | None, theirs: ExchangeRecord, known: Iterable[str]) -> Decision:
    if mine is None:
        return Decision.ADD
    removed = withholds_contacts(mine, theirs)
    my_hash = content_hash(theirs.type, mine, contacts_removed=removed)
    their_hash = content_hash(theirs.type, theirs.fields, contacts_removed=removed)
    if my_hash == their_hash:
        return Decision.UNCHANGED
    known = set(known)
    if their_hash in known or content_hash(theirs.type, theirs.fields) in known:
        return Decision.NEWER_HERE
    if my_hash in known:
        return Decision.UPDATE
    return Decision.CONFLICT


def incoming_fields(mine: Mapping[str, Any] | None, theirs: ExchangeRecord) -> dict[str, Any]:
    """What is written when their version is taken: theirs, keeping contact details held
    here that their copy does not carry."""
    if mine is None:
        return dict(theirs.fields)
    return restore_contacts(theirs.type, mine, theirs.fields)


# --- side by side ------------------------------------------------------------------------------


def _flatten(value: Any, prefix: str, into: dict[str, str]) -> None:
    if isinstance(value, dict):
        if not value and prefix:
            into[prefix] = "{}"
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), into)
    elif isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        for index, item in enumerate(value, start=1):
            _flatten(item, f"{prefix}.{index}", into)
    elif isinstance(value, list):
        into[prefix] = ", ".join("" if item is None else str(item) for item in value)
    elif isinstance(value, bool):
        into[prefix] = "✓" if value else "✗"
    else:
        into[prefix] = "" if value is None else str(value)


def flatten(fields: Mapping[str, Any]) -> dict[str, str]:
    """Every value of a record as text, by path ("state.participants.3.name")."""
    result: dict[str, str] = {}
    _flatten(dict(fields), "", result)
    return result


@dataclass(frozen=True)
class FieldRow:
    path: str
    mine: str
    theirs: str

    @property
    def differs(self) -> bool:
        return self.mine != self.theirs


def side_by_side(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> list[FieldRow]:
    """Both versions field by field, in the order of their fields (then ours only)."""
    left, right = flatten(mine), flatten(theirs)
    paths = list(dict.fromkeys([*right, *left]))
    return [FieldRow(path, left.get(path, ""), right.get(path, "")) for path in paths]


# --- the file ------------------------------------------------------------------------------------


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # (one for every record)


def _json(value: Any) -> bytes:
    return _COMPACT.encode(value).encode()


# Text that JSON writes as it is, between quotes (no quote, backslash or control character).
_PLAIN = re.compile(r'[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]*')


def _head(record: ExchangeRecord) -> bytes:
    """A record's other keys, as to_data writes them but without its fields and the closing
    brace: `_json` of them, written directly when no text needs escaping (UUIDs, record types
    and ISO times never do)."""
    texts = (record.type, record.uuid, record.created_at, record.updated_at)
    if type(record.contacts_removed) is bool and all(
        type(t) is str and _PLAIN.fullmatch(t) is not None for t in texts
    ):
        removed = "true" if record.contacts_removed else "false"
        return (
            f'{{"type":"{record.type}","uuid":"{record.uuid}","created_at":"{record.created_at}",'
            f'"updated_at":"{record.updated_at}","contacts_removed":{removed}'
        ).encode()
    head = {
        "type": record.type,
        "uuid": record.uuid,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "contacts_removed": record.contacts_removed,
    }  # (as to_data, but its fields)
    return _json(head)[:-1]


def write_exchange(
    header: Header,
    records: Iterable[ExchangeRecord],
    absent: Iterable[str],
    target: IO[bytes],
    *,
    encoded_fields: Iterable[bytes] | None = None,
) -> Header:
    """Write the archive to `target`; returns the header as written (with its checksum).

    `encoded_fields`, when the caller has it already, is each record's fields as canonical
    JSON (`canonical`), in the order of `records`: the payload is written from it rather
    than encoding every document again."""
    records = list(records)
    fields = list(encoded_fields) if encoded_fields is not None else [canonical(r.fields) for r in records]
    if len(fields) != len(records):
        raise ValueError("one encoded_fields per record")
    # The payload is joined once from its pieces: each `+` of a 40 MB payload copied all of it
    # while holding the interpreter (the window stood still up to 0.1 s during an export).
    pieces = [b'{"records":[']
    for record, encoded in zip(records, fields, strict=True):
        if len(pieces) > 1:
            pieces.append(b",")
        pieces.append(_head(record) + b',"fields":' + encoded + b"}")
    pieces.append(b'],"absent":' + _json(sorted(set(absent))) + b"}")
    payload = b"".join(pieces)
    header.records = len(records)
    header.payload_sha256 = hashlib.sha256(payload).hexdigest()
    header.payload_bytes = len(payload)
    # Level 1: four times faster than 6 for a file about 45% larger (a foundation's whole
    # workspace: 4.4 MB instead of 3.0 MB).
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(HEADER_MEMBER, json.dumps(header.to_data(), ensure_ascii=False, indent=1))
        archive.writestr(PAYLOAD_MEMBER, payload)
    return header


def exchange_bytes(header: Header, records: Iterable[ExchangeRecord], absent: Iterable[str] = ()) -> bytes:
    buffer = io.BytesIO()
    write_exchange(header, records, absent, buffer)
    return buffer.getvalue()


def _megabytes(size: int) -> str:
    return format_number(round(size / (1024 * 1024), 1))


def damaged() -> ExchangeRefused:
    """The refusal of a file that is damaged or incomplete."""
    return _damaged()


def _damaged() -> ExchangeRefused:
    return ExchangeRefused(
        _(
            "The exchange file is damaged or incomplete (perhaps it was not copied to the end). "
            "Ask for the file again."
        )
    )


def _not_exchange() -> ExchangeRefused:
    return ExchangeRefused(_("This is not a Shutafut exchange file."))


def _read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A member's bytes, refusing one that unpacks beyond `limit` (checked while reading,
    whatever size the archive claims)."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise _oversized(limit)
    chunks, total = [], 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                raise _oversized(limit)
            chunks.append(chunk)
    return b"".join(chunks)


def _oversized(limit: int) -> ExchangeRefused:
    return ExchangeRefused(
        _("The exchange file is too large: its content exceeds the limit of {size} MB.").format(
            size=_megabytes(limit)
        )
    )


def _header(data: Any, known_schemas: Iterable[str]) -> Header:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise _not_exchange()
    if _unstorable(data):
        raise _damaged()
    version = data.get("format_version")
    if not isinstance(version, int):
        raise _damaged()
    if version > FORMAT_VERSION:
        raise ExchangeRefused(
            _(
                "The exchange file was made by a newer version of Shutafut (exchange format "
                "{version}). Update Shutafut to import it."
            ).format(version=version)
        )
    schema = data.get("schema")
    if not isinstance(schema, str):
        raise _damaged()
    if schema not in set(known_schemas):
        raise ExchangeRefused(
            _(
                "The exchange file comes from a newer version of Shutafut (workspace version "
                "{schema}). Update Shutafut to import it."
            ).format(schema=schema)
        )
    try:
        return Header(
            schema=schema,
            app_version=str(data.get("app_version", "")),
            created_at=str(data["created_at"]),
            scope=Scope(data["scope"]).value,
            scope_uuid=str(data.get("scope_uuid", "")),
            scope_label=str(data.get("scope_label", "")),
            contacts_removed=bool(data["contacts_removed"]),
            records=int(data["records"]),
            payload_sha256=str(data["payload_sha256"]),
            payload_bytes=int(data["payload_bytes"]),
            format_version=version,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise _damaged() from error


_KIND_CHECKS = {
    FieldKind.TEXT: lambda v: isinstance(v, str),
    FieldKind.INTEGER: lambda v: isinstance(v, int) and not isinstance(v, bool) and _SQLITE_INT(v),
    FieldKind.BOOL: lambda v: isinstance(v, bool),
    FieldKind.DATE: lambda v: isinstance(v, str) and _is_date(v),
    FieldKind.DOCUMENT: lambda v: isinstance(v, dict),
    FieldKind.REFERENCE: lambda v: v == "" or is_uuid(v),
    FieldKind.REFERENCES: lambda v: isinstance(v, list) and all(is_uuid(x) for x in v),
}


def _SQLITE_INT(value: int) -> bool:  # noqa: N802 - reads as a constant range
    return -(2**63) <= value < 2**63


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unstorable(value: Any) -> bool:
    """Whether `value` holds text that cannot be stored (a lone UTF-16 surrogate) or an
    integer SQLite cannot hold, at any depth."""
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return not _SQLITE_INT(value)
    if isinstance(value, dict):
        for key, item in value.items():
            if _unstorable(key):
                return True
            if isinstance(item, str):  # the most common case, without a call
                if _SURROGATE.search(item) is not None:
                    return True
            elif _unstorable(item):
                return True
        return False
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                if _SURROGATE.search(item) is not None:
                    return True
            elif _unstorable(item):
                return True
    return False


def _is_date(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


FieldSpecs = Mapping[str, Mapping[str, tuple[FieldKind, bool]]]  # type -> field -> (kind, nullable)


# In JSON text, what a control character (but tab and line breaks) or a lone UTF-16
# surrogate can only be written as (raw control characters below U+0020 are refused by the
# parser), so each is one of these; text matching one by chance, such as an escaped
# backslash before "b", is merely checked. Each search starts from a byte found by a fast
# scan (a backslash, 0xC2, 0xED), not at every byte of the payload.
_ODD_ESCAPE = re.compile(
    rb"\\(?:[bf]|u00[01][0-9a-fA-F]|u007[fF]|u00[89][0-9a-fA-F]"  # escaped controls
    rb"|u[dD][89a-fA-F][0-9a-fA-F]{2})"  # escaped surrogates
)
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")  # U+0080-U+009F as UTF-8
_SURROGATE_BYTES = re.compile(rb"\xed[\xa0-\xbf]")  # json.loads decodes with surrogatepass


_DIGITS_AS_ZERO = bytes.maketrans(b"0123456789", b"0" * 10)


def _may_hold_odd_values(payload: bytes) -> bool:
    """Whether the text of `payload` may hold a control character or a lone surrogate in any
    string, or an integer SQLite cannot hold (2**63 has 19 digits)."""
    # (JSON in UTF-16 or UTF-32, which the parser also reads, has NUL bytes: not looked into)
    return (
        b"\x00" in payload
        or b"\x7f" in payload
        or (b"\xc2" in payload and _in_parts(payload, 1, lambda part: _C1_CONTROL.search(part) is not None))
        or (
            b"\xed" in payload
            and _in_parts(payload, 1, lambda part: _SURROGATE_BYTES.search(part) is not None)
        )
        or (b"\\" in payload and _in_parts(payload, 5, lambda part: _ODD_ESCAPE.search(part) is not None))
        or _in_parts(payload, 18, lambda part: b"0" * 19 in part.translate(_DIGITS_AS_ZERO))
    )


_PART = 1024 * 1024


def _in_parts(payload: bytes, overlap: int, found: Callable[[bytes], bool]) -> bool:
    """Whether `found` holds for a part of the payload, looked at a megabyte at a time (each
    part running `overlap` bytes into the next, so that what is at most overlap + 1 bytes long
    is never cut in two). One search or translation of a large payload holds the interpreter
    for a tenth of a second or more, freezing the window while a file is checked in the
    background."""
    return any(found(payload[start : start + _PART + overlap]) for start in range(0, len(payload), _PART))


def _decoded(payload: bytes) -> str:
    """`payload.decode("utf-8")`, a megabyte at a time (see _in_parts)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    parts = [decoder.decode(payload[start : start + _PART]) for start in range(0, len(payload), _PART)]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


_Checks = dict[str, tuple[frozenset[str], tuple[tuple[str, Callable[[Any], bool], bool], ...]]]


def _checks(specs: FieldSpecs) -> _Checks:
    """By record type: its field names, and each field's check with whether it may be null."""
    return {
        record_type: (
            frozenset(spec),
            tuple(
                (name, _KIND_CHECKS[kind], nullable or kind is FieldKind.REFERENCE)
                for name, (kind, nullable) in spec.items()
            ),
        )
        for record_type, spec in specs.items()
    }


def _record(
    item: Any, specs: FieldSpecs, *, odd_values: bool = True, checks: _Checks | None = None
) -> ExchangeRecord:
    if not isinstance(item, dict):
        raise _damaged()
    record_type, uuid, fields = item.get("type"), item.get("uuid"), item.get("fields")
    if (
        not isinstance(record_type, str)
        or record_type not in specs
        or not isinstance(uuid, str)
        or not is_uuid(uuid)
        or not isinstance(fields, dict)
    ):
        raise _damaged()
    names, field_checks = (checks if checks is not None else _checks(specs))[record_type]
    if fields.keys() != names or (odd_values and _unstorable(fields)):
        raise _damaged()
    for name, check, may_be_none in field_checks:
        value = fields[name]
        if value is None and may_be_none:
            continue
        if not check(value):
            raise _damaged()
    created, updated = item.get("created_at", ""), item.get("updated_at", "")
    if not all(isinstance(t, str) and (not t or _is_date(t)) for t in (created, updated)):
        raise _damaged()
    return ExchangeRecord(
        record_type, uuid, fields, created, updated, bool(item.get("contacts_removed", False))
    )


_RECORDS_START = '{"records":['
_ABSENT_START = ',"absent":'


def _load_payload(
    payload: bytes, document_types: frozenset[str] = frozenset()
) -> tuple[Any, str, list[tuple[int, int]] | None, dict[int, tuple[int, int]]]:
    """`json.loads(payload)`, a record at a time when the payload is laid out as
    `write_exchange` writes it: one call over a large file would hold the interpreter for
    seconds and freeze the window's thread while the file is checked in a thread of its own.
    Any other layout (valid JSON all the same) is read in one call. Also the text, where
    each record is in it (None: read in one call), and by record index where the text of
    its document is, for the records of `document_types` read a field at a time
    (_record_with_document)."""
    text = _decoded(payload)
    documents: dict[int, tuple[int, int]] = {}
    if not text.startswith(_RECORDS_START):
        return json.loads(text), text, None, documents
    decoder = json.JSONDecoder()
    starts = tuple(f'{{"type":"{record_type}"' for record_type in document_types)
    items: list[Any] = []
    spans: list[tuple[int, int]] = []
    index = len(_RECORDS_START)
    if text.startswith("]", index):
        index += 1
    else:
        while True:
            start = index
            read = _record_with_document(text, index, decoder) if text.startswith(starts, index) else None
            if read is None:
                item, index = decoder.raw_decode(text, index)
            else:
                item, index, document = read
                if document is not None:
                    documents[len(items)] = document
            items.append(item)
            spans.append((start, index))
            if text.startswith(",", index):
                index += 1
            elif text.startswith("]", index):
                index += 1
                break
            else:
                return json.loads(text), text, None, {}
    if not text.startswith(_ABSENT_START, index):
        return json.loads(text), text, None, {}
    absent, index = decoder.raw_decode(text, index + len(_ABSENT_START))
    if text[index:] != "}":
        return json.loads(text), text, None, {}
    return {"records": items, "absent": absent}, text, spans, documents


_MOST_FIELDS = 64


def _record_with_document(
    text: str, index: int, decoder: json.JSONDecoder
) -> tuple[dict[str, Any], int, tuple[int, int] | None] | None:
    """The record at `index` as `raw_decode` reads it, its fields read one at a time so as
    to know where the text of its document (the field "state") is: that text, parsed
    alone, gives that very document, and the import stores it as it is rather than write
    the document again. Also where the record ends. None when the record is not laid out
    as `write_exchange` writes it (read whole, then, with no document text): with
    whitespace, escapes in its other keys, or a "state" key twice."""
    head = _RECORD_HEAD.match(text, index)
    if head is None or not text.startswith("{", head.end()):
        return None
    fields: dict[str, Any] = {}
    document: tuple[int, int] | None = None
    at = head.end() + 1
    try:
        while not text.startswith("}", at):
            if not text.startswith('"', at):
                return None
            key, at = decoder.raw_decode(text, at)  # (a text: it starts with a quote)
            if not text.startswith(":", at):
                return None
            value, end = decoder.raw_decode(text, at + 1)
            if key == "state":
                if key in fields:
                    return None
                document = (at + 1, end)
            fields[key] = value  # (a key given twice takes its last value, as raw_decode does)
            if len(fields) > _MOST_FIELDS:  # (no record has as many: read whole, in C, and refused)
                return None
            at = end
            if text.startswith(",", at) and not text.startswith("}", at + 1):
                at += 1
            elif not text.startswith("}", at):
                return None
    except ValueError:  # (not JSON: raw_decode says why)
        return None
    if not text.startswith("}", at + 1):
        return None
    record = {
        "type": head[1],
        "uuid": head[2],
        "created_at": head[3],
        "updated_at": head[4],
        "contacts_removed": head[5] == "true",
        "fields": fields,
    }
    return record, at + 2, document


def read_exchange(
    source: IO[bytes],
    size: int,
    *,
    known_schemas: Iterable[str],
    specs: FieldSpecs,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_payload_bytes: int = MAX_PAYLOAD_BYTES,
    max_records: int = MAX_RECORDS,
    digests_elsewhere: DigestsElsewhere | None = None,
) -> ExchangeFile:
    """Read and check an exchange file; raise ExchangeRefused saying what is wrong.
    `digests_elsewhere`: starts computing the digests of its records elsewhere, while they
    are checked here (ExchangeFile.hashes waits for them)."""
    if size > max_file_bytes:
        raise ExchangeRefused(
            _("The exchange file is too large: it is {found} MB and the limit is {size} MB.").format(
                found=_megabytes(size), size=_megabytes(max_file_bytes)
            )
        )
    start = source.read(4)
    source.seek(0)
    if not start.startswith(b"PK"):
        raise _not_exchange()
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if HEADER_MEMBER not in names:
                raise _not_exchange()
            if PAYLOAD_MEMBER not in names:
                raise _damaged()
            try:
                header_data = json.loads(_read_member(archive, HEADER_MEMBER, MAX_HEADER_BYTES))
            except (ValueError, RecursionError) as error:
                raise _damaged() from error
            header = _header(header_data, known_schemas)
            payload = _read_member(archive, PAYLOAD_MEMBER, max_payload_bytes)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
        raise _damaged() from error
    if len(payload) != header.payload_bytes or hashlib.sha256(payload).hexdigest() != header.payload_sha256:
        raise ExchangeRefused(
            _(
                "The exchange file was changed after it was made (its checksum does not match). "
                "Ask for a fresh copy."
            )
        )
    odd_values = _may_hold_odd_values(payload)
    # (the types whose fields, as checked, hold no object or list)
    scalar_types = frozenset(
        t
        for t, spec in specs.items()
        if all(k not in (FieldKind.DOCUMENT, FieldKind.REFERENCES) for k, _n in spec.values())
    )
    # (text that may hold a lone surrogate cannot be written back as UTF-8: hashed anew)
    pending = digests_elsewhere(payload, scalar_types) if digests_elsewhere and not odd_values else None
    try:
        return _checked_payload(header, payload, specs, odd_values, scalar_types, pending, max_records)
    except BaseException:
        if pending is not None:
            pending.discard()
        raise


def _checked_payload(
    header: Header,
    payload: bytes,
    specs: FieldSpecs,
    odd_values: bool,
    scalar_types: frozenset[str],
    pending: PendingDigests | None,
    max_records: int,
) -> ExchangeFile:
    document_types = frozenset(
        t for t, spec in specs.items() if spec.get("state", ("",))[0] == FieldKind.DOCUMENT
    )
    try:
        data, text, spans, document_at = _load_payload(payload, document_types)
    except (ValueError, RecursionError) as error:  # RecursionError: nested thousands deep
        raise _damaged() from error
    items = data.get("records") if isinstance(data, dict) else None
    absent = data.get("absent", []) if isinstance(data, dict) else None
    if not isinstance(items, list) or not isinstance(absent, list) or not all(is_uuid(a) for a in absent):
        raise _damaged()
    if len(items) > max_records:
        raise ExchangeRefused(
            _("The exchange file holds too many records ({count}); the limit is {limit}.").format(
                count=len(items), limit=max_records
            )
        )
    try:
        checks = _checks(specs)
        records = [_record(item, specs, odd_values=odd_values, checks=checks) for item in items]
    except RecursionError as error:  # nested too deep to check
        raise _damaged() from error
    if len(records) != header.records or len({r.uuid for r in records}) != len(records):
        raise _damaged()
    if spans is None or odd_values:
        if pending is not None:
            pending.discard()
        return ExchangeFile(header, records, list(absent), odd_values)
    documents: dict[str, tuple[object, str]] = {}
    for index, (start, end) in document_at.items():
        state = records[index].fields.get("state")
        if isinstance(state, dict) and state is items[index]["fields"]["state"]:
            documents[records[index].uuid] = (state, text[start:end])
    waiting = _hashes_from_text(text, spans, items, records, scalar_types, pending)
    exchange = ExchangeFile(
        header, records, list(absent), odd_values, {}, documents, set(waiting.fields_at), waiting
    )
    if pending is None:  # (computed here, now: the text is let go of with the rest)
        exchange.hashes  # noqa: B018
    return exchange


def check_references(
    exchange: ExchangeFile, local_uuids: Iterable[str], unchanged: Container[str] = frozenset()
) -> None:
    """Refuse a file whose records refer to records neither in it nor in the workspace.
    (`unchanged`: the UUIDs of records the same as ours, which the import leaves as they are.)"""
    available = {record.uuid for record in exchange.records} | set(local_uuids) | set(exchange.absent)
    missing: dict[str, list[str]] = {}
    for record in exchange.records:
        if record.uuid in unchanged:
            continue
        for reference in references(record.type, record.fields) - available:
            missing.setdefault(reference, []).append(record.title or record.uuid)
    if missing:
        holders = sorted({title for titles in missing.values() for title in titles})
        raise ExchangeRefused(
            _(
                "The exchange file refers to {count} records that are neither in it nor in this "
                "workspace (in: {records}). Ask for an export that includes them."
            ).format(count=len(missing), records=", ".join(holders[:5]))
        )


def rename_references(value: Any, aliases: Mapping[str, str]) -> Any:
    """`value` with every UUID in `aliases` (as a value or a key) replaced by its alias."""
    if not aliases:
        return value
    if isinstance(value, str):
        return aliases.get(value, value)
    if isinstance(value, list):
        return [rename_references(item, aliases) for item in value]
    if isinstance(value, dict):
        return {aliases.get(key, key): rename_references(item, aliases) for key, item in value.items()}
    return value


def control_character_field(value: Any, name: str = "") -> str | None:
    """The name of the first field (at any depth) whose text holds a control character."""
    if isinstance(value, str):
        return name if has_control_characters(value) else None
    if isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(key, str) and has_control_characters(key):
                return key
            if isinstance(item, str):  # the most common case, without a call
                if has_control_characters(item):
                    return name or str(key)
            elif isinstance(item, Mapping | list):
                found = control_character_field(item, name or str(key))
                if found is not None:
                    return found
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                if has_control_characters(item):
                    return name
            elif isinstance(item, Mapping | list):
                found = control_character_field(item, name)
                if found is not None:
                    return found
    return None
