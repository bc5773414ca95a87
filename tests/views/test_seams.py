"""Nothing typed is lost at the seams: in Hebrew at 1366x768, type into fields on several tabs,
switch to another session/area/item/flag/meeting/team or tab mid-typing (no Tab pressed),
close, reopen from storage, go back to the first tab and find every value typed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.models.community import Community
from desktop.models.flags import Flag
from desktop.models.forum import Forum, sessions_from_template
from desktop.storage.community_store import load_community
from desktop.storage.flags_store import load_cluster_flags
from desktop.storage.forum_store import load_forum
from desktop.storage.workspace import Workspace
from desktop.views.community.window import CommunityWindow
from desktop.views.flags.window import FlagsWindow
from desktop.views.forum.forum_window import ForumWindow
from desktop.views.qt_i18n import apply_language
from tests.views.conftest import open_flags_window, type_text

SCREEN = (1366, 768)


@pytest.fixture(autouse=True)
def _hebrew_layout(qapp: QApplication) -> Iterator[None]:
    apply_language(qapp, "he")
    yield
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def fits_the_screen(window: QWidget) -> None:
    """The window opens within 1366x768 and can be made that small."""
    width, height = SCREEN
    assert window.width() <= width and window.height() <= height, window.size()
    hint = window.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= height, hint
    assert window.minimumWidth() <= width and window.minimumHeight() <= height


def show(qtbot: QtBot, window: QWidget) -> None:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    fits_the_screen(window)


# --- design forum -------------------------------------------------------------------------


def test_forum_keeps_what_was_typed_across_sessions_areas_and_tabs(qtbot: QtBot, demo: Workspace) -> None:
    forum = Forum("פורום עיצוב שדרות", "STEM", "שדרות", sessions=sessions_from_template("stem", "he"))
    window = ForumWindow(demo, forum, None)
    show(qtbot, window)
    forum_id = window.forum_id
    assert forum_id is not None

    window.tabs.setCurrentWidget(window.sessions)
    sessions = window.sessions
    sessions.chooser.setCurrentIndex(0)
    sessions.place.clear()
    type_text(sessions.place, "מתנ״ס שדרות")
    sessions.goals.clear()
    type_text(sessions.goals, "להכיר את השותפים")
    sessions.chooser.setCurrentIndex(1)  # another session, the goals field still focused
    sessions.outputs.clear()
    type_text(sessions.outputs, "מפת רעיונות")
    window.tabs.setCurrentWidget(window.agenda)  # another tab mid-typing
    agenda = window.agenda
    agenda.add_area()
    agenda.title.clear()
    type_text(agenda.title, "חינוך מדעי")
    type_text(agenda.challenge, "מעט בוגרי מדעים")
    agenda.add_area()  # another focus area mid-typing
    agenda.title.clear()
    type_text(agenda.title, "תעסוקה")
    window.close()  # closing the window, the title still focused

    again = ForumWindow(demo, load_forum(demo, forum_id), forum_id)
    show(qtbot, again)
    again.tabs.setCurrentWidget(again.sessions)
    again.sessions.chooser.setCurrentIndex(0)
    assert again.sessions.place.text() == "מתנ״ס שדרות"
    assert again.sessions.goals.toPlainText() == "להכיר את השותפים"
    again.sessions.chooser.setCurrentIndex(1)
    assert again.sessions.outputs.toPlainText() == "מפת רעיונות"
    again.tabs.setCurrentWidget(again.agenda)
    assert [area.title for area in again.forum.agenda] == ["חינוך מדעי", "תעסוקה"]
    again.agenda.areas.setCurrentRow(0)
    assert again.agenda.title.text() == "חינוך מדעי"
    assert again.agenda.challenge.toPlainText() == "מעט בוגרי מדעים"
    assert not again.findChildren(QWidget, "save_texts") and not again.findChildren(QWidget, "save_area")


# --- the four flags -----------------------------------------------------------------------


def _flags_section(qtbot: QtBot, demo: Workspace) -> FlagsWindow:
    window = open_flags_window(qtbot, demo, "אשכול נגב מערבי")
    show(qtbot, window)
    return window


def test_flags_keep_what_was_typed_across_items_flags_and_tabs(qtbot: QtBot, demo: Workspace) -> None:
    section = _flags_section(qtbot, demo)
    mapping = section.mapping
    mapping.new_item()
    type_text(mapping.name, "שירותי רווחה אזוריים")
    type_text(mapping.field_name, "רווחה")
    mapping.authorities.item(0).setCheckState(Qt.CheckState.Checked)
    mapping.new_item()  # another item mid-typing
    type_text(mapping.name, "תוכנית נוער")
    type_text(mapping.lead, "דנה")
    mapping.table.setCurrentCell(0, 0)  # back to the first item, the lead still focused
    assert mapping.name.text() == "שירותי רווחה אזוריים"
    mapping.lead.clear()
    type_text(mapping.lead, "סמיר")

    section.tabs.setCurrentWidget(section.plans)  # another tab mid-typing
    plans = section.plans
    plans.item.setCurrentIndex(plans.item.findText("שירותי רווחה אזוריים"))
    plans.flag.setCurrentIndex(plans.flag.findData(Flag.DIVERSITY.value))
    type_text(plans.outcome, "כל הרשויות משתתפות")
    plans.flag.setCurrentIndex(plans.flag.findData(Flag.INCLUSIVE_GROWTH.value))  # another flag
    type_text(plans.outcome, "צמיחה לכולם")
    type_text(plans.parties, "משרד הרווחה")
    plans.item.setCurrentIndex(plans.item.findText("תוכנית נוער"))  # another item
    type_text(plans.outcome, "נוער מעורב")
    cluster = section.flags.cluster if section.flags else ""
    section.close()  # the section goes away with the window

    stored = load_cluster_flags(demo, cluster)
    assert stored.items
    again = _flags_section(qtbot, demo)
    items = {item.name: item for item in again.flags.items} if again.flags else {}
    assert items["שירותי רווחה אזוריים"].field_name == "רווחה"
    assert items["שירותי רווחה אזוריים"].lead == "סמיר"
    assert len(items["שירותי רווחה אזוריים"].authorities) == 1
    assert items["תוכנית נוער"].lead == "דנה"
    again.tabs.setCurrentWidget(again.plans)
    plans = again.plans
    plans.item.setCurrentIndex(plans.item.findText("שירותי רווחה אזוריים"))
    plans.flag.setCurrentIndex(plans.flag.findData(Flag.DIVERSITY.value))
    assert plans.outcome.toPlainText() == "כל הרשויות משתתפות"
    plans.flag.setCurrentIndex(plans.flag.findData(Flag.INCLUSIVE_GROWTH.value))
    assert plans.outcome.toPlainText() == "צמיחה לכולם"
    assert plans.parties.text() == "משרד הרווחה"
    plans.item.setCurrentIndex(plans.item.findText("תוכנית נוער"))
    assert plans.outcome.toPlainText() == "נוער מעורב"
    again.tabs.setCurrentWidget(again.mapping)
    again.mapping.table.setCurrentCell(0, 0)
    assert again.mapping.lead.text() == "סמיר"
    for name in ("save_item", "save_plan"):
        assert not again.findChildren(QWidget, name)


def test_a_plans_outcome_stays_when_another_flag_is_picked(qtbot: QtBot, demo: Workspace) -> None:
    section = _flags_section(qtbot, demo)
    type_text(section.mapping.name, "שירות")
    section.mapping.store()
    section.tabs.setCurrentWidget(section.plans)
    plans = section.plans
    assert plans.item.currentText() == "שירות"
    plans.flag.setCurrentIndex(0)
    type_text(plans.outcome, "תוצאה רצויה")
    plans.flag.setCurrentIndex(1)
    plans.flag.setCurrentIndex(0)
    assert plans.outcome.toPlainText() == "תוצאה רצויה"


# --- learning community -------------------------------------------------------------------


def test_community_keeps_what_was_typed_across_meetings_teams_and_tabs(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    community = Community(
        "קהילת חינוך", profession="חינוך", period_start=date(2025, 9, 1), period_end=date(2026, 7, 31)
    )
    window = CommunityWindow(demo, community, None)
    show(qtbot, window)
    community_id = window.context.community_id
    assert community_id is not None
    members = window.members_tab
    type_text(members.name, " בנגב")
    type_text(members.profession, " בלתי פורמלי")

    window.tabs.setCurrentWidget(window.syllabus_tab)  # another tab, the field still focused
    window.syllabus_tab.add_meeting()
    window.syllabus_tab.add_meeting()
    window.tabs.setCurrentWidget(window.plan_tab)
    plan = window.plan_tab
    plan.chooser.setCurrentIndex(0)
    first_meeting = plan.meeting.id if plan.meeting else ""
    text_name, line_name = next(iter(plan.texts)), next(iter(plan.lines))
    type_text(plan.texts[text_name], "פתיחה והיכרות")
    type_text(plan.lines[line_name], "אולם העירייה")
    plan.chooser.setCurrentIndex(1)  # another meeting mid-typing
    type_text(plan.lines[line_name], "ספריה")

    window.tabs.setCurrentWidget(window.teams_tab)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("צוות מדיניות", True))
    window.teams_tab.new_team()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("צוות קהילה", True))
    window.teams_tab.new_team()
    teams = window.teams_tab
    type_text(teams.topic, "הון אנושי")
    teams.list.setCurrentRow(0)  # another team mid-typing
    type_text(teams.topic, "מדיניות חינוך")
    window.close()

    stored = load_community(demo, community_id)
    again = CommunityWindow(demo, stored, community_id)
    show(qtbot, again)
    again.tabs.setCurrentWidget(again.members_tab)
    assert again.members_tab.name.text() == "קהילת חינוך בנגב"
    assert again.members_tab.profession.text() == "חינוך בלתי פורמלי"
    again.tabs.setCurrentWidget(again.plan_tab)
    again.plan_tab.choose(first_meeting)
    assert again.plan_tab.texts[text_name].toPlainText() == "פתיחה והיכרות"
    assert again.plan_tab.lines[line_name].text() == "אולם העירייה"
    again.plan_tab.chooser.setCurrentIndex(1)
    assert again.plan_tab.lines[line_name].text() == "ספריה"
    topics = {team.name: team.topic for team in again.community.teams}
    assert topics == {"צוות מדיניות": "מדיניות חינוך", "צוות קהילה": "הון אנושי"}


def test_undo_and_redo_step_a_document_back_and_forth(qtbot: QtBot, demo: Workspace) -> None:
    window = _flags_section(qtbot, demo)
    mapping = window.mapping
    mapping.new_item()
    type_text(mapping.name, "שירותי רווחה אזוריים")
    window.flush()
    assert [item.name for item in window.flags.items] == ["שירותי רווחה אזוריים"]
    assert window.undo_button.isEnabled() and not window.redo_button.isEnabled()
    window.undo_button.click()  # back to before the item
    assert window.flags.items == [] and mapping.table.rowCount() == 0
    assert load_cluster_flags(demo, window.flags.cluster).items == []  # stored as well
    window.redo_button.click()
    assert [item.name for item in window.flags.items] == ["שירותי רווחה אזוריים"]
    assert mapping.table.rowCount() == 1
    window.close()
    stored = load_cluster_flags(demo, window.flags.cluster)
    assert [item.name for item in stored.items] == ["שירותי רווחה אזוריים"]


def test_after_taking_theirs_undo_never_goes_back_over_their_version(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.models.flags import Item
    from desktop.storage.flags_store import save_cluster_flags
    from desktop.storage.workspace import open_workspace
    from desktop.views import conflict_dialog

    window = _flags_section(qtbot, demo)
    mapping = window.mapping
    mapping.new_item()
    type_text(mapping.name, "שירותי רווחה אזוריים")
    window.flush()  # saved: a step Dana could go back to
    assert window.undo_button.isEnabled()
    assert demo.path is not None
    omer = open_workspace(demo.path)
    theirs = load_cluster_flags(omer, window.flags.cluster)
    theirs.items.append(Item("o1", "תחבורה של עומר"))
    save_cluster_flags(omer, theirs)
    monkeypatch.setattr(conflict_dialog.ConflictDialog, "ask", lambda _dialog: conflict_dialog.THEIRS)
    window.flags.items[0].name = "שירותי רווחה"
    window.save()  # Omer saved first: Dana takes his version
    assert [item.name for item in window.flags.items] == ["שירותי רווחה אזוריים", "תחבורה של עומר"]
    assert not window.undo_button.isEnabled()
    window.undo()  # (Ctrl+Z) nothing of Dana's to go back to over his version
    stored = load_cluster_flags(omer, window.flags.cluster)
    assert [item.name for item in stored.items] == ["שירותי רווחה אזוריים", "תחבורה של עומר"]
    omer.close()


def test_a_community_change_is_undone_on_every_tab(qtbot: QtBot, demo: Workspace) -> None:
    community = Community(
        "קהילת חינוך", profession="חינוך", period_start=date(2025, 9, 1), period_end=date(2026, 7, 31)
    )
    window = CommunityWindow(demo, community, None)
    show(qtbot, window)
    name = window.members_tab.name
    name.clear()
    type_text(name, "קהילת מנהלות חינוך")
    window.flush()
    assert window.community.name == "קהילת מנהלות חינוך"
    window.undo()  # Ctrl+Z outside a text field
    assert window.community.name == "קהילת חינוך" and name.text() == "קהילת חינוך"
    window.redo()
    assert window.community.name == "קהילת מנהלות חינוך" and name.text() == "קהילת מנהלות חינוך"
