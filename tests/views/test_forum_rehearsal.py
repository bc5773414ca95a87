"""A rehearsal of a live design-forum session in Hebrew on a 1366x768 laptop, driven from the
keyboard: 50 participants imported from a registration form's CSV, check-in, four blocks with
the timer, 100 ideas typed at five tables, clustering, a per-table vote with one table missing
and then entered, the results on the audience window, one undo of each kind, the end of the
session and its summary PDF read back."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.models.enums import Sector
from desktop.models.forum import Forum, sessions_from_template
from desktop.storage.forum_store import load_forum
from desktop.storage.workspace import Workspace
from desktop.views.forum.facilitation import FacilitationWindow
from desktop.views.forum.forum_window import ForumWindow
from desktop.views.forum.keymap import KEYS
from desktop.views.forum.roster_import import RosterImportDialog
from desktop.views.printing import Printer
from tests.reports.pdf_tools import pdf_pages
from tests.views.conftest import type_text

FIRST = ["דנה", "עומר", "מאיה", "סמיר", "נועה", "יוסף", "רונית", "אחמד", "שירה", "איתי"]
LAST = ["כהן", "חלבי", "לוי", "אבו-ריא", "פרץ"]
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _key(window: QWidget, key: Qt.Key, modifiers: Any = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed wherever the focus is in `window` (shortcuts included)."""
    QTest.keyClick(QApplication.focusWidget() or window, key, modifiers)


def _type_line(window: QWidget, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    type_text(target, text)
    QTest.keyClick(target, Qt.Key.Key_Return)


def _registration_csv(path: Path) -> list[str]:
    names = [f"{first} {last}" for last in LAST for first in FIRST]
    sectors = [Sector(s).label for s in ("residents", "ngo", "local_authority", "business", "academia")]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["חותמת זמן", "שם מלא", "ארגון", "מגזר", "תפקיד"])
        for number, name in enumerate(names):
            writer.writerow(["1/3/2027 10:00", name, f"ארגון {number % 7}", sectors[number % 5], "חבר/ה"])
        writer.writerow(["1/3/2027 10:05", "", "עמותה", "", ""])  # line 52: no name
        writer.writerow(["1/3/2027 10:06", "זאב חדש", "", "חייזרים", ""])  # line 53: no such sector
        writer.writerow(["1/3/2027 10:07", names[0], "", "", ""])  # line 54: registered twice
    return names


def _import_roster(qtbot: QtBot, window: ForumWindow, path: Path) -> None:
    seen: dict[str, Any] = {}

    def answer() -> None:
        dialog = window.roster.import_dialog
        assert isinstance(dialog, RosterImportDialog)
        seen["name"] = dialog.columns["name"].currentText()
        seen["sector"] = dialog.columns["sector"].currentText()
        seen["errors"] = [
            (dialog.errors.item(row, 0).text(), dialog.errors.item(row, 1).text())
            for row in range(dialog.errors.rowCount())
        ]
        dialog.columns["name"].setCurrentIndex(0)  # no name column: the mapping is refused
        seen["mapping"] = dialog.mapping_error.text()
        seen["enabled"] = dialog.apply_button.isEnabled()
        dialog.columns["name"].setCurrentIndex(dialog.columns["name"].findText("שם מלא"))
        dialog.apply_button.click()

    QTimer.singleShot(0, answer)
    assert window.roster.import_file(path)
    assert seen["name"] == "שם מלא" and seen["sector"] == "מגזר"
    assert [line for line, _message in seen["errors"]] == ["52", "53", "54"]
    assert "חייזרים" in seen["errors"][1][1]
    assert seen["mapping"] and not seen["enabled"]


def _fits(window: QWidget) -> None:
    """Every button and field is inside the window, none cut off."""
    frame = window.rect()
    for widget in window.findChildren(QWidget):
        if widget.isVisibleTo(window) and isinstance(widget, QPushButton) and widget.window() is window:
            area = widget.rect().translated(widget.mapTo(window, widget.rect().topLeft()))
            assert frame.contains(area), widget.objectName()


def _log(live: FacilitationWindow) -> str:
    return live.change_log.item(0).text()


def test_rehearsal_of_a_live_session_in_hebrew_at_1366x768(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forum = Forum("פורום עיצוב ירוחם", "STEM", "ירוחם", sessions=sessions_from_template("stem", "he"))
    window = ForumWindow(workspace, forum, None)
    qtbot.addWidget(window)
    names = _registration_csv(tmp_path / "registration.csv")
    _import_roster(qtbot, window, tmp_path / "registration.csv")
    assert [p.name for p in forum.participants] == names

    live = window.open_facilitation(1)
    assert isinstance(live, FacilitationWindow)
    assert not live.isFullScreen()
    live.showNormal()
    live.resize(1366, 738)  # 768 less the title bar
    qtbot.waitExposed(live)
    live.activateWindow()
    qtbot.waitUntil(live.isActiveWindow)
    hint = live.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 690  # fits 1280x720 too
    _fits(live)
    live.resize(1280, 690)
    QApplication.processEvents()
    _fits(live)
    live.resize(1366, 738)

    # F1: the key map, in Hebrew
    _key(live, Qt.Key.Key_F1)
    assert live.key_map.isVisible() and live.key_map.table.rowCount() == len(KEYS)
    assert live.key_map.table.item(0, 1).text() == "הצגת מפת המקשים"
    live.key_map.close()

    # check-in by keyboard: 48 of the 50 come
    for name in names[:48]:
        _key(live, Qt.Key.Key_R, CTRL)
        _type_line(live, name)
    assert live.attendance.text() == "48 נרשמו"
    _key(live, Qt.Key.Key_Z, CTRL)  # undo: a check-in
    assert len(forum.attendance(1)) == 47 and "בוצעה חזרה לאחור" in _log(live)
    _key(live, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(forum.attendance(1)) == 48

    # four blocks with the timer
    _key(live, Qt.Key.Key_F5)
    assert live.timer.running
    _key(live, Qt.Key.Key_F6)
    assert live.timer.extra_minutes == 1
    for _block in range(3):
        _key(live, Qt.Key.Key_PageDown, CTRL)
    _key(live, Qt.Key.Key_PageUp, CTRL)  # back one
    assert live.block_index == 2 and live.block_label.text().startswith("3/5")
    _key(live, Qt.Key.Key_F5)
    _key(live, Qt.Key.Key_PageUp, CTRL)
    assert live.block_index == 1

    # the audience view: opened at any time, full screen, readable, zoomed
    _key(live, Qt.Key.Key_F7)
    audience = live.audience
    qtbot.waitExposed(audience)
    assert audience.block.text() == forum.session(1).blocks[1].title
    audience.resize(960, 540)
    small = audience.board.font().pixelSize()
    audience.resize(1920, 1080)
    assert audience.board.font().pixelSize() >= 2 * small - 1  # the type follows the screen
    live.activateWindow()
    qtbot.waitUntil(live.isActiveWindow)
    _key(live, Qt.Key.Key_Equal, CTRL)
    assert audience.zoom > 1 and audience.board.font().pixelSize() > 2 * small

    # 100 ideas typed at five tables
    for table in range(1, 6):
        _key(live, Qt.Key.Key_T, CTRL)
        _type_line(live, str(table))
        for number in range(20):
            _type_line(live, f"רעיון {table}-{number}")
    assert len(forum.session_ideas(1)) == 100
    assert audience.board.item(audience.board.count() - 1).text() == "רעיון 5-19"
    mistake = "רעיון בטעות ארוך מאוד " * 8
    _type_line(live, mistake)
    QApplication.processEvents()  # the layouts take the new texts
    assert live.minimumSizeHint().width() <= 1280  # a long idea in "Undo: …" widens nothing
    _key(live, Qt.Key.Key_Z, CTRL)  # undo: an idea added (the field itself has nothing to undo)
    assert len(forum.session_ideas(1)) == 100 and mistake.strip() not in {i.text for i in forum.ideas}

    # clustering from the keyboard: select on the board, name the cluster
    def cluster(count: int, name: str) -> None:
        _key(live, Qt.Key.Key_B, CTRL)
        _key(live, Qt.Key.Key_Down)
        for _idea in range(count - 1):
            _key(live, Qt.Key.Key_Down, SHIFT)
        _key(live, Qt.Key.Key_G, CTRL)
        _type_line(live, name)

    for count, name in ((30, "מעבדות מדע"), (25, "הסעות"), (25, "מורים"), (15, "קהילה")):
        cluster(count, name)
    clusters = {c.name: c for c in forum.clusters if c.session == 1}
    assert [len(forum.cluster_ideas(c.id)) for c in clusters.values()] == [30, 25, 25, 15]
    cluster(5, "כפילויות")  # undo: a cluster created
    _key(live, Qt.Key.Key_Z, CTRL)
    assert "כפילויות" not in {c.name for c in forum.clusters}
    assert live.board.topLevelItem(0).childCount() == 5

    teachers = forum.cluster_ideas(clusters["מורים"].id)[0]
    live.board.setCurrentItem(live.board.topLevelItem(3).child(0))  # undo: an idea moved
    _key(live, Qt.Key.Key_G, CTRL)
    _type_line(live, "קהילה")
    assert forum.idea(teachers.id).cluster == clusters["קהילה"].id
    _key(live, Qt.Key.Key_Z, CTRL)
    assert forum.idea(teachers.id).cluster == clusters["מורים"].id

    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("מורים מובילים", True))
    live.board.setFocus()
    live.board.setCurrentItem(live.board.topLevelItem(3).child(0))  # undo: an idea edited
    _key(live, Qt.Key.Key_F2)
    assert forum.idea(teachers.id).text == "מורים מובילים"
    _key(live, Qt.Key.Key_Z, CTRL)
    assert forum.idea(teachers.id).text == teachers.text

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    live.board.setFocus()
    live.board.setCurrentItem(live.board.topLevelItem(3).child(0))  # undo: an idea deleted
    _key(live, Qt.Key.Key_Delete)
    assert teachers.id not in {i.id for i in forum.ideas}
    _key(live, Qt.Key.Key_Z, CTRL)
    assert forum.idea(teachers.id).cluster == clusters["מורים"].id

    live.board.setCurrentItem(live.board.topLevelItem(4))  # undo: a cluster merged
    live.merge_target.setCurrentIndex(live.merge_target.findText("מורים"))
    _key(live, Qt.Key.Key_M, CTRL)
    assert "קהילה" not in {c.name for c in forum.clusters}
    _key(live, Qt.Key.Key_Z, CTRL)
    assert len(forum.cluster_ideas(clusters["קהילה"].id)) == 15
    assert "בוצעה חזרה לאחור: מיזוג" in _log(live)

    # the vote by table: four tables entered, the fifth missing, then entered
    asked: list[str] = []

    def answer_no(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    votes = live.votes
    spins = list(votes.vote_spins.values())

    def table_votes(table: int, dots: list[int]) -> None:
        _key(live, Qt.Key.Key_V, CTRL | SHIFT)
        type_text(votes.vote_table, str(table))
        votes.vote_people.setFocus()
        QTest.keyClick(votes.vote_people, Qt.Key.Key_A, CTRL)
        type_text(votes.vote_people, "10")
        for spin, count in zip(spins, dots, strict=True):
            spin.setFocus()
            QTest.keyClick(spin, Qt.Key.Key_A, CTRL)
            type_text(spin, str(count))
        _key(live, Qt.Key.Key_Return, CTRL)

    for table in range(1, 5):
        table_votes(table, [8, 6, 4 + table, 2])
    assert votes.tables.text() == "שולחנות שהוזנו: 1, 2, 3, 4\nשולחנות שעוד חסרים: 5"
    _key(live, Qt.Key.Key_C, CTRL | SHIFT)  # close the vote: asked first, table 5 is missing
    assert asked and "5" in asked[0] and not forum.session(1).vote_closed
    table_votes(5, [9, 9, 9, 3])
    assert votes.tables.text() == "שולחנות שהוזנו: 1, 2, 3, 4, 5\nכל השולחנות הוזנו."
    _key(live, Qt.Key.Key_Z, CTRL)  # undo: votes recorded
    assert "5" not in forum.session_votes(1).by_table
    _key(live, Qt.Key.Key_Z, CTRL | SHIFT)
    ids = [c.id for c in clusters.values()]
    assert forum.session_votes(1).by_table["5"] == dict(zip(ids, [9, 9, 9, 3], strict=True))
    _key(live, Qt.Key.Key_C, CTRL | SHIFT)
    assert len(asked) == 1 and forum.session(1).vote_closed
    assert audience.showing_results
    assert [name for name, _v, _t in audience.chart.lines][0] == "מעבדות מדע"
    _key(live, Qt.Key.Key_Z, CTRL)  # undo: the vote closed
    assert not forum.session(1).vote_closed and not audience.showing_results
    _key(live, Qt.Key.Key_Z, CTRL | SHIFT)
    assert forum.session(1).vote_closed and audience.showing_results

    # one screen (mirrored): F9 switches to the audience view and back
    audience.close()
    _key(live, Qt.Key.Key_F9)
    assert audience.isVisible() and audience.isFullScreen() and live.showing_audience
    QTest.keyClick(audience, Qt.Key.Key_F9)
    assert not audience.isVisible() and not live.showing_audience

    # the end of the session: the summary PDF, read back
    out = tmp_path / "summary.pdf"

    def print_here(printer: Printer, key: str, record: int | None, options: dict[str, Any]) -> bool:
        return printer.write(key, record, options, out, "he", open_after=False)

    monkeypatch.setattr(Printer, "print_document", print_here)
    live.activateWindow()
    _key(live, Qt.Key.Key_E, CTRL | SHIFT)
    assert live.end_dialog is not None and live.end_dialog.isVisible()
    assert not live.timer.running
    live.end_dialog.summary.click()
    text = "\n".join(pdf_pages(out))
    assert {"מעבדות", "מדע", "הסעות", "48"} <= set(text.split())
    assert "הסתיים" in _log(live)
    live.close()

    stored = load_forum(workspace, window.forum_id or 0)
    assert len(stored.participants) == 50 and len(stored.attendance(1)) == 48
    assert len(stored.session_ideas(1)) == 100 and stored.session(1).vote_closed
    assert sorted(stored.session_votes(1).by_table) == ["1", "2", "3", "4", "5"]
