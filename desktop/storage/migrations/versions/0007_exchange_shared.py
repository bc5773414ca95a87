"""Exchange between laptops: the content hashes of each record at the times it was shared.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_shared",
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("shared_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("record_uuid", "content_hash", name=op.f("pk_exchange_shared")),
    )


def downgrade() -> None:
    op.drop_table("exchange_shared")
