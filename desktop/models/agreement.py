"""An agreement with one authority: its four stages, the live MOU draft and frozen versions.

Stored as one JSON document per agreement (the draft and versions through mou_codec), so
a wizard left at any point resumes where it stopped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.models.mou import PersonRef
from desktop.models.mou_codec import (
    draft_from_data,
    draft_to_data,
    version_from_data,
    version_to_data,
)
from desktop.models.mou_draft import MouDraft, new_draft
from desktop.models.mou_process import AgreementProcess, AgreementStage, StageRecord
from desktop.models.mou_versions import MouVersion

FORMAT_VERSION = 1


@dataclass
class Agreement:
    draft: MouDraft
    process: AgreementProcess = field(default_factory=AgreementProcess)
    versions: list[MouVersion] = field(default_factory=list)
    page: int = 0
    selection_id: int | None = None  # the town-selection decision it started from

    @classmethod
    def new(cls, language: str, **draft_arguments: Any) -> Agreement:
        return cls(new_draft(language, **draft_arguments))

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT_VERSION,
                "draft": draft_to_data(self.draft),
                "stages": [_stage_data(record) for record in self.process.stages],
                "versions": [version_to_data(version) for version in self.versions],
                "page": self.page,
                "selection_id": self.selection_id,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Agreement:
        return cls.from_data(json.loads(text))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Agreement:
        """The agreement of `data` as from_json reads it from its text (`data` is only read)."""
        if int(data.get("format", FORMAT_VERSION)) > FORMAT_VERSION:
            raise ValueError("newer agreement format")
        return cls(
            draft=draft_from_data(data["draft"]),
            process=process_from_data(data.get("stages", ())),
            versions=[version_from_data(item) for item in data.get("versions", ())],
            page=int(data.get("page", 0)),
            selection_id=data.get("selection_id"),
        )


def _stage_data(record: StageRecord) -> dict[str, Any]:
    return {
        "stage": record.stage.value,
        "held_on": record.held_on.isoformat() if record.held_on else None,
        "participants": [[p.name, p.person_uuid] for p in record.participants],
        "notes": record.notes,
    }


def process_from_data(stages: Iterable[Mapping[str, Any]]) -> AgreementProcess:
    """The process of the stages as an agreement's data holds them (a new one when not all
    stages are there)."""
    records = tuple(_stage(item) for item in stages)
    return AgreementProcess(records) if len(records) == len(AgreementStage) else AgreementProcess()


def _stage(data: Mapping[str, Any]) -> StageRecord:
    return StageRecord(
        AgreementStage(data["stage"]),
        date.fromisoformat(data["held_on"]) if data.get("held_on") else None,
        tuple(PersonRef(name, uuid) for name, uuid in data.get("participants", ())),
        data.get("notes", ""),
    )
