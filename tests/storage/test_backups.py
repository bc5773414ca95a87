"""Rotating backups: consistent while edits happen, retention, restore, refusals untouched."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.backups import (
    BackupReason,
    BackupRefused,
    ChangeWatcher,
    WorkspaceInUse,
    apply_retention,
    backup_problem,
    backups_folder,
    backups_to_delete,
    latest_good_backup,
    list_backups,
    restore_backup,
    take_backup,
)
from desktop.storage.workspace import Workspace, create_workspace, open_workspace


@pytest.fixture
def workspace(workspace_path: Path):  # type: ignore[no-untyped-def]
    """Backups are of workspace files (a team server is backed up with pg_dump)."""
    ws = create_workspace(workspace_path)
    yield ws
    ws.close()


def _names(workspace: Workspace) -> list[str]:
    return sorted(r["name"] for r in reference_store.list_records(workspace, RecordKind.ORGANISATION))


def _add(workspace: Workspace, name: str) -> None:
    reference_store.save_record(workspace, RecordKind.ORGANISATION, {"name": name, "sector": "ngo"})


def _names_in(path: Path) -> list[str]:
    workspace = open_workspace(path, read_only=True)
    try:
        return _names(workspace)
    finally:
        workspace.close()


def _state(folder: Path) -> dict[str, str]:
    """Every file under `folder` (recursively) with the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size * 2, len(data) - 1, 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


def _with_records(path: Path, count: int = 60) -> None:
    workspace = create_workspace(path)
    for number in range(count):
        _add(workspace, f"ארגון {number}")
    workspace.close()


def test_a_backup_goes_into_the_folder_beside_the_workspace_and_is_listed(
    workspace: Workspace,
) -> None:
    _add(workspace, "עמותת גשר")
    info = take_backup(workspace, BackupReason.MANUAL, datetime(2026, 11, 23, 9, 30, 5))
    folder = workspace.path.parent / "test.backups"
    assert backups_folder(workspace.path) == folder
    assert info.path == folder / "test-20261123-093005-manual.shutafut"
    assert not list(folder.glob("*.partial"))
    again = take_backup(workspace, BackupReason.PERIODIC, datetime(2026, 11, 23, 9, 30, 5))
    listed = list_backups(workspace.path)
    assert [b.path for b in listed] == [info.path, again.path] or [b.path for b in listed] == [
        again.path,
        info.path,
    ]
    assert {b.reason for b in listed} == {BackupReason.MANUAL, BackupReason.PERIODIC}
    assert all(b.size == b.path.stat().st_size > 0 for b in listed)
    assert backup_problem(info.path) == ""
    assert _names_in(info.path) == ["עמותת גשר"]  # what was still in the WAL is in the copy


def test_backups_taken_while_a_thread_keeps_writing_are_each_consistent(
    workspace: Workspace,
) -> None:
    with workspace.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE ledger (n INTEGER NOT NULL, payload BLOB)")
        connection.exec_driver_sql("CREATE TABLE tally (total INTEGER NOT NULL)")
        connection.exec_driver_sql("INSERT INTO tally VALUES (0)")
    stop = threading.Event()
    written = [0]

    def write() -> None:
        with closing(sqlite3.connect(workspace.path, timeout=10)) as connection:
            while not stop.is_set():
                with connection:  # one transaction: a row and the tally move together
                    connection.execute("INSERT INTO ledger VALUES (?, randomblob(3000))", (written[0],))
                    connection.execute("UPDATE tally SET total = total + 1")
                written[0] += 1

    writer = threading.Thread(target=write)
    writer.start()
    totals = []
    try:
        start = datetime(2026, 11, 23, 10, 0, 0)
        for number in range(12):
            while written[0] < (number + 1) * 15:  # let the writer move on between backups
                threading.Event().wait(0.002)
            info = take_backup(workspace, BackupReason.PERIODIC, start + timedelta(minutes=number))
            assert backup_problem(info.path) == ""
            with closing(sqlite3.connect(info.path)) as copy:
                rows, total = copy.execute(
                    "SELECT (SELECT count(*) FROM ledger), (SELECT total FROM tally)"
                ).fetchone()
                assert rows == total
                numbers = [r[0] for r in copy.execute("SELECT n FROM ledger ORDER BY rowid")]
                assert numbers == list(range(rows))  # no gap: a prefix of what was written
            totals.append(total)
    finally:
        stop.set()
        writer.join()
    assert totals == sorted(totals) and totals[0] < totals[-1]  # edits happened in between
    assert len(list_backups(workspace.path)) == 12


def test_restore_round_trips_and_backs_up_the_current_state_first(workspace_path: Path) -> None:
    workspace = create_workspace(workspace_path)
    _add(workspace, "ראשון")
    saved = take_backup(workspace, BackupReason.MANUAL, datetime(2026, 11, 20, 8, 0, 0))
    _add(workspace, "שני")
    workspace.close()
    result = restore_backup(workspace_path, saved.path, datetime(2026, 11, 20, 9, 0, 0))
    assert _names_in(workspace_path) == ["ראשון"]
    assert result.before is not None and result.before.reason == BackupReason.BEFORE_RESTORE
    assert _names_in(result.before.path) == ["ראשון", "שני"]
    assert result.damaged_copy is None
    # Only the workspace and its backups: no temporary or stale WAL files left behind.
    assert sorted(p.name for p in workspace_path.parent.iterdir()) == ["test.backups", "test.shutafut"]
    # And back again: restoring the "before restore" backup undoes the restore.
    restore_backup(workspace_path, result.before.path, datetime(2026, 11, 20, 9, 5, 0))
    reopened = open_workspace(workspace_path)
    assert _names(reopened) == ["ראשון", "שני"]
    _add(reopened, "שלישי")  # the restored file is a normal, writable workspace
    reopened.close()
    assert _names_in(workspace_path) == sorted(["ראשון", "שני", "שלישי"])


def test_restoring_over_a_damaged_workspace_keeps_its_bytes_aside(workspace_path: Path) -> None:
    _with_records(workspace_path, 150)
    good = take_backup(workspace_path, BackupReason.MANUAL, datetime(2026, 11, 22, 8, 0, 0))
    _damage(workspace_path)
    damaged_bytes = workspace_path.read_bytes()
    assert latest_good_backup(workspace_path) == list_backups(workspace_path)[0]
    result = restore_backup(workspace_path, good.path, datetime(2026, 11, 22, 9, 0, 0))
    assert result.before is None
    assert result.damaged_copy == workspace_path.with_name("test.damaged-20261122-090000.shutafut")
    assert result.damaged_copy.read_bytes() == damaged_bytes
    assert len(_names_in(workspace_path)) == 150


def _refusal_leaves_everything(
    workspace_path: Path, backup: Path, error: type[Exception], word: str = ""
) -> str:
    before = _state(workspace_path.parent)
    with pytest.raises(error) as caught:
        restore_backup(workspace_path, backup)
    assert _state(workspace_path.parent) == before
    if word:
        assert word in str(caught.value)
    return str(caught.value)


def test_a_damaged_backup_is_refused_and_nothing_changes(workspace_path: Path) -> None:
    _with_records(workspace_path, 150)
    bad = take_backup(workspace_path, BackupReason.MANUAL).path
    _damage(bad)
    assert backup_problem(bad)
    message = _refusal_leaves_everything(workspace_path, bad, BackupRefused, bad.name)
    assert "לא שונה דבר" in message  # translated: nothing was changed


def test_a_backup_from_a_newer_version_is_refused_and_nothing_changes(
    workspace_path: Path,
    tmp_path: Path,
) -> None:
    _with_records(workspace_path, 3)
    newer = tmp_path / "newer.shutafut"
    create_workspace(newer).close()
    with closing(sqlite3.connect(newer)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        connection.commit()
    _refusal_leaves_everything(workspace_path, newer, BackupRefused, "newer.shutafut")


def test_a_file_that_is_not_a_workspace_is_refused_as_a_backup(workspace_path: Path, tmp_path: Path) -> None:
    _with_records(workspace_path, 3)
    notes = tmp_path / "notes.shutafut"
    notes.write_text("not a database", encoding="utf-8")
    _refusal_leaves_everything(workspace_path, notes, BackupRefused, "notes.shutafut")
    _refusal_leaves_everything(workspace_path, workspace_path, BackupRefused)


def test_restore_is_refused_while_another_connection_has_the_workspace_open(
    workspace_path: Path,
) -> None:
    _with_records(workspace_path, 3)
    backup = take_backup(workspace_path, BackupReason.MANUAL).path
    other = open_workspace(workspace_path)
    _add(other, "עוד אחד")
    with pytest.raises(WorkspaceInUse):
        restore_backup(workspace_path, backup)
    assert len(list_backups(workspace_path)) == 1  # no "before restore" backup either
    assert len(_names(other)) == 4
    other.close()


def test_the_change_watcher_sees_commits_of_other_connections(workspace: Workspace) -> None:
    watcher = ChangeWatcher(workspace.path)
    try:
        assert not watcher.changed()
        _add(workspace, "חדש")
        assert watcher.changed()
        watcher.mark()
        assert not watcher.changed()
        _names(workspace)  # reading is not a change
        assert not watcher.changed()
    finally:
        watcher.close()


# --- retention policy (pure) ---------------------------------------------------------------

NOW = datetime(2026, 11, 23, 12, 0, 0)


def _kept(stamps: list[datetime], good: set[datetime] | None = None) -> list[datetime]:
    dropped = backups_to_delete(
        stamps, NOW, lambda s: s, (lambda s: s in good) if good is not None else lambda _s: True
    )
    return sorted(set(stamps) - set(dropped), reverse=True)


def test_everything_from_the_last_48_hours_is_kept() -> None:
    stamps = [NOW - timedelta(minutes=10 * n) for n in range(288)]  # 48 hours, every 10 minutes
    assert _kept(stamps) == sorted(stamps, reverse=True)


def test_older_backups_keep_the_newest_per_day_for_14_days() -> None:
    stamps = [NOW - timedelta(days=day, hours=hour) for day in range(3, 14) for hour in (1, 5, 9)]
    kept = _kept(stamps)
    assert kept == [NOW - timedelta(days=day, hours=1) for day in range(3, 14)]


def test_after_14_days_the_newest_per_week_for_8_weeks_then_nothing() -> None:
    stamps = [NOW - timedelta(days=day) for day in range(15, 80)]
    kept = _kept(stamps)
    weeks = [s.isocalendar()[:2] for s in kept]
    assert len(weeks) == len(set(weeks))  # one per week
    assert all(NOW - s <= timedelta(weeks=8) for s in kept)
    for stamp in kept:  # and it is the newest of its week
        assert all(other <= stamp for other in stamps if other.isocalendar()[:2] == stamp.isocalendar()[:2])
    assert (NOW - timedelta(days=79)) not in kept


def test_the_newest_good_backup_is_never_deleted() -> None:
    old = [NOW - timedelta(days=200), NOW - timedelta(days=100)]
    assert _kept(old) == [NOW - timedelta(days=100)]
    assert _kept(old, good={old[0]}) == [old[0]]  # the newer one is damaged
    assert _kept([NOW - timedelta(days=300)], good=set()) == []  # none good: no exception


def test_retention_runs_after_each_backup_and_deletes_files(workspace_path: Path) -> None:
    _with_records(workspace_path, 2)
    for days in (70, 40, 39, 20, 19.5, 3, 1):
        take_backup(workspace_path, BackupReason.PERIODIC, NOW - timedelta(days=days))
    apply_retention(workspace_path, NOW)
    left = [NOW - b.taken_at for b in list_backups(workspace_path)]
    assert timedelta(days=70) not in left  # older than 8 weeks
    assert timedelta(days=3) in left and timedelta(days=1) in left
    assert len(list(backups_folder(workspace_path).iterdir())) == len(left)


def test_restoring_over_a_workspace_from_a_newer_version_is_refused_untouched(
    workspace_path: Path,
) -> None:
    _with_records(workspace_path, 3)
    backup = take_backup(workspace_path, BackupReason.MANUAL).path
    with closing(sqlite3.connect(workspace_path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        connection.commit()
    _refusal_leaves_everything(workspace_path, backup, BackupRefused, "test.shutafut")


def test_backup_files_are_recognised_by_name_and_folder() -> None:
    from desktop.storage.backups import is_backup_file

    assert is_backup_file(Path("/d/team.backups/team-20261123-093005-manual.shutafut"))
    assert is_backup_file(Path("/d/team.backup-20261123-093005.shutafut"))
    assert not is_backup_file(Path("/d/My.backups/plan.shutafut"))  # a folder the person named
    assert not is_backup_file(Path("/d/team.shutafut"))


def test_each_backup_lists_its_own_sequence_even_when_its_file_is_replaced(workspace: Workspace) -> None:
    first = take_backup(workspace, BackupReason.MANUAL, datetime(2026, 11, 23, 9, 0))
    second = take_backup(workspace, BackupReason.MANUAL, datetime(2026, 11, 23, 10, 0))
    assert (first.sequence, second.sequence) == (1, 2)
    assert {b.path: b.sequence for b in list_backups(workspace.path)} == {first.path: 1, second.path: 2}
    # The first one's file now holds another copy (the second's bytes): its number is read again.
    _add(workspace, "עמותה נוספת")
    third = take_backup(workspace, BackupReason.MANUAL, datetime(2026, 11, 23, 11, 0))
    first.path.write_bytes(third.path.read_bytes())
    assert {b.path: b.sequence for b in list_backups(workspace.path)}[first.path] == 3
    third.path.unlink()
    assert take_backup(workspace, BackupReason.MANUAL, datetime(2026, 11, 23, 12, 0)).sequence == 4
