"""Every printable document, described once: read by the window (File > Print/Export, Ctrl+P)
and by `shutafut-cli pdf`. No storage and no Qt here: `desktop.documents` loads a
document's data and calls its `build` function.

The report modules (and reportlab, 0.3-0.5 s to import) are imported when a document is first
built, not with this list: the window reads it on its own thread to name and ask for a
document, and builds the document in a worker thread.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.i18n import N_, _

FEATURES = (
    "workspace",
    "selection",
    "agreements",
    "forums",
    "flags",
    "communities",
    "collective-plans",
    "portfolios",
    "compasses",
    "clusters",
    "journey",
)

# The options a person chooses besides the record, in the order they are asked.
VERSION = "version"  # a sent MOU version; None: the current draft
SESSION = "session"  # a design forum session, 1 to 4
MEETING = "meeting"  # a learning community meeting, by its number in date order
DIAGNOSIS = "diagnosis"  # a flags diagnosis, by its short number
ITEM = "item"  # a flags item (scoring sheet), by its number in the cluster's list of items
TOWN = "town"  # a town's name: its journey report, or its investment portfolio instead of --id
CLUSTER = "cluster"  # the journey report of a regional cluster, by its name
COMPARE = "compare"  # an earlier compass taking to compare the latest with (1 = the first)
OPTIONS = (VERSION, SESSION, MEETING, DIAGNOSIS, ITEM, TOWN, CLUSTER, COMPARE)

Build = Callable[[Any, Path | None, str | None], bytes]


def _builder(name: str) -> Build:
    """The function `name` ("module.function" in desktop.reports), imported on first use."""
    module, function = name.rsplit(".", 1)
    build: Build = getattr(importlib.import_module(f"desktop.reports.{module}"), function)
    return build


@dataclass(frozen=True)
class DocumentKind:
    key: str  # the CLI name: shutafut-cli pdf KEY
    feature: str  # one of FEATURES: the section whose records it prints
    title_id: str  # message id of its title (see title())
    builder: str  # its build function, "module.function" in desktop.reports (see build())
    options: tuple[str, ...] = ()
    record_optional: bool = False  # prints without a record too (the guidance needs comparison)

    def build(self, data: Any, out: Path | None, language: str | None) -> bytes:
        """The PDF of `data` (from desktop.storage.document_data), written to `out` if given,
        with the organisation's name and logo the data carries (see Letterhead)."""
        from desktop.reports.document import printed_with

        build = _builder(self.builder)
        letterhead = getattr(data, "letterhead", None)
        if letterhead is None:  # data that carries none prints with the one in force (documents.py)
            return build(data, out, language)
        with printed_with(letterhead):
            return build(data, out, language)

    def title(self) -> str:
        """The document's name in the current language."""
        return _(self.title_id)

    @property
    def needs_record(self) -> bool:
        """False for the workspace summary, which prints the whole workspace, and the journey
        report, which names its town or cluster (TOWN or CLUSTER)."""
        return self.feature not in ("workspace", "journey")


KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("summary", "workspace", N_("Workspace summary"), "summary.build_summary_pdf"),
    DocumentKind(
        "selection", "selection", N_("Town selection decision report"), "selection_report.build_selection_pdf"
    ),
    DocumentKind(
        "mou", "agreements", N_("Memorandum of understanding"), "mou_report.build_mou_pdf", (VERSION,)
    ),
    DocumentKind("forum-agenda", "forums", N_("Session agenda"), "forum_report.build_agenda_pdf", (SESSION,)),
    DocumentKind(
        "forum-agenda-facilitator",
        "forums",
        N_("Session agenda, facilitator's copy"),
        "forum_report.build_facilitator_agenda_pdf",
        (SESSION,),
    ),
    DocumentKind(
        "forum-summary", "forums", N_("Session summary"), "forum_report.build_summary_pdf", (SESSION,)
    ),
    DocumentKind("shared-agenda", "forums", N_("Shared agenda"), "forum_report.build_shared_agenda_pdf"),
    DocumentKind(
        "forum-sign-in", "forums", N_("Sign-in sheet"), "forum_report.build_sign_in_pdf", (SESSION,)
    ),
    DocumentKind("forum-name-tags", "forums", N_("Name tags"), "forum_report.build_name_tags_pdf"),
    DocumentKind(
        "flags-diagnosis", "flags", N_("Flags diagnosis"), "flags_report.build_diagnosis_pdf", (DIAGNOSIS,)
    ),
    DocumentKind(
        "flags-sheet", "flags", N_("Scoring sheet"), "flags_report.build_scoring_sheet_pdf", (ITEM,)
    ),
    DocumentKind("flags-workplan", "flags", N_("Work plan by flags"), "flags_report.build_workplan_pdf"),
    DocumentKind("syllabus", "communities", N_("Yearly syllabus"), "community_report.build_syllabus_pdf"),
    DocumentKind(
        "meeting-plan",
        "communities",
        N_("Meeting plan"),
        "community_report.build_meeting_plan_pdf",
        (MEETING,),
    ),
    DocumentKind("work-teams", "communities", N_("Work teams"), "community_report.build_work_teams_pdf"),
    DocumentKind(
        "cluster-profile", "clusters", N_("Cluster profile"), "cluster_report.build_cluster_profile_pdf"
    ),
    DocumentKind(
        "guidance-needs",
        "clusters",
        N_("Guidance needs of the regional clusters"),
        "cluster_report.build_guidance_pdf",
        record_optional=True,
    ),
    DocumentKind(
        "collective-plan",
        "collective-plans",
        N_("Collective plan"),
        "collective_plan_report.build_collective_plan_pdf",
    ),
    DocumentKind(
        "investment-portfolio",
        "portfolios",
        N_("Investment portfolio"),
        "portfolio_report.build_portfolio_pdf",
        (TOWN,),
    ),
    DocumentKind(
        "outcomes-compass",
        "compasses",
        N_("Infrastructure-outcomes compass"),
        "compass_report.build_compass_pdf",
        (COMPARE,),
    ),
    DocumentKind(
        "journey", "journey", N_("Journey report"), "journey_report.build_journey_pdf", (TOWN, CLUSTER)
    ),
)

_BY_KEY = {kind.key: kind for kind in KINDS}


def documents_for(feature: str) -> list[DocumentKind]:
    """The documents a feature's records print, in menu order."""
    if feature not in FEATURES:
        raise KeyError(feature)
    return [kind for kind in KINDS if kind.feature == feature]


def document_kind(key: str) -> DocumentKind:
    """The document named `key` (KeyError for an unknown one)."""
    return _BY_KEY[key]
