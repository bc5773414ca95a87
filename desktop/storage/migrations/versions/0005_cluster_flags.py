"""The flags work of each regional cluster: items, diagnoses and plans (as JSON).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cluster_flags",
        sa.Column("cluster_uuid", sa.String(length=36), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_flags")),
        sa.UniqueConstraint("cluster_uuid", name=op.f("uq_cluster_flags_cluster_uuid")),
        sa.UniqueConstraint("uuid", name=op.f("uq_cluster_flags_uuid")),
    )


def downgrade() -> None:
    op.drop_table("cluster_flags")
