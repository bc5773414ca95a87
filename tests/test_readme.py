"""The README opens with the two commands, and CI runs the second one verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", text, flags=re.S)
    return [block.strip() for block in blocks[:2]]


def test_readme_opens_with_install_and_test_commands() -> None:
    install, test = _readme_commands()
    assert "scripts/install.sh" in install and "--demo" in install
    assert "--test" in test and "pytest" in test
    for check in ("ruff check", "ruff format --check", "mypy"):
        assert check in test, check  # CI proves the code is clean, not only the README


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _install, test = _readme_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci_lines
