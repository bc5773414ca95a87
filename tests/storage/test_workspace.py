"""Workspace files: creation, refusals that leave the file untouched, read-only, migrations."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Connection

from desktop.i18n import _
from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage import workspace as workspace_module
from desktop.storage.workspace import (
    APPLICATION_ID,
    DamagedWorkspace,
    ForeignSQLiteFile,
    NewerWorkspace,
    NotAWorkspaceFile,
    check_workspace,
    create_workspace,
    head_revision,
    lock_path,
    open_workspace,
)


def _snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    siblings = sorted(p.name for p in path.parent.iterdir())
    return path.read_bytes(), path.stat().st_mtime_ns, siblings


def _assert_refused(path: Path, error: type[Exception], word: str = "") -> str:
    before = _snapshot(path)
    with pytest.raises(error) as caught:
        open_workspace(path)
    assert _snapshot(path) == before  # byte for byte, same mtime, no -wal/-shm beside it
    assert path.name in str(caught.value)
    if word:
        assert word in str(caught.value)
    return str(caught.value)


def test_new_workspace_is_wal_with_foreign_keys_and_at_head(workspace_path: Path) -> None:
    workspace = create_workspace(workspace_path)
    with workspace.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
    workspace.close()
    assert workspace_module.schema_revision(workspace_path) == head_revision()
    assert check_workspace(workspace_path) == []


def test_create_never_overwrites(workspace_path: Path) -> None:
    workspace_path.write_text("precious", encoding="utf-8")
    with pytest.raises(FileExistsError):
        create_workspace(workspace_path)
    assert workspace_path.read_text(encoding="utf-8") == "precious"


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotAWorkspaceFile, match="nothing.shutafut"):
        open_workspace(tmp_path / "nothing.shutafut")


def test_a_folder_is_refused_as_a_folder_not_as_missing(tmp_path: Path) -> None:
    folder = tmp_path / "meetings.shutafut"
    folder.mkdir()
    with pytest.raises(NotAWorkspaceFile) as refused:
        open_workspace(folder)
    assert "meetings.shutafut היא תיקייה" in str(refused.value)  # (not "does not exist")
    assert list(folder.iterdir()) == []


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.shutafut"
    path.write_text("שלום, זה לא מסד נתונים", encoding="utf-8")
    message = _assert_refused(path, NotAWorkspaceFile)
    assert "אינו סביבת עבודה" in message  # translated (Hebrew is the default)


def test_empty_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "empty.shutafut"
    path.write_bytes(b"")
    _assert_refused(path, NotAWorkspaceFile)


def test_sqlite_file_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.shutafut"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
        connection.execute("INSERT INTO songs VALUES ('Hallelujah')")
        connection.commit()
    _assert_refused(path, ForeignSQLiteFile)


def test_damaged_workspace_is_refused_untouched(workspace_path: Path) -> None:
    workspace = create_workspace(workspace_path)
    for number in range(200):
        reference_store.save_record(
            workspace, RecordKind.ORGANISATION, {"name": f"ארגון {number}", "sector": "ngo"}
        )
    workspace.close()
    data = bytearray(workspace_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Overwrite the pages after the schema page with garbage, keeping the header intact.
    for offset in range(page_size * 2, len(data) - 1, 7):
        data[offset] = 0xA5
    workspace_path.write_bytes(bytes(data))
    _assert_refused(workspace_path, DamagedWorkspace)
    assert check_workspace(workspace_path)


def test_workspace_from_a_newer_version_is_refused_untouched(workspace_path: Path) -> None:
    create_workspace(workspace_path).close()
    with closing(sqlite3.connect(workspace_path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        connection.commit()
    snapshot = _snapshot(workspace_path)
    _assert_refused(workspace_path, NewerWorkspace, "גרסה חדשה")
    assert _snapshot(workspace_path) == snapshot


def test_read_only_open_reads_and_refuses_writes(workspace_path: Path) -> None:
    workspace = create_workspace(workspace_path)
    reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "משרד הפנים", "sector": "government"}
    )
    workspace.close()
    before = workspace_path.read_bytes()
    reader = open_workspace(workspace_path, read_only=True)
    assert reader.read_only
    assert reference_store.count_records(reader, RecordKind.ORGANISATION) == 1
    with pytest.raises(Exception, match="readonly"):
        reference_store.save_record(reader, RecordKind.ORGANISATION, {"name": "אחר", "sector": "ngo"})
    reader.close()
    assert workspace_path.read_bytes() == before


def test_a_file_without_write_permission_opens_read_only_saying_why(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_workspace(workspace_path).close()
    os.chmod(workspace_path, 0o444)
    real_access = os.access
    # Tests may run as root, for whom chmod does not block writing: ask os.access as Qt does.
    monkeypatch.setattr(
        workspace_module.os,
        "access",
        lambda path, mode: (
            False if (Path(path) == workspace_path and mode == os.W_OK) else real_access(path, mode)
        ),
    )
    workspace = open_workspace(workspace_path)
    assert workspace.read_only
    assert "קריאה בלבד" in workspace.read_only_reason
    workspace.close()
    os.chmod(workspace_path, 0o644)


def test_lock_path_is_beside_the_workspace(workspace_path: Path) -> None:
    assert lock_path(workspace_path).parent == workspace_path.parent
    assert lock_path(workspace_path).name == "test.shutafut.lock"


def test_check_reports_foreign_key_problems(workspace_path: Path) -> None:
    create_workspace(workspace_path).close()
    with closing(sqlite3.connect(workspace_path)) as connection:
        connection.execute(
            "INSERT INTO person (full_name, role, organisation_id, phone, email, notes, "
            "consent_contact, uuid, created_at, updated_at, version) VALUES "
            "('x', '', 999, '', '', '', 0, 'u1', '2026-01-01', '2026-01-01', 1)"
        )
        connection.commit()
    problems = check_workspace(workspace_path)
    assert len(problems) == 1 and "1" in problems[0]


# --- migrations -----------------------------------------------------------------------------

NEXT_REVISION = '''"""Test-only revision: a column added after the first revision."""
import sqlalchemy as sa
from alembic import op

revision = "9000_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(sa.Column("website", sa.String(200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("website")
'''


def test_alembic_from_empty_builds_exactly_the_model_schema(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop.storage.tables import Base

    path = tmp_path / "alembic.shutafut"
    workspace_module._upgrade(path)
    engine = workspace_module.make_engine(path)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def _tables_without_rowid(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for name, sql in rows if sql.rstrip().upper().endswith("WITHOUT ROWID")}


def test_a_table_kept_without_a_rowid_is_so_however_the_workspace_was_made(tmp_path: Path) -> None:
    created = tmp_path / "created.shutafut"
    create_workspace(created).close()
    migrated = tmp_path / "migrated.shutafut"
    workspace_module._upgrade(migrated)
    assert _tables_without_rowid(created) == _tables_without_rowid(migrated) == {"exchange_shared"}


@contextmanager
def _workspace_at(path: Path, revision: str) -> Iterator[Connection]:
    """A workspace file at an older `revision`, to fill in the transaction yielded."""
    from alembic import command

    engine = workspace_module.make_engine(path)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        command.upgrade(workspace_module._alembic_config(connection), revision)
        yield connection
    engine.dispose()


def test_upgrading_exchange_shared_to_without_rowid_keeps_every_row(workspace_path: Path) -> None:
    with _workspace_at(workspace_path, "0010") as connection:
        for uuid, content_hash in [("b", "2"), ("a", "9"), ("a", "1")]:
            connection.exec_driver_sql(
                "INSERT INTO exchange_shared VALUES (?, ?, '2026-12-01 10:00:00.000000')",
                (uuid, content_hash),
            )
    assert _tables_without_rowid(workspace_path) == set()
    open_workspace(workspace_path).close()
    assert _tables_without_rowid(workspace_path) == {"exchange_shared"}
    with closing(sqlite3.connect(workspace_path)) as connection:
        rows = connection.execute("SELECT * FROM exchange_shared").fetchall()
    assert rows == [(u, h, "2026-12-01 10:00:00.000000") for u, h in [("a", "1"), ("a", "9"), ("b", "2")]]
    assert check_workspace(workspace_path) == []


def test_opening_an_older_workspace_backs_it_up_then_upgrades_keeping_data(
    workspace_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = create_workspace(workspace_path)
    reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "משרד הפנים", "sector": "government"}
    )
    workspace.close()
    original = workspace_path.read_bytes()
    shipped_head = head_revision()
    # A newer app version: the shipped migrations plus one more revision.
    migrations = tmp_path / "migrations"
    shutil.copytree(workspace_module.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9000_test.py").write_text(
        NEXT_REVISION.format(head=head_revision()), encoding="utf-8"
    )
    monkeypatch.setattr(workspace_module, "MIGRATIONS_DIR", migrations)

    upgraded = open_workspace(workspace_path)
    upgraded.close()
    assert workspace_module.schema_revision(workspace_path) == "9000_test"
    with closing(sqlite3.connect(workspace_path)) as connection:
        assert connection.execute("SELECT name, website FROM organisation").fetchall() == [("משרד הפנים", "")]
    backups = list(workspace_path.parent.glob("test.backup-*.shutafut"))
    assert len(backups) == 1
    with closing(sqlite3.connect(backups[0])) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == shipped_head
        assert connection.execute("SELECT name FROM organisation").fetchall() == [("משרד הפנים",)]
    assert original != workspace_path.read_bytes()


def test_a_workspace_from_the_first_revision_is_upgraded_to_the_current_one(
    workspace_path: Path,
) -> None:
    with _workspace_at(workspace_path, "0001") as connection:
        connection.exec_driver_sql(
            "INSERT INTO organisation (name, sector, notes, uuid, created_at, updated_at, version)"
            " VALUES ('משרד הפנים', 'government', '', 'u1', '2026-01-01', '2026-01-01', 1)"
        )
    workspace = open_workspace(workspace_path)
    assert reference_store.count_records(workspace, RecordKind.ORGANISATION) == 1
    workspace.close()
    assert workspace_module.schema_revision(workspace_path) == head_revision() != "0001"
    assert len(list(workspace_path.parent.glob("test.backup-*.shutafut"))) == 1
    assert check_workspace(workspace_path) == []


RECREATE_TABLES = '''"""Test-only revision: recreate the referenced tables (as a batch migration does)."""
import sqlalchemy as sa
from alembic import op

revision = "9001_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("regional_cluster", "authority", "organisation"):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(sa.Column("extra", sa.String(20), nullable=False, server_default=""))
'''

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


def _with_extra_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(workspace_module.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / f"{name}.py").write_text(text.format(head=head_revision()), encoding="utf-8")
    monkeypatch.setattr(workspace_module, "MIGRATIONS_DIR", migrations)


def _workspace_with_references(path: Path) -> None:
    workspace = create_workspace(path)
    sderot = reference_store.save_record(
        workspace, RecordKind.AUTHORITY, {"name_he": "שדרות", "municipal_status": "city"}
    )
    reference_store.save_record(
        workspace, RecordKind.CLUSTER, {"name": "אשכול נגב מערבי", "members": [sderot]}
    )
    ministry = reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "משרד הפנים", "sector": "government"}
    )
    reference_store.save_record(
        workspace, RecordKind.PERSON, {"full_name": "דנה (דמו)", "organisation": ministry}
    )
    workspace.close()


def test_a_batch_migration_recreating_referenced_tables_keeps_every_reference(
    workspace_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _workspace_with_references(workspace_path)
    _with_extra_revision(tmp_path, monkeypatch, "9001_test", RECREATE_TABLES)
    workspace = open_workspace(workspace_path)
    clusters = reference_store.list_records(workspace, RecordKind.CLUSTER)
    people = reference_store.list_records(workspace, RecordKind.PERSON)
    workspace.close()
    assert clusters[0]["member_titles"] == ["שדרות"]  # not cascade-deleted
    assert people[0]["organisation_title"] == "משרד הפנים"
    assert workspace_module.schema_revision(workspace_path) == "9001_test"


def test_a_failed_upgrade_leaves_the_workspace_as_it_was(
    workspace_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _workspace_with_references(workspace_path)
    shipped_head = head_revision()
    _with_extra_revision(tmp_path, monkeypatch, "9002_test", FAILING_REVISION)
    with pytest.raises(workspace_module.MigrationFailed) as caught:
        open_workspace(workspace_path)
    assert workspace_path.name in str(caught.value)
    backups = list(workspace_path.parent.glob("test.backup-*.shutafut"))
    assert len(backups) == 1 and backups[0].name in str(caught.value)
    with closing(sqlite3.connect(workspace_path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == shipped_head
        assert connection.execute("SELECT count(*) FROM person").fetchone()[0] == 1
        columns = [row[1] for row in connection.execute("PRAGMA table_info(organisation)")]
        assert "website" not in columns
    assert not Path(f"{workspace_path}-wal").exists()


def test_missing_file_is_refused_without_creating_it(tmp_path: Path) -> None:
    with pytest.raises(NotAWorkspaceFile):
        open_workspace(tmp_path / "nothing.shutafut")
    assert list(tmp_path.iterdir()) == []
    assert check_workspace(tmp_path / "nothing.shutafut")
    assert list(tmp_path.iterdir()) == []


def test_creating_leaves_only_the_workspace_file(tmp_path: Path) -> None:
    path = tmp_path / "new.shutafut"
    create_workspace(path).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.shutafut"]
    workspace = open_workspace(path)
    assert workspace.info("created_with") and workspace.info("created_at")
    assert not workspace.read_only and workspace.read_only_reason == ""
    workspace.close()


def test_creating_in_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        create_workspace(tmp_path / "no-such-folder" / "new.shutafut")
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_file_really_opens_read_only(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_workspace(workspace_path).close()
    os.chmod(workspace_path, 0o444)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Root may write whatever the mode says (CI runs as root): the permission check the
        # workspace makes is answered as the kernel answers everyone else for a 0444 file.
        real_access = os.access

        def access(target: Any, mode: int, **kwargs: Any) -> bool:
            if Path(target) == workspace_path and mode & os.W_OK:
                return False
            return real_access(target, mode, **kwargs)

        monkeypatch.setattr(os, "access", access)
    try:
        before = _snapshot(workspace_path)
        workspace = open_workspace(workspace_path)
        assert workspace.read_only and workspace.read_only_reason
        assert reference_store.count_records(workspace, RecordKind.ORGANISATION) == 0
        workspace.close()
        assert _snapshot(workspace_path) == before
    finally:
        os.chmod(workspace_path, 0o644)


def test_backup_copy_includes_what_is_still_in_the_wal(workspace_path: Path, tmp_path: Path) -> None:
    from desktop.storage.backup import backup_copy

    workspace = create_workspace(workspace_path)
    reference_store.save_record(
        workspace, RecordKind.ORGANISATION, {"name": "משרד הפנים", "sector": "government"}
    )
    assert Path(f"{workspace_path}-wal").exists()  # the record is in the WAL, still open
    copy = backup_copy(workspace, tmp_path / "copy.shutafut")
    with pytest.raises(FileExistsError):
        backup_copy(workspace, copy)
    workspace.close()
    assert check_workspace(copy) == []
    opened = open_workspace(copy)
    assert [row["name"] for row in reference_store.list_records(opened, RecordKind.ORGANISATION)] == [
        "משרד הפנים"
    ]
    opened.close()
    assert not list(tmp_path.glob("*.partial"))


def test_a_file_on_read_only_media_opens_read_only_saying_why(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_workspace(workspace_path).close()
    before = _snapshot(workspace_path)
    monkeypatch.setattr(workspace_module, "_on_read_only_media", lambda path: True)
    workspace = open_workspace(workspace_path)
    assert workspace.read_only and workspace.read_only_reason
    assert workspace.read_only_reason == _(
        "Opened read-only: the disk or memory stick it is on cannot be written to."
    )
    assert reference_store.count_records(workspace, RecordKind.ORGANISATION) == 0
    workspace.close()
    assert _snapshot(workspace_path) == before


def test_an_older_workspace_opened_read_only_is_refused_untouched(workspace_path: Path) -> None:
    engine = workspace_module.make_engine(workspace_path)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    engine.dispose()
    workspace_module._upgrade(workspace_path, "0001")
    before = _snapshot(workspace_path)
    with pytest.raises(workspace_module.ReadOnlyNeedsUpgrade, match="test.shutafut"):
        open_workspace(workspace_path, read_only=True)
    assert _snapshot(workspace_path) == before


# --- opening without SQLAlchemy (issue 16) -----------------------------------------------------


def test_opening_a_file_reads_its_first_view_without_making_the_engine(workspace_path: Path) -> None:
    """The window shows a workspace before SQLAlchemy loads: opening checks the file with
    sqlite3, and the facts of the first view are plain reads; the engine comes with the first
    session (an edit here), and reads then see what it wrote."""
    from desktop.storage.first_run import has_authorities
    from desktop.storage.journey_store import document_count

    create_workspace(workspace_path).close()
    opened = open_workspace(workspace_path)
    try:
        assert not opened.engine_made
        assert not opened.is_demo
        assert document_count(opened) == 0
        assert not has_authorities(opened)
        assert not opened.engine_made
        opened.set_info("note", "written through SQLAlchemy")
        assert opened.engine_made
        assert opened.info("note") == "written through SQLAlchemy"
        assert opened.info("absent", "default") == "default"
    finally:
        opened.close()


def test_plain_reads_and_sessions_agree_on_both_backends(workspace: Any) -> None:
    """Workspace.read is the same SQL on a file (sqlite3) and a team server (the engine)."""
    from desktop.storage.first_run import has_authorities
    from desktop.storage.journey_store import document_count

    assert workspace.info("created_with")
    assert document_count(workspace) == 0
    assert not has_authorities(workspace)
    reference_store.save_record(
        workspace,
        RecordKind.AUTHORITY,
        {"name_he": "אופקים", "municipal_status": "city"},
    )
    workspace.set_info("demo", "1")
    assert has_authorities(workspace)
    assert workspace.is_demo
    assert workspace.read("SELECT name_he FROM authority WHERE name_he = :name", {"name": "אופקים"}) == [
        ("אופקים",)
    ]


def test_an_early_probe_counts_only_while_the_file_is_unchanged(workspace_path: Path) -> None:
    """probe_early checks the file while the window is built; opening uses what it found only if
    the file is still the one it checked, and refuses a file changed meanwhile as ever."""
    create_workspace(workspace_path).close()
    workspace_module.probe_early(workspace_path)
    open_workspace(workspace_path).close()
    assert not workspace_module._early_probes  # used once, then forgotten

    workspace_module.probe_early(workspace_path)
    workspace_module._early_probes[workspace_path.resolve()].thread.join()  # it passed the file
    workspace_path.write_bytes(b"not a workspace any more\n" * 10)
    _assert_refused(workspace_path, NotAWorkspaceFile)
    assert not workspace_module._early_probes
