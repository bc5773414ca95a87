"""Consistent copies of a workspace with SQLite's online backup API (safe with WAL)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.progress import Progress
    from desktop.storage.workspace import Workspace


SEQUENCE_KEY = "backup_sequence"


PAGES_PER_STEP = 256  # pages copied between two reports of progress (1 MB at 4 kB a page)


def backup_copy(
    source: Workspace | Path,
    destination: Path,
    sequence: int | None = None,
    progress: Progress | None = None,
) -> Path:
    """Copy the workspace (an open one or a file) to `destination`, which must not exist.

    The copy is created readable by its owner only (it holds personal data). `sequence`,
    when given, is written into the copy's workspace_info: the order in which backups were
    taken, which a wrong clock cannot change (see backups.latest_good_backup). With `progress`,
    the pages copied are reported and Cancel stops the copy (Cancelled): no file is left."""
    from desktop.storage.private_files import create_private
    from desktop.storage.workspace import _read_only_uri

    path = source if isinstance(source, Path) else source.path
    if path is None:  # a team server's database is copied by pg_dump, on the server
        raise ValueError(destination)
    if destination.exists():
        raise FileExistsError(destination)
    if destination.resolve() == path.resolve():
        raise ValueError(destination)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a session that was killed
    try:
        create_private(partial)
        with (
            closing(sqlite3.connect(_read_only_uri(path), uri=True)) as reader,
            closing(sqlite3.connect(partial)) as writer,
        ):
            if progress is None:
                reader.backup(writer)
            else:
                reader.backup(writer, pages=PAGES_PER_STEP, progress=progress.sqlite_backup_callback())
            if (
                sequence is not None
                and writer.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workspace_info'"
                ).fetchone()
            ):
                writer.execute(
                    "INSERT OR REPLACE INTO workspace_info (key, value) VALUES (?, ?)",
                    (SEQUENCE_KEY, str(sequence)),
                )
                writer.commit()
        if progress is not None:
            progress.check()  # the last moment to stop: after it the backup is complete
        partial.replace(destination)
    finally:
        for leftover in (
            partial,
            *(partial.with_name(partial.name + s) for s in ("-journal", "-wal", "-shm")),
        ):
            leftover.unlink(missing_ok=True)
    return destination
