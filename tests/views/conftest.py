"""Helpers for GUI tests: type the way a person does (Hebrew per character), and the demo
workspace most screens' tests start from."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from pytestqt.qtbot import QtBot

    from desktop.storage.workspace import Workspace
    from desktop.views.flags.window import FlagsWindow
    from desktop.views.reference.section import ReferenceSection


_DEMOS_MADE: dict[bool, Path] = {}


def demo_copy(tmp_path_factory: pytest.TempPathFactory, path: Path, *, whole_path: bool = False) -> Workspace:
    """A demo workspace at `path`, opened: a copy of one made once per test process (making
    one takes a fifth of a second, a copy a few milliseconds)."""
    from desktop.storage.demo import create_demo_workspace
    from desktop.storage.workspace import open_workspace

    made = _DEMOS_MADE.get(whole_path)
    if made is None:
        made = tmp_path_factory.mktemp("demo-made") / "demo.shutafut"
        create_demo_workspace(made, whole_path=whole_path).close()
        _DEMOS_MADE[whole_path] = made
    shutil.copy(made, path)
    return open_workspace(path)


@pytest.fixture
def demo(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    """The demo workspace (reference data and the learning community), the test's own."""
    workspace = demo_copy(tmp_path_factory, tmp_path / "demo.shutafut")
    yield workspace
    workspace.close()


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` key by key; qtbot.keyClicks aborts on non-ASCII characters. In a one-line
    field the person goes on after what is there (as after clicking at its end)."""
    widget.setFocus()
    if isinstance(widget, QLineEdit) and not widget.hasSelectedText():
        widget.end(False)
    for character in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            widget,
            Qt.Key.Key_unknown,
            character,
            Qt.KeyboardModifier.NoModifier,
        )


def leave_field(widget: QWidget) -> None:
    """What happens when the person tabs out of a field: editing finishes."""
    QTest.keyClick(widget, Qt.Key.Key_Tab)


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal message box nobody answers would hang the suite: fail instead.

    Tests that expect a dialog replace these with their own answers.
    """

    def unexpected(*args: object, **_kwargs: object) -> None:
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"unexpected dialog: {texts}")

    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


def open_flags_window(qtbot: QtBot, workspace: Workspace, cluster_name: str | None = None) -> FlagsWindow:
    """The flags work of a regional cluster (the first one, or `cluster_name`) in its window,
    started as a person starts it from the flags section."""
    from desktop.models.records import RecordKind
    from desktop.storage.flags_store import load_flags_work, start_flags_work
    from desktop.storage.reference_store import choices
    from desktop.views.flags.window import FlagsWindow

    uuid = next(
        uuid
        for uuid, name in choices(workspace, RecordKind.CLUSTER)
        if cluster_name is None or name == cluster_name
    )
    number = start_flags_work(workspace, uuid)
    window = FlagsWindow(workspace, load_flags_work(workspace, number), number)
    qtbot.addWidget(window)
    window.show()
    return window


def open_reference_section(qtbot: QtBot, workspace: Workspace) -> tuple[ReferenceSection, QUndoStack]:
    """The reference-data section on `workspace`, shown and active, with its undo stack."""
    from PySide6.QtGui import QUndoStack

    from desktop.views.reference.section import ReferenceSection

    stack = QUndoStack()
    section = ReferenceSection(stack)
    # The window's stack has the window for parent: destroyed with it. Left to the cycle
    # collector instead, with commands that name the section's widgets, it was destroyed
    # after them, in a later test's collection, and crashed the process.
    stack.setParent(section)
    qtbot.addWidget(section)
    section.set_workspace(workspace)
    section.show()
    section.activateWindow()
    qtbot.waitUntil(section.isActiveWindow)
    return section, stack
