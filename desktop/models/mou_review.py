"""The review page's list of what is still missing, each item pointing back to its page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from desktop.i18n import N_, _
from desktop.models.enums import LabelledEnum
from desktop.models.mou import (
    AUTHORITY_PARTY,
    ORGANISATION_PARTY,
    MouSection,
    numbered_sections,
    validate_parties,
)
from desktop.models.mou_budget import check_typed_totals
from desktop.models.mou_draft import MouDraft
from desktop.models.mou_governance import validate_bodies
from desktop.models.mou_signatories import signatories_of, validate_signatories
from desktop.models.mou_timeline import calendar_years, validate_timeframe
from desktop.models.validation import ValidationError


class WizardPage(LabelledEnum):
    """The MOU wizard's pages, in order (issue 4)."""

    PARTIES = "parties"
    PURPOSE = "purpose"
    STRATEGY = "strategy"
    BODIES = "bodies"
    EVALUATION_TIMELINE = "evaluation_timeline"
    BUDGET = "budget"
    SIGNATORIES = "signatories"
    REVIEW = "review"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "parties": N_("Parties"),
            "purpose": N_("Purpose and ownership"),
            "strategy": N_("Strategy and principles"),
            "bodies": N_("Structures and bodies"),
            "evaluation_timeline": N_("Evaluation and timeline"),
            "budget": N_("Budget annex"),
            "signatories": N_("Signatories"),
            "review": N_("Review"),
        }

    @property
    def number(self) -> int:
        return list(WizardPage).index(self) + 1


# Where each section's clauses are edited. The annexes' list sits with the budget annex.
SECTION_PAGES: Final = {
    MouSection.PURPOSE: WizardPage.PURPOSE,
    MouSection.OWNERSHIP: WizardPage.PURPOSE,
    MouSection.STRATEGY: WizardPage.STRATEGY,
    MouSection.PRINCIPLES: WizardPage.STRATEGY,
    MouSection.BODIES: WizardPage.BODIES,
    MouSection.EVALUATION: WizardPage.EVALUATION_TIMELINE,
    MouSection.PARTIES: WizardPage.PARTIES,
    MouSection.TIMEFRAME: WizardPage.EVALUATION_TIMELINE,
    MouSection.ANNEXES: WizardPage.BUDGET,
}

# Sections that say nothing without clauses (the others also print generated sentences).
_SECTIONS_NEEDING_CLAUSES: Final = frozenset(
    {
        MouSection.PURPOSE,
        MouSection.OWNERSHIP,
        MouSection.STRATEGY,
        MouSection.PRINCIPLES,
        MouSection.EVALUATION,
        MouSection.ANNEXES,
    }
)


@dataclass(frozen=True)
class MissingItem:
    """Something to fix before printing: the page and field to go back to, and why."""

    page: WizardPage
    field: str
    message: str  # translated


def _items(page: WizardPage, errors: list[ValidationError]) -> list[MissingItem]:
    return [MissingItem(page, error.field, error.message) for error in errors]


def _parties_items(draft: MouDraft) -> list[MissingItem]:
    items = _items(WizardPage.PARTIES, validate_parties(draft.parties))
    if draft.parties.exit_notice_days is None:
        items.append(
            MissingItem(
                WizardPage.PARTIES,
                "parties.exit_notice_days",
                _("Set the notice period of the exit clause."),
            )
        )
    return items


def _clause_items(draft: MouDraft) -> list[MissingItem]:
    items = []
    for section in numbered_sections(draft.clauses):
        page = SECTION_PAGES[section.section]
        if not section.clauses and section.section in _SECTIONS_NEEDING_CLAUSES:
            items.append(
                MissingItem(
                    page,
                    f"section.{section.section.value}",
                    _("Section {number} ({title}) has no clauses.").format(
                        number=section.number, title=section.section.label
                    ),
                )
            )
        items += [
            MissingItem(
                page,
                f"clause.{numbered.clause.key}",
                _("Clause {number} ({label}) is empty.").format(
                    number=numbered.number, label=numbered.clause.label
                ),
            )
            for numbered in section.clauses
            if not numbered.clause.text.strip()
        ]
    return items


def _bodies_items(draft: MouDraft) -> list[MissingItem]:
    if not draft.bodies:
        return [MissingItem(WizardPage.BODIES, "bodies", _("Choose at least one governance body."))]
    items = _items(WizardPage.BODIES, validate_bodies(draft.bodies))
    items += [
        MissingItem(
            WizardPage.BODIES,
            f"bodies.{index}.chair",
            _("Name who chairs the body: {body}.").format(body=body.name or body.kind.label),
        )
        for index, body in enumerate(draft.bodies)
        if not body.chair.strip()
    ]
    return items


def _timeline_items(draft: MouDraft) -> list[MissingItem]:
    timeframe = draft.timeframe
    items = _items(WizardPage.EVALUATION_TIMELINE, validate_timeframe(timeframe))
    if timeframe.start is None:
        items.append(MissingItem(WizardPage.EVALUATION_TIMELINE, "timeframe.start", _("Set the start date.")))
    if timeframe.years is None and timeframe.end is None:
        items.append(
            MissingItem(
                WizardPage.EVALUATION_TIMELINE,
                "timeframe.years",
                _("Set how many years the agreement lasts."),
            )
        )
    return items


def _budget_items(draft: MouDraft, names: Mapping[str, str] | None) -> list[MissingItem]:
    budget = draft.budget
    items = []
    if budget.is_empty:
        items.append(MissingItem(WizardPage.BUDGET, "budget", _("Fill in the budget annex.")))
    expected_years = calendar_years(draft.timeframe)
    if expected_years and budget.years != expected_years:
        items.append(
            MissingItem(
                WizardPage.BUDGET,
                "budget.years",
                _("The budget's years do not match the timeframe: update the budget annex."),
            )
        )
    return items + _items(WizardPage.BUDGET, check_typed_totals(budget, names))


def _signatory_items(draft: MouDraft) -> list[MissingItem]:
    items = []
    if not signatories_of(draft.signatories, AUTHORITY_PARTY):
        items.append(
            MissingItem(
                WizardPage.SIGNATORIES,
                "signatories",
                _("Add at least one signatory for the authority."),
            )
        )
    if not signatories_of(draft.signatories, ORGANISATION_PARTY):
        items.append(
            MissingItem(
                WizardPage.SIGNATORIES,
                "signatories",
                _("Add at least one signatory for the organisation."),
            )
        )
    return items + _items(WizardPage.SIGNATORIES, validate_signatories(draft.signatories, draft.parties))


def missing_items(draft: MouDraft, names: Mapping[str, str] | None = None) -> tuple[MissingItem, ...]:
    """Everything still missing or wrong, in the order of the wizard's pages.

    `names` (party key → display name) lets budget messages name the funding source.
    """
    items = (
        _parties_items(draft)
        + _clause_items(draft)
        + _bodies_items(draft)
        + _timeline_items(draft)
        + _budget_items(draft, names)
        + _signatory_items(draft)
    )
    return tuple(sorted(items, key=lambda item: item.page.number))


def is_complete(draft: MouDraft) -> bool:
    return not missing_items(draft)
