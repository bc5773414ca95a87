"""The reference-data measures on a workspace file, each with its floor, for the benches.

Shared by bench_reference.py (the large workspace) and bench_growth.py (0.1x to 1x).
Everything here runs in the bench's own process with an offscreen QApplication; the
floors are plain sqlite3 reads and writes or plain Python over the same rows.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness import interleaved_medians, median_seconds

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass
class Measure:
    name: str
    seconds: float
    floor_name: str
    floor_seconds: float
    target: str
    limit: float | None  # seconds, None: reported only
    one_record: bool  # flat in the workspace's size (else linear)

    @property
    def passed(self) -> bool:
        return self.limit is None or self.seconds < self.limit


PEOPLE_SQL = (
    "SELECT person.uuid, person.full_name, person.role, person.sector, person.email, person.phone, "
    "organisation.name FROM person LEFT JOIN organisation ON organisation.id = person.organisation_id"
)


@contextmanager
def people_page(path: Path) -> Iterator[tuple[Any, Any]]:
    """`path` open in the reference section with every list shown, the people list showing:
    the QApplication and the people page."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from desktop.models.records import RecordKind
    from desktop.storage.workspace import open_workspace
    from desktop.views.reference.section import ReferenceSection

    app = QApplication.instance() or QApplication([])
    workspace = open_workspace(path)
    undo = QUndoStack()
    section = ReferenceSection(undo)
    section.resize(1200, 800)
    section.set_workspace(workspace)
    for kind in RecordKind:
        section.show_kind(kind)
    section.show()
    app.processEvents()
    page = section.page_for(RecordKind.PERSON)
    section.show_kind(RecordKind.PERSON)
    try:
        yield app, page
    finally:
        section.close()
        # The edits' undo commands name the section: deleted here, in order, not left to the
        # cycle collector (which may destroy the stack after the section, and crash in
        # QUndoStack::clear).
        undo.clear()
        import shiboken6

        shiboken6.delete(section)
        workspace.close()


def role_edit(app: Any, page: Any) -> Callable[[], None]:
    """Editing one field: the role of the first person shown, as a person types it and leaves."""
    from PySide6.QtWidgets import QLineEdit

    page.table.selectRow(0)
    app.processEvents()
    role = page.form.editors["role"]
    assert isinstance(role, QLineEdit)
    uuid = page.current_uuid
    values = itertools.cycle(["רכזת קהילה", "מנהלת אגף"])

    def edit() -> None:
        role.setText(next(values))
        assert page.commit_pending()
        app.processEvents()
        assert page.current_uuid == uuid

    return edit


EDIT_NAME = "edit one field (commit + refresh)"


def flat_measures(*timed: tuple[str, tuple[float, float]]) -> tuple[list[Measure], list[Measure]]:
    """One-record measures timed side by side, each (name, (small, full) seconds): the small
    workspace's lines and the full one's, for bench_growth.py."""
    return (
        [Measure(name, seconds[0], "", 0.0, "flat", None, True) for name, seconds in timed],
        [Measure(name, seconds[1], "", 0.0, "flat", None, True) for name, seconds in timed],
    )


def edit_measures(small_path: Path, full_path: Path, runs: int) -> tuple[list[Measure], list[Measure]]:
    """For bench_growth.py: editing one field, alternately on the small and the full workspace
    (its milliseconds are flat in the workspace's size; a noisy moment on one side doubled
    them when each side was timed apart)."""
    with people_page(small_path) as (app, small_page), people_page(full_path) as (_app, full_page):
        seconds = interleaved_medians(role_edit(app, small_page), role_edit(app, full_page), runs)
    return flat_measures((EDIT_NAME, seconds))


def reference_measures(path: Path, runs: int, *, edit: bool = True) -> list[Measure]:
    """Open `path` in the reference section with every list shown, and time the people list.
    (`edit` false: without editing one field, which bench_growth.py times on its own.)"""
    with people_page(path) as (app, page):
        return (
            _people_list_measures(path, runs, app, page, edit)
            + _workspace_search_measures(path, runs, app)
            + _team_search_measures(path, runs, app)
        )


def _team_search_measures(path: Path, runs: int, app: Any) -> list[Measure]:
    """A town selection's team page, everyone in the workspace listed: two keystrokes into
    "Find a person by name", timed per keystroke, against a scan of the casefolded names."""
    from desktop.storage.selection_store import list_processes, load_process
    from desktop.storage.workspace import open_workspace
    from desktop.views.selection.wizard import SelectionWizard

    workspace = open_workspace(path, read_only=True)
    first = list_processes(workspace)[0]
    wizard = SelectionWizard(workspace, load_process(workspace, first.id), first.id)
    wizard.show()
    while wizard.currentId() != 0:
        wizard.back()
    page = wizard.currentPage()
    app.processEvents()
    names = [name.casefold() for _uuid, name in page.team_model.people]
    name = "selection team: find a person, per keystroke"
    typing = _typing_measure(name, "scan casefolded names", app, page.find_person, names, runs)
    wizard.hide()
    wizard.deleteLater()
    app.processEvents()
    workspace.close()
    return [typing]


def _typing_measure(
    name: str, floor: str, app: Any, field: Any, texts: list[str], runs: int, typed: str = "מי"
) -> Measure:
    """Two keystrokes into `field` (the first letter of `typed`, then `typed`), timed per
    keystroke, against a scan of the casefolded `texts` for `typed` (target: 30 ms)."""

    def type_two() -> None:
        field.setText(typed[:1])
        field.setText(typed)
        app.processEvents()

    keystroke_s = median_seconds(type_two, runs, before=field.clear) / 2
    field.clear()
    scan_s = median_seconds(lambda: [text for text in texts if typed in text], runs)
    return Measure(name, keystroke_s, floor, scan_s, "< 30 ms", 0.030, False)


def _workspace_search_measures(path: Path, runs: int, app: Any) -> list[Measure]:
    """Ctrl+K: the workspace read once (in the background, as the dialog opens), then two
    keystrokes, timed per keystroke, against a scan of the same casefolded texts; and the
    calendar's reading of every meeting (in the background too)."""
    import time

    from desktop.storage.calendar_store import workspace_events
    from desktop.storage.workspace import open_workspace
    from desktop.storage.workspace_search import search_index
    from desktop.views.search import SearchDialog

    workspace = open_workspace(path, read_only=True)
    read_s = median_seconds(lambda: search_index(workspace), max(1, runs // 2))
    calendar_s = median_seconds(lambda: workspace_events(workspace), max(1, runs // 2))
    dialog = SearchDialog(workspace)
    deadline = time.monotonic() + 60
    while dialog.index is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    assert dialog.index is not None, "the workspace was not read"
    texts = [texts for texts, _hit in dialog.index.entries]
    typing = _typing_measure(
        "Ctrl+K search, per keystroke", "scan casefolded texts", app, dialog.field, texts, runs, "או"
    )
    dialog.reject()
    workspace.close()
    return [
        typing,
        Measure("Ctrl+K search: reading (background)", read_s, "", 0.0, "(reported)", None, False),
        Measure("calendar: reading (background)", calendar_s, "", 0.0, "(reported)", None, False),
    ]


def _people_list_measures(path: Path, runs: int, app: Any, page: Any, edit: bool) -> list[Measure]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    measures = []

    def floor_read() -> list[Any]:
        return connection.execute(PEOPLE_SQL).fetchall()

    reload_s = median_seconds(lambda: (page.reload(), app.processEvents()), runs)
    floor_s = median_seconds(floor_read, runs)
    measures.append(
        Measure("people list reload", reload_s, "sqlite3 read", floor_s, "< 150 ms", 0.150, False)
    )
    if edit:
        measures.append(_edit_measure(path, runs, role_edit(app, page)))

    people = [" ".join(str(cell or "") for cell in row[1:]).casefold() for row in floor_read()]
    name = "people search, per keystroke"
    measures.append(_typing_measure(name, "scan casefolded rows", app, page.search, people, runs))

    # Sort by organisation, alternating the order as clicks on the header do.
    column = [c.field for c in page.spec.columns].index("organisation")
    orders = itertools.cycle([0, 1])
    names = [str(row[-1] or "") for row in floor_read()]
    from PySide6.QtCore import Qt

    def sort() -> None:
        page.table.sortByColumn(column, Qt.SortOrder(next(orders)))
        app.processEvents()

    sort_s = median_seconds(sort, runs)
    sorted_s = median_seconds(lambda: sorted(names, key=str.casefold), runs)
    measures.append(
        Measure(
            "sort people by organisation", sort_s, "sorted() of the names", sorted_s, "< 100 ms", 0.100, False
        )
    )
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    connection.close()
    return measures


def _edit_measure(path: Path, runs: int, edit: Callable[[], None]) -> Measure:
    values = itertools.cycle(["רכזת קהילה", "מנהלת אגף"])
    scratch = Path(str(path) + ".floor")
    with closing(sqlite3.connect(scratch)) as floor_db:
        floor_db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, role TEXT)")
        floor_db.execute("INSERT OR REPLACE INTO t VALUES (1, '')")
        floor_db.commit()

        def floor_write() -> None:
            floor_db.execute("UPDATE t SET role = ? WHERE id = 1", (next(values),))
            floor_db.commit()

        edit_s = median_seconds(edit, runs)
        write_s = median_seconds(floor_write, runs)
    scratch.unlink()
    return Measure(EDIT_NAME, edit_s, "sqlite3 update", write_s, "< 50 ms", 0.050, True)


def print_measures(title: str, measures: list[Measure]) -> None:
    print(f"\n{title}")
    header = f"{'measure':38} {'median':>10} {'floor':>32} {'ratio':>7}  {'target':10} ok"
    print(header)
    print("-" * len(header))
    for m in measures:
        floor = f"{m.floor_name} {m.floor_seconds * 1000:.1f} ms" if m.floor_name else "—"
        ratio = f"{m.seconds / m.floor_seconds:7.1f}" if m.floor_seconds else f"{'—':>7}"
        print(
            f"{m.name:38} {m.seconds * 1000:8.1f}ms {floor:>32} {ratio}  {m.target:10} "
            f"{'yes' if m.passed else 'NO'}"
        )
