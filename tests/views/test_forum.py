"""A whole design-forum session in Hebrew: check in, run blocks, type ideas, cluster, vote, print."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.models.forum import Forum, sessions_from_template
from desktop.storage.forum_store import list_forums, load_forum
from desktop.views.forum.facilitation import FacilitationWindow
from desktop.views.forum.forum_window import ForumWindow
from tests.views.conftest import type_text


def _enter(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.clear()
    type_text(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_run_a_whole_session(
    qtbot: QtBot,
    demo,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forum = Forum("פורום עיצוב שדרות", "STEM", "שדרות", sessions=sessions_from_template("stem", "he"))
    window = ForumWindow(demo, forum, None)
    qtbot.addWidget(window)
    roster = window.roster
    roster.from_people.setCurrentIndex(0)
    roster.add_from_people()
    roster.from_people.setCurrentIndex(1)
    roster.add_from_people()
    _enter(roster.name, "מאיה תושבת")
    _enter(roster.name, "מאיה תושבת")  # the same name again: refused, said at the field
    assert roster.error.text() == "מאיה תושבת כבר ברשימה."
    assert len(forum.participants) == 3
    assert "חסרים בפורום" in roster.balance_warning.text()
    invitation = roster.table.cellWidget(0, 5)
    invitation.setCurrentIndex(invitation.findData("confirmed"))
    shown = roster.table.item(0, 0).text()
    assert next(p for p in forum.participants if p.name == shown).invitation == "confirmed"

    live = window.open_facilitation(1)
    assert isinstance(live, FacilitationWindow)
    qtbot.waitExposed(live)
    live.activateWindow()
    first = forum.participants[0].name
    _enter(live.check_in, first[:3])
    _enter(live.check_in, "מאיה")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _enter(live.check_in, "יעל חדשה, עמותת הנוער")  # a new person, added in one line once confirmed
    assert live.attendance.text() == "3 נרשמו"
    assert forum.participants[-1].organisation == "עמותת הנוער"

    live.toggle_timer()
    assert live.timer.running
    live.extend()
    live.next_block()
    live.toggle_timer()
    live.next_block()
    assert live.block_index == 2 and live.block_label.text().startswith("3/5")

    live.table.setText("4")
    for number in range(1, 11):
        _enter(live.idea, f"רעיון {number}")
    assert len(forum.session_ideas(1)) == 10
    assert live.idea.text() == "" and live.table.text() == "4"

    loose = live.board.topLevelItem(0)
    for row in range(5):
        loose.child(row).setSelected(True)
    _enter(live.cluster_name, "מעבדות מדע")
    board_groups = [live.board.topLevelItem(i).text(0) for i in range(live.board.topLevelItemCount())]
    assert "\u2068מעבדות מדע\u2069 · 5" in board_groups
    loose = live.board.topLevelItem(0)
    for row in range(loose.childCount()):
        loose.child(row).setSelected(True)
    _enter(live.cluster_name, "הסעות")
    science, transport = [c for c in forum.clusters if c.session == 1]
    assert live.change_log.count() == 17  # 3 check-ins, 10 ideas, 2 clusters created, ideas moved twice

    live.votes.vote_table.setText("1")
    live.votes.vote_people.setValue(2)
    live.votes.vote_spins[science.id].setValue(5)
    live.votes.vote_spins[transport.id].setValue(2)
    live.votes.record_votes()  # 7 dots from 2 people with 3 each: refused
    assert "6" in live.votes.vote_error.text()
    live.votes.vote_spins[transport.id].setValue(1)
    live.votes.record_votes()
    live.votes.vote_participant.setCurrentIndex(1)  # one participant's own dots: 3 allowed
    live.votes.vote_spins[science.id].setValue(4)
    live.votes.record_votes()
    assert live.votes.vote_error.text().endswith("הוזנו 4.")
    live.votes.vote_spins[science.id].setValue(0)
    live.votes.vote_spins[transport.id].setValue(3)
    live.votes.record_votes()
    assert live.votes.vote_error.text() == ""
    assert live.votes.results.text() == "התוצאות מוסתרות עד סגירת ההצבעה."
    assert "●" not in "".join(live.audience.board.item(i).text() for i in range(live.audience.board.count()))
    live.ranking.rank_participant.setCurrentIndex(1)
    live.ranking.rank_order.setCurrentRow(1)
    live.ranking.move_rank(-1)  # "הסעות" first
    live.ranking.record_ranking()
    assert live.ranking.rank_error.text() == ""
    live.toggle_vote()
    assert [name for name, _v, _t in live.votes.chart.lines] == ["מעבדות מדע", "הסעות"]
    assert live.audience.chart.isVisibleTo(live.audience)
    assert "נקודות דירוג:" in live.votes.results.text()
    assert live.votes.results.text().startswith("\u200f1. \u2068מעבדות מדע\u2069: 5")
    assert "הסעות\u2069: 4" in live.votes.results.text()
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *_a, **_k: ("רעיון מתוקן", True))
    idea_item = live.board.topLevelItem(1).child(0)
    live.edit_idea(idea_item)
    assert "רעיון מתוקן" in [i.text for i in forum.session_ideas(1)]
    live.close()

    [summary] = list_forums(demo)
    stored = load_forum(demo, summary.id)
    assert len(stored.session_ideas(1)) == 10 and len(stored.attendance(1)) == 3

    from desktop.documents import export_document

    out = tmp_path / "summary.pdf"
    export_document(demo, "forum-summary", summary.id, out, "he", session=1)
    assert out.read_bytes().startswith(b"%PDF")


def test_agenda_blocks_show_times_and_refuse_zero_length(qtbot: QtBot, demo) -> None:  # type: ignore[no-untyped-def]
    forum = Forum("פורום", sessions=sessions_from_template("stem", "he"))
    window = ForumWindow(demo, forum, None)
    qtbot.addWidget(window)
    tab = window.sessions
    window.tabs.setCurrentWidget(tab)
    assert tab.blocks.item(0, 0).text() == "17:00" and tab.blocks.item(1, 0).text() == "17:20"
    tab.blocks.item(1, 2).setText("0")
    assert tab.warnings.text() == "בלוק נמשך לפחות דקה אחת."
    assert forum.session(1).blocks[1].minutes == 50
    tab.decisions.setPlainText("הוחלט להקים צוות STEM")
    window.show()
    window.reject()  # closing keeps the text typed on the open tab
    assert forum.session(1).decisions == "הוחלט להקים צוות STEM"
    window.show()
    tab.blocks.item(1, 2).setText("200")
    assert "יותר מ-180 הדקות של המפגש" in tab.warnings.text()


def test_a_typo_at_check_in_is_not_added_and_mistakes_can_be_taken_back(
    qtbot: QtBot, demo, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    forum = Forum("פורום", "STEM", "שדרות", sessions=sessions_from_template("stem", "he"))
    forum.add_participant("מאיה כהן")
    forum.add_participant("סמיר חלבי")
    window = ForumWindow(demo, forum, None)
    qtbot.addWidget(window)
    live = window.open_facilitation(1)
    qtbot.waitExposed(live)
    asked: list[object] = []

    def answer_no(*args: object) -> QMessageBox.StandardButton:
        asked.append(args[-1])  # the default button
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    _enter(live.check_in, "xyz לא קיים")
    assert asked == [QMessageBox.StandardButton.No]  # asked, No by default
    assert [p.name for p in forum.participants] == ["מאיה כהן", "סמיר חלבי"]
    assert "אין ברשימה משתתף/ת בשם „xyz לא קיים”" in live.check_error.text()
    assert live.check_in.text() == "xyz לא קיים"  # kept to correct

    _enter(live.check_in, "מאיה")
    _enter(live.check_in, "סמיר")
    assert len(forum.attendance(1)) == 2
    live.undo_who.setCurrentIndex(live.undo_who.findText("סמיר חלבי"))
    live.findChild(QPushButton, "undo_check_in").click()
    assert [p.name for p in forum.attendance(1)] == ["מאיה כהן"]
    assert "ביטול הרישום של סמיר חלבי למפגש 1" in live.change_log.item(0).text()

    _enter(live.idea, "רעיון כפול")
    _enter(live.idea, "רעיון טוב")
    live.board.topLevelItem(0).child(0).setSelected(True)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    QTest.keyClick(live.board, Qt.Key.Key_Delete)
    assert [i.text for i in forum.session_ideas(1)] == ["רעיון טוב"]
    assert "הרעיון „רעיון כפול” נמחק" in live.change_log.item(0).text()
    live.close()
    window.close()
    stored = load_forum(demo, window.forum_id)
    assert [i.text for i in stored.session_ideas(1)] == ["רעיון טוב"]
    assert [p.name for p in stored.attendance(1)] == ["מאיה כהן"]
    assert len(stored.log) == 6  # two check-ins, one undone; two ideas, one deleted


def test_the_last_session_ends_on_the_shared_agenda_and_esc_leaves_full_screen(
    qtbot: QtBot, demo, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    forum = Forum("פורום", "STEM", "שדרות", sessions=sessions_from_template("stem", "he"))
    window = ForumWindow(demo, forum, None)
    qtbot.addWidget(window)
    window.show()
    live = window.open_facilitation(4)
    assert isinstance(live, FacilitationWindow)
    qtbot.waitExposed(live)
    live.activateWindow()
    qtbot.waitUntil(live.isActiveWindow)
    assert not live.isFullScreen()
    QTest.keyClick(live, Qt.Key.Key_F11)
    assert live.isFullScreen()
    QTest.keyClick(live, Qt.Key.Key_Escape)  # out of full screen, still open
    assert not live.isFullScreen() and live.isVisible()
    live.findChild(QPushButton, "end_session").click()
    dialog = live.end_dialog
    assert dialog is not None and dialog.findChild(QPushButton, "print_next_agenda") is None
    assert forum.session(4).vote_closed and forum.session(4).held_on is not None
    dialog.findChild(QPushButton, "open_shared_agenda").click()
    assert window.tabs.currentWidget() is window.agenda
    assert not live.isVisible()
