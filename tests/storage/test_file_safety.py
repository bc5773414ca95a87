"""Issue 14: no path, file or input can misdirect, corrupt or leave personal data readable.

Each test here failed on the code before the fix it names.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import zipfile
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop import i18n
from desktop.models import exchange as ex
from desktop.models.cbs_import import Table, parse_table
from desktop.models.records import RecordKind
from desktop.storage import backups, reference_store
from desktop.storage import exchange as sx
from desktop.storage.cbs_files import ImportRefused, apply_changes, decode_csv, read_rows
from desktop.storage.workspace import create_workspace, open_workspace, remove_leftovers
from tests.storage.exchange_data import build, build_new, file_hash

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- engine URLs are built from the path itself ----------------------------------------------

ODD_NAMES = [
    "plan%20A.shutafut",
    "what?.shutafut",
    "a#b.shutafut",
    "תוכנית עבודה 2027.shutafut",
    "100% ready & set;x=1.shutafut",
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_edits_go_to_the_file_that_was_opened_whatever_its_name(tmp_path: Path, name: str) -> None:
    # A workspace whose name the old URL formatting decoded to: it must stay untouched.
    decoded = create_workspace(tmp_path / "plan A.shutafut")
    decoded.close()
    untouched = file_hash(tmp_path / "plan A.shutafut")
    path = tmp_path / name
    create_workspace(path).close()
    workspace = open_workspace(path)
    reference_store.save_record(workspace, RecordKind.ORGANISATION, {"name": "עמותה", "sector": "ngo"})
    workspace.close()
    again = open_workspace(path, read_only=True)
    assert [o["name"] for o in reference_store.list_records(again, RecordKind.ORGANISATION)] == ["עמותה"]
    again.close()
    assert file_hash(tmp_path / "plan A.shutafut") == untouched
    expected = {name, "plan A.shutafut"}
    assert {
        p.name for p in tmp_path.iterdir() if not p.name.endswith((".backups", "-wal", "-shm"))
    } == expected


def _deep(tmp_path: Path, total: int) -> Path:
    """A path of about `total` bytes, in Hebrew with spaces, % and ?."""
    folder = tmp_path / ("תיקייה %3F? " * 4)
    while len(os.fsencode(folder)) + 140 < total:
        folder = folder / ("ת" * 60)
    name = "x" * max(1, total - len(os.fsencode(folder)) - len(".shutafut") - 1) + ".shutafut"
    folder.mkdir(parents=True)
    return folder / name


def test_a_long_path_works_up_to_the_limit(tmp_path: Path) -> None:
    path = _deep(tmp_path, 470)
    create_workspace(path).close()
    workspace = open_workspace(path)
    workspace.set_info("probe", "yes")
    workspace.close()
    assert open_workspace(path, read_only=True).info("probe") == "yes"


def test_a_path_too_long_is_named_as_such_not_as_damage(tmp_path: Path) -> None:
    from desktop.storage.workspace import PathTooLong, check_workspace

    path = _deep(tmp_path, 700)
    with pytest.raises(OSError, match="too long") as raised:
        create_workspace(path)
    assert raised.value.errno == errno.ENAMETOOLONG
    short = tmp_path / "short.shutafut"
    create_workspace(short).close()
    short.rename(path)
    with pytest.raises(PathTooLong, match="too long"):
        open_workspace(path)
    assert all("damaged" not in problem for problem in check_workspace(path))


# --- read-only folders still read what the WAL holds -----------------------------------------


def test_a_read_only_folder_with_a_wal_reads_the_committed_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ws.shutafut"
    create_workspace(path).close()
    writer = sqlite3.connect(path)  # another session, still open: its commits are in the WAL
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("INSERT INTO workspace_info (key, value) VALUES ('latest', 'in the wal')")
    writer.commit()
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    real_access = os.access

    def access(target: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        # Tests may run as root, for whom chmod does not block writing: ask os.access as Qt does.
        if Path(target) in (path, tmp_path) and mode & os.W_OK:
            return False
        return real_access(target, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    try:
        workspace = open_workspace(path)
        assert workspace.read_only
        assert workspace.info("latest") == "in the wal"
        workspace.close()
    finally:
        writer.close()


# --- the CBS import: the preview uses the save's validators; one transaction -----------------


def _cbs_table(rows: list[list[Any]]) -> Table:
    headers = ["סמל", "מעמד", "שם", "אוכלוסייה", "אשכול"]
    return Table(rows=[headers, *rows], header_row=0, headers=headers, data_start=1, title_year=2021)


MAPPING = {"cbs_code": 0, "municipal_status": 1, "name_he": 2, "population": 3, "socioeconomic_cluster": 4}


def test_rows_the_save_would_refuse_are_errors_in_the_preview_not_crashes() -> None:
    parsed = parse_table(
        _cbs_table(
            [
                [1, "עירייה", "טובה", 1000, 5],
                [2, "עירייה", "רבת עם", 10**11, 5],
                [3, "עירייה", "א" * 5000, 1000, 5],
                [4, "עירייה", "אינסוף", "1e400", 5],
                [5, "עירייה", "לא מספר", "nan", 5],
                [6, "עירייה", "אשכול", 1000, "nan"],
                [7, "עירייה", "בקרה\x1b[31m", 1000, 5],
            ]
        ),
        MAPPING,
    )
    assert sorted({error.row for error in parsed.errors}) == [3, 4, 5, 6, 7, 8]
    assert all(error.message for error in parsed.errors)


def test_a_refused_row_writes_nothing_at_all(tmp_path: Path) -> None:
    from desktop.models.cbs_import import build_preview

    workspace = create_workspace(tmp_path / "ws.shutafut")
    parsed = parse_table(_cbs_table([[n, "עירייה", f"עיר {n}", 1000, 5] for n in range(1, 6)]), MAPPING)
    changes = build_preview(parsed, [], {}).to_apply(skip_error_rows=False)
    assert len(changes) == 5
    changes[2].values["population"] = 10**11  # as if the preview had let it through
    with pytest.raises(ImportRefused, match="Row 4"):
        apply_changes(workspace, changes, "CBS")
    assert reference_store.list_records(workspace, RecordKind.AUTHORITY) == []
    changes[2].values["population"] = 1000
    assert apply_changes(workspace, changes, "CBS") == 5
    assert len(reference_store.list_records(workspace, RecordKind.AUTHORITY)) == 5
    workspace.close()


# --- CSV encodings Excel writes ---------------------------------------------------------------

CSV_TEXT = "סמל,מעמד,שם\n70,עירייה,אשדוד\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1255", "utf-16", "utf-16-le"])
def test_csv_files_in_the_encodings_excel_uses_are_read(tmp_path: Path, encoding: str) -> None:
    text = CSV_TEXT.replace(",", "\t") if encoding.startswith("utf-16") else CSV_TEXT
    path = tmp_path / "authorities.csv"
    path.write_bytes(text.encode(encoding))
    assert read_rows(path)[1] == ["70", "עירייה", "אשדוד"]
    assert decode_csv(text.encode(encoding))[0].lstrip("\ufeff") == text


def _bench_files() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_files", ROOT / "bench" / "bench_files.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_small_workbook_claiming_many_rows_is_refused_quickly(tmp_path: Path) -> None:
    import time

    from desktop.storage.cbs_files import MAX_ROWS, ReadCancelled, UnreadableFile

    path = tmp_path / "rows.xlsx"
    _bench_files().make_xlsx(path, 60_000)  # no <dimension>: openpyxl parsed it all on load
    start = time.perf_counter()
    with pytest.raises(UnreadableFile, match="more than 20,000 rows"):
        read_rows(path)
    assert time.perf_counter() - start < 10
    seen: list[int] = []
    with pytest.raises(ReadCancelled):
        read_rows(path, progress=lambda rows: seen.append(rows) or rows < 1000)
    assert seen == [500, 1000] and MAX_ROWS == 20_000


# --- exchange files: every field passes the form's validator ---------------------------------


def _rezip(path: Path, out: Path, change: Any, raw: tuple[bytes, bytes] | None = None) -> Path:
    import hashlib

    with zipfile.ZipFile(path) as archive:
        head = json.loads(archive.read(ex.HEADER_MEMBER))
        payload = json.loads(archive.read(ex.PAYLOAD_MEMBER))
    change(payload)
    data = json.dumps(payload, ensure_ascii=True).encode()
    if raw is not None:
        data = data.replace(*raw)
    head["payload_sha256"] = hashlib.sha256(data).hexdigest()
    head["payload_bytes"] = len(data)
    head["records"] = len(payload["records"])
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(ex.HEADER_MEMBER, json.dumps(head))
        archive.writestr(ex.PAYLOAD_MEMBER, data)
    return out


def _set(record_type: str, field: str, value: Any) -> Any:
    def change(payload: dict[str, Any]) -> None:
        next(r for r in payload["records"] if r["type"] == record_type)["fields"][field] = value

    return change


def _set_in_document(record_type: str, key: str, value: Any) -> Any:
    def change(payload: dict[str, Any]) -> None:
        next(r for r in payload["records"] if r["type"] == record_type)["fields"]["state"][key] = value

    return change


CRAFTED: dict[str, tuple[Any, tuple[bytes, bytes] | None]] = {
    "sql in a status": (_set(ex.AUTHORITY, "municipal_status", "'; drop table authority; --"), None),
    "cluster 999": (_set(ex.AUTHORITY, "socioeconomic_cluster", 999), None),
    "population -5": (_set(ex.AUTHORITY, "population", -5), None),
    "population 10^30": (_set(ex.AUTHORITY, "population", 10**30), None),
    "an escape sequence": (_set(ex.PERSON, "full_name", "\x1b]0;owned\x07Dana"), None),
    "a bad email": (_set(ex.PERSON, "email", "not an email"), None),
    "a bad sector": (_set(ex.ORGANISATION, "sector", "mafia"), None),
    "a list for a name": (_set(ex.PERSON, "full_name", ["Dana"]), None),
    "an object for a status": (_set(ex.AUTHORITY, "municipal_status", {"code": "city"}), None),
    "a lone surrogate": (_set(ex.PERSON, "full_name", "@@SURROGATE@@"), (b"@@SURROGATE@@", b"\\ud800")),
    # in a document (no form validates it), escaped and as raw UTF-8
    "an escape sequence in a document": (_set_in_document(ex.FORUM, "theme", "\x1b[2J"), None),
    "a C1 control in a document": (
        _set_in_document(ex.FORUM, "theme", "@@C1@@"),
        (b"@@C1@@", "\x9b2J".encode()),
    ),
    "deep nesting": (
        _set(ex.FORUM, "state", {"deep": "@@DEEP@@"}),
        (b'"@@DEEP@@"', b"[" * 100_000 + b"]" * 100_000),
    ),
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_exchange_file_is_refused_and_changes_nothing(tmp_path: Path, case: str) -> None:
    source, _ids = build(tmp_path / "source.shutafut")
    good = tmp_path / f"good{ex.EXTENSION}"
    sx.export_exchange(source, good, ex.Scope.EVERYTHING)
    source.close()
    target = create_workspace(tmp_path / "target.shutafut")
    target.close()
    before = file_hash(tmp_path / "target.shutafut")
    change, raw = CRAFTED[case]
    bad = _rezip(good, tmp_path / f"bad{ex.EXTENSION}", change, raw)
    target = open_workspace(tmp_path / "target.shutafut")
    with pytest.raises(ex.ExchangeRefused):
        sx.plan_import(target, bad)
    target.close()
    assert file_hash(tmp_path / "target.shutafut") == before


def test_control_characters_are_refused_at_the_form() -> None:
    errors = reference_store.validate_record(RecordKind.PERSON, {"full_name": "Dana\x1b[2J", "notes": "a\nb"})
    assert set(errors) == {"full_name"}
    assert reference_store.validate_record(RecordKind.PERSON, {"full_name": "Dana", "notes": "a\nb"}) == {}


# --- backups: the latest by content, whatever the clock said ----------------------------------


def test_a_backup_stamped_in_the_future_is_not_the_latest(tmp_path: Path) -> None:
    path = tmp_path / "ws.shutafut"
    workspace = create_workspace(path)
    now = datetime.now()
    backups.take_backup(workspace, backups.BackupReason.MANUAL, now + timedelta(days=365))  # clock wrong
    workspace.set_info("edit", "later")
    latest = backups.take_backup(workspace, backups.BackupReason.MANUAL, now)
    workspace.close()
    chosen = backups.latest_good_backup(path)
    assert chosen is not None and chosen.path == latest.path
    with closing(sqlite3.connect(chosen.path)) as connection:
        assert connection.execute("SELECT value FROM workspace_info WHERE key='edit'").fetchone() == (
            "later",
        )
    assert "clock" in backups.clock_warning(path, now)


def test_backups_in_time_order_raise_no_clock_warning(tmp_path: Path) -> None:
    path = tmp_path / "ws.shutafut"
    workspace = create_workspace(path)
    now = datetime.now()
    backups.take_backup(workspace, backups.BackupReason.MANUAL, now - timedelta(hours=1))
    backups.take_backup(workspace, backups.BackupReason.MANUAL, now)
    workspace.close()
    assert backups.clock_warning(path, now) == ""


# --- permissions --------------------------------------------------------------------------------


def test_files_with_personal_data_are_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    previous = os.umask(0o022)
    try:
        source, ids = build_new(tmp_path / "ws.shutafut")  # (made here: its mode is checked)
        out = tmp_path / f"out{ex.EXTENSION}"
        sx.export_exchange(source, out, ex.Scope.EVERYTHING)
        backup = backups.take_backup(source, backups.BackupReason.MANUAL)
        source.close()
        for path in (tmp_path / "ws.shutafut", out, backup.path):
            assert _mode(path) == 0o600, path
        # Restoring keeps the workspace's mode (a person may have chosen 0640 for their group).
        os.chmod(tmp_path / "ws.shutafut", 0o640)
        backups.restore_backup(tmp_path / "ws.shutafut", backup.path)
        assert _mode(tmp_path / "ws.shutafut") == 0o640
        os.chmod(tmp_path / "ws.shutafut", 0o600)
        backups.restore_backup(tmp_path / "ws.shutafut", backup.path)
        assert _mode(tmp_path / "ws.shutafut") == 0o600
    finally:
        os.umask(previous)


# --- leftovers of killed sessions and failed restores -----------------------------------------


def test_leftovers_of_a_killed_session_are_removed_on_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "ws.shutafut"
    create_workspace(path).close()
    folder = backups.backups_folder(path)
    folder.mkdir()
    dead_pid = 2**22 + 12345  # above Linux's pid_max: no such process
    leftovers = [
        folder / "ws-20260101-000000-open.shutafut.partial",
        folder / "ws-20260101-000000-open.shutafut.partial-journal",
        folder / "ws-20260101-000000-open.shutafut.partial-wal",
        folder / "ws-20260101-000000-open.shutafut.partial-shm",
        tmp_path / f".ws.shutafut.restoring-{dead_pid}",
        tmp_path / f".ws.shutafut.restoring-{dead_pid}-wal",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"x" * 1000)
        os.utime(leftover, (0, 0))
    alive = tmp_path / f".ws.shutafut.restoring-{os.getppid()}"  # a running process's copy stays
    alive.write_bytes(b"x")
    fresh = folder / "ws-20260101-000001-open.shutafut.partial"  # a backup being taken right now
    fresh.write_bytes(b"x")
    other = tmp_path / f".other.shutafut.restoring-{dead_pid}"  # another workspace's: not ours
    other.write_bytes(b"x")
    open_workspace(path).close()
    assert not any(leftover.exists() for leftover in leftovers)
    assert alive.exists() and fresh.exists() and other.exists()
    assert remove_leftovers(path) == []


def test_a_restore_that_fills_the_disk_leaves_no_copy_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ws.shutafut"
    workspace = create_workspace(path)
    backup = backups.take_backup(workspace, backups.BackupReason.MANUAL)
    workspace.close()
    before = {p.name for p in tmp_path.iterdir()}
    real_connect = sqlite3.connect

    class FullDisk:
        def __init__(self, connection: sqlite3.Connection) -> None:
            self._connection = connection

        def backup(self, target: sqlite3.Connection, **_options: Any) -> None:
            target.execute("CREATE TABLE filler (x)")  # it has begun writing the copy
            target.commit()
            raise sqlite3.OperationalError("database or disk is full")

        def __getattr__(self, name: str) -> Any:
            return getattr(self._connection, name)

    def connect(database: Any, *args: Any, **kwargs: Any) -> Any:
        connection = real_connect(database, *args, **kwargs)
        return FullDisk(connection) if kwargs.get("uri") else connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    with pytest.raises(OSError, match="full"):
        backups.restore_backup(path, backup.path)
    monkeypatch.undo()
    assert {p.name for p in tmp_path.iterdir()} == before


def test_creating_a_workspace_on_a_full_disk_names_the_chosen_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.storage import private_files, workspace

    def full(path: Path, mode: int = 0o600) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(workspace, "create_private", full)
    monkeypatch.setattr(private_files, "create_private", full)
    with pytest.raises(OSError) as raised:
        create_workspace(tmp_path / "new.shutafut")
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(tmp_path / "new.shutafut")
    assert list(tmp_path.iterdir()) == []


def test_names_too_long_for_sqlite_or_for_backups_are_named_as_such(tmp_path: Path) -> None:
    from desktop.storage.workspace import PathTooLong

    with pytest.raises(OSError, match="name") as raised:
        create_workspace(tmp_path / ("x" * 200 + ".shutafut"))  # its backups could not be named
    assert raised.value.errno == errno.ENAMETOOLONG and list(tmp_path.iterdir()) == []
    short = tmp_path / "short.shutafut"
    create_workspace(short).close()
    long_stem = tmp_path / ("y" * 220 + ".shutafut")
    short.rename(long_stem)
    with pytest.raises(OSError, match="name") as raised:
        backups.take_backup(long_stem, backups.BackupReason.MANUAL)
    assert raised.value.errno == errno.ENAMETOOLONG
    too_long = tmp_path / ("z" * 245 + ".shutafut")  # no room for its "-journal"
    long_stem.rename(too_long)
    with pytest.raises(PathTooLong, match="name"):
        open_workspace(too_long)
