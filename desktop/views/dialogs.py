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
from desktop.i18n import _
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


def language_combo(selected: str) -> QComboBox:
    combo = QComboBox()
    for code in i18n.LANGUAGES:
        combo.addItem(LANGUAGE_NAMES[code], code)
    combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo


class SettingsDialog(QDialog):
    """Tools > Settings: the interface language, applied at once to the open window."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(_("Settings"))
        self.language = language_combo(language)
        self.language.setObjectName("language")
        note = QLabel(_("The window switches language at once; what you typed and did not save yet is kept."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Interface language"), self.language)
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
