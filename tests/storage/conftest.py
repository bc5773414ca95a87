"""Storage tests run against both a workspace file and a PostgreSQL team server."""

from __future__ import annotations

import pytest


@pytest.fixture
def workspace(any_workspace):  # type: ignore[no-untyped-def]
    """In tests/storage, `workspace` is each backend in turn (see `any_workspace`)."""
    return any_workspace
