"""A learning community built in Hebrew the way a leader does: members, survey, syllabus
drafted and edited (table and Gantt), a meeting plan page, work teams, printing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.models.community import Community, Member
from desktop.storage.community_store import (
    authority_facts,
    list_communities,
    load_community,
    people_facts,
    save_community,
)
from desktop.storage.workspace import Workspace
from desktop.views.community.members_tab import AddMemberDialog
from desktop.views.community.survey_tab import SurveyImportDialog
from desktop.views.community.window import CommunityWindow
from desktop.views.qt_i18n import apply_language
from tests.views.conftest import leave_field, type_text


@pytest.fixture(autouse=True)
def _hebrew_layout(qapp: QApplication) -> Iterator[None]:
    apply_language(qapp, "he")
    yield
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def _window(qtbot: QtBot, workspace: Workspace, exports: list[tuple[int, str, str]]) -> CommunityWindow:
    community = Community(
        "קהילת פיתוח כלכלי",
        profession="פיתוח כלכלי",
        period_start=date(2025, 9, 1),
        period_end=date(2026, 7, 31),
    )
    window = CommunityWindow(workspace, community, None, lambda *args: exports.append(args))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _add_members(window: CommunityWindow, monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    """Pick people and their authorities in the add-member dialog, as a person would."""
    authorities = list(window.context.authorities.values())

    def fill_and_accept(dialog: AddMemberDialog) -> int:
        dialog.person.setCurrentIndex(0)
        dialog.authority.setCurrentIndex(1 + len(window.community.members) % len(authorities))
        type_text(dialog.role, "מנהלת פיתוח כלכלי")
        dialog.gender.setCurrentIndex(dialog.gender.findData("female"))
        dialog._accept()
        return int(dialog.result())

    monkeypatch.setattr(AddMemberDialog, "exec", fill_and_accept)
    for _ in range(count):
        window.members_tab.add_button.click()


def _answer_yes(monkeypatch: pytest.MonkeyPatch, *, yes: bool = True) -> list[str]:
    asked: list[str] = []
    answer = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    def reply(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", reply)
    return asked


def _type_cell(qtbot: QtBot, table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    table.setFocus()
    table.setCurrentCell(row, column)
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = table.focusWidget()
    editor.selectAll()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Tab)


def test_build_a_syllabus_in_hebrew(
    qtbot: QtBot, demo: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports: list[tuple[int, str, str]] = []
    window = _window(qtbot, demo, exports)
    assert window.context.community_id is not None  # a new community is saved at once
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft

    # members
    _add_members(window, monkeypatch, 5)
    members = window.members_tab.model
    assert members.rowCount() == 5
    assert members.item(0, 2).text() == "מנהלת פיתוח כלכלי"
    assert "15" in window.members_tab.warnings.text()
    members.item(0, 4).setCheckState(Qt.CheckState.Checked)
    assert window.community.members[0].core
    mix = window.members_tab
    mix.dimension.setCurrentIndex(mix.dimension.findData("gender"))
    assert mix.mix_model.item(0, 1).text() == "5"

    # topics survey
    survey = window.survey_tab
    window.tabs.setCurrentWidget(survey)
    for title in ("נכסים מניבים", "מנועי צמיחה", "מגמות עולמיות"):
        type_text(survey.new_title, title)
        QTest.keyClick(survey.new_title, Qt.Key.Key_Return)
    type_text(survey.new_title, "מנועי צמיחה")
    QTest.keyClick(survey.new_title, Qt.Key.Key_Return)
    assert survey.topic_error.text() == "כבר יש נושא בשם זה."
    assert survey.topics.count() == 3
    _type_cell(qtbot, survey.grid, 0, 1, "5")
    _type_cell(qtbot, survey.grid, 1, 1, "4")
    _type_cell(qtbot, survey.grid, 2, 0, "9")
    assert "דירוג הוא מספר שלם מ־1 עד 5" in survey.grid_error.text()
    assert survey.grid.item(2, 0).text() == ""
    first, second = (window.context.person_name(m.person) for m in window.community.members[:2])
    csv_file = tmp_path / "survey.csv"
    csv_file.write_text(
        "חותמת זמן,שם,נכסים מניבים,מנועי צמיחה,מגמות עולמיות\n"
        f"1/9/2025,{first},3,5,2\n"
        "1/9/2025,אדם שאינו חבר,5,5,5\n"
        f"2/9/2025,{second},6,4,1\n",
        encoding="utf-8",
    )
    shown: list[SurveyImportDialog] = []

    def apply(dialog: SurveyImportDialog) -> int:
        shown.append(dialog)
        dialog.apply_button.click()
        return int(dialog.result())

    monkeypatch.setattr(SurveyImportDialog, "exec", apply)
    assert survey.import_csv(csv_file)
    errors = shown[0].errors
    assert errors.rowCount() == 2
    assert "אדם שאינו חבר" in errors.item(0, 1).text()
    assert "6" in errors.item(1, 1).text()
    assert window.community.ratings[window.community.members[0].person] == {
        window.community.topics[0].id: 3,
        window.community.topics[1].id: 5,
        window.community.topics[2].id: 2,
    }
    ranking = survey.ranking_proxy
    assert ranking.index(0, 1).data() == "מנועי צמיחה"
    for row in range(survey.ranking_model.rowCount()):
        item = survey.ranking_model.item(row, 6)
        if survey.ranking_model.item(row, 1).text() != "מגמות עולמיות":
            item.setCheckState(Qt.CheckState.Checked)
    assert len(window.community.selected_topics) == 2

    # the syllabus: drafted, then edited in the table and on the Gantt
    syllabus = window.syllabus_tab
    window.tabs.setCurrentWidget(syllabus)
    syllabus.weekday.setCurrentIndex(syllabus.weekday.findData("1"))  # Tuesday
    syllabus.draft_button.click()
    meetings = window.community.meetings
    assert syllabus.table.rowCount() == 10 == len(meetings)
    assert all(m.day.weekday() == 1 and m.day.month != 8 for m in meetings)
    assert syllabus.table.item(0, 2).text()  # the Hebrew date
    assert "אלול" in syllabus.table.item(0, 2).text() or "תשרי" in syllabus.table.item(0, 2).text()
    hosts = {m.host for m in meetings if m.host}
    assert len(hosts) == len(window.community.member_authorities())
    assert "10 מפגשים" in syllabus.summary.text()
    assert all(not syllabus.table.item(r, 8).text() for r in range(10))
    # two meetings on one day: said on the row
    second_date = syllabus.table.cellWidget(1, 1)
    second_date.setDate(syllabus.table.cellWidget(0, 1).date())
    problem_rows = [r for r in range(10) if "כבר יש מפגש אחר" in syllabus.table.item(r, 8).text()]
    assert problem_rows
    declined = _answer_yes(monkeypatch, yes=False)
    syllabus.draft_button.click()  # asks first: "no" keeps the edited year
    assert declined and problem_rows == [
        r for r in range(10) if "כבר יש מפגש אחר" in syllabus.table.item(r, 8).text()
    ]
    asked = _answer_yes(monkeypatch)
    syllabus.draft_button.click()
    assert asked and "10" in asked[0]
    assert all(not syllabus.table.item(r, 8).text() for r in range(10))
    # drag the third meeting on the Gantt: in Hebrew, to the left is later in the year
    gantt = syllabus.gantt
    third = sorted(window.community.meetings, key=lambda m: m.day)[2]
    before = third.day
    mark = gantt.marks[third.id]
    start = gantt.mapFromScene(mark.sceneBoundingRect().center())
    viewport = gantt.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 7):
        QTest.mouseMove(viewport, start - QPoint(step * 3, 0))
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start - QPoint(18, 0)
    )
    qtbot.waitUntil(lambda: third.day != before)
    assert third.day > before
    stored = load_community(demo, window.context.community_id)
    assert next(m for m in stored.meetings if m.id == third.id).day == third.day
    # or with the keyboard: select the mark, Left is a day later in Hebrew, Shift a week
    moved = third.day
    mark = gantt.marks[third.id]
    gantt.setFocus()
    mark.setSelected(True)
    gantt.scene_.setFocusItem(mark)
    QTest.keyClick(viewport, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: third.day != moved)
    assert (third.day - moved).days == 7

    # a meeting plan page
    plan = window.plan_tab
    window.tabs.setCurrentWidget(plan)
    plan.choose(third.id)
    type_text(plan.texts["desired_output"], "עמוד שדרה ניהולי")
    type_text(plan.lines["production"], "רכזת ההפקה")
    QTest.keyClick(plan.lines["production"], Qt.Key.Key_Tab)
    _type_cell(qtbot, plan.blocks, 0, 3, "45")
    assert plan.blocks.item(1, 0).text() == "09:45"
    _type_cell(qtbot, plan.blocks, 1, 3, "0")
    assert "בלוק 2" in plan.error.text()
    stored = load_community(demo, window.context.community_id)
    saved = next(m for m in stored.meetings if m.id == third.id)
    assert saved.plan.desired_output == "עמוד שדרה ניהולי"
    assert saved.plan.production == "רכזת ההפקה"
    assert saved.blocks[0].minutes == 45

    # work teams
    teams = window.teams_tab
    window.tabs.setCurrentWidget(teams)
    assert "שנה השנייה" in teams.year_note.text() or teams.year_note.text()
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("נייר מדיניות תיירות", True))
    teams.new_button.click()
    assert teams.list.count() == 1
    teams.members.item(0).setCheckState(Qt.CheckState.Checked)
    assert "2 עד 8" in teams.members_error.text()
    teams.members.item(1).setCheckState(Qt.CheckState.Checked)
    assert teams.members_error.text() == "" or not teams.members_error.isVisible()
    teams.roles["facilitator"].setCurrentIndex(1)
    teams.budget.clear()
    type_text(teams.budget, "abc")
    QTest.keyClick(teams.budget, Qt.Key.Key_Tab)
    assert teams.budget_error.text() == "יש להזין מספר שלם."
    teams.budget.clear()
    type_text(teams.budget, "12000")
    QTest.keyClick(teams.budget, Qt.Key.Key_Tab)
    assert teams.budget.text() == "12,000"
    teams.stages.item(0, 2).setCheckState(Qt.CheckState.Checked)
    assert teams.progress.rowCount() == 1
    assert teams.progress.item(0, 1).text() == "הושלם"
    stored = load_community(demo, window.context.community_id)
    assert stored.teams[0].budget == 12000 and stored.teams[0].stages[0].done
    assert stored.teams[0].roles["facilitator"] == stored.teams[0].members[0]

    # print
    window.print_buttons["syllabus"].click()
    window.tabs.setCurrentWidget(plan)
    window.print_buttons["meeting-plan"].click()
    assert exports == [
        (window.context.community_id, "syllabus", ""),
        (window.context.community_id, "meeting-plan", third.id),
    ]
    # what the main window does with those requests: the PDFs themselves
    from desktop.documents import export_document
    from tests.reports.pdf_tools import needs_poppler, pdf_lines

    syllabus_pdf = tmp_path / "syllabus.pdf"
    export_document(demo, "syllabus", exports[0][0], syllabus_pdf, "he")
    plan_pdf = tmp_path / "plan.pdf"
    export_document(demo, "meeting-plan", exports[1][0], plan_pdf, "he", meeting=exports[1][2])
    assert syllabus_pdf.read_bytes().startswith(b"%PDF")
    if not needs_poppler.args[0]:
        words = {word for line in pdf_lines(syllabus_pdf) for word in line.split()}
        assert {"קהילת", "פיתוח", "כלכלי", "מנועי", "צמיחה", "מקוון"} <= words
        plan_words = {word for line in pdf_lines(plan_pdf) for word in line.split()}
        assert {"עמוד", "שדרה", "ניהולי", "ההפקה"} <= plan_words
    window.close()
    assert [s.name for s in list_communities(demo)][-1] == "קהילת פיתוח כלכלי"


def test_the_section_lists_opens_and_deletes(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.storage.community_store import save_community
    from desktop.views.community.section import COMMUNITIES
    from desktop.views.list_section import ListSection

    before = len(list_communities(demo))
    save_community(demo, Community("קהילת מנהלות חינוך", profession="חינוך"))
    section = ListSection(COMMUNITIES)
    qtbot.addWidget(section)
    section.set_workspace(demo)
    assert section.proxy.rowCount() == before + 1
    type_text(section.search, "חינוך")
    assert section.proxy.rowCount() == 1
    section.table.setCurrentIndex(section.proxy.index(0, 0))
    opened: list[Community] = []

    def plan_it(window: CommunityWindow) -> int:
        opened.append(window.community)
        return 0

    monkeypatch.setattr(CommunityWindow, "exec", plan_it)
    section.buttons["next_year"].click()
    assert opened[0].name == "קהילת מנהלות חינוך" and opened[0].cycle_year == 2
    section.search.clear()
    assert section.proxy.rowCount() == before + 2  # the next year is saved as it opens
    type_text(section.search, "2026-2027")
    assert section.proxy.rowCount() == 1
    section.search.clear()
    type_text(section.search, "חינוך")
    section.table.setCurrentIndex(section.proxy.index(0, 0))
    asked = _answer_yes(monkeypatch)
    section.buttons["delete"].click()
    assert "קהילת מנהלות חינוך" in asked[0]
    assert len(list_communities(demo)) == before + 1


def test_someone_elses_change_is_shown_and_can_be_taken(qtbot: QtBot, demo: Workspace) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QPushButton

    from desktop.storage.community_store import save_community
    from desktop.storage.workspace import open_workspace
    from desktop.views.conflict_dialog import ConflictDialog

    community_id = save_community(demo, Community("קהילת חינוך", profession="חינוך"))
    window = CommunityWindow(demo, load_community(demo, community_id), community_id)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    other = open_workspace(demo.path)  # another window or laptop on the same workspace
    theirs = load_community(other, community_id)
    theirs.profession = "חינוך בלתי פורמלי"
    save_community(other, theirs, community_id)
    other.close()
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConflictDialog)
        table = dialog.table
        seen.extend(
            table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
        )
        dialog.findChild(QPushButton, "take_theirs").click()

    QTimer.singleShot(0, answer)
    name = window.members_tab.name
    name.clear()
    type_text(name, "קהילת מנהלות חינוך")
    QTest.keyClick(name, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: bool(seen))
    assert "תחום מקצועי" in seen and "חינוך בלתי פורמלי" in seen
    qtbot.waitUntil(lambda: window.members_tab.profession.text() == "חינוך בלתי פורמלי")
    assert window.members_tab.name.text() == "קהילת חינוך"
    stored = load_community(demo, community_id)
    assert (stored.name, stored.profession) == ("קהילת חינוך", "חינוך בלתי פורמלי")


def test_a_leader_who_is_not_a_member_is_shown_and_kept(qtbot: QtBot, demo: Workspace) -> None:
    people = people_facts(demo)
    authorities = list(authority_facts(demo))
    leader, member = list(people)[:2]
    community = Community(
        "קהילת רווחה", profession="רווחה", period_start=date(2025, 9, 1), period_end=date(2026, 7, 31)
    )
    community.add_member(Member(member, authorities[0]))
    community.leader = leader  # leads without being a member
    community_id = save_community(demo, community)
    window = CommunityWindow(demo, load_community(demo, community_id), community_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tab = window.members_tab
    assert tab.leader.currentData() == leader
    assert tab.leader.currentText() == f"{people[leader].full_name} (לא חבר/ה בקהילה)"
    type_text(tab.name, " בדרום")  # an unrelated edit of the community
    leave_field(tab.name)
    window.close()
    stored = load_community(demo, community_id)
    assert stored.name == "קהילת רווחה בדרום"
    assert stored.leader == leader
