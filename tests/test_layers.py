"""The layers stay apart: models import neither Qt nor reportlab, reports no Qt, views no SQL."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

DESKTOP = Path(__file__).resolve().parent.parent / "desktop"


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


FORBIDDEN = {
    "models": ("PySide6", "reportlab", "desktop.views", "desktop.reports", "desktop.storage"),
    "storage": ("PySide6", "reportlab", "desktop.views", "desktop.reports"),
    "reports": ("PySide6", "desktop.views"),
    "views": ("reportlab", "sqlite3"),
}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    offenders = []
    for path in sorted((DESKTOP / layer).rglob("*.py")):
        for module in _imported_modules(path):
            if module.startswith(FORBIDDEN[layer]):
                offenders.append(f"{path.name} imports {module}")
    assert not offenders, offenders


def test_cli_imports_no_qt() -> None:
    cli = DESKTOP / "cli.py"
    if not cli.exists():
        pytest.skip("desktop/cli.py not written yet")
    assert not any(m.startswith("PySide6") for m in _imported_modules(cli))


SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.I)


def test_views_hold_no_sql() -> None:
    offenders = [
        str(path.name)
        for path in sorted((DESKTOP / "views").rglob("*.py"))
        if SQL.search(path.read_text(encoding="utf-8")) or "sqlalchemy" in " ".join(_imported_modules(path))
    ]
    assert not offenders, offenders
