"""The layers stay apart, checked on every import of every module under desktop/.

Each import is resolved to the module it names: relative imports (`from ..storage import x`),
`from desktop import x` (x is the module desktop.x when there is one), imports inside
functions and under TYPE_CHECKING. An offender is named by its full path and line.

- models (desktop/models): dataclasses and logic only, no sqlalchemy, Qt, reportlab, and
  nothing of storage, reports, views, the CLI or desktop.documents;
- storage: no Qt, reportlab, views, reports, CLI or desktop.documents;
- reports: no Qt, sqlalchemy, storage, views, CLI or desktop.documents (they receive domain
  objects);
- views: no reportlab, sqlite3, sqlalchemy or reports (they print through desktop.documents);
- the CLI (desktop/cli*.py) and desktop.documents: no Qt, not even through what they import.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = ROOT / "desktop"


@dataclass(frozen=True)
class Import:
    path: str  # relative to the repository
    line: int
    module: str  # absolute, resolved

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.module}"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str, root: Path) -> bool:
    base = root.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports_of(path: Path, root: Path = ROOT) -> list[Import]:
    """Every import in `path`, anywhere in it, as the absolute modules it names."""
    own = module_name(path, root)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    shown = str(path.relative_to(root))
    found: list[Import] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(shown, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            found.append(Import(shown, node.lineno, base))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                if _is_module(candidate, root):  # `from desktop import views` imports a module
                    found.append(Import(shown, node.lineno, candidate))
    return found


def _forbids(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


FORBIDDEN = {
    "models": (
        "sqlalchemy",
        "PySide6",
        "reportlab",
        "desktop.storage",
        "desktop.reports",
        "desktop.views",
        "desktop.cli",
        "desktop.cli_backups",
        "desktop.cli_exchange",
        "desktop.documents",
    ),
    "storage": (
        "PySide6",
        "reportlab",
        "desktop.views",
        "desktop.reports",
        "desktop.cli",
        "desktop.cli_backups",
        "desktop.cli_exchange",
        "desktop.documents",
    ),
    "reports": (
        "PySide6",
        "sqlalchemy",
        "desktop.storage",
        "desktop.views",
        "desktop.cli",
        "desktop.cli_backups",
        "desktop.cli_exchange",
        "desktop.documents",
    ),
    "views": ("reportlab", "sqlite3", "sqlalchemy", "desktop.reports"),
}


def layer_offenders(layer: str, root: Path = ROOT) -> list[str]:
    return [
        str(found)
        for path in sorted((root / "desktop" / layer).rglob("*.py"))
        for found in imports_of(path, root)
        if _forbids(found.module, FORBIDDEN[layer])
    ]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    assert (DESKTOP / layer).is_dir()
    offenders = layer_offenders(layer)
    assert not offenders, "\n".join(offenders)


def headless_entry_points(root: Path = ROOT) -> list[Path]:
    return [*sorted((root / "desktop").glob("cli*.py")), root / "desktop" / "documents.py"]


def qt_reached_from(entry: Path, root: Path = ROOT) -> list[str]:
    """The chains of desktop modules through which `entry` comes to import Qt."""
    chains: dict[str, list[str]] = {module_name(entry, root): [str(entry.relative_to(root))]}
    queue = [entry]
    offenders = []
    while queue:
        path = queue.pop()
        chain = chains[module_name(path, root)]
        for found in imports_of(path, root):
            if _forbids(found.module, ("PySide6",)):
                offenders.append(" -> ".join([*chain, str(found)]))
            elif found.module.startswith("desktop") and found.module not in chains:
                base = root.joinpath(*found.module.split("."))
                target = (
                    base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
                )
                if target.is_file():
                    chains[found.module] = [*chain, str(target.relative_to(root))]
                    queue.append(target)
    return offenders


def test_the_cli_and_documents_reach_no_qt() -> None:
    entries = headless_entry_points()
    assert {path.name for path in entries} >= {"cli.py", "cli_backups.py", "cli_exchange.py", "documents.py"}
    offenders = [chain for entry in entries for chain in qt_reached_from(entry)]
    assert not offenders, "\n".join(offenders)


SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.I)


def test_views_hold_no_sql() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((DESKTOP / "views").rglob("*.py"))
        if SQL.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders


# --- the checker itself finds what it must ---------------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name in ("desktop/__init__.py", "desktop/models/__init__.py", "desktop/storage/__init__.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    for name in ("desktop/views/__init__.py", "desktop/reports/__init__.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    "layer, source, module",
    [
        ("models", "def f():\n    from ..storage import workspace\n", "desktop.storage"),
        ("models", "from desktop import storage\n", "desktop.storage"),
        (
            "models",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import sqlalchemy\n",
            "sqlalchemy",
        ),
        ("storage", "from ..views import dialogs\n", "desktop.views"),
        (
            "reports",
            "def f():\n    from desktop.storage.workspace import Workspace\n",
            "desktop.storage.workspace",
        ),
        ("views", "from .. import reports\n", "desktop.reports"),
    ],
)
def test_the_checker_resolves_hidden_imports(tmp_path: Path, layer: str, source: str, module: str) -> None:
    root = _tree(tmp_path, {f"desktop/{layer}/bad.py": source, "desktop/storage/workspace.py": ""})
    offenders = layer_offenders(layer, root)
    assert any(
        f"desktop/{layer}/bad.py:" in line and line.endswith(f"imports {module}") for line in offenders
    )


def test_the_checker_follows_the_cli_into_qt(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "desktop/cli.py": "def main():\n    from desktop import documents\n",
            "desktop/documents.py": "from .views import window\n",
            "desktop/views/window.py": "from PySide6 import QtWidgets\n",
        },
    )
    [chain] = qt_reached_from(root / "desktop/cli.py", root)
    assert chain.startswith("desktop/cli.py -> desktop/documents.py -> desktop/views/window.py")
    assert chain.endswith("imports PySide6")
