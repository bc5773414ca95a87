"""A whole draft: seed defaults, dependent parts kept in step, the printed document, JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from desktop.i18n import strip_marks
from desktop.models.mou import MouSection, Parties, PersonRef, add_custom_clause
from desktop.models.mou_budget import overall_total, with_amount, with_typed_total
from desktop.models.mou_codec import (
    MouFormatError,
    draft_from_data,
    draft_from_json,
    draft_to_json,
    version_from_data,
    version_to_data,
)
from desktop.models.mou_draft import (
    MouDraft,
    new_draft,
    render_document,
    with_parties,
    with_timeframe,
)
from desktop.models.mou_governance import BodyKind, default_body
from desktop.models.mou_signatories import SigningRole, with_person
from desktop.models.mou_timeline import Timeframe
from desktop.models.mou_versions import freeze_version, mark_signed

NAMES = {"authority": "ירוחם", "organisation": 'קרן רש"י', "partner:p1": "JDC Israel"}


def _draft() -> MouDraft:
    draft = new_draft("he", Parties("a1", "o1", ("p1",), 90, "הפרה יסודית"), date(2026, 9, 1), 2)
    budget = draft.budget
    for year in budget.years:
        budget = with_amount(budget, year, "authority", 100_000_00)
        budget = with_amount(budget, year, "organisation", 300_000_00)
    return replace(draft, budget=budget)


def test_new_draft_has_the_seed_defaults() -> None:
    draft = new_draft("he", Parties("a1", "o1"), date(2026, 9, 1))
    assert len(draft.clauses) == 27
    assert [b.kind for b in draft.bodies] == [
        BodyKind.LEADING_TEAM,
        BodyKind.STEERING_COMMITTEE,
        BodyKind.TOWN_ADMINISTRATION,
    ]
    assert draft.budget.years == tuple(range(2026, 2032))
    assert draft.budget.parties == ("authority", "organisation")
    assert len(draft.signatories) == 6


def test_parties_change_budget_columns_and_partner_signatures() -> None:
    draft = _draft()
    draft = replace(draft, budget=with_amount(draft.budget, 2027, "partner:p1", 5))
    named = with_person(draft.signatories, 6, PersonRef("Jane Doe"))
    draft = replace(draft, signatories=named)
    more = with_parties(draft, Parties("a1", "o1", ("p1", "p2")))
    assert more.budget.parties[-1] == "partner:p2"
    assert more.budget.amount(2027, "partner:p1") == 5
    assert [s.person.name for s in more.signatories if s.party == "partner:p1"] == ["Jane Doe"]
    assert [s.role for s in more.signatories if s.party == "partner:p2"] == [
        SigningRole.PARTNER_REPRESENTATIVE
    ]
    fewer = with_parties(more, Parties("a1", "o1", ("p2",)))
    assert "partner:p1" not in fewer.budget.parties
    assert all(s.party != "partner:p1" for s in fewer.signatories)
    assert fewer.budget.amount(2027, "authority") == 100_000_00


def test_timeframe_change_keeps_the_amounts_of_years_that_stay() -> None:
    draft = with_timeframe(_draft(), Timeframe(start=date(2027, 1, 1), years=2))
    assert draft.budget.years == (2027, 2028)
    assert overall_total(draft.budget) == 2 * 400_000_00


def test_rendered_document_numbers_clauses_and_fills_in_the_data() -> None:
    draft = _draft()
    clauses, custom = add_custom_clause(draft.clauses, MouSection.PURPOSE, "סעיף נוסף של הצדדים.")
    document = render_document(replace(draft, clauses=clauses), NAMES)
    assert document.title == "מסמך הבנות"
    assert "ירוחם" in document.preamble and 'קרן רש"י' in document.preamble
    sections = {s.section: s for s in document.sections}
    assert [s.number for s in document.sections] == list(range(1, 10))
    purpose = sections[MouSection.PURPOSE]
    assert purpose.title == "ייעוד השותפות"
    assert [(c.number, c.key) for c in purpose.clauses][-1] == ("1.3", custom.key)
    parties = sections[MouSection.PARTIES].clauses
    assert parties[0].text == "הרשות המקומית: ירוחם." and parties[0].generated
    assert parties[2].text == "שותפים נוספים: JDC Israel."
    assert any("90" in c.text for c in parties)
    assert parties[-1].text == "תנאי היציאה: הפרה יסודית"
    bodies = sections[MouSection.BODIES].clauses
    assert "מפגשים בשנה: 11" in bodies[-2].text
    assert bodies[-1].text == "סך המפגשים בשנה בכל הגופים: 23."
    timeframe = [strip_marks(c.text) for c in sections[MouSection.TIMEFRAME].clauses]
    assert "תקופת שיתוף הפעולה: 1.9.2026-31.8.2028." in timeframe
    assert "פרה-הקמה: 1.9.2026-31.12.2026." in timeframe
    assert "יישום – שנה 2: 1.9.2027-31.8.2028." in timeframe
    assert "סך המסגרת התקציבית: 1,200,000.00 ₪, כמפורט בנספח התקציבי." in timeframe
    assert 'קרן רש"י: 900,000.00 ₪ (75%).' in timeframe
    assert "JDC Israel: 0.00 ₪ (0%)." in timeframe


def test_document_in_english_and_arabic_uses_their_texts() -> None:
    english = render_document(replace(_draft(), language="en"), {})
    assert english.title == "Memorandum of Understanding"
    assert english.preamble.startswith("This memorandum of understanding is made between …")
    arabic = render_document(replace(_draft(), language="ar"), NAMES)
    assert arabic.sections[0].title == "غاية الشراكة"


def test_json_round_trip_keeps_everything() -> None:
    draft = _draft()
    draft = replace(
        draft,
        budget=with_typed_total(draft.budget, 2027, None, 1),
        bodies=(*draft.bodies, default_body(BodyKind.PROFESSIONAL_TEAM, "he", "תעסוקה")),
        signatories=with_person(draft.signatories, 0, PersonRef("טל", "u-1")),
        timeframe=replace(draft.timeframe, end=date(2028, 6, 30)),
    )
    text = draft_to_json(draft)
    assert "ירוחם" not in text and "תעסוקה" in text  # names of records are not copied
    assert draft_from_json(text) == draft


def test_unknown_or_malformed_data_is_refused() -> None:
    with pytest.raises(MouFormatError):
        draft_from_data({"format": 99})
    with pytest.raises(MouFormatError):
        draft_from_data({"format": 1, "language": "he"})
    data = json.loads(draft_to_json(_draft()))
    for path, code in (
        (("clauses", 0, "section"), "preamble-2"),
        (("bodies", 0, "kind"), "committee"),
        (("bodies", 0, "frequency", "kind"), ["monthly"]),
        (("signatories", 0, "role"), None),
    ):
        bad = json.loads(json.dumps(data))
        place = bad
        for step in path[:-1]:
            place = place[step]
        place[path[-1]] = code  # an unknown code, or not a code at all
        with pytest.raises(MouFormatError):
            draft_from_data(bad)


def test_a_version_round_trips_with_the_names_as_printed() -> None:
    version = mark_signed(freeze_version(_draft(), [], date(2026, 3, 1), "נשלח", NAMES), date(2026, 3, 9))
    assert version.names == NAMES
    assert version_from_data(json.loads(json.dumps(version_to_data(version)))) == version
    with pytest.raises(MouFormatError):
        version_from_data({"number": 1})
