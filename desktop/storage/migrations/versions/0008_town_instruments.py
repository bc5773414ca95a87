"""The town instruments after the design forum (seed 001 chapters 4, 5 and 8): one JSON
document per collective plan, per town's investment portfolio and per town's
infrastructure-outcomes compass.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels = None
depends_on = None


def _document_table(name: str, *columns: sa.Column[object] | sa.UniqueConstraint) -> None:
    op.create_table(
        name,
        *columns,
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("uuid", name=op.f(f"uq_{name}_uuid")),
    )


def upgrade() -> None:
    _document_table(
        "collective_plan",
        sa.Column("goal", sa.String(length=200), nullable=False),
        sa.Column("town_uuid", sa.String(length=36), nullable=False),
    )
    _document_table(
        "investment_portfolio",
        sa.Column("town_uuid", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.UniqueConstraint("town_uuid", name=op.f("uq_investment_portfolio_town_uuid")),
    )
    _document_table(
        "outcomes_compass",
        sa.Column("town_uuid", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.UniqueConstraint("town_uuid", name=op.f("uq_outcomes_compass_town_uuid")),
    )


def downgrade() -> None:
    op.drop_table("outcomes_compass")
    op.drop_table("investment_portfolio")
    op.drop_table("collective_plan")
