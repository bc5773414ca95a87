"""Cancel (desktop.progress) stops long storage work at a safe point and leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models import exchange as ex
from desktop.progress import Cancelled, Progress
from desktop.storage import backup as backup_module
from desktop.storage import backups
from desktop.storage import exchange as sx
from tests.storage.exchange_data import build
from tests.storage.test_backups import _add, _names_in, _state, _with_records, open_workspace


def _cancelled_after(steps: int) -> tuple[Progress, list[tuple[int, int]]]:
    """A progress whose person presses Cancel after `steps` reports."""
    seen: list[tuple[int, int]] = []

    def report(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) >= steps:
            progress.cancel()

    progress = Progress(report)
    return progress, seen


def test_a_cancelled_backup_leaves_no_file(workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_records(workspace_path, 1)
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 1)
    progress, seen = _cancelled_after(2)  # in the middle of the copy
    with pytest.raises(Cancelled):
        backups.take_backup(workspace_path, backups.BackupReason.MANUAL, progress=progress)
    assert len(seen) == 2 and seen[0][1] > 2  # (more pages than were copied)
    assert list(backups.backups_folder(workspace_path).iterdir()) == []
    taken = backups.take_backup(workspace_path, backups.BackupReason.MANUAL, progress=Progress())
    assert not backups.backup_problem(taken.path)


def test_a_cancelled_restore_leaves_the_workspace_as_it_was(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_records(workspace_path, 3)
    old = backups.take_backup(workspace_path, backups.BackupReason.MANUAL)
    workspace = open_workspace(workspace_path)
    _add(workspace, "אחרי הגיבוי")
    workspace.close()
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 1)
    before = _state(workspace_path.parent)
    for steps in (1, 3, 8):  # while checking the backup, copying it, backing up the current state
        progress, _seen = _cancelled_after(steps)
        with pytest.raises(Cancelled):
            backups.restore_backup(workspace_path, old.path, progress=progress)
        assert _state(workspace_path.parent) == before
        assert len(_names_in(workspace_path)) == 4


def test_a_cancelled_export_writes_no_file(tmp_path: Path) -> None:
    workspace, _ids = build(tmp_path / "source.shutafut")
    out = tmp_path / "out" / "all.shutafut-exchange"
    out.parent.mkdir()
    for steps in (1, 2, 3):  # cancelled after the last report: heard before the file is placed
        progress, _seen = _cancelled_after(steps)
        with pytest.raises(Cancelled):
            sx.export_exchange(workspace, out, ex.Scope.EVERYTHING, progress=progress)
        assert list(out.parent.iterdir()) == []
    workspace.close()
