"""The workspace summary: its authorities, regional clusters and organisations, as tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desktop import i18n
from desktop.i18n import _, ngettext
from desktop.models.documents import WorkspaceSummaryData
from desktop.models.enums import District, MunicipalStatus, Sector
from desktop.reports.document import DocumentBuilder


def _authority_name(row: Mapping[str, Any], language: str) -> str:
    localised = {"ar": row.get("name_ar"), "en": row.get("name_en")}.get(language)
    return str(localised or row["name_he"])


def _label(enum: Any, code: str | None) -> str:
    return enum(code).label if code else "—"


def _open_section(
    document: DocumentBuilder, heading: str, count_line: str, count: int, empty_line: str
) -> bool:
    """Heading and count of a section; False (after saying so) when it has no rows."""
    document.heading(heading)
    document.paragraph(count_line.format(count=i18n.format_number(count)))
    if not count:
        document.paragraph(empty_line)
    return bool(count)


def _figure(value: int | None) -> str:
    return i18n.format_number(value) if value is not None else "—"


def build_summary_pdf(
    data: WorkspaceSummaryData, out: Path | None = None, language: str | None = None
) -> bytes:
    """The workspace summary as PDF bytes (also written to `out` when given)."""
    with i18n.using_language(language) as language:
        authorities, clusters, organisations = data.authorities, data.clusters, data.organisations
        title = _("Workspace summary: {name}").format(name=data.name)
        document = DocumentBuilder(title, language, author=_("Shutafut"), subject=_("Workspace summary"))
        document.heading(title, 0)
        document.paragraph(
            _("Prepared on {date}.").format(date=i18n.format_date(date.today())), document.styles.small
        )
        if data.is_demo:
            document.notice(_("Demo workspace: the people and organisations in it are fictional examples."))
        _authorities_section(document, authorities, language)
        _clusters_section(document, clusters, {a["uuid"]: a for a in authorities}, language)
        _organisations_section(document, organisations)
        return document.build(out)


def _authorities_section(document: DocumentBuilder, rows: Sequence[Mapping[str, Any]], language: str) -> None:
    if not _open_section(
        document,
        _("Local authorities"),
        ngettext("{count} local authority", "{count} local authorities", len(rows)),
        len(rows),
        _("No local authorities in this workspace yet."),
    ):
        return
    header = [
        _("Name"),
        _("Municipal status"),
        _("District"),
        _("Population"),
        _("Population year"),
        _("Socio-economic cluster (1-10)"),
    ]
    body = [
        [
            _authority_name(row, language),
            _label(MunicipalStatus, row["municipal_status"]),
            _label(District, row["district"]),
            _figure(row["population"]),
            str(row["population_year"] or "—"),
            str(row["socioeconomic_cluster"] or "—"),
        ]
        for row in sorted(rows, key=lambda r: _authority_name(r, language))
    ]
    document.table(header, body, col_widths=[26, 17, 17, 14, 12, 14], numeric_columns=(3, 4, 5))
    sources = sorted({row["data_source"] for row in rows if row.get("data_source")})
    if sources:
        document.paragraph(
            _("Source of the figures: {sources}").format(sources="; ".join(sources)), document.styles.small
        )


def _clusters_section(
    document: DocumentBuilder,
    rows: Sequence[Mapping[str, Any]],
    authorities: Mapping[str, Mapping[str, Any]],
    language: str,
) -> None:
    if not _open_section(
        document,
        _("Regional clusters"),
        ngettext("{count} regional cluster", "{count} regional clusters", len(rows)),
        len(rows),
        _("No regional clusters in this workspace yet."),
    ):
        return
    body = []
    for row in sorted(rows, key=lambda r: str(r["name"])):
        members = sorted(_authority_name(authorities[uuid], language) for uuid in row["members"])
        body.append(
            [
                str(row["name"]),
                str(row["founding_year"] or "—"),
                i18n.format_number(len(members)),
                i18n.format_list(members) or "—",
            ]
        )
    header = [_("Name"), _("Founding year"), _("Members"), _("Member authorities")]
    document.table(header, body, col_widths=[24, 12, 10, 54], numeric_columns=(1, 2))


def _organisations_section(document: DocumentBuilder, rows: Sequence[Mapping[str, Any]]) -> None:
    if not _open_section(
        document,
        _("Organisations"),
        ngettext("{count} organisation", "{count} organisations", len(rows)),
        len(rows),
        _("No organisations in this workspace yet."),
    ):
        return
    body = [
        [str(row["name"]), _label(Sector, row["sector"])]
        for row in sorted(rows, key=lambda r: str(r["name"]))
    ]
    document.table([_("Name"), _("Sector")], body, col_widths=[65, 35])
