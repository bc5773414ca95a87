"""Opening a workspace reads all its pages for SQLite's quick_check once (issue 16): the open
itself checks the file; the backup taken at open is checked by integrity_check, which already
covers what quick_check does, so its probe leaves the page check out."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop.storage.backups import BackupReason, take_backup
from desktop.storage.workspace import create_workspace, open_workspace


def _traced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    statements: list[str] = []
    connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(sqlite3, "connect", traced)
    return statements


def test_opening_and_the_backup_at_open_check_the_pages_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "work.shutafut"
    create_workspace(path).close()
    statements = _traced(monkeypatch)
    workspace = open_workspace(path)
    take_backup(path, BackupReason.OPEN)  # as the window does when a workspace opens
    workspace.close()
    checks = [s for s in statements if "quick_check" in s or "integrity_check" in s]
    assert sum("quick_check" in s for s in checks) == 1, checks
    assert any("integrity_check" in s for s in checks)  # the backup is still checked in full
