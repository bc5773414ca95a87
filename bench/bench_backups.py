"""Backups of a 5 MB workspace, as the window takes them while a person works.

    .venv/bin/python bench/bench_backups.py [--runs N]

Targets (medians): a periodic backup (change check, online backup copy, integrity check of
the copy, retention over 30 earlier backups) under 100 ms, so it can run on the UI thread
without a noticeable pause; the change check alone under 1 ms. The baseline, measured in the
same run, is copying the same bytes with shutil.copyfile.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result, interleaved_medians, print_table  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    from desktop.storage import backups
    from desktop.storage.workspace import create_workspace

    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.shutafut"
    workspace = create_workspace(path)
    with workspace.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE filler (x BLOB)")
        for _ in range(600):
            connection.exec_driver_sql("INSERT INTO filler VALUES (randomblob(8000))")
    workspace.close()
    now = datetime.now()
    for hours in range(30):
        backups.take_backup(path, backups.BackupReason.PERIODIC, now - timedelta(hours=hours))
    watcher = backups.ChangeWatcher(path)
    copy = folder / "plain-copy"

    def periodic() -> None:
        watcher.changed()
        watcher.mark()
        backups.take_backup(path, backups.BackupReason.PERIODIC)

    def plain_copy() -> None:
        shutil.copyfile(path, copy)

    backup_s, copy_s = interleaved_medians(periodic, plain_copy, runs)
    check_s, call_s = interleaved_medians(watcher.changed, lambda: None, runs)
    watcher.close()
    size_mb = path.stat().st_size / 1e6
    results = [
        Result(
            "periodic backup (copy, check, retention)",
            backup_s,
            "shutil.copyfile",
            copy_s,
            "< 100 ms",
            backup_s < 0.1,
        ),
        Result(
            "change check (PRAGMA data_version)", check_s, "an empty call", call_s, "< 1 ms", check_s < 0.001
        ),
    ]
    print_table(f"Backups of a {size_mb:.1f} MB workspace (median of {runs} runs)", results)
    shutil.rmtree(folder)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
