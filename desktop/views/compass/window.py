"""One town's infrastructure-outcomes compass in a window: goal areas and statements, the
takings, and the comparison of two; saved after every change; its PDF with Ctrl+P."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from desktop.i18n import _
from desktop.models.compass import Compass
from desktop.storage.collective_plan_store import authority_names
from desktop.storage.compass_store import compass_town_name, save_compass
from desktop.storage.workspace import Workspace
from desktop.views.compass.comparison_tab import ComparisonTab
from desktop.views.compass.statements_tab import StatementsTab
from desktop.views.compass.takings_tab import TakingsTab
from desktop.views.editor_window import EditorWindow
from desktop.views.saving import PendingSave
from desktop.views.town_instruments.context import InstrumentContext


def _store(workspace: Workspace, compass: Compass, record_id: int | None, expected: int | None) -> int:
    return save_compass(workspace, compass, record_id, expected_version=expected)


class CompassWindow(EditorWindow):
    def __init__(
        self,
        workspace: Workspace,
        compass: Compass,
        compass_id: int | None,
        export: Callable[[int, str, dict[str, Any]], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("compass_window", parent)
        self.context = InstrumentContext(workspace, compass, compass_id, _store)
        self.context.parent = self
        self.context.pending = PendingSave(self.context.save, self)
        self.export = export
        self.town = compass_town_name(compass, authority_names(workspace))
        if compass_id is None:
            self.context.save()
        self.statements_tab = StatementsTab(self.context)
        self.takings_tab = TakingsTab(self.context)
        self.comparison_tab = ComparisonTab(self.context)
        for tab, label in (
            (self.statements_tab, _("Goal areas and statements")),
            (self.takings_tab, _("Takings")),
            (self.comparison_tab, _("Comparison")),
        ):
            self.add_tab(tab, label)
        self.context.reloaders.append(self._reload_all)
        self.saved = QLabel()
        self.saved.setObjectName("compass_saved")
        self.context.listeners.append(self._saved)
        self.context.listeners.append(self.document_saved)
        self.keep_history(self.context.document, self._reload_all)
        self.print_button = QPushButton(_("Compass (PDF)…"))
        self.print_button.setObjectName("compass_pdf")
        self.print_button.clicked.connect(self.print_current)
        self.print_button.setEnabled(export is not None)
        self.actions_row.addWidget(self.print_button)
        self.actions_row.addWidget(self.saved, 1)
        self.setWindowTitle(_("Infrastructure-outcomes compass: {town}").format(town=self.town))

    @property
    def compass(self) -> Compass:
        compass: Compass = self.context.document
        return compass

    def save(self) -> None:
        self.context.save()

    def flush(self) -> None:
        self.context.flush()

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

    def _saved(self) -> None:
        self.saved.setText(_("Saved."))

    def _reload_all(self) -> None:
        for tab in (self.statements_tab, self.takings_tab, self.comparison_tab):
            tab.refresh()
