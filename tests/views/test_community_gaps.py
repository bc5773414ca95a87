"""The learning community's gaps of seed 004, driven in Hebrew: the advisory committee with
its partners, stakeholders and meetings; every population's holidays in the syllabus;
seniority in the mix; a work team's audience, use, accompanier and the five signs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.models.community import Community, Member
from desktop.storage.community_store import load_community
from desktop.storage.workspace import Workspace
from desktop.views.community.advisory_tab import AddGuestDialog
from desktop.views.community.window import CommunityWindow
from desktop.views.qt_i18n import apply_language
from tests.views.conftest import type_text


@pytest.fixture(autouse=True)
def _hebrew_layout(qapp: QApplication) -> Iterator[None]:
    apply_language(qapp, "he")
    yield
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def _window(qtbot: QtBot, workspace: Workspace) -> CommunityWindow:
    from desktop.storage.community_store import authority_facts, people_facts

    people = list(people_facts(workspace))[:4]
    authority = next(iter(authority_facts(workspace)))
    community = Community(
        "קהילת רווחה דרום",
        period_start=date(2024, 9, 1),
        period_end=date(2025, 7, 31),
        cycle_year=2,
        members=[Member(p, authority, advisory=(i == 0)) for i, p in enumerate(people)],
    )
    window = CommunityWindow(workspace, community, None, lambda *_a: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_advisory_committee_partners_and_meetings(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, demo)
    tab = window.advisory_tab
    window.tabs.setCurrentWidget(tab)
    assert window.tabs.tabText(1) == "ועדה מייעצת"
    assert "חברי קהילה בוועדה" in tab.members_note.text()

    def choose_and_accept(dialog: AddGuestDialog) -> int:
        dialog._accept()  # nobody chosen: said at the field, nothing added
        assert dialog.error.text() == "יש לבחור את האדם."
        dialog.person.setCurrentIndex(1)
        dialog.kind.setCurrentIndex(dialog.kind.findData("stakeholder"))
        dialog.organisation.clear()
        type_text(dialog.organisation, "משרד הרווחה")
        dialog._accept()
        return int(dialog.result())

    monkeypatch.setattr(AddGuestDialog, "exec", choose_and_accept)
    tab.add_guest_button.click()
    assert tab.guests.rowCount() == 1
    assert tab.guests.item(0, 1).text() == "בעל עניין"
    assert tab.guests.item(0, 2).text() == "משרד הרווחה"

    tab.new_day.setDate(QDate(2025, 9, 15))  # after the community's year
    tab.add_meeting_button.click()
    assert tab.meetings_error.text() == "המפגש צריך להיות בתוך שנת הקהילה."
    for day in (QDate(2024, 10, 20), QDate(2025, 2, 2)):
        tab.new_day.setDate(day)
        tab.add_meeting_button.click()
    assert tab.meetings.count() == 2
    assert "מפגשים קבועים" in tab.warnings.text()
    assert tab.agenda.toPlainText().splitlines()[:2] == ["תכנית עבודה", "תקציב"]
    tab.meetings.setCurrentRow(0)
    tab.notes.setFocus()
    type_text(tab.notes, "אושרה תכנית העבודה")
    window.flush()
    tab.new_day.setDate(QDate(2025, 5, 4))
    tab.add_meeting_button.click()
    assert tab.warnings.text() == "" or "מפגשים קבועים" not in tab.warnings.text()

    stored = load_community(demo, window.context.community_id or 0)
    assert stored.advisory_guests[0].kind == "stakeholder"
    assert stored.advisory_guests[0].organisation == "משרד הרווחה"
    assert [m.day for m in stored.advisory_meetings] == [
        date(2024, 10, 20),
        date(2025, 2, 2),
        date(2025, 5, 4),
    ]
    assert stored.advisory_meetings[0].notes == "אושרה תכנית העבודה"

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    tab.guests.setCurrentCell(0, 0)
    tab.remove_guest_button.click()
    assert load_community(demo, window.context.community_id or 0).advisory_guests == []
    window.close()


def test_the_syllabus_keeps_every_populations_days(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, demo)
    syllabus = window.syllabus_tab
    window.tabs.setCurrentWidget(syllabus)
    assert syllabus.groups["jewish"].isChecked() and not syllabus.groups["muslim"].isChecked()
    syllabus.weekday.setCurrentIndex(syllabus.weekday.findData("1"))  # Tuesday
    syllabus.week.setValue(1)
    syllabus.count.setValue(11)
    syllabus.draft_button.click()
    days = sorted(m.day for m in window.community.meetings)
    # The first Tuesday of April 2025 is the third day of Eid al-Fitr: a community of Jewish
    # and national days meets on it, and the syllabus says which day it is.
    assert date(2025, 4, 1) in days
    row = days.index(date(2025, 4, 1))
    assert syllabus.table.item(row, 9).text() == "עיד אל-פיטר"
    assert "חגים מוסלמיים" in syllabus.table.item(row, 9).toolTip()
    assert syllabus.table.item(row, 8).text() == ""  # not a problem for this community
    syllabus.groups["muslim"].click()
    assert window.community.holiday_groups == ["jewish", "muslim"]
    syllabus.table.viewport().update()
    assert "עיד אל-פיטר" in syllabus.table.item(row, 8).text()  # now it is said as a problem
    syllabus.groups["christian"].click()
    assert load_community(demo, window.context.community_id or 0).holiday_groups == [
        "jewish",
        "muslim",
        "christian",
    ]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    syllabus.draft_button.click()
    days = sorted(m.day for m in window.community.meetings)
    assert date(2025, 4, 1) not in days and date(2025, 4, 8) in days  # Eid al-Fitr is skipped
    window.close()


def test_seniority_and_a_good_output(qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, demo)
    members = window.members_tab
    members.table.setCurrentIndex(members.proxy.index(1, 0))
    members.member_seniority.setCurrentIndex(members.member_seniority.findData("veteran"))
    assert window.community.members[1].seniority == "veteran"
    assert members.model.item(1, 6).text() == "מעל 10 שנים בתפקיד"
    members.dimension.setCurrentIndex(members.dimension.findData("seniority"))
    labels = [members.mix_model.item(r, 0).text() for r in range(members.mix_model.rowCount())]
    assert "מעל 10 שנים בתפקיד" in labels and "עד 3 שנים בתפקיד" in labels

    teams = window.teams_tab
    window.tabs.setCurrentWidget(teams)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("צוות פודקאסט", True))
    teams.new_button.click()
    teams.output.setCurrentIndex(teams.output.findData("podcast"))
    teams.audience.setFocus()
    type_text(teams.audience, "עובדים סוציאליים חדשים")
    type_text(teams.use, "הפצה ברשויות האשכול")
    QTest.keyClick(teams.use, Qt.Key.Key_Tab)
    teams.accompanier.setCurrentIndex(1)
    teams.signs.item(0).setCheckState(Qt.CheckState.Checked)
    teams.signs.item(3).setCheckState(Qt.CheckState.Checked)
    assert teams.signs.item(0).text().startswith("ביטוי לקולם")
    window.flush()
    team = load_community(demo, window.context.community_id or 0).teams[0]
    assert team.output_type == "podcast"
    assert (team.audience, team.use) == ("עובדים סוציאליים חדשים", "הפצה ברשויות האשכול")
    assert team.accompanier and team.signs == ["voice", "pride"]
    window.close()


def test_every_list_of_the_workspaces_people_is_a_person_picker(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A combo box listing everyone holds them in one model (`fill_people`): with an item per
    person, a foundation's 20,000 people took the window 0.15 s to fill and show."""
    from PySide6.QtWidgets import QComboBox

    from desktop.storage.community_store import people_facts
    from desktop.views.person_picker import ChoiceModel

    window = _window(qtbot, demo)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("צוות", True))
    window.tabs.setCurrentWidget(window.teams_tab)
    window.teams_tab.new_button.click()  # (a team: its accompanier is chosen from everyone)
    everyone = len(people_facts(demo))
    listing = [combo for combo in window.findChildren(QComboBox) if combo.count() >= everyone]
    assert window.teams_tab.accompanier in listing and len(listing) >= 2
    assert [c.objectName() for c in listing if not isinstance(c.model(), ChoiceModel)] == []
    window.close()
