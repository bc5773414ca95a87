"""Headless batch commands: `shutafut-cli demo|check|pdf|backup|restore|backups|export|import`.

User errors print one translated line to stderr and exit non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from desktop import i18n
from desktop.i18n import _

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(_("Error: {message}").format(message=message), file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _language_from(argv: list[str]) -> str | None:
    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
    return None


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


def build_parser() -> argparse.ArgumentParser:
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
    pdf = commands.add_parser("pdf", help=_("print a document as PDF"))
    documents = pdf.add_subparsers(dest="document", required=True, parser_class=_Parser)
    summary = documents.add_parser("summary", help=_("the workspace summary"))
    _where(summary)
    summary.add_argument("--out", type=Path, required=True, help=_("the PDF file to write"))
    summary.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the document"))
    selection = documents.add_parser("selection", help=_("the decision report of a town selection"))
    _where(selection)
    selection.add_argument(
        "--id", type=int, required=True, dest="process_id", help=_("the number of the selection process")
    )
    selection.add_argument("--out", type=Path, required=True, help=_("the PDF file to write"))
    selection.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the document"))
    mou = documents.add_parser("mou", help=_("a memorandum of understanding"))
    _where(mou)
    mou.add_argument(
        "--id", type=int, required=True, dest="agreement_id", help=_("the number of the agreement")
    )
    mou.add_argument("--version", type=int, help=_("a sent version (default: the current draft)"))
    mou.add_argument("--out", type=Path, required=True, help=_("the PDF file to write"))
    diagnosis = documents.add_parser("flags-diagnosis", help=_("the report of a flags diagnosis"))
    _where(diagnosis)
    diagnosis.add_argument(
        "--id",
        required=True,
        dest="diagnosis_id",
        help=_("the diagnosis number, as shown beside it in the app"),
    )
    diagnosis.add_argument("--out", type=Path, required=True, help=_("the PDF file to write"))
    diagnosis.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the document"))
    plan = documents.add_parser("cluster-workplan", help=_("a regional cluster's work plan"))
    _where(plan)
    plan.add_argument("--cluster", required=True, help=_("the cluster's name"))
    plan.add_argument("--out", type=Path, required=True, help=_("the PDF file to write"))
    plan.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the document"))
    _add_community_documents(documents)
    for name, help_text in (
        ("forum-agenda", _("a design forum session's agenda")),
        ("forum-summary", _("a design forum session's summary")),
        ("shared-agenda", _("a design forum's shared agenda")),
    ):
        forum = documents.add_parser(name, help=help_text)
        _where(forum)
        forum.add_argument(
            "--id", type=int, required=True, dest="forum_id", help=_("the number of the forum")
        )
        if name != "shared-agenda":
            forum.add_argument(
                "--session", type=int, default=1, choices=range(1, 5), help=_("the session, 1 to 4")
            )
        if name == "forum-agenda":
            forum.add_argument(
                "--facilitator", action="store_true", help=_("the facilitator's copy, with notes")
            )
        forum.add_argument("--out", type=Path, required=True, help=_("the PDF file to write"))
        forum.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the document"))
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
        create_demo_workspace(path).close()
        print(_("Demo workspace created: {path}").format(path=location_text(path)))
        return EXIT_OK
    if path.exists():
        return _fail(_("{path} already exists; choose a new file name.").format(path=path))
    if not path.parent.is_dir():
        return _fail(_("The folder {folder} does not exist.").format(folder=path.parent))
    create_demo_workspace(path).close()
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


def _pdf(arguments: argparse.Namespace, language: str) -> int:
    from desktop.storage.reference_store import RecordNotFound
    from desktop.storage.server import open_location

    out: Path = arguments.out
    if not out.parent.is_dir():
        return _fail(_("The folder {folder} does not exist.").format(folder=out.parent))
    workspace = open_location(arguments.location, read_only=True)
    try:
        if arguments.document == "summary":
            from desktop.reports.summary import build_summary_pdf

            build_summary_pdf(workspace, out=out, language=language)
        elif arguments.document in ("flags-diagnosis", "cluster-workplan"):
            return _flags_pdf(workspace, arguments, out)
        elif arguments.document in ("forum-agenda", "forum-summary", "shared-agenda"):
            from desktop.reports import forum_report

            try:
                if arguments.document == "forum-agenda":
                    forum_report.build_agenda_pdf(
                        workspace,
                        arguments.forum_id,
                        arguments.session,
                        out,
                        facilitator=arguments.facilitator,
                    )
                elif arguments.document == "forum-summary":
                    forum_report.build_summary_pdf(workspace, arguments.forum_id, arguments.session, out)
                else:
                    forum_report.build_shared_agenda_pdf(workspace, arguments.forum_id, out)
            except RecordNotFound:
                return _fail(
                    _("There is no design forum number {number} in {path}.").format(
                        number=arguments.forum_id, path=arguments.workspace
                    )
                )
        elif arguments.document in COMMUNITY_DOCUMENTS:
            return _community_pdf(workspace, arguments, out, language)
        elif arguments.document == "mou":
            from desktop.reports.mou_report import build_mou_pdf

            try:
                build_mou_pdf(workspace, arguments.agreement_id, arguments.version, out=out)
            except RecordNotFound:
                return _fail(
                    _("There is no agreement number {number} in {path}.").format(
                        number=arguments.agreement_id, path=arguments.workspace
                    )
                )
            except LookupError:
                return _fail(_("The agreement has no version {number}.").format(number=arguments.version))
        else:
            from desktop.reports.selection_report import build_selection_pdf

            try:
                build_selection_pdf(workspace, arguments.process_id, out=out, language=language)
            except RecordNotFound:
                return _fail(
                    _("There is no selection process number {number} in {path}.").format(
                        number=arguments.process_id, path=arguments.workspace
                    )
                )
    finally:
        workspace.close()
    print(_("Written: {path}").format(path=out))
    return EXIT_OK


# --- learning community documents -------------------------------------------------------------

COMMUNITY_DOCUMENTS = ("syllabus", "meeting-plan", "work-teams")


def _add_community_documents(documents: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for name, help_text in (
        ("syllabus", _("a learning community's yearly syllabus")),
        ("meeting-plan", _("the plan page of a learning community meeting")),
        ("work-teams", _("a learning community's work teams")),
    ):
        command = documents.add_parser(name, help=help_text)
        _where(command)
        command.add_argument(
            "--id",
            type=int,
            required=True,
            dest="community_id",
            help=_("the number of the learning community"),
        )
        if name == "meeting-plan":
            command.add_argument(
                "--meeting",
                type=int,
                help=_("the meeting's number in date order (default: the next meeting, or the first)"),
            )
        command.add_argument("--out", type=Path, required=True, help=_("the PDF file to write"))
        command.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the document"))


def _community_pdf(workspace: Workspace, arguments: argparse.Namespace, out: Path, language: str) -> int:
    from desktop.reports import community_report
    from desktop.storage.reference_store import RecordNotFound

    number = arguments.community_id
    try:
        if arguments.document == "syllabus":
            community_report.build_syllabus_pdf(workspace, number, out, language)
        elif arguments.document == "work-teams":
            community_report.build_work_teams_pdf(workspace, number, out, language)
        else:
            community_report.build_meeting_plan_pdf(
                workspace,
                number,
                arguments.meeting,
                out,
                language,
            )
    except RecordNotFound:
        return _fail(
            _("There is no learning community number {number} in {path}.").format(
                number=number, path=arguments.workspace
            )
        )
    except LookupError:
        if getattr(arguments, "meeting", None) is None:
            return _fail(_("The learning community has no meetings yet."))
        return _fail(
            _("The learning community has no meeting number {number}.").format(number=arguments.meeting)
        )
    print(_("Written: {path}").format(path=out))
    return EXIT_OK


def _flags_pdf(workspace: Workspace, arguments: argparse.Namespace, out: Path) -> int:
    from desktop.models.records import RecordKind
    from desktop.reports import flags_report
    from desktop.storage.flags_store import load_cluster_flags
    from desktop.storage.reference_store import choices

    clusters = choices(workspace, RecordKind.CLUSTER)
    if arguments.document == "cluster-workplan":
        uuid = next((u for u, name in clusters if arguments.cluster in (u, name)), None)
        if uuid is None:
            return _fail(_("There is no regional cluster named {name}.").format(name=arguments.cluster))
        flags_report.build_workplan_pdf(workspace, uuid, out)
        print(_("Written: {path}").format(path=out))
        return EXIT_OK
    for uuid, _name in clusters:
        flags = load_cluster_flags(workspace, uuid)
        if any(d.id == arguments.diagnosis_id for d in flags.diagnoses):
            flags_report.build_diagnosis_pdf(
                workspace,
                uuid,
                arguments.diagnosis_id,
                out,
            )
            print(_("Written: {path}").format(path=out))
            return EXIT_OK
    return _fail(_("There is no flags diagnosis number {number}.").format(number=arguments.diagnosis_id))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    language = _language_from(argv)
    i18n.set_language(language if language in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)
    parser = build_parser()
    try:
        arguments = parser.parse_args(argv)
        _resolve_location(arguments, parser)
    except SystemExit as exit_:
        return int(exit_.code or 0)
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
        return _pdf(arguments, i18n.current_language())
    except WorkspaceError as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(
            _("Cannot use {path}: {error}").format(path=error.filename or "", error=error.strerror or error)
        )
    except (sqlite3.Error, SQLAlchemyError) as error:  # e.g. a disk error while reading
        from desktop.storage.server import location_text

        path = location_text(arguments.location)
        detail = getattr(error, "orig", None) or error
        return _fail(_("Cannot use {path}: {error}").format(path=path, error=detail))


if __name__ == "__main__":
    raise SystemExit(main())
