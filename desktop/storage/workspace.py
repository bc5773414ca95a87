"""A workspace: one SQLite file (`*.shutafut`) holding everything a team works on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from desktop.models.base import Base
from desktop.models.reference import WorkspaceInfo

EXTENSION = ".shutafut"
# PRAGMA application_id marks a SQLite file as ours ("SHTF").
APPLICATION_ID = 0x53485446


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    if read_only:
        url = f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true"
    else:
        url = f"sqlite:///{path.as_posix()}"
    engine = create_engine(url)
    event.listen(engine, "connect", _enable_sqlite_pragmas)
    return engine


class Workspace:
    """An open workspace: its path, engine and a session factory."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def name(self) -> str:
        return self.path.stem

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short session for one operation: committed on success, rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def info(self, key: str, default: str = "") -> str:
        with self.session() as session:
            row = session.get(WorkspaceInfo, key)
            return row.value if row is not None else default

    def set_info(self, key: str, value: str) -> None:
        with self.session() as session:
            session.merge(WorkspaceInfo(key=key, value=value))

    @property
    def is_demo(self) -> bool:
        return self.info("demo") == "1"

    def close(self) -> None:
        self.engine.dispose()


def create_workspace(path: Path) -> Workspace:
    engine = make_engine(path)
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    Base.metadata.create_all(engine)
    return Workspace(path, engine)


def open_workspace(path: Path, *, read_only: bool = False) -> Workspace:
    return Workspace(path, make_engine(path, read_only=read_only), read_only=read_only)
