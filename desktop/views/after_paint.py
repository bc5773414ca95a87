"""Work put off until a widget has painted: what the person is to see comes first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    """Calls `callback` once, `delay_ms` after `watched` next paints (or `fallback_ms` after
    it was made, when given and nothing has painted by then), unless cancelled first."""

    def __init__(
        self,
        callback: Callable[[], None],
        watched: QWidget,
        delay_ms: int = 0,
        fallback_ms: int | None = None,
    ) -> None:
        super().__init__(watched)
        self._callback: Callable[[], None] | None = callback
        self._delay_ms = delay_ms
        self._painted = False
        watched.installEventFilter(self)
        if fallback_ms is not None:
            QTimer.singleShot(fallback_ms, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(self._delay_ms, self, self._call)
        return False

    def _call(self) -> None:
        callback = self._callback
        self.cancel()
        if callback is not None:
            callback()

    def cancel(self) -> None:
        self._callback = None
        self.deleteLater()
