"""Agreements in a workspace: list, load, save (at every wizard step), delete; party names."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from desktop.i18n import _
from desktop.models.agreement import Agreement, process_from_data
from desktop.models.mou import AUTHORITY_PARTY, ORGANISATION_PARTY, partner_party
from desktop.models.mou_draft import MouDraft
from desktop.models.mou_process import process_status
from desktop.models.records import RecordKind
from desktop.storage.document_store import DocumentPart, delete_stored, list_stored, load_stored, save_stored
from desktop.storage.reference_store import RecordNotFound, load_record
from desktop.storage.tables import AgreementRecord
from desktop.storage.workspace import Workspace


@dataclass(frozen=True)
class AgreementSummary:
    id: int
    title: str
    stage_summary: str
    versions: int
    updated_at: datetime


def party_names(workspace: Workspace, draft: MouDraft) -> dict[str, str]:
    """Party key -> name in the MOU's language (authority names in he/ar/en)."""
    names: dict[str, str] = {}
    parties = draft.parties

    def record(kind: RecordKind, uuid: str | None) -> dict | None:
        if not uuid:
            return None
        try:
            return load_record(workspace, kind, uuid)
        except RecordNotFound:
            return None

    authority = record(RecordKind.AUTHORITY, parties.authority_uuid)
    if authority is not None:
        localised = {"ar": authority.get("name_ar"), "en": authority.get("name_en")}
        names[AUTHORITY_PARTY] = str(localised.get(draft.language) or authority["name_he"])
    organisation = record(RecordKind.ORGANISATION, parties.organisation_uuid)
    if organisation is not None:
        names[ORGANISATION_PARTY] = str(organisation["name"])
    for uuid in parties.partner_uuids:
        partner = record(RecordKind.ORGANISATION, uuid)
        if partner is not None:
            names[partner_party(uuid)] = str(partner["name"])
    return names


def agreement_title(workspace: Workspace, agreement: Agreement) -> str:
    names = party_names(workspace, agreement.draft)
    return names.get(AUTHORITY_PARTY, "") or "…"


_LISTED = (DocumentPart("stages"), DocumentPart("versions", length=True))


def list_agreements(workspace: Workspace, today: date | None = None) -> list[AgreementSummary]:
    summaries = []
    for listed in list_stored(workspace, AgreementRecord, _LISTED):
        stages, versions = listed.parts
        process = process_from_data(json.loads(stages) if stages else ())
        status = process_status(process, today or date.today())
        summaries.append(
            AgreementSummary(listed.id, listed.title, status.summary(), versions or 0, listed.updated_at)
        )
    return summaries


def load_agreement(workspace: Workspace, agreement_id: int) -> Agreement:
    return load_stored(workspace, AgreementRecord, agreement_id, Agreement.from_json)


def save_agreement(
    workspace: Workspace,
    agreement: Agreement,
    agreement_id: int | None = None,
    *,
    expected_version: int | None = None,
) -> int:
    """Store the agreement; raises ConcurrentEdit (nothing written) when someone else saved
    it since it was loaded (or since `expected_version`)."""
    title = agreement_title(workspace, agreement)

    def fill(record: AgreementRecord) -> None:
        record.title = title
        record.authority_uuid = agreement.draft.parties.authority_uuid or ""
        record.page = agreement.page
        record.state = agreement.to_json()

    return save_stored(
        workspace,
        AgreementRecord,
        agreement_id,
        agreement,
        Agreement.from_json,
        _("the agreement “{name}”").format(name=title),
        fill,
        expected_version=expected_version,
    )


def delete_agreement(workspace: Workspace, agreement_id: int) -> None:
    delete_stored(workspace, AgreementRecord, agreement_id)
