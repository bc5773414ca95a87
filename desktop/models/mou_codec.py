"""A whole `MouDraft` as plain JSON data (for frozen version snapshots and exchange).

A frozen version never changes, so storing its draft as one JSON document keeps it
exactly as it was sent, whatever later schema changes do to the live draft's tables.
Dates are ISO strings, amounts ints of agorot, enums their codes. `FORMAT` is bumped
when the shape changes; readers of older formats then upgrade the data first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from desktop.models.mou import Clause, MouSection, Parties, PersonRef
from desktop.models.mou_budget import BudgetAnnex, BudgetCell, TypedTotal
from desktop.models.mou_draft import MouDraft
from desktop.models.mou_governance import (
    BodyKind,
    FrequencyKind,
    GovernanceBody,
    MeetingFrequency,
)
from desktop.models.mou_signatories import Signatory, SigningRole
from desktop.models.mou_timeline import Timeframe
from desktop.models.mou_versions import MouVersion

FORMAT: Final = 1


class MouFormatError(ValueError):
    """Data that is not a draft of a known format."""


# The members of each enum by code: looked up in a dictionary, a code is read several times
# faster than by calling the enum (a foundation's 200 agreements hold 47,600 codes). An
# unknown code raises KeyError, a malformed draft as the call's ValueError is.
_SECTIONS = {member.value: member for member in MouSection}
_BODY_KINDS = {member.value: member for member in BodyKind}
_FREQUENCY_KINDS = {member.value: member for member in FrequencyKind}
_SIGNING_ROLES = {member.value: member for member in SigningRole}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _body_data(body: GovernanceBody) -> dict[str, Any]:
    return {
        "kind": body.kind.value,
        "name": body.name,
        "min_members": body.min_members,
        "max_members": body.max_members,
        "chair": body.chair,
        "member_roles": list(body.member_roles),
        "frequency": {
            "kind": body.frequency.kind.value,
            "count": body.frequency.count,
            "skipped_months": list(body.frequency.skipped_months),
        },
        "duration_months": body.duration_months,
        "mobility_field": body.mobility_field,
    }


def _signatory_data(signatory: Signatory) -> dict[str, Any]:
    return {
        "role": signatory.role.value,
        "party": signatory.party,
        "name": signatory.person.name,
        "person_uuid": signatory.person.person_uuid,
        "title": signatory.title,
        "signed_on": _iso(signatory.signed_on),
    }


def draft_to_data(draft: MouDraft) -> dict[str, Any]:
    parties, timeframe, budget = draft.parties, draft.timeframe, draft.budget
    return {
        "format": FORMAT,
        "language": draft.language,
        "parties": {
            "authority_uuid": parties.authority_uuid,
            "organisation_uuid": parties.organisation_uuid,
            "partner_uuids": list(parties.partner_uuids),
            "exit_notice_days": parties.exit_notice_days,
            "exit_conditions": parties.exit_conditions,
        },
        "clauses": [{"key": c.key, "section": c.section.value, "text": c.text} for c in draft.clauses],
        "bodies": [_body_data(body) for body in draft.bodies],
        "timeframe": {
            "start": _iso(timeframe.start),
            "years": timeframe.years,
            "end": _iso(timeframe.end),
        },
        "budget": {
            "years": list(budget.years),
            "parties": list(budget.parties),
            "cells": [[c.year, c.party, c.agorot] for c in budget.cells],
            "typed_totals": [[t.year, t.party, t.agorot] for t in budget.typed_totals],
        },
        "signatories": [_signatory_data(s) for s in draft.signatories],
    }


def _body(data: Mapping[str, Any]) -> GovernanceBody:
    frequency = data["frequency"]
    return GovernanceBody(
        kind=_BODY_KINDS[data["kind"]],
        name=data["name"],
        min_members=int(data["min_members"]),
        max_members=int(data["max_members"]),
        chair=data["chair"],
        member_roles=tuple(data["member_roles"]),
        frequency=MeetingFrequency(
            _FREQUENCY_KINDS[frequency["kind"]],
            int(frequency["count"]),
            tuple(int(m) for m in frequency["skipped_months"]),
        ),
        duration_months=data["duration_months"],
        mobility_field=data["mobility_field"],
    )


def _signatory(data: Mapping[str, Any]) -> Signatory:
    return Signatory(
        role=_SIGNING_ROLES[data["role"]],
        party=data["party"],
        person=PersonRef(data["name"], data["person_uuid"]),
        title=data["title"],
        signed_on=_day(data["signed_on"]),
    )


def draft_from_data(data: Mapping[str, Any]) -> MouDraft:
    if data.get("format") != FORMAT:
        raise MouFormatError(f"unknown MOU data format: {data.get('format')!r}")
    try:
        parties, timeframe, budget = data["parties"], data["timeframe"], data["budget"]
        return MouDraft(
            language=data["language"],
            parties=Parties(
                authority_uuid=parties["authority_uuid"],
                organisation_uuid=parties["organisation_uuid"],
                partner_uuids=tuple(parties["partner_uuids"]),
                exit_notice_days=parties["exit_notice_days"],
                exit_conditions=parties["exit_conditions"],
            ),
            clauses=tuple(Clause(c["key"], _SECTIONS[c["section"]], c["text"]) for c in data["clauses"]),
            bodies=tuple(_body(body) for body in data["bodies"]),
            timeframe=Timeframe(
                start=_day(timeframe["start"]), years=timeframe["years"], end=_day(timeframe["end"])
            ),
            budget=BudgetAnnex(
                years=tuple(int(y) for y in budget["years"]),
                parties=tuple(budget["parties"]),
                cells=tuple(BudgetCell(int(y), p, int(a)) for y, p, a in budget["cells"]),
                typed_totals=tuple(TypedTotal(y, p, int(a)) for y, p, a in budget["typed_totals"]),
            ),
            signatories=tuple(_signatory(s) for s in data["signatories"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise MouFormatError(f"malformed MOU data: {error}") from error


def draft_to_json(draft: MouDraft) -> str:
    return json.dumps(draft_to_data(draft), ensure_ascii=False, sort_keys=True)


def draft_from_json(text: str) -> MouDraft:
    return draft_from_data(json.loads(text))


def version_to_data(version: MouVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "sent_on": _iso(version.sent_on),
        "note": version.note,
        "signed_on": _iso(version.signed_on),
        "party_names": dict(version.party_names),
        "draft": draft_to_data(version.draft),
    }


def version_from_data(data: Mapping[str, Any]) -> MouVersion:
    try:
        sent_on = _day(data["sent_on"])
        if sent_on is None:
            raise ValueError("a version has a sending date")
        return MouVersion(
            number=int(data["number"]),
            sent_on=sent_on,
            draft=draft_from_data(data["draft"]),
            note=data["note"],
            signed_on=_day(data["signed_on"]),
            party_names=tuple(sorted(data["party_names"].items())),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise MouFormatError(f"malformed MOU version: {error}") from error
