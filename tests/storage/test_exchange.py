"""Exchange between two workspaces: round trips, sync, conflicts, refusals, privacy."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, func, select

from desktop import i18n
from desktop.models import exchange as ex
from desktop.models.records import RecordKind
from desktop.storage import exchange as sx
from desktop.storage.forum_store import load_forum, save_forum
from desktop.storage.reference_store import load_record, save_record
from desktop.storage.tables import AgreementRecord, Base, Person, SharedVersion
from desktop.storage.workspace import Workspace, create_workspace
from tests.storage.exchange_data import (
    EMAILS,
    HIDDEN_EMAIL,
    HIDDEN_PHONE,
    NOTE,
    build,
    file_hash,
)


@pytest.fixture(autouse=True)
def _english() -> None:
    """Messages are checked in English here; the GUI tests check them in Hebrew."""
    i18n.set_language("en")


@pytest.fixture
def source(tmp_path: Path) -> tuple[Workspace, Any]:
    return build(tmp_path / "source.shutafut")


@pytest.fixture
def target(tmp_path: Path) -> Workspace:
    return create_workspace(tmp_path / "target.shutafut")


def export(
    workspace: Workspace,
    tmp_path: Path,
    scope: ex.Scope = ex.Scope.EVERYTHING,
    scope_uuid: str = "",
    name: str = "out",
    **options: bool,
) -> Path:
    out = tmp_path / f"{name}{ex.EXTENSION}"
    out.unlink(missing_ok=True)
    sx.export_exchange(workspace, out, scope, scope_uuid, **options)
    return out


def import_(workspace: Workspace, path: Path, choices: dict[str, sx.Choice] | None = None) -> sx.ImportResult:
    return sx.apply_import(workspace, sx.plan_import(workspace, path), choices)


def contents(workspace: Workspace) -> dict[str, tuple[str, dict[str, Any]]]:
    with workspace.engine.connect() as connection:
        return {u: (r.type, r.fields) for u, r in sx._read_all(connection).items()}


def with_hidden_contacts_blank(
    records: dict[str, tuple[str, dict[str, Any]]], hidden: str
) -> dict[str, tuple[str, dict[str, Any]]]:
    """What arrives: the person who did not consent comes without phone and email."""
    kind, fields = records[hidden]
    return {**records, hidden: (kind, {**fields, "phone": "", "email": ""})}


def stamps(workspace: Workspace) -> dict[str, tuple[int, Any]]:
    with workspace.engine.connect() as connection:
        return {u: (r.version, r.updated_at) for u, r in sx._read_all(connection).items()}


def test_every_table_is_exchanged_or_deliberately_left_out() -> None:
    assert set(Base.metadata.tables) == set(ex.TYPE_ORDER) | sx.NOT_EXCHANGED


def test_everything_travels_between_two_workspaces(source: Any, target: Workspace, tmp_path: Path) -> None:
    workspace, ids = source
    result = import_(target, export(workspace, tmp_path))
    assert result.added == len(contents(workspace))
    assert contents(target) == with_hidden_contacts_blank(contents(workspace), ids.hidden)
    # local ids were mapped: the agreement points at the target's copy of the selection
    with target.session() as session:
        agreement = session.scalars(select(AgreementRecord)).one()
        state = json.loads(agreement.state)
        from desktop.storage.tables import SelectionRecord

        selection = session.get(SelectionRecord, state["selection_id"])
        assert selection is not None and selection.uuid == ids.selection_uuid
        dana = session.scalars(select(Person).where(Person.uuid == ids.dana)).one()
        assert dana.organisation is not None and dana.organisation.uuid == ids.organisation
    assert set(load_record(target, RecordKind.CLUSTER, ids.cluster)["members"]) == {ids.town, ids.other_town}


def test_importing_twice_changes_nothing(source: Any, target: Workspace, tmp_path: Path) -> None:
    workspace, _ids = source
    path = export(workspace, tmp_path)
    import_(target, path)
    before, shared = stamps(target), _shared_rows(target)
    plan = sx.plan_import(target, path)
    assert plan.count(ex.Decision.UNCHANGED) == len(plan.items)
    result = sx.apply_import(target, plan)
    assert (result.added, result.updated, result.kept) == (0, 0, 0)
    assert stamps(target) == before
    assert _shared_rows(target) == shared


def _shared_rows(workspace: Workspace) -> int:
    with workspace.session() as session:
        return int(session.scalar(select(func.count()).select_from(SharedVersion)) or 0)


def test_a_newer_copy_updates_what_changed(source: Any, target: Workspace, tmp_path: Path) -> None:
    workspace, ids = source
    import_(target, export(workspace, tmp_path))
    before = stamps(target)
    town = load_record(workspace, RecordKind.AUTHORITY, ids.town)
    save_record(workspace, RecordKind.AUTHORITY, {**town, "population": 12500}, ids.town)
    forum = load_forum(workspace, ids.forum)
    forum.add_idea(1, 0, "תחבורה ציבורית בערב")
    save_forum(workspace, forum, ids.forum)
    plan = sx.plan_import(target, export(workspace, tmp_path, name="newer"))
    assert {item.record.uuid for item in plan.of(ex.Decision.UPDATE)} == {ids.town, ids.forum_uuid}
    result = sx.apply_import(target, plan)
    assert result.updated == 2
    assert load_record(target, RecordKind.AUTHORITY, ids.town)["population"] == 12500
    assert [i.text for i in load_forum(target, 1).ideas][-1] == "תחבורה ציבורית בערב"
    after = stamps(target)
    assert after[ids.town][0] == before[ids.town][0] + 1
    unchanged = set(before) - {ids.town, ids.forum_uuid}
    assert all(after[u] == before[u] for u in unchanged)


def test_a_copy_coming_back_updates_the_sender_and_a_stale_copy_changes_nothing(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    workspace, ids = source
    first = export(workspace, tmp_path, name="first")
    import_(target, first)
    person = load_record(target, RecordKind.PERSON, ids.samir)
    save_record(target, RecordKind.PERSON, {**person, "role": "מנהל מחלקה"}, ids.samir)
    plan = sx.plan_import(workspace, export(target, tmp_path, name="back"))
    assert [i.record.uuid for i in plan.of(ex.Decision.UPDATE)] == [ids.samir]
    assert not plan.conflicts
    sx.apply_import(workspace, plan)
    assert load_record(workspace, RecordKind.PERSON, ids.samir)["role"] == "מנהל מחלקה"
    # the first file, imported again, is older than what the sender now holds
    stale = sx.plan_import(workspace, first)
    assert [i.record.uuid for i in stale.of(ex.Decision.NEWER_HERE)] == [ids.samir]
    sx.apply_import(workspace, stale)
    assert load_record(workspace, RecordKind.PERSON, ids.samir)["role"] == "מנהל מחלקה"


def _conflict(source: Any, target: Workspace, tmp_path: Path) -> tuple[Workspace, Any, Path]:
    workspace, ids = source
    import_(target, export(workspace, tmp_path))
    mine = load_record(target, RecordKind.PERSON, ids.dana)
    save_record(target, RecordKind.PERSON, {**mine, "role": "רכזת אזורית"}, ids.dana)
    theirs = load_record(workspace, RecordKind.PERSON, ids.dana)
    save_record(workspace, RecordKind.PERSON, {**theirs, "role": "מנהלת תוכנית"}, ids.dana)
    return workspace, ids, export(workspace, tmp_path, name="conflict")


def test_a_conflict_is_reported_with_both_versions_and_nothing_is_lost(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    _workspace, ids, path = _conflict(source, target, tmp_path)
    before = file_hash(target.path)
    plan = sx.plan_import(target, path)
    [conflict] = plan.conflicts
    assert conflict.record.uuid == ids.dana
    assert conflict.mine is not None and conflict.mine.fields["role"] == "רכזת אזורית"
    assert conflict.record.fields["role"] == "מנהלת תוכנית"
    rows = ex.side_by_side(conflict.mine.fields, conflict.record.fields)
    assert [(r.path, r.mine, r.theirs) for r in rows if r.differs] == [
        ("role", "רכזת אזורית", "מנהלת תוכנית")
    ]
    with pytest.raises(ValueError, match="without a choice"):
        sx.apply_import(target, plan)
    assert file_hash(target.path) == before
    sx.apply_import(target, plan, {ids.dana: sx.Choice.KEEP_MINE})
    assert load_record(target, RecordKind.PERSON, ids.dana)["role"] == "רכזת אזורית"
    # the choice is remembered: the same file does not ask again
    assert not sx.plan_import(target, path).conflicts


def test_taking_theirs_in_a_conflict(source: Any, target: Workspace, tmp_path: Path) -> None:
    _workspace, ids, path = _conflict(source, target, tmp_path)
    plan = sx.plan_import(target, path)
    sx.apply_import(target, plan, {ids.dana: sx.Choice.TAKE_THEIRS})
    assert load_record(target, RecordKind.PERSON, ids.dana)["role"] == "מנהלת תוכנית"
    assert sx.plan_import(target, path).count(ex.Decision.UNCHANGED) == len(plan.items)


def test_the_workspace_changing_after_the_preview_stops_the_import(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    _workspace, ids, path = _conflict(source, target, tmp_path)
    plan = sx.plan_import(target, path)
    mine = load_record(target, RecordKind.PERSON, ids.dana)
    save_record(target, RecordKind.PERSON, {**mine, "role": "עוד שינוי"}, ids.dana)
    with pytest.raises(sx.WorkspaceChanged):
        sx.apply_import(target, plan, {ids.dana: sx.Choice.TAKE_THEIRS})
    assert load_record(target, RecordKind.PERSON, ids.dana)["role"] == "עוד שינוי"


@pytest.mark.parametrize("scope", [ex.Scope.CLUSTER, ex.Scope.TOWN, ex.Scope.FORUM, ex.Scope.COMMUNITY])
def test_each_part_travels_complete(source: Any, target: Workspace, tmp_path: Path, scope: ex.Scope) -> None:
    workspace, ids = source
    root = {
        ex.Scope.CLUSTER: ids.cluster,
        ex.Scope.TOWN: ids.town,
        ex.Scope.FORUM: ids.forum_uuid,
        ex.Scope.COMMUNITY: ids.community_uuid,
    }[scope]
    import_(target, export(workspace, tmp_path, scope, root))
    got = contents(target)
    assert root in got
    everything = with_hidden_contacts_blank(contents(workspace), ids.hidden)
    assert all(everything[u] == got[u] for u in got)
    types = {kind for kind, _fields in got.values()}
    expected = {
        ex.Scope.CLUSTER: {ex.CLUSTER, ex.AUTHORITY, ex.FLAGS, ex.FORUM, ex.PERSON, ex.ORGANISATION},
        ex.Scope.TOWN: {ex.AUTHORITY, ex.SELECTION, ex.AGREEMENT, ex.PERSON, ex.ORGANISATION},
        ex.Scope.FORUM: {ex.FORUM, ex.PERSON, ex.ORGANISATION},
        ex.Scope.COMMUNITY: {ex.COMMUNITY, ex.PERSON, ex.AUTHORITY},
    }[scope]
    assert types == expected
    if scope is ex.Scope.CLUSTER:  # the forum of another place stays home
        assert [f["state"]["title"] for k, f in got.values() if k == ex.FORUM] == ["פורום עיצוב ירוחם"]


def test_an_unknown_scope_item_is_refused(source: Any, tmp_path: Path) -> None:
    workspace, ids = source
    with pytest.raises(sx.ScopeNotFound):
        export(workspace, tmp_path, ex.Scope.FORUM, ids.town)


def _rezip(path: Path, out: Path, change: Any) -> Path:
    with zipfile.ZipFile(path) as archive:
        head = json.loads(archive.read(ex.HEADER_MEMBER))
        payload = json.loads(archive.read(ex.PAYLOAD_MEMBER))
    change(head, payload)
    data = json.dumps(payload, ensure_ascii=False).encode()
    if not head.pop("keep_checksum", False):
        import hashlib

        head["payload_sha256"] = hashlib.sha256(data).hexdigest()
        head["payload_bytes"] = len(data)
        head["records"] = len(payload["records"])
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(ex.HEADER_MEMBER, json.dumps(head))
        archive.writestr(ex.PAYLOAD_MEMBER, data)
    return out


def _tamper(head: dict[str, Any], payload: dict[str, Any]) -> None:
    payload["records"][0]["fields"]["name"] = "שונה"
    head["keep_checksum"] = True


def _newer_schema(head: dict[str, Any], _payload: dict[str, Any]) -> None:
    head["schema"] = "0099"


def _newer_format(head: dict[str, Any], _payload: dict[str, Any]) -> None:
    head["format_version"] = 2


def _missing_reference(_head: dict[str, Any], payload: dict[str, Any]) -> None:
    payload["records"] = [r for r in payload["records"] if r["type"] != ex.ORGANISATION]


def _unreadable_document(_head: dict[str, Any], payload: dict[str, Any]) -> None:
    forum = next(r for r in payload["records"] if r["type"] == ex.FORUM)
    forum["fields"]["state"] = {"participants": "many"}


def _overlong_name(_head: dict[str, Any], payload: dict[str, Any]) -> None:
    payload["records"][0]["fields"]["name"] = "א" * 100_000


REFUSALS = {
    "overlong text": ("longer than this version allows", _overlong_name),
    "text": ("not a Shutafut exchange file", None),
    "workspace": ("not a Shutafut exchange file", None),
    "truncated": ("damaged or incomplete", None),
    "tampered": ("checksum", _tamper),
    "newer schema": ("newer version", _newer_schema),
    "newer format": ("newer version", _newer_format),
    "missing reference": ("neither in it nor in this workspace", _missing_reference),
    "unreadable document": ("cannot be read", _unreadable_document),
    "oversized": ("too large", None),
}


def test_an_agreement_whose_draft_cannot_be_read_is_refused(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    workspace, ids = source

    def break_the_draft(_head: dict[str, Any], payload: dict[str, Any]) -> None:
        agreement = next(r for r in payload["records"] if r["type"] == ex.AGREEMENT)
        del agreement["fields"]["state"]["draft"]["clauses"]

    bad = _rezip(
        export(workspace, tmp_path, ex.Scope.TOWN, ids.town), tmp_path / f"bad{ex.EXTENSION}", break_the_draft
    )
    before = file_hash(target.path)
    with pytest.raises(ex.ExchangeRefused, match="cannot be read"):
        sx.plan_import(target, bad)
    assert file_hash(target.path) == before


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_each_refusal_leaves_the_workspace_byte_identical(
    source: Any, target: Workspace, tmp_path: Path, case: str
) -> None:
    workspace, _ids = source
    good = export(workspace, tmp_path, ex.Scope.FORUM, _ids.forum_uuid)
    import_(target, export(workspace, tmp_path, ex.Scope.COMMUNITY, _ids.community_uuid, name="community"))
    target.close()  # the WAL is folded into the file: what is compared is everything
    target = Workspace(target.path, target.engine)
    message, change = REFUSALS[case]
    bad = tmp_path / f"bad{ex.EXTENSION}"
    limits = {}
    if case == "text":
        bad.write_text("שלום", encoding="utf-8")
    elif case == "workspace":
        bad.write_bytes(workspace.path.read_bytes())
    elif case == "truncated":
        bad.write_bytes(good.read_bytes()[:-40])
    elif case == "oversized":
        bad, limits = good, {"max_payload_bytes": 100}
    else:
        _rezip(good, bad, change)
    before = file_hash(target.path)
    with pytest.raises(ex.ExchangeRefused, match=message):
        sx.plan_import(target, bad, **limits)
    assert file_hash(target.path) == before
    wal = target.path.with_name(target.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # nothing waits to be written either


def test_a_failure_while_writing_leaves_the_workspace_as_it_was(
    source: Any, target: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _ids = source
    path = export(workspace, tmp_path)
    plan = sx.plan_import(target, path)
    before = contents(target), file_hash(target.path)

    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(sx, "_write_members", fail)
    with pytest.raises(OSError):
        sx.apply_import(target, plan)
    assert (contents(target), file_hash(target.path)) == before
    assert _shared_rows(target) == 0


def _unpacked_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist())


def test_an_export_without_contacts_holds_no_phone_or_email(source: Any, tmp_path: Path) -> None:
    workspace, _ids = source
    with workspace.session() as session:
        people = session.scalars(select(Person)).all()
        phones = [p.phone for p in people if p.phone]
        emails = [p.email for p in people if p.email]
    assert len(phones) == 3 and len(emails) == 3
    text = _unpacked_text(export(workspace, tmp_path, without_contacts=True))
    digits = "".join(c for c in text if c.isdigit())
    for phone in phones:
        assert phone not in text
        assert "".join(c for c in phone if c.isdigit()) not in digits
    for email in [*emails, *EMAILS]:
        assert email not in text
    assert NOTE not in text


def test_people_who_did_not_consent_never_travel_with_contacts(source: Any, tmp_path: Path) -> None:
    workspace, _ids = source
    text = _unpacked_text(export(workspace, tmp_path))
    assert HIDDEN_PHONE not in text and HIDDEN_EMAIL not in text
    dana = load_record(workspace, RecordKind.PERSON, _ids.dana)
    assert dana["phone"] in text and EMAILS[0] in text  # those who agreed do, in a full export


def test_importing_without_contacts_keeps_the_receivers_contacts(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    workspace, ids = source
    import_(target, export(workspace, tmp_path))
    dana = load_record(workspace, RecordKind.PERSON, ids.dana)
    save_record(workspace, RecordKind.PERSON, {**dana, "role": "מנהלת"}, ids.dana)
    plan = sx.plan_import(target, export(workspace, tmp_path, name="private", without_contacts=True))
    assert [i.record.uuid for i in plan.of(ex.Decision.UPDATE)] == [ids.dana]
    sx.apply_import(target, plan)
    got = load_record(target, RecordKind.PERSON, ids.dana)
    assert (got["role"], got["phone"], got["email"], got["notes"]) == (
        "מנהלת",
        dana["phone"],
        EMAILS[0],
        NOTE,
    )


def test_the_same_town_made_apart_on_two_laptops_is_matched(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    """Both laptops imported the CBS list: the town has two UUIDs but one code."""
    workspace, ids = source
    own = save_record(
        target,
        RecordKind.AUTHORITY,
        {"name_he": "ירוחם", "municipal_status": "local_council", "cbs_code": "831", "population": 11000},
    )
    plan = sx.plan_import(target, export(workspace, tmp_path, ex.Scope.TOWN, ids.town))
    assert plan.aliases == {ids.town: own}
    sx.apply_import(target, plan)
    got = contents(target)
    assert ids.town not in got
    agreement = next(f for k, f in got.values() if k == ex.AGREEMENT)
    assert agreement["authority_uuid"] == own
    assert sx.plan_import(target, export(workspace, tmp_path, ex.Scope.TOWN, ids.town, name="again")).count(
        ex.Decision.UNCHANGED
    ) == len(plan.items)


def test_the_receiver_may_lack_nothing_the_file_needs(source: Any, target: Workspace, tmp_path: Path) -> None:
    """A part exported alone refers to records that travel with it: it imports anywhere."""
    workspace, ids = source
    path = export(workspace, tmp_path, ex.Scope.COMMUNITY, ids.community_uuid)
    with zipfile.ZipFile(path) as archive:
        head = json.loads(archive.read(ex.HEADER_MEMBER))
    assert head["scope"] == "community" and head["scope_label"] == "קהילת מנהלי חינוך"
    assert import_(target, path).added == 5
    assert io.BytesIO(path.read_bytes()).read(2) == b"PK"


def test_a_clash_with_a_unique_name_here_is_refused_and_nothing_is_written(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    workspace, ids = source
    import_(target, export(workspace, tmp_path))
    save_record(target, RecordKind.ORGANISATION, {"name": "קרן אחרת", "sector": "ngo"})
    organisation = load_record(workspace, RecordKind.ORGANISATION, ids.organisation)
    save_record(workspace, RecordKind.ORGANISATION, {**organisation, "name": "קרן אחרת"}, ids.organisation)
    town = load_record(workspace, RecordKind.AUTHORITY, ids.town)
    save_record(workspace, RecordKind.AUTHORITY, {**town, "population": 1}, ids.town)
    plan = sx.plan_import(target, export(workspace, tmp_path, name="clash"))
    before = contents(target), _shared_rows(target)
    with pytest.raises(ex.ExchangeRefused, match="same unique name or code"):
        sx.apply_import(target, plan)
    assert (contents(target), _shared_rows(target)) == before


def test_a_reference_already_broken_at_home_travels_as_a_known_gap(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    """A forum still naming a person deleted since: the file says so and imports."""
    workspace, ids = source
    gone = "0b7c5d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e"
    forum = load_forum(workspace, ids.forum)
    forum.add_participant("אורח שנמחק", person_uuid=gone)
    save_forum(workspace, forum, ids.forum)
    path = export(workspace, tmp_path, ex.Scope.FORUM, ids.forum_uuid)
    with zipfile.ZipFile(path) as archive:
        assert json.loads(archive.read(ex.PAYLOAD_MEMBER))["absent"] == [gone]
    assert import_(target, path).added == 3
    assert [p.person_uuid for p in load_forum(target, 1).participants][-1] == gone


def test_a_copy_that_went_out_without_contacts_comes_back_without_erasing_them(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    workspace, ids = source
    import_(target, export(workspace, tmp_path, without_contacts=True))
    assert load_record(target, RecordKind.PERSON, ids.dana)["email"] == ""
    unchanged = sx.plan_import(workspace, export(target, tmp_path, name="back"))
    assert unchanged.count(ex.Decision.UNCHANGED) + unchanged.count(ex.Decision.NEWER_HERE) == len(
        unchanged.items
    )
    dana = load_record(target, RecordKind.PERSON, ids.dana)
    save_record(target, RecordKind.PERSON, {**dana, "role": "יועצת"}, ids.dana)
    plan = sx.plan_import(workspace, export(target, tmp_path, name="changed"))
    assert [i.record.uuid for i in plan.of(ex.Decision.UPDATE)] == [ids.dana]
    sx.apply_import(workspace, plan)
    got = load_record(workspace, RecordKind.PERSON, ids.dana)
    assert (got["role"], got["email"], got["notes"]) == ("יועצת", EMAILS[0], NOTE)
    assert got["phone"]


def _gaps_and_an_odd_date(_head: dict[str, Any], payload: dict[str, Any]) -> None:
    """The organisation left out as a known gap, the agreement's selection gone too, and the
    selection's decision date in ISO's basic form: each reads back otherwise than it came."""
    records = payload["records"]
    organisation = next(r for r in records if r["type"] == ex.ORGANISATION)
    records.remove(organisation)
    gone = "5f0c1d2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5"
    next(r for r in records if r["type"] == ex.AGREEMENT)["fields"]["state"]["selection"] = gone
    next(r for r in records if r["type"] == ex.SELECTION)["fields"]["decided_on"] = "20260301"
    payload["absent"] = sorted({*payload["absent"], organisation["uuid"], gone})


def test_an_import_remembers_the_records_as_they_read_back(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    """What is remembered as shared is what the next export of these records will hold."""
    workspace, ids = source
    path = _rezip(export(workspace, tmp_path), tmp_path / "gaps.shutafut-exchange", _gaps_and_an_odd_date)
    import_(target, path)
    with target.engine.connect() as connection:
        stored = sx._read_all(connection)
        known = sx._known_hashes(connection)
    assert stored[ids.dana].fields["organisation"] is None
    selection = next(r for r in stored.values() if r.type == ex.SELECTION)
    assert selection.fields["decided_on"] == "2026-03-01"
    assert next(r for r in stored.values() if r.type == ex.AGREEMENT).fields["state"]["selection"] is None
    for uuid, record in stored.items():
        assert ex.shared_hashes(record.type, record.fields) <= known[uuid], record.type


def test_a_copy_equal_to_ours_but_for_a_number_written_otherwise_is_a_change(
    source: Any, tmp_path: Path
) -> None:
    """1.0 == 1 in Python, not in the file: such a record is compared (and checked) as changed."""
    workspace, ids = source
    exchange = sx.read_exchange_file(export(workspace, tmp_path))
    forum = next(r for r in exchange.records if r.type == ex.FORUM)
    assert isinstance(forum.fields["state"]["format"], int)
    forum.fields["state"]["format"] = float(forum.fields["state"]["format"])
    changed = tmp_path / f"changed{ex.EXTENSION}"
    with changed.open("wb") as handle:
        ex.write_exchange(exchange.header, exchange.records, exchange.absent, handle)
    plan = sx.plan_import(workspace, changed)
    assert [i.record.uuid for i in plan.items if i.decision is not ex.Decision.UNCHANGED] == [forum.uuid]


def _stored_state(workspace: Workspace, uuid: str) -> str:
    from desktop.storage.tables import ForumRecord

    with workspace.engine.connect() as connection:
        return str(connection.execute(select(ForumRecord.state).where(ForumRecord.uuid == uuid)).scalar_one())


def test_a_document_is_stored_in_the_text_the_file_holds_it_in(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    """Read by the app's own reader from the file's text, and that text is what is stored."""
    workspace, ids = source
    path = export(workspace, tmp_path)
    import_(target, path)
    exchange = sx.read_exchange_file(path)
    forum = next(r for r in exchange.records if r.uuid == ids.forum_uuid)
    document, text = exchange.documents[ids.forum_uuid]
    assert document is forum.fields["state"] and json.loads(text) == forum.fields["state"]
    assert _stored_state(target, ids.forum_uuid) == text
    assert load_forum(target, _forum_id(target, ids.forum_uuid)) == load_forum(workspace, ids.forum)


def _forum_id(workspace: Workspace, uuid: str) -> int:
    from desktop.storage.tables import ForumRecord

    with workspace.engine.connect() as connection:
        return int(connection.execute(select(ForumRecord.id).where(ForumRecord.uuid == uuid)).scalar_one())


@pytest.mark.parametrize("change", ["document", "title", "number"])
def test_a_record_stored_as_the_file_holds_it_is_unchanged_only_while_nothing_differs(
    source: Any, target: Workspace, tmp_path: Path, change: str
) -> None:
    """The shortcut for documents stored in the file's own text: any difference in the
    document's text or in another field makes it a change, compared and checked as such."""
    from sqlalchemy import update

    from desktop.storage.tables import ForumRecord

    workspace, ids = source
    path = export(workspace, tmp_path)
    import_(target, path)
    assert sx.plan_import(target, path).count(ex.Decision.UNCHANGED) == len(contents(workspace))
    stored = _stored_state(target, ids.forum_uuid)
    if change == "number":  # the same value to ==, written otherwise: 1.0 for 1
        values: dict[str, Any] = {"state": stored.replace('"format":1', '"format":1.0', 1)}
    elif change == "document":
        values = {"state": stored.replace("מרכז למידה קהילתי", "מרכז למידה אחר")}
    else:
        values = {"title": "פורום אחר לגמרי"}
    assert values.get("state", "") != stored
    with target.engine.begin() as connection:  # (as another program would, version and all)
        connection.execute(update(ForumRecord).where(ForumRecord.uuid == ids.forum_uuid).values(**values))
    plan = sx.plan_import(target, path)
    assert [i.record.uuid for i in plan.items if i.decision is not ex.Decision.UNCHANGED] == [ids.forum_uuid]


def test_fields_are_the_same_only_with_the_same_types() -> None:
    assert sx._same_values({"a": "x", "b": [1, 2], "c": True}, {"c": True, "b": [1, 2], "a": "x"})
    assert not sx._same_values({"a": 1}, {"a": True})
    assert not sx._same_values({"a": 1}, {"a": 1.0})
    assert not sx._same_values({"a": [1]}, {"a": [1.0]})
    assert not sx._same_values({"a": None}, {"a": ""})
    assert not sx._same_values({"a": 1}, {"a": 1, "b": 2})
    assert sx._same_values({"a": 1, "state": None}, {"a": 1, "state": {"x": 1}}, ignore="state")


def test_an_import_leaves_the_page_cache_as_it_was(source: Any, target: Workspace, tmp_path: Path) -> None:
    """The larger page cache used while writing is given back (it would stay with the pooled
    connection, in memory, as long as the workspace is open)."""
    workspace, _ids = source
    with target.engine.connect() as connection:
        before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    import_(target, export(workspace, tmp_path))
    with target.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == before


def test_everything_takes_the_records_and_gaps_that_walking_its_references_finds(source: Any) -> None:
    workspace, ids = source
    with workspace.engine.connect() as connection:
        records = sx._read_all(connection)
    gone = "5f0c1d2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5"
    records[ids.dana].fields["organisation"] = gone  # (a reference broken at home)
    uuids, absent = sx._closure(records, list(records))
    walked, walked_absent = sx._closure(records, [*records, ids.dana])  # (a root twice: walked)
    assert sorted(uuids) == sorted(walked) == sorted(records)
    assert absent == walked_absent == {gone}


def test_when_everyone_consented_everything_travels_as_it_is(
    source: Any, target: Workspace, tmp_path: Path
) -> None:
    from sqlalchemy import update

    workspace, _ids = source
    with workspace.engine.begin() as connection:
        connection.execute(update(Person).values(consent_contact=True))
    path = export(workspace, tmp_path)
    assert not any(r.contacts_removed for r in sx.read_exchange_file(path).records)
    import_(target, path)
    assert contents(target) == contents(workspace)


def test_a_document_never_carries_the_contacts_of_someone_who_did_not_consent(
    source: Any, tmp_path: Path
) -> None:
    """Whatever object of a document refers to that person (by "person" or "person_uuid")
    leaves without its phone, email and notes; the same details about someone who consented
    travel in a full export."""
    from sqlalchemy import update

    from desktop.storage.tables import ForumRecord

    workspace, ids = source
    stored = json.loads(_stored_state(workspace, ids.forum_uuid))
    stored["participants"] = [
        *stored.get("participants", []),
        {"person_uuid": ids.hidden, "phone": "050-7654321", "notes": "פתק סודי", "name": "נועה"},
        {"person": ids.dana, "email": "dana.forum@example.org", "notes": "פתק גלוי"},
    ]
    with workspace.engine.begin() as connection:
        connection.execute(
            update(ForumRecord)
            .where(ForumRecord.uuid == ids.forum_uuid)
            .values(state=json.dumps(stored, ensure_ascii=False))
        )
    text = _unpacked_text(export(workspace, tmp_path))
    assert "050-7654321" not in text and "פתק סודי" not in text
    assert "dana.forum@example.org" in text and "פתק גלוי" in text
    forum = next(
        r for r in sx.read_exchange_file(tmp_path / f"out{ex.EXTENSION}").records if r.uuid == ids.forum_uuid
    )
    assert forum.contacts_removed


def test_the_document_readers_only_read_what_they_are_given(tmp_path: Path) -> None:
    """The import reads each document from the file's parsed JSON, then writes that same value:
    a reader that changed it would change what is stored."""
    import copy

    from desktop.storage.demo import create_demo_workspace

    demo = create_demo_workspace(tmp_path / "demo.shutafut", whole_path=True)
    out = tmp_path / f"demo{ex.EXTENSION}"
    sx.export_exchange(demo, out, ex.Scope.EVERYTHING)
    demo.close()
    readers = sx._document_readers()
    read: set[str] = set()
    for record in sx.read_exchange_file(out).records:
        if record.type in readers:
            state = record.fields["state"]
            before = copy.deepcopy(state)
            readers[record.type](state)
            assert state == before, record.type
            read.add(record.type)
    assert read == set(readers)  # (the demo holds a document of every kind)


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 12, 7, 9, 30),
        datetime(2026, 12, 7, 9, 30, 5, 40),
        datetime(5, 1, 1),
        datetime.max,
        datetime(2026, 12, 7, 9, 30, tzinfo=UTC),
        date(2026, 3, 4),
        None,
    ],
)
def test_times_are_written_as_sqlalchemy_writes_them(value: datetime | date | None) -> None:
    from sqlalchemy.dialects import sqlite

    processor = DateTime().dialect_impl(sqlite.dialect()).bind_processor(sqlite.dialect())
    faster = sx._bind_conversion(DateTime(), sqlite.dialect())
    assert faster is not None and faster is not processor  # (the faster way, for SQLite's DATETIME)
    assert faster(value) == processor(value)
