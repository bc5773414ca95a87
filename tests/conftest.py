"""Shared fixtures: offscreen Qt, data folders redirected to tmp, a fresh workspace."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SHUTAFUT_TESTING", "1")

from desktop import i18n  # noqa: E402
from desktop.storage.journey_store import import_overview_modules  # noqa: E402

# As after a session's first reading of the home screen: a small workspace's overview is then
# read on the window's thread, whichever test runs first (test_home checks the first reading).
import_overview_modules()

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
CBS_DIR = SHARED_DIR / "data" / "cbs"


@pytest.fixture(autouse=True)
def _hebrew_by_default() -> Iterator[None]:
    """Every test starts in Hebrew, the default UI language, and leaves it so."""
    i18n.set_language("he")
    yield
    i18n.set_language("he")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep settings and the default workspace of a test out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "test.shutafut"


@pytest.fixture
def workspace(workspace_path: Path):  # type: ignore[no-untyped-def]
    from desktop.storage.workspace import create_workspace

    ws = create_workspace(workspace_path)
    yield ws
    ws.close()


# --- a real PostgreSQL server (team server workspaces) -------------------------------------


@pytest.fixture(scope="session")
def postgres_server():  # type: ignore[no-untyped-def]
    """One PostgreSQL server for the whole session, started on first use."""
    from tests.pg_server import find_binaries, start_server

    binaries = find_binaries()
    if binaries is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, pg_ctl) are not installed; "
            "`bash scripts/install.sh --test` installs the Debian package postgresql"
        )
    server = start_server(binaries)
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The address of a fresh, empty database on the test server, dropped afterwards."""
    name = postgres_server.new_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def open_location(location: Path | str):  # type: ignore[no-untyped-def]
    """Another handle on the same workspace, as a second person's app would have."""
    if isinstance(location, Path):
        from desktop.storage.workspace import open_workspace

        return open_workspace(location)
    from desktop.storage.server import open_server_workspace

    return open_server_workspace(location)


@pytest.fixture
def workspace_location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """Where `any_workspace` lives: a file path, or a database address with its password."""
    if backend == "sqlite":
        return tmp_path / "test.shutafut"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def any_workspace(workspace_location: Path | str):  # type: ignore[no-untyped-def]
    """A new, empty workspace: a file, or a database on the test PostgreSQL server."""
    if isinstance(workspace_location, Path):
        from desktop.storage.workspace import create_workspace

        ws = create_workspace(workspace_location)
    else:
        from desktop.storage.server import create_server_workspace

        ws = create_server_workspace(workspace_location)
    yield ws
    ws.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI nothing may skip: what a test needs, .ci/run installs (the skips are listed by -ra)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter is not None else 0
    if os.environ.get("CI") and skipped and exitstatus == 0:
        if reporter is not None:
            reporter.write_line(
                f"{skipped} test(s) skipped in CI: install what they need in .ci/run", red=True
            )
        session.exitstatus = 1
