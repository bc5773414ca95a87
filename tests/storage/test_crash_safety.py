"""A session killed with SIGKILL loses nothing it had committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.workspace import check_workspace, create_workspace, open_workspace

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from desktop.models.records import RecordKind
    from desktop.storage import reference_store
    from desktop.storage.workspace import open_workspace

    workspace = open_workspace(Path(sys.argv[1]))
    for number in range(25):
        reference_store.save_record(
            workspace, RecordKind.ORGANISATION, {"name": f"ארגון {number}", "sector": "ngo"}
        )
    # An uncommitted change in an open transaction, then wait to be killed.
    session = workspace._sessions()
    from desktop.storage.tables import Organisation
    session.add(Organisation(name="לא נשמר", sector="ngo"))
    session.flush()
    print("committed", flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_session_keeps_every_committed_edit(workspace_path: Path) -> None:
    create_workspace(workspace_path).close()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(workspace_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "committed"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert Path(f"{workspace_path}-wal").exists()  # killed before any clean close
    # Checking (read only) sees the committed records in the WAL and finds nothing wrong.
    assert check_workspace(workspace_path) == []

    workspace = open_workspace(workspace_path)
    names = {row["name"] for row in reference_store.list_records(workspace, RecordKind.ORGANISATION)}
    workspace.close()
    assert names == {f"ארגון {number}" for number in range(25)}


CHILD_MID_TRANSACTION = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop.models.records import RecordKind
    from desktop.storage.tables import Organisation
    from desktop.storage import reference_store
    from desktop.storage.workspace import open_workspace

    workspace = open_workspace(Path(sys.argv[1]))
    reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "נשמר", "sector": "ngo"})
    session = workspace._sessions()
    for number in range(5000):  # a big write, killed half way
        session.add(Organisation(name=f"חלקי {number}", sector="ngo"))
        if number == 2500:
            session.flush()
            print("writing", flush=True)
    session.flush()
    import time
    time.sleep(60)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_in_the_middle_of_a_write_leaves_a_sound_workspace(workspace_path: Path) -> None:
    create_workspace(workspace_path).close()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_MID_TRANSACTION, str(workspace_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert check_workspace(workspace_path) == []
    workspace = open_workspace(workspace_path)
    names = [row["name"] for row in reference_store.list_records(workspace, RecordKind.ORGANISATION)]
    workspace.close()
    assert names == ["נשמר"]
    assert check_workspace(workspace_path) == []
