"""The window every town instrument (collective plan, portfolio, compass) shares: its
document in an InstrumentContext saved as the person types, its tabs refreshed together when
another version or an undo comes in, a "Saved." note, undo and redo, and one PDF button."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from desktop.i18n import _
from desktop.storage.workspace import Workspace
from desktop.views.editor_window import EditorWindow
from desktop.views.saving import PendingSave
from desktop.views.town_instruments.context import InstrumentContext

Store = Callable[[Workspace, Any, int | None, int | None], int]


class InstrumentWindow(EditorWindow):
    """A subclass builds its tabs, then calls `finish(tabs, prefix, print_label, can_print)`,
    and says its title (`window_title`) and what Ctrl+P prints (`print_current`)."""

    def __init__(
        self,
        name: str,
        workspace: Workspace,
        document: Any,
        record_id: int | None,
        store: Store,
        parent: QWidget | None,
    ) -> None:
        super().__init__(name, parent)
        self.context = InstrumentContext(workspace, document, record_id, store)
        self.context.parent = self
        self.context.pending = PendingSave(self.context.save, self)
        if record_id is None:
            self.context.save()  # a new record exists from the moment it is opened
        self.instrument_tabs: list[QWidget] = []

    def finish(
        self, tabs: Sequence[tuple[QWidget, str]], prefix: str, print_label: str, can_print: bool
    ) -> None:
        for tab, label in tabs:
            self.add_tab(tab, label)
            self.instrument_tabs.append(tab)
        self.context.reloaders.append(self._reload_all)
        self.saved = QLabel()
        self.saved.setObjectName(f"{prefix}_saved")
        self.context.listeners.append(self._saved)
        self.context.listeners.append(self.document_saved)
        self.keep_history(self.context.document, self._reload_all)
        self.print_button = QPushButton(print_label)
        self.print_button.setObjectName(f"{prefix}_pdf")
        self.print_button.clicked.connect(self.print_current)
        self.print_button.setEnabled(can_print)
        self.actions_row.addWidget(self.print_button)
        self.actions_row.addWidget(self.saved, 1)
        self.update_title()

    def window_title(self) -> str:
        raise NotImplementedError

    def read_only_suffix(self) -> str:
        return _(" (read-only)") if self.context.read_only else ""

    def update_title(self) -> None:
        self.setWindowTitle(self.window_title())

    def save(self) -> None:
        self.context.save()

    def flush(self) -> None:
        self.context.flush()

    def _saved(self) -> None:
        self.saved.setText(_("Saved."))
        self.update_title()

    def _reload_all(self) -> None:
        for tab in self.instrument_tabs:
            refresh = getattr(tab, "refresh", None)
            if callable(refresh):
                refresh()
        self.update_title()
