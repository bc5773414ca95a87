"""A whole MOU draft, kept consistent as the wizard edits it, and the document it prints.

`MouDraft` gathers the parts each wizard page edits. The `with_*` functions return a new
draft whose dependent parts follow: the budget's columns follow the parties and its
rows the timeframe's calendar years; partners get a representative's signature line.
`render_document` lays the draft out as numbered sections and clauses in the MOU's
language, with the sentences generated from the structured parts (parties, exit terms,
bodies, phases, budget) placed in their sections.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from desktop.i18n import format_date
from desktop.models.mou import (
    AUTHORITY_PARTY,
    ORGANISATION_PARTY,
    Clause,
    MouSection,
    MouTexts,
    Parties,
    default_clauses,
    load_texts,
    numbered_sections,
    partner_party,
)
from desktop.models.mou_budget import (
    BudgetAnnex,
    format_amount,
    format_share,
    overall_total,
    party_total,
    resized,
    shares,
)
from desktop.models.mou_governance import GovernanceBody, default_bodies, yearly_meetings
from desktop.models.mou_signatories import (
    Signatory,
    SigningRole,
    seed_signatories,
)
from desktop.models.mou_timeline import (
    DEFAULT_YEARS,
    Timeframe,
    calendar_years,
    effective_end,
    timeframe_phases,
)


@dataclass(frozen=True)
class MouDraft:
    """Everything the wizard edits. `language` is the language the MOU is written in."""

    language: str
    parties: Parties = field(default_factory=Parties)
    clauses: tuple[Clause, ...] = ()
    bodies: tuple[GovernanceBody, ...] = ()
    timeframe: Timeframe = field(default_factory=Timeframe)
    budget: BudgetAnnex = field(default_factory=BudgetAnnex)
    signatories: tuple[Signatory, ...] = ()


def new_draft(
    language: str,
    parties: Parties | None = None,
    start: date | None = None,
    years: int | None = DEFAULT_YEARS,
) -> MouDraft:
    """A draft with the seed's defaults: every clause, the three standing bodies, the
    signing roles; `parties` preselected (e.g. from a town-selection decision)."""
    parties = parties or Parties()
    timeframe = Timeframe(start=start, years=years)
    return MouDraft(
        language=language,
        parties=parties,
        clauses=default_clauses(language),
        bodies=default_bodies(language),
        timeframe=timeframe,
        budget=BudgetAnnex(years=calendar_years(timeframe), parties=parties.party_keys()),
        signatories=seed_signatories(language, parties),
    )


def with_parties(draft: MouDraft, parties: Parties) -> MouDraft:
    """New parties: budget columns and partners' signature lines follow.

    Amounts and signatories of a partner who was removed are dropped (warn first with
    `mou_budget.cells_outside`).
    """
    keys = parties.party_keys()
    kept = tuple(s for s in draft.signatories if s.party in keys)
    present = {s.party for s in kept}
    added = tuple(
        s
        for s in seed_signatories(draft.language, parties)
        if s.role is SigningRole.PARTNER_REPRESENTATIVE and s.party not in present
    )
    return replace(
        draft,
        parties=parties,
        budget=resized(draft.budget, draft.budget.years, keys),
        signatories=kept + added,
    )


def with_timeframe(draft: MouDraft, timeframe: Timeframe) -> MouDraft:
    """A new timeframe: the budget's rows become its calendar years (amounts of years
    that stay are kept)."""
    return replace(
        draft,
        timeframe=timeframe,
        budget=resized(draft.budget, calendar_years(timeframe), draft.budget.parties),
    )


# --- the printed document --------------------------------------------------------------


@dataclass(frozen=True)
class DocumentClause:
    number: str  # "7.3"
    key: str  # a clause key, or "generated.<what>" for sentences built from the data
    text: str

    @property
    def generated(self) -> bool:
        return self.key.startswith("generated.")


@dataclass(frozen=True)
class DocumentSection:
    number: int
    section: MouSection
    title: str
    clauses: tuple[DocumentClause, ...]


@dataclass(frozen=True)
class MouDocument:
    language: str
    title: str
    subtitle: str
    preamble: str
    sections: tuple[DocumentSection, ...]


def party_display_names(names: Mapping[str, str], parties: Parties) -> dict[str, str]:
    """Names per party key; a party whose record is missing shows as "…"."""
    return {key: names.get(key, "") or "…" for key in parties.party_keys()}


def _generated(
    section: MouSection, draft: MouDraft, texts: MouTexts, names: Mapping[str, str]
) -> list[tuple[str, str]]:
    make = _GENERATORS.get(section)
    return make(draft, texts, names) if make else []


def _parties_sentences(draft: MouDraft, texts: MouTexts, names: Mapping[str, str]) -> list[tuple[str, str]]:
    g, parties = texts.generated, draft.parties
    sentences = [
        ("generated.party_authority", g["party_authority"].format(name=names[AUTHORITY_PARTY])),
        ("generated.party_organisation", g["party_organisation"].format(name=names[ORGANISATION_PARTY])),
    ]
    partner_names = [names[partner_party(uuid)] for uuid in dict.fromkeys(parties.partner_uuids)]
    if partner_names:
        sentences.append(
            ("generated.party_partners", g["party_partners"].format(names=", ".join(partner_names)))
        )
    if parties.exit_notice_days is not None:
        sentences.append(("generated.exit_notice", g["exit_notice"].format(days=parties.exit_notice_days)))
    if parties.exit_conditions.strip():
        sentences.append(
            (
                "generated.exit_conditions",
                g["exit_conditions"].format(conditions=parties.exit_conditions.strip()),
            )
        )
    return sentences


def _body_sentence(body: GovernanceBody, texts: MouTexts) -> str:
    g = texts.generated
    sentence = g["body"].format(
        name=body.name,
        members=body.size_text,
        chair=body.chair or g["chair_to_be_decided"],
        meetings=body.yearly_meetings,
    )
    if body.duration_months:
        sentence += " " + g["body_duration"].format(months=body.duration_months)
    if body.member_roles:
        sentence += " " + g["body_roles"].format(roles=", ".join(body.member_roles))
    return sentence


def _bodies_sentences(draft: MouDraft, texts: MouTexts, names: Mapping[str, str]) -> list[tuple[str, str]]:
    sentences = [
        (f"generated.body.{index}", _body_sentence(body, texts)) for index, body in enumerate(draft.bodies)
    ]
    if len(draft.bodies) > 1:
        total = yearly_meetings(draft.bodies)
        sentences.append(
            (
                "generated.body_meetings_total",
                texts.generated["body_meetings_total"].format(meetings=total),
            )
        )
    return sentences


def _timeframe_sentences(draft: MouDraft, texts: MouTexts, names: Mapping[str, str]) -> list[tuple[str, str]]:
    g, language = texts.generated, draft.language
    end = effective_end(draft.timeframe)
    sentences = []
    if draft.timeframe.start is not None and end is not None:
        sentences.append(
            (
                "generated.agreement_span",
                g["agreement_span"].format(
                    start=format_date(draft.timeframe.start, language), end=format_date(end, language)
                ),
            )
        )
    for phase in timeframe_phases(draft.timeframe):
        label = texts.phases[phase.kind.value].format(year=phase.year)
        sentences.append(
            (
                f"generated.phase.{phase.kind.value}.{phase.year}",
                g["phase"].format(
                    phase=label,
                    start=format_date(phase.start, language),
                    end=format_date(phase.end, language),
                ),
            )
        )
    total = overall_total(draft.budget)
    if total:
        sentences.append(
            ("generated.budget_total", g["budget_total"].format(total=format_amount(total, language)))
        )
        party_shares = shares(draft.budget)
        for party in draft.budget.parties:
            sentences.append(
                (
                    f"generated.budget_source.{party}",
                    g["budget_source"].format(
                        source=names.get(party, party),
                        amount=format_amount(party_total(draft.budget, party), language),
                        share=format_share(party_shares[party], language),
                    ),
                )
            )
    return sentences


_GENERATORS = {
    MouSection.PARTIES: _parties_sentences,
    MouSection.BODIES: _bodies_sentences,
    MouSection.TIMEFRAME: _timeframe_sentences,
}


def render_document(draft: MouDraft, names: Mapping[str, str]) -> MouDocument:
    """The MOU as it prints, in the draft's language.

    `names` maps party keys ("authority", "organisation", "partner:<uuid>") to display
    names in that language; the storage layer resolves them from the records.
    """
    texts = load_texts(draft.language)
    shown = party_display_names(names, draft.parties)
    sections = []
    for numbered in numbered_sections(draft.clauses):
        clauses = [(c.clause.key, c.clause.text) for c in numbered.clauses]
        generated = _generated(numbered.section, draft, texts, shown)
        # The parties are named first; other sentences follow the section's clauses.
        if numbered.section is MouSection.PARTIES:
            listing = [g for g in generated if g[0].startswith("generated.party_")]
            terms = [g for g in generated if not g[0].startswith("generated.party_")]
            ordered = listing + clauses + terms
        else:
            ordered = clauses + generated
        sections.append(
            DocumentSection(
                numbered.number,
                numbered.section,
                texts.section_title(numbered.section),
                tuple(
                    DocumentClause(f"{numbered.number}.{index}", key, text)
                    for index, (key, text) in enumerate(ordered, start=1)
                ),
            )
        )
    return MouDocument(
        language=draft.language,
        title=texts.document["title"],
        subtitle=texts.document["subtitle"],
        preamble=texts.generated["preamble"].format(
            authority=shown[AUTHORITY_PARTY], organisation=shown[ORGANISATION_PARTY]
        ),
        sections=tuple(sections),
    )
