"""Headless batch commands: `shutafut-cli demo|check|pdf|list|backup|restore|backups|export|import`.

User errors print one translated line to stderr and exit non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop import i18n
from desktop.command_line import argparse_speaks_ours, language_from
from desktop.i18n import _, os_error_text

TYPE_CHECKING = False  # (typing is not imported at run time: see desktop.i18n)
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from desktop.storage.workspace import Workspace

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(_("Error: {message}").format(message=message), file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _server_option(parser: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup) -> None:
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help=_(
            "a workspace on a team server, postgresql://user:password@server/database "
            "(default: the environment variable {variable})"
        ).format(variable="SHUTAFUT_DATABASE_URL"),
    )


def _where(parser: argparse.ArgumentParser) -> None:
    """--workspace PATH or --database-url URL, one of them (see _resolve_location)."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workspace", type=Path, help=_("the workspace file"))
    _server_option(where)


def _resolve_location(arguments: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """`arguments.location`: the file, or the server address (also from the environment)."""
    import os

    from desktop.storage.server import ENVIRONMENT_VARIABLE, location_text

    if not hasattr(arguments, "database_url"):
        return  # a command for workspace files only (backups, exchange)
    file = getattr(arguments, "workspace", None) or getattr(arguments, "path", None)
    url = arguments.database_url
    if file is not None and url:
        parser.error(_("give either a workspace file or --database-url, not both"))
    if file is None:
        url = url or os.environ.get(ENVIRONMENT_VARIABLE, "")
        if not url:
            parser.error(_("give a workspace file (--workspace) or a team server (--database-url)"))
    arguments.location = file if file is not None else url
    if file is None and hasattr(arguments, "workspace"):
        arguments.workspace = location_text(url)  # named in messages, without the password


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given the arguments, the documents of `pdf` (which import
    every report and reportlab) are only described when the command is `pdf`."""
    argparse_speaks_ours()  # (before any parser: their headings are named when made)
    parser = _Parser(prog="shutafut-cli", description=_("Shutafut batch commands."))
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, help=_("language of messages and documents (default: Hebrew)")
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    demo = commands.add_parser("demo", help=_("create a demo workspace"))
    demo.add_argument("path", type=Path, nargs="?", help=_("the new workspace file"))
    _server_option(demo)
    check = commands.add_parser("check", help=_("check a workspace (integrity, schema version)"))
    check.add_argument("path", type=Path, nargs="?", help=_("the workspace file"))
    _server_option(check)
    _add_pdf_commands(commands, documents=argv is None or "pdf" in argv)
    _add_list_command(commands)
    from desktop.cli_backups import add_backup_commands

    add_backup_commands(commands)
    from desktop import cli_exchange  # exchange between laptops: export, import

    cli_exchange.add_parsers(commands)
    return parser


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_PROBLEM


def _demo(path: Path | str) -> int:
    from desktop.storage.demo import create_demo_workspace
    from desktop.storage.server import location_text

    if isinstance(path, str):
        create_demo_workspace(path, whole_path=True).close()
        print(_("Demo workspace created: {path}").format(path=location_text(path)))
        return EXIT_OK
    if path.exists():
        return _fail(_("{path} already exists; choose a new file name.").format(path=path))
    if not path.parent.is_dir():
        return _fail(_("The folder {folder} does not exist.").format(folder=path.parent))
    create_demo_workspace(path, whole_path=True).close()
    print(_("Demo workspace created: {path}").format(path=path))
    return EXIT_OK


def _check(path: Path | str) -> int:
    from desktop.storage.server import check_server_workspace, location_text
    from desktop.storage.workspace import check_workspace

    problems = check_workspace(path) if isinstance(path, Path) else check_server_workspace(path)
    if problems:
        from desktop.cli_backups import latest_backup_line

        backup = [latest_backup_line(path)] if isinstance(path, Path) else []
        for problem in problems + backup:
            if problem:
                print(problem, file=sys.stderr)
        return EXIT_PROBLEM
    print(_("{path}: OK").format(path=location_text(path)))
    return EXIT_OK


# --- pdf: every document of the registry --------------------------------------------------------


def _record_help() -> dict[str, str]:
    return {
        "selection": _("the number of the selection process"),
        "agreements": _("the number of the agreement"),
        "forums": _("the number of the forum"),
        "flags": _("the number of the cluster's flags work (see: shutafut-cli list flags)"),
        "communities": _("the number of the learning community"),
        "clusters": _("the number of the cluster profile"),
        "collective-plans": _("the number of the collective plan"),
        "portfolios": _("the number of the investment portfolio"),
        "compasses": _("the number of the infrastructure-outcomes compass"),
    }


def _add_pdf_commands(commands: argparse._SubParsersAction[_Parser], *, documents: bool = True) -> None:
    pdf = commands.add_parser("pdf", help=_("print a document as PDF"))
    if documents:
        _add_pdf_documents(pdf)


def _add_pdf_documents(pdf: argparse.ArgumentParser) -> None:
    from desktop.reports.registry import (
        CLUSTER,
        COMPARE,
        DIAGNOSIS,
        ITEM,
        KINDS,
        MEETING,
        SESSION,
        TOWN,
        VERSION,
    )

    documents = pdf.add_subparsers(dest="document", required=True, parser_class=_Parser)
    option_arguments: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
        VERSION: (
            ("--version",),
            {"type": record_number, "help": _("a sent version (default: the current draft)")},
        ),
        SESSION: (
            ("--session",),
            {"type": int, "default": 1, "choices": range(1, 5), "help": _("the session, 1 to 4")},
        ),
        MEETING: (
            ("--meeting",),
            {
                "type": record_number,
                "help": _("the meeting's number in date order (default: the next meeting, or the first)"),
            },
        ),
        DIAGNOSIS: (
            ("--diagnosis",),
            {
                "type": record_number,
                "required": True,
                "help": _("the diagnosis number, as shown beside it in the app"),
            },
        ),
        ITEM: (
            ("--item",),
            {
                "type": record_number,
                "required": True,
                "help": _("the item's number in the cluster's list of items"),
            },
        ),
        TOWN: (("--town",), {"help": _("the town's name (the journey report, or instead of --id)")}),
        CLUSTER: (("--cluster",), {"help": _("journey report: the regional cluster's name")}),
        COMPARE: (
            ("--compare",),
            {"type": int, "help": _("an earlier taking to compare the latest with (1 = the first)")},
        ),
    }
    for kind in KINDS:
        command = documents.add_parser(kind.key, help=kind.title())
        _where(command)
        if kind.feature == "clusters":
            _add_cluster_choice(command, required=not kind.record_optional)
        elif kind.needs_record:
            command.add_argument(
                "--id",
                type=record_number,
                required=TOWN not in kind.options,
                dest="record_id",
                help=_record_help()[kind.feature],
            )
        for option in kind.options:
            names, settings = option_arguments[option]
            command.add_argument(*names, dest=option, **settings)
        if kind.key == "forum-agenda":
            command.add_argument(
                "--facilitator", action="store_true", help=_("the facilitator's copy, with notes")
            )
        command.add_argument("--out", type=Path, required=True, help=_("the PDF file to write"))
        command.add_argument(
            "--force", action="store_true", help=_("replace the --out file if it is a PDF made by Shutafut")
        )
        command.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the document"))


def _missing_record(feature: str, number: int, path: object) -> str:
    messages = {
        "selection": _("There is no selection process number {number} in {path}."),
        "agreements": _("There is no agreement number {number} in {path}."),
        "forums": _("There is no design forum number {number} in {path}."),
        "flags": _("There is no flags work number {number} in {path}."),
        "communities": _("There is no learning community number {number} in {path}."),
        "clusters": _("There is no cluster profile number {number} in {path}."),
        "collective-plans": _("There is no collective plan number {number} in {path}."),
        "portfolios": _("There is no investment portfolio number {number} in {path}."),
        "compasses": _("There is no infrastructure-outcomes compass number {number} in {path}."),
    }
    return messages[feature].format(number=number, path=path)


def _add_cluster_choice(command: argparse.ArgumentParser, *, required: bool) -> None:
    """The cluster documents: the profile by its number (--id) or by its cluster's name."""
    choice = command.add_mutually_exclusive_group(required=required)
    choice.add_argument("--id", type=record_number, dest="record_id", help=_record_help()["clusters"])
    choice.add_argument("--cluster", dest="cluster_name", help=_("the name of the regional cluster"))


def _cluster_record(workspace: Workspace, name: str) -> int | None:
    from desktop.storage.cluster_store import profile_by_cluster_name

    return profile_by_cluster_name(workspace, name)


def _missing_choice(option: str, value: object, key: str = "") -> str:
    if option == "meeting" and value is None:
        return _("The learning community has no meetings yet.")
    if option == "town" and key == "investment-portfolio":
        if value is None:
            return _("Name the town with --town, or give the portfolio's number with --id.")
        return _("There is no investment portfolio of a town called {town}.").format(town=value)
    if option in ("town", "cluster"):  # the journey report
        if value is None:
            return _("Name a town with --town or a regional cluster with --cluster (one of them).")
        if option == "town":
            return _("No town named {name} is being worked with in the workspace.").format(name=value)
        return _("There is no regional cluster named {name} in the workspace.").format(name=value)
    messages = {
        "version": _("The agreement has no version {number}."),
        "session": _("The forum has no session {number}."),
        "meeting": _("The learning community has no meeting number {number}."),
        "diagnosis": _("There is no flags diagnosis number {number}."),
        "item": _("The flags work has no item number {number}."),
        "compare": _("The compass has no earlier taking number {number} to compare with."),
    }
    return messages[option].format(number=value)


def _pdf(arguments: argparse.Namespace, language: str) -> int:
    from desktop.documents import NoSuchChoice, export_document
    from desktop.reports.registry import document_kind
    from desktop.storage.private_files import create_private
    from desktop.storage.reference_store import RecordNotFound
    from desktop.storage.server import open_location

    out: Path = arguments.out
    if not out.parent.is_dir():
        return _fail(_("The folder {folder} does not exist.").format(folder=out.parent))
    refusal = _out_refusal(out, arguments.force)
    if refusal:
        return _fail(refusal)
    key = arguments.document
    if key == "forum-agenda" and arguments.facilitator:
        key = "forum-agenda-facilitator"
    kind = document_kind(key)
    record_id = getattr(arguments, "record_id", None)
    options = {option: getattr(arguments, option) for option in kind.options}
    workspace = open_location(arguments.location, read_only=True)
    cluster_name = getattr(arguments, "cluster_name", None)
    if cluster_name:
        record_id = _cluster_record(workspace, cluster_name)
        if record_id is None:
            workspace.close()
            return _fail(
                _("No regional cluster called {name} has a profile in {path}.").format(
                    name=cluster_name, path=arguments.workspace
                )
            )
    partial = out.with_name(f".{out.name}.writing-{os.getpid()}")
    try:
        create_private(partial)
        export_document(workspace, key, record_id, partial, language, **options)
        refusal = _out_refusal(out, arguments.force)  # a file may have appeared meanwhile
        if refusal:
            return _fail(refusal)
        os.replace(partial, out)
    except RecordNotFound:
        return _fail(_missing_record(kind.feature, record_id or 0, arguments.workspace))
    except NoSuchChoice as missing:
        return _fail(_missing_choice(missing.option, missing.value, key))
    finally:
        workspace.close()
        partial.unlink(missing_ok=True)
    print(_("Written: {path}").format(path=out))
    return EXIT_OK


def _out_refusal(out: Path, force: bool) -> str:
    """Why the PDF must not be written to `out` (translated), or "" when it may."""
    from desktop.storage.private_files import is_our_pdf

    if not out.exists() and not out.is_symlink():
        return ""
    if not out.is_file() or out.is_symlink() or not is_our_pdf(out):
        return _(
            "{path} already exists and is not a PDF made by Shutafut; it was left as it was. "
            "Choose a new file name."
        ).format(path=out)
    if not force:
        return _("{path} already exists. Add --force to replace it, or choose a new file name.").format(
            path=out
        )
    return ""


# --- list: the numbers a pdf command needs ----------------------------------------------------------

LIST_KINDS = ("selections", "agreements", "forums", "flags", "communities", "clusters", "authorities")


def _add_list_command(commands: argparse._SubParsersAction[_Parser]) -> None:
    listing = commands.add_parser(
        "list", help=_("list the records of a kind, each with its number (the --id of pdf)")
    )
    listing.add_argument("kind", choices=LIST_KINDS, help=_("what to list"))
    _where(listing)


def _numbered(workspace: Workspace, kind: str) -> list[tuple[int, str]]:
    from desktop.models.records import RecordKind

    if kind == "selections":
        from desktop.storage.selection_store import list_processes

        return [(p.id, p.title) for p in list_processes(workspace)]
    if kind == "agreements":
        from desktop.storage.agreement_store import list_agreements

        return [(a.id, a.title) for a in list_agreements(workspace)]
    if kind == "forums":
        from desktop.storage.forum_store import list_forums

        return [(f.id, f.title) for f in list_forums(workspace)]
    if kind == "flags":
        from desktop.storage.flags_store import list_flags_works

        return list_flags_works(workspace)
    if kind == "communities":
        from desktop.storage.community_store import list_communities

        return [(c.id, c.name) for c in list_communities(workspace)]
    from desktop.storage.reference_store import numbered

    return numbered(workspace, RecordKind.CLUSTER if kind == "clusters" else RecordKind.AUTHORITY)


def _list(arguments: argparse.Namespace) -> int:
    from desktop.storage.server import open_location

    workspace = open_location(arguments.location, read_only=True)
    try:
        rows = sorted(_numbered(workspace, arguments.kind))
    finally:
        workspace.close()
    for number, name in rows:
        print(f"{number}\t{name}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    language = language_from(argv)
    i18n.set_language(language if language in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)
    parser = build_parser(argv)
    try:
        arguments = parser.parse_args(argv)
        _resolve_location(arguments, parser)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    # Imported once a command runs: `--help` and usage errors never load SQLAlchemy.
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    from desktop.storage.workspace import WorkspaceError

    try:
        if arguments.command == "demo":
            return _demo(arguments.location)
        if arguments.command == "check":
            return _check(arguments.location)
        if arguments.command in ("backup", "restore", "backups"):
            from desktop.cli_backups import run_backup_command

            return run_backup_command(arguments)
        if arguments.command in ("export", "import"):
            from desktop import cli_exchange

            return cli_exchange.run(arguments)
        if arguments.command == "list":
            return _list(arguments)
        return _pdf(arguments, i18n.current_language())
    except KeyboardInterrupt:
        return _fail(_("Stopped."))
    except WorkspaceError as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(
            _("Cannot use {path}: {error}").format(path=error.filename or "", error=os_error_text(error))
        )
    except (sqlite3.Error, SQLAlchemyError) as error:  # e.g. a disk error while reading
        return _fail(database_error_line(arguments, error))


def database_error_line(arguments: argparse.Namespace, error: BaseException) -> str:
    """One translated line for a database error of any command (no password, no traceback)."""
    from desktop.storage.server import location_text

    where = getattr(arguments, "location", None) or getattr(arguments, "workspace", None) or ""
    path = location_text(where) if where else ""
    detail = getattr(error, "orig", None) or error
    if "locked" in str(detail) or "busy" in str(detail):
        return _(
            "{path} is busy: another program is writing to it. Try again in a moment; nothing was changed."
        ).format(path=path)
    from desktop.models.validation import printable

    return _("Cannot use {path}: {error}").format(path=path, error=printable(str(detail)))


def record_number(text: str) -> int:
    """An argparse type: a record number SQLite can hold (1 to 2^63 - 1)."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value} is not a whole number").format(value=text)) from None
    if not 1 <= number <= 2**63 - 1:
        raise argparse.ArgumentTypeError(_("{value} is not a record number").format(value=text[:40]))
    return number


if __name__ == "__main__":
    raise SystemExit(main())
