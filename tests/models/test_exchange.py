"""Exchange files, pure parts: format and checksum, checks, references, privacy, merging."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

import pytest

from desktop import i18n
from desktop.models import exchange as ex


@pytest.fixture(autouse=True)
def _english() -> None:
    """Messages are checked in English here; the GUI tests check them in Hebrew."""
    i18n.set_language("en")


PERSON_A = "11111111-1111-4111-8111-111111111111"
PERSON_B = "22222222-2222-4222-8222-222222222222"
TOWN = "33333333-3333-4333-8333-333333333333"
ORG = "44444444-4444-4444-8444-444444444444"
SPECS: dict[str, dict[str, tuple[ex.FieldKind, bool]]] = {
    ex.PERSON: {
        "full_name": (ex.FieldKind.TEXT, False),
        "phone": (ex.FieldKind.TEXT, False),
        "email": (ex.FieldKind.TEXT, False),
        "notes": (ex.FieldKind.TEXT, False),
        "consent_contact": (ex.FieldKind.BOOL, False),
        "organisation": (ex.FieldKind.REFERENCE, True),
    },
    ex.ORGANISATION: {"name": (ex.FieldKind.TEXT, False)},
}


def person(name: str = "דנה", phone: str = "050-1234567", **extra: Any) -> dict[str, Any]:
    return {
        "full_name": name,
        "phone": phone,
        "email": "dana@example.org",
        "notes": "הערה",
        "consent_contact": True,
        "organisation": None,
        **extra,
    }


def header(**changes: Any) -> ex.Header:
    values: dict[str, Any] = {
        "schema": "0007",
        "app_version": "1",
        "created_at": "2026-11-23T10:00:00",
        "scope": "everything",
    }
    values.update(changes)
    return ex.Header(**values)


def read(data: bytes, **options: Any) -> ex.ExchangeFile:
    return ex.read_exchange(
        io.BytesIO(data), len(data), known_schemas={"0006", "0007"}, specs=SPECS, **options
    )


def a_file(records: list[ex.ExchangeRecord] | None = None, **changes: Any) -> bytes:
    records = records if records is not None else [ex.ExchangeRecord(ex.PERSON, PERSON_A, person())]
    return ex.exchange_bytes(header(**changes), records)


def test_a_file_reads_back_with_its_header_and_records() -> None:
    exchange = read(a_file())
    assert exchange.header.records == 1
    assert exchange.header.scope == "everything"
    assert exchange.records[0].fields == person()


def test_the_checksum_covers_the_payload() -> None:
    original = a_file()
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        head = archive.read(ex.HEADER_MEMBER)
        payload = archive.read(ex.PAYLOAD_MEMBER).replace("דנה".encode(), "רנה".encode())
    tampered = io.BytesIO()
    with zipfile.ZipFile(tampered, "w") as archive:
        archive.writestr(ex.HEADER_MEMBER, head)
        archive.writestr(ex.PAYLOAD_MEMBER, payload)
    with pytest.raises(ex.ExchangeRefused, match="checksum"):
        read(tampered.getvalue())


@pytest.mark.parametrize("data", [b"", b"hello, not a zip", b"SQLite format 3\x00" + b"\0" * 100])
def test_what_is_not_an_exchange_file_is_refused(data: bytes) -> None:
    with pytest.raises(ex.ExchangeRefused, match="not a Shutafut exchange file"):
        read(data)


def test_a_zip_of_something_else_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<xml/>")
    with pytest.raises(ex.ExchangeRefused, match="not a Shutafut exchange file"):
        read(buffer.getvalue())


def test_a_truncated_file_is_refused() -> None:
    data = a_file()
    with pytest.raises(ex.ExchangeRefused, match="damaged or incomplete"):
        read(data[: len(data) // 2])


def test_a_newer_format_or_schema_is_refused() -> None:
    with pytest.raises(ex.ExchangeRefused, match="exchange format 2"):
        read(a_file(format_version=2))
    with pytest.raises(ex.ExchangeRefused, match="workspace version 0099"):
        read(a_file(schema="0099"))


def test_oversized_files_are_refused_stating_the_limit() -> None:
    data = a_file()
    with pytest.raises(ex.ExchangeRefused, match="limit is 0 MB"):
        read(data, max_file_bytes=10)


def test_a_zip_bomb_is_stopped_while_reading() -> None:
    """A payload claiming to be small but unpacking beyond the limit is refused."""
    records = [ex.ExchangeRecord(ex.PERSON, PERSON_A, person(notes="א" * 3_000_000))]
    data = a_file(records)
    assert len(data) < 100_000
    with pytest.raises(ex.ExchangeRefused, match="exceeds the limit of 1 MB"):
        read(data, max_payload_bytes=1024 * 1024)


def test_records_of_the_wrong_shape_are_refused() -> None:
    wrong_type = [ex.ExchangeRecord(ex.PERSON, PERSON_A, person(consent_contact="yes"))]
    missing_field = [ex.ExchangeRecord(ex.PERSON, PERSON_A, {"full_name": "x"})]
    bad_uuid = [ex.ExchangeRecord(ex.PERSON, "not-a-uuid", person())]
    unknown = [ex.ExchangeRecord("spaceship", PERSON_A, {})]
    for records in (wrong_type, missing_field, bad_uuid, unknown):
        with pytest.raises(ex.ExchangeRefused, match="damaged"):
            read(a_file(records))


def test_too_many_records_are_refused() -> None:
    records = [
        ex.ExchangeRecord(ex.ORGANISATION, f"{n:08d}-0000-4000-8000-000000000000", {"name": str(n)})
        for n in range(3)
    ]
    with pytest.raises(ex.ExchangeRefused, match="too many records"):
        read(a_file(records), max_records=2)


def test_references_must_be_in_the_file_or_the_workspace() -> None:
    exchange = read(a_file([ex.ExchangeRecord(ex.PERSON, PERSON_A, person(organisation=ORG))]))
    ex.check_references(exchange, {ORG})
    with pytest.raises(ex.ExchangeRefused, match="1 records"):
        ex.check_references(exchange, set())
    ex.check_references(exchange, set(), unchanged={PERSON_A})  # the same as ours: left as it is
    exchange.absent = [ORG]  # already missing where it was made
    ex.check_references(exchange, set())


def test_references_of_each_document() -> None:
    community = {
        "members": [{"person": PERSON_A, "authority": TOWN}],
        "leader": PERSON_B,
        "partner": "",
        "ratings": [{"person": PERSON_B}],
        "meetings": [{"host": TOWN}],
        "teams": [{"members": [PERSON_A, PERSON_B]}],
    }
    assert ex.references(ex.COMMUNITY, {"state": community}) == {PERSON_A, PERSON_B, TOWN}
    topic = "55555555-5555-4555-8555-555555555555"
    as_stored = {
        "members": [{"person": PERSON_A, "authority": TOWN}],
        "ratings": {PERSON_B: {topic: 4}},
        "selected_topics": [topic],
        "meetings": [{"id": "m1", "topic": topic, "host": ""}],
        "teams": [{"id": "t1", "topic": topic, "members": [], "roles": {"lead": ORG}}],
        "agreed_mix": {"authority": {TOWN: 2}, "gender": {"f": 3}},
    }
    assert ex.references(ex.COMMUNITY, {"state": as_stored}) == {PERSON_A, PERSON_B, TOWN, ORG}
    assert ex.references(ex.COMMUNITY, {"state": {"format": 1}}) == set()
    assert ex.references(ex.COMMUNITY, {"state": {"members": [{}], "teams": [{}]}}) == set()
    selection = {
        "team": [[PERSON_A, "lead"]],
        "added": {TOWN: "why"},
        "chosen": [TOWN],
        "scores": {TOWN: {PERSON_B: {}, "team": {}}},
    }
    assert ex.references(ex.SELECTION, {"state": selection}) == {PERSON_A, PERSON_B, TOWN}
    forum = {"participants": [{"person_uuid": PERSON_A}, {"person_uuid": None}]}
    assert ex.references(ex.FORUM, {"state": forum}) == {PERSON_A}
    draft = {
        "parties": {"authority_uuid": TOWN, "organisation_uuid": ORG, "partner_uuids": []},
        "signatories": [{"person_uuid": PERSON_B}, {"person_uuid": None}],
    }
    agreement = {
        "authority_uuid": TOWN,
        "state": {
            "draft": draft,
            "stages": [{"participants": [["דנה", PERSON_A]]}],
            "versions": [{"draft": draft}],
            "selection": None,
        },
    }
    assert ex.references(ex.AGREEMENT, agreement) == {TOWN, ORG, PERSON_A, PERSON_B}
    assert ex.references(ex.FLAGS, {"cluster_uuid": ORG, "state": {"items": [{"authorities": [TOWN]}]}}) == {
        ORG,
        TOWN,
    }
    assert ex.references(ex.PERSON, person(organisation=ORG)) == {ORG}


def test_without_contacts_removes_them_from_people_and_documents() -> None:
    assert ex.without_contacts(ex.PERSON, person()) == person(phone="", email="", notes="")
    state = {
        "ratings": [
            {"person": PERSON_A, "note": "ממש טוב", "email": "a@b.c"},
            {"person": PERSON_B, "note": "שקט"},
        ],
        "contact": {"phone": "03-1234567"},
        "notes": "על הפגישה",
    }
    everything = ex.without_contacts(ex.COMMUNITY, {"state": state})["state"]
    assert everything["ratings"] == [
        {"person": PERSON_A, "note": "", "email": ""},
        {"person": PERSON_B, "note": ""},
    ]
    assert everything["contact"] == {"phone": ""}
    assert everything["notes"] == "על הפגישה"  # not about a person
    only_b = ex.without_contacts(ex.COMMUNITY, {"state": state}, frozenset({PERSON_B}))["state"]
    assert only_b["ratings"][0]["note"] == "ממש טוב"
    assert only_b["ratings"][1]["note"] == ""


def test_restoring_contacts_keeps_what_the_receiver_knows() -> None:
    theirs = person(name="דנה לוי", phone="", email="", notes="")
    assert ex.restore_contacts(ex.PERSON, person(), theirs) == person(name="דנה לוי")
    mine = {"state": {"ratings": [{"person": PERSON_B, "note": "ב"}, {"person": PERSON_A, "note": "א"}]}}
    incoming = {
        "state": {"ratings": [{"person": PERSON_A, "note": "", "score": 3}, {"person": PERSON_B, "note": ""}]}
    }
    restored = ex.restore_contacts(ex.COMMUNITY, mine, incoming)
    assert restored["state"]["ratings"] == [
        {"person": PERSON_A, "note": "א", "score": 3},
        {"person": PERSON_B, "note": "ב"},
    ]


def test_the_content_hash_ignores_key_order() -> None:
    a = {"x": 1, "state": {"b": [1, 2], "a": "ש"}}
    b = {"state": {"a": "ש", "b": [1, 2]}, "x": 1}
    assert ex.content_hash(ex.FORUM, a) == ex.content_hash(ex.FORUM, b)
    assert ex.content_hash(ex.FORUM, a) != ex.content_hash(ex.FLAGS, a)


def incoming(fields: dict[str, Any], removed: bool = False) -> ex.ExchangeRecord:
    return ex.ExchangeRecord(ex.PERSON, PERSON_A, fields, contacts_removed=removed)


def test_merge_decisions() -> None:
    base, mine, theirs = person(), person(name="דנה לוי"), person(name="דנה כהן")
    shared = ex.shared_hashes(ex.PERSON, base)
    assert ex.decide(None, incoming(theirs), ()) is ex.Decision.ADD
    assert ex.decide(base, incoming(base), shared) is ex.Decision.UNCHANGED
    assert ex.decide(base, incoming(theirs), shared) is ex.Decision.UPDATE
    assert ex.decide(mine, incoming(base), shared) is ex.Decision.NEWER_HERE
    assert ex.decide(mine, incoming(theirs), shared) is ex.Decision.CONFLICT
    assert ex.decide(mine, incoming(theirs), ()) is ex.Decision.CONFLICT  # never shared


def test_a_copy_without_contacts_is_not_a_change_of_them() -> None:
    base = person()
    shared = ex.shared_hashes(ex.PERSON, base)
    scrubbed = ex.without_contacts(ex.PERSON, base)
    assert ex.decide(base, incoming(scrubbed, removed=True), shared) is ex.Decision.UNCHANGED
    renamed = {**scrubbed, "full_name": "דנה לוי"}
    assert ex.decide(base, incoming(renamed, removed=True), shared) is ex.Decision.UPDATE
    assert ex.incoming_fields(base, incoming(renamed, removed=True)) == person(name="דנה לוי")
    # A blank phone in a copy that kept contacts does not erase the one held here either.
    assert ex.decide(base, incoming(scrubbed), shared) is ex.Decision.UNCHANGED
    assert ex.incoming_fields(base, incoming({**scrubbed, "full_name": "דנה לוי"})) == person(name="דנה לוי")
    # A phone that really changed is a change.
    assert ex.decide(base, incoming(person(phone="+972509999999")), shared) is ex.Decision.UPDATE


def test_side_by_side_marks_the_differences() -> None:
    rows = ex.side_by_side(
        {"title": "א", "state": {"participants": [{"name": "דנה"}]}},
        {"title": "א", "state": {"participants": [{"name": "דנה לוי"}]}},
    )
    assert [(r.path, r.differs) for r in rows] == [("title", False), ("state.participants.1.name", True)]


def test_references_can_be_renamed() -> None:
    fields = {"members": [TOWN], "state": {"added": {TOWN: "x"}}, "other": "x"}
    assert ex.rename_references(fields, {TOWN: ORG}) == {
        "members": [ORG],
        "state": {"added": {ORG: "x"}},
        "other": "x",
    }


def test_the_header_says_what_the_file_holds() -> None:
    data = a_file(contacts_removed=True, scope="forum", scope_label="פורום")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        head = json.loads(archive.read(ex.HEADER_MEMBER))
    assert head["format"] == "shutafut-exchange"
    assert head["contacts_removed"] is True
    assert len(head["payload_sha256"]) == 64
    assert read(data).header.scope_label == "פורום"


def test_a_file_is_searched_for_odd_values_whenever_its_text_may_hold_one() -> None:
    """The per-value checks (control characters, lone surrogates, integers beyond 64 bits) are
    skipped only for a payload whose text cannot hold any, in any way JSON can write them."""

    def payload(value: Any, **options: Any) -> bytes:
        return json.dumps({"records": [{"k": value}]}, **options).encode("utf-8", "surrogatepass")

    assert not read(a_file()).odd_values
    assert not ex._may_hold_odd_values(payload("tab\tand\nlines\r, דנה 050-1234567", ensure_ascii=False))
    for value in ["a\x1bb", "\x08", "\x0c", "\x7f", "\x85", "\x9b", "\ud800", "\udfff", "\udbff"]:
        assert ex._may_hold_odd_values(payload(value)), value
        assert ex._may_hold_odd_values(payload(value, ensure_ascii=False)), value
    assert ex._may_hold_odd_values(json.dumps({"k": "דנה"}).encode("utf-16"))  # the parser reads it too
    assert ex._may_hold_odd_values(b'{"k": "\\uDBFF"}')  # escaped in capitals
    for number in (2**63, -(2**63) - 1, 10**30):
        assert ex._may_hold_odd_values(payload(number)), number
    assert not ex._may_hold_odd_values(payload(10**17))


def test_shared_hashes_are_the_content_hashes_in_both_forms() -> None:
    """shared_hashes skips scrubbing what cannot hold contact details: the same hashes."""
    records = [
        (ex.PERSON, person()),
        (ex.PERSON, person(phone="", notes="")),
        (ex.FORUM, {"state": {"blocks": [{"notes": "for the facilitator"}], "ideas": [{"text": "x"}]}}),
        (ex.FORUM, {"state": {"participants": [{"person_uuid": PERSON_A, "notes": "private"}]}}),
        (ex.COMMUNITY, {"state": {"members": [{"person": PERSON_B, "phone": "050"}], "ratings": {}}}),
        (ex.FLAGS, {"state": {"items": [{"authorities": [TOWN]}]}, "cluster_uuid": TOWN}),
    ]
    records += [  # quotes and backslashes in a person's details; nothing to remove
        (ex.PERSON, person(phone='05"0\\', notes='a "quoted" \\"note\\"', email="x\\")),
        (ex.PERSON, person(phone="", notes="", email="")),
        (ex.PERSON, person(notes=None, email="\u05d0@example.org")),
    ]
    for record_type, fields in records:
        expected = {
            ex.content_hash(record_type, fields),
            ex.content_hash(record_type, fields, contacts_removed=True),
        }
        assert ex.shared_hashes(record_type, fields) == expected
        assert ex.shared_hashes(record_type, fields, encoded=ex.canonical(fields)) == expected
    forum = records[3][1]
    scrubbed = ex.without_contacts(ex.FORUM, forum)
    assert scrubbed["state"]["participants"][0]["notes"] == ""
    assert forum["state"]["participants"][0]["notes"] == "private"  # the original is unchanged


def test_the_hashes_read_from_a_file_are_those_of_its_records() -> None:
    """A file as write_exchange lays it out gives every record's shared hashes from its
    text; a file laid out otherwise (valid all the same) gives none, and is hashed anew."""
    specs = {**SPECS, ex.FORUM: {"state": (ex.FieldKind.DOCUMENT, False)}}
    forum = {"state": {"participants": [{"person_uuid": PERSON_A, "phone": "050", "name": 'דנה "הגדולה"'}]}}
    records = [
        ex.ExchangeRecord(ex.PERSON, PERSON_A, person()),
        ex.ExchangeRecord(ex.PERSON, PERSON_B, person("סמיר", phone="", notes="", email="")),
        ex.ExchangeRecord(ex.ORGANISATION, ORG, {"name": "עמותה"}, "2026-01-01T10:00:00", "", True),
        ex.ExchangeRecord(ex.FORUM, TOWN, forum),
    ]
    data = ex.exchange_bytes(header(), records)
    exchange = ex.read_exchange(io.BytesIO(data), len(data), known_schemas={"0007"}, specs=specs)
    assert set(exchange.hashes) == {r.uuid for r in records}
    for record in exchange.records:
        assert exchange.hashes[record.uuid].of(record.fields) == ex.shared_hashes(record.type, record.fields)
        assert exchange.hashes[record.uuid].of(dict(record.fields)) is None  # that very object only
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # as another process computes them
        digests = ex.payload_digests(archive.read(ex.PAYLOAD_MEMBER), frozenset({ex.PERSON, ex.ORGANISATION}))
    assert digests == {u: (h.full, h.without_contacts) for u, h in exchange.hashes.items()}
    # the same records, a record at a time, with spaces after the keys: no hash from the text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        head = json.loads(archive.read(ex.HEADER_MEMBER))
        payload = json.loads(archive.read(ex.PAYLOAD_MEMBER))
    items = [json.dumps(item, ensure_ascii=False).encode() for item in payload["records"]]
    spaced = b'{"records":[' + b",".join(items) + b'],"absent":[]}'
    head["payload_sha256"], head["payload_bytes"] = hashlib.sha256(spaced).hexdigest(), len(spaced)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(ex.HEADER_MEMBER, json.dumps(head))
        archive.writestr(ex.PAYLOAD_MEMBER, spaced)
    buffer.seek(0)
    other = ex.read_exchange(buffer, len(buffer.getvalue()), known_schemas={"0007"}, specs=specs)
    assert other.hashes == {}
    assert ex.payload_digests(spaced, frozenset()) == {}
    assert [r.fields for r in other.records] == [r.fields for r in exchange.records]


class _DigestsHere:
    """Digests "computed elsewhere", here: payload_digests of the payload, as the other
    process answers."""

    def __init__(self, payload: bytes, scalar_types: frozenset[str]) -> None:
        self.answer = ex.payload_digests(payload, scalar_types)

    def result(self) -> dict[str, tuple[str, str]]:
        return self.answer

    def discard(self) -> None:
        pass


def _file_with_payload(payload: bytes, records: int) -> bytes:
    head = header(
        records=records, payload_sha256=hashlib.sha256(payload).hexdigest(), payload_bytes=len(payload)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(ex.HEADER_MEMBER, json.dumps(head.to_data()))
        archive.writestr(ex.PAYLOAD_MEMBER, payload)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "named", [PERSON_B, "55555555-5555-4555-8555-555555555555"], ids=["a record", "none"]
)
def test_digests_found_in_the_text_of_other_records_than_those_read_are_not_taken(named: str) -> None:
    """A hand-made file whose document holds what looks like the start of a record: the
    digests found from the text (which end a record's fields there) are not taken, and
    every record is hashed here, as if nothing had been computed elsewhere."""
    specs = {**SPECS, ex.FORUM: {"state": (ex.FieldKind.DOCUMENT, False)}}
    fake = (
        f'{{"type":"{ex.PERSON}","uuid":"{named}","created_at":"","updated_at":"",'
        '"contacts_removed":false,"fields":{"full_name":"x"}}'
    )
    forum = f'{{"state":{{"list":[1,{fake}]}}}}'
    records = [
        ex.ExchangeRecord(ex.PERSON, PERSON_A, person()),
        ex.ExchangeRecord(ex.FORUM, TOWN, json.loads(forum)),
        ex.ExchangeRecord(ex.PERSON, PERSON_B, person("סמיר")),
    ]
    texts = [ex._head(r).decode() + ',"fields":' + ex.canonical(r.fields).decode() + "}" for r in records]
    texts[1] = ex._head(records[1]).decode() + ',"fields":' + forum + "}"  # (as written by hand)
    payload = ('{"records":[' + ",".join(texts) + '],"absent":[]}').encode()
    data = _file_with_payload(payload, len(records))

    def read(elsewhere: ex.DigestsElsewhere | None) -> ex.ExchangeFile:
        return ex.read_exchange(
            io.BytesIO(data), len(data), known_schemas={"0007"}, specs=specs, digests_elsewhere=elsewhere
        )

    here = read(None)
    assert set(here.hashes) == {r.uuid for r in records}
    found = _DigestsHere(payload, frozenset({ex.PERSON}))
    assert found.answer == {} or list(found.answer) != [r.uuid for r in records]  # (wrong ends)
    elsewhere = read(lambda _payload, _types: found)
    assert {u: (h.full, h.without_contacts) for u, h in elsewhere.hashes.items()} == {
        u: (h.full, h.without_contacts) for u, h in here.hashes.items()
    }
    canonical = (
        '{"records":['
        + ",".join(
            texts[:1]
            + [ex._head(records[1]).decode() + ',"fields":' + ex.canonical(records[1].fields).decode() + "}"]
            + texts[2:]
        )
        + '],"absent":[]}'
    ).encode()
    assert list(ex.payload_digests(canonical, frozenset({ex.PERSON}))) == [r.uuid for r in records]


@pytest.mark.parametrize(
    "odd", [b"\\u0001", b"\\ud800", b"\xc2\x85", b"\xed\xa0\x80", b"1" * 19, b"\\b"], ids=repr
)
def test_an_odd_value_across_two_parts_of_the_payload_is_found(odd: bytes) -> None:
    """The payload is searched a megabyte at a time: what lies across two parts is found."""
    for cut in range(1, len(odd)):
        payload = b"a" * (ex._PART - cut) + odd + b"a" * 10
        assert ex._may_hold_odd_values(payload), cut
    assert not ex._may_hold_odd_values(b"a" * (ex._PART * 2) + b"1" * 18)
    text = "א" * (ex._PART // 2 + 1)  # two bytes a letter: one is cut at the part's end
    assert ex._decoded(text.encode()) == text


def _document_record(fields_text: str) -> str:
    return (
        f'{{"type":"{ex.FORUM}","uuid":"{TOWN}","created_at":"","updated_at":"",'
        f'"contacts_removed":false,"fields":{fields_text}}}'
    )


@pytest.mark.parametrize(
    "fields_text",
    [
        '{"a":1,"state":{"k":"ש","n":[1, 2]},"title":"x"}',
        '{"state":{"k":1}}',
        '{"title":"x","state":{"k":{"state":2}},"a":[]}',  # (any order; "state" deeper down)
        '{"a":1,"state":{"k":1},"title":"z","title":"x"}',  # (a key twice: its last value)
        '{"a":1,"state":"not an object"}',
        "{}",
    ],
)
def test_a_records_document_is_read_with_the_text_it_was_read_from(fields_text: str) -> None:
    """A document record is read a field at a time: as raw_decode reads it, with the text
    of its document, which parsed alone gives that very document."""
    text = "[" + _document_record(fields_text) + ",1]"
    decoder = json.JSONDecoder()
    read = ex._record_with_document(text, 1, decoder)
    assert read is not None
    record, end, document = read
    assert (record, end) == decoder.raw_decode(text, 1)
    assert list(record["fields"]) == list(json.loads(fields_text))
    if "state" in record["fields"]:
        assert (
            document is not None and json.loads(text[document[0] : document[1]]) == record["fields"]["state"]
        )
    else:
        assert document is None


@pytest.mark.parametrize(
    "fields_text",
    [
        '{"state":{"k":1},"state":{"k":2}}',  # (which text is the document's: read whole)
        '{"a": 1,"state":{}}',
        '{"state":{},}',
        '{"state":{}',
        "{" + ",".join(f'"k{n}":{n}' for n in range(ex._MOST_FIELDS + 1)) + "}",
    ],
)
def test_a_record_laid_out_otherwise_is_read_whole(fields_text: str) -> None:
    assert ex._record_with_document(_document_record(fields_text), 0, json.JSONDecoder()) is None
    spaced = _document_record("{}").replace('"uuid":', '"uuid": ')
    assert ex._record_with_document(spaced, 0, json.JSONDecoder()) is None


@pytest.mark.parametrize(
    "created", ["2026-01-02T03:04:05.123456", "", 'a "quoted" \\ time', "ש\x01", "\u2028", "x\x7f"]
)
def test_a_records_head_is_written_as_json_writes_it(created: str) -> None:
    for removed in (True, False):
        record = ex.ExchangeRecord(ex.PERSON, PERSON_A, {}, created, created, removed)
        data = record.to_data()
        del data["fields"]
        assert ex._head(record) == ex._json(data)[:-1]


def test_a_document_mentions_a_person_by_either_key_at_any_depth() -> None:
    hidden = ex.mentioned([PERSON_A])
    for document in (
        {"state": {"participants": [{"person_uuid": PERSON_A, "phone": "1"}]}},
        {"state": {"a": [[{"person": PERSON_A}]]}},
        {"state": {"m": {"person": "", "person_uuid": PERSON_A}}},
    ):
        assert ex.mentions(ex.canonical(document), hidden), document
    assert not ex.mentions(ex.canonical({"state": {"p": {"person": PERSON_B}}}), hidden)
    assert not ex.mentions(ex.canonical({"note": f'"person":"{PERSON_A}"'}), hidden)  # (a text)
    assert not ex.mentions(ex.canonical({"state": {"p": {"person": PERSON_A}}}), frozenset())
