"""Printing a document of the registry (`desktop.reports.registry`) from a workspace: what
the window's File > Print/Export and `shutafut-cli pdf` both call. Headless: no Qt.

    export_document(workspace, "forum-summary", 3, Path("s.pdf"), "he", session=2)
    document_choices(workspace, "mou", 1)  -> {"version": [(None, "The current draft"), (1, ...)]}
    suggested_file_name(workspace, "mou", 1) -> "Ofakim - MOU.pdf"

Errors: RecordNotFound (desktop.storage.reference_store) when there is no record number
`record_id`; NoSuchChoice (desktop.models.documents) when it has no such version, session,
meeting, diagnosis or item; KeyError for an unknown document key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop import collector, i18n
from desktop.i18n import _
from desktop.models.documents import NoSuchChoice
from desktop.models.syllabus import meeting_title, ordered
from desktop.reports.registry import (
    COMPARE,
    DIAGNOSIS,
    ITEM,
    MEETING,
    SESSION,
    VERSION,
    DocumentKind,
    document_kind,
    documents_for,
)
from desktop.storage import document_data, instrument_document_data
from desktop.storage.workspace import Workspace

__all__ = [
    "DocumentKind",
    "NoSuchChoice",
    "PreparedDocument",
    "document_choices",
    "document_kind",
    "documents_for",
    "export_document",
    "flags_work_number",
    "prepare_document",
    "suggested_file_name",
]

Choice = tuple[Any, str]


def _required(kind: DocumentKind, options: dict[str, Any], name: str) -> Any:
    value = options.get(name)
    if value is None:
        raise NoSuchChoice(name, None)
    return value


def load_document_data(
    workspace: Workspace, key: str, record_id: int | None, language: str | None = None, **options: Any
) -> Any:
    """What document `key` of record `record_id` needs (see desktop.models.documents)."""
    kind = document_kind(key)
    unknown = set(options) - set(kind.options)
    if unknown:
        raise TypeError(f"{key} takes no option {', '.join(sorted(unknown))}")
    if kind.feature == "journey":
        return _journey(workspace, language or i18n.current_language(), options)
    if not kind.needs_record:
        return document_data.workspace_summary(workspace)
    if kind.feature == "clusters":
        if kind.key == "guidance-needs":
            return document_data.guidance_needs(workspace, record_id)
        if record_id is None:
            raise TypeError(f"{key} needs a record number")
        return document_data.cluster_profile(workspace, record_id)
    if kind.feature in instrument_document_data.FEATURES:  # (the portfolio: by --town too)
        return instrument_document_data.load(workspace, key, record_id, options)
    if record_id is None:
        raise TypeError(f"{key} needs a record number")
    language = language or i18n.current_language()
    if kind.feature == "selection":
        return document_data.selection(workspace, record_id)
    if kind.feature == "agreements":
        return document_data.mou(workspace, record_id, options.get(VERSION))
    if kind.feature == "forums":
        session = _required(kind, options, SESSION) if SESSION in kind.options else None
        return document_data.forum(workspace, record_id, session)
    if kind.feature == "flags":
        if DIAGNOSIS in kind.options:
            return document_data.flags(workspace, record_id, diagnosis=_required(kind, options, DIAGNOSIS))
        if ITEM in kind.options:
            return document_data.flags(workspace, record_id, item=_required(kind, options, ITEM))
        return document_data.flags(workspace, record_id)
    return document_data.community(
        workspace, record_id, language, options.get(MEETING), plan=MEETING in kind.options
    )


def _journey(workspace: Workspace, language: str, options: dict[str, Any]) -> Any:
    """The journey report of the town or cluster named by the TOWN or CLUSTER option."""
    from desktop.storage.journey_store import NoSuchJourney, journey_report_data

    town, cluster = options.get("town"), options.get("cluster")
    if (town is None) == (cluster is None):
        raise NoSuchChoice("town" if town is None else "cluster", None)
    try:
        return journey_report_data(workspace, language, town=town, cluster=cluster)
    except NoSuchJourney:
        raise NoSuchChoice("town" if town is not None else "cluster", town or cluster) from None


@dataclass(frozen=True)
class PreparedDocument:
    """A document's data read from the workspace (plain domain objects), ready to be built.

    Reading needs the workspace's connection, in the thread that owns it; building needs
    none, so the window builds a large PDF in a worker thread (separate reportlab documents
    are independent)."""

    key: str
    data: Any
    letterhead: Any

    def build(self, out: Path, language: str) -> None:
        from desktop.reports.document import printed_with

        # (a large document makes hundreds of thousands of short-lived objects: the cycle
        # collector's full passes over everything alive took a fifth of the summary's time)
        with printed_with(self.letterhead), collector.paused():  # every document: the organisation's
            document_kind(self.key).build(self.data, out, language)


def prepare_document(
    workspace: Workspace, key: str, record_id: int | None, language: str, **options: Any
) -> PreparedDocument:
    """What document `key` needs, read from the workspace (options: see export_document)."""
    data = load_document_data(workspace, key, record_id, language, **options)
    return PreparedDocument(key, data, document_data.letterhead(workspace))


def export_document(
    workspace: Workspace, key: str, record_id: int | None, out: Path, language: str, **options: Any
) -> None:
    """Write document `key` of record number `record_id` (None for the workspace summary) to
    `out` in `language`. Options: version (MOU; None = the current draft), session (forum,
    1-4), meeting (meeting plan: number in date order, a meeting id, or None = the next one),
    diagnosis (its short number, or its id), item (scoring sheet: number in the item list, or id)."""
    prepare_document(workspace, key, record_id, language, **options).build(out, language)


def document_choices(workspace: Workspace, key: str, record_id: int | None) -> dict[str, list[Choice]]:
    """For each option of document `key`, the (value, translated label) pairs of record
    `record_id` a person picks from; {} for a document without options."""
    kind = document_kind(key)
    choices: dict[str, list[Choice]] = {}
    if not kind.options or record_id is None:
        return choices
    if VERSION in kind.options:
        from desktop.storage.agreement_store import load_agreement

        agreement = load_agreement(workspace, record_id)
        choices[VERSION] = [(None, _("The current draft"))] + [
            (
                v.number,
                _("Version {number} ({date})").format(number=v.number, date=i18n.format_date(v.sent_on)),
            )
            for v in agreement.versions
        ]
    if SESSION in kind.options:
        forum = document_data.forum(workspace, record_id).forum
        choices[SESSION] = [(s.number, f"{s.number}. {s.title}") for s in forum.sessions]
    if MEETING in kind.options:
        community = document_data.community(workspace, record_id, i18n.current_language()).community
        titles = {t.id: t.title for t in community.topics}
        choices[MEETING] = [
            (
                number,
                f"{number}. {i18n.format_date(meeting.day)}"
                + (f" – {title}" if (title := meeting_title(meeting, titles)) else ""),
            )
            for number, meeting in enumerate(ordered(community.meetings), start=1)
        ]
    if COMPARE in kind.options:
        choices[COMPARE] = instrument_document_data.compare_choices(workspace, record_id)
    if DIAGNOSIS in kind.options or ITEM in kind.options:
        flags = document_data.flags(workspace, record_id).flags
        names = {item.id: item.name for item in flags.items}
        if DIAGNOSIS in kind.options:
            choices[DIAGNOSIS] = [
                (
                    d.number,
                    f"{d.number}. {names.get(d.item, '…')} ({_iso_date(d.held_on)})",
                )
                for d in sorted(flags.diagnoses, key=lambda d: d.number)
            ]
        if ITEM in kind.options:
            choices[ITEM] = [(number, f"{number}. {item.name}") for number, item in enumerate(flags.items, 1)]
    return choices


def _iso_date(text: str) -> str:
    from datetime import date

    try:
        return i18n.format_date(date.fromisoformat(text))
    except ValueError:
        return text


def _safe(name: str) -> str:
    """A file name: no folder separators, no characters Windows refuses."""
    cleaned = "".join("-" if ch in '/\\:*?"<>|' else ch for ch in name).strip()
    return cleaned or "…"


def _record_names() -> dict[str, Callable[[Workspace, int], str]]:
    def selection(workspace: Workspace, record_id: int) -> str:
        return document_data.selection_title(workspace, record_id)

    def forum(workspace: Workspace, record_id: int) -> str:
        return document_data.forum(workspace, record_id).forum.title

    def flags(workspace: Workspace, record_id: int) -> str:
        return document_data.flags(workspace, record_id).cluster_name

    def community(workspace: Workspace, record_id: int) -> str:
        from desktop.storage.community_store import load_community

        return load_community(workspace, record_id).name

    def cluster(workspace: Workspace, record_id: int) -> str:
        from desktop.storage.cluster_store import cluster_name_of_profile

        return cluster_name_of_profile(workspace, record_id)

    return {
        "selection": selection,
        "forums": forum,
        "flags": flags,
        "communities": community,
        "clusters": cluster,
    }


def suggested_file_name(workspace: Workspace, key: str, record_id: int | None, **options: Any) -> str:
    """The PDF's file name as the export dialog suggests it (translated), from the record's
    name: "Ofakim - MOU.pdf", "Sharing forum - Session summary.pdf"."""
    kind = document_kind(key)
    if kind.record_optional and record_id is None:
        return _safe(f"{kind.title()}.pdf")
    if not kind.needs_record or record_id is None:
        return _safe(_("{workspace} - summary.pdf").format(workspace=workspace.name))
    if kind.feature == "agreements":
        from desktop.storage.agreement_store import agreement_title, load_agreement

        authority = agreement_title(workspace, load_agreement(workspace, record_id))
        return _safe(_("{authority} - MOU.pdf").format(authority=authority))
    if kind.feature == "selection":
        title = document_data.selection_title(workspace, record_id)
        return _safe(_("{title} - selection decision.pdf").format(title=title))
    if kind.feature in instrument_document_data.FEATURES:
        name = instrument_document_data.record_name(workspace, kind.feature, record_id, **options)
    else:
        name = _record_names()[kind.feature](workspace, record_id)
    if kind.feature == "flags" and (DIAGNOSIS in kind.options or ITEM in kind.options):
        data = load_document_data(workspace, key, record_id, **options)
        if data.item is not None:
            name = f"{name} - {data.item.name}"
    return _safe(f"{name} - {kind.title()}.pdf")


def flags_work_number(workspace: Workspace, cluster_uuid: str, *, create: bool = False) -> int | None:
    """The record number of a cluster's flags work; while it is not mapped yet None, or with
    `create` its empty flags work is stored first (so its empty work plan can be printed)."""
    from desktop.models.flags import ClusterFlags
    from desktop.storage.flags_store import flags_work_number as number
    from desktop.storage.flags_store import save_cluster_flags

    found = number(workspace, cluster_uuid)
    if found is None and create:
        save_cluster_flags(workspace, ClusterFlags(cluster_uuid))
        found = number(workspace, cluster_uuid)
    return found
