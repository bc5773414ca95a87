"""Printing a document to PDF from the window: the same report registry the CLI reads.

A section or an editor names the document (its registry key), the record and the choices
already made (a session, a version, a meeting…); this asks the person for the choices still
open, where to save and in which language, writes the PDF off the report registry through
`desktop.documents`, and says what happened.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from desktop import i18n
from desktop.i18n import _, os_error_text

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace
    from desktop.views.dialogs import ExportPdfDialog


class Printer:
    """Prints the registry's documents for one window, remembering the folder and options."""

    def __init__(
        self,
        parent: QWidget,
        settings: QSettings,
        workspace: Callable[[], Workspace | None],
        report: Callable[[str], None],
    ) -> None:
        self.parent = parent
        self.settings = settings
        self.workspace = workspace
        self.report = report  # the status bar's message

    def folder(self) -> Path:
        remembered = self.settings.value("pdf_folder")
        if remembered:
            return Path(str(remembered))
        workspace = self.workspace()
        if workspace is not None and workspace.path is not None:
            return workspace.path.parent
        paths = QtCore.QStandardPaths
        return Path(paths.writableLocation(paths.StandardLocation.DocumentsLocation))

    def choose_options(
        self, key: str, record_id: int | None, options: dict[str, Any]
    ) -> dict[str, Any] | None:
        """The document's choices still open, asked one by one; None when the person cancels."""
        from desktop.documents import document_choices, document_kind

        workspace = self.workspace()
        assert workspace is not None
        chosen = dict(options)
        kind = document_kind(key)
        choices = document_choices(workspace, key, record_id)
        for name in kind.options:
            if name in chosen:
                continue
            values = choices.get(name, [])
            if not values:
                continue
            if len(values) == 1:
                chosen[name] = values[0][0]
                continue
            labels = [label for _value, label in values]
            label, ok = QInputDialog.getItem(
                self.parent, kind.title(), option_question(name), labels, len(labels) - 1, False
            )
            if not ok:
                return None
            chosen[name] = values[labels.index(label)][0]
        return chosen

    def print_document(self, key: str, record_id: int | None, options: dict[str, Any] | None = None) -> bool:
        """Ask what is still open, then where to save; True when a PDF was written."""
        from desktop.documents import document_kind, suggested_file_name
        from desktop.views.dialogs import ExportPdfDialog

        workspace = self.workspace()
        if workspace is None:
            return False
        chosen = self.choose_options(key, record_id, options or {})
        if chosen is None:
            return False
        kind = document_kind(key)
        suggested = self.folder() / suggested_file_name(workspace, key, record_id, **chosen)
        dialog = ExportPdfDialog(
            suggested,
            i18n.current_language(),
            self.settings.value("open_pdf_after_export", "true") == "true",
            self.parent,
            _("Print to PDF: {document}").format(document=kind.title()),
        )
        while dialog.exec():
            if self.write(
                key,
                record_id,
                chosen,
                dialog.chosen_path(),
                dialog.chosen_language(),
                open_after=dialog.open_after.isChecked(),
                dialog=dialog,
            ):
                return True
        return False

    def write(
        self,
        key: str,
        record_id: int | None,
        options: dict[str, Any],
        path: Path,
        language: str,
        *,
        open_after: bool,
        dialog: ExportPdfDialog | None = None,
    ) -> bool:
        """Write the document to `path` (owner-only, replacing only a PDF Shutafut made, after
        asking); a failure is said in the dialog (or a message box)."""
        from desktop.documents import prepare_document
        from desktop.storage.private_files import create_private, is_our_pdf
        from desktop.views.background import Cancelled, Progress, run_with_progress
        from desktop.views.dialogs import confirm

        workspace = self.workspace()
        assert workspace is not None
        if path.exists():
            if not is_our_pdf(path):
                message = _(
                    "{name} is not a PDF made by Shutafut: it is left as it is. Choose another name."
                ).format(name=path.name)
                if dialog is not None:
                    dialog.show_error(message)
                else:
                    QtWidgets.QMessageBox.warning(self.parent, _("Export PDF"), message)
                return False
            if dialog is not None and not confirm(
                self.parent, _("Export PDF"), _("Replace {name}?").format(name=path.name)
            ):
                return False
        partial = path.with_name(f".{path.name}.writing-{os.getpid()}")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:  # read here, in the workspace's thread (quick); built in a worker thread
            prepared = prepare_document(workspace, key, record_id, language, **options)
        finally:
            QApplication.restoreOverrideCursor()

        def build(progress: Progress) -> None:
            progress.check()
            prepared.build(partial, language)
            progress.check()  # Cancel pressed while it was built: the file is not kept

        try:
            create_private(partial)  # it names people: readable by its owner only
            run_with_progress(
                self.parent, _("Export PDF"), _("Writing {name}…").format(name=path.name), build
            )
            os.replace(partial, path)
        except Cancelled:
            self.report(_("The PDF was not written: cancelled."))
            return False
        except OSError as error:
            message = _("Cannot write {path}: {error}").format(path=path, error=os_error_text(error))
            if dialog is not None:
                dialog.show_error(message)
            else:
                QtWidgets.QMessageBox.critical(self.parent, _("Export PDF"), message)
            return False
        finally:
            partial.unlink(missing_ok=True)
        self.settings.setValue("pdf_folder", str(path.parent))
        self.settings.setValue("open_pdf_after_export", "true" if open_after else "false")
        self.report(_("Exported {name}.").format(name=path.name))
        if open_after:
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path)))
        return True


def option_question(name: str) -> str:
    questions = {
        "version": _("Which text?"),
        "session": _("Which session?"),
        "meeting": _("Which meeting?"),
        "diagnosis": _("Which diagnosis?"),
    }
    return questions.get(name, _("Which one?"))


def install_print_shortcut(editor: QWidget, print_open_record: Callable[[], None]) -> QtGui.QShortcut:
    """Ctrl+P in an open editor prints the document of the record it shows."""
    shortcut = QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Print, editor)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(print_open_record)
    return shortcut
