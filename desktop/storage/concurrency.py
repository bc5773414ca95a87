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

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop import i18n
from desktop.i18n import _

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace

T = TypeVar("T")

# The version a document was loaded (or last saved) at travels with the document object, so
# the screens that hold it need not carry it separately. 0 means "there was no row yet".
_VERSION_ATTRIBUTE = "_shutafut_stored_version"


def remember_version(document: object, version: int) -> None:
    """Note on `document` the version of the row it was read from or written to."""
    object.__setattr__(document, _VERSION_ATTRIBUTE, version)


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


@contextmanager
def guarded_save(
    workspace: Workspace, what: str, reread: Callable[[Session], tuple[Any, Any]]
) -> Iterator[Session]:
    """A workspace session for a save whose flush may find the row changed under it.

    The ORM refuses (StaleDataError) an UPDATE whose row no longer has the version read a
    moment before; that becomes ConcurrentEdit with what `reread(session)` returns in a
    fresh session: (the row or None, their content or None).
    """
    try:
        with workspace.session() as session:
            yield session
    except StaleDataError:
        with workspace.session() as session:
            record, theirs = reread(session)
        raise ConcurrentEdit(
            what,
            theirs,
            version=None if record is None else int(record.version),
            changed_at=None if record is None else record.updated_at,
        ) from None


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
    version = loaded_version(theirs)
    if version is not None:
        remember_version(document, version)
