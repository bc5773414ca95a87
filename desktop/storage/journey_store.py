"""Gathers from the workspace what `desktop.models.journey` needs: every selection process,
agreement, forum, flags work and learning community, and the authorities' and clusters'
names. The home screen and the journey report call `overview`.

Importing this module is light (the journey rules import every feature's models, SQLAlchemy
the tables): the home screen asks `document_count` while the window opens a workspace and
reads the overview itself in the background when the workspace is large."""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.models.record_kinds import RecordKind
from desktop.progress import Progress, check

if TYPE_CHECKING:
    from desktop.models.journey import Journey, JourneyReportData, TownRecords
    from desktop.storage.workspace import Workspace

T = TypeVar("T")


@dataclass(frozen=True)
class Overview:
    towns: list[Journey]
    clusters: list[Journey]
    communities: list[Journey]


def authority_names(workspace: Workspace) -> dict[str, list[str]]:
    """uuid -> the authority's names (Hebrew first, then Arabic and English where given)."""
    from desktop.storage.reference_store import list_records

    return {
        str(row["uuid"]): [str(row[key]) for key in ("name_he", "name_ar", "name_en") if row.get(key)]
        for row in list_records(workspace, RecordKind.AUTHORITY)
    }


# The tables of the documents `overview` parses (desktop.storage.tables names them).
DOCUMENT_TABLES = ("selection_process", "agreement", "design_forum", "learning_community")


def document_count(workspace: Workspace) -> int:
    """How many documents `overview` parses (selection processes, agreements, forums and
    communities): one COUNT each, without reading a document, in plain SQL (Workspace.read:
    asked while the window opens a workspace, before SQLAlchemy has loaded)."""
    counts = " + ".join(f"(SELECT COUNT(*) FROM {table})" for table in DOCUMENT_TABLES)
    return int(workspace.read(f"SELECT {counts}")[0][0] or 0)


# What `overview` imports: the journey rules, every feature's models, the stores and SQLAlchemy.
OVERVIEW_MODULES = (
    "desktop.models.agreement",
    "desktop.models.community",
    "desktop.models.forum",
    "desktop.models.journey",
    "desktop.models.selection_process",
    "desktop.storage.collective_plan_store",
    "desktop.storage.compass_store",
    "desktop.storage.flags_store",
    "desktop.storage.reference_store",
    "desktop.storage.tables",
    "desktop.storage.worker",
)


def overview_modules_imported() -> bool:
    """Whether `overview` can run without importing anything first (half a second the first
    time: the home screen then reads even a small workspace in the background)."""
    return all(name in sys.modules for name in OVERVIEW_MODULES)


def import_overview_modules() -> None:
    """Import what `overview` needs. It touches no workspace: a thread may do it while the
    window works. Another thread importing some of the same modules in another order at the
    same moment can make Python's import locks report a deadlock (RuntimeError) in one of
    them: that one waits a moment, the other finishes, and the import is tried again."""
    for name in OVERVIEW_MODULES:
        for attempt in range(3):
            try:
                importlib.import_module(name)
                break
            except RuntimeError:
                if attempt == 2:
                    raise
                time.sleep(0.05)


def _every(
    workspace: Workspace, record_class: Any, parse: Callable[[str], T], progress: Progress | None = None
) -> list[tuple[int, T]]:
    """(number, document) of every record of `record_class`, by number, read in one query and
    each parsed once (the stores' list_ and load_ functions would parse each twice)."""
    from sqlalchemy import select

    parsed = []
    with workspace.session() as session:
        found = session.execute(select(record_class.id, record_class.state).order_by(record_class.id))
        for number, state in found:
            check(progress)
            parsed.append((int(number), parse(state)))
    return parsed


def overview(workspace: Workspace, today: date, progress: Progress | None = None) -> Overview:
    """Where each town, cluster and community stands. Reading only: `progress` (work in the
    background) may stop it at any document, which leaves nothing to undo."""
    from desktop.models.agreement import Agreement
    from desktop.models.community import Community
    from desktop.models.forum import Forum
    from desktop.models.journey import cluster_journey, community_journey, town_journey, towns_worked_with
    from desktop.models.selection_process import SelectionProcess
    from desktop.storage.flags_store import flags_work_number, load_cluster_flags
    from desktop.storage.reference_store import choices
    from desktop.storage.tables import AgreementRecord, CommunityRecord, ForumRecord, SelectionRecord

    selections = _every(workspace, SelectionRecord, SelectionProcess.from_json, progress)
    agreements = _every(workspace, AgreementRecord, Agreement.from_json, progress)
    forums = _every(workspace, ForumRecord, Forum.from_json, progress)
    towns = [
        town_journey(town, today)
        for town in with_instruments(
            workspace, towns_worked_with(authority_names(workspace), selections, agreements, forums), today
        )
    ]
    clusters = []
    for uuid, name in choices(workspace, RecordKind.CLUSTER):
        check(progress)
        number = flags_work_number(workspace, uuid)
        flags = load_cluster_flags(workspace, uuid) if number is not None else None
        clusters.append(cluster_journey(name, uuid, number, flags, today))
    clusters.sort(key=lambda j: (j.steps[0].target is None, j.name))
    communities = [
        community_journey(number, community, today)
        for number, community in _every(workspace, CommunityRecord, Community.from_json, progress)
    ]
    return Overview(towns, clusters, communities)


def with_instruments(workspace: Workspace, towns: list[TownRecords], today: date) -> list[TownRecords]:
    """The towns with their collective plans and compasses (matched by the town's name)."""
    from desktop.models.journey import CompassFacts, PlanFacts
    from desktop.storage.collective_plan_store import list_plans
    from desktop.storage.compass_store import list_compasses

    by_name = {town.name: town for town in towns}
    for plan in list_plans(workspace, today):
        if plan.town in by_name:
            by_name[plan.town].plans.append(PlanFacts(plan.id, plan.goal, plan.actions, plan.late))
    for compass in list_compasses(workspace):
        if compass.town in by_name:
            by_name[compass.town].compasses.append(
                CompassFacts(compass.id, compass.takings, compass.last_taken)
            )
    return towns


class NoSuchJourney(LookupError):
    """No town being worked with, or no regional cluster, of that name."""


def journey_report_data(
    workspace: Workspace,
    language: str,
    *,
    town: str | None = None,
    cluster: str | None = None,
    today: date | None = None,
) -> JourneyReportData:
    """The journey of the town or cluster named `town` / `cluster` (in any of its languages),
    its texts in `language`; NoSuchJourney when none has that name."""
    from desktop import i18n
    from desktop.models.journey import JourneyReportData

    today = today or date.today()
    with i18n.using_language(language):
        found = overview(workspace, today)
        wanted = (town or cluster or "").strip()
        if town is not None:
            names = authority_names(workspace)
            journeys = [
                j for j in found.towns if j.target and wanted in names.get(j.target.uuid or "", [j.name])
            ]
        else:
            journeys = [j for j in found.clusters if j.name == wanted]
    if not journeys:
        raise NoSuchJourney(wanted)
    return JourneyReportData(journeys[0], workspace.is_demo, today)
