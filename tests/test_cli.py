"""shutafut-cli: demo, check and pdf summary; user errors are one line on stderr, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main


def test_demo_check_and_pdf_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = tmp_path / "demo.shutafut"
    assert main(["demo", str(workspace)]) == 0
    assert main(["check", str(workspace)]) == 0
    out = tmp_path / "summary.pdf"
    assert main(["pdf", "summary", "--workspace", str(workspace), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "demo.shutafut" in capsys.readouterr().out


def test_demo_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.shutafut"
    path.write_text("keep me", encoding="utf-8")
    assert main(["demo", str(path)]) == 1
    assert "mine.shutafut" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "keep me"


def test_check_fails_on_a_file_that_is_not_a_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.shutafut"
    path.write_text("hello", encoding="utf-8")
    assert main(["--lang", "en", "check", str(path)]) == 1
    error = capsys.readouterr().err
    assert "notes.shutafut is not a Shutafut workspace" in error
    assert "Traceback" not in error


def test_pdf_of_a_missing_workspace_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["pdf", "summary", "--workspace", str(tmp_path / "none.shutafut"),
                 "--out", str(tmp_path / "x.pdf")])
    assert code == 1
    assert "none.shutafut" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bogus"]) == 2
    assert "usage" in capsys.readouterr().err


def test_the_installed_command_exits_non_zero_without_a_traceback(tmp_path: Path) -> None:
    command = shutil.which("shutafut-cli", path=str(Path(sys.executable).parent))
    arguments = [command] if command else [sys.executable, "-m", "desktop.cli"]
    result = subprocess.run([*arguments, "check", str(tmp_path / "missing.shutafut")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "missing.shutafut" in result.stderr and "Traceback" not in result.stderr
