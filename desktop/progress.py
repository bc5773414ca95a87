"""Long work that says how far it got and stops at safe points when the person cancels.

The work (an export, an import, a restore, a backup) takes an optional `Progress` and calls
`step(done, total)` between pieces; when Cancel was pressed, `step` raises `Cancelled` and
the work undoes what it started (a transaction rolls back, a partial file is removed), so a
cancelled task leaves everything as it was. Nothing here knows Qt: the window's
`desktop.views.background` feeds a progress dialog from `report` and sets the flag from the
Cancel button, in another thread than the work's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The person cancelled the work; nothing it had started was kept."""


class Progress:
    """How far a piece of work got (`report(done, total)`) and whether to stop (thread-safe)."""

    def __init__(self, report: Callable[[int, int], None] | None = None) -> None:
        self._report = report
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """A safe point: stop here (raise Cancelled) when cancelling was asked for."""
        if self._cancelled.is_set():
            raise Cancelled

    def step(self, done: int, total: int) -> None:
        """`done` of `total` pieces are done; raises Cancelled when asked to stop."""
        self.check()
        if self._report is not None:
            self._report(done, total)

    def sqlite_backup_callback(self) -> Callable[[int, int, int], None]:
        """For `sqlite3.Connection.backup(progress=…)`: reports pages copied; an exception
        raised in it (Cancelled) aborts the copy."""

        def copied(_status: int, remaining: int, total: int) -> None:
            self.step(total - remaining, total)

        return copied

    def sqlite_interrupt(self) -> Callable[[], int]:
        """For `sqlite3.Connection.set_progress_handler`: a non-zero answer interrupts the
        statement (sqlite3.OperationalError "interrupted") once cancelling was asked for."""
        return lambda: 1 if self._cancelled.is_set() else 0


def step(progress: Progress | None, done: int, total: int) -> None:
    """`progress.step(done, total)` when there is a progress to tell."""
    if progress is not None:
        progress.step(done, total)


def check(progress: Progress | None) -> None:
    if progress is not None:
        progress.check()
