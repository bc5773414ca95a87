"""A workspace: one SQLite file (`*.shutafut`) holding everything a team works on.

Opening a file first probes it without writing anything (no journal or WAL files are
created), and refuses what is not a workspace of this version with a translated
message. Only a file that passes is opened for writing; if its schema is older, a
timestamped backup copy is made before Alembic upgrades it.

Nothing here imports SQLAlchemy until it is needed: opening a file checks it with sqlite3
alone, and a `Workspace` makes its engine on first use, so the window can show what a
workspace holds (`Workspace.read`: plain SQL through sqlite3) while SQLAlchemy and the
tables load in the background or when first edited.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from desktop import __version__
from desktop.i18n import _, os_error_text
from desktop.storage.private_files import create_private

if TYPE_CHECKING:  # imported when first used (SQLAlchemy alone takes about 0.4 s to import)
    from sqlalchemy import URL, Engine
    from sqlalchemy.orm import Session, sessionmaker

EXTENSION = ".shutafut"
# PRAGMA application_id marks a SQLite file as ours ("SHTF").
APPLICATION_ID = 0x53485446
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class WorkspaceError(Exception):
    """A file that cannot be opened as a workspace; str() is a translated message."""


class NotAWorkspaceFile(WorkspaceError):
    pass


class ForeignSQLiteFile(WorkspaceError):
    pass


class DamagedWorkspace(WorkspaceError):
    pass


class NewerWorkspace(WorkspaceError):
    pass


class ReadOnlyNeedsUpgrade(WorkspaceError):
    pass


class MigrationFailed(WorkspaceError):
    """Upgrading an older workspace failed; the file was left as it was."""


class PathTooLong(WorkspaceError):
    """The file's full path is longer than SQLite can open."""


# SQLite's Unix file layer opens at most 512-byte paths, its "-wal" and "-journal" names included.
MAX_PATH_BYTES = 500


# A file name holds at most 255 bytes; SQLite adds "-journal" to it, and a backup's name adds
# "-YYYYmmdd-HHMMSS-before-restore.shutafut.partial-journal" to the stem.
MAX_NAME_BYTES = 255
MAX_NEW_NAME_BYTES = 190


def path_too_long(path: Path, name_limit: int = MAX_NAME_BYTES - len("-journal")) -> str:
    """Why `path` cannot hold a workspace because of its length (translated), or ""."""
    name_length = len(os.fsencode(path.name))
    if name_length > name_limit:
        return name_too_long(path.name, name_length, name_limit)
    length = len(os.fsencode(path.resolve()))
    if length <= MAX_PATH_BYTES:
        return ""
    return _(
        "The path of {name} is too long ({length} bytes; at most {limit} can be used). Move it "
        "to a folder with a shorter path, or give it a shorter name."
    ).format(name=path.name[:80], length=length, limit=MAX_PATH_BYTES)


def name_too_long(name: str, length: int, limit: int) -> str:
    return _(
        "The name {name} is too long ({length} bytes; at most {limit} can be used). Give it a shorter name."
    ).format(name=name[:80] + ("…" if len(name) > 80 else ""), length=length, limit=limit)


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _use_wal(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _uri(path: Path, **parameters: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in parameters.items())
    return f"file:{quote(path.resolve().as_posix())}?{query}"


def _read_only_uri(path: Path) -> str:
    """A URI that cannot write to the file.

    `immutable=1` reads only the main file and creates nothing beside it; when a WAL file
    exists (the workspace is open elsewhere, or a session was killed) read through it, even
    in a folder that cannot be written to, so nothing committed is missed.
    """
    try:
        has_wal = os.stat(f"{path}-wal").st_size > 0
    except OSError:  # none, or a name too long to have one
        has_wal = False
    if has_wal:
        return _uri(path, mode="ro")
    return _uri(path, mode="ro", immutable="1")


def file_url(path: Path) -> URL:
    """The engine URL of the file at `path`, built from the path itself.

    Never format a path into a URL string: SQLAlchemy would decode `%20` and cut the
    name at `?` or `#`, so edits would go to another file.
    """
    from sqlalchemy import URL

    return URL.create("sqlite", database=os.fspath(path.resolve()))


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    from sqlalchemy import create_engine, event

    import desktop.storage.tables  # noqa: F401  (declares every table before any session)

    if read_only:
        uri = _read_only_uri(path)
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    else:
        engine = create_engine(file_url(path))
        event.listen(engine, "connect", _use_wal)
    event.listen(engine, "connect", _enable_sqlite_pragmas)
    return engine


class Workspace:
    """An open workspace: its file (None on a team server), engine and a session factory.

    A file's engine is made on first use: until something needs SQLAlchemy (a session, an
    edit), `read` answers plain SQL through a sqlite3 connection of its own, which is how the
    window shows a workspace before SQLAlchemy has loaded. A team server's engine is given.
    """

    def __init__(
        self,
        path: Path | None,
        engine: Engine | None = None,
        *,
        read_only: bool = False,
        read_only_reason: str = "",
        server: str = "",
        server_name: str = "",
    ) -> None:
        if path is None and engine is None:
            raise ValueError("a workspace on a team server needs its engine")
        self.path = path
        self._engine = engine
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        # On a team server: its address without the password, and a short name for titles.
        self.server = server
        self._server_name = server_name
        self._session_factory: sessionmaker[Session] | None = None
        self._engine_lock = threading.Lock()
        self._reader: sqlite3.Connection | None = None
        self._reader_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (a file's is made, importing SQLAlchemy, on first use)."""
        with self._engine_lock:
            if self._engine is None:
                assert self.path is not None
                self._engine = make_engine(self.path, read_only=self.read_only)
            return self._engine

    @property
    def engine_made(self) -> bool:
        return self._engine is not None

    @property
    def _sessions(self) -> sessionmaker[Session]:
        if self._session_factory is None:
            from sqlalchemy.orm import sessionmaker

            self._session_factory = sessionmaker(self.engine, expire_on_commit=False)
        return self._session_factory

    @property
    def is_server(self) -> bool:
        return self.path is None

    @property
    def name(self) -> str:
        return self.path.stem if self.path is not None else self._server_name

    @property
    def location(self) -> str:
        """Where it lives, to show: the file's path or the server address (never a password)."""
        return str(self.path) if self.path is not None else self.server

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short session for one operation: committed on success, rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def read(self, sql: str, parameters: Mapping[str, Any] | None = None) -> list[Sequence[Any]]:
        """The rows of one SELECT in plain SQL (parameters named `:name`), the same text for a
        file and a team server. A file is read through a sqlite3 connection of the workspace's
        own, without SQLAlchemy (each statement sees what is committed); a server through the
        engine. For small reads the window needs before SQLAlchemy has loaded."""
        if self.path is None:
            from sqlalchemy import text

            with self.engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql), dict(parameters or {}))]
        with self._reader_lock:
            if self._reader is None:
                uri = _read_only_uri(self.path) if self.read_only else _uri(self.path, mode="rw")
                self._reader = sqlite3.connect(uri, uri=True, check_same_thread=False)
            return self._reader.execute(sql, dict(parameters or {})).fetchall()

    def info(self, key: str, default: str = "") -> str:
        rows = self.read("SELECT value FROM workspace_info WHERE key = :key", {"key": key})
        return str(rows[0][0]) if rows else default

    def set_info(self, key: str, value: str) -> None:
        from desktop.storage.tables import WorkspaceInfo

        with self.session() as session:
            session.merge(WorkspaceInfo(key=key, value=value))

    @property
    def is_demo(self) -> bool:
        return self.info("demo") == "1"

    def close(self) -> None:
        with self._reader_lock:
            reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()
        if self._engine is not None:
            self._engine.dispose()


# --- schema versions (Alembic) ----------------------------------------------------------


def _alembic_config(connection: Any = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from desktop.storage.revisions import head_revision  # read from the files: no Alembic

    return head_revision(MIGRATIONS_DIR / "versions")


def _known_revisions() -> set[str]:
    from desktop.storage.revisions import known_revisions

    return known_revisions(MIGRATIONS_DIR / "versions")


def _migration_engine(path: Path) -> Engine:
    """An engine for running migrations on `path`.

    Foreign keys are off while migrating: a batch migration recreates a table (copy, drop,
    rename), and with them on, dropping the old table would cascade-delete or be refused
    by the rows that refer to it. The whole upgrade runs in one explicit transaction, DDL
    included (pysqlite would otherwise commit around DDL), so a failure leaves the file as
    it was.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    engine = create_engine(file_url(path), poolclass=NullPool)

    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.close()

    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "connect", _connect)
    event.listen(engine, "begin", _begin)
    return engine


def _upgrade(path: Path, target: str = "head") -> None:
    """Migrate the file at `path` to `target` in one transaction.

    Refused (rolled back) when the migration leaves references to missing records that
    were not there before.
    """
    from alembic import command

    engine = _migration_engine(path)
    try:
        with engine.begin() as connection:
            broken_before = len(connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall())
            command.upgrade(_alembic_config(connection), target)
            broken_after = len(connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall())
            if broken_after > broken_before:
                raise RuntimeError(
                    f"the upgrade would leave {broken_after - broken_before} broken references"
                )
    finally:
        engine.dispose()


def _stamp_head(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as connection:
        command.stamp(_alembic_config(connection), "head")


# --- probing a file without changing it ---------------------------------------------------


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _probe(path: Path, *, check_pages: bool = True) -> str | None:
    """Refuse what is not a workspace of this version; return its schema revision.

    check_pages=False leaves out SQLite's quick_check of every page (the longest part, about
    a tenth of a second on a foundation's workspace) for a caller that runs the full
    integrity_check next, so a file is read through once: opening runs it once.
    """
    name = path.name
    if path.is_dir():
        raise NotAWorkspaceFile(_("{name} is a folder, not a workspace file.").format(name=name))
    if not path.is_file():
        raise NotAWorkspaceFile(_("The file {name} does not exist.").format(name=name))
    too_long = path_too_long(path)
    if too_long:
        raise PathTooLong(too_long)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise NotAWorkspaceFile(
            _("The file {name} cannot be read: {error}").format(name=name, error=os_error_text(error))
        ) from error
    if header != SQLITE_HEADER:
        raise NotAWorkspaceFile(
            _("{name} is not a Shutafut workspace (it is not a SQLite database).").format(name=name)
        )
    try:
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as connection:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = _tables(connection)
            if application_id != APPLICATION_ID and "workspace_info" not in tables:
                raise ForeignSQLiteFile(
                    _("{name} is a SQLite database of another program, not a Shutafut workspace.").format(
                        name=name
                    )
                )
            check = connection.execute("PRAGMA quick_check").fetchone()[0] if check_pages else "ok"
            if check != "ok":
                raise DamagedWorkspace(
                    _("The workspace {name} is damaged ({detail}). Open a backup copy instead.").format(
                        name=name, detail=check
                    )
                )
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.DatabaseError as error:
        raise DamagedWorkspace(
            _("The workspace {name} is damaged ({detail}). Open a backup copy instead.").format(
                name=name, detail=error
            )
        ) from error
    if revision is not None and revision not in _known_revisions():
        raise NewerWorkspace(
            _(
                "The workspace {name} was saved by a newer version of Shutafut. Update Shutafut to open it."
            ).format(name=name)
        )
    return revision


def _signature(path: Path) -> tuple[int, ...] | None:
    """What changes when the file or its WAL is written (None when it cannot be read)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    try:
        wal = os.stat(f"{path}-wal")
        wal_parts = (wal.st_size, wal.st_mtime_ns)
    except OSError:
        wal_parts = (-1, -1)
    return (found.st_ino, found.st_size, found.st_mtime_ns, *wal_parts)


class _EarlyProbe:
    """`_probe(path)` running in a thread of its own (see probe_early)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.signature = _signature(path)
        self.revision: str | None = None
        self.passed = False
        self.thread = threading.Thread(target=self._run, name="workspace-probe")
        self.thread.start()

    def _run(self) -> None:
        with suppress(Exception):  # a refusal is said when the file is opened: probed again there
            self.revision = _probe(self.path)
            self.passed = True


_early_probes: dict[Path, _EarlyProbe] = {}
_early_lock = threading.Lock()


def probe_early(path: Path) -> None:
    """Start checking the workspace at `path` as `open_workspace` will, in a thread of its own.

    The window calls this once it is shown, while Qt paints it: SQLite's check of every page
    (most of the probe, tens of milliseconds on a foundation's workspace) runs meanwhile
    without holding Python's lock. `open_workspace` uses what it found if the file has not
    changed since; a refusal is found again then, so its message is in the language of that time.
    """
    with suppress(OSError):
        key = path.resolve()
        if key.is_file():
            with _early_lock:
                if key not in _early_probes:
                    _early_probes[key] = _EarlyProbe(key)


def _probe_for_opening(path: Path) -> str | None:
    """`_probe(path)`, or what an early probe of the unchanged file found."""
    with _early_lock:
        early = _early_probes.pop(path.resolve(), None)
    if early is not None:
        early.thread.join()
        if early.passed and early.signature is not None and early.signature == _signature(early.path):
            return early.revision
    return _probe(path)


def _on_read_only_media(path: Path) -> bool:
    """Whether the file system holding `path` is mounted read-only (a CD, a locked card)."""
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # Windows: os.access below reports the read-only attribute
        return False
    try:
        return bool(statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def read_only_reason_for(path: Path) -> str:
    """Why the file can only be read (translated), or "" when it can be written."""
    if _on_read_only_media(path):
        return _("Opened read-only: the disk or memory stick it is on cannot be written to.")
    if not os.access(path, os.W_OK):
        return _("Opened read-only: you do not have permission to change this file.")
    if not os.access(path.parent, os.W_OK):
        return _("Opened read-only: its folder cannot be written to.")
    return ""


def lock_path(path: Path) -> Path:
    """The lock file the GUI holds while a workspace is open for writing."""
    return path.with_name(path.name + ".lock")


def backup_path(path: Path, when: datetime | None = None) -> Path:
    """`<stem>.backup-YYYYmmdd-HHMMSS.shutafut` beside `path`, not yet taken."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.backup-{stamp}{EXTENSION}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.backup-{stamp}-{number}{EXTENSION}")
        number += 1
    return candidate


# --- creating and opening -------------------------------------------------------------------


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _move_into_place(partial: Path, path: Path) -> None:
    """Give the finished file its name, never replacing a file that appeared meanwhile."""
    if os.name == "nt":
        os.rename(partial, path)  # refuses an existing target on Windows
        return
    try:
        os.link(partial, path)  # atomic, and refuses an existing target
    except FileExistsError:
        raise
    except OSError:  # no hard links (e.g. a FAT memory stick)
        if path.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.rename(partial, path)
    else:
        partial.unlink()


def create_workspace(path: Path) -> Workspace:
    """A new, empty workspace at `path`; an existing file is never overwritten.

    The file is built under a temporary name beside `path` and takes its name only when
    complete, so a crash while creating never leaves a half-made workspace.
    """
    if path.exists():
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path.parent))
    too_long = path_too_long(path, MAX_NEW_NAME_BYTES) or path_too_long(
        path.with_name(f".{path.name}.creating-{os.getpid()}")
    )
    if too_long:
        raise OSError(errno.ENAMETOOLONG, too_long, str(path))
    from sqlalchemy.exc import OperationalError

    from desktop.storage.tables import Base

    partial = path.with_name(f".{path.name}.creating-{os.getpid()}")
    try:
        create_private(partial)  # personal data: owner only; SQLite gives its sidecars this mode
        engine = make_engine(partial)
        with engine.begin() as connection:
            # The id goes into the header before WAL mode, so it is in the main file at once.
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        Base.metadata.create_all(engine)
        _stamp_head(engine)
        building = Workspace(partial, engine)
        building.set_info("created_with", __version__)
        building.set_info("created_at", datetime.now().isoformat(timespec="seconds"))
        building.close()  # the last connection closing checkpoints the WAL into the file
        _move_into_place(partial, path)
    except OperationalError as error:  # e.g. the folder cannot be written to, the disk is full
        raise OSError(errno.EIO, str(error.orig), str(path)) from error
    except OSError as error:
        if error.filename == str(partial):  # name the file the person chose, not ours
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise
    finally:
        for leftover in (partial, *_sidecars(partial)):
            leftover.unlink(missing_ok=True)
    return Workspace(path)


STALE_AFTER_SECONDS = 120
# An unfinished backup, and the files SQLite keeps beside it (a WAL-mode copy has -wal, -shm).
_PARTIAL_SUFFIXES = (".partial", ".partial-journal", ".partial-wal", ".partial-shm")
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?:restoring|creating)-(?P<pid>\d+)(?:-wal|-shm|-journal)?")


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or a system that cannot tell: leave its files
    return True


def remove_leftovers(path: Path, now: float | None = None) -> list[Path]:
    """Delete what a killed session left beside the workspace: restore and create copies of
    processes no longer running, and unfinished backups (`.partial` with its `-journal`,
    `-wal`, `-shm`) untouched for a while in its backups folder. Returns what was deleted."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    candidates: list[Path] = []
    with suppress(OSError):
        for entry in path.parent.iterdir():
            match = _TEMPORARY.fullmatch(entry.name)
            if match and match["name"] == path.name and not _process_alive(int(match["pid"])):
                candidates.append(entry)
    backups = path.with_name(f"{path.stem}.backups")
    with suppress(OSError):
        if backups.is_dir():
            for entry in backups.iterdir():
                if entry.name.endswith(_PARTIAL_SUFFIXES):
                    with suppress(OSError):
                        if now - entry.stat().st_mtime > STALE_AFTER_SECONDS:
                            candidates.append(entry)
    for entry in candidates:
        with suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed


def open_workspace(path: Path, *, read_only: bool = False) -> Workspace:
    """Open `path`, refusing (with WorkspaceError) anything that is not a usable workspace."""
    revision = _probe_for_opening(path)
    reason = read_only_reason_for(path)
    if reason:
        read_only = True
    needs_upgrade = revision != head_revision()
    if needs_upgrade and read_only:
        raise ReadOnlyNeedsUpgrade(
            _(
                "The workspace {name} comes from an older version and must be upgraded, but it "
                "is open read-only."
            ).format(name=path.name)
        )
    if not read_only:
        remove_leftovers(path)
    if needs_upgrade:
        from desktop.storage.backup import backup_copy
        from desktop.storage.backups import next_sequence

        backup = backup_copy(path, backup_path(path), next_sequence(path))
        try:
            _upgrade(path)
        except Exception as error:
            raise MigrationFailed(
                _(
                    "The workspace {name} could not be upgraded to this version of Shutafut "
                    "({detail}). It was left as it was; a backup copy is at {backup}."
                ).format(name=path.name, detail=error, backup=backup.name)
            ) from error
    return Workspace(path, read_only=read_only, read_only_reason=reason)  # engine: on first use


def schema_revision(path: Path) -> str | None:
    return _probe(path)


def check_workspace(path: Path) -> list[str]:
    """Problems found in the workspace (translated), without changing it; [] when fine."""
    try:
        revision = _probe(path)
    except WorkspaceError as error:
        return [str(error)]
    problems = []
    with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as connection:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(_("Integrity check failed: {detail}").format(detail="; ".join(integrity)))
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            problems.append(
                _("{count} records refer to records that do not exist.").format(count=len(broken))
            )
    if revision != head_revision():
        problems.append(
            _(
                "The schema version is {found}; this version of Shutafut expects {expected}. "
                "Opening the workspace upgrades it."
            ).format(found=revision or "—", expected=head_revision())
        )
    return problems
