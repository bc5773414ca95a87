"""Rotating backups of a workspace, kept in a folder beside it, and restoring one.

Where: `<folder>/<stem>.backups/` beside `<folder>/<stem>.shutafut`, so the backups travel
with the workspace on a memory stick. Each backup is a complete workspace named
`<stem>-YYYYmmdd-HHMMSS-<reason>.shutafut`, taken with SQLite's online backup API into a
`.partial` file that takes its name only when complete (see `backup.backup_copy`).

Retention (`backups_to_delete`, applied after every backup taken here):
- everything from the last 48 hours is kept;
- of older backups, the newest of each calendar day is kept for 14 days,
- and the newest of each week (ISO weeks) for 8 weeks;
- the newest good backup is never deleted, however old.

Restoring replaces the workspace file atomically with a checked copy of the backup, after
backing up the current state (reason "before restore"). A damaged workspace cannot be
backed up: its bytes are copied aside unchanged (`<stem>.damaged-<time>.shutafut`) first.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import TypeVar

from desktop import i18n
from desktop.i18n import N_, _
from desktop.progress import Cancelled, Progress
from desktop.storage.backup import PAGES_PER_STEP, SEQUENCE_KEY, backup_copy
from desktop.storage.private_files import create_private, file_mode
from desktop.storage.workspace import (
    EXTENSION,
    MAX_NAME_BYTES,
    DamagedWorkspace,
    NewerWorkspace,
    Workspace,
    WorkspaceError,
    _probe,
    _read_only_uri,
    _sidecars,
    lock_path,
    name_too_long,
)

KEEP_ALL_FOR = timedelta(hours=48)
DAILY_FOR = timedelta(days=14)
WEEKLY_FOR = timedelta(weeks=8)
DEFAULT_INTERVAL_MINUTES = 10
_STAMP = "%Y%m%d-%H%M%S"


class BackupReason(Enum):
    OPEN = "open"
    PERIODIC = "periodic"
    MANUAL = "manual"
    BEFORE_RESTORE = "before-restore"
    BEFORE_UPGRADE = "before-upgrade"

    @property
    def label(self) -> str:
        return _(_REASON_LABELS[self])


_REASON_LABELS = {
    BackupReason.OPEN: N_("On open"),
    BackupReason.PERIODIC: N_("While working"),
    BackupReason.MANUAL: N_("Backed up by hand"),
    BackupReason.BEFORE_RESTORE: N_("Before a restore"),
    BackupReason.BEFORE_UPGRADE: N_("Before an upgrade"),
}


class BackupRefused(WorkspaceError):
    """A backup that cannot be restored (damaged, not a workspace, newer); nothing changed."""


class WorkspaceInUse(WorkspaceError):
    """The workspace is open for writing elsewhere; nothing changed."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: BackupReason
    size: int
    sequence: int = 0  # the order backups were taken in (0: from before it was kept)


def format_size(size: int, language: str | None = None) -> str:
    """A file size in kB or MB, in the language's own words."""
    from babel.units import format_unit

    locale = i18n.babel_locale(language)
    if size >= 1024 * 1024:
        return format_unit(round(size / (1024 * 1024), 1), "digital-megabyte", "short", locale=locale)
    return format_unit(max(1, round(size / 1024)), "digital-kilobyte", "short", locale=locale)


# --- where and what -----------------------------------------------------------------------


def backups_folder(workspace_path: Path) -> Path:
    """`<stem>.backups` beside the workspace file."""
    return workspace_path.with_name(f"{workspace_path.stem}.backups")


def is_backup_file(path: Path) -> bool:
    """Whether `path` is named like a backup: in a `<stem>.backups` folder, or a pre-upgrade copy."""
    folder = path.parent.name
    if folder.endswith(".backups") and path.name.startswith(folder[: -len(".backups")] + "-"):
        return True
    return _LEGACY_ANY.fullmatch(path.name) is not None


def _name_pattern(stem: str) -> re.Pattern[str]:
    reasons = "|".join(re.escape(r.value) for r in BackupReason)
    return re.compile(rf"{re.escape(stem)}-(\d{{8}}-\d{{6}})(?:-\d+)?-({reasons}){re.escape(EXTENSION)}")


def _legacy_pattern(stem: str) -> re.Pattern[str]:
    """The pre-upgrade copies `open_workspace` makes beside the file."""
    return re.compile(rf"{re.escape(stem)}\.backup-(\d{{8}}-\d{{6}})(?:-\d+)?{re.escape(EXTENSION)}")


_LEGACY_ANY = re.compile(rf".+\.backup-\d{{8}}-\d{{6}}(?:-\d+)?{re.escape(EXTENSION)}")


def list_backups(workspace_path: Path) -> list[BackupInfo]:
    """The workspace's backups, newest first (the folder's, and pre-upgrade copies beside it)."""
    found: list[BackupInfo] = []
    folder = backups_folder(workspace_path)
    sources: list[tuple[Path, re.Pattern[str], BackupReason | None]] = [
        (folder, _name_pattern(workspace_path.stem), None),
        (workspace_path.parent, _legacy_pattern(workspace_path.stem), BackupReason.BEFORE_UPGRADE),
    ]
    for directory, pattern, fixed_reason in sources:
        if not directory.is_dir():
            continue
        for entry in directory.iterdir():
            match = pattern.fullmatch(entry.name)
            if match is None or not entry.is_file():
                continue
            reason = fixed_reason or BackupReason(match.group(2))
            taken_at = datetime.strptime(match.group(1), _STAMP)
            status = entry.stat()
            found.append(BackupInfo(entry, taken_at, reason, status.st_size, _kept_sequence(entry, status)))
    listed = {backup.path for backup in found}
    for path in [path for path in _SEQUENCES if path.parent in (folder, workspace_path.parent)]:
        if path not in listed:  # (deleted since)
            del _SEQUENCES[path]
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


# A backup's sequence number by its path, with the file's time and size it was read at: a
# backup is written once, and every backup taken lists all the others (twice), which opened
# each of them again (about half the time of a periodic backup with 30 kept).
_SEQUENCES: dict[Path, tuple[int, int, int]] = {}


def _kept_sequence(path: Path, status: os.stat_result) -> int:
    """`backup_sequence(path)`, read again only when the file is not as it was read."""
    known = _SEQUENCES.get(path)
    if known is not None and known[:2] == (status.st_mtime_ns, status.st_size):
        return known[2]
    sequence = backup_sequence(path)
    _SEQUENCES[path] = (status.st_mtime_ns, status.st_size, sequence)
    return sequence


def backup_sequence(path: Path) -> int:
    """The sequence number written into a backup when it was taken; 0 when it has none."""
    try:
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as connection:
            row = connection.execute(
                "SELECT value FROM workspace_info WHERE key = ?", (SEQUENCE_KEY,)
            ).fetchone()
    except sqlite3.Error:
        return 0
    try:
        return int(row[0]) if row else 0
    except (TypeError, ValueError):
        return 0


def next_sequence(workspace_path: Path) -> int:
    """One more than any backup of the workspace (or the workspace itself, restored) holds."""
    numbers = [backup.sequence for backup in list_backups(workspace_path)]
    if workspace_path.is_file():
        numbers.append(backup_sequence(workspace_path))
    return max(numbers, default=0) + 1


def in_content_order(found: Sequence[BackupInfo]) -> list[BackupInfo]:
    """Latest content first: by the sequence each backup was taken in, then by time."""
    return sorted(found, key=lambda b: (b.sequence, b.taken_at, b.path.name), reverse=True)


def clock_warning(workspace_path: Path, now: datetime | None = None) -> str:
    """A translated warning when the backups' times disagree with the order they were
    taken in (a clock was wrong), or "" when they agree."""
    now = now or datetime.now()
    found = list_backups(workspace_path)
    future = [b for b in found if b.taken_at > now + timedelta(minutes=5)]
    ordered = [b for b in in_content_order(found) if b.sequence]
    disagree = any(
        later.taken_at < earlier.taken_at for later, earlier in zip(ordered, ordered[1:], strict=False)
    )
    if not future and not disagree:
        return ""
    return _(
        "The computer's clock was wrong when some backups were taken: their times do not match "
        "the order they were taken in. The latest backup is chosen by that order, not by its time."
    )


def _new_backup_path(workspace_path: Path, reason: BackupReason, when: datetime) -> Path:
    folder = backups_folder(workspace_path)
    stamp = when.strftime(_STAMP)
    candidate = folder / f"{workspace_path.stem}-{stamp}-{reason.value}{EXTENSION}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{workspace_path.stem}-{stamp}-{number}-{reason.value}{EXTENSION}"
        number += 1
    return candidate


# --- checking ------------------------------------------------------------------------------


def backup_problem(path: Path, progress: Progress | None = None) -> str:
    """Why `path` is not a good backup (translated), or "" when it is one.

    Good: a Shutafut workspace this version can open, passing SQLite's full integrity_check.
    With `progress`, Cancel interrupts the check (Cancelled).
    """
    try:
        _probe(path, check_pages=False)  # the integrity_check below reads every page
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as connection:
            if progress is not None:
                connection.set_progress_handler(progress.sqlite_interrupt(), 10_000)
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except WorkspaceError as error:
        return str(error)
    except sqlite3.DatabaseError as error:
        if progress is not None and progress.cancelled:
            raise Cancelled from error
        return _("The backup {name} is damaged ({detail}).").format(name=path.name, detail=error)
    if rows != ["ok"]:
        return _("The backup {name} is damaged ({detail}).").format(
            name=path.name, detail="; ".join(rows[:3])
        )
    return ""


def latest_good_backup(workspace_path: Path) -> BackupInfo | None:
    """The good backup with the latest content: by the order backups were taken in, which a
    wrong clock cannot change, not by the time in their names."""
    for backup in in_content_order(list_backups(workspace_path)):
        if not backup_problem(backup.path):
            return backup
    return None


# --- retention (pure) ------------------------------------------------------------------------

T = TypeVar("T")


def backups_to_delete(
    items: Sequence[T],
    now: datetime,
    taken_at: Callable[[T], datetime],
    is_good: Callable[[T], bool] = lambda _item: True,
) -> list[T]:
    """The items the retention policy drops (see the module's docstring).

    `is_good` is asked newest first, only until the newest good item is found.
    """
    ordered = sorted(items, key=taken_at, reverse=True)
    keep: set[int] = set()
    days: set[object] = set()
    weeks: set[object] = set()
    for index, item in enumerate(ordered):
        when = taken_at(item)
        age = now - when
        if age <= KEEP_ALL_FOR:
            keep.add(index)
            continue
        day = when.date()
        week = when.isocalendar()[:2]
        newest_of_day = age <= DAILY_FOR and day not in days
        newest_of_week = age <= WEEKLY_FOR and week not in weeks
        if newest_of_day or newest_of_week:
            keep.add(index)
        days.add(day)
        weeks.add(week)
    for index, item in enumerate(ordered):
        if is_good(item):
            keep.add(index)
            break
    return [item for index, item in enumerate(ordered) if index not in keep]


def apply_retention(workspace_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups in the folder the policy drops; return them."""
    folder = backups_folder(workspace_path)
    in_folder = [b for b in list_backups(workspace_path) if b.path.parent == folder]
    dropped = backups_to_delete(
        in_folder,
        now or datetime.now(),
        lambda b: b.taken_at,
        lambda b: not backup_problem(b.path),
    )
    deleted = []
    for backup in dropped:
        try:
            backup.path.unlink(missing_ok=True)
        except OSError:  # e.g. open in a window on Windows: the next round deletes it
            continue
        deleted.append(backup.path)
    return deleted


# --- taking ---------------------------------------------------------------------------------


def take_backup(
    source: Workspace | Path,
    reason: BackupReason,
    when: datetime | None = None,
    progress: Progress | None = None,
) -> BackupInfo:
    """Back up the workspace into its backups folder, then apply the retention policy.

    Safe while the workspace is being edited: the backup API copies one consistent
    snapshot. A copy that fails the integrity check is removed and raises DamagedWorkspace.
    With `progress`, Cancel stops the copy or its check (Cancelled) and no file is left.
    """
    path = source if isinstance(source, Path) else source.path
    if path is None:
        raise ValueError("a team server workspace is backed up on the server (pg_dump)")
    when = when or datetime.now()
    folder = backups_folder(path)
    longest = f"{path.stem}-{when.strftime(_STAMP)}-99-{BackupReason.BEFORE_RESTORE.value}{EXTENSION}"
    length = len(os.fsencode(longest + ".partial-journal"))
    if length > MAX_NAME_BYTES:
        limit = MAX_NAME_BYTES - (length - len(os.fsencode(path.name)))
        raise OSError(
            errno.ENAMETOOLONG, name_too_long(path.name, len(os.fsencode(path.name)), limit), str(path)
        )
    folder.mkdir(exist_ok=True)
    try:
        sequence = next_sequence(path)
        destination = backup_copy(source, _new_backup_path(path, reason, when), sequence, progress)
    except sqlite3.Error as error:  # e.g. the disk is full
        raise OSError(errno.EIO, str(error), str(path)) from error
    try:
        problem = backup_problem(destination, progress)
    except Cancelled:
        destination.unlink(missing_ok=True)
        raise
    if problem:
        destination.unlink(missing_ok=True)
        raise DamagedWorkspace(problem)
    apply_retention(path, when)
    return BackupInfo(destination, when.replace(microsecond=0), reason, destination.stat().st_size, sequence)


def delete_backup(backup: Path) -> None:
    backup.unlink()


# --- in use elsewhere -------------------------------------------------------------------------


def workspace_in_use(workspace_path: Path) -> bool:
    """Whether a Shutafut window holds the workspace's lock (QLockFile) right now.

    The GUI's QLockFile holds an flock on POSIX and keeps the file open without write
    sharing on Windows; a lock file left by a crashed session holds neither.
    """
    lock = lock_path(workspace_path)
    if not lock.exists():
        return False
    if os.name == "nt":
        try:
            with lock.open("r+b"):
                return False
        except PermissionError:
            return True
        except FileNotFoundError:
            return False
    import fcntl

    try:
        descriptor = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:  # a file system without locks: trust the file being there
        return True
    finally:
        os.close(descriptor)  # also releases our flock
    return False


# --- restoring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    before: BackupInfo | None  # the backup of the state that was replaced
    damaged_copy: Path | None  # where a damaged workspace's bytes were kept


def _check_restorable(backup: Path, progress: Progress | None = None) -> None:
    try:
        _probe(backup)
    except DamagedWorkspace as error:
        raise BackupRefused(_damaged_backup(backup)) from error
    except NewerWorkspace as error:
        raise BackupRefused(
            _(
                "The backup {name} was saved by a newer version of Shutafut; it cannot be "
                "restored with this version. Nothing was changed."
            ).format(name=backup.name)
        ) from error
    except WorkspaceError as error:
        raise BackupRefused(
            _("{problem} It cannot be restored; nothing was changed.").format(problem=error)
        ) from error
    if backup_problem(backup, progress):
        raise BackupRefused(_damaged_backup(backup))


def _damaged_backup(backup: Path) -> str:
    return _("The backup {name} is damaged and cannot be restored. Nothing was changed.").format(
        name=backup.name
    )


def _prepare_copy(backup: Path, workspace_path: Path, progress: Progress | None = None) -> Path:
    """A checked, self-contained WAL-mode copy of `backup` beside the workspace."""
    temporary = workspace_path.with_name(f".{workspace_path.name}.restoring-{os.getpid()}")
    for leftover in (temporary, *_sidecars(temporary)):
        leftover.unlink(missing_ok=True)
    try:
        # The restored file keeps the workspace's permissions (0600 for a new one).
        create_private(temporary, file_mode(workspace_path))
        with (
            closing(sqlite3.connect(_read_only_uri(backup), uri=True)) as reader,
            closing(sqlite3.connect(temporary)) as writer,
        ):
            if progress is None:
                reader.backup(writer)
            else:
                reader.backup(writer, pages=PAGES_PER_STEP, progress=progress.sqlite_backup_callback())
            writer.execute("PRAGMA journal_mode=WAL")
            if progress is not None:
                writer.set_progress_handler(progress.sqlite_interrupt(), 10_000)
            try:
                rows = [row[0] for row in writer.execute("PRAGMA integrity_check")]
            except sqlite3.OperationalError as error:
                if progress is not None and progress.cancelled:
                    raise Cancelled from error
                raise
    except BaseException:  # e.g. the disk filled up, or Cancel: leave nothing behind
        for leftover in (temporary, *_sidecars(temporary)):
            leftover.unlink(missing_ok=True)
        raise
    if rows != ["ok"] or any(s.exists() for s in _sidecars(temporary)):
        temporary.unlink(missing_ok=True)
        raise BackupRefused(
            _("The backup {name} could not be copied intact. Nothing was changed.").format(name=backup.name)
        )
    return temporary


def _settle_wal(workspace_path: Path) -> None:
    """Fold the WAL into the file and remove it, or refuse when someone still has it open.

    Replacing the file while a stale -wal lies beside it would let SQLite replay old pages
    onto the restored content.
    """
    with closing(sqlite3.connect(workspace_path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if any(s.exists() for s in _sidecars(workspace_path)[:2]):
        raise WorkspaceInUse(
            _(
                "The workspace {name} is still open in another program; close it and try "
                "again. Nothing was changed."
            ).format(name=workspace_path.name)
        )


def damaged_copy_path(workspace_path: Path, when: datetime) -> Path:
    stamp = when.strftime(_STAMP)
    candidate = workspace_path.with_name(f"{workspace_path.stem}.damaged-{stamp}{EXTENSION}")
    number = 2
    while candidate.exists():
        candidate = workspace_path.with_name(f"{workspace_path.stem}.damaged-{stamp}-{number}{EXTENSION}")
        number += 1
    return candidate


def restore_backup(
    workspace_path: Path, backup: Path, when: datetime | None = None, progress: Progress | None = None
) -> RestoreResult:
    """Replace the (closed) workspace with `backup`'s content.

    The current state is backed up first ("before restore"); a damaged workspace is copied
    aside byte for byte instead. The swap is one atomic rename of a complete, checked copy,
    so a crash leaves either the old or the restored workspace, never a mix. Refusals
    (BackupRefused, WorkspaceInUse) leave every file as it was, and so does Cancel (with
    `progress`): it is heard until the swap, which is a moment.
    """
    try:
        return _restore(workspace_path, backup, when or datetime.now(), progress)
    except sqlite3.Error as error:  # e.g. the disk is full; the swap did not happen
        raise OSError(errno.EIO, str(error), str(workspace_path)) from error


def _restore(
    workspace_path: Path, backup: Path, when: datetime, progress: Progress | None = None
) -> RestoreResult:
    if backup.resolve() == workspace_path.resolve():
        raise BackupRefused(_("A workspace cannot be restored from itself."))
    _check_restorable(backup, progress)
    damaged = False
    if workspace_path.exists():
        try:
            _probe(workspace_path)
        except DamagedWorkspace:
            damaged = True
        except WorkspaceError as error:
            raise BackupRefused(
                _("{problem} Restoring over it was refused; nothing was changed.").format(problem=error)
            ) from error
    temporary = _prepare_copy(backup, workspace_path, progress)
    try:
        before: BackupInfo | None = None
        kept: Path | None = None
        if progress is not None:
            progress.check()
        if damaged:
            kept = damaged_copy_path(workspace_path, when)
            shutil.copy2(workspace_path, kept)
            for sidecar in _sidecars(workspace_path):
                if sidecar.exists():
                    suffix = sidecar.name[len(workspace_path.name) :]
                    shutil.copy2(sidecar, kept.with_name(kept.name + suffix))
            for sidecar in _sidecars(workspace_path):
                sidecar.unlink(missing_ok=True)
        elif workspace_path.exists():
            _settle_wal(workspace_path)
            before = take_backup(workspace_path, BackupReason.BEFORE_RESTORE, when, progress)
        os.replace(temporary, workspace_path)
    finally:
        for leftover in (temporary, *_sidecars(temporary)):
            leftover.unlink(missing_ok=True)
    return RestoreResult(before, kept)


# --- noticing edits -----------------------------------------------------------------------------


class ChangeWatcher:
    """Tells whether anything was committed to the workspace since `mark()`.

    It keeps its own connection and reads `PRAGMA data_version`, which SQLite changes
    whenever another connection (of this process or another) commits: exact, and it reads
    no table. File times and sizes would miss commits within a FAT file system's 2-second
    clock, and `total_changes` counts only one connection's own writes.
    """

    def __init__(self, workspace_path: Path) -> None:
        self._connection: sqlite3.Connection | None = None
        # If it cannot connect, every check says "changed": better a backup too many than none.
        with suppress(sqlite3.Error):
            self._connection = sqlite3.connect(workspace_path)
        self._marked = self._version()

    def _version(self) -> int:
        """The data version, or -1 when it cannot be read."""
        if self._connection is None:
            return -1
        try:
            return int(self._connection.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return -1

    def changed(self) -> bool:
        version = self._version()
        return version == -1 or version != self._marked

    def mark(self) -> None:
        self._marked = self._version()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
