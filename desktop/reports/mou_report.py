"""The memorandum of understanding as a PDF, in the MOU's own language.

Title page, numbered sections and clauses, the budget annex (years by source, with
totals and shares), the governance annex, the timeline, the signature page; unsigned
versions and drafts carry a "draft" watermark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from desktop import i18n
from desktop.i18n import _
from desktop.models.documents import MouData
from desktop.models.mou import AUTHORITY_PARTY, ORGANISATION_PARTY, load_texts
from desktop.models.mou_budget import (
    format_amount,
    format_share,
    overall_total,
    party_total,
    shares,
    year_total,
)
from desktop.models.mou_draft import DocumentSection, MouDraft, party_display_names, render_document
from desktop.models.mou_timeline import timeframe_phases
from desktop.models.mou_versions import MouVersion
from desktop.reports.document import DocumentBuilder


def build_mou_pdf(data: MouData, out: Path | None = None, language: str | None = None) -> bytes:
    """The current draft or a sent version of an MOU. It is printed in the MOU's own language
    (the language it was written in), whatever `language` asks: an agreement has one text."""
    return mou_pdf(data.draft, data.names, data.version, out)


def mou_pdf(
    draft: MouDraft, names: Mapping[str, str], version: MouVersion | None, out: Path | None = None
) -> bytes:
    language = draft.language
    texts = load_texts(language)
    words = texts.document
    document_data = render_document(draft, names)
    shown = party_display_names(names, draft.parties)
    signed = version is not None and version.is_signed
    with i18n.using_language(language) as language:
        builder = DocumentBuilder(
            f"{document_data.title} – {shown[AUTHORITY_PARTY]} – {_version_words(version, words)}",
            language,
            author=shown[ORGANISATION_PARTY],
            subject=document_data.subtitle,
            watermark="" if signed else words["draft_watermark"],
        )
        _title_page(builder, document_data.title, document_data.subtitle, shown, version, words)
        builder.paragraph(document_data.preamble)
        for number, title, clauses in printed_sections(draft, document_data.sections):
            builder.heading(f"{number}. {title}")
            builder.clauses(clauses)
        _budget_annex(builder, draft, shown, words)
        _governance_annex(builder, draft, words)
        _partners_annex(builder, draft, shown)
        _signature_page(builder, draft, shown, words, version)
        return builder.build(out)


ANNEX = "annexes."


def printed_sections(
    draft: MouDraft, sections: Sequence[DocumentSection]
) -> list[tuple[int, str, list[tuple[str, str]]]]:
    """(number, title, [(clause number, text)]) of each section as printed: an annex is listed
    only when it is attached, and the annexes listed are numbered without gaps."""
    attached = _attached_annexes(draft)
    printed = []
    for section in sections:
        clauses = [c for c in section.clauses if not c.key.startswith(ANNEX) or c.key in attached]
        if not clauses:
            continue
        if any(c.key.startswith(ANNEX) for c in clauses):
            numbered = [(f"{section.number}.{index}", c.text) for index, c in enumerate(clauses, start=1)]
        else:
            numbered = [(c.number, c.text) for c in clauses]
        printed.append((section.number, section.title, numbered))
    return printed


def _attached_annexes(draft: MouDraft) -> set[str]:
    """The annex clauses whose annex this document attaches."""
    attached = set()
    if draft.bodies:
        attached.add("annexes.partnership_structure")
    if draft.budget.years and draft.budget.parties:
        attached.add("annexes.budget")
    if draft.parties.partner_uuids:
        attached.add("annexes.supporting_organisations")
    return attached


def _version_words(version: MouVersion | None, words: Mapping[str, str]) -> str:
    """Which text this is, for the running header: "version 2, signed on 3.4.2027", or draft."""
    if version is None:
        return words["draft_watermark"]
    text = words["version"].format(number=version.number)
    if version.signed_on is not None:
        text += ", " + _("signed on {date}").format(date=i18n.format_date(version.signed_on))
    return text


def _title_page(
    builder: DocumentBuilder,
    title: str,
    subtitle: str,
    shown: Mapping[str, str],
    version: MouVersion | None,
    words: Mapping[str, str],
) -> None:
    builder.spacer(40)
    builder.heading(title, 0)
    builder.heading(subtitle, 1)
    builder.spacer(8)
    for name in shown.values():
        builder.paragraph(name)
    builder.spacer(8)
    if version is not None:
        builder.paragraph(words["version"].format(number=version.number))
        builder.paragraph(words["sent_on"].format(date=i18n.format_date(version.sent_on)))
        if version.signed_on is not None:
            builder.notice(_("Signed on {date}.").format(date=i18n.format_date(version.signed_on)))
    else:
        builder.paragraph(f"{words['draft_watermark']} – {i18n.format_date(date.today())}")
    builder.page_break()


def _budget_annex(
    builder: DocumentBuilder, draft: MouDraft, shown: Mapping[str, str], words: Mapping[str, str]
) -> None:
    annex = draft.budget
    if not annex.years or not annex.parties:
        return
    builder.heading(words["budget_annex_title"])
    header = [words["year"], *[shown.get(party, party) for party in annex.parties], words["total"]]
    rows = [
        [
            str(year),
            *[format_amount(annex.amount(year, party)) for party in annex.parties],
            format_amount(year_total(annex, year)),
        ]
        for year in annex.years
    ]
    rows.append(
        [
            words["total"],
            *[format_amount(party_total(annex, party)) for party in annex.parties],
            format_amount(overall_total(annex)),
        ]
    )
    portion = shares(annex)
    rows.append(
        [
            words["share"],
            *[format_share(portion[party]) for party in annex.parties],
            format_share(sum(portion.values(), Decimal(0))),
        ]
    )
    columns = len(header)
    builder.table(
        header,
        rows,
        col_widths=[12] + [88 / (columns - 1)] * (columns - 1),
        numeric_columns=tuple(range(1, columns)),
    )


def _governance_annex(builder: DocumentBuilder, draft: MouDraft, words: Mapping[str, str]) -> None:
    texts = load_texts(draft.language)
    if draft.bodies:
        builder.heading(words["governance_annex_title"])
        rows = [
            [
                body.name + (f" – {body.mobility_field}" if body.mobility_field else ""),
                body.size_text,
                body.chair or _("To be decided"),
                body.frequency.describe(draft.language),
                i18n.format_list(list(body.member_roles), draft.language),
            ]
            for body in draft.bodies
        ]
        header = [words["name"], _("Members"), _("Chair"), _("Meetings"), _("Member roles")]
        builder.table(header, rows, col_widths=[22, 9, 18, 19, 32], numeric_columns=(1,))
    phases = timeframe_phases(draft.timeframe)
    if phases:
        builder.heading(texts.sections["timeframe"], 2)
        builder.table(
            [_("Phase"), _("From"), _("To")],
            [
                [
                    texts.phases[phase.kind.value].format(year=phase.year),
                    i18n.format_date(phase.start),
                    i18n.format_date(phase.end),
                ]
                for phase in phases
            ],
            col_widths=[50, 25, 25],
        )


def _partners_annex(builder: DocumentBuilder, draft: MouDraft, shown: Mapping[str, str]) -> None:
    """The supporting organisations, when the agreement has partners besides the two parties."""
    partners = [key for key in draft.parties.party_keys() if key not in (AUTHORITY_PARTY, ORGANISATION_PARTY)]
    if not partners:
        return
    builder.heading(_("Annex: supporting organisations"))
    builder.bullets([shown.get(key, key) for key in partners])


def _signature_page(
    builder: DocumentBuilder,
    draft: MouDraft,
    shown: Mapping[str, str],
    words: Mapping[str, str],
    version: MouVersion | None,
) -> None:
    """A block per signatory: name, role and party, a line to sign on and the date."""
    builder.page_break()
    builder.heading(words["signatures_title"])
    if version is not None and version.signed_on is not None:
        builder.notice(_("Signed on {date}.").format(date=i18n.format_date(version.signed_on)))
    for signatory in draft.signatories:
        builder.signature_block(
            signatory.person.name or "",
            f"{signatory.title or signatory.role.label}, {shown.get(signatory.party, '')}",
            words["signature"],
            words["date"],
            i18n.format_date(signatory.signed_on),
        )
