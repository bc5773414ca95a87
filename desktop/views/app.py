"""Start the GUI: fonts, language, the main window, then the workspace.

The window is shown before the workspace is opened, so the first paint does not
wait for SQLAlchemy, Babel or reportlab to import.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from desktop import APP_NAME, ORGANISATION_NAME, i18n
from desktop.command_line import argparse_speaks_ours, language_from
from desktop.i18n import _, os_error_text
from desktop.paths import FONTS_DIR
from desktop.views.after_paint import AfterPaint
from desktop.views.icons import icon
from desktop.views.main_window import MainWindow, default_workspace_path
from desktop.views.qt_i18n import apply_language, install_field_polisher

if TYPE_CHECKING:
    from desktop.versions import ReferenceDefect

UI_FONT_FAMILIES = ["Rubik", "IBM Plex Sans Arabic"]
# Benchmarks set SHUTAFUT_BENCH_EXIT to quit at a milestone: "painted" (the window's first
# paint), "loaded" (the workspace is open and the home screen's list painted with its first
# view: on a large workspace, that its overview is being read), the time of each printed, or
# "overview" (the home screen's full overview).
BENCH_EXIT = os.environ.get("SHUTAFUT_BENCH_EXIT", "")


def print_bench_stamp_and_quit(milestone: str) -> None:
    """For the start-up benches: "<milestone>-at" and the time of the system's monotonic clock
    (what the bench's process compares with the time it started this one), then quit."""
    print(f"{milestone}-at {time.monotonic()!r}", flush=True)
    QApplication.quit()


class _VersionAction(argparse.Action):
    """--version: reads the installed versions only when asked (importlib.metadata is slow)."""

    def __init__(
        self, option_strings: list[str], dest: str = argparse.SUPPRESS, help: str | None = None
    ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from desktop.versions import version_report

        print(version_report())
        parser.exit()


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """The window's arguments; its help and usage errors in the language asked for with --lang
    (the messages' language otherwise), argparse's own words too."""
    language = language_from(argv)
    if language in i18n.LANGUAGES:
        i18n.set_language(language)  # (the window sets it again, with Qt's, once it is made)
    argparse_speaks_ours()
    parser = argparse.ArgumentParser(
        prog="shutafut",
        description=_("Shutafut workbench"),
        formatter_class=argparse.RawDescriptionHelpFormatter,  # keeps --version one line each
    )
    parser.add_argument("workspace", nargs="?", type=Path, help=_("workspace file to open"))
    parser.add_argument(
        "--demo",
        type=Path,
        metavar="PATH",
        help=_("open the demo workspace at PATH, creating it first if it does not exist"),
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help=_("open the workspace on a team server, postgresql://user:password@server/database"),
    )
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("interface language"))
    parser.add_argument("--read-only", action="store_true", help=_("open the workspace read-only"))
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help=_("show the versions of Shutafut, Python, PySide6, Qt, SQLAlchemy and reportlab, then exit"),
    )
    return parser.parse_args(argv)


def running_defect() -> tuple[ReferenceDefect, str] | None:
    """desktop.versions.running_defect, imported only when asked (after the first paint)."""
    from desktop.versions import running_defect

    return running_defect()


def reference_defect_message() -> str | None:
    """What to tell a person whose Python and Qt binding are known to lose references."""
    from desktop.versions import python_version

    found = running_defect()
    if found is None:
        return None
    defect, version = found
    return _(
        "This Python ({python}) and PySide6 {pyside} are known to lose references: after a few "
        "thousand table edits the program may stop at once, losing what is on screen. Reinstall "
        "with the README's command, which installs a safe PySide6 (below {bad} on Python 3.11), "
        "or use Python 3.12 or newer."
    ).format(python=python_version(), pyside=version, bad=".".join(str(part) for part in defect.first_bad))


def warn_about_reference_defect(window: QWidget) -> None:
    message = reference_defect_message()
    if message is not None:
        QtWidgets.QMessageBox.warning(window, _("Unsafe Qt version"), message)


def load_fonts(app: QApplication) -> None:
    """Use the bundled font, so the app looks the same on a machine with no fonts."""
    for font_file in sorted(FONTS_DIR.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font_file))
    font = QFont(app.font())
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSize(max(font.pointSize(), 10))
    app.setFont(font)


def initial_workspace(arguments: argparse.Namespace, settings: QSettings) -> tuple[Path, bool]:
    """The workspace to open first, and whether it is the demo to create if missing."""
    if arguments.demo is not None:
        return arguments.demo, True
    if arguments.workspace is not None:
        return arguments.workspace, False
    last = settings.value("last_workspace")
    if last and Path(str(last)).exists():
        return Path(str(last)), False
    return default_workspace_path(), False


def polish_fields(app: QApplication) -> None:
    """Install the field polisher (desktop.views.qt_i18n). It sees every event, and its first
    ones make PySide build the Python type of each widget class they come from (some 135 enums,
    40-60 ms): listing the widgets builds those at once, rather than while a thread reads."""
    app.allWidgets()
    install_field_polisher(app)


def start_probing(path: Path) -> threading.Thread:
    """Start checking the workspace to open (desktop.storage.workspace.probe_early) in a thread
    that also imports the storage module, while the window paints; join it before opening."""

    def start() -> None:
        from desktop.storage.workspace import probe_early

        probe_early(path)

    thread = threading.Thread(target=start, name="workspace-probe-start")
    thread.start()
    return thread


def open_first_workspace(window: MainWindow, path: Path, demo: bool, read_only: bool) -> None:
    from desktop.storage.workspace import create_workspace

    path = path.expanduser()
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            if demo:
                from desktop.storage.demo import create_demo_workspace

                create_demo_workspace(path, whole_path=True).close()
            else:
                create_workspace(path).close()
    except OSError as error:
        QtWidgets.QMessageBox.critical(
            window,
            _("Cannot create workspace"),
            _("Cannot create {path}: {error}").format(path=path, error=os_error_text(error)),
        )
        return
    if BENCH_EXIT == "overview":
        window.home_section.read.connect(lambda: QTimer.singleShot(0, QApplication.quit))
    window.open_workspace_file(path, read_only=read_only)
    if BENCH_EXIT == "loaded":  # the time the home screen's list has painted the workspace
        # (watched once the window's first view waits for that paint too: the filter installed
        # last sees the paint first, so the stamp comes before the first view's work)
        QTimer.singleShot(
            0,
            lambda: AfterPaint(
                lambda: print_bench_stamp_and_quit("loaded"), window.home_section.tree.viewport()
            ),
        )


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    QApplication.setOrganizationName(ORGANISATION_NAME)
    QApplication.setApplicationName(APP_NAME)
    settings = QSettings()
    path, demo = initial_workspace(arguments, settings)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(icon("shutafut"))
    load_fonts(app)
    language = arguments.lang or str(settings.value("language", i18n.DEFAULT_LANGUAGE))
    if language not in i18n.LANGUAGES:
        language = i18n.DEFAULT_LANGUAGE
    apply_language(app, language, polish_fields=False)  # the window paints without fields

    window = MainWindow(settings)
    geometry = settings.value("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)

    def after_first_paint() -> None:
        if BENCH_EXIT == "painted":
            print_bench_stamp_and_quit("painted")
            return
        warn_about_reference_defect(window)
        if arguments.database_url:
            polish_fields(app)  # before the password dialog's fields
            from desktop.views.server_dialog import open_server

            open_server(window, arguments.database_url)
            return
        if probing is not None:  # (quick: the probe goes on in a thread of its own, joined on opening)
            probing.join()
        # With the window's first view: once the workspace is on screen (the home screen has no
        # fields), before the home screen's reading starts in its thread and before any section
        # with fields is built (a section asked for sooner brings the first view forward).
        window.first_view_shown.connect(lambda: polish_fields(app))
        open_first_workspace(window, path, demo, bool(arguments.read_only))

    # The workspace opens once the window is on screen.
    window.first_painted.connect(after_first_paint)
    window.show()
    # SQLite checks the file in a thread of its own while Qt paints the window. (Started before
    # the window was built, its imports competed with building it: the first paint took 1.7x a
    # bare window instead of 1.6x; started here, opening still finds the check done.)
    probing = None if arguments.database_url else start_probing(path.expanduser())
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
