"""Baseline for the start-up benchmark: a bare PySide6 main window that quits once painted.

With --with-sqlalchemy it imports SQLAlchemy's ORM first: the floor for opening a workspace,
which cannot be read without it (its import alone is about twice a bare window).
Like the app with SHUTAFUT_BENCH_EXIT=painted, it prints "painted-at" and the time of the
system's monotonic clock just after its first paint, before it quits and ends."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class QuitOnPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, stamp_and_quit)
        return False


def stamp_and_quit() -> None:
    print(f"painted-at {time.monotonic()!r}", flush=True)
    QApplication.quit()


def main() -> int:
    if "--with-sqlalchemy" in sys.argv:
        import sqlalchemy.orm  # noqa: F401
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 800)
    quitter = QuitOnPaint()
    window.installEventFilter(quitter)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
