"""The schema revisions read from the migration files agree with Alembic's own reading,
and checking a workspace does not load Alembic, Mako or the PostgreSQL dialect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.storage import revisions
from desktop.storage.workspace import MIGRATIONS_DIR

ROOT = Path(__file__).resolve().parents[2]


def _alembic_scripts():  # type: ignore[no-untyped-def]
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def test_the_head_and_the_known_revisions_are_alembics() -> None:
    scripts = _alembic_scripts()
    assert revisions.head_revision() == scripts.get_current_head()
    assert revisions.known_revisions() == {script.revision for script in scripts.walk_revisions()}
    for script in scripts.walk_revisions():
        down = script.down_revision
        expected = () if down is None else (down,) if isinstance(down, str) else tuple(down)
        assert revisions.revision_graph()[script.revision] == expected


def test_a_new_migration_becomes_the_head_and_a_fork_is_refused(tmp_path: Path) -> None:
    for path in MIGRATIONS_DIR.joinpath("versions").glob("0*.py"):
        (tmp_path / path.name).write_text(path.read_text("utf-8"), "utf-8")
    head = revisions.head_revision()
    (tmp_path / "9001_next.py").write_text(
        f'"""Next."""\nrevision = "9001"\ndown_revision: str | None = "{head}"  # follows the head\n',
        "utf-8",
    )
    assert revisions.head_revision(tmp_path) == "9001"
    assert revisions.known_revisions(tmp_path) == revisions.known_revisions() | {"9001"}
    fork = tmp_path / "forked"
    fork.mkdir()
    for path in tmp_path.glob("*.py"):
        (fork / path.name).write_text(path.read_text("utf-8"), "utf-8")
    (fork / "9002_fork.py").write_text(f'revision = "9002"\ndown_revision = "{head}"\n', "utf-8")
    with pytest.raises(revisions.RevisionsUnreadable, match="9001.*9002"):
        revisions.head_revision(fork)


def test_check_loads_neither_alembic_nor_mako_nor_the_postgresql_dialect(tmp_path: Path) -> None:
    from desktop.cli import main

    workspace = tmp_path / "demo.shutafut"
    assert main(["demo", str(workspace)]) == 0
    probe = (
        "import sys; from desktop.cli import main; code = main(['check', sys.argv[1]]); "
        "heavy = sorted(name for name in sys.modules "
        "if name.split('.')[0] in ('alembic', 'mako', 'pygments') "
        "or name.startswith('sqlalchemy.dialects.postgresql')); print(heavy); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(workspace)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("text", ['revision = ("a", "b")\n', "revision = some_name\n"])
def test_an_unreadable_revision_line_is_refused(tmp_path: Path, text: str) -> None:
    (tmp_path / "0001_odd.py").write_text(text, "utf-8")
    with pytest.raises(revisions.RevisionsUnreadable):
        revisions.revision_graph(tmp_path)
