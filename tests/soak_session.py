"""A long session of the real screens, run in a process of its own by tests/test_soak.py.

It does what a day with the app does to the Qt binding: a 60-person design-forum session in
facilitation mode with many ideas typed by key and moved between groups, the town-selection
score grid filled, a learning community's syllabus edited and its teams ticked, and the
reference lists reloaded. A binding that loses references (PySide6 6.12.0 on Python 3.11
takes one from None at every item setData) either aborts the process here or shows as a fall
of None's reference count, which this prints as JSON on its last line.

    python tests/soak_session.py WORKDIR [--ideas N]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SHUTAFUT_TESTING", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import shiboken6  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget, QWizard  # noqa: E402

from desktop.models.forum import Forum, sessions_from_template  # noqa: E402
from desktop.models.records import RecordKind  # noqa: E402
from desktop.models.selection import CRITERIA  # noqa: E402
from desktop.models.selection_process import SelectionProcess  # noqa: E402
from desktop.storage.community_store import list_communities, load_community  # noqa: E402
from desktop.storage.demo import create_demo_workspace  # noqa: E402
from desktop.storage.workspace import Workspace  # noqa: E402
from desktop.views.community.window import CommunityWindow  # noqa: E402
from desktop.views.forum.facilitation import FacilitationWindow  # noqa: E402
from desktop.views.forum.forum_window import ForumWindow  # noqa: E402
from desktop.views.qt_i18n import apply_language  # noqa: E402
from desktop.views.reference.section import ReferenceSection  # noqa: E402
from desktop.views.selection.wizard import ScoresPage, SelectionWizard  # noqa: E402

PARTICIPANTS = 60


def show_active(window: QWidget) -> None:
    """Show and activate a window, as a person's click would, so that key presses reach it."""
    window.show()
    window.activateWindow()
    deadline = time.monotonic() + 5
    while not window.isActiveWindow() and time.monotonic() < deadline:
        QApplication.processEvents()


def type_text(widget: object, text: str) -> None:
    """Key by key, as tests/views/conftest.type_text does (keyClicks aborts on Hebrew)."""
    widget.setFocus()  # type: ignore[attr-defined]
    for character in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, character, Qt.KeyboardModifier.NoModifier
        )


def enter(widget: object, text: str) -> None:
    widget.clear()  # type: ignore[attr-defined]
    type_text(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def forum_session(workspace: Workspace, ideas: int) -> int:
    """Check in 60 people, type `ideas` ideas at five tables, and move them into groups."""
    forum = Forum("פורום עיצוב (סבולת)", "STEM", "שדרות", sessions=sessions_from_template("stem", "he"))
    for number in range(PARTICIPANTS):
        forum.add_participant(f"משתתף {number}", organisation=f"ארגון {number % 7}")
    window = ForumWindow(workspace, forum, None)
    show_active(window)
    live = window.open_facilitation(1)
    assert isinstance(live, FacilitationWindow)
    show_active(live)
    for number in range(PARTICIPANTS):
        enter(live.check_in, f"משתתף {number}")
    for number in range(ideas):
        live.table.setText(str(1 + number % 5))
        enter(live.idea, f"רעיון {number}")
    group_size = 20
    for group in range(ideas // (4 * group_size)):
        loose = live.board.topLevelItem(0)
        for row in range(min(group_size, loose.childCount())):
            loose.child(row).setSelected(True)
        enter(live.cluster_name, f"קבוצה {group}")
    groups = [c.id for c in forum.clusters if c.session == 1]
    for round_number, idea in enumerate(forum.session_ideas(1)[: ideas // 10]):
        live.move_ideas([idea.id], groups[round_number % len(groups)] if groups else None)
    typed = len(forum.session_ideas(1))
    live.close()
    window.close()
    return typed


def selection_grid(workspace: Workspace, rounds: int) -> int:
    """Fill the score grid of every rater, key by key, several times over."""
    wizard = SelectionWizard(workspace, SelectionProcess(), None)
    show_active(wizard)
    purpose = wizard.currentPage()
    type_text(purpose.purpose, "סבולת")  # type: ignore[attr-defined]
    shown = purpose.team.model()  # type: ignore[attr-defined]
    for row in range(2):
        shown.setData(shown.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    scores = wizard.currentPage()
    assert isinstance(scores, ScoresPage), type(scores)
    cells = 0
    for round_number in range(rounds):
        for member in range(scores.member.count()):
            scores.member.setCurrentIndex(member)
            for row in range(scores.grid.rowCount()):
                for column in range(len(CRITERIA)):
                    scores.grid.setCurrentCell(row, column)
                    scores.grid.setFocus()
                    QTest.keyClicks(scores.grid, str(1 + (row + column + round_number) % 5))
                    editor = QApplication.focusWidget()
                    QTest.keyClick(editor, Qt.Key.Key_Tab)
                    cells += 1
    wizard.close()
    return cells


def community_tables(workspace: Workspace, rounds: int) -> int:
    """Edit the demo community's syllabus titles and tick its teams' members, over and over."""
    [summary] = list_communities(workspace)[:1]
    community = load_community(workspace, summary.id)
    window = CommunityWindow(workspace, community, summary.id, lambda *_args: None)
    show_active(window)
    syllabus = window.syllabus_tab
    edits = 0
    for round_number in range(rounds):
        syllabus.refresh()
        for row in range(syllabus.table.rowCount()):
            item = syllabus.table.item(row, 3)
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
                item.setText(f"מפגש {row} (סבב {round_number})")
                edits += 1
        teams = window.teams_tab
        teams.refresh()
        for row in range(teams.members.count()):
            member = teams.members.item(row)
            member.setCheckState(
                Qt.CheckState.Unchecked
                if member.checkState() == Qt.CheckState.Checked
                else Qt.CheckState.Checked
            )
            edits += 1
        teams.fill_progress()
    window.close()
    return edits


def reference_lists(workspace: Workspace, rounds: int) -> int:
    stack = QUndoStack()
    section = ReferenceSection(stack)
    # As the window's: destroyed with the section, not left to the cycle collector (which
    # may destroy it after the widgets its commands name, and crash the process).
    stack.setParent(section)
    section.set_workspace(workspace)
    reloads = 0
    for _round in range(rounds):
        for kind in RecordKind:
            section.show_kind(kind)
            section.page_for(kind).reload()
            reloads += 1
    section.close()
    # Destroyed here, as the window destroys its sections, not by the cycle collector in
    # whatever order it clears the section's wrappers (which crashed in ~QWidget).
    shiboken6.delete(section)
    return reloads


def none_references() -> int:
    gc.collect()
    return sys.getrefcount(None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--ideas", type=int, default=500)
    arguments = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    apply_language(app, "he")  # type: ignore[arg-type]
    workspace = create_demo_workspace(arguments.workdir / "soak.shutafut")
    started = time.monotonic()
    # A short warm-up of every screen, so that what they keep alive is counted before.
    forum_session(workspace, 20)
    selection_grid(workspace, 1)
    community_tables(workspace, 1)
    reference_lists(workspace, 1)
    before = none_references()
    counts = {
        "ideas": forum_session(workspace, arguments.ideas),
        "score_cells": selection_grid(workspace, 2),
        "community_edits": community_tables(workspace, 8),
        "list_reloads": reference_lists(workspace, 20),
    }
    after = none_references()
    workspace.close()
    print(
        json.dumps(
            {
                "python": list(sys.version_info[:3]),
                "none_before": before,
                "none_after": after,
                "seconds": round(time.monotonic() - started, 1),
                **counts,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
