"""Alembic environment: always run on the connection the workspace code passes in."""

from __future__ import annotations

from alembic import context

from desktop.storage.tables import Base  # every table is declared there

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
