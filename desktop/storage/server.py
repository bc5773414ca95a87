"""A workspace on a team's PostgreSQL server instead of a local file.

The same tables and Alembic migrations as a `.shutafut` file. Opening first probes the
database in a read-only transaction and refuses, with a translated message and without
changing anything, what is not a Shutafut workspace of this version. An empty database
becomes a workspace only when asked (`initialise=True`); an older schema is upgraded by
Alembic in one transaction (PostgreSQL rolls DDL back too), under an advisory lock so two
team members opening it at the same moment do not both upgrade it.

Addresses are SQLAlchemy URLs (`postgresql+psycopg://user:password@host:5432/database`);
the password is never shown: `display_address` drops it, and error details have it removed.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sqlalchemy import Engine, create_engine, insert, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from desktop import __version__
from desktop.i18n import _
from desktop.storage.tables import Base, WorkspaceInfo
from desktop.storage.workspace import (
    MigrationFailed,
    NewerWorkspace,
    ReadOnlyNeedsUpgrade,
    Workspace,
    WorkspaceError,
    _alembic_config,
    _known_revisions,
    head_revision,
)

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
ENVIRONMENT_VARIABLE = "SHUTAFUT_DATABASE_URL"
SSL_MODES = ("prefer", "require", "verify-full", "disable")
# pg_advisory_xact_lock key: "SHTF" as in the SQLite files' application id.
ADVISORY_LOCK = 0x53485446
CONNECT_TIMEOUT_SECONDS = 10
# SQLSTATEs of a refused login and of a database that does not exist.
LOGIN_REFUSED = ("28P01", "28000")
NO_SUCH_DATABASE = "3D000"


class InvalidServerAddress(WorkspaceError):
    pass


class ServerUnreachable(WorkspaceError):
    pass


class ServerLoginRefused(WorkspaceError):
    pass


class NoSuchDatabase(WorkspaceError):
    pass


class ForeignDatabase(WorkspaceError):
    pass


class EmptyDatabase(WorkspaceError):
    """The database holds no tables yet: it can be made a workspace (initialise=True)."""


class DatabaseNotEmpty(WorkspaceError):
    pass


def is_database_url(text: str) -> bool:
    return "://" in text


def server_url(address: str | URL) -> URL:
    """The SQLAlchemy URL of a PostgreSQL address, with the psycopg 3 driver."""
    if isinstance(address, str) and "://" in address:
        authority = address.split("://", 1)[1].split("/", 1)[0]
        if authority.count("@") > 1:  # the URL parser would take part of the password as the host
            raise InvalidServerAddress(
                _(
                    "The address holds more than one @. Write an @ in the user name or password "
                    "as %40, e.g. postgresql://user:pa%40ss@server/database."
                )
            )
    try:
        url = make_url(address) if isinstance(address, str) else address
        url.port  # noqa: B018 - a port that is not a number raises here, not at connect time
    except (ArgumentError, ValueError) as error:
        raise InvalidServerAddress(
            _(
                "“{address}” is not a database address; it should look like "
                "postgresql://user@server/database."
            ).format(address=_scrub(str(address), None))
        ) from error
    if url.get_backend_name() != "postgresql":
        raise InvalidServerAddress(
            _("Only PostgreSQL team servers are supported, not “{kind}”.").format(kind=url.get_backend_name())
        )
    if not url.database:
        raise InvalidServerAddress(
            _("The address {address} does not name a database.").format(address=display_address(url))
        )
    return url.set(drivername=DRIVER)


def build_url(
    host: str, port: int, database: str, user: str, password: str = "", ssl_mode: str = "prefer"
) -> URL:
    """The address the connection dialog's fields describe."""
    query = {"sslmode": ssl_mode} if ssl_mode and ssl_mode != "prefer" else {}
    return URL.create(
        DRIVER,
        username=user or None,
        password=password or None,
        host=host or None,
        port=port or None,
        database=database,
        query=query,
    )


def build_address(
    host: str, port: int, database: str, user: str, password: str = "", ssl_mode: str = "prefer"
) -> str:
    """`build_url` as text (with the password: to connect with, never to show)."""
    return build_url(host, port, database, user, password, ssl_mode).render_as_string(hide_password=False)


def display_address(url: URL | str) -> str:
    """The address without its password, for titles, lists and messages."""
    url = server_url(url) if isinstance(url, str) else url
    without = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    return unquote(without.render_as_string(hide_password=False))


def display_name(url: URL) -> str:
    """A short name for the window title: the database and its server."""
    return _("{database} on {server}").format(database=url.database or "", server=url.host or "localhost")


def _scrub(detail: str, url: URL | None) -> str:
    """`detail` with the password taken out, whatever put it there."""
    password = url.password if url is not None else None
    if password:
        detail = detail.replace(str(password), "•••")
    return detail.strip()


def make_server_engine(url: URL, *, read_only: bool = False) -> Engine:
    connect_args: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "application_name": "Shutafut",
    }
    if read_only:
        connect_args["options"] = "-c default_transaction_read_only=on"
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _connection_error(error: DBAPIError, url: URL) -> WorkspaceError:
    state = getattr(error.orig, "sqlstate", None)
    detail = str(error.orig)
    # libpq reports a refused connection without a SQLSTATE, in the server's words.
    if state is None and "password authentication failed" in detail:
        state = LOGIN_REFUSED[0]
    if state is None and f'database "{url.database}" does not exist' in detail:
        state = NO_SUCH_DATABASE
    server = url.host or "localhost"
    if state in LOGIN_REFUSED:
        return ServerLoginRefused(
            _("The server {server} refused the user name or password of {user}.").format(
                server=server, user=url.username or ""
            )
        )
    if state == NO_SUCH_DATABASE:
        return NoSuchDatabase(
            _("There is no database named {database} on the server {server}.").format(
                database=url.database, server=server
            )
        )
    return ServerUnreachable(
        _("Cannot connect to the team server {server}: {detail}").format(
            server=server, detail=_scrub(str(error.orig), url)
        )
    )


def _probe(url: URL) -> tuple[bool, str | None]:
    """Refuse what is not a workspace of this version; (is empty, schema revision)."""
    engine = make_server_engine(url, read_only=True)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            if not tables:
                return True, None
            if "workspace_info" not in tables:
                raise ForeignDatabase(
                    _(
                        "The database {database} on {server} holds the tables of another "
                        "program, not a Shutafut workspace."
                    ).format(database=url.database, server=url.host or "localhost")
                )
            revision = None
            if "alembic_version" in tables:
                revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            connection.rollback()
    except OperationalError as error:
        raise _connection_error(error, url) from None
    except DBAPIError as error:  # e.g. the user may not read the tables
        raise ServerUnreachable(
            _("The team server {server} refused to show the workspace: {detail}").format(
                server=url.host or "localhost", detail=_scrub(str(error.orig), url)
            )
        ) from None
    finally:
        engine.dispose()
    if revision is not None and revision not in _known_revisions():
        raise NewerWorkspace(
            _(
                "The workspace {name} was saved by a newer version of Shutafut. Update Shutafut to open it."
            ).format(name=display_name(url))
        )
    return False, revision


def _lock(connection: Any) -> None:
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})


def _initialise(url: URL) -> None:
    """Create the schema in an empty database, in one transaction."""
    from alembic import command

    engine = make_server_engine(url)
    try:
        with engine.begin() as connection:
            _lock(connection)
            if inspect(connection).get_table_names():
                return  # someone else initialised it a moment ago
            Base.metadata.create_all(connection)
            command.stamp(_alembic_config(connection), "head")
            now = datetime.now().isoformat(timespec="seconds")
            connection.execute(
                insert(WorkspaceInfo),
                [
                    {"key": "created_with", "value": __version__},
                    {"key": "created_at", "value": now},
                ],
            )
    except OperationalError as error:
        raise _connection_error(error, url) from error
    except DBAPIError as error:  # e.g. the user may not create tables in this database
        raise ServerUnreachable(
            _("The team server {server} refused to create the workspace: {detail}").format(
                server=url.host or "localhost", detail=_scrub(str(error.orig), url)
            )
        ) from None
    finally:
        engine.dispose()


def _upgrade(url: URL, target: str = "head") -> None:
    """Migrate to `target` in one transaction; PostgreSQL enforces references throughout."""
    from alembic import command

    engine = make_server_engine(url)
    try:
        with engine.begin() as connection:
            _lock(connection)
            found = (
                connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if inspect(connection).has_table("alembic_version")
                else None
            )
            if found != head_revision() or target != "head":
                command.upgrade(_alembic_config(connection), target)
    finally:
        engine.dispose()


def open_server_workspace(
    address: str | URL, *, read_only: bool = False, initialise: bool = False
) -> Workspace:
    """Open the workspace in the database at `address`, refusing (WorkspaceError) anything
    that is not a usable workspace; an empty database is made one only with `initialise`."""
    url = server_url(address)
    empty, revision = _probe(url)
    if empty:
        if read_only or not initialise:
            raise EmptyDatabase(
                _("The database {database} on {server} is empty: it holds no Shutafut workspace yet.").format(
                    database=url.database, server=url.host or "localhost"
                )
            )
        _initialise(url)
        revision = head_revision()
    if revision != head_revision():
        if read_only:
            raise ReadOnlyNeedsUpgrade(
                _(
                    "The workspace {name} comes from an older version and must be upgraded, but "
                    "it is open read-only."
                ).format(name=display_name(url))
            )
        try:
            _upgrade(url)
        except Exception as error:
            detail = getattr(error, "orig", None) or error
            raise MigrationFailed(
                _(
                    "The workspace {name} could not be upgraded to this version of Shutafut "
                    "({detail}). It was left as it was."
                ).format(name=display_name(url), detail=_scrub(str(detail), url))
            ) from error
    return Workspace(
        None,
        make_server_engine(url, read_only=read_only),
        read_only=read_only,
        server=display_address(url),
        server_name=display_name(url),
    )


def create_server_workspace(address: str | URL) -> Workspace:
    """A new workspace in an empty database; a database holding anything is refused."""
    url = server_url(address)
    empty, _revision = _probe(url)
    if not empty:
        raise DatabaseNotEmpty(
            _(
                "The database {database} on {server} is not empty; a new workspace needs an empty database."
            ).format(database=url.database, server=url.host or "localhost")
        )
    return open_server_workspace(url, initialise=True)


def try_connection(address: str | URL) -> str:
    """What the connection dialog's Test button reports (translated); raises WorkspaceError."""
    url = server_url(address)
    empty, revision = _probe(url)
    if empty:
        return _("Connected. The database is empty: opening it creates a new workspace.")
    if revision != head_revision():
        return _("Connected. The workspace is from an older version; opening it upgrades it.")
    return _("Connected. The database holds a Shutafut workspace.")


def check_server_workspace(address: str | URL) -> list[str]:
    """Problems found (translated), without changing anything; [] when fine."""
    try:
        url = server_url(address)
        empty, revision = _probe(url)
    except WorkspaceError as error:
        return [str(error)]
    if empty:
        return [
            _("The database {database} on {server} is empty: it holds no Shutafut workspace yet.").format(
                database=url.database, server=url.host or "localhost"
            )
        ]
    if revision != head_revision():
        return [
            _(
                "The schema version is {found}; this version of Shutafut expects {expected}. "
                "Opening the workspace upgrades it."
            ).format(found=revision or "—", expected=head_revision())
        ]
    return []


def open_location(location: Path | str, *, read_only: bool = False) -> Workspace:
    """Open a workspace file (a Path) or a team server's database (an address)."""
    if isinstance(location, Path):
        from desktop.storage.workspace import open_workspace

        return open_workspace(location, read_only=read_only)
    return open_server_workspace(location, read_only=read_only)


def location_text(location: Path | str) -> str:
    """A file's path or a server address to show (without its password)."""
    if isinstance(location, Path):
        return str(location)
    try:
        return display_address(server_url(location))
    except WorkspaceError:
        return _scrub(location, None)
