"""Storage-side loaders for the town instruments' documents (like `document_data`): each
gathers from the workspace exactly what one document needs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from desktop.models.instrument_documents import PlanData
from desktop.storage.workspace import Workspace

# The registry's features these loaders serve.
FEATURES = ("collective-plans",)


def load(workspace: Workspace, key: str, record_id: int, options: Mapping[str, Any]) -> Any:
    """The data document `key` of record `record_id` needs, with its options."""
    if key == "collective-plan":
        return collective_plan(workspace, record_id)
    raise KeyError(key)


def collective_plan(workspace: Workspace, plan_id: int, today: date | None = None) -> PlanData:
    """Collective plan number `plan_id` (RecordNotFound when there is none)."""
    from desktop.storage.collective_plan_store import authority_names, load_plan, plan_town_name

    plan = load_plan(workspace, plan_id)
    return PlanData(plan, plan_town_name(plan, authority_names(workspace)), workspace.is_demo, today)


def record_name(workspace: Workspace, feature: str, record_id: int) -> str:
    """The name a record's PDF file is called by."""
    from desktop.storage.collective_plan_store import load_plan

    if feature == "collective-plans":
        return load_plan(workspace, record_id).goal
    raise KeyError(feature)


def document_readers() -> dict[str, Callable[[str], object]]:
    """Record type -> the function reading its JSON document, for checking an exchange file."""
    from desktop.models.collective_plan import CollectivePlan

    return {"collective_plan": CollectivePlan.from_json}
