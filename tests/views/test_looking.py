"""Looking is not changing: each feature's record of the demo's whole path, opened and walked
through (every page of a wizard, forth and back, every tab of a window) without a key typed,
offers no step back. A step there is a change nobody made: the selection team stored in the
order of its names, the MOU's member roles split at the commas inside them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget, QWizard
from pytestqt.qtbot import QtBot

from desktop.models.mou_draft import MouDraft
from desktop.storage.agreement_store import list_agreements, load_agreement
from desktop.storage.selection_store import list_processes, load_process
from desktop.storage.workspace import Workspace
from desktop.views.features import FEATURES
from desktop.views.main_window import MainWindow
from desktop.views.mou.wizard import BodiesPage
from desktop.views.qt_i18n import apply_language
from tests.views.conftest import demo_copy, type_text


@pytest.fixture
def window(qtbot: QtBot, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    demo_copy(tmp_path_factory, tmp_path / "demo.shutafut", whole_path=True).close()
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    assert main.open_workspace_file(tmp_path / "demo.shutafut", remember=False)
    yield main
    main.close()


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def _walk(editor: QWidget) -> int:
    """Every tab (and the tabs within), then a wizard's pages forth and back; how many views."""
    seen = 0
    for tabs in editor.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            _settle()
            seen += 1
    if isinstance(editor, QWizard):
        for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton):
            while editor.button(button).isVisible() and editor.button(button).isEnabled():
                editor.button(button).click()
                _settle()
                seen += 1
    return seen


def _open_and_walk(window: MainWindow, key: str, then: object = None) -> tuple[str, int, bool]:
    """Open the feature's first record, walk it, close it: (editor, views seen, a step back?)."""
    window.show_feature(key)
    section = window.feature_section(key)
    section.table.setCurrentIndex(section.proxy.index(0, 0))
    found: list[tuple[str, int, bool]] = []

    def walk() -> None:
        editor = QApplication.activeModalWidget()
        assert editor is not None
        try:
            _settle()
            seen = _walk(editor)
            if callable(then):
                then(editor)
            history = getattr(editor, "history", None)
            found.append((type(editor).__name__, seen, history is not None and history.can_undo()))
        finally:  # (a failure here must not leave the editor open, waiting)
            editor.close()

    QTimer.singleShot(0, walk)
    section.open_selected()
    assert found, f"{key}: no editor opened"
    return found[0]


def _versions(workspace: Workspace) -> dict[str, int]:
    """Every record's saved version, by UUID."""
    from sqlalchemy import select

    from desktop.storage.exchange import exchanged_tables

    with workspace.engine.connect() as connection:
        return {
            uuid: version
            for table in exchanged_tables().values()
            for uuid, version in connection.execute(select(table.c.uuid, table.c.version))
        }


def test_walking_through_every_feature_without_typing_offers_no_step_back(window: MainWindow) -> None:
    assert window.workspace is not None
    versions = _versions(window.workspace)
    walked = {key: _open_and_walk(window, key) for key in FEATURES}
    assert all(seen > 1 for _editor, seen, _step in walked.values()), walked
    assert {key: editor for key, (editor, _seen, step) in walked.items() if step} == {}
    # nor a new version of any record: a colleague's import would see it changed (the page
    # each wizard was left at was saved in the record, a version per page)
    assert _versions(window.workspace) == versions


def test_the_selection_team_and_the_mou_roles_are_stored_as_they_were(window: MainWindow) -> None:
    workspace = window.workspace
    assert workspace is not None
    [process] = list_processes(workspace)
    [agreement] = list_agreements(workspace)
    team = load_process(workspace, process.id).team
    draft: MouDraft = load_agreement(workspace, agreement.id).draft
    assert any("," in role for body in draft.bodies for role in body.member_roles)  # (the seed's)
    _open_and_walk(window, "selection")
    _open_and_walk(window, "agreements")
    assert load_process(workspace, process.id).team == team
    assert load_agreement(workspace, agreement.id).draft.bodies == draft.bodies


def test_roles_typed_are_read_at_their_commas(window: MainWindow) -> None:
    """What the field says: roles separated by commas, once the person has changed the text."""
    workspace = window.workspace
    assert workspace is not None
    [agreement] = list_agreements(workspace)

    def retype_the_first_roles(editor: QWidget) -> None:
        assert isinstance(editor, QWizard)
        for _page in range(12):  # (to the governance bodies)
            if isinstance(editor.currentPage(), BodiesPage):
                break
            editor.button(QWizard.WizardButton.NextButton).click()
            _settle()
        page = editor.currentPage()
        assert isinstance(page, BodiesPage)
        roles = page.editors[0].roles  # (the page's own: those of an earlier visit await deletion)
        roles.selectAll()
        type_text(roles, "גזבר, מהנדס העיר")
        editor.button(QWizard.WizardButton.NextButton).click()
        _settle()

    _open_and_walk(window, "agreements", retype_the_first_roles)
    bodies = load_agreement(workspace, agreement.id).draft.bodies
    assert bodies[0].member_roles == ("גזבר", "מהנדס העיר")


def test_walking_through_a_diagnosis_changes_nothing_in_the_flags_work(window: MainWindow) -> None:
    """Its baselines were read back from their spin boxes as 12.0 for 12, and questions never
    answered were stored as empty answers."""
    from desktop.storage.flags_store import list_flags_summaries, load_flags_work
    from desktop.views.flags.diagnoses import DiagnosesTab
    from desktop.views.flags.window import FlagsWindow

    workspace = window.workspace
    assert workspace is not None
    [summary, *_others] = list_flags_summaries(workspace)
    before = load_flags_work(workspace, summary.id)
    versions = _versions(workspace)
    assert any(
        isinstance(a.baseline.value, int) for d in before.diagnoses for a in d.flags.values()
    )  # (the seed's whole numbers)
    flags = FlagsWindow(workspace, load_flags_work(workspace, summary.id), summary.id)
    flags.show()
    [tab] = flags.findChildren(DiagnosesTab)
    walked: list[int] = []

    def walk() -> None:
        editor = QApplication.activeModalWidget()
        assert editor is not None
        try:
            walked.append(_walk(editor))
        finally:
            editor.close()

    QTimer.singleShot(0, walk)
    tab.run(flags.flags.diagnoses[0])
    flags.close()
    assert walked and walked[0] > 4
    assert load_flags_work(workspace, summary.id).to_json() == before.to_json()
    assert _versions(workspace) == versions
