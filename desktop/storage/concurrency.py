"""Concurrent edits: a save carries the version its author loaded, and is refused when the
record moved on meanwhile (someone else saved it), instead of overwriting their change.

Every table has a `version` column (the ORM's `version_id_col`, raised on every UPDATE).
Stores use this module in one way:

- when loading, `remember_version(document, record.version)` (documents) or return the
  version with the values (reference records);
- when saving, `check_version(record, expected, ...)` before changing the row, and run the
  session through `guarded_save`, which also turns the ORM's own last-moment detection
  (StaleDataError: the row changed between reading it and writing it) into ConcurrentEdit.

`ConcurrentEdit` carries the other person's current content (`theirs`), so the screen can
show it and let the person take theirs or knowingly put theirs back on top.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop import i18n
from desktop.i18n import _, os_error_text

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace

T = TypeVar("T")

# The version a document was loaded (or last saved) at travels with the document object, so
# the screens that hold it need not carry it separately. 0 means "there was no row yet".
_VERSION_ATTRIBUTE = "_shutafut_stored_version"
_ADOPTED_ATTRIBUTE = "_shutafut_times_taken_theirs"  # (see adopt)


def remember_version(document: object, version: int) -> None:
    """Note on `document` the version of the row it was read from or written to."""
    object.__setattr__(document, _VERSION_ATTRIBUTE, version)


def times_taken_theirs(document: object) -> int:
    """How many times someone else's version was taken into `document` (`adopt`)."""
    return int(getattr(document, _ADOPTED_ATTRIBUTE, 0))


def loaded_version(document: object) -> int | None:
    """The version `document` was loaded at; None for a document never read from storage."""
    value = getattr(document, _VERSION_ATTRIBUTE, None)
    return int(value) if value is not None else None


def stored_document(record: Any, parse: Callable[[str], T]) -> T:
    """The document kept in `record.state`, remembering the version it was read at."""
    document = parse(record.state)
    remember_version(document, int(record.version))
    return document


def expected_for(document: object, expected_version: int | None) -> int | None:
    """The version a save of `document` must find: the one given, else the one it was read at."""
    return expected_version if expected_version is not None else loaded_version(document)


class ConcurrentEdit(Exception):
    """Someone else saved the record after it was loaded here; nothing was written.

    `theirs` is the record's current content in the form the store deals in (a dict of
    field values for reference records, the domain object for documents; None when they
    deleted it), `version` its current version (pass it back to save on top of theirs).
    """

    def __init__(
        self,
        what: str,
        theirs: Any,
        *,
        version: int | None,
        changed_at: datetime | None = None,
        changed_by: str = "",
    ) -> None:
        self.what = what
        self.theirs = theirs
        self.version = version
        self.changed_at = changed_at
        self.changed_by = changed_by
        super().__init__(self.message())

    @property
    def deleted(self) -> bool:
        return self.theirs is None

    def local_changed_at(self) -> datetime | None:
        """When they saved, in this computer's time (stored times are UTC)."""
        if self.changed_at is None:
            return None
        return self.changed_at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)

    def message(self) -> str:
        if self.deleted:
            return _(
                "Someone else deleted {what} while you were editing it. Your change was not saved."
            ).format(what=self.what)
        when = self.local_changed_at()
        if when is not None and self.changed_by:
            return _(
                "{who} saved {what} at {when}, while you were editing it. Your change was "
                "not saved, so theirs is not lost."
            ).format(who=self.changed_by, what=self.what, when=i18n.format_datetime(when))
        if when is not None:
            return _(
                "Someone else saved {what} at {when}, while you were editing it. Your "
                "change was not saved, so theirs is not lost."
            ).format(what=self.what, when=i18n.format_datetime(when))
        return _(
            "Someone else saved {what} while you were editing it. Your change was not "
            "saved, so theirs is not lost."
        ).format(what=self.what)

    def __str__(self) -> str:
        return self.message()


def check_version(record: Any, expected: int | None, what: str, theirs: Callable[[Any], Any]) -> None:
    """Refuse to change `record` when its version is not the `expected` one.

    `expected` None means the caller never read the row (nothing to compare with); 0 means
    it read "no row yet", so any existing row is someone else's.
    """
    if expected is None:
        return
    current = 0 if record is None else int(record.version)
    if current != expected:
        raise ConcurrentEdit(
            what,
            None if record is None else theirs(record),
            version=current or None,
            changed_at=None if record is None else record.updated_at,
        )


class SaveFailed(Exception):
    """A save could not be written (disk full, the file locked by another program, the team
    server unreachable); nothing was written. str() is a translated reason for the person."""

    def __init__(self, what: str, reason: str) -> None:
        self.what = what
        self.reason = reason
        super().__init__(_("{what} could not be saved: {reason}").format(what=what, reason=reason))


def _failure_reason(error: BaseException) -> str | None:
    """Why a save failed, for the person; None for a refusal to write a read-only workspace
    (the screens never save there: such a write is a mistake in the program, not a failure
    to retry, so it stays the database's own error)."""
    text = str(getattr(error, "orig", None) or error).lower()
    if "read-only" in text or "readonly" in text:
        return None
    code = getattr(error, "errno", None)
    if code == errno.ENOSPC or "disk is full" in text or "no space" in text:
        return _("the disk is full.")
    if "locked" in text or "busy" in text:
        return _("the workspace is locked by another program (another copy of Shutafut?).")
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return _("the connection to the team server was lost.")
    if isinstance(error, OSError):
        return _("the file could not be written ({error}).").format(error=os_error_text(error))
    if "connection" in text or "server" in text or "closed" in text:
        return _("the connection to the team server was lost.")
    return _("the database refused the change ({error}).").format(error=str(error).splitlines()[0])


# How long a save waits for a lock another program holds before it fails (None: the
# connection's own wait, 5 s with SQLite). The screens wait briefly and say so instead of
# freezing; set with `short_lock_wait()`.
_LOCK_WAIT_MS: ContextVar[int | None] = ContextVar("lock_wait_ms", default=None)
SQLITE_DEFAULT_WAIT_MS = 5000


@contextmanager
def short_lock_wait(milliseconds: int = 250) -> Iterator[None]:
    """Saves inside wait at most `milliseconds` for a lock held elsewhere (SQLite only)."""
    token = _LOCK_WAIT_MS.set(milliseconds)
    try:
        yield
    finally:
        _LOCK_WAIT_MS.reset(token)


def _set_lock_wait(session: Session, milliseconds: int) -> Any:
    """Set SQLite's busy timeout on the session's connection; the DB-API connection, to reset."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    connection = session.connection()
    connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(milliseconds)}")
    return connection.connection.dbapi_connection


@contextmanager
def guarded_save(
    workspace: Workspace, what: str, reread: Callable[[Session], tuple[Any, Any]]
) -> Iterator[Session]:
    """A workspace session for a save whose flush may find the row changed under it.

    The ORM refuses (StaleDataError) an UPDATE whose row no longer has the version read a
    moment before; that becomes ConcurrentEdit with what `reread(session)` returns in a
    fresh session: (the row or None, their content or None).

    A save the database or the disk refuses (OperationalError, any DB-API error, OSError)
    becomes SaveFailed with a translated reason; nothing is written. A write refused because
    the workspace is read-only keeps the database's own error.
    """
    wait = _LOCK_WAIT_MS.get()
    raw: Any = None
    try:
        with workspace.session() as session:
            if wait is not None:
                raw = _set_lock_wait(session, wait)
            yield session
    except (DBAPIError, OSError) as error:
        reason = _failure_reason(error)
        if reason is None:
            raise
        raise SaveFailed(what, reason) from error
    except StaleDataError:
        with workspace.session() as session:
            record, theirs = reread(session)
        raise ConcurrentEdit(
            what,
            theirs,
            version=None if record is None else int(record.version),
            changed_at=None if record is None else record.updated_at,
        ) from None
    finally:
        if raw is not None:
            with suppress(Exception):  # a closed connection is replaced by the pool
                raw.execute(f"PRAGMA busy_timeout = {SQLITE_DEFAULT_WAIT_MS}")


# --- what differs between two documents (for showing a conflict) ------------------------


def document_differences(mine_json: str, theirs_json: str) -> list[tuple[str, Any, Any]]:
    """(top-level part, my value, their value) for every part of two JSON documents that
    differs, in the document's order; bookkeeping ("format", "page") is left out."""
    mine = json.loads(mine_json)
    theirs = json.loads(theirs_json)
    if not isinstance(mine, dict) or not isinstance(theirs, dict):
        return [("", mine, theirs)] if mine != theirs else []
    keys = list(theirs) + [key for key in mine if key not in theirs]
    return [
        (key, mine.get(key), theirs.get(key))
        for key in keys
        if key not in ("format", "page") and mine.get(key) != theirs.get(key)
    ]


def adopt(document: object, theirs: object) -> None:
    """Make `document` (the object the screens hold) the other person's version, in place,
    with the version it was read at, so every screen holding it shows theirs."""
    from dataclasses import fields, is_dataclass

    assert is_dataclass(document) and type(document) is type(theirs)
    for part in fields(document):
        object.__setattr__(document, part.name, getattr(theirs, part.name))
    object.__setattr__(document, _ADOPTED_ATTRIBUTE, times_taken_theirs(document) + 1)
    version = loaded_version(theirs)
    if version is not None:
        remember_version(document, version)
