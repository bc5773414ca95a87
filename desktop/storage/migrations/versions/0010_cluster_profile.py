"""Regional cluster profiles with their guidance needs: one JSON document per cluster.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision: str | None = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cluster_profile",
        sa.Column("cluster_uuid", sa.String(length=36), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_profile")),
        sa.UniqueConstraint("cluster_uuid", name=op.f("uq_cluster_profile_cluster_uuid")),
        sa.UniqueConstraint("uuid", name=op.f("uq_cluster_profile_uuid")),
    )


def downgrade() -> None:
    op.drop_table("cluster_profile")
