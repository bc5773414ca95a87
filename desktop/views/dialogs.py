"""Small dialogs of the main window: settings (language) and PDF export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _, os_error_text
from desktop.storage.workspace import Workspace
from desktop.views.qt_i18n import LANGUAGE_NAMES, align_text_field


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before doing something that cannot be taken back; No is the default answer."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def run_and_delete(dialog: QDialog) -> int:
    """`dialog.exec()`, then the dialog deleted once control returns to the event loop: closed,
    it would stay a hidden child of its parent, each one opened, until the window closes."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def language_combo(selected: str) -> QComboBox:
    combo = QComboBox()
    for code in i18n.LANGUAGES:
        combo.addItem(LANGUAGE_NAMES[code], code)
    combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo


class SettingsDialog(QDialog):
    """Tools > Settings: the interface language, applied at once to the open window, and the
    workspace's organisation (its name and logo, printed on every document), saved as typed."""

    def __init__(
        self, language: str, parent: QWidget | None = None, workspace: Workspace | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(_("Settings"))
        self.workspace = workspace
        self.language = language_combo(language)
        self.language.setObjectName("language")
        note = QLabel(_("The window switches language at once; what you typed and did not save yet is kept."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Interface language"), self.language)
        self.organisation = QLineEdit()
        self.organisation.setObjectName("organisation_name")
        self.logo_state = QLabel()
        self.logo_state.setObjectName("logo_state")
        self.choose_logo = QPushButton(_("Choose a logo…"))
        self.choose_logo.setObjectName("choose_logo")
        self.remove_logo = QPushButton(_("Remove the logo"))
        self.remove_logo.setObjectName("remove_logo")
        self.logo_error = QLabel()
        self.logo_error.setObjectName("logo_error")
        self.logo_error.setStyleSheet("color: #b00020;")
        self.logo_error.setWordWrap(True)
        self.logo_error.hide()
        if workspace is not None:
            from desktop.storage.document_data import letterhead

            self.organisation.setText(letterhead(workspace).organisation)
            self.organisation.textChanged.connect(self._save_name)
            self.choose_logo.clicked.connect(self._choose_logo)
            self.remove_logo.clicked.connect(lambda: self._set_logo(None))
            logo_row = QHBoxLayout()
            logo_row.addWidget(self.logo_state, 1)
            logo_row.addWidget(self.choose_logo)
            logo_row.addWidget(self.remove_logo)
            form.addRow(_("Organisation (printed on every document)"), self.organisation)
            form.addRow(_("Organisation's logo"), logo_row)
            form.addRow("", self.logo_error)
            self._show_logo()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def _save_name(self, text: str) -> None:
        from desktop.storage.document_data import set_organisation_name

        if self.workspace is not None:
            set_organisation_name(self.workspace, text)

    def _choose_logo(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a logo…"), str(Path.home()), _("Images (*.png *.jpg *.jpeg)")
        )
        if name:
            self.set_logo_file(Path(name))

    def set_logo_file(self, path: Path) -> None:
        """Keeps the image at `path` as the logo, or says at the field why it cannot."""
        try:
            image = path.read_bytes()
        except OSError as error:
            self._show_error(_("The file cannot be read: {reason}").format(reason=os_error_text(error)))
            return
        self._set_logo(image)

    def _set_logo(self, image: bytes | None) -> None:
        from desktop.storage.document_data import BadLogo, set_organisation_logo

        if self.workspace is None:
            return
        try:
            set_organisation_logo(self.workspace, image)
        except BadLogo:
            self._show_error(_("A logo is a PNG or JPEG image of at most 2 MB."))
            return
        self.logo_error.hide()
        self._show_logo()

    def _show_error(self, text: str) -> None:
        self.logo_error.setText(text)
        self.logo_error.show()

    def _show_logo(self) -> None:
        from desktop.storage.document_data import letterhead

        if self.workspace is None:
            return
        has_logo = bool(letterhead(self.workspace).logo)
        self.logo_state.setText(_("A logo is set.") if has_logo else _("No logo."))
        self.remove_logo.setEnabled(has_logo)


class ExportPdfDialog(QDialog):
    """File > Export PDF: where to save, in which language, and whether to open it after."""

    def __init__(
        self,
        suggested: Path,
        language: str,
        open_after: bool,
        parent: QWidget | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle(title or _("Export workspace summary (PDF)"))
        self.path = QLineEdit(str(suggested))
        self.path.setObjectName("pdf_path")
        align_text_field(self.path, left_to_right=True)
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.language = language_combo(language)
        self.language.setObjectName("pdf_language")
        self.open_after = QCheckBox(_("Open the PDF after export"))
        self.open_after.setObjectName("open_after")
        self.open_after.setChecked(open_after)
        self.error = QLabel()
        self.error.setObjectName("pdf_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(_("File"), row)
        form.addRow(_("Document language"), self.language)
        form.addRow("", self.open_after)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Export PDF"), self.path.text(), _("PDF documents (*.pdf)")
        )
        if chosen:
            self.path.setText(chosen)

    def chosen_path(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _accept_if_valid(self) -> None:
        if not self.path.text().strip():
            self.show_error(_("Choose where to save the PDF."))
            return
        folder = self.chosen_path().parent
        if not folder.is_dir():
            self.show_error(_("The folder {folder} does not exist.").format(folder=folder))
            return
        self.show_error("")
        self.accept()

    def chosen_language(self) -> str:
        return str(self.language.currentData())
