"""shutafut-cli pdf forum-agenda | forum-summary | shared-agenda."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models.forum import Forum, sessions_from_template
from desktop.storage.forum_store import save_forum
from desktop.storage.workspace import create_workspace


@pytest.mark.parametrize(
    "document, extra",
    [
        ("forum-agenda", ["--session", "2"]),
        ("forum-agenda", ["--facilitator"]),
        ("forum-summary", ["--session", "1"]),
        ("shared-agenda", []),
    ],
)
def test_forum_documents_from_the_command_line(tmp_path: Path, document: str, extra: list[str]) -> None:
    path = tmp_path / "w.shutafut"
    workspace = create_workspace(path)
    forum_id = save_forum(workspace, Forum("פורום", sessions=sessions_from_template("stem", "he")))
    workspace.close()
    out = tmp_path / "doc.pdf"
    assert (
        main(["pdf", document, "--workspace", str(path), "--id", str(forum_id), *extra, "--out", str(out)])
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")


def test_an_unknown_forum_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.shutafut"
    create_workspace(path).close()
    assert (
        main(
            ["pdf", "shared-agenda", "--workspace", str(path), "--id", "9", "--out", str(tmp_path / "x.pdf")]
        )
        == 1
    )
    assert "9" in capsys.readouterr().err
