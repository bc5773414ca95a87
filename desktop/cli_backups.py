"""`shutafut-cli backup|restore|backups`: the Backups dialog's work, headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import i18n
from desktop.i18n import _

TYPE_CHECKING = False  # (typing is not imported at run time: see desktop.i18n)
if TYPE_CHECKING:
    from typing import Any

COMMANDS = ("backup", "restore", "backups")


def add_backup_commands(commands: Any) -> None:
    """Add the three subcommands to the CLI's subparsers."""
    backup = commands.add_parser(
        "backup", help=_("back up a workspace into its backups folder (or to --out)")
    )
    backup.add_argument("--workspace", type=Path, required=True, help=_("the workspace file"))
    backup.add_argument(
        "--out", type=Path, help=_("write the backup to this new file instead of the backups folder")
    )
    restore = commands.add_parser(
        "restore", help=_("replace a workspace with a backup (the current state is backed up first)")
    )
    restore.add_argument("--workspace", type=Path, required=True, help=_("the workspace file"))
    restore.add_argument("--from", type=Path, required=True, dest="source", help=_("the backup to restore"))
    listing = commands.add_parser("backups", help=_("list a workspace's backups"))
    listing.add_argument("--workspace", type=Path, required=True, help=_("the workspace file"))


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def latest_backup_line(workspace: Path) -> str:
    """A line naming the latest good backup and how to restore it, or ""."""
    from desktop.storage.backups import latest_good_backup

    backup = latest_good_backup(workspace)
    if backup is None:
        return ""
    from desktop.storage.backups import clock_warning

    warning = clock_warning(workspace)
    return (warning + "\n" if warning else "") + _(
        "Latest good backup: {path} ({date}). Restore it with: shutafut-cli restore "
        "--workspace {workspace} --from {path}"
    ).format(path=backup.path, date=i18n.format_datetime(backup.taken_at), workspace=workspace)


def run_backup_command(arguments: argparse.Namespace) -> int:
    from desktop.storage import backups
    from desktop.storage.backup import backup_copy
    from desktop.storage.backups import format_size
    from desktop.storage.workspace import _probe, remove_leftovers

    workspace: Path = arguments.workspace
    if arguments.command == "backups":
        from desktop.storage.workspace import DamagedWorkspace, NewerWorkspace

        try:
            _probe(workspace)  # a missing file, or one that is not a workspace, is an error
        except (DamagedWorkspace, NewerWorkspace) as problem:
            print(problem, file=sys.stderr)  # its backups are what is needed now: list them
        found = backups.list_backups(workspace)
        warning = backups.clock_warning(workspace)
        if warning:
            print(warning, file=sys.stderr)
        if not found:
            print(_("No backups of {path} yet.").format(path=workspace))
            return 0
        for backup in found:
            print(
                "\t".join(
                    (
                        i18n.format_datetime(backup.taken_at),
                        format_size(backup.size),
                        backup.reason.label,
                        str(backup.path),
                    )
                )
            )
        return 0
    if arguments.command == "backup":
        _probe(workspace)
        remove_leftovers(workspace)  # (what a killed session left, as opening the workspace does)
        if arguments.out is not None:
            out: Path = arguments.out
            if out.exists():
                return _fail(_("{path} already exists; choose a new file name.").format(path=out))
            if not out.parent.is_dir():
                return _fail(_("The folder {folder} does not exist.").format(folder=out.parent))
            backup_copy(workspace, out)
            print(_("Backed up to {path}").format(path=out))
            return 0
        info = backups.take_backup(workspace, backups.BackupReason.MANUAL)
        print(_("Backed up to {path}").format(path=info.path))
        return 0
    source: Path = arguments.source
    if not source.is_file():
        return _fail(_("The file {name} does not exist.").format(name=source))
    if backups.workspace_in_use(workspace):
        return _fail(
            _(
                "The workspace {name} is open in Shutafut. Close it there, then restore. Nothing was changed."
            ).format(name=workspace.name)
        )
    remove_leftovers(workspace)
    result = backups.restore_backup(workspace, source)
    print(_("Restored {workspace} from {backup}.").format(workspace=workspace, backup=source))
    if result.before is not None:
        print(_("The state before the restore is backed up as {path}").format(path=result.before.path))
    if result.damaged_copy is not None:
        print(_("The damaged file was kept, unchanged, as {path}").format(path=result.damaged_copy))
    return 0
