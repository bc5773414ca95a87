"""A save that fails (the disk full, the workspace locked by another program) is said on the
window in Hebrew, the typed value stays in the field, and a retry after the failure clears
saves it. Closing with an unsaved change asks (default: stay)."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from desktop.models.community import Community
from desktop.models.forum import Forum, sessions_from_template
from desktop.storage.community_store import load_community, save_community
from desktop.storage.concurrency import SaveFailed, short_lock_wait
from desktop.storage.forum_store import load_forum, save_forum
from desktop.storage.workspace import Workspace
from desktop.views.community.window import CommunityWindow
from desktop.views.forum.forum_window import ForumWindow
from desktop.views.qt_i18n import apply_language
from tests.views.conftest import open_flags_window, type_text

DISK_FULL = "הדיסק מלא"
LOCKED = "סביבת העבודה נעולה על ידי תוכנה אחרת"


@pytest.fixture(autouse=True)
def _hebrew_layout(qapp: QApplication) -> Iterator[None]:
    apply_language(qapp, "he")
    yield
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


_flush = Session.flush


def _full_disk(self: Session, objects: Sequence[Any] | None = None) -> None:
    """Writing anything fails as on a full disk; reading still works."""
    if self.new or self.dirty or self.deleted:
        raise OSError(errno.ENOSPC, "No space left on device")
    _flush(self, objects)


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Every write fails as on a full disk until the fixture's `undo()`."""
    monkeypatch.setattr(Session, "flush", _full_disk)
    yield monkeypatch


def _lock(workspace: Workspace) -> sqlite3.Connection:
    """Another program takes the workspace's write lock (until it rolls back)."""
    assert workspace.path is not None
    other = sqlite3.connect(workspace.path, timeout=0, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    return other


@pytest.fixture
def locked(demo: Workspace) -> Iterator[sqlite3.Connection]:
    other = _lock(demo)
    yield other
    if other.in_transaction:
        other.rollback()
    other.close()


def _forum_window(qtbot: QtBot, demo: Workspace) -> ForumWindow:
    forum = Forum("פורום עיצוב", "STEM", "שדרות", sessions=sessions_from_template("stem", "he"))
    window = ForumWindow(demo, forum, None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.sessions)
    return window


def test_the_store_says_why_a_save_failed(demo: Workspace, locked: sqlite3.Connection) -> None:
    forum = Forum("פורום", "STEM", "שדרות")
    with short_lock_wait(50), pytest.raises(SaveFailed) as failure:
        save_forum(demo, forum)
    assert LOCKED in str(failure.value) and "פורום" in str(failure.value)


def test_a_full_disk_is_said_the_text_kept_and_saved_on_retry(
    qtbot: QtBot, demo: Workspace, disk_full: pytest.MonkeyPatch
) -> None:
    window = _forum_window(qtbot, demo)
    forum_id = window.forum_id
    assert forum_id is None  # even the first save failed
    assert DISK_FULL in window.status.message.text()
    disk_full.undo()
    window.status.retry.click()
    assert window.status.isHidden()
    forum_id = window.forum_id
    assert forum_id is not None

    disk_full.setattr(Session, "flush", _full_disk)
    sessions = window.sessions
    sessions.goals.clear()
    type_text(sessions.goals, "להכיר את השותפים")
    window.flush()
    assert window.status.isVisible()
    assert DISK_FULL in window.status.message.text()
    assert "מה שהקלדת נשאר כאן" in window.status.message.text()
    assert sessions.goals.toPlainText() == "להכיר את השותפים"  # kept in the field
    assert load_forum(demo, forum_id).session(1).goals != ["להכיר את השותפים"]

    disk_full.undo()  # space freed
    window.status.retry.click()
    assert window.status.isHidden()
    assert load_forum(demo, forum_id).session(1).goals == ["להכיר את השותפים"]


def test_a_lock_held_elsewhere_is_said_and_the_next_change_saves(qtbot: QtBot, demo: Workspace) -> None:
    window = _forum_window(qtbot, demo)
    forum_id = window.forum_id
    assert forum_id is not None
    other = _lock(demo)
    sessions = window.sessions
    sessions.place.clear()
    type_text(sessions.place, "ספריה")
    window.flush()
    assert window.status.isVisible() and LOCKED in window.status.message.text()
    assert sessions.place.text() == "ספריה"
    other.rollback()  # the other program lets go
    other.close()
    type_text(sessions.place, " עירונית")  # the next change saves everything
    window.flush()
    assert window.status.isHidden()
    assert load_forum(demo, forum_id).session(1).place == "ספריה עירונית"


def test_closing_with_an_unsaved_change_asks_and_stays_by_default(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    community = Community("קהילה", period_start=date(2025, 9, 1), period_end=date(2026, 7, 31))
    stored_id = save_community(demo, community)
    locked = _lock(demo)
    window = CommunityWindow(demo, load_community(demo, stored_id), stored_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    type_text(window.members_tab.name, " ללמידה")
    asked: list[str] = []

    def stay(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", stay)
    window.close()
    assert window.isVisible()  # stayed open
    assert LOCKED in asked[0] and "לסגור בכל זאת" in asked[0]
    assert window.members_tab.name.text() == "קהילה ללמידה"
    locked.rollback()  # the other program lets go
    locked.close()
    window.close()  # saved now: closes without asking
    assert not window.isVisible() and len(asked) == 1
    assert load_community(demo, stored_id).name == "קהילה ללמידה"


def test_the_flags_tabs_say_a_failed_save_too(
    qtbot: QtBot, demo: Workspace, disk_full: pytest.MonkeyPatch
) -> None:
    disk_full.undo()
    section = open_flags_window(qtbot, demo)
    disk_full.setattr(Session, "flush", _full_disk)
    type_text(section.mapping.name, "שירות אזורי")
    section.flush()
    assert section.status.isVisible() and DISK_FULL in section.status.message.text()
    assert section.mapping.name.text() == "שירות אזורי"
    disk_full.undo()
    section.status.retry.click()
    assert section.status.isHidden()


def test_facilitation_says_a_failed_save_on_its_own_screen(
    qtbot: QtBot, demo: Workspace, disk_full: pytest.MonkeyPatch
) -> None:
    disk_full.undo()
    window = _forum_window(qtbot, demo)
    forum_id = window.forum_id
    assert forum_id is not None
    live = window.open_facilitation(1)
    qtbot.waitExposed(live)
    disk_full.setattr(Session, "flush", _full_disk)
    type_text(live.idea, "רעיון חשוב")
    QTest.keyClick(live.idea, Qt.Key.Key_Return)
    assert live.status.isVisible() and DISK_FULL in live.status.message.text()
    assert [i.text for i in window.forum.session_ideas(1)] == ["רעיון חשוב"]
    disk_full.undo()
    live.status.retry.click()
    assert live.status.isHidden()
    assert [i.text for i in load_forum(demo, forum_id).session_ideas(1)] == ["רעיון חשוב"]
    live.close()
