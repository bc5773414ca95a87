"""The agreement-building process with an authority: the seed's four stages (001 l.462-476).

Introductory meeting and in-depth learning → discussion and agreement on a substantive
partnership → signing the memorandum → official launch. Each stage has a date, the
people who took part and notes; "where the process stands" follows from the dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from desktop.i18n import N_, _
from desktop.models.enums import LabelledEnum
from desktop.models.mou import PersonRef
from desktop.models.validation import ValidationError


class AgreementStage(LabelledEnum):
    INTRODUCTION = "introduction"
    PARTNERSHIP = "partnership"
    SIGNING = "signing"
    LAUNCH = "launch"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "introduction": N_("Introductory meeting and in-depth learning of the strategy"),
            "partnership": N_("Discussion and agreement on a substantive partnership"),
            "signing": N_("Signing the memorandum of understanding"),
            "launch": N_("Official launch"),
        }

    @property
    def number(self) -> int:
        return list(AgreementStage).index(self) + 1


@dataclass(frozen=True)
class StageRecord:
    stage: AgreementStage
    held_on: date | None = None
    participants: tuple[PersonRef, ...] = ()
    notes: str = ""


def _empty_stages() -> tuple[StageRecord, ...]:
    return tuple(StageRecord(stage) for stage in AgreementStage)


@dataclass(frozen=True)
class AgreementProcess:
    """The four stages, always all present and in order."""

    stages: tuple[StageRecord, ...] = field(default_factory=_empty_stages)

    def record(self, stage: AgreementStage) -> StageRecord:
        return next(record for record in self.stages if record.stage is stage)

    def with_record(self, record: StageRecord) -> AgreementProcess:
        return replace(
            self,
            stages=tuple(record if r.stage is record.stage else r for r in self.stages),
        )


class StageState(StrEnum):
    DONE = "done"  # dated today or earlier
    SCHEDULED = "scheduled"  # dated in the future
    OPEN = "open"  # no date yet


@dataclass(frozen=True)
class ProcessStatus:
    states: tuple[tuple[AgreementStage, StageState], ...]
    reached: AgreementStage | None  # the furthest stage that took place
    next_stage: AgreementStage | None  # the first stage after it (None once launched)
    next_date: date | None  # when the next stage is scheduled, if it is

    @property
    def done_count(self) -> int:
        return sum(state is StageState.DONE for _stage, state in self.states)

    def summary(self) -> str:
        """One translated line for the agreement's page, e.g. "Stage 2 of 4: …"."""
        if self.reached is None:
            return _("Not started: next, {stage}").format(stage=AgreementStage.INTRODUCTION.label)
        if self.next_stage is None:
            return _("All four stages took place: the partnership was launched.")
        return _("Stage {number} of 4 took place: {stage}").format(
            number=self.reached.number, stage=self.reached.label
        )


def _state(record: StageRecord, today: date) -> StageState:
    if record.held_on is None:
        return StageState.OPEN
    return StageState.DONE if record.held_on <= today else StageState.SCHEDULED


def process_status(process: AgreementProcess, today: date) -> ProcessStatus:
    """Where the process stands on `today`."""
    states = tuple((r.stage, _state(r, today)) for r in process.stages)
    done = [stage for stage, state in states if state is StageState.DONE]
    reached = done[-1] if done else None
    later = [s for s in AgreementStage if reached is None or s.number > reached.number]
    next_stage = later[0] if later else None
    next_date = process.record(next_stage).held_on if next_stage is not None else None
    return ProcessStatus(states, reached, next_stage, next_date)


def validate_process(process: AgreementProcess) -> list[ValidationError]:
    """A stage dated before an earlier stage is an error at that stage's date field."""
    errors = []
    latest: tuple[date, AgreementStage] | None = None
    for record in process.stages:
        if record.held_on is None:
            continue
        if latest is not None and record.held_on < latest[0]:
            errors.append(
                ValidationError(
                    f"stage.{record.stage.value}.held_on",
                    _("This stage is dated before an earlier stage: {stage}.").format(stage=latest[1].label),
                )
            )
        else:
            latest = (record.held_on, record.stage)
    return errors
