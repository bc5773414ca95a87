"""One collective plan in a window: the goal and its team, the theory of change, the actions
with their budget, and the review; saved after every change; its PDF with Ctrl+P."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop.i18n import _, pgettext
from desktop.models.collective_plan import CollectivePlan
from desktop.storage.collective_plan_store import authority_names, save_plan
from desktop.storage.workspace import Workspace
from desktop.views.collective_plan.actions_tab import ActionsTab
from desktop.views.collective_plan.goal_tab import GoalTab
from desktop.views.collective_plan.logic_tab import LogicTab
from desktop.views.collective_plan.review_tab import ReviewTab
from desktop.views.town_instruments.window import InstrumentWindow


def _store(workspace: Workspace, plan: CollectivePlan, plan_id: int | None, expected: int | None) -> int:
    return save_plan(workspace, plan, plan_id, expected_version=expected)


class PlanWindow(InstrumentWindow):
    def __init__(
        self,
        workspace: Workspace,
        plan: CollectivePlan,
        plan_id: int | None,
        export: Callable[[int, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("collective_plan_window", workspace, plan, plan_id, _store, parent)
        self.export = export
        self.towns = authority_names(workspace)
        self.goal_tab = GoalTab(self.context, self.towns)
        self.logic_tab = LogicTab(self.context)
        self.actions_tab = ActionsTab(self.context)
        self.review_tab = ReviewTab(self.context)
        self.finish(
            (
                (self.goal_tab, _("Goal, team and objectives")),
                (self.logic_tab, _("Theory of change")),
                (self.actions_tab, _("Actions and budget")),
                (self.review_tab, pgettext("plan follow-up", "Review")),
            ),
            "plan",
            _("Collective plan (PDF)…"),
            export is not None,
        )

    @property
    def plan(self) -> CollectivePlan:
        plan: CollectivePlan = self.context.document
        return plan

    def print_current(self) -> None:
        self.flush()
        if self.export is not None and self.context.record_id is not None:
            self.export(self.context.record_id, "collective-plan")

    def window_title(self) -> str:
        return _("Collective plan: {goal}").format(goal=self.plan.goal) + self.read_only_suffix()
