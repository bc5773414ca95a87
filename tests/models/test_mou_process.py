"""The four stages of building agreements, signatories and where the process stands."""

from __future__ import annotations

from datetime import date

from desktop import i18n
from desktop.models.mou import Parties, PersonRef
from desktop.models.mou_process import (
    AgreementProcess,
    AgreementStage,
    StageRecord,
    StageState,
    process_status,
    validate_process,
)
from desktop.models.mou_signatories import (
    SigningRole,
    seed_signatories,
    signatories_of,
    validate_signatories,
    with_person,
)

TODAY = date(2026, 5, 1)


def _process(*dates: date | None) -> AgreementProcess:
    process = AgreementProcess()
    for stage, held_on in zip(AgreementStage, dates, strict=False):
        process = process.with_record(StageRecord(stage, held_on))
    return process


def test_a_new_process_has_the_four_stages_in_order() -> None:
    process = AgreementProcess()
    assert [r.stage for r in process.stages] == list(AgreementStage)
    status = process_status(process, TODAY)
    assert status.reached is None and status.next_stage is AgreementStage.INTRODUCTION
    assert status.done_count == 0


def test_where_the_process_stands() -> None:
    process = _process(date(2026, 2, 1), date(2026, 3, 15), date(2026, 6, 1))
    status = process_status(process, TODAY)
    assert status.reached is AgreementStage.PARTNERSHIP
    assert status.next_stage is AgreementStage.SIGNING
    assert status.next_date == date(2026, 6, 1)
    assert [state for _stage, state in status.states] == [
        StageState.DONE,
        StageState.DONE,
        StageState.SCHEDULED,
        StageState.OPEN,
    ]
    i18n.set_language("en")
    assert status.summary() == (
        "Stage 2 of 4 took place: Discussion and agreement on a substantive partnership"
    )
    launched = process_status(_process(*(date(2026, m, 1) for m in (1, 2, 3, 4))), TODAY)
    assert launched.next_stage is None and launched.done_count == 4
    assert "launched" in launched.summary()


def test_a_stage_keeps_its_participants_and_notes() -> None:
    record = StageRecord(
        AgreementStage.INTRODUCTION,
        date(2026, 2, 1),
        (PersonRef("דנה כהן", "uuid-1"), PersonRef("Mayor's advisor")),
        "פגישה טובה",
    )
    process = AgreementProcess().with_record(record)
    assert process.record(AgreementStage.INTRODUCTION) == record
    assert process.record(AgreementStage.LAUNCH).held_on is None


def test_a_stage_dated_before_an_earlier_one_is_an_error() -> None:
    i18n.set_language("en")
    errors = validate_process(_process(date(2026, 3, 1), None, date(2026, 2, 1)))
    assert [e.field for e in errors] == ["stage.signing.held_on"]
    assert "Introductory meeting" in errors[0].message
    assert validate_process(_process(date(2026, 3, 1), date(2026, 3, 1))) == []


def test_seed_signatories_and_partner_representatives() -> None:
    parties = Parties("a", "o", ("p1",))
    signatories = seed_signatories("he", parties)
    assert [s.role for s in signatories] == list(SigningRole)
    assert [s.party for s in signatories_of(signatories, "authority")] == ["authority"] * 4
    assert [s.role for s in signatories_of(signatories, "organisation")] == [
        SigningRole.ORGANISATION_CEO,
        SigningRole.STRATEGY_MANAGER,
    ]
    assert signatories[-1].party == "partner:p1"
    assert signatories[0].title == "ראש הרשות"


def test_signatory_validation() -> None:
    i18n.set_language("en")
    parties = Parties("a", "o")
    signatories = seed_signatories("en", parties)
    errors = validate_signatories(signatories, parties)
    assert [e.field for e in errors] == [f"signatories.{i}.name" for i in range(6)]
    assert errors[2].message == "Enter the name of the person who signs as Treasurer of the authority."
    named = signatories
    for index, name in enumerate(["A", "B", "C", "D", "E", "F"]):
        named = with_person(named, index, PersonRef(name))
    assert validate_signatories(named, parties) == []
    twice = with_person(named, 5, PersonRef(" a "))
    assert [e.field for e in validate_signatories(twice, parties)] == ["signatories.5.name"]
    same_uuid = with_person(with_person(named, 0, PersonRef("A", "u1")), 1, PersonRef("B", "u1"))
    assert [e.field for e in validate_signatories(same_uuid, parties)] == ["signatories.1.name"]
    foreign = seed_signatories("en", Parties("a", "o", ("gone",)))
    fields = [e.field for e in validate_signatories(foreign, parties)]
    assert "signatories.6.party" in fields
