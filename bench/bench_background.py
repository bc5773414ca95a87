"""The window while long work runs in the background: the longest stall of its thread.

    .venv/bin/python bench/bench_background.py [--cache FOLDER] [--runs N]

The workspace comes from make_large_workspace.py (cached in FOLDER, built on first use).
A QTimer ticks every 10 ms on the window's thread and records the largest gap between two
ticks (a stall: nothing repainted, no click answered) while
- the whole large workspace is exported for a colleague through the window's own path
  (`run_with_progress`, the export in a worker thread behind the progress dialog),
- that file is checked for import (the preview, in a worker thread) and the plan let go of
  as the window does when its dialog closes,
- its records are written into an empty workspace (the import dialog's Import button:
  `apply_import` in a worker thread behind the progress dialog),
- the first PDF of a session, the workspace summary, printed as the window prints it
  (`Printer.write`: read on the window's thread, reportlab imported and the PDF built in a
  worker thread), and
- the backup taken when the workspace opens runs (`BackupScheduler`, in the background), and
- a backup of the large workspace is restored over it (`restore_backup` in a worker thread
  behind the progress dialog, as the backups window does; reopening the workspace after it is
  opening a workspace, measured by bench_reference.py).
The floor is the largest gap of the same timer with nothing running, over the same time up to
FLOOR_AT_MOST_S (an idle timer's gaps do not grow with the wait; capped, the bench stays
within its five minutes).
Target: no stall over 100 ms. Exits non-zero when it is missed.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from make_large_workspace import large_workspace  # noqa: E402
from reference_measures import Measure, print_measures  # noqa: E402

DEFAULT_CACHE = ROOT / "bench" / ".cache"
TICK_MS = 10
LIMIT_S = 0.100
FLOOR_AT_MOST_S = 1.0


class StallMeter:
    """The largest gap between ticks of a 10 ms timer on the window's thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.largest = 0.0
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.largest = max(self.largest, now - self._last)
        self._last = now

    def __enter__(self) -> StallMeter:
        self.largest = 0.0
        self._last = time.perf_counter()
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._tick()
        self.timer.stop()


def idle(seconds: float) -> None:
    """The window's thread with nothing to do for `seconds` (its event loop running)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def stalls(
    action: Callable[[], object], runs: int, before: Callable[[], object] | None = None
) -> tuple[float, float, float]:
    """Median of the largest stall during `action`, of the same with nothing running for as
    long, at most FLOOR_AT_MOST_S (the floor), and the action's median duration. (`before`:
    what each run needs done first, not measured.)"""
    during, floors, durations = [], [], []
    meter = StallMeter()
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        with meter:
            action()
        durations.append(time.perf_counter() - start)
        during.append(meter.largest)
        with meter:
            idle(min(durations[-1], FLOOR_AT_MOST_S))
        floors.append(meter.largest)
    return statistics.median(during), statistics.median(floors), statistics.median(durations)


def stall_measure(
    what: str, action: Callable[[], object], runs: int, before: Callable[[], object] | None = None
) -> Measure:
    """The longest stall during `action` against the idle timer's, as a line of the table."""
    stall, floor, seconds = stalls(action, runs, before)
    return Measure(f"{what} ({seconds:.1f} s)", stall, "10 ms timer, idle", floor, "< 100 ms", LIMIT_S, False)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    path = large_workspace(arguments.cache)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.models import exchange as ex
    from desktop.progress import Progress
    from desktop.storage.backups import BackupReason, RestoreResult, restore_backup, take_backup
    from desktop.storage.exchange import (
        ExportResult,
        ImportPlan,
        ImportResult,
        apply_import,
        export_exchange,
        plan_import,
    )
    from desktop.storage.worker import separate_workspace
    from desktop.storage.workspace import Workspace, create_workspace, open_workspace
    from desktop.views.background import run_with_progress
    from desktop.views.backups_dialog import BackupScheduler
    from desktop.views.exchange_dialogs import let_go_of_plan
    from desktop.views.printing import Printer

    app = QApplication.instance() or QApplication([])
    window = QWidget()
    window.resize(800, 600)
    window.show()
    app.processEvents()
    measures = []
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "large.shutafut"
        copy.write_bytes(path.read_bytes())  # the backups go beside it: not into the cache
        workspace = open_workspace(copy, read_only=True)  # (an export remembers nothing then)
        out = Path(folder) / "everything.shutafut-exchange"

        def export() -> None:
            out.unlink(missing_ok=True)

            def work(progress: Progress) -> ExportResult:
                with separate_workspace(workspace) as own:
                    return export_exchange(own, out, ex.Scope.EVERYTHING, progress=progress)

            run_with_progress(window, "Export", "Writing…", work)

        measures.append(stall_measure("longest stall, export everything", export, arguments.runs))

        def check() -> None:
            def work(progress: Progress) -> ImportPlan:
                with separate_workspace(workspace) as own:
                    # (everything of the large workspace is over the 32 MB a file may hold)
                    return plan_import(own, out, progress=progress, max_payload_bytes=1 << 30)

            plan = run_with_progress(window, "Import", "Checking…", work)
            letting_go = let_go_of_plan(plan)  # as the window does once its dialog has closed
            del plan
            while letting_go.is_alive():  # (the window's thread stays measured meanwhile)
                idle(0.01)

        measures.append(stall_measure("longest stall, check the file", check, arguments.runs))
        # One plan (its records new to any empty workspace), written into a new one each run.
        targets = (Path(folder) / f"target-{number}.shutafut" for number in itertools.count())
        target = next(targets)
        empty = create_workspace(target)
        plan = plan_import(empty, out, max_payload_bytes=1 << 30)
        filled: list[tuple[Workspace, Path]] = [(empty, target)]

        def empty_target() -> None:
            for done, done_path in filled:
                done.close()
                for leftover in Path(folder).glob(f"{done_path.name}*"):
                    leftover.unlink()
            target = next(targets)
            filled[:] = [(create_workspace(target), target)]

        def write_import() -> None:
            def work(progress: Progress) -> ImportResult:
                with separate_workspace(filled[0][0]) as own:
                    return apply_import(own, plan, progress=progress)

            run_with_progress(window, "Import", "Importing…", work)

        measures.append(
            stall_measure("longest stall, write the import", write_import, arguments.runs, empty_target)
        )
        empty_target()
        filled[0][0].close()
        pdf_settings = QSettings(str(Path(folder) / "pdf.ini"), QSettings.Format.IniFormat)
        printer = Printer(window, pdf_settings, lambda: workspace, print)
        summary = Path(folder) / "summary.pdf"

        def first_pdf() -> None:
            # (the first run imports the documents here and reportlab in the worker)
            summary.unlink(missing_ok=True)
            printer.write("summary", None, {}, summary, "he", open_after=False)

        measures.append(stall_measure("longest stall, first PDF, summary", first_pdf, arguments.runs))
        workspace.close()

        writable = open_workspace(copy)
        scheduler = BackupScheduler(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))

        def backup_at_open() -> None:
            scheduler.start(writable)  # the backup on open, in the background
            while scheduler.running:
                app.processEvents()
                time.sleep(0.001)  # (the window's thread idling, as in its event loop)
            scheduler.stop()

        measures.append(stall_measure("longest stall, backup at open", backup_at_open, arguments.runs))
        backup = take_backup(writable, BackupReason.MANUAL).path
        writable.close()

        def restore() -> None:
            def work(progress: Progress) -> RestoreResult:
                return restore_backup(copy, backup, progress=progress)

            run_with_progress(window, "Restore", "Restoring…", work)

        measures.append(stall_measure("longest stall, restore a backup", restore, arguments.runs))
    print_measures(
        f"The window's thread during long work, large workspace (median of {arguments.runs})", measures
    )
    return 0 if all(m.passed for m in measures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
