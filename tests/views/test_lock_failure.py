"""Issue 14: a lock file that cannot be created is not "open in another copy"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.storage import workspace as workspace_module
from desktop.storage.workspace import create_workspace
from desktop.views.main_window import MainWindow


def test_a_lock_that_cannot_be_made_says_so_and_opens_read_only(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ws.shutafut"
    create_workspace(path).close()
    # As on a full disk or in a folder that cannot be written to: the lock file cannot be made.
    monkeypatch.setattr(workspace_module, "lock_path", lambda _p: tmp_path / "missing" / "ws.shutafut.lock")
    window = MainWindow(QSettings())
    qtbot.addWidget(window)
    assert window.open_workspace_file(path)  # no "open in another copy?" question (it would fail)
    assert window.workspace is not None and window.workspace.read_only
    assert "ws.shutafut.lock" in window.workspace.read_only_reason
    window.close()
