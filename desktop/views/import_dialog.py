"""Tools > Import authorities: the national dataset or a CBS file, mapped, previewed, confirmed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.cbs_import import FIELD_LABELS, FIELDS, Preview, Table
from desktop.models.enums import District, MunicipalStatus
from desktop.views.dialogs import confirm
from desktop.views.qt_i18n import align_text_field

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace

_NOT_MAPPED = -1


def _shown(name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if name == "municipal_status":
        return MunicipalStatus(value).label
    if name == "district":
        return District(value).label
    if isinstance(value, int) and not name.endswith(("year", "edition")):
        return i18n.format_number(value)
    return str(value)


class ImportAuthoritiesDialog(QDialog):
    def __init__(self, workspace: Workspace, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.workspace = workspace
        self.settings = settings
        self.table: Table | None = None
        self.preview: Preview | None = None
        self.applied = 0
        self.setWindowTitle(_("Import local authorities"))
        self.resize(860, 680)

        self.national = QRadioButton(_("The national data shipped with Shutafut (CBS)"))
        self.national.setObjectName("source_national")
        self.from_file = QRadioButton(_("A CBS file (profile workbook, index table or CSV)"))
        self.from_file.setObjectName("source_file")
        self.national.setChecked(True)
        self.path = QLineEdit()
        self.path.setObjectName("file_path")
        align_text_field(self.path, left_to_right=True)
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._browse)
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheet")
        self.reading_progress: QProgressDialog | None = None
        self.file_error = QLabel()
        self.file_error.setObjectName("file_error")
        self.file_error.setStyleSheet("color: #b00020;")
        self.file_error.setWordWrap(True)
        self.file_error.hide()
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        file_row.addWidget(self.sheet)
        source_box = QGroupBox(_("Source"))
        source_layout = QVBoxLayout(source_box)
        source_layout.addWidget(self.national)
        source_layout.addWidget(self.from_file)
        source_layout.addLayout(file_row)
        source_layout.addWidget(self.file_error)

        self.mapping_box = QGroupBox(_("Columns"))
        self.mapping_form = QFormLayout(self.mapping_box)
        self.column_choices: dict[str, QComboBox] = {}
        for name in FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"column_{name}")
            combo.activated.connect(self._mapping_changed)
            self.column_choices[name] = combo
            self.mapping_form.addRow(_(FIELD_LABELS[name]), combo)
        self.mapping_box.setEnabled(False)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.changes = QTreeWidget()
        self.changes.setObjectName("changes")
        self.changes.setHeaderLabels([_("Authority"), _("What changes")])
        self.changes.setColumnWidth(0, 220)
        self.errors = QListWidget()
        self.errors.setObjectName("errors")
        self.errors.setMaximumHeight(110)
        self.skip_errors = QCheckBox(_("Skip the rows with errors and apply the rest"))
        self.skip_errors.setObjectName("skip_errors")
        self.skip_errors.toggled.connect(self._update_apply)
        self.with_clusters = QCheckBox(
            _("Also regional clusters and their members (CBS localities file 2021)")
        )
        self.with_clusters.setObjectName("with_clusters")
        self.with_clusters.setChecked(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = buttons.addButton(_("Apply…"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.apply_button.setObjectName("apply")
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(source_box)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.errors)
        layout.addWidget(self.skip_errors)
        layout.addWidget(self.with_clusters)
        layout.addWidget(buttons)

        self.national.toggled.connect(self._source_changed)
        self.path.editingFinished.connect(self._load_file)
        self.sheet.activated.connect(lambda _index: self._load_sheet())
        self._source_changed()

    # source -----------------------------------------------------------------------------------

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a CBS file"),
            self.path.text(),
            _("CBS tables (*.xlsx *.csv)"),
        )
        if chosen:
            self.path.setText(chosen)
            self.from_file.setChecked(True)
            self._load_file()

    def _source_changed(self, *_args: object) -> None:
        self.with_clusters.setVisible(self.national.isChecked())
        if self.national.isChecked():
            self.table = None
            self.mapping_box.setEnabled(False)
            self.file_error.hide()
            self._show_preview(self._national_preview())
        else:
            self._load_file()

    def _national_preview(self) -> Preview:
        from desktop.storage.national_data import national_preview

        return national_preview(self.workspace)

    def _fail(self, message: str) -> None:
        self.file_error.setText(message)
        self.file_error.setVisible(bool(message))
        self.table = None
        self.mapping_box.setEnabled(False)
        self._show_preview(None)

    def _load_file(self) -> None:
        if self.national.isChecked():
            return
        from desktop.storage.cbs_files import UnreadableFile, default_sheet, sheet_names

        path = Path(self.path.text().strip())
        if not self.path.text().strip():
            self._fail(_("Choose a file."))
            return
        if not path.is_file():
            self._fail(_("The file {name} does not exist.").format(name=path.name))
            return
        try:
            names = sheet_names(path)
        except UnreadableFile as error:
            self._fail(str(error))
            return
        self.sheet.clear()
        self.sheet.addItems(names)
        self.sheet.setCurrentText(default_sheet(names))
        self.sheet.setVisible(len(names) > 1)
        self._load_sheet()

    def _load_sheet(self) -> None:
        from desktop.models.cbs_import import propose_mapping
        from desktop.storage.cbs_files import ReadCancelled, UnreadableFile, read_table

        path = Path(self.path.text().strip())
        progress = self._progress_dialog(path)
        try:
            table = read_table(path, self.sheet.currentText() or None, progress=self._reporter(progress))
        except UnreadableFile as error:
            self._fail(str(error))
            return
        except ReadCancelled:
            self._fail(_("Reading {name} was cancelled.").format(name=path.name))
            return
        finally:
            progress.close()
            progress.deleteLater()
        if table is None:
            self._fail(
                _("No table of authorities was found in {name}: no column is headed with a CBS code.").format(
                    name=path.name
                )
            )
            return
        self.file_error.hide()
        self.table = table
        mapping = self._remembered_mapping(table) or propose_mapping(table)
        for name, combo in self.column_choices.items():
            combo.clear()
            combo.addItem(_("(not imported)"), _NOT_MAPPED)
            for column, header in enumerate(table.headers):
                if header:
                    combo.addItem(header, column)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(name, _NOT_MAPPED))))
        self.mapping_box.setEnabled(True)
        self._mapping_changed()

    def _progress_dialog(self, path: Path) -> QProgressDialog:
        """A dialog that shows how many rows were read and can cancel the reading; it shows
        itself only when reading takes more than a moment."""
        progress = QProgressDialog(_("Reading {name}…").format(name=path.name), _("Cancel"), 0, 0, self)
        progress.setObjectName("reading_progress")
        progress.setWindowTitle(_("Import local authorities"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        self.reading_progress = progress
        return progress

    @staticmethod
    def _reporter(progress: QProgressDialog) -> Callable[[int], bool]:
        def report(rows: int) -> bool:
            progress.setLabelText(_("Reading… {count} rows").format(count=i18n.format_number(rows)))
            progress.setValue(0)
            QApplication.processEvents()
            return not progress.wasCanceled()

        return report

    # mapping ----------------------------------------------------------------------------------

    def mapping(self) -> dict[str, int]:
        chosen = {name: int(combo.currentData()) for name, combo in self.column_choices.items()}
        return {name: column for name, column in chosen.items() if column != _NOT_MAPPED}

    def _signature(self, table: Table) -> str:
        return hashlib.sha1("|".join(table.headers).encode("utf-8")).hexdigest()[:16]

    def _remembered_mapping(self, table: Table) -> dict[str, int] | None:
        value = self.settings.value(f"import_mapping/{self._signature(table)}")
        if not value:
            return None
        pairs = (part.split("=") for part in str(value).split(";") if "=" in part)
        return {name: int(column) for name, column in pairs if name in FIELDS}

    def _mapping_changed(self, *_args: object) -> None:
        from desktop.models.cbs_import import build_preview, figure_years, parse_table
        from desktop.storage.cbs_files import existing_authorities

        if self.table is None:
            return
        mapping = self.mapping()
        parsed = parse_table(self.table, mapping)
        years = figure_years(self.table, mapping, self.table.title_year)
        self._show_preview(build_preview(parsed, existing_authorities(self.workspace), years))

    # preview ----------------------------------------------------------------------------------

    def _show_preview(self, preview: Preview | None) -> None:
        self.preview = preview
        self.changes.clear()
        self.errors.clear()
        if preview is None:
            self.summary.clear()
            self._update_apply()
            return
        error_rows = len({error.row for error in preview.errors})
        self.summary.setText(
            _(
                "{added} to add, {changed} to change, {unchanged} left as they are, "
                "{errors} rows with errors."
            ).format(
                added=i18n.format_number(len(preview.added)),
                changed=i18n.format_number(len(preview.changed)),
                unchanged=i18n.format_number(len(preview.unchanged)),
                errors=i18n.format_number(error_rows),
            )
        )
        for title, changes in ((_("To add"), preview.added), (_("To change"), preview.changed)):
            group = QTreeWidgetItem(self.changes, [f"{title} ({len(changes)})", ""])
            group.setFirstColumnSpanned(True)
            for change in changes:
                details = "; ".join(
                    _describe_difference(name, before, after, new=change.uuid is None)
                    for name, (before, after) in change.differences.items()
                    if name != "data_source"
                )
                QTreeWidgetItem(group, [change.name, details])
        self.changes.expandAll()
        for error in preview.errors:
            self.errors.addItem(error.message)
        self.errors.setVisible(bool(preview.errors))
        self.skip_errors.setVisible(bool(preview.errors))
        self._update_apply()

    def _update_apply(self, *_args: object) -> None:
        count = len(self._to_apply())
        self.apply_button.setEnabled(count > 0 and not self.workspace.read_only)
        self.apply_button.setText(_("Apply {count} changes…").format(count=count))

    def _to_apply(self) -> list[Any]:
        if self.preview is None:
            return []
        return self.preview.to_apply(skip_error_rows=self.skip_errors.isChecked())

    # applying ---------------------------------------------------------------------------------

    def _source_text(self) -> str | None:
        if self.national.isChecked() or self.table is None:
            return None  # each national record carries its own source
        from desktop.models.cbs_import import figure_years

        years = figure_years(self.table, self.mapping(), self.table.title_year)
        described = ", ".join(f"{_(FIELD_LABELS[name])} {year}" for name, year in years.items())
        name = Path(self.path.text().strip()).name
        return _("CBS file {name}").format(name=name) + (f" ({described})" if described else "")

    def apply(self) -> None:
        from desktop.storage.cbs_files import apply_changes

        changes = self._to_apply()
        if not changes:
            return
        if not confirm(
            self,
            _("Import local authorities"),
            _("Write {count} changes to the workspace's local authorities?").format(count=len(changes)),
        ):
            return
        if self.table is not None:
            signature = self._signature(self.table)
            remembered = ";".join(f"{name}={column}" for name, column in self.mapping().items())
            self.settings.setValue(f"import_mapping/{signature}", remembered)
        from desktop.storage.cbs_files import ImportRefused
        from desktop.storage.concurrency import SaveFailed
        from desktop.storage.national_data import apply_national_clusters
        from desktop.storage.worker import separate_workspace
        from desktop.views.background import Cancelled, Progress, run_with_progress

        workspace, source = self.workspace, self._source_text()
        with_clusters = self.national.isChecked() and self.with_clusters.isChecked()

        def write(progress: Progress) -> int:
            with separate_workspace(workspace) as own:  # (in the worker thread: its own connections)
                count = apply_changes(own, changes, source, progress)
                if with_clusters:
                    apply_national_clusters(own)
                return count

        try:
            self.applied += run_with_progress(
                self, _("Import local authorities"), _("Writing the local authorities…"), write
            )
        except Cancelled:
            self.file_error.setText(_("The import was cancelled; nothing was imported."))
            self.file_error.show()
            return
        except (ImportRefused, SaveFailed) as error:
            self.file_error.setText(str(error))
            self.file_error.show()
            return
        self._source_changed()


def _field_label(name: str) -> str:
    labels = {
        "population_year": _("Population year"),
        "socioeconomic_edition": _("Socio-economic index edition"),
        "peripherality_edition": _("Peripherality index edition"),
        "data_source": _("Source of the figures"),
    }
    return labels.get(name) or _(FIELD_LABELS.get(name, name))


def _describe_difference(name: str, before: Any, after: Any, *, new: bool) -> str:
    if new:
        return f"{_field_label(name)}: {_shown(name, after)}"
    # The arrow points the way the line reads: from the value now to the imported one.
    arrow = "←" if i18n.is_rtl() else "→"
    return f"{_field_label(name)}: {_shown(name, before)} {arrow} {_shown(name, after)}"
