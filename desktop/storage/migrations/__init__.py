"""Alembic migrations of the workspace schema (run automatically when a workspace is opened)."""
