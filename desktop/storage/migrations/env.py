"""Alembic environment: always run on the connection the workspace code passes in."""

from __future__ import annotations

from alembic import context

from desktop.models import (  # noqa: F401  (registers the tables)
    agreement,
    community_record,
    exchange_record,
    flags,
    forum,
    reference,
    selection_process,
)
from desktop.models.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
