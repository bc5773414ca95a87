"""Exchange bookkeeping kept once, in its key's order: `exchange_shared` without a rowid.

A table with a rowid keeps each (record, hash) twice, in the table and in its key's index; an
import of a large file writes 45,000 of them. SQLite alone: PostgreSQL has no rowid.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _rebuild(with_rowid=False)


def downgrade() -> None:
    _rebuild(with_rowid=True)


def _rebuild(*, with_rowid: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_table(
        "_exchange_shared_rebuilt",
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("shared_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("record_uuid", "content_hash", name=op.f("pk_exchange_shared")),
        sqlite_with_rowid=with_rowid,
    )
    op.execute(
        "INSERT INTO _exchange_shared_rebuilt (record_uuid, content_hash, shared_at)"
        " SELECT record_uuid, content_hash, shared_at FROM exchange_shared"
        " ORDER BY record_uuid, content_hash"
    )
    op.drop_table("exchange_shared")
    op.rename_table("_exchange_shared_rebuilt", "exchange_shared")
