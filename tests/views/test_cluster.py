"""A regional cluster's profile, driven in Hebrew as a cluster leader would: the section
starts one, the window's fields save as they are typed, memberships and the definition, the
services' expectations, the guidance needs and the comparison across clusters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog
from pytestqt.qtbot import QtBot

from desktop.models.records import RecordKind
from desktop.storage.cluster_store import list_profiles, load_profile, start_profile
from desktop.storage.demo import create_demo_workspace
from desktop.storage.reference_store import choices
from desktop.storage.workspace import Workspace
from desktop.views.cluster.window import ClusterWindow
from desktop.views.qt_i18n import apply_language
from tests.views.conftest import leave_field, type_text


@pytest.fixture(autouse=True)
def _hebrew_layout(qapp: QApplication) -> Iterator[None]:
    apply_language(qapp, "he")
    yield
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def _open(qtbot: QtBot, workspace: Workspace, number: int, printed: list[tuple[int, str]]) -> ClusterWindow:
    window = ClusterWindow(
        workspace, load_profile(workspace, number), number, lambda n, key, _o: printed.append((n, key))
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_new_profile_is_typed_and_saved_field_by_field(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    eastern = next(uuid for uuid, name in choices(demo, RecordKind.CLUSTER) if name == "אשכול גליל מזרחי")
    number = start_profile(demo, eastern)
    printed: list[tuple[int, str]] = []
    window = _open(qtbot, demo, number, printed)
    assert window.windowTitle() == "פרופיל אשכול: אשכול גליל מזרחי"
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    founding = window.founding
    founding.year.setFocus()
    type_text(founding.year, "20x")
    assert founding.year_error.text() == "יש להזין מספר שלם."
    founding.year.clear()
    type_text(founding.year, "2099")
    assert "בעתיד" in founding.year_error.text()
    founding.year.clear()
    type_text(founding.year, "2014")
    leave_field(founding.year)
    founding.goals.setFocus()
    type_text(founding.goals, "קידום מצוינות מדעית")
    QTest.keyClick(founding.goals, Qt.Key.Key_Return)
    type_text(founding.goals, "קידום חוסן אזורי")
    founding.initiator.setCurrentIndex(1)
    window.flush()
    stored = load_profile(demo, number)
    assert stored.founding_year == 2014
    assert stored.goals == ["קידום מצוינות מדעית", "קידום חוסן אזורי"]
    assert stored.initiator

    # membership: the CBS 2021 list stands, and the check says 18 is not 5-10
    window.tabs.setCurrentWidget(window.membership)
    membership = window.membership
    assert membership.lists.item(0, 0).text() == "2021"
    assert membership.lists.item(0, 1).text() == "18"
    assert membership.definition.item(0, 1).text() == "לא מתקיים"
    assert "18 רשויות; ההגדרה דורשת 5-10" in membership.definition.item(0, 2).text()
    national = {membership.national.item(r, 0).text(): r for r in range(membership.national.rowCount())}
    assert "אשכול כנרת עמקים" in national and "אשכול מישור החוף" in national
    western_galilee = national["אשכול גליל מערבי"]
    assert "2024" in membership.national.item(western_galilee, 5).text()
    membership.note.setFocus()
    type_text(membership.note, 'הרשימה של הלמ"ס')
    window.flush()
    assert load_profile(demo, number).membership_note == 'הרשימה של הלמ"ס'

    # the governance tab: a forum added and renamed in its cell
    window.tabs.setCurrentWidget(window.governance)
    governance = window.governance
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("פורום חינוך", True))
    governance.add_forum_button.click()
    governance.add_forum_button.click()  # the same name again: said, not added
    assert governance.forums.rowCount() == 1
    assert governance.forums_error.text() == "כבר קיים פורום בשם הזה."
    kind = governance.forums.cellWidget(0, 1)
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("coordinating"))
    assert load_profile(demo, number).forums[0].kind == "coordinating"
    window.close()


def test_the_western_negevs_needs_services_and_comparison(qtbot: QtBot, demo: Workspace) -> None:
    from desktop.storage.demo_clusters import add_demo_services

    add_demo_services(demo)
    [summary] = list_profiles(demo)
    printed: list[tuple[int, str]] = []
    window = _open(qtbot, demo, summary.id, printed)
    membership = window.membership
    window.tabs.setCurrentWidget(membership)
    assert [membership.lists.item(r, 1).text() for r in range(membership.lists.rowCount())] == ["9", "11"]
    assert "הצטרפו לקיה, חוף אשקלון" in membership.differences.text()

    services = window.services
    window.tabs.setCurrentWidget(services)
    assert services.table.rowCount() == 2
    assert services.table.item(0, 0).text() == "מרכז אפ 60+"
    assert services.table.item(0, 5).text() == "מתקיים"  # quality and closing gaps
    services.table.item(0, 3).setCheckState(Qt.CheckState.Unchecked)
    services.table.item(0, 4).setCheckState(Qt.CheckState.Unchecked)
    assert services.table.item(0, 5).text() == "לא מתקיים"
    services.table.setCurrentCell(0, 2)
    QTest.keyClick(services.table, Qt.Key.Key_F2)
    editor = services.table.focusWidget()
    type_text(editor, "150")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert services.error.isVisible() and "100" in services.error.text()
    services.table.setCurrentCell(0, 2)
    QTest.keyClick(services.table, Qt.Key.Key_F2)
    editor = services.table.focusWidget()
    type_text(editor, "15")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert services.table.item(0, 5).text() == "מתקיים"
    item_id = services.table.item(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert load_profile(demo, summary.id).services[item_id].saving_percent == 15

    needs = window.needs
    window.tabs.setCurrentWidget(needs)
    assert needs.table.rowCount() == 16
    assert needs.table.item(6, 2).text().startswith("עזרה ביצירת קשרים, רתימה ושיתופי פעולה")
    assert "אורבניקס" in needs.warnings.text() and "גם מלווה וגם מפקח" in needs.warnings.text()
    role = needs._combo(3, 5)
    role.setCurrentIndex(role.findData("supports"))  # the controlling advisers now only support
    assert "גם מלווה וגם מפקח" not in needs.warnings.text()
    priority = needs._combo(15, 3)
    priority.setCurrentIndex(priority.findData("3"))
    provider = needs._combo(15, 4)
    provider.setCurrentIndex(provider.findText("מכללה אזורית בנגב (דמו)"))
    stored = load_profile(demo, summary.id).needs["15"]
    assert stored.priority == 3 and stored.provider.startswith("org:")
    assert "15" in needs.warnings.text()  # a provider the CEO did not choose
    ceo = needs.table.item(14, 6)
    ceo.setCheckState(Qt.CheckState.Checked)
    assert load_profile(demo, summary.id).needs["15"].ceo_choice

    comparison = window.comparison
    window.tabs.setCurrentWidget(comparison)
    header = [comparison.table.horizontalHeaderItem(c).text() for c in range(comparison.table.columnCount())]
    assert "אשכול נגב מערבי" in header
    assert "חשיפה שיטתית" in comparison.national.text()
    comparison.print_button.click()
    window.tabs.setCurrentWidget(window.founding)
    window.print_current()
    assert printed == [(summary.id, "guidance-needs"), (summary.id, "cluster-profile")]
    window.close()


def test_the_section_starts_a_profile_for_a_cluster(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.views.main_window import MainWindow

    create_demo_workspace(tmp_path / "demo.shutafut").close()
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.open_workspace_file(tmp_path / "demo.shutafut")
    main.show_feature("clusters")
    section = main.feature_section("clusters")
    assert section.proxy.rowCount() == 1
    assert section.proxy.index(0, 0).data() == "אשכול נגב מערבי"
    opened: list[int] = []
    monkeypatch.setattr("desktop.views.cluster.section.open_profile", lambda s, n: opened.append(n))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a, **_k: ("אשכול בית הכרם", True))
    section.new_record()
    assert opened and main.workspace is not None
    assert {p.cluster for p in list_profiles(main.workspace)} == {"אשכול נגב מערבי", "אשכול בית הכרם"}
    main.close()


def test_someone_elses_change_is_shown_and_taken_into_every_tab(qtbot: QtBot, demo: Workspace) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QPushButton

    from desktop.storage.workspace import open_workspace
    from desktop.views.conflict_dialog import ConflictDialog

    [summary] = list_profiles(demo)
    window = _open(qtbot, demo, summary.id, [])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    other = open_workspace(demo.path)  # another window or laptop on the same workspace
    theirs = load_profile(other, summary.id)
    theirs.launch_place = "שדרות"
    theirs.accompanying_body = "אורבניקס"
    from desktop.storage.cluster_store import save_profile

    save_profile(other, theirs)
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
    place = window.founding.launch_place
    place.setFocus()
    place.clear()
    type_text(place, "נתיבות")
    window.flush()
    qtbot.waitUntil(lambda: bool(seen))
    assert "אירוע ההשקה: מקום" in seen and "הגוף המלווה" in seen
    qtbot.waitUntil(lambda: window.founding.launch_place.text() == "שדרות")
    assert window.governance.body.text() == "אורבניקס"  # the other tab shows theirs too
    assert load_profile(demo, summary.id).launch_place == "שדרות"
