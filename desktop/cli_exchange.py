"""`shutafut-cli export` and `shutafut-cli import`: exchange files between laptops."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.i18n import _, format_number, ngettext
from desktop.models.validation import printable

TYPE_CHECKING = False  # (typing is not imported at run time: see desktop.i18n)
if TYPE_CHECKING:
    from typing import Any

# The values of desktop.models.exchange.Scope (tests/test_cli_exchange.py checks them): that
# module, with zipfile, hashlib and uuid, is imported by the commands, not by `--help`.
SCOPES = ("everything", "cluster", "town", "forum", "community")

EXIT_OK = 0
EXIT_PROBLEM = 1


def add_parsers(commands: Any) -> None:
    export = commands.add_parser("export", help=_("export part of a workspace for a colleague"))
    export.add_argument("--workspace", type=Path, required=True, help=_("the workspace file"))
    export.add_argument("--scope", required=True, choices=SCOPES, help=_("what to export"))
    export.add_argument(
        "--id",
        dest="item",
        default="",
        help=_("the cluster, town, forum or community (its name or identifier)"),
    )
    export.add_argument(
        "--without-contacts", action="store_true", help=_("leave out phones, emails and notes about people")
    )
    export.add_argument("--out", type=Path, required=True, help=_("the exchange file to write"))
    import_ = commands.add_parser("import", help=_("import an exchange file from a colleague"))
    import_.add_argument("--workspace", type=Path, required=True, help=_("the workspace file"))
    import_.add_argument("--file", type=Path, required=True, help=_("the exchange file"))
    choice = import_.add_mutually_exclusive_group()
    choice.add_argument(
        "--keep-mine", action="store_true", help=_("in conflicts, keep this workspace's version")
    )
    choice.add_argument(
        "--take-theirs", action="store_true", help=_("in conflicts, take the version in the file")
    )


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_PROBLEM


def run(arguments: argparse.Namespace) -> int:
    from desktop.storage.workspace import open_workspace

    if arguments.command == "export":
        out: Path = arguments.out
        if out.exists():
            return _fail(_("{path} already exists; choose a new file name.").format(path=out))
        if not out.parent.is_dir():
            return _fail(_("The folder {folder} does not exist.").format(folder=out.parent))
    workspace = open_workspace(arguments.workspace)
    try:
        if arguments.command == "export":
            return _export(workspace, arguments)
        return _import(workspace, arguments)
    finally:
        workspace.close()


def _export(workspace: Any, arguments: argparse.Namespace) -> int:
    from desktop.models import exchange as ex
    from desktop.storage import exchange as sx

    scope = ex.Scope(arguments.scope)
    item = ""
    if scope is not ex.Scope.EVERYTHING:
        wanted = arguments.item.strip()
        if not wanted:
            return _fail(_("Say which one to export with --id (its name or identifier)."))
        matches = [i for i in sx.scope_items(workspace, scope) if wanted in (i.uuid, i.label)]
        if len(matches) != 1:
            return _fail(
                _("{name} was not found in the workspace ({scope}).").format(name=wanted, scope=scope.label)
            )
        item = matches[0].uuid
    result = sx.export_exchange(
        workspace, arguments.out, scope, item, without_contacts=arguments.without_contacts
    )
    print(
        ngettext(
            "Exported {count} record to {path}.", "Exported {count} records to {path}.", result.records
        ).format(count=format_number(result.records), path=result.path)
    )
    if result.contacts_removed:
        print(_("Phones, emails and notes about people were left out."))
    return EXIT_OK


def _import(workspace: Any, arguments: argparse.Namespace) -> int:
    from desktop.models import exchange as ex
    from desktop.storage import exchange as sx

    if workspace.read_only:
        return _fail(
            _("{file} was not imported: {reason}").format(
                file=arguments.file.name, reason=workspace.read_only_reason
            )
        )
    try:
        plan = sx.plan_import(workspace, arguments.file)
    except ex.ExchangeRefused as error:
        return _fail(_("{file} was not imported: {reason}").format(file=arguments.file.name, reason=error))
    conflicts = plan.conflicts
    if conflicts and not (arguments.keep_mine or arguments.take_theirs):
        lines = [
            ngettext(
                "{count} record was changed both here and in the file; nothing was imported.",
                "{count} records were changed both here and in the file; nothing was imported.",
                len(conflicts),
            ).format(count=len(conflicts))
        ]
        lines += [
            f"  {printable(item.type_label)}: {printable(item.title)} ({printable(item.record.uuid)})"
            for item in conflicts
        ]
        lines.append(
            _("Import again with --keep-mine or --take-theirs, or use the app to choose record by record.")
        )
        return _fail("\n".join(lines))
    choice = sx.Choice.TAKE_THEIRS if arguments.take_theirs else sx.Choice.KEEP_MINE
    try:
        result = sx.apply_import(workspace, plan, {i.record.uuid: choice for i in conflicts})
    except sx.WorkspaceChanged:
        return _fail(_("The workspace changed while importing; nothing was imported. Try again."))
    except ex.ExchangeRefused as error:
        return _fail(_("{file} was not imported: {reason}").format(file=arguments.file.name, reason=error))
    print(
        _(
            "Imported {file}: {added} added, {updated} updated, {unchanged} unchanged, "
            "{kept} kept as they are here."
        ).format(
            file=arguments.file.name,
            added=format_number(result.added),
            updated=format_number(result.updated),
            unchanged=format_number(result.unchanged),
            kept=format_number(result.kept),
        )
    )
    return EXIT_OK
