"""Infrastructure-outcomes compasses in a workspace: one per town (each a JSON document),
and the goal areas a new compass starts from (the town's forums' focus areas)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from desktop.i18n import _
from desktop.models.compass import Compass
from desktop.storage.collective_plan_store import authority_names, focus_areas
from desktop.storage.document_store import delete_stored, load_stored, save_stored
from desktop.storage.tables import AgreementRecord, CompassRecord
from desktop.storage.workspace import Workspace


@dataclass(frozen=True)
class CompassSummary:
    id: int
    town: str
    areas: int
    takings: int
    last_taken: date | None
    updated_at: datetime


def compass_town_name(compass: Compass, names: dict[str, str]) -> str:
    return names.get(compass.town, "") or compass.town_name


def list_compasses(workspace: Workspace) -> list[CompassSummary]:
    names = authority_names(workspace)
    with workspace.session() as session:
        records = list(session.scalars(select(CompassRecord).order_by(CompassRecord.id)))
    summaries = []
    for record in records:
        compass = Compass.from_json(record.state)
        takings = compass.ordered_takings()
        summaries.append(
            CompassSummary(
                record.id,
                compass_town_name(compass, names),
                len(compass.areas),
                len(takings),
                takings[-1].taken_on if takings else None,
                record.updated_at,
            )
        )
    return summaries


def load_compass(workspace: Workspace, compass_id: int) -> Compass:
    return load_stored(workspace, CompassRecord, compass_id, Compass.from_json)


def save_compass(
    workspace: Workspace,
    compass: Compass,
    compass_id: int | None = None,
    *,
    expected_version: int | None = None,
) -> int:
    """Store the compass; raises ConcurrentEdit (nothing written) when someone else saved it
    since it was loaded (or since `expected_version`)."""
    town = compass_town_name(compass, authority_names(workspace))

    def fill(record: CompassRecord) -> None:
        record.town_uuid = compass.town
        record.title = town[:200]
        record.state = compass.to_json()

    return save_stored(
        workspace,
        CompassRecord,
        compass_id,
        compass,
        Compass.from_json,
        _("the infrastructure-outcomes compass of {town}").format(town=town),
        fill,
        expected_version=expected_version,
    )


def delete_compass(workspace: Workspace, compass_id: int) -> None:
    delete_stored(workspace, CompassRecord, compass_id)


def compass_of_town(workspace: Workspace, town_uuid: str) -> int | None:
    with workspace.session() as session:
        found = session.scalar(select(CompassRecord.id).where(CompassRecord.town_uuid == town_uuid))
    return int(found) if found is not None else None


def town_goal_areas(workspace: Workspace, town_uuid: str) -> list[str]:
    """The focus areas of the shared agendas of the forums held in the town (by its name),
    each once, in order; [] when there are none."""
    name = authority_names(workspace).get(town_uuid, "")
    wanted = " ".join(name.split())
    areas = [a.title for a in focus_areas(workspace) if " ".join(a.place.split()) == wanted and a.title]
    return list(dict.fromkeys(areas))


def evaluation_clause(workspace: Workspace, town_uuid: str) -> str:
    """The text of the evaluation clause on the compass in the town's MOU draft, or ""."""
    from desktop.models.agreement import Agreement

    with workspace.session() as session:
        states = list(
            session.scalars(
                select(AgreementRecord.state)
                .where(AgreementRecord.authority_uuid == town_uuid)
                .order_by(AgreementRecord.id)
            )
        )
    for state in states:
        try:
            agreement = Agreement.from_json(state)
        except (ValueError, KeyError, TypeError):
            continue
        for clause in agreement.draft.clauses:
            if clause.key == "evaluation.infrastructure_outcomes":
                return clause.text
    return ""
