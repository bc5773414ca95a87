"""The town selection wizard walked in Hebrew through its buttons, from purpose to decision."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QComboBox,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWizard,
)
from pytestqt.qtbot import QtBot

from desktop.models.records import RecordKind
from desktop.models.selection import CRITERIA, QUANTITATIVE, ConditionState, CriterionGroup
from desktop.models.selection_process import SelectionProcess, TeamMember
from desktop.storage.selection_store import list_processes, load_process
from desktop.storage.workspace import Workspace
from desktop.views.selection.wizard import (
    ConditionsPage,
    DecisionPage,
    FilterPage,
    PurposePage,
    ScoresPage,
    SelectionWizard,
    WeightsPage,
)
from tests.views.conftest import type_text
from tests.views.seams import fit_laptop_screen, press


def _wizard(
    qtbot: QtBot,
    workspace: Workspace,
    process: SelectionProcess | None = None,
    process_id: int | None = None,
) -> SelectionWizard:
    wizard = SelectionWizard(workspace, process or SelectionProcess(), process_id)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def _next(wizard: SelectionWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def _type_score(grid: QTableWidget, row: int, column: int, digit: str) -> None:
    grid.setCurrentCell(row, column)
    grid.setFocus()
    QTest.keyClicks(grid, digit)  # any key starts editing with that key
    editor = QApplication.focusWidget()
    assert editor is not grid, "typing a digit opens the cell's editor"
    QTest.keyClick(editor, Qt.Key.Key_Tab)  # Tab stores the score and moves on


def _page_one(wizard: SelectionWizard) -> None:
    page = wizard.currentPage()
    assert isinstance(page, PurposePage)
    type_text(page.title_edit, "בחירת יישוב 2027")
    type_text(page.purpose, "איתור יישובים בפריפריה")
    _tick(page, 0, 1)
    _type_role(page, 0, "מנחה")
    _next(wizard)


def _tick(page: PurposePage, *rows: int) -> None:
    """Tick the people shown on `rows` of the team list (what a click on their box does)."""
    shown = page.team.model()
    for row in rows:
        assert shown.setData(shown.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def _type_role(page: PurposePage, row: int, text: str) -> None:
    """Type a role into the team list's row, as its editor does."""
    shown = page.team.model()
    page.team.setCurrentIndex(shown.index(row, 1))
    page.team.edit(shown.index(row, 1))
    editor = page.team.indexWidget(shown.index(row, 1)) or page.team.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText(text)
    page.team.commitData(editor)
    page.team.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def test_walk_the_whole_wizard_and_store_the_decision(qtbot: QtBot, demo: Workspace) -> None:
    wizard = _wizard(qtbot, demo)
    page = wizard.currentPage()
    assert isinstance(page, PurposePage)
    _next(wizard)  # without a purpose: refused with a message, nothing lost
    assert wizard.currentPage() is page and page.error.text() == "יש לכתוב את מטרת הבחירה."
    _page_one(wizard)

    filters = wizard.currentPage()
    assert isinstance(filters, FilterPage)
    assert filters.count.text() == "9 מועמדות"
    filters.se_min.setValue(6)
    filters.se_max.setValue(2)  # impossible range: says so, keeps the candidates
    assert filters.error.text() == "המינימום גדול מהמקסימום."
    filters.se_min.setValue(1)
    filters.se_max.setValue(4)
    candidates = filters.candidate_list.count()
    assert 0 < candidates < 9
    _next(wizard)

    scores = wizard.currentPage()
    assert isinstance(scores, ScoresPage)
    assert scores.member.count() == 2
    for row in range(candidates):
        for column in range(len(CRITERIA)):
            _type_score(scores.grid, row, column, "4" if row == 0 else "2")
    scores.member.setCurrentIndex(1)
    _type_score(scores.grid, 0, 0, "1")  # 4 against 1: a disagreement to discuss
    _type_score(scores.grid, 0, 1, "9")  # out of range: refused at the grid
    assert scores.error.text().startswith("ציונים הם מספרים שלמים")
    assert "מנהיגות פורמלית של היישוב" in scores.disagreements.text()
    _next(wizard)

    conditions = wizard.currentPage()
    assert isinstance(conditions, ConditionsPage)
    combo = conditions.table.cellWidget(1, 0)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(ConditionState.NOT_MET.value))
    flagged_uuid = conditions.candidates[1]["uuid"]
    assert wizard.process.flagged(flagged_uuid)
    assert conditions.near_misses.count() >= 1
    _next(wizard)

    weights = wizard.currentPage()
    assert isinstance(weights, WeightsPage)
    ranked_names = [_item(weights.ranking, r, 1).text() for r in range(weights.ranking.rowCount())]
    assert wizard.name_of(flagged_uuid) not in ranked_names  # flagged, not kept: out of ranking
    assert ranked_names[0] == conditions.candidates[0]["name_he"]
    for key in [QUANTITATIVE, *[g.value for g in CriterionGroup]]:
        weights.sliders[key][0].setValue(0)
    assert weights.error.text() == "לפחות משקל אחד צריך להיות גדול מאפס."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    weights.sliders[QUANTITATIVE][0].setValue(4)
    weights.sliders[CriterionGroup.LEADERSHIP.value][0].setValue(2)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.waitUntil(lambda: bool(weights.sensitivity.text()))
    assert f"{ranked_names[0]} שומרת על מקום 1" in weights.sensitivity.text()
    _next(wizard)

    decision = wizard.currentPage()
    assert isinstance(decision, DecisionPage)
    wizard.button(QWizard.WizardButton.FinishButton).click()  # nothing ticked: refused
    assert decision.error.text() == "יש לסמן לפחות יישוב אחד."
    decision.choices.item(0).setCheckState(Qt.CheckState.Checked)
    type_text(decision.rationale, "היכולות והמוכנות הגבוהות ביותר")
    wizard.button(QWizard.WizardButton.FinishButton).click()

    [summary] = list_processes(demo)
    assert (decision.error.text(), summary.status) == ("", "decided")
    assert summary.title == "בחירת יישוב 2027"
    stored = load_process(demo, summary.id)
    assert stored.chosen == [conditions.candidates[0]["uuid"]]
    assert stored.rationale == "היכולות והמוכנות הגבוהות ביותר"
    assert stored.weights.parts[QUANTITATIVE] == 2.0
    assert stored.team[0].role == "מנחה"


def test_a_process_left_half_way_is_a_draft_that_resumes_where_it_stopped(
    qtbot: QtBot, demo: Workspace
) -> None:
    wizard = _wizard(qtbot, demo)
    _page_one(wizard)
    filters = wizard.currentPage()
    assert isinstance(filters, FilterPage)
    filters.se_max.setValue(5)
    wizard.close()
    [summary] = list_processes(demo)
    assert summary.status == "draft" and summary.page == 0  # (the page is remembered here)
    process = load_process(demo, summary.id)
    assert process.filter.socioeconomic == (1, 5)
    resumed = _wizard(qtbot, demo, process, summary.id)
    reopened = resumed.currentPage()
    assert isinstance(reopened, FilterPage)
    assert reopened.se_max.value() == 5


def test_the_page_is_remembered_here_and_a_deleted_process_leaves_none(qtbot: QtBot, demo: Workspace) -> None:
    """Where the person stopped is kept on this computer, for this process only: a process
    made after one was deleted (SQLite gives its id again) opens at its first page."""
    from desktop.storage.selection_store import save_process
    from desktop.views.selection.section import _delete

    wizard = _wizard(qtbot, demo)
    _page_one(wizard)
    _next(wizard)
    assert isinstance(wizard.currentPage(), ScoresPage)
    wizard.close()
    [summary] = list_processes(demo)

    def opens_at(process_id: int) -> type:
        reopened = _wizard(qtbot, demo, load_process(demo, process_id), process_id)
        page = type(reopened.currentPage())
        reopened.close()
        return page

    assert opens_at(summary.id) is ScoresPage
    _delete(demo, summary.id)
    made_after = save_process(demo, SelectionProcess(title="תהליך חדש"))
    assert made_after == summary.id
    assert opens_at(made_after) is PurposePage


def test_a_filter_leaving_no_candidate_says_so_and_stays(qtbot: QtBot, demo: Workspace) -> None:
    wizard = _wizard(qtbot, demo)
    _page_one(wizard)
    filters = wizard.currentPage()
    assert isinstance(filters, FilterPage)
    filters.pop_min.setValue(9_000_000)
    assert filters.count.text() == "0 מועמדות"
    _next(wizard)
    assert wizard.currentPage() is filters
    assert filters.error.text() == "לא נשארו מועמדות: יש להרחיב את הטווחים או להוסיף יישובים ידנית."


def test_closing_on_a_page_keeps_what_was_typed_there(qtbot: QtBot, demo: Workspace) -> None:
    wizard = _wizard(qtbot, demo)
    page = wizard.currentPage()
    assert isinstance(page, PurposePage)
    type_text(page.purpose, "מטרה שנכתבה ולא אושרה")
    wizard.close()
    [summary] = list_processes(demo)
    assert load_process(demo, summary.id).purpose == "מטרה שנכתבה ולא אושרה"


# --- the seams: reopening, Back, autosave ------------------------------------------------------------


def _reopen(qtbot: QtBot, demo: Workspace) -> SelectionWizard:
    [summary] = list_processes(demo)
    wizard = _wizard(qtbot, demo, load_process(demo, summary.id), summary.id)
    fit_laptop_screen(wizard)
    return wizard


def test_typed_values_survive_page_changes_closing_and_reopening_at_1366x768(
    qtbot: QtBot, demo: Workspace
) -> None:
    wizard = _wizard(qtbot, demo)
    fit_laptop_screen(wizard)
    purpose = wizard.currentPage()
    assert isinstance(purpose, PurposePage)
    type_text(purpose.title_edit, "בחירה לשנת 2027")
    type_text(purpose.purpose, "יישובים בנגב המערבי")
    press(wizard, QWizard.WizardButton.NextButton)  # mid-typing: the field was never left
    press(wizard, QWizard.WizardButton.NextButton)  # the filter as it is

    scores = wizard.currentPage()
    assert isinstance(scores, ScoresPage)
    _type_score(scores.grid, 0, 0, "3")
    scores.grid.setCurrentCell(0, 0)
    type_text(scores.note, "לפי ביקור בשטח")
    press(wizard, QWizard.WizardButton.NextButton)  # mid-typing the note

    conditions = wizard.currentPage()
    assert isinstance(conditions, ConditionsPage)
    conditions.table.setCurrentCell(0, 1)
    type_text(conditions.note, "ראש המועצה תומך")
    press(wizard, QWizard.WizardButton.BackButton)  # mid-typing, backwards
    assert wizard.currentPage() is scores
    press(wizard, QWizard.WizardButton.NextButton)
    press(wizard, QWizard.WizardButton.NextButton)
    press(wizard, QWizard.WizardButton.NextButton)  # the weights as they are

    decision = wizard.currentPage()
    assert isinstance(decision, DecisionPage)
    type_text(decision.rationale, "מוכנות גבוהה")
    wizard.close()  # mid-typing, from the last page

    reopened = _reopen(qtbot, demo)
    decision = reopened.currentPage()
    assert isinstance(decision, DecisionPage)  # where it stopped
    assert decision.rationale.toPlainText() == "מוכנות גבוהה"
    press(reopened, QWizard.WizardButton.BackButton)
    assert isinstance(reopened.currentPage(), WeightsPage)
    press(reopened, QWizard.WizardButton.BackButton)
    conditions = reopened.currentPage()
    assert isinstance(conditions, ConditionsPage)
    conditions.table.setCurrentCell(0, 1)
    assert conditions.note.text() == "ראש המועצה תומך"
    press(reopened, QWizard.WizardButton.BackButton)
    scores = reopened.currentPage()
    assert isinstance(scores, ScoresPage)
    assert _item(scores.grid, 0, 0).text() == "3"
    scores.grid.setCurrentCell(0, 1)
    scores.grid.setCurrentCell(0, 0)
    assert scores.note.text() == "לפי ביקור בשטח"
    press(reopened, QWizard.WizardButton.BackButton)
    assert isinstance(reopened.currentPage(), FilterPage)
    press(reopened, QWizard.WizardButton.BackButton)
    purpose = reopened.currentPage()
    assert isinstance(purpose, PurposePage)
    assert purpose.title_edit.text() == "בחירה לשנת 2027"
    assert purpose.purpose.toPlainText() == "יישובים בנגב המערבי"
    assert not reopened.button(QWizard.WizardButton.BackButton).isEnabled()  # the first page


def test_a_reopened_draft_can_go_back_to_every_earlier_page(qtbot: QtBot, demo: Workspace) -> None:
    from desktop.storage.selection_store import save_process

    process = SelectionProcess(title="טיוטה", purpose="איתור יישובים")
    process.page = 3
    process_id = save_process(demo, process)
    wizard = _wizard(qtbot, demo, load_process(demo, process_id), process_id)
    assert isinstance(wizard.currentPage(), ConditionsPage)
    for page_class in (ScoresPage, FilterPage, PurposePage):
        press(wizard, QWizard.WizardButton.BackButton)
        assert isinstance(wizard.currentPage(), page_class)
    press(wizard, QWizard.WizardButton.NextButton)  # and forward again, as usual
    assert isinstance(wizard.currentPage(), FilterPage)


def test_every_field_is_saved_as_it_changes(qtbot: QtBot, demo: Workspace) -> None:
    wizard = _wizard(qtbot, demo)
    page = wizard.currentPage()
    assert isinstance(page, PurposePage)
    page.purpose.setFocus()
    qtbot.wait(50)  # the focus has moved on: what leaving the title saves is saved by now
    type_text(page.purpose, "נשמר בלי לעבור עמוד")

    def stored() -> str:
        processes = list_processes(demo)
        return load_process(demo, processes[0].id).purpose if processes else ""

    qtbot.waitUntil(lambda: stored() == "נשמר בלי לעבור עמוד")  # no page change, no closing
    [summary] = list_processes(demo)
    wizard.go_to(4)  # and forward to a later page, without checking the ones between
    assert isinstance(wizard.currentPage(), WeightsPage)
    assert list_processes(demo) == [summary]  # moving is no change: not saved again
    wizard.go_to(0)
    assert wizard.currentPage() is page


def test_the_score_grid_keeps_its_rows_when_many_pairs_are_for_discussion(
    qtbot: QtBot,
    demo,  # type: ignore[no-untyped-def]
) -> None:
    from desktop.models.selection import BASE_CONDITIONS

    wizard = _wizard(qtbot, demo)
    wizard.resize(1366, 740)
    _page_one(wizard)
    _next(wizard)
    scores = wizard.currentPage()
    assert isinstance(scores, ScoresPage)
    for row in range(scores.grid.rowCount()):  # one member scores 5 everywhere, the other 1
        for column in range(len(CRITERIA)):
            scores.grid.item(row, column).setText("5")
    scores.member.setCurrentIndex(1)
    for row in range(scores.grid.rowCount()):
        for column in range(len(CRITERIA)):
            scores.grid.item(row, column).setText("1")
    assert len(scores.disagreements.text()) > 1000  # a long list for discussion
    row_height = scores.grid.rowHeight(0)
    assert scores.grid.viewport().height() >= 5 * row_height  # the grid still shows five rows
    assert scores.discussion.height() <= 90
    _next(wizard)
    conditions = wizard.currentPage()
    assert str(len(BASE_CONDITIONS)) in conditions.subTitle()
    assert conditions.table.columnCount() == len(BASE_CONDITIONS)


def test_the_ranking_redrawn_at_each_slider_step_is_not_taken_for_typing(
    qtbot: QtBot, demo: Workspace
) -> None:
    """The ranking table only shows results: redrawing it (257 rows at each step of a slider)
    must not start the autosave as if the person had typed into it."""
    wizard = _wizard(qtbot, demo)
    wizard.go_to(4)
    page = wizard.currentPage()
    assert isinstance(page, WeightsPage)
    qtbot.waitUntil(lambda: not wizard._autosave.isActive())
    page.refresh()  # what a slider step does after storing its weight
    assert page.ranking.rowCount() > 0
    assert not wizard._autosave.isActive()
    page.sliders[QUANTITATIVE][0].setValue(page.sliders[QUANTITATIVE][0].value() + 1)
    assert wizard._autosave.isActive()  # a weight moved: that is saved


def _purpose(wizard: SelectionWizard) -> PurposePage:
    page = wizard.currentPage()
    assert isinstance(page, PurposePage)
    return page


def test_undo_and_redo_step_through_the_saves_and_stay_on_the_page(qtbot: QtBot, demo: Workspace) -> None:
    wizard = _wizard(qtbot, demo)
    fit_laptop_screen(wizard)
    undo, redo = (
        wizard.button(QWizard.WizardButton.CustomButton2),
        wizard.button(QWizard.WizardButton.CustomButton3),
    )
    assert (undo.text(), redo.text()) == ("חזרה לאחור מהשינוי האחרון", "ביצוע חוזר")
    assert undo.isVisible() and not undo.isEnabled() and not redo.isEnabled()
    shown = [b.text() for b in wizard.findChildren(QPushButton) if b.isVisible()]
    assert "" not in shown  # no blank button (the first custom one is the MOU's alone)
    page = _purpose(wizard)
    type_text(page.title_edit, "בחירה 2027")
    page.purpose.setFocus()  # leaving the field saves: a step
    qtbot.waitUntil(
        lambda: wizard.process_id is not None and load_process(demo, wizard.process_id).title == "בחירה 2027"
    )
    type_text(page.purpose, "איתור יישוב")
    page.title_edit.setFocus()
    qtbot.waitUntil(lambda: load_process(demo, wizard.process_id).purpose == "איתור יישוב")
    assert undo.isEnabled()

    undo.click()  # the purpose typed last is gone, on screen and stored; the title stays
    qtbot.waitUntil(lambda: wizard.currentPage() is not page)  # the page built again
    page = _purpose(wizard)
    assert (page.title_edit.text(), page.purpose.toPlainText()) == ("בחירה 2027", "")
    assert load_process(demo, wizard.process_id).purpose == ""
    assert redo.isEnabled()

    redo.click()
    qtbot.waitUntil(lambda: _purpose(wizard).purpose.toPlainText() == "איתור יישוב")
    assert load_process(demo, wizard.process_id).purpose == "איתור יישוב"

    # Ctrl+Z outside a text field steps back too, and moving on is no step of its own.
    _next(wizard)
    assert isinstance(wizard.currentPage(), FilterPage)
    page_id = wizard.currentId()
    wizard.button(QWizard.WizardButton.BackButton).setFocus()
    QTest.keyClick(wizard, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: load_process(demo, wizard.process_id).purpose == "")
    assert wizard.currentId() == page_id  # still where the person was
    assert load_process(demo, wizard.process_id).title == "בחירה 2027"


def test_after_taking_theirs_undo_never_goes_back_over_their_version(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.storage.selection_store import save_process
    from desktop.storage.workspace import open_workspace
    from desktop.views import conflict_dialog

    wizard = _wizard(qtbot, demo)
    page = _purpose(wizard)
    type_text(page.title_edit, "בחירה של דנה")
    page.purpose.setFocus()  # saved: a step Dana could go back to
    qtbot.waitUntil(lambda: wizard.process_id is not None)
    assert demo.path is not None
    omer = open_workspace(demo.path)
    theirs = load_process(omer, wizard.process_id)
    theirs.title = "בחירה של עומר"
    save_process(omer, theirs, wizard.process_id)
    monkeypatch.setattr(conflict_dialog.ConflictDialog, "ask", lambda _dialog: conflict_dialog.THEIRS)
    type_text(page.purpose, "מטרה")
    page.title_edit.setFocus()  # this save finds Omer's first: Dana takes his
    qtbot.waitUntil(lambda: wizard.process.title == "בחירה של עומר")
    undo = wizard.button(QWizard.WizardButton.CustomButton2)
    assert not undo.isEnabled()
    wizard.undo()  # (as Ctrl+Z would)
    assert load_process(omer, wizard.process_id).title == "בחירה של עומר"
    omer.close()


def test_a_version_that_differs_only_in_the_page_it_was_left_at_is_no_conflict(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Omer's copy differs from Dana's only in the page it was left at (saved by a version of
    the app that kept the page in the record): Dana's next page is saved without a question
    about a change with nothing in it (the conflict dialog's table was empty)."""
    from desktop.storage.selection_store import save_process
    from desktop.storage.workspace import open_workspace
    from desktop.views import conflict_dialog

    wizard = _wizard(qtbot, demo)
    page = _purpose(wizard)
    type_text(page.title_edit, "בחירה של דנה")
    type_text(page.purpose, "מטרה")
    page.title_edit.setFocus()
    qtbot.waitUntil(lambda: wizard.process_id is not None)
    assert demo.path is not None
    omer = open_workspace(demo.path)
    qtbot.waitUntil(lambda: load_process(omer, wizard.process_id).purpose == "מטרה")
    his = load_process(omer, wizard.process_id)
    his.page = 3
    save_process(omer, his, wizard.process_id)
    asked: list[object] = []
    monkeypatch.setattr(conflict_dialog.ConflictDialog, "ask", lambda dialog: asked.append(dialog))
    press(wizard, QWizard.WizardButton.NextButton)  # Dana's page: saved over Omer's
    assert asked == []
    assert load_process(omer, wizard.process_id).page == 0  # (Dana's copy: no page in it)
    omer.close()


def test_the_team_is_found_by_name_and_a_found_person_ticked(qtbot: QtBot, demo: Workspace) -> None:
    """A foundation's workspace holds 20,000 people: the team list is searched by name (it was
    a table of every person, to scroll through), and typing there saves nothing."""
    wizard = _wizard(qtbot, demo)
    page = _purpose(wizard)
    shown = page.team.model()
    everyone = shown.rowCount()
    uuid, name = page.team_model.people[-1]
    type_text(page.find_person, name.split()[0])
    assert 1 <= shown.rowCount() < everyone
    assert all(name.split()[0] in str(shown.index(row, 0).data()) for row in range(shown.rowCount()))
    assert list_processes(demo) == []  # (typing in the search saved nothing)
    found = next(
        row for row in range(shown.rowCount()) if shown.index(row, 0).data(Qt.ItemDataRole.UserRole) == uuid
    )
    _tick(page, found)
    page.find_person.clear()
    assert shown.rowCount() == everyone
    type_text(page.purpose, "איתור יישובים")
    _next(wizard)
    [summary] = list_processes(demo)
    assert [member.person for member in load_process(demo, summary.id).team] == [uuid]


def test_a_reopened_process_shows_its_team_first(qtbot: QtBot, demo: Workspace) -> None:
    from desktop.storage.reference_store import choices
    from desktop.storage.selection_store import save_process

    people = choices(demo, RecordKind.PERSON)
    last, before_last = people[-1][0], people[-2][0]
    process = SelectionProcess(title="צוות", team=[TeamMember(last, "מנחה"), TeamMember(before_last)])
    process_id = save_process(demo, process)
    wizard = _wizard(qtbot, demo, load_process(demo, process_id), process_id)
    shown = _purpose(wizard).team.model()
    first_rows = [shown.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(3)]
    assert first_rows[:2] == [last, before_last] and first_rows[2] == people[0][0]
    assert shown.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert shown.index(0, 1).data() == "מנחה"
