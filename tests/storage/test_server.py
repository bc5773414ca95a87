"""Workspaces on a PostgreSQL team server: refusals that change nothing, creating, migrating,
read-only, and the password never shown."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import psycopg
import pytest

from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage import server as server_module
from desktop.storage import workspace as workspace_module
from desktop.storage.server import (
    DatabaseNotEmpty,
    EmptyDatabase,
    ForeignDatabase,
    InvalidServerAddress,
    NoSuchDatabase,
    ServerLoginRefused,
    ServerUnreachable,
    build_url,
    check_server_workspace,
    create_server_workspace,
    display_address,
    open_server_workspace,
    server_url,
    try_connection,
)
from desktop.storage.workspace import (
    MigrationFailed,
    NewerWorkspace,
    ReadOnlyNeedsUpgrade,
    head_revision,
)
from tests.pg_server import PASSWORD


def _sql(url: str, *statements: str) -> list[Any]:
    """Run statements on the database at `url` as its owner; the last one's rows."""
    address = server_url(url)
    rows: list[Any] = []
    with psycopg.connect(
        host=address.host,
        port=address.port,
        user=address.username,
        password=address.password,
        dbname=address.database,
        autocommit=True,
    ) as connection:
        for statement in statements:
            cursor = connection.execute(statement)
            rows = cursor.fetchall() if cursor.description else []
    return rows


def _snapshot(url: str) -> dict[str, Any]:
    """Every table of the database with its columns and rows, and the transaction count."""
    tables = [
        row[0]
        for row in _sql(
            url,
            "SELECT table_name FROM information_schema.tables WHERE table_schema='public' "
            "ORDER BY table_name",
        )
    ]
    snapshot: dict[str, Any] = {}
    for table in tables:
        columns = _sql(
            url,
            "SELECT column_name, data_type FROM information_schema.columns "
            f"WHERE table_name='{table}' ORDER BY ordinal_position",
        )
        rows = sorted(map(repr, _sql(url, f'SELECT * FROM "{table}"')))
        snapshot[table] = (columns, rows)
    return snapshot


def _assert_refused(url: str, error: type[Exception], **options: Any) -> str:
    before = _snapshot(url)
    with pytest.raises(error) as caught:
        open_server_workspace(url, **options)
    assert _snapshot(url) == before
    message = str(caught.value)
    assert PASSWORD not in message
    return message


def test_an_empty_database_is_refused_unless_asked_to_initialise_it(postgres_url: str) -> None:
    message = _assert_refused(postgres_url, EmptyDatabase)
    assert "ריק" in message  # translated (Hebrew is the default)
    _assert_refused(postgres_url, EmptyDatabase, read_only=True, initialise=True)
    assert _snapshot(postgres_url) == {}
    assert "ריק" in try_connection(postgres_url)


def test_initialising_builds_exactly_the_model_schema_at_head(postgres_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop.storage.tables import Base

    workspace = open_server_workspace(postgres_url, initialise=True)
    assert workspace.is_server and workspace.path is None
    assert workspace.info("created_with") and workspace.info("created_at")
    with workspace.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    workspace.close()
    assert _sql(postgres_url, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert check_server_workspace(postgres_url) == []
    with pytest.raises(DatabaseNotEmpty):
        create_server_workspace(postgres_url)


def test_the_password_is_never_shown(postgres_url: str) -> None:
    workspace = create_server_workspace(postgres_url)
    assert PASSWORD not in workspace.location and PASSWORD not in workspace.name
    assert workspace.location.startswith("postgresql://shutafut_test@127.0.0.1:")
    workspace.close()
    assert PASSWORD not in display_address(server_url(postgres_url))


def test_a_database_of_another_program_is_refused_untouched(postgres_url: str) -> None:
    _sql(postgres_url, "CREATE TABLE songs (title text)", "INSERT INTO songs VALUES ('Hallelujah')")
    message = _assert_refused(postgres_url, ForeignDatabase, initialise=True)
    assert "תוכנה אחרת" in message
    with pytest.raises(ForeignDatabase):
        create_server_workspace(postgres_url)
    assert check_server_workspace(postgres_url)


def test_a_workspace_from_a_newer_version_is_refused_untouched(postgres_url: str) -> None:
    create_server_workspace(postgres_url).close()
    _sql(postgres_url, "UPDATE alembic_version SET version_num = '9999_from_the_future'")
    message = _assert_refused(postgres_url, NewerWorkspace)
    assert "גרסה חדשה" in message
    assert check_server_workspace(postgres_url)


def test_a_wrong_password_is_refused_without_showing_it(postgres_server, postgres_url: str) -> None:  # type: ignore[no-untyped-def]
    create_server_workspace(postgres_url).close()
    database = server_url(postgres_url).database
    wrong = postgres_server.url(database, password="not-the-password")
    before = _snapshot(postgres_url)
    with pytest.raises(ServerLoginRefused) as caught:
        open_server_workspace(wrong)
    assert "not-the-password" not in str(caught.value) and "shutafut_test" in str(caught.value)
    assert _snapshot(postgres_url) == before
    assert check_server_workspace(wrong) == [str(caught.value)]


def test_an_unreachable_server_or_missing_database_is_refused(postgres_server) -> None:  # type: ignore[no-untyped-def]
    from tests.pg_server import _free_port

    closed = build_url("127.0.0.1", _free_port(), "shutafut", "dana", PASSWORD)
    with pytest.raises(ServerUnreachable) as caught:
        open_server_workspace(closed)
    assert PASSWORD not in str(caught.value) and "127.0.0.1" in str(caught.value)
    with pytest.raises(NoSuchDatabase, match="no_such_database"):
        open_server_workspace(postgres_server.url("no_such_database"))


@pytest.mark.parametrize(
    "address", ["", "not an address", "sqlite:///team.shutafut", "postgresql://dana@server"]
)
def test_addresses_that_are_not_postgresql_databases_are_refused(address: str) -> None:
    with pytest.raises(InvalidServerAddress):
        server_url(address)


def test_the_dialog_fields_make_an_address() -> None:
    url = build_url("db.example.org", 5433, "שותפות", "dana", "p@ss:word/1", "require")
    assert server_url(url.render_as_string(hide_password=False)) == url
    assert url.password == "p@ss:word/1" and url.database == "שותפות"
    assert url.query == {"sslmode": "require"}
    assert display_address(url) == "postgresql://dana@db.example.org:5433/שותפות?sslmode=require"
    assert build_url("h", 5432, "d", "u").query == {}


def test_read_only_reads_and_refuses_writes(postgres_url: str) -> None:
    workspace = create_server_workspace(postgres_url)
    reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "משרד הפנים", "sector": "government"}
    )
    workspace.close()
    before = _snapshot(postgres_url)
    reader = open_server_workspace(postgres_url, read_only=True)
    assert reader.read_only
    assert reference_store.count_records(reader, RecordKind.ORGANISATION) == 1
    with pytest.raises(Exception, match="read-only"):
        reference_store.save_record(reader, RecordKind.ORGANISATION, {"name": "אחר", "sector": "ngo"})
    reader.close()
    assert _snapshot(postgres_url) == before


# --- migrations on PostgreSQL ------------------------------------------------------------


def _at_revision(url: str, revision: str) -> None:
    from alembic import command

    engine = server_module.make_server_engine(server_url(url))
    with engine.begin() as connection:
        command.upgrade(workspace_module._alembic_config(connection), revision)
    engine.dispose()


def test_every_shipped_migration_runs_on_postgresql_keeping_data(postgres_url: str) -> None:
    _at_revision(postgres_url, "0001")
    _sql(
        postgres_url,
        "INSERT INTO organisation (name, sector, notes, uuid, created_at, updated_at, version)"
        " VALUES ('משרד הפנים', 'government', '', 'u1', '2026-01-01', '2026-01-01', 1)",
    )
    _assert_refused(postgres_url, ReadOnlyNeedsUpgrade, read_only=True)
    assert "older" in try_connection(postgres_url) or "ישנה" in try_connection(postgres_url)
    workspace = open_server_workspace(postgres_url)
    assert [r["name"] for r in reference_store.list_records(workspace, RecordKind.ORGANISATION)] == [
        "משרד הפנים"
    ]
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop.storage.tables import Base

    with workspace.engine.connect() as connection:  # the migrations build the model's schema
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    workspace.close()
    assert _sql(postgres_url, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert check_server_workspace(postgres_url) == []


FAILING_REVISION = '''"""Test-only revision that fails half way."""
import sqlalchemy as sa
from alembic import op

revision = "9002_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("organisation", sa.Column("website", sa.String(200)))
    op.execute("DELETE FROM person")
    op.execute("SELECT * FROM no_such_table")
'''

NEXT_REVISION = '''"""Test-only revision: a column added in a batch (as the SQLite migrations are written)."""
import sqlalchemy as sa
from alembic import op

revision = "9000_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(sa.Column("website", sa.String(200), nullable=False, server_default=""))
'''


def _with_extra_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(workspace_module.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / f"{name}.py").write_text(text.format(head=head_revision()), encoding="utf-8")
    monkeypatch.setattr(workspace_module, "MIGRATIONS_DIR", migrations)


def _workspace_with_a_person(url: str) -> None:
    workspace = create_server_workspace(url)
    ministry = reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "משרד הפנים", "sector": "government"}
    )
    reference_store.save_record(
        workspace, RecordKind.PERSON, {"full_name": "דנה (דמו)", "organisation": ministry}
    )
    workspace.close()


def test_a_batch_migration_upgrades_a_server_workspace(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _workspace_with_a_person(postgres_url)
    _with_extra_revision(tmp_path, monkeypatch, "9000_test", NEXT_REVISION)
    workspace = open_server_workspace(postgres_url)
    people = reference_store.list_records(workspace, RecordKind.PERSON)
    workspace.close()
    assert people[0]["organisation_title"] == "משרד הפנים"
    assert _sql(postgres_url, "SELECT name, website FROM organisation") == [("משרד הפנים", "")]
    assert _sql(postgres_url, "SELECT version_num FROM alembic_version") == [("9000_test",)]


def test_a_failed_upgrade_leaves_the_server_workspace_as_it_was(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _workspace_with_a_person(postgres_url)
    _with_extra_revision(tmp_path, monkeypatch, "9002_test", FAILING_REVISION)
    message = _assert_refused(postgres_url, MigrationFailed)
    assert "no_such_table" in message
    assert _sql(postgres_url, "SELECT count(*) FROM person") == [(1,)]


def test_a_user_who_may_not_create_tables_is_refused_cleanly(
    postgres_server,  # type: ignore[no-untyped-def]
    postgres_url: str,
) -> None:
    database = server_url(postgres_url).database
    with postgres_server.admin() as admin:
        admin.execute("DROP ROLE IF EXISTS visitor")
        admin.execute("CREATE ROLE visitor LOGIN PASSWORD 'visitor-pw'")
    try:
        visitor = postgres_url.replace(f"shutafut_test:{PASSWORD}", "visitor:visitor-pw")
        message = _assert_refused(visitor, ServerUnreachable, initialise=True)
        assert "visitor-pw" not in message and "ליצור" in message  # "refused to create"
        assert _snapshot(postgres_url) == {}
    finally:
        with postgres_server.admin() as admin:
            admin.execute(f'REVOKE ALL ON DATABASE "{database}" FROM visitor')
            admin.execute("DROP ROLE visitor")
