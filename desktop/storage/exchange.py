"""Exchange files in a workspace: export a part of it, check and import one in ONE transaction.

Records are read with SQLAlchemy Core, every table of the model except the workspace's own
facts (`workspace_info`) and the exchange bookkeeping. Integer keys become UUIDs on the
way out (a person's organisation, a cluster's members, the selection an agreement
started from) and local ids again on the way in.

Importing is in two steps so the person can look before anything changes:
`plan_import` reads and checks the file and compares it with the workspace (nothing is
written, whatever happens), `apply_import` writes the plan, with the person's choices
for conflicts, in one transaction.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    Table,
    delete,
    insert,
    null,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from desktop import __version__, collector
from desktop.i18n import _, os_error_text
from desktop.models import exchange as ex
from desktop.models import records as records_spec
from desktop.models import validation
from desktop.models.agreement import Agreement
from desktop.models.flags import ClusterFlags
from desktop.models.forum import Forum
from desktop.models.selection_process import SelectionProcess
from desktop.models.validation import printable
from desktop.progress import Progress, step
from desktop.storage import exchange_digests
from desktop.storage.forum_store import merge_exchanged_forum
from desktop.storage.private_files import create_private
from desktop.storage.tables import (
    Base,
    SharedVersion,  # noqa: F401  (the table)
    cluster_member,
    utc_now,
)
from desktop.storage.workspace import Workspace, _known_revisions, head_revision

NOT_EXCHANGED = frozenset({"workspace_info", "exchange_shared", "cluster_member"})
_BOOKKEEPING = ("id", "uuid", "created_at", "updated_at", "version")


def exchanged_tables() -> dict[str, Table]:
    """Record type -> table: every table of the model but those listed in NOT_EXCHANGED
    (cluster members travel with their cluster)."""
    return {name: Base.metadata.tables[name] for name in ex.TYPE_ORDER}


def _field_name(column_name: str) -> str:
    return column_name[:-3] if column_name.endswith("_id") else column_name


def field_specs() -> dict[str, dict[str, tuple[ex.FieldKind, bool]]]:
    """What each record type's fields hold, from the tables themselves."""
    specs: dict[str, dict[str, tuple[ex.FieldKind, bool]]] = {}
    for record_type, table in exchanged_tables().items():
        spec: dict[str, tuple[ex.FieldKind, bool]] = {}
        for column in table.columns:
            if column.name in _BOOKKEEPING:
                continue
            if column.foreign_keys:
                kind = ex.FieldKind.REFERENCE
            elif column.name == "state":
                kind = ex.FieldKind.DOCUMENT
            elif isinstance(column.type, Boolean):
                kind = ex.FieldKind.BOOL
            elif isinstance(column.type, Date | DateTime):
                kind = ex.FieldKind.DATE
            elif isinstance(column.type, Integer):
                kind = ex.FieldKind.INTEGER
            else:
                kind = ex.FieldKind.TEXT
            spec[_field_name(column.name)] = (kind, bool(column.nullable))
        if record_type == ex.CLUSTER:
            spec["members"] = (ex.FieldKind.REFERENCES, False)
        specs[record_type] = spec
    return specs


# --- reading the workspace --------------------------------------------------------------------


@dataclass
class LocalRecord:
    type: str
    id: int
    uuid: str
    fields: dict[str, Any]
    created_at: datetime | None
    updated_at: datetime | None
    version: int
    # read with raw_documents: the stored text of its document, not read yet (fields["state"]
    # is then None until _read_documents reads it)
    document_text: str | None = None


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _read_all(
    connection: Connection, *, raw_documents: bool = False, times: bool = True
) -> dict[str, LocalRecord]:
    """Every exchanged record of the workspace by UUID, its fields as they travel. With
    `raw_documents`, documents (but an agreement's, which travels changed) are kept as the
    stored text in `document_text`, to be read by _read_documents; without `times`, when
    each was made and changed is not read (None)."""
    tables = exchanged_tables()
    uuid_of: dict[str, dict[int, str]] = {
        name: dict(connection.execute(select(table.c.id, table.c.uuid)).all())
        for name, table in tables.items()
    }
    members: dict[int, list[str]] = {}
    for cluster_id, authority_id in connection.execute(
        select(cluster_member.c.cluster_id, cluster_member.c.authority_id)
    ):
        members.setdefault(cluster_id, []).append(uuid_of[ex.AUTHORITY][authority_id])
    records: dict[str, LocalRecord] = {}
    for record_type, table in tables.items():
        # (in the order of their names, as a file holds them: compared quickly, _same_values)
        columns = sorted(
            (c for c in table.columns if c.name not in _BOOKKEEPING), key=lambda c: _field_name(c.name)
        )
        names = [_field_name(c.name) for c in columns]
        # the fields that are not as they travel: (name, how to convert the stored value)
        raw = raw_documents and record_type != ex.AGREEMENT and "state" in names
        conversions = [
            (name, convert)
            for name, column in zip(names, columns, strict=True)
            if (convert := _traveling_form(column, uuid_of)) is not None and not (raw and name == "state")
        ]
        bookkeeping = (
            table.c.id,
            table.c.uuid,
            table.c.created_at if times else null(),
            table.c.updated_at if times else null(),
            table.c.version,
        )
        for row_id, uuid, created_at, updated_at, version, *values in connection.execute(
            select(*bookkeeping, *columns)
        ).all():
            fields: dict[str, Any] = dict(zip(names, values, strict=True))
            for name, convert in conversions:
                fields[name] = convert(fields[name])
            text = None
            if raw:
                text, fields["state"] = fields["state"] or "{}", None
            if record_type == ex.CLUSTER:
                fields["members"] = sorted(members.get(row_id, []))
            if record_type == ex.AGREEMENT and "selection_id" in fields["state"]:
                state = dict(fields["state"])
                selection_id = state.pop("selection_id")
                state["selection"] = (
                    uuid_of[ex.SELECTION].get(selection_id) if isinstance(selection_id, int) else None
                )
                fields["state"] = state
            records[uuid] = LocalRecord(
                record_type, row_id, uuid, fields, created_at, updated_at, version, text
            )
    return records


def _read_documents(records: Iterable[LocalRecord]) -> None:
    """Read the documents _read_all(raw_documents=True) left as text."""
    for record in records:
        if record.document_text is not None:
            record.fields["state"] = json.loads(record.document_text)
            record.document_text = None


def _traveling_form(column: Any, uuid_of: Mapping[str, Mapping[int, str]]) -> Callable[[Any], Any] | None:
    """How a stored value of `column` travels (None: as it is): a reference as the UUID of
    the record, a document as its JSON object, a date in ISO form."""
    if column.foreign_keys:
        uuids = uuid_of[next(iter(column.foreign_keys)).column.table.name]
        return lambda value: uuids.get(value) if value is not None else None
    if column.name == "state":
        return lambda value: json.loads(value or "{}")
    if isinstance(column.type, Date | DateTime):
        return _iso
    return None


def _known_hashes(connection: Connection, uuids: Iterable[str] | None = None) -> dict[str, set[str]]:
    table = Base.metadata.tables["exchange_shared"]
    query = select(table.c.record_uuid, table.c.content_hash)
    known: dict[str, set[str]] = {}
    wanted = set(uuids) if uuids is not None else None
    for record_uuid, content_hash in connection.execute(query).all():
        if wanted is None or record_uuid in wanted:
            known.setdefault(record_uuid, set()).add(content_hash)
    return known


def _remember(connection: Connection, known: Mapping[str, set[str]], hashes: Mapping[str, set[str]]) -> int:
    """Add the hashes not known yet (`known`: read earlier; one added since, by another
    program, is left as it is); returns how many rows were offered."""
    if connection.dialect.paramstyle != "qmark":  # (not SQLite: read them again, here)
        known = _known_hashes(connection, hashes)
    now = utc_now()
    nothing: set[str] = set()
    rows = [  # (in the order of the table's key: its index is filled page after page)
        (record_uuid, content_hash, now)
        for record_uuid in sorted(hashes)
        for content_hash in sorted(hashes[record_uuid] - known.get(record_uuid, nothing))
    ]
    _insert_rows(
        connection,
        Base.metadata.tables["exchange_shared"],
        ["record_uuid", "content_hash", "shared_at"],
        rows,
        or_ignore=True,
    )
    return len(rows)


# --- scopes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScopeItem:
    uuid: str
    label: str


def scope_items(workspace: Workspace, scope: ex.Scope) -> list[ScopeItem]:
    """The clusters, towns, forums or communities one can export, by name."""
    table_name = {
        ex.Scope.CLUSTER: ex.CLUSTER,
        ex.Scope.TOWN: ex.AUTHORITY,
        ex.Scope.FORUM: ex.FORUM,
        ex.Scope.COMMUNITY: ex.COMMUNITY,
    }.get(scope)
    if table_name is None:
        return []
    table = Base.metadata.tables[table_name]
    title = table.c[ex.TITLE_FIELDS[table_name]]
    with workspace.engine.connect() as connection:
        rows = connection.execute(select(table.c.uuid, title)).all()
    return sorted(
        (ScopeItem(uuid, str(name or "")) for uuid, name in rows), key=lambda item: item.label.casefold()
    )


class ScopeNotFound(LookupError):
    """The cluster, town, forum or community to export is not in the workspace."""


def _same_name(a: object, b: object) -> bool:
    return " ".join(str(a or "").split()).casefold() == " ".join(str(b or "").split()).casefold()


def _roots(records: Mapping[str, LocalRecord], scope: ex.Scope, scope_uuid: str) -> list[str]:
    if scope is ex.Scope.EVERYTHING:
        return list(records)
    expected = {
        ex.Scope.CLUSTER: ex.CLUSTER,
        ex.Scope.TOWN: ex.AUTHORITY,
        ex.Scope.FORUM: ex.FORUM,
        ex.Scope.COMMUNITY: ex.COMMUNITY,
    }[scope]
    root = records.get(scope_uuid)
    if root is None or root.type != expected:
        raise ScopeNotFound(scope_uuid)
    roots = [scope_uuid]
    if scope is ex.Scope.CLUSTER:
        # its flags work, and the design forums held for it (a forum names its place)
        roots += [
            r.uuid
            for r in records.values()
            if (r.type in (ex.FLAGS, ex.CLUSTER_PROFILE) and r.fields.get("cluster_uuid") == scope_uuid)
            or (r.type == ex.FORUM and _same_name(r.fields["state"].get("place_of"), root.fields.get("name")))
        ]
    elif scope is ex.Scope.TOWN:
        # the selection processes that considered it and its agreements
        roots += [
            r.uuid
            for r in records.values()
            if r.type in (ex.SELECTION, ex.AGREEMENT, *ex.TOWN_INSTRUMENTS)
            and scope_uuid in ex.references(r.type, r.fields)
        ]
    return roots


def _closure(records: Mapping[str, LocalRecord], roots: Iterable[str]) -> tuple[list[str], set[str]]:
    """The roots and every record they refer to, directly or not; and the references to
    records that do not exist."""
    roots = list(roots)
    if len(roots) == len(records) and set(roots) == records.keys():  # (everything)
        referred: set[str] = set()
        for local in records.values():
            referred.update(ex.references(local.type, local.fields))
        return roots, referred - records.keys()
    chosen: dict[str, None] = {}
    absent: set[str] = set()
    pending = list(roots)
    while pending:
        uuid = pending.pop()
        if uuid in chosen:
            continue
        record = records.get(uuid)
        if record is None:
            absent.add(uuid)
            continue
        chosen[uuid] = None
        # (not `references - chosen.keys()`: that copies every chosen key, per record)
        pending.extend(u for u in ex.references(record.type, record.fields) if u not in chosen)
    return list(chosen), absent


# --- export -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    path: Path
    records: int
    counts: dict[str, int]
    contacts_removed: bool


def export_exchange(
    workspace: Workspace,
    out: Path,
    scope: ex.Scope,
    scope_uuid: str = "",
    *,
    without_contacts: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the chosen part of the workspace to `out` (written aside, then renamed).
    Cancel (`progress`) stops it before the file takes its name: nothing is left."""
    with collector.paused():
        return _export(workspace, out, scope, scope_uuid, without_contacts, progress)


def _export(
    workspace: Workspace,
    out: Path,
    scope: ex.Scope,
    scope_uuid: str,
    without_contacts: bool,
    progress: Progress | None,
) -> ExportResult:
    with workspace.engine.connect() as connection:
        records = _read_all(connection)
        step(progress, 1, 4)
        uuids, absent = _closure(records, _roots(records, scope, scope_uuid))
        known = _known_hashes(connection, uuids) if not workspace.read_only else {}
    hidden = frozenset(
        r.uuid for r in records.values() if r.type == ex.PERSON and not r.fields.get("consent_contact")
    )
    order = {name: index for index, name in enumerate(ex.TYPE_ORDER)}
    chosen = sorted((records[u] for u in uuids), key=lambda r: (order[r.type], r.id))
    step(progress, 2, 4)
    items = []
    encoded = []  # each record's fields as canonical JSON: written, and hashed
    scalar = _scalar_types()
    hidden_text = ex.mentioned(hidden)
    for record in chosen:
        if without_contacts or (record.type == ex.PERSON and record.uuid in hidden):
            fields, removed = ex.without_contacts(record.type, record.fields), True
            encoded.append(ex.canonical(fields))
        elif not hidden or record.type in scalar:  # (nothing about them to withhold)
            fields, removed = record.fields, False
            encoded.append(ex.canonical(fields))
        else:
            text = ex.canonical(record.fields)
            if ex.mentions(text, hidden_text):  # (otherwise nothing would be removed)
                fields = ex.without_contacts(record.type, record.fields, hidden)
                removed = fields != record.fields
                text = ex.canonical(fields) if removed else text
            else:
                fields, removed = record.fields, False
            encoded.append(text)
        items.append(
            ex.ExchangeRecord(
                record.type,
                record.uuid,
                fields,
                _iso(record.created_at) or "",
                _iso(record.updated_at) or "",
                removed,
            )
        )
    root = records.get(scope_uuid)
    header = ex.Header(
        schema=head_revision(),
        app_version=__version__,
        created_at=datetime.now().isoformat(timespec="seconds"),
        scope=scope.value,
        scope_uuid=scope_uuid if root else "",
        scope_label=ex.record_title(root.type, root.fields) if root else "",
        contacts_removed=without_contacts,
    )
    partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    placed = False
    try:
        create_private(partial)  # it names people: owner only
        # The file is written (compressed and checksummed, which let other threads run) in a
        # thread of its own while the hashes to remember are computed here.
        with ThreadPoolExecutor(max_workers=1) as pool:
            writing = pool.submit(_write_file, partial, header, items, absent, encoded)
            exported = (  # ours, and the copy as it left (without some contact details, perhaps)
                {}
                if workspace.read_only
                else {
                    r.uuid: _exported_hashes(r, i, e, scalar)
                    for r, i, e in zip(chosen, items, encoded, strict=True)
                }
            )
            writing.result()
        step(progress, 3, 4)
        if workspace.read_only:
            partial.replace(out)
        else:
            # The file takes its name only inside the transaction that remembers what was
            # shared: a workspace that is busy or full leaves no exchange file behind.
            with workspace.engine.begin() as connection:
                _remember(connection, known, exported)
                step(progress, 4, 4)  # the last moment to stop: this transaction rolls back
                partial.replace(out)
                placed = True
    except BaseException:
        if placed:
            out.unlink(missing_ok=True)
        raise
    finally:
        partial.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    for record in chosen:
        counts[record.type] = counts.get(record.type, 0) + 1
    return ExportResult(out, len(items), counts, without_contacts)


def _write_file(
    path: Path, header: ex.Header, items: list[ex.ExchangeRecord], absent: Iterable[str], encoded: list[bytes]
) -> None:
    with path.open("wb") as handle:
        ex.write_exchange(header, items, absent, handle, encoded_fields=encoded)


def _scalar_types() -> frozenset[str]:
    """The record types none of whose fields holds an object or a list."""
    nested = (ex.FieldKind.DOCUMENT, ex.FieldKind.REFERENCES)
    return frozenset(
        record_type
        for record_type, spec in field_specs().items()
        if all(kind not in nested for kind, _nullable in spec.values())
    )


def _exported_hashes(
    record: LocalRecord, item: ex.ExchangeRecord, encoded: bytes, scalar: frozenset[str] = frozenset()
) -> set[str]:
    """Ours, in both forms, and the copy as it left (`encoded`): without some contact
    details, perhaps; otherwise it is ours, whose hash is already there. (`scalar`: the
    types whose fields, read from their tables, hold no object or list.)"""
    if item.fields == record.fields:  # (the same values, mostly the same objects: quick)
        return ex.shared_hashes(record.type, record.fields, encoded=encoded, scalar=record.type in scalar)
    return ex.shared_hashes(record.type, record.fields) | {ex.content_hash(item.type, item.fields)}


# --- import -------------------------------------------------------------------------------------


class Choice(StrEnum):
    KEEP_MINE = "keep_mine"
    TAKE_THEIRS = "take_theirs"


@dataclass
class PlannedRecord:
    record: ex.ExchangeRecord
    decision: ex.Decision
    mine: LocalRecord | None
    title: str

    @property
    def type_label(self) -> str:
        return _(ex.TYPE_LABELS[self.record.type])


@dataclass
class ImportPlan:
    path: Path
    exchange: ex.ExchangeFile
    items: list[PlannedRecord]
    aliases: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # record UUID -> its name, to show
    known: dict[str, set[str]] = field(default_factory=dict)  # the hashes shared, when planned
    # by record UUID, a document checked and the text it was checked in (_validate_documents)
    texts: dict[str, tuple[object, str]] = field(default_factory=dict)

    def of(self, decision: ex.Decision) -> list[PlannedRecord]:
        return [item for item in self.items if item.decision is decision]

    @property
    def conflicts(self) -> list[PlannedRecord]:
        return self.of(ex.Decision.CONFLICT)

    def count(self, decision: ex.Decision) -> int:
        return len(self.of(decision))

    def containers(self) -> list[list[Any] | dict[Any, Any]]:
        """Every list and dict the plan holds its records in (and the file's), for a caller
        that frees a large plan a piece at a time (views.exchange_dialogs.let_go_of_plan)."""
        exchange = self.exchange
        return [
            self.items,
            exchange.records,
            exchange.file_hashes,
            exchange.documents,
            exchange.absent,
            self.texts,
            self.names,
            self.aliases,
            self.known,
        ]


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    kept: int


def _natural_key(record_type: str, fields: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """The unique key the table enforces besides the UUID (two laptops that each imported the
    CBS list hold the same town under different UUIDs)."""
    if record_type == ex.AUTHORITY and fields.get("cbs_code"):
        return (record_type, fields.get("municipal_status"), fields.get("cbs_code"))
    if record_type in (ex.ORGANISATION, ex.CLUSTER):
        return (record_type, fields.get("name"))
    if record_type in (ex.FLAGS, ex.CLUSTER_PROFILE):
        return (record_type, fields.get("cluster_uuid"))
    return None


def _aliases(records: Mapping[str, LocalRecord], incoming: list[ex.ExchangeRecord]) -> dict[str, str]:
    """Incoming UUID -> local UUID for records that are the same but were made apart."""
    local_keys = {
        key: r.uuid for r in records.values() if (key := _natural_key(r.type, r.fields)) is not None
    }
    aliases: dict[str, str] = {}
    for record in incoming:  # in type order, so a cluster's alias is known before its flags
        if record.uuid in records:
            continue
        fields = ex.rename_references(record.fields, aliases)
        key = _natural_key(record.type, fields)
        if key is not None and key in local_keys and local_keys[key] != record.uuid:
            aliases[record.uuid] = local_keys[key]
    return aliases


def _document_readers() -> dict[str, Callable[[Any], object]]:
    """By record type, the app's reader of its document, taking it parsed (each only reads
    what it is given)."""
    from desktop.models.cluster_profile import profile_from_dict
    from desktop.models.community import community_from_dict
    from desktop.storage.instrument_document_data import document_readers

    return {
        ex.SELECTION: SelectionProcess.from_data,
        ex.FORUM: Forum.from_data,
        ex.FLAGS: ClusterFlags.from_data,
        ex.COMMUNITY: community_from_dict,
        ex.CLUSTER_PROFILE: profile_from_dict,
        **document_readers(),
    }


def _unreadable(record: ex.ExchangeRecord) -> ex.ExchangeRefused:
    return ex.ExchangeRefused(
        _(
            "The exchange file holds a record that cannot be read ({kind} “{title}”). Ask for the file again."
        ).format(kind=_(ex.TYPE_LABELS[record.type]), title=record.title)
    )


def _validate_documents(
    records: Iterable[ex.ExchangeRecord], documents: Mapping[str, tuple[object, str]] | None = None
) -> dict[str, tuple[object, str]]:
    """Documents must read as the app reads them, so nothing unreadable gets in: each is read
    as the file's JSON was parsed (the values the app would read from its text). Returns, by
    record UUID, the documents the file holds as text of their own (`documents`, from
    ExchangeFile): that text is what is written to the column (`_row`) as long as the record
    keeps that very document."""
    documents = documents or {}
    readers = _document_readers()
    texts: dict[str, tuple[object, str]] = {}
    for record in records:
        state = record.fields.get("state") or {}
        try:
            if record.type in readers:
                readers[record.type](state)
            elif record.type == ex.AGREEMENT:
                Agreement.from_data({k: v for k, v in state.items() if k != "selection"})
        except Exception as error:  # noqa: BLE001 - any failure means the document is unreadable
            raise _unreadable(record) from error
        known = documents.get(record.uuid)
        if record.type in readers and known is not None and known[0] is state:
            texts[record.uuid] = known
    return texts


_FORM_SPECS = {
    ex.AUTHORITY: records_spec.AUTHORITY,
    ex.CLUSTER: records_spec.CLUSTER,
    ex.ORGANISATION: records_spec.ORGANISATION,
    ex.PERSON: records_spec.PERSON,
}


def _form_value(spec: records_spec.FieldSpec, value: Any) -> Any:
    """A stored value as the form would hand it to the field's cleaner."""
    if spec.kind is records_spec.FieldKind.NUMBER:
        return "" if value is None else str(value)
    if spec.kind is records_spec.FieldKind.MULTI_CHOICE:
        return [code for code in str(value or "").split(",") if code]
    return value


def _has_field(spec: records_spec.RecordSpec, name: str) -> bool:
    return any(field.name == name for field in spec.fields)


_SCALAR_TYPES = frozenset({type(None), str, int, float, bool})  # (as JSON is parsed: exact types)


def _fields_accepted(records: Iterable[ex.ExchangeRecord]) -> bool:
    """Whether every field of every reference record passes the form's own validator: each
    distinct value of a field (by type and value) is cleaned once, a field at a time."""
    by_type: dict[str, list[Mapping[str, Any]]] = {}
    for record in records:
        if record.type in _FORM_SPECS:
            by_type.setdefault(record.type, []).append(record.fields)
    for record_type, group in by_type.items():
        for spec in _FORM_SPECS[record_type].fields:
            if spec.kind in (records_spec.FieldKind.REFERENCE, records_spec.FieldKind.REFERENCES):
                continue  # (checked against the workspace by check_references)
            name = spec.name
            values = [fields.get(name) for fields in group]
            if spec.kind is records_spec.FieldKind.BOOL:
                if not all(value is None or isinstance(value, bool) for value in values):
                    return False
                continue
            distinct: dict[tuple[type, Any], Any] = {}
            others: list[Any] = []  # (lists, objects, and anything of another type: each cleaned)
            for value in values:
                kind = type(value)
                if kind in _SCALAR_TYPES:
                    distinct[kind, value] = value
                else:
                    others.append(value)
            try:
                for value in (*distinct.values(), *others):
                    if not spec.passes_at_a_glance(value):
                        spec.clean(_form_value(spec, value))
            except validation.ValidationError:
                return False
    return True


def _validate_fields(records: Iterable[ex.ExchangeRecord], *, odd_values: bool = True) -> None:
    """Every field of a reference record passes the form's own validator, and no text
    anywhere holds control characters; otherwise the whole file is refused. (`odd_values`
    false: the file's text was found to hold no control character anywhere.)"""
    records = list(records)
    if not odd_values and _fields_accepted(records):
        return
    # (one record at a time, to name the first that is refused)
    # The values each field was seen to accept: a value many records share (a status, a
    # sector, an empty phone) is cleaned once. A cleaner depends on the value alone.
    accepted: dict[tuple[str, str], set[Any]] = {}
    checked = [
        (
            record_type,
            [
                (field, accepted.setdefault((record_type, field.name), set()))
                for field in spec.fields
                if field.kind not in (records_spec.FieldKind.REFERENCE, records_spec.FieldKind.REFERENCES)
            ],
        )
        for record_type, spec in _FORM_SPECS.items()
    ]  # (references are checked against the workspace by check_references)
    fields_of = dict(checked)
    for record in records:
        bad = ex.control_character_field(record.fields) if odd_values else None
        spec = _FORM_SPECS.get(record.type)
        if bad is None and spec is not None:
            for field, good in fields_of[record.type]:
                value = record.fields.get(field.name)
                if field.kind is records_spec.FieldKind.BOOL:
                    if value is not None and not isinstance(value, bool):
                        bad = field.name
                    continue
                hashable = isinstance(value, str | int | float | bool) or value is None
                if hashable and (type(value), value) in good:
                    continue
                try:
                    field.clean(_form_value(field, value))
                except validation.ValidationError:
                    bad = field.name
                    break
                if hashable:
                    good.add((type(value), value))
        if bad is not None:
            raise ex.ExchangeRefused(
                _(
                    "The exchange file holds a value this version does not accept ({kind} “{title}”, "
                    "field {field}). Nothing was imported."
                ).format(
                    kind=_(ex.TYPE_LABELS[record.type]),
                    title=printable(record.title[:60]),
                    field=_(spec.field(bad).label)
                    if spec is not None and _has_field(spec, bad)
                    else printable(bad[:60]),
                )
            )


def _check_lengths(records: Iterable[ex.ExchangeRecord]) -> None:
    """Text longer than its column allows (the app never writes such) is refused."""
    limits: dict[str, dict[str, int]] = {}
    for record_type, table in exchanged_tables().items():
        limits[record_type] = {}
        for column in table.columns:
            length = getattr(column.type, "length", None)
            if isinstance(length, int):
                limits[record_type][_field_name(column.name)] = length
    records = list(records)
    by_type: dict[str, list[Mapping[str, Any]]] = {}
    for record in records:
        by_type.setdefault(record.type, []).append(record.fields)
    if all(
        all(not isinstance(value, str) or len(value) <= limit for value in [f.get(name) for f in group])
        for record_type, group in by_type.items()
        for name, limit in limits[record_type].items()
    ):
        return
    for record in records:  # (one at a time, to name the first that is too long)
        for name, limit in limits[record.type].items():
            value = record.fields.get(name)
            if isinstance(value, str) and len(value) > limit:
                raise ex.ExchangeRefused(
                    _(
                        "The exchange file holds a text longer than this version allows ({kind} "
                        "“{title}”: {count} characters, at most {limit})."
                    ).format(
                        kind=_(ex.TYPE_LABELS[record.type]),
                        title=record.title[:60],
                        count=len(value),
                        limit=limit,
                    )
                )


def read_exchange_file(
    path: Path, digests_elsewhere: ex.DigestsElsewhere | None = None, **limits: int
) -> ex.ExchangeFile:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            return ex.read_exchange(
                handle,
                size,
                known_schemas=_known_revisions(),
                specs=field_specs(),
                digests_elsewhere=digests_elsewhere,
                **limits,
            )
    except OSError as error:
        raise ex.ExchangeRefused(
            _("The file {name} cannot be read: {error}").format(name=path.name, error=os_error_text(error))
        ) from error


def plan_import(
    workspace: Workspace, path: Path, *, progress: Progress | None = None, **limits: int
) -> ImportPlan:
    """Check the file and compare it with the workspace; writes nothing."""
    try:
        with collector.paused():
            return _plan_import(workspace, path, progress, **limits)
    except RecursionError as error:  # a document nested thousands deep
        raise ex.damaged() from error


def _same_as_ours(
    record: ex.ExchangeRecord, records: Mapping[str, LocalRecord], exchange: ex.ExchangeFile
) -> bool:
    """Whether the record is ours as it is, to the byte of its canonical JSON (== alone
    takes 1 for 1.0 or true): its document stored in the very text the file holds it in
    (`documents`), or equal to ours by the hash of the file's text, and every other field of
    the same type and value. Then our record takes the file's fields, the same content read."""
    mine = records.get(record.uuid)
    if mine is None or mine.type != record.type or record.uuid not in exchange.laid_out:
        return False
    theirs = record.fields
    if mine.document_text is not None:  # (its document not read: compared as text)
        document = exchange.documents.get(record.uuid)
        if document is None or document[0] is not theirs.get("state") or document[1] != mine.document_text:
            return False
        if not _same_values(mine.fields, theirs, ignore="state"):
            return False
    elif "state" in theirs:  # (an agreement's document, read: compared by its hash)
        full = exchange.full_hash(record.uuid, theirs)
        if mine.fields != theirs or full is None or ex.content_hash(mine.type, mine.fields) != full:
            return False
    elif not _same_values(mine.fields, theirs):
        return False
    mine.fields, mine.document_text = theirs, None
    return True


def _same_values(mine: Mapping[str, Any], theirs: Mapping[str, Any], ignore: str = "") -> bool:
    """Whether the fields (texts, numbers, flags, lists of texts) are the same, each of the
    same type (1, 1.0 and true are not), but for the field `ignore`."""
    if not ignore and list(mine) == list(theirs):  # (in the same order: compared in C)
        types = list(map(type, theirs.values()))
        if list not in types:
            return mine == theirs and types == list(map(type, mine.values()))
    if mine.keys() != theirs.keys():
        return False
    for name, value in theirs.items():
        other = mine[name]
        if value is other or name == ignore:
            continue
        if type(value) is not type(other) or value != other:
            return False
        if type(value) is list and any(type(a) is not type(b) for a, b in zip(value, other, strict=True)):
            return False
    return True


def _plan_import(
    workspace: Workspace, path: Path, progress: Progress | None = None, **limits: int
) -> ImportPlan:
    exchange = read_exchange_file(path, exchange_digests.start, **limits)
    try:
        return _planned(workspace, exchange, path, progress)
    finally:
        exchange.discard_pending()


def _planned(
    workspace: Workspace, exchange: ex.ExchangeFile, path: Path, progress: Progress | None = None
) -> ImportPlan:
    step(progress, 1, 4)
    with workspace.engine.connect() as connection:
        records = _read_all(connection, raw_documents=True, times=False)
        order = {name: index for index, name in enumerate(ex.TYPE_ORDER)}
        exchange.records.sort(key=lambda r: order[r.type])
        aliases = _aliases(records, exchange.records)  # (from fields that are not documents)
        # A record the same as ours is unchanged, not written: its values are ours, checked
        # already. Every other record is checked as the forms and the app read it. (Renamed
        # references change records: then every one is checked and compared.)
        same = set() if aliases else {r.uuid for r in exchange.records if _same_as_ours(r, records, exchange)}
        _read_documents(records.values())  # (the others' documents)
        new = [record for record in exchange.records if record.uuid not in same]
        _check_lengths(new)
        _validate_fields(new, odd_values=exchange.odd_values)
        texts = _validate_documents(new, exchange.documents)  # (their texts checked below)
        step(progress, 2, 4)
        incoming = []
        for record in exchange.records:
            fields = ex.rename_references(record.fields, aliases)
            if record.type == ex.CLUSTER:
                members = sorted(fields["members"])
                if members != fields["members"]:
                    exchange.hashes.pop(record.uuid, None)  # (no longer the file's text)
                fields["members"] = members
            if fields is record.fields and record.uuid not in aliases:
                incoming.append(record)  # (as it is: nothing renamed)
                continue
            incoming.append(
                ex.ExchangeRecord(
                    record.type,
                    aliases.get(record.uuid, record.uuid),
                    fields,
                    record.created_at,
                    record.updated_at,
                    record.contacts_removed,
                )
            )
        exchange.records = incoming
        ex.check_references(exchange, records, same)
        known = _known_hashes(connection, (r.uuid for r in incoming))
    exchange.hashes  # noqa: B018 - (those computed elsewhere: in, before the plan is handed over)
    step(progress, 3, 4)
    titles = {r.uuid: r.title for r in incoming}
    names = {u: ex.record_title(r.type, r.fields) for u, r in records.items() if u not in titles}
    names.update(titles)
    items = []
    for record in incoming:
        mine = records.get(record.uuid)
        if mine is not None and mine.type != record.type:
            raise ex.ExchangeRefused(
                _(
                    "The exchange file does not match this workspace: a record has the identity "
                    "of another kind of record here."
                )
            )
        decision = (
            ex.Decision.UNCHANGED
            if record.uuid in same
            else ex.decide(mine.fields if mine else None, record, known.get(record.uuid, ()))
        )
        if (
            record.type == ex.FORUM
            and mine is not None
            and decision in (ex.Decision.CONFLICT, ex.Decision.UPDATE)
        ):
            # laptops that ran the same forum: merged by id, so neither side's ideas are lost
            record.fields = merge_exchanged_forum(mine.fields, record.fields)
            decision = ex.Decision.UPDATE
            titles[record.uuid] = record.title
        title = (
            titles[record.uuid]
            if record.type not in (ex.FLAGS, ex.CLUSTER_PROFILE)
            else str(names.get(str(record.fields.get("cluster_uuid")), ""))
        )
        items.append(PlannedRecord(record, decision, mine, title))
    return ImportPlan(
        path,
        exchange,
        items,
        aliases,
        {u: str(n) for u, n in names.items() if n and not ex.is_uuid(n)},
        known,
        texts,
    )


class WorkspaceChanged(Exception):
    """The workspace changed between the preview and the import; nothing was written."""


@dataclass(frozen=True)
class _Column:
    """How one field is written to its column."""

    name: str  # the column's
    field: str  # the field's, as it travels
    target: str = ""  # the table a reference points into
    state: bool = False  # a JSON document
    date: type[date] | None = None  # date or datetime


def _columns(table: Table) -> list[_Column]:
    found = []
    for column in table.columns:
        if column.name in _BOOKKEEPING:
            continue
        if column.foreign_keys:
            target = next(iter(column.foreign_keys)).column.table.name
            found.append(_Column(column.name, _field_name(column.name), target=target))
        elif column.name == "state":
            found.append(_Column(column.name, column.name, state=True))
        elif isinstance(column.type, DateTime):
            found.append(_Column(column.name, column.name, date=datetime))
        elif isinstance(column.type, Date):
            found.append(_Column(column.name, column.name, date=date))
        else:
            found.append(_Column(column.name, column.name))
    return found


def _row(
    table: Table,
    columns: Iterable[_Column],
    fields: Mapping[str, Any],
    ids: Mapping[str, dict[str, int]],
    selection_ids: Mapping[str, int],
    text: tuple[object, str] | None = None,
) -> tuple[list[Any], Mapping[str, Any]]:
    """The values of a record's fields for the table's columns (in the order of `columns`),
    and the fields as that row reads back (`_read_all`): a reference to a record that is not
    here reads back empty, a date in its ISO form. (`fields` itself when nothing differs.)
    `text`: a document and the JSON text it was checked in, written as it is when the record
    holds that very document."""
    values: list[Any] = []
    stored: dict[str, Any] | None = None
    for column in columns:
        value = fields[column.field]
        if column.target:
            value = ids[column.target].get(value) if value else None
            if value is None and fields[column.field] is not None:
                stored = stored if stored is not None else dict(fields)
                stored[column.field] = None
        elif column.state:
            if text is not None and text[0] is value:
                value = text[1]
            else:
                state = dict(value)
                if table.name == ex.AGREEMENT and "selection" in state:
                    selection = state.pop("selection") or ""
                    state["selection_id"] = selection_ids.get(selection)
                    if state["selection_id"] is None and value.get("selection") is not None:
                        stored = stored if stored is not None else dict(fields)
                        stored[column.field] = {**value, "selection": None}
                value = json.dumps(state, ensure_ascii=False)
        elif column.date is not None and value is not None:
            value = column.date.fromisoformat(value)
            # (SQLite keeps a time without its offset)
            kept = (value.replace(tzinfo=None) if isinstance(value, datetime) else value).isoformat()
            if kept != fields[column.field]:
                stored = stored if stored is not None else dict(fields)
                stored[column.field] = kept
        values.append(value)
    return values, fields if stored is None else stored


_SQLITE_DATETIME_TEXT = (
    "%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d.%(microsecond)06d"
)


def _bind_conversion(column_type: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """How SQLAlchemy converts a value of `column_type` for the driver (None: as it is); for
    SQLite's DATETIME writing SQLAlchemy's default text, `isoformat` for a naive datetime (the
    same text, at a third of the cost on the tens of thousands of times of a large import)."""
    implementation = column_type.dialect_impl(dialect)
    processor: Callable[[Any], Any] | None = implementation.bind_processor(dialect)
    if processor is None or getattr(implementation, "_storage_format", None) != _SQLITE_DATETIME_TEXT:
        return processor

    def as_text(value: Any) -> Any:
        if type(value) is datetime and value.tzinfo is None:
            return value.isoformat(" ", "microseconds")
        return processor(value)

    return as_text


def _insert_rows(
    connection: Connection,
    table: Table,
    names: list[str],
    rows: list[tuple[Any, ...]],
    or_ignore: bool = False,
) -> None:
    """INSERT many rows (values in the order of the columns `names`) through the database
    driver: SQLAlchemy's own executemany builds and converts a dictionary of parameters per
    row, which took a third of the time of importing a large file. Values are converted for
    the driver as SQLAlchemy would (times as text, booleans as integers)."""
    if not rows:
        return
    dialect = connection.dialect
    if dialect.paramstyle != "qmark":  # (not SQLite's driver: the ordinary way)
        connection.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])
        return
    conversions = [
        (index, convert)
        for index, name in enumerate(names)
        if (convert := _bind_conversion(table.c[name].type, dialect)) is not None
    ]
    quote = dialect.identifier_preparer.quote
    statement = "INSERT {ignore}INTO {table} ({columns}) VALUES ({marks})".format(
        ignore="OR IGNORE " if or_ignore else "",
        table=dialect.identifier_preparer.format_table(table),
        columns=", ".join(quote(name) for name in names),
        marks=", ".join(["?"] * len(names)),
    )
    if conversions:
        converted = []
        last: dict[int, tuple[Any, Any]] = {}  # by column, the last value converted and its result
        for row in rows:
            values = list(row)
            for index, convert in conversions:
                value = values[index]
                previous = last.get(index)
                if previous is not None and previous[0] is value:  # (the rows remembered
                    values[index] = previous[1]  # when sharing all hold the same time)
                else:
                    values[index] = convert(value)
                    last[index] = (value, values[index])
            converted.append(tuple(values))
        rows = converted
    connection.exec_driver_sql(statement, rows)


def apply_import(
    workspace: Workspace,
    plan: ImportPlan,
    choices: Mapping[str, Choice] | None = None,
    *,
    progress: Progress | None = None,
) -> ImportResult:
    """Write the plan in one transaction. Every conflict needs a choice (by record UUID).
    Cancel (`progress`) rolls the transaction back: nothing is imported."""
    choices = dict(choices or {})
    unresolved = [item.record.uuid for item in plan.conflicts if item.record.uuid not in choices]
    if unresolved:
        raise ValueError(f"conflicts without a choice: {unresolved}")
    try:
        with collector.paused():
            return _apply(workspace, plan, choices, progress)
    except IntegrityError as error:
        raise ex.ExchangeRefused(
            _(
                "Records in the file clash with different records here that have the same unique "
                "name or code ({detail}). Nothing was imported."
            ).format(detail=getattr(error, "orig", None) or error)
        ) from error


def _apply(
    workspace: Workspace, plan: ImportPlan, choices: Mapping[str, Choice], progress: Progress | None = None
) -> ImportResult:
    tables = exchanged_tables()
    added = updated = unchanged = kept = 0
    with workspace.engine.begin() as connection, _large_cache(connection):
        versions: dict[str, int] = {}
        for table in tables.values():
            versions.update(connection.execute(select(table.c.uuid, table.c.version)).all())
        for item in plan.items:  # nothing may have changed since the preview
            now = versions.get(item.record.uuid)
            before = item.mine
            if (now is None) != (before is None) or (
                now is not None and before is not None and now != before.version
            ):
                raise WorkspaceChanged(item.record.uuid)
        ids = {name: dict(connection.execute(select(t.c.uuid, t.c.id)).all()) for name, t in tables.items()}
        remember: dict[str, set[str]] = {}
        clusters: list[ex.ExchangeRecord] = []
        # what was taken, as it reads back once written (references and dates as stored)
        taken: list[tuple[ex.ExchangeRecord, Mapping[str, Any]]] = []
        stamp = utc_now()
        by_type: dict[str, list[PlannedRecord]] = {}
        for item in plan.items:
            by_type.setdefault(item.record.type, []).append(item)
        for number, record_type in enumerate(ex.TYPE_ORDER):
            step(progress, number, len(ex.TYPE_ORDER) + 1)
            table = tables[record_type]
            columns = _columns(table)
            names = [column.name for column in columns]
            selection_ids = ids[ex.SELECTION]
            new_rows: list[tuple[Any, ...]] = []
            for item in by_type.get(record_type, ()):
                record = item.record
                mine = item.mine.fields if item.mine else None
                take = item.decision in (ex.Decision.ADD, ex.Decision.UPDATE) or (
                    item.decision is ex.Decision.CONFLICT and choices[record.uuid] is Choice.TAKE_THEIRS
                )
                if not take:
                    if item.decision is ex.Decision.UNCHANGED:
                        unchanged += 1
                        remember[record.uuid] = _shared_hashes(plan, record, mine or {})
                    else:
                        kept += 1
                        remember[record.uuid] = {
                            ex.content_hash(
                                record.type, record.fields, contacts_removed=record.contacts_removed
                            )
                        }
                    continue
                # (theirs as they are, for a record not here: _row copies what it changes)
                fields = record.fields if mine is None else ex.incoming_fields(mine, record)
                values, stored = _row(table, columns, fields, ids, selection_ids, plan.texts.get(record.uuid))
                if record_type == ex.CLUSTER:
                    clusters.append(record)
                    # (its members as they read back: those here, in order)
                    members = sorted(a for a in record.fields["members"] if a in ids[ex.AUTHORITY])
                    if members != stored["members"]:
                        stored = {**stored, "members": members}
                taken.append((record, stored))
                if item.mine is None:
                    added += 1
                    created = record.created_at or stamp.isoformat()
                    new_rows.append(
                        (
                            *values,
                            record.uuid,
                            1,
                            datetime.fromisoformat(created),
                            datetime.fromisoformat(record.updated_at or created),
                        )
                    )
                else:
                    updated += 1
                    row = dict(zip(names, values, strict=True))
                    connection.execute(
                        update(table)
                        .where(table.c.id == item.mine.id)
                        .values(**row, version=table.c.version + 1, updated_at=stamp)
                    )
            if new_rows:
                _insert_rows(
                    connection, table, [*names, "uuid", "version", "created_at", "updated_at"], new_rows
                )
                ids[record_type] = dict(connection.execute(select(table.c.uuid, table.c.id)).all())
            if record_type == ex.CLUSTER:
                _write_members(connection, clusters, ids)
        # remember what was stored (as it reads back, with references to records not here
        # left empty), and their copy as it came when that differs
        for record, stored in taken:
            remember[record.uuid] = _shared_hashes(plan, record, stored)
            if record.contacts_removed or (stored is not record.fields and stored != record.fields):
                # (otherwise the same hash)
                remember[record.uuid].add(
                    ex.content_hash(record.type, record.fields, contacts_removed=record.contacts_removed)
                )
        _remember(connection, plan.known, remember)
        step(progress, len(ex.TYPE_ORDER) + 1, len(ex.TYPE_ORDER) + 1)  # the last moment to stop
    return ImportResult(added, updated, unchanged, kept)


@contextmanager
def _large_cache(connection: Connection, kibibytes: int = 64 * 1024) -> Iterator[None]:
    """SQLite's page cache of this connection enlarged while a file's records are written
    (its 2 MB are spilled to the log again and again while the indexes of tens of megabytes
    of rows are filled), then as it was."""
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{int(kibibytes)}")
    try:
        yield
    finally:
        with suppress(SQLAlchemyError):  # (a connection that failed: what failed is what is told)
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def _shared_hashes(plan: ImportPlan, record: ex.ExchangeRecord, fields: Mapping[str, Any]) -> set[str]:
    """`ex.shared_hashes(record.type, fields)`, taken from the file's text when `fields` hold
    the record's values as the file holds them. (Here == is enough: what is stored differs
    from the file's values only where a reference or a date was replaced, and an unchanged
    record is ours to the byte or equal but for contact details, which are text.)"""
    from_file = plan.exchange.hashes.get(record.uuid)
    if from_file is not None and (fields is record.fields or fields == record.fields):
        found = from_file.of(record.fields)
        if found is not None:
            return found
    return ex.shared_hashes(record.type, fields)


def _write_members(
    connection: Connection, clusters: Iterable[ex.ExchangeRecord], ids: Mapping[str, dict[str, int]]
) -> None:
    """The member authorities of the clusters that were added or taken."""
    for record in clusters:
        cluster_id = ids[ex.CLUSTER][record.uuid]
        connection.execute(delete(cluster_member).where(cluster_member.c.cluster_id == cluster_id))
        rows = [
            {"cluster_id": cluster_id, "authority_id": ids[ex.AUTHORITY][a]}
            for a in record.fields["members"]
            if a in ids[ex.AUTHORITY]
        ]
        if rows:
            connection.execute(insert(cluster_member), rows)
