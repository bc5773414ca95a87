"""The meetings calendar (issue 18): every meeting by month with Hebrew dates, right to left,
double-click opens the record, and the .ics export parsed back by the icalendar library."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.models.calendar import Event, body_meeting_days, month_events
from desktop.models.mou_governance import BodyKind, default_body, meetings_between
from desktop.storage.calendar_store import workspace_events
from desktop.storage.demo import create_demo_workspace
from desktop.storage.workspace import Workspace, open_workspace
from desktop.views.calendar import CalendarDialog
from desktop.views.main_window import MainWindow
from desktop.views.qt_i18n import apply_language


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("calendar") / "demo.shutafut"
    create_demo_workspace(path, whole_path=True).close()
    return path


def test_governance_meetings_follow_each_bodys_frequency() -> None:
    start, end = date(2022, 9, 1), date(2027, 8, 31)
    for kind in BodyKind:
        body = default_body(kind, "he")
        days = body_meeting_days(body, start, end)
        assert len(days) == meetings_between(body, start, end), kind
        assert all(start <= day <= end for day in days)
    administration = body_meeting_days(default_body(BodyKind.TOWN_ADMINISTRATION, "he"), start, end)
    assert all(day.month != 8 for day in administration)  # "not in August" (001 l.610)


def _march_2023(qtbot: QtBot, demo_path: Path) -> tuple[Workspace, CalendarDialog]:
    """The demo's calendar shown in Hebrew at March 2023, and its workspace (read only)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    workspace = open_workspace(demo_path, read_only=True)
    dialog = CalendarDialog(workspace, today=date(2023, 3, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    return workspace, dialog


def test_the_calendar_shows_a_month_right_to_left_with_hebrew_dates(qtbot: QtBot, demo_path: Path) -> None:
    workspace, dialog = _march_2023(qtbot, demo_path)
    qtbot.waitUntil(lambda: not dialog.reader.reading)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.grid.horizontalHeaderItem(0).text().startswith("יום א")  # Sunday on the right
    seminar = [dialog.cell_of(date(2023, 3, 27)), dialog.cell_of(date(2023, 3, 28))]
    for cell in seminar:
        assert cell is not None and "סמינר דו-יומי" in cell.text()
    assert "ה׳ ניסן תשפ״ג" in (seminar[0].text() if seminar[0] else "")
    dialog.move_months(-1)
    february = dialog.cell_of(date(2023, 2, 21))
    assert february is not None and "מפגש 4" in february.text() and "שותפויות וממשקי עבודה" in february.text()
    dialog.close()
    workspace.close()


def test_double_click_opens_the_meeting_record(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    opened: list[QDialog] = []
    original = QDialog.exec

    def run(dialog: QDialog) -> int:
        if isinstance(dialog, CalendarDialog):
            qtbot.waitUntil(lambda: not dialog.reader.reading)
            dialog.show_month(2023, 1)
            cell = dialog.cell_of(date(2023, 1, 17))
            assert cell is not None
            dialog.grid.cellDoubleClicked.emit(cell.row(), cell.column())
            return 0
        opened.append(dialog)
        return 0

    monkeypatch.setattr(QDialog, "exec", run)
    main = MainWindow(QSettings())
    qtbot.addWidget(main)
    main.show()
    assert main.open_workspace_file(demo_path, read_only=True)
    main.calendar_action.trigger()
    assert [type(d).__name__ for d in opened] == ["ForumWindow"]  # session 3 of the forum
    assert original is not None
    main.close()


def test_the_ics_file_is_read_back_by_the_library(demo_path: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    from desktop.storage.calendar_store import export_ics

    workspace = open_workspace(demo_path, read_only=True)
    events = workspace_events(workspace)
    workspace.close()
    out = tmp_path / "meetings.ics"
    assert export_ics(events, out, "Demo") == len(events)
    parsed = Calendar.from_ical(out.read_bytes())
    entries = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    assert len(entries) == len(events)
    kinds = {e.kind for e in events}
    assert kinds == {"forum", "community", "governance"}
    for event in events:
        entry = entries[f"{event.uid}@shutafut"]
        assert str(entry["summary"]) == event.title
        start = entry.decoded("dtstart")
        if event.starts_at is not None and event.start == event.end:
            assert isinstance(start, datetime) and start.date() == event.start
            assert start.time() == event.starts_at and str(start.tzinfo) == "Asia/Jerusalem"
        else:
            assert start == event.start
            assert (entry.decoded("dtend") - start).days == (event.end - event.start).days + 1
    forum = [e for e in events if e.kind == "forum"]
    assert [e.start for e in forum] == [
        date(2022, 11, 8),
        date(2022, 12, 13),
        date(2023, 1, 17),
        date(2023, 2, 21),
    ]
    assert entries[f"{forum[0].uid}@shutafut"].decoded("dtstart").time() == time(17, 0)
    assert parsed.walk("VTIMEZONE")  # Outlook needs the time zone spelled out
    assert month_events(events, 2023, 3)[date(2023, 3, 28)]  # the seminar's second day


def test_the_calendar_opens_at_once_and_shows_the_meetings_once_read(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A foundation's workspace took two seconds to read, with the window frozen before the
    calendar showed; it is read in the background now, and closing stops the reading."""
    import threading

    from desktop.progress import Progress
    from desktop.storage import calendar_store

    real = calendar_store.workspace_events
    release, ended = threading.Event(), []

    def held(workspace: Workspace, progress: Progress | None = None) -> list[Event]:
        deadline = datetime.now().timestamp() + 2  # (at most: a reading on the window's thread)
        try:
            while not release.wait(0.01) and datetime.now().timestamp() < deadline:
                if progress is not None:
                    progress.check()
            return real(workspace, progress)
        finally:
            ended.append(True)

    monkeypatch.setattr(calendar_store, "workspace_events", held)
    workspace, dialog = _march_2023(qtbot, demo_path)
    seminar = dialog.cell_of(date(2023, 3, 27))
    assert seminar is not None and "סמינר" not in seminar.text()
    assert dialog.count.text() == "קוראים את סביבת העבודה…" and not dialog.export_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not dialog.reader.reading)
    seminar = dialog.cell_of(date(2023, 3, 27))
    assert seminar is not None and "סמינר דו-יומי" in seminar.text()
    assert dialog.export_button.isEnabled() and dialog.count.text().endswith("מפגשים החודש")
    dialog.close()
    release.clear()
    ended.clear()
    again = CalendarDialog(workspace, today=date(2023, 3, 1))
    qtbot.addWidget(again)
    again.show()
    again.reject()  # while it reads
    assert ended == [True]  # stopped, and waited for, before the dialog closed
    workspace.close()
