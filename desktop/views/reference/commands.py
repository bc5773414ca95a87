"""Undoable edits of reference records (Edit > Undo/Redo).

Each command keeps the record's values before and after, by UUID, so undoing a
deletion brings the record back under the same identity and references survive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from desktop.models.records import RECORD_SPECS, RecordKind

# The section passes these in, so commands stay free of widgets: storage calls, and a
# callback that updates the view after each change of the record (its row, or its absence).
Store = Any
Refresh = Callable[[RecordKind, str], None]
Report = Callable[[str], None]


class RecordCommand(QUndoCommand):
    """Changes one record from `before` to `after`; either may be None (absent)."""

    def __init__(
        self,
        store: Store,
        kind: RecordKind,
        uuid: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        text: str,
        refresh: Refresh,
        report: Report,
        *,
        already_done: bool,
    ) -> None:
        super().__init__(text)
        self._store = store
        self.kind = kind
        self.uuid = uuid
        self._before = before
        self._after = after
        self._refresh = refresh
        self._report = report
        self._skip_next_redo = already_done

    def _put(self, values: dict[str, Any] | None) -> None:
        from desktop.storage.concurrency import ConcurrentEdit

        try:
            if values is None:
                self._store.delete(self.kind, self.uuid)
            else:  # refused if someone else changed the record since this screen last saw it
                self._store.save(self.kind, values, self.uuid)
        except (ValueError, LookupError, ConcurrentEdit) as error:
            # Another edit since then makes this step impossible (e.g. the record is in use,
            # or someone else changed it meanwhile: their change is kept).
            self._report(str(error))
            self.setObsolete(True)
            return
        self._refresh(self.kind, self.uuid)

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._put(self._after)

    def undo(self) -> None:
        self._put(self._before)


def editable_values(kind: RecordKind, values: dict[str, Any]) -> dict[str, Any]:
    """Only the fields of the spec (drops uuid and display helpers)."""
    return {field.name: values.get(field.name) for field in RECORD_SPECS[kind].fields}
