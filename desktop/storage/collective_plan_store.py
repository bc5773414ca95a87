"""Collective plans in a workspace (each a JSON document), and what starting one needs: the
focus areas of the design forums' shared agendas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from desktop.i18n import _
from desktop.models.collective_plan import CollectivePlan
from desktop.storage.document_store import delete_stored, load_stored, save_stored
from desktop.storage.tables import Authority, CollectivePlanRecord, ForumRecord
from desktop.storage.workspace import Workspace


@dataclass(frozen=True)
class PlanSummary:
    id: int
    goal: str
    town: str
    field_lead: str
    actions: int
    late: int
    updated_at: datetime


def authority_names(workspace: Workspace) -> dict[str, str]:
    """Authority UUID -> Hebrew name, for every authority of the workspace."""
    with workspace.session() as session:
        return {str(u): str(n) for u, n in session.execute(select(Authority.uuid, Authority.name_he))}


def plan_town_name(plan: CollectivePlan, names: dict[str, str]) -> str:
    return names.get(plan.town, "") or plan.town_name


def list_plans(workspace: Workspace, today: date | None = None) -> list[PlanSummary]:
    today = today or date.today()
    names = authority_names(workspace)
    with workspace.session() as session:
        records = list(session.scalars(select(CollectivePlanRecord).order_by(CollectivePlanRecord.id)))
    summaries = []
    for record in records:
        plan = CollectivePlan.from_json(record.state)
        summaries.append(
            PlanSummary(
                record.id,
                plan.goal,
                plan_town_name(plan, names),
                plan.field_lead,
                len(plan.actions),
                len(plan.late_actions(today)),
                record.updated_at,
            )
        )
    return summaries


def load_plan(workspace: Workspace, plan_id: int) -> CollectivePlan:
    return load_stored(workspace, CollectivePlanRecord, plan_id, CollectivePlan.from_json)


def save_plan(
    workspace: Workspace,
    plan: CollectivePlan,
    plan_id: int | None = None,
    *,
    expected_version: int | None = None,
) -> int:
    """Store the plan; raises ConcurrentEdit (nothing written) when someone else saved it
    since it was loaded (or since `expected_version`)."""

    def fill(record: CollectivePlanRecord) -> None:
        record.goal = plan.goal[:200]
        record.town_uuid = plan.town
        record.state = plan.to_json()

    return save_stored(
        workspace,
        CollectivePlanRecord,
        plan_id,
        plan,
        CollectivePlan.from_json,
        _("the collective plan “{goal}”").format(goal=plan.goal),
        fill,
        expected_version=expected_version,
    )


def delete_plan(workspace: Workspace, plan_id: int) -> None:
    delete_stored(workspace, CollectivePlanRecord, plan_id)


@dataclass(frozen=True)
class FocusAreaChoice:
    """A focus area of a forum's shared agenda, with what a plan starts from."""

    forum_uuid: str
    forum_title: str
    place: str
    focus_area: str  # its id in the forum
    title: str
    challenge: str
    long_term_goal: str
    lead: str  # the lead's name
    team: tuple[str, ...]  # the professional team's names


def focus_areas(workspace: Workspace) -> list[FocusAreaChoice]:
    """Every focus area of every design forum's shared agenda, forum by forum."""
    from desktop.models.forum import Forum

    with workspace.session() as session:
        rows = list(session.execute(select(ForumRecord.uuid, ForumRecord.state).order_by(ForumRecord.id)))
    choices = []
    for forum_uuid, state in rows:
        try:
            forum = Forum.from_json(state)
        except (ValueError, KeyError, TypeError):
            continue
        names = {p.id: p.name for p in forum.participants}
        for area in forum.agenda:
            choices.append(
                FocusAreaChoice(
                    str(forum_uuid),
                    forum.title,
                    forum.place_of,
                    area.id,
                    area.title,
                    area.challenge,
                    area.long_term_goal,
                    names.get(area.lead or "", ""),
                    tuple(names[p] for p in area.team if p in names),
                )
            )
    return choices


def authority_by_name(workspace: Workspace, name: str) -> str:
    """The UUID of the authority called `name` (any of its names), or ""."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return ""
    with workspace.session() as session:
        for authority in session.scalars(select(Authority)):
            if wanted in {
                " ".join((n or "").split()).casefold()
                for n in (authority.name_he, authority.name_ar, authority.name_en)
            }:
                return str(authority.uuid)
    return ""
