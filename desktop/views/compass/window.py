"""One town's infrastructure-outcomes compass in a window: goal areas and statements, the
takings, and the comparison of two; saved after every change; its PDF with Ctrl+P."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.i18n import _
from desktop.models.compass import Compass
from desktop.storage.collective_plan_store import authority_names
from desktop.storage.compass_store import compass_town_name, save_compass
from desktop.storage.workspace import Workspace
from desktop.views.compass.comparison_tab import ComparisonTab
from desktop.views.compass.statements_tab import StatementsTab
from desktop.views.compass.takings_tab import TakingsTab
from desktop.views.town_instruments.window import InstrumentWindow


def _store(workspace: Workspace, compass: Compass, record_id: int | None, expected: int | None) -> int:
    return save_compass(workspace, compass, record_id, expected_version=expected)


class CompassWindow(InstrumentWindow):
    def __init__(
        self,
        workspace: Workspace,
        compass: Compass,
        compass_id: int | None,
        export: Callable[[int, str, dict[str, Any]], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("compass_window", workspace, compass, compass_id, _store, parent)
        self.export = export
        self.town = compass_town_name(compass, authority_names(workspace))
        self.statements_tab = StatementsTab(self.context)
        self.takings_tab = TakingsTab(self.context)
        self.comparison_tab = ComparisonTab(self.context)
        self.finish(
            (
                (self.statements_tab, _("Goal areas and statements")),
                (self.takings_tab, _("Takings")),
                (self.comparison_tab, _("Comparison")),
            ),
            "compass",
            _("Compass (PDF)…"),
            export is not None,
        )

    @property
    def compass(self) -> Compass:
        compass: Compass = self.context.document
        return compass

    def print_current(self) -> None:
        """Ctrl+P: on the comparison tab, the comparison of its two takings; else the latest."""
        self.flush()
        if self.export is None or self.context.record_id is None:
            return
        options: dict[str, Any] = {"compare": None}
        if self.tabs.currentWidget() is self.comparison_tab:
            takings = self.compass.ordered_takings()
            chosen = str(self.comparison_tab.before.currentData() or "")
            numbers = {t.id: n for n, t in enumerate(takings, start=1)}
            if chosen in numbers and numbers[chosen] < len(takings):
                options["compare"] = numbers[chosen]
        self.export(self.context.record_id, "outcomes-compass", options)

    def window_title(self) -> str:
        return _("Infrastructure-outcomes compass: {town}").format(town=self.town)
