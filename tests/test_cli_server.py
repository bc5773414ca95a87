"""shutafut-cli with a workspace on a PostgreSQL team server (--database-url)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.server import open_server_workspace
from tests.pg_server import PASSWORD


def test_demo_check_and_pdf_on_a_team_server(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "check", "--database-url", postgres_url]) == 1
    assert "is empty" in capsys.readouterr().err
    assert main(["demo", "--database-url", postgres_url]) == 0
    assert main(["check", "--database-url", postgres_url]) == 0
    out = tmp_path / "summary.pdf"
    assert main(["pdf", "summary", "--database-url", postgres_url, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    captured = capsys.readouterr()
    assert PASSWORD not in captured.out + captured.err
    assert "127.0.0.1" in captured.out
    workspace = open_server_workspace(postgres_url)
    assert workspace.is_demo
    assert reference_store.count_records(workspace, RecordKind.CLUSTER) == 5
    workspace.close()
    # A second demo never fills a database that holds a workspace.
    assert main(["demo", "--database-url", postgres_url]) == 1
    assert "אינו ריק" in capsys.readouterr().err


def test_the_address_can_come_from_the_environment(
    postgres_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SHUTAFUT_DATABASE_URL", postgres_url)
    assert main(["demo"]) == 0
    out = tmp_path / "selection.pdf"
    assert main(["pdf", "selection", "--id", "99", "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "99" in error and PASSWORD not in error and "127.0.0.1" in error


def test_a_wrong_password_is_one_clear_line(
    postgres_server,
    postgres_url: str,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    wrong = postgres_url.replace(PASSWORD, "guessed")
    assert (
        main(["--lang", "en", "pdf", "summary", "--database-url", wrong, "--out", str(tmp_path / "x.pdf")])
        == 1
    )
    error = capsys.readouterr().err
    assert "refused the user name or password" in error
    assert "guessed" not in error and "Traceback" not in error
    assert not (tmp_path / "x.pdf").exists()


def test_a_file_and_a_server_together_or_neither_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SHUTAFUT_DATABASE_URL", raising=False)
    out = str(tmp_path / "x.pdf")
    assert (
        main(
            [
                "pdf",
                "summary",
                "--workspace",
                "a.shutafut",
                "--database-url",
                "postgresql://u@h/d",
                "--out",
                out,
            ]
        )
        == 2
    )
    assert main(["pdf", "summary", "--out", out]) == 2
    assert main(["check"]) == 2
    assert main(["check", "a.shutafut", "--database-url", "postgresql://u@h/d"]) == 2
    assert "--database-url" in capsys.readouterr().err
