"""One collective plan in a window: the goal and its team, the theory of change, the actions
with their budget, and the review; saved after every change; its PDF with Ctrl+P."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from desktop.i18n import _
from desktop.models.collective_plan import CollectivePlan
from desktop.storage.collective_plan_store import authority_names, save_plan
from desktop.storage.workspace import Workspace
from desktop.views.collective_plan.actions_tab import ActionsTab
from desktop.views.collective_plan.goal_tab import GoalTab
from desktop.views.collective_plan.logic_tab import LogicTab
from desktop.views.collective_plan.review_tab import ReviewTab
from desktop.views.editor_window import EditorWindow
from desktop.views.saving import PendingSave
from desktop.views.town_instruments.context import InstrumentContext


def _store(workspace: Workspace, plan: CollectivePlan, plan_id: int | None, expected: int | None) -> int:
    return save_plan(workspace, plan, plan_id, expected_version=expected)


class PlanWindow(EditorWindow):
    def __init__(
        self,
        workspace: Workspace,
        plan: CollectivePlan,
        plan_id: int | None,
        export: Callable[[int, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("collective_plan_window", parent)
        self.context = InstrumentContext(workspace, plan, plan_id, _store)
        self.context.parent = self
        self.context.pending = PendingSave(self.context.save, self)
        self.export = export
        self.towns = authority_names(workspace)
        if plan_id is None:
            self.context.save()  # a new plan exists from the moment it is opened
        self.goal_tab = GoalTab(self.context, self.towns)
        self.logic_tab = LogicTab(self.context)
        self.actions_tab = ActionsTab(self.context)
        self.review_tab = ReviewTab(self.context)
        for tab, label in (
            (self.goal_tab, _("Goal, team and objectives")),
            (self.logic_tab, _("Theory of change")),
            (self.actions_tab, _("Actions and budget")),
            (self.review_tab, _("Review")),
        ):
            self.add_tab(tab, label)
        self.context.reloaders.append(self._reload_all)
        self.saved = QLabel()
        self.saved.setObjectName("plan_saved")
        self.context.listeners.append(self._saved)
        self.context.listeners.append(self.document_saved)
        self.keep_history(self.context.document, self._reload_all)
        self.print_button = QPushButton(_("Collective plan (PDF)…"))
        self.print_button.setObjectName("plan_pdf")
        self.print_button.clicked.connect(self.print_current)
        self.print_button.setEnabled(export is not None)
        self.actions_row.addWidget(self.print_button)
        self.actions_row.addWidget(self.saved, 1)
        self._update_title()

    @property
    def plan(self) -> CollectivePlan:
        plan: CollectivePlan = self.context.document
        return plan

    def save(self) -> None:
        self.context.save()

    def flush(self) -> None:
        self.context.flush()

    def print_current(self) -> None:
        self.flush()
        if self.export is not None and self.context.record_id is not None:
            self.export(self.context.record_id, "collective-plan")

    def _update_title(self) -> None:
        suffix = _(" (read-only)") if self.context.read_only else ""
        self.setWindowTitle(_("Collective plan: {goal}").format(goal=self.plan.goal) + suffix)

    def _saved(self) -> None:
        self.saved.setText(_("Saved."))
        self._update_title()

    def _reload_all(self) -> None:
        for tab in (self.goal_tab, self.logic_tab, self.actions_tab, self.review_tab):
            tab.refresh()
        self._update_title()
