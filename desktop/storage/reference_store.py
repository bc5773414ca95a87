"""Reading and writing reference records as plain dictionaries of field values.

Views and the CLI work with `dict[str, Any]` keyed by the field names of
`desktop.models.records`; this module is the only place that maps them to ORM
objects. References between records travel as UUIDs, so an undone delete can
bring a record back under the same identity.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import CursorResult, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.sql.elements import ColumnElement

from desktop import collector
from desktop.i18n import N_, _
from desktop.models.records import RECORD_SPECS, FieldKind, RecordKind, RecordSpec
from desktop.storage.concurrency import check_version, guarded_save
from desktop.storage.tables import Authority, Base, Organisation, Person, RegionalCluster, cluster_member
from desktop.storage.workspace import Workspace

MODEL_BY_KIND: dict[RecordKind, type[Base]] = {
    RecordKind.AUTHORITY: Authority,
    RecordKind.CLUSTER: RegionalCluster,
    RecordKind.ORGANISATION: Organisation,
    RecordKind.PERSON: Person,
}


class RecordInvalid(ValueError):
    """The values do not pass validation; `errors` maps field names to translated messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class RecordInUse(ValueError):
    """The record cannot be deleted because others refer to it; the message names them."""


class RecordNotFound(LookupError):
    pass


def title_of(kind: RecordKind, record: Any) -> str:
    return str(getattr(record, RECORD_SPECS[kind].title_field))


def _get(session: Session, kind: RecordKind, uuid: str) -> Any:
    model: Any = MODEL_BY_KIND[kind]
    query = select(model).where(model.uuid == uuid)
    # What _values_of reads comes in the same query, not in a lazy load after it.
    if kind is RecordKind.PERSON:
        query = query.options(joinedload(Person.organisation))
    elif kind is RecordKind.CLUSTER:
        query = query.options(selectinload(RegionalCluster.members))
    record = session.scalar(query)
    if record is None:
        raise RecordNotFound(uuid)
    return record


def _values_of(spec: RecordSpec, record: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"uuid": record.uuid}
    for field in spec.fields:
        if field.kind is FieldKind.MULTI_CHOICE:
            raw = getattr(record, field.name) or ""
            values[field.name] = [code for code in raw.split(",") if code]
        elif field.name == "organisation":
            values[field.name] = record.organisation.uuid if record.organisation else None
        elif field.name == "members":
            values[field.name] = [member.uuid for member in record.members]
        else:
            values[field.name] = getattr(record, field.name)
    return values


def _apply(session: Session, spec: RecordSpec, record: Any, cleaned: dict[str, Any]) -> None:
    for field in spec.fields:
        value = cleaned[field.name]
        if field.kind is FieldKind.MULTI_CHOICE:
            setattr(record, field.name, ",".join(value))
        elif field.name == "organisation":
            record.organisation = _get(session, RecordKind.ORGANISATION, value) if value else None
        elif field.name == "members":
            record.members = [_get(session, RecordKind.AUTHORITY, uuid) for uuid in value]
        elif field.kind is FieldKind.MULTILINE or field.kind in (
            FieldKind.TEXT,
            FieldKind.LTR_TEXT,
        ):
            # Empty optional codes are NULL, so they never collide in unique constraints.
            nullable = type(record).__table__.c[field.name].nullable
            setattr(record, field.name, value if value is not None or nullable else "")
        else:
            setattr(record, field.name, value)


def _check_unique(session: Session, kind: RecordKind, cleaned: dict[str, Any], uuid: str | None) -> None:
    model: Any = MODEL_BY_KIND[kind]
    errors: dict[str, str] = {}
    if kind is RecordKind.AUTHORITY and cleaned.get("cbs_code"):
        clash = session.scalar(
            select(model).where(
                model.cbs_code == cleaned["cbs_code"],
                model.municipal_status == cleaned["municipal_status"],
                model.uuid != (uuid or ""),
            )
        )
        if clash is not None:
            errors["cbs_code"] = _("Another authority with this status has this CBS code: {name}.").format(
                name=clash.name_he
            )
    if kind in (RecordKind.CLUSTER, RecordKind.ORGANISATION):
        clash = session.scalar(select(model).where(model.name == cleaned["name"], model.uuid != (uuid or "")))
        if clash is not None:
            errors["name"] = _("This name is already in use.")
    if errors:
        raise RecordInvalid(errors)


def validate_record(kind: RecordKind, values: dict[str, Any]) -> dict[str, str]:
    """Field errors for `values` without touching storage (for validate-as-you-type)."""
    return RECORD_SPECS[kind].clean(values)[1]


def list_records(
    workspace: Workspace, kind: RecordKind, uuids: Collection[str] | None = None
) -> list[dict[str, Any]]:
    """Every record of `kind` (or only those of `uuids`) as field values, by record number,
    with references shown by their titles ("organisation_title", "member_titles").

    One query reads the rows and the titles they refer to (plus one for cluster members),
    column by column: no ORM objects, no per-row loads.
    """
    names, rows = _table(workspace, kind, uuids, None)
    return [dict(zip(names, row, strict=True)) for row in rows]


def list_rows(
    workspace: Workspace, kind: RecordKind, uuids: Collection[str] | None = None
) -> list[dict[str, Any]]:
    """As list_records, with only the fields a list shows or searches (and references)."""
    names, rows = list_table(workspace, kind, uuids)
    return [dict(zip(names, row, strict=True)) for row in rows]


def list_table(
    workspace: Workspace, kind: RecordKind, uuids: Collection[str] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """As list_rows, as a table: the names of the values, then one tuple of values per record.

    What a list of 20,000 people loads: the tuples are those the database driver makes, so
    reading them costs little more than the query itself.
    """
    spec = RECORD_SPECS[kind]
    shown = {column.field for column in spec.columns} | set(spec.search_fields)
    return _table(workspace, kind, uuids, shown)


def _plain_rows(result: CursorResult[Any]) -> list[tuple[Any, ...]]:
    """The rows of `result` as tuples of values.

    When SQLAlchemy converts no column (text and numbers; a date or a flag it would), the
    driver's own tuples are the values: reading them straight from its cursor skips making a
    Row object per row.
    """
    try:
        processors = getattr(getattr(result, "_metadata", None), "_processors", None)
        if isinstance(processors, list) and not any(processors):
            return list(result.cursor.fetchall())
        return [tuple(row) for row in result.fetchall()]
    finally:
        result.close()


def _table(
    workspace: Workspace, kind: RecordKind, uuids: Collection[str] | None, wanted: set[str] | None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    spec = RECORD_SPECS[kind]
    model: Any = MODEL_BY_KIND[kind]
    plain = [
        field
        for field in spec.fields
        if field.name not in ("organisation", "members")
        and field.kind is not FieldKind.REFERENCES
        and (wanted is None or field.name in wanted)
    ]
    names = ["uuid", *(field.name for field in plain)]
    columns = [model.uuid, *(getattr(model, field.name) for field in plain)]
    if kind is RecordKind.PERSON:
        names += ["organisation", "organisation_title"]
        # A person without an organisation shows an empty title, as SQL says it.
        columns += [Organisation.uuid, func.coalesce(Organisation.name, "")]
    # The record number is read for a cluster's members only; the rows come by it anyway.
    query = select(*columns, model.id) if kind is RecordKind.CLUSTER else select(*columns)
    if kind is RecordKind.PERSON:
        query = query.outerjoin(Organisation, Person.organisation_id == Organisation.id)
    if uuids is not None:
        query = query.where(model.uuid.in_(list(uuids)))
    multi = [place for place, field in enumerate(plain, start=1) if field.kind is FieldKind.MULTI_CHOICE]
    with workspace.session() as session, collector.paused():
        connection = session.connection()  # Core rows: no ORM bookkeeping per row
        rows = _plain_rows(connection.execute(query.order_by(model.id)))
        width = len(names)
        if multi:  # stored as "a,b": a list of codes
            changed = []
            for row in rows:
                values = list(row)
                for place in multi:
                    values[place] = [code for code in (values[place] or "").split(",") if code]
                changed.append(tuple(values))
            rows = changed
        if kind is RecordKind.CLUSTER:
            ids = [row[width] for row in rows]
            members: dict[int, list[tuple[str, str]]] = {number: [] for number in ids}
            member_query = (
                select(cluster_member.c.cluster_id, Authority.uuid, Authority.name_he)
                .join(Authority, Authority.id == cluster_member.c.authority_id)
                .order_by(Authority.name_he)
            )
            if uuids is not None:
                member_query = member_query.where(cluster_member.c.cluster_id.in_(ids))
            for cluster_id, uuid, name in connection.execute(member_query):
                members[cluster_id].append((uuid, name))
            names += ["members", "member_titles"]
            rows = [
                (
                    *row[:width],
                    [uuid for uuid, _name in members[number]],
                    [name for _uuid, name in members[number]],
                )
                for number, row in zip(ids, rows, strict=True)
            ]
        return names, rows


def load_record(workspace: Workspace, kind: RecordKind, uuid: str) -> dict[str, Any]:
    """The record's field values, with its "version" (to pass back to save_record)."""
    with workspace.session() as session:
        record = _get(session, kind, uuid)
        return {**_values_of(RECORD_SPECS[kind], record), "version": record.version}


def _what(kind: RecordKind, name: object) -> str:
    return _("“{name}” ({kind})").format(kind=_(RECORD_SPECS[kind].singular), name=name)


def save_record(
    workspace: Workspace,
    kind: RecordKind,
    values: dict[str, Any],
    uuid: str | None = None,
    *,
    expected_version: int | None = None,
) -> str:
    """Validate and store `values`: update the record `uuid`, or create it when it is absent.

    Returns the record's UUID. Raises RecordInvalid with the errors by field, and
    ConcurrentEdit (with the other person's values) when `expected_version` — the version
    the values were loaded at — is given and someone else saved or deleted it since.
    """
    spec = RECORD_SPECS[kind]
    cleaned, errors = spec.clean(values)
    if errors:
        raise RecordInvalid(errors)

    def reread(session: Session) -> tuple[Any, Any]:
        try:
            record = _get(session, kind, uuid) if uuid else None
        except RecordNotFound:
            return None, None
        return record, (None if record is None else {**_values_of(spec, record), "version": record.version})

    with guarded_save(workspace, _what(kind, cleaned[spec.title_field]), reread) as session:
        record: Any
        try:
            record = _get(session, kind, uuid) if uuid else None
        except RecordNotFound:
            record = None
        if uuid and expected_version is not None:
            check_version(
                record,
                expected_version,
                _what(kind, title_of(kind, record) if record is not None else cleaned[spec.title_field]),
                lambda row: {**_values_of(spec, row), "version": row.version},
            )
        _check_unique(session, kind, cleaned, uuid)
        if record is None:
            record = MODEL_BY_KIND[kind]()
            if uuid:
                record.uuid = uuid
            session.add(record)
        _apply(session, spec, record, cleaned)
        session.flush()
        return str(record.uuid)


def references_to(workspace: Workspace, kind: RecordKind, uuid: str) -> list[str]:
    """Human-readable descriptions of the records that refer to this one."""
    with workspace.session() as session:
        record = _get(session, kind, uuid)
        found: list[str] = []
        if kind is RecordKind.AUTHORITY:
            for cluster in record.clusters:
                found.append(_("regional cluster “{name}”").format(name=cluster.name))
        if kind is RecordKind.ORGANISATION:
            for person in record.people:
                found.append(_("person “{name}”").format(name=person.full_name))
        return found + _documents_naming(session, uuid)


# How a document that names a record is named in "in use by: …", by record type (the table's).
_DOCUMENT_USERS = {
    "selection_process": N_("town selection “{name}”"),
    "agreement": N_("agreement “{name}”"),
    "design_forum": N_("design forum “{name}”"),
    "cluster_flags": N_("flags work of “{name}”"),
    "learning_community": N_("learning community “{name}”"),
    "cluster_profile": N_("profile of “{name}”"),
    "collective_plan": N_("collective plan “{name}”"),
    "investment_portfolio": N_("investment portfolio “{name}”"),
    "outcomes_compass": N_("outcomes compass “{name}”"),
}


def _documents_naming(session: Session, uuid: str) -> list[str]:
    """The documents that name the record `uuid`: in their JSON (a member, a signatory, a
    party, a rater…) or in a column that refers to a town or a cluster. Deleted, the record
    would leave them naming no one: a member of a community without a name."""
    from desktop.models.exchange import TITLE_FIELDS  # (a record type is its table's name)

    quoted = f'%"{uuid}"%'  # (a UUID stands in a document only as a reference, between quotes)
    found: list[str] = []
    for name, phrase in _DOCUMENT_USERS.items():
        table = Base.metadata.tables[name]
        columns = [table.c[c] for c in ("authority_uuid", "town_uuid", "cluster_uuid") if c in table.c]
        naming: list[ColumnElement[bool]] = [table.c.state.like(quoted), *(c == uuid for c in columns)]
        title = table.c[TITLE_FIELDS[name]]  # (a cluster's documents: named by the cluster)
        for (value,) in session.execute(select(title).where(or_(*naming)).order_by(table.c.id)):
            if title.name == "cluster_uuid":
                cluster = session.scalar(select(RegionalCluster.name).where(RegionalCluster.uuid == value))
                value = cluster or value
            found.append(_(phrase).format(name=value or "…"))
    return found


def delete_record(
    workspace: Workspace, kind: RecordKind, uuid: str, *, expected_version: int | None = None
) -> dict[str, Any]:
    """Delete the record and return its last values (so the deletion can be undone).

    Refused with RecordInUse, naming what refers to it, when other records do, and with
    ConcurrentEdit when `expected_version` is given and someone else changed it since.
    """
    users = references_to(workspace, kind, uuid)
    if users:
        raise RecordInUse(
            _("It cannot be deleted because it is in use by: {users}.").format(users=", ".join(users))
        )
    spec = RECORD_SPECS[kind]

    def reread(session: Session) -> tuple[Any, Any]:
        try:
            record = _get(session, kind, uuid)
        except RecordNotFound:
            return None, None
        return record, {**_values_of(spec, record), "version": record.version}

    with guarded_save(workspace, _what(kind, uuid), reread) as session:
        record = _get(session, kind, uuid)
        if expected_version is not None:
            check_version(
                record,
                expected_version,
                _what(kind, title_of(kind, record)),
                lambda row: {**_values_of(spec, row), "version": row.version},
            )
        values = _values_of(spec, record)
        session.delete(record)
        return values


def choices(workspace: Workspace, kind: RecordKind) -> list[tuple[str, str]]:
    """(uuid, title) of every record of `kind`, sorted by title, for pickers."""
    model: Any = MODEL_BY_KIND[kind]
    title = getattr(model, RECORD_SPECS[kind].title_field)
    with workspace.session() as session:
        pairs = [(str(uuid), str(name)) for uuid, name in session.execute(select(model.uuid, title))]
    return sorted(pairs, key=lambda pair: pair[1])


def count_records(workspace: Workspace, kind: RecordKind) -> int:
    model: Any = MODEL_BY_KIND[kind]
    with workspace.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def numbered(workspace: Workspace, kind: RecordKind) -> list[tuple[int, str]]:
    """(record number, title) of every record of `kind`, by number (`shutafut-cli list`)."""
    model: Any = MODEL_BY_KIND[kind]
    with workspace.session() as session:
        return [(int(r.id), title_of(kind, r)) for r in session.scalars(select(model).order_by(model.id))]
