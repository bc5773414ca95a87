"""The wizard page each person stopped at, remembered on their computer (QSettings).

Where a person stopped is theirs, not the record's. Kept in the document, every look through
a wizard saved a new version of the record: a colleague's import then saw it as changed, or in
conflict when both had only looked, and the team server saw a change nobody made. A document
saved before still holds a page; a wizard opens there when this computer remembers none.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace

GROUP = "wizard_pages"
# the kinds of record a wizard edits
SELECTION = "selection"
AGREEMENT = "agreement"
FLAGS = "flags"


def place(workspace: Workspace, kind: str, record_id: int | None, part: str = "") -> str | None:
    """The key a record's wizard is remembered under (None: a record never saved has none).
    `part` tells apart several wizards of one record (a cluster's diagnoses)."""
    if record_id is None:
        return None
    where = str(workspace.path.resolve()) if workspace.path is not None else workspace.server
    # (hashed: a path holds slashes, which QSettings reads as groups)
    return hashlib.sha256(f"{where}\n{kind}\n{record_id}\n{part}".encode()).hexdigest()[:32]


def remembered(key: str | None) -> int | None:
    """The page id remembered under `key` (None: none)."""
    if key is None:
        return None
    value = QSettings().value(f"{GROUP}/{key}")
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def remember(key: str | None, page_id: int) -> None:
    if key is not None and page_id >= 0:
        QSettings().setValue(f"{GROUP}/{key}", page_id)


def forget(key: str | None) -> None:
    """A deleted record's page is not kept (a record made later may get its id)."""
    if key is not None:
        QSettings().remove(f"{GROUP}/{key}")
