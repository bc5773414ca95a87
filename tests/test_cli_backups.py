"""shutafut-cli backup|backups|restore, and check naming the latest good backup."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from desktop.cli import main
from desktop.storage.workspace import lock_path, open_workspace
from tests.storage.test_backups import _add, _damage, _names, _names_in, _with_records


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_list_and_restore_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = tmp_path / "team.shutafut"
    _with_records(workspace, 2)
    assert main(["--lang", "en", "backup", "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    backup = next((tmp_path / "team.backups").iterdir())
    assert str(backup) in out and backup.name.endswith("-manual.shutafut")
    opened = open_workspace(workspace)
    _add(opened, "נוסף אחרי הגיבוי")
    opened.close()
    assert main(["--lang", "en", "backups", "--workspace", str(workspace)]) == 0
    listing = capsys.readouterr().out
    assert str(backup) in listing and "Backed up by hand" in listing and "kB" in listing
    assert main(["--lang", "en", "restore", "--workspace", str(workspace), "--from", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "before-restore" in out
    assert len(_names_in(workspace)) == 2
    before = next(p for p in (tmp_path / "team.backups").iterdir() if "before-restore" in p.name)
    assert len(_names_in(before)) == 3


def test_backup_to_a_chosen_file_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = tmp_path / "team.shutafut"
    _with_records(workspace, 1)
    out = tmp_path / "copy.shutafut"
    assert main(["backup", "--workspace", str(workspace), "--out", str(out)]) == 0
    assert len(_names_in(out)) == 1
    kept = _digest(out)
    assert main(["backup", "--workspace", str(workspace), "--out", str(out)]) == 1
    assert _digest(out) == kept
    assert "copy.shutafut" in capsys.readouterr().err


def test_restore_is_refused_while_the_workspace_is_open_in_the_app(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workspace = tmp_path / "team.shutafut"
    _with_records(workspace, 1)
    assert main(["backup", "--workspace", str(workspace)]) == 0
    backup = next((tmp_path / "team.backups").iterdir())
    lock = QLockFile(str(lock_path(workspace)))
    assert lock.tryLock(0)
    try:
        before = {p.name: _digest(p) for p in tmp_path.rglob("*") if p.is_file()}
        assert main(["--lang", "en", "restore", "--workspace", str(workspace), "--from", str(backup)]) == 1
        assert "is open in Shutafut" in capsys.readouterr().err
        assert {p.name: _digest(p) for p in tmp_path.rglob("*") if p.is_file()} == before
    finally:
        lock.unlock()
    # A lock file left behind by a crashed session does not block the restore.
    lock_path(workspace).write_text("999999\nshutafut\nelsewhere\n", encoding="utf-8")
    assert main(["restore", "--workspace", str(workspace), "--from", str(backup)]) == 0


def test_restoring_a_damaged_backup_is_refused_untouched(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workspace = tmp_path / "team.shutafut"
    _with_records(workspace, 150)
    bad = tmp_path / "bad.shutafut"
    assert main(["backup", "--workspace", str(workspace), "--out", str(bad)]) == 0
    _damage(bad)
    before = _digest(workspace)
    assert main(["restore", "--workspace", str(workspace), "--from", str(bad)]) == 1
    assert "bad.shutafut" in capsys.readouterr().err
    assert _digest(workspace) == before
    assert not (tmp_path / "team.backups").exists()


def test_check_of_a_damaged_workspace_names_the_latest_good_backup(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workspace = tmp_path / "team.shutafut"
    _with_records(workspace, 150)
    assert main(["backup", "--workspace", str(workspace)]) == 0
    backup = next((tmp_path / "team.backups").iterdir())
    _damage(workspace)
    damaged = _digest(workspace)
    capsys.readouterr()
    assert main(["--lang", "en", "check", str(workspace)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and f"--from {backup}" in err
    assert _digest(workspace) == damaged
    assert main(["restore", "--workspace", str(workspace), "--from", str(backup)]) == 0
    assert "team.damaged-" in capsys.readouterr().out
    kept = next(tmp_path.glob("team.damaged-*.shutafut"))
    assert _digest(kept) == damaged
    restored = open_workspace(workspace, read_only=True)
    assert len(_names(restored)) == 150
    restored.close()


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_backup_and_restore_remove_what_a_killed_session_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    import os

    workspace = tmp_path / "team.shutafut"
    _with_records(workspace, 1)
    assert main(["--lang", "en", "backup", "--workspace", str(workspace)]) == 0
    backup = next((tmp_path / "team.backups").iterdir())
    dead_pid = 2**22 + 12345  # above Linux's pid_max: no such process
    leftovers = [
        tmp_path / "team.backups" / "team-20260101-000000-open.shutafut.partial",
        tmp_path / f".team.shutafut.restoring-{dead_pid}",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"x" * 1000)
        os.utime(leftover, (0, 0))
    arguments = ["--from", str(backup)] if command == "restore" else []
    assert main(["--lang", "en", command, "--workspace", str(workspace), *arguments]) == 0
    assert not any(leftover.exists() for leftover in leftovers)
    capsys.readouterr()
