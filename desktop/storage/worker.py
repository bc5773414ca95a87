"""The open workspace for work done in another thread than the window's.

A SQLAlchemy Session must stay in the thread that made it, and each thread is best served by
its own SQLite connection: `separate_workspace` opens the same file through an engine of its
own (the same mode, read-only or not), closed when the work ends. On a team server the
engine's pool already hands each thread a connection of its own, so it is shared.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from desktop.storage.workspace import Workspace, make_engine


@contextmanager
def separate_workspace(workspace: Workspace) -> Iterator[Workspace]:
    """`workspace` again, through its own connections (for one piece of work in a thread)."""
    if workspace.path is None:
        yield workspace
        return
    own = Workspace(
        workspace.path,
        make_engine(workspace.path, read_only=workspace.read_only),
        read_only=workspace.read_only,
        read_only_reason=workspace.read_only_reason,
    )
    try:
        yield own
    finally:
        own.close()
