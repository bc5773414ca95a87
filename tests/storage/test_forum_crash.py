"""A facilitation process killed with SIGKILL while ideas are typed keeps every idea entered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.models.forum import Forum, sessions_from_template
from desktop.storage.forum_store import load_forum, save_forum
from desktop.storage.workspace import create_workspace, open_workspace

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from desktop.storage.forum_store import load_forum, save_forum
    from desktop.storage.workspace import open_workspace

    workspace = open_workspace(Path(sys.argv[1]))
    forum = load_forum(workspace, int(sys.argv[2]))
    for number in range(1, 10_000):
        forum.add_idea(1, 0, f"רעיון {number}")
        save_forum(workspace, forum, int(sys.argv[2]))
        print(number, flush=True)  # entered, as the facilitator sees it
        time.sleep(0.005)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_while_typing_ideas_loses_none(workspace_path: Path) -> None:
    workspace = create_workspace(workspace_path)
    forum_id = save_forum(workspace, Forum("פורום", sessions=sessions_from_template("stem", "he")))
    workspace.close()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(workspace_path), str(forum_id)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert child.stdout is not None
    entered = 0
    while entered < 40:
        entered = int(child.stdout.readline())
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    workspace = open_workspace(workspace_path)
    ideas = load_forum(workspace, forum_id).session_ideas(1)
    workspace.close()
    assert len(ideas) >= entered
    assert [idea.text for idea in ideas[:entered]] == [f"רעיון {n}" for n in range(1, entered + 1)]
