"""Consistent copies of a workspace with SQLite's online backup API (safe with WAL)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace


def backup_copy(source: Workspace | Path, destination: Path) -> Path:
    """Copy the workspace (an open one or a file) to `destination`, which must not exist."""
    from desktop.storage.workspace import _read_only_uri

    path = source if isinstance(source, Path) else source.path
    if path is None:  # a team server's database is copied by pg_dump, on the server
        raise ValueError(destination)
    if destination.exists():
        raise FileExistsError(destination)
    if destination.resolve() == path.resolve():
        raise ValueError(destination)
    partial = destination.with_name(destination.name + ".partial")
    try:
        with (
            closing(sqlite3.connect(_read_only_uri(path), uri=True)) as reader,
            closing(sqlite3.connect(partial)) as writer,
        ):
            reader.backup(writer)
        partial.replace(destination)
    finally:
        partial.unlink(missing_ok=True)
    return destination
