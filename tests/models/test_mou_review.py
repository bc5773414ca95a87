"""The review page's list of missing items, each naming the page and field to go back to."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop import i18n
from desktop.models.mou import MouSection, Parties, PersonRef, remove_clause, set_clause_text
from desktop.models.mou_budget import with_amount, with_typed_total
from desktop.models.mou_draft import MouDraft, new_draft
from desktop.models.mou_review import (
    SECTION_PAGES,
    WizardPage,
    is_complete,
    missing_items,
)
from desktop.models.mou_signatories import with_person
from desktop.models.mou_timeline import Timeframe


def _complete() -> MouDraft:
    draft = new_draft("he", Parties("a1", "o1", (), 90), date(2026, 9, 1), 1)
    bodies = (*draft.bodies[:1], replace(draft.bodies[1], chair='מנכ"ל הרשות'), draft.bodies[2])
    signatories = draft.signatories
    for index in range(len(signatories)):
        signatories = with_person(signatories, index, PersonRef(f"אדם {index}"))
    budget = with_amount(draft.budget, 2026, "authority", 100)
    return replace(draft, bodies=bodies, signatories=signatories, budget=budget)


def test_a_complete_draft_has_nothing_missing() -> None:
    assert missing_items(_complete()) == ()
    assert is_complete(_complete())


def test_a_new_draft_lists_what_is_missing_page_by_page() -> None:
    i18n.set_language("en")
    items = missing_items(new_draft("he"))
    pages = [item.page for item in items]
    assert pages == sorted(pages, key=lambda page: page.number)
    fields = {(item.page, item.field) for item in items}
    assert (WizardPage.PARTIES, "parties.authority") in fields
    assert (WizardPage.PARTIES, "parties.organisation") in fields
    assert (WizardPage.PARTIES, "parties.exit_notice_days") in fields
    assert (WizardPage.BODIES, "bodies.1.chair") in fields  # the seed names no chair for it
    assert (WizardPage.EVALUATION_TIMELINE, "timeframe.start") in fields
    assert (WizardPage.BUDGET, "budget") in fields
    assert (WizardPage.SIGNATORIES, "signatories.0.name") in fields
    assert all(item.message for item in items)


def test_empty_clauses_and_empty_sections_point_to_their_pages() -> None:
    i18n.set_language("en")
    draft = _complete()
    clauses = set_clause_text(draft.clauses, "principles.data_use", "  ")
    for key in ("purpose.vision", "purpose.joint_strategy"):
        clauses = remove_clause(clauses, key)
    items = missing_items(replace(draft, clauses=clauses))
    assert [(i.page, i.field, i.message) for i in items] == [
        (WizardPage.PURPOSE, "section.purpose", "Section 1 (Purpose of the partnership) has no clauses."),
        (WizardPage.STRATEGY, "clause.principles.data_use", "Clause 4.2 (Use of data) is empty."),
    ]


def test_budget_problems_and_bad_timeframe_are_listed() -> None:
    i18n.set_language("en")
    draft = _complete()
    budget = with_typed_total(draft.budget, 2026, None, 500)
    draft = replace(draft, budget=budget, timeframe=Timeframe(start=date(2026, 9, 1), end=date(2026, 1, 1)))
    items = missing_items(draft, {"authority": "Yeruham"})
    assert [(i.page, i.field) for i in items] == [
        (WizardPage.EVALUATION_TIMELINE, "timeframe.end"),
        (WizardPage.BUDGET, "budget.total.year.2026"),
    ]
    stale = replace(_complete(), timeframe=Timeframe(start=date(2030, 1, 1), years=1))
    assert [(i.page, i.field) for i in missing_items(stale)] == [(WizardPage.BUDGET, "budget.years")]


def test_no_bodies_and_no_signatories_for_a_party() -> None:
    draft = replace(_complete(), bodies=())
    authority_only = tuple(s for s in draft.signatories if s.party != "organisation")
    draft = replace(draft, signatories=authority_only)
    assert [(i.page, i.field) for i in missing_items(draft)] == [
        (WizardPage.BODIES, "bodies"),
        (WizardPage.SIGNATORIES, "signatories"),
    ]


def test_every_section_has_a_wizard_page() -> None:
    assert set(SECTION_PAGES) == set(MouSection)
    assert WizardPage.REVIEW.number == 8
