"""Importing a forum's roster from a registration form's export: the columns are matched to
the participant's fields (guessed from the headers, changeable), the mapping is checked, and
every line that cannot be imported is listed with its line number before anything is added
(the learning communities' survey import works the same way)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.forum_roster import FIELD_LABELS, FIELDS, RosterImport, guess_mapping, read_roster
from desktop.models.validation import ValidationError
from desktop.views.widgets import error_label, show_error


class RosterImportDialog(QDialog):
    def __init__(
        self, rows: Sequence[Sequence[str]], existing: Sequence[str], name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roster_import")
        self.setWindowTitle(_("Import participants from {name}").format(name=name))
        self.rows = rows
        self.existing = existing
        self.roster: RosterImport | None = None
        header = list(rows[0])
        guessed = guess_mapping(header)
        self.columns: dict[str, QComboBox] = {}
        form = QFormLayout()
        for field_name in FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"map_{field_name}")
            combo.addItem(_("(not in the file)"), -1)
            for index, title in enumerate(header):
                combo.addItem(title or _("Column {number}").format(number=index + 1), index)
            found = guessed[field_name]
            combo.setCurrentIndex(combo.findData(found if found is not None else -1))
            combo.currentIndexChanged.connect(self.check)
            form.addRow(_(FIELD_LABELS[field_name]), combo)
            self.columns[field_name] = combo
        self.mapping_error = error_label("roster_mapping_error")
        self.summary = QLabel()
        self.summary.setObjectName("roster_import_summary")
        self.summary.setWordWrap(True)
        self.errors = QTableWidget(0, 2)
        self.errors.setObjectName("roster_import_errors")
        self.errors.setHorizontalHeaderLabels([_("Line"), _("Problem")])
        self.errors.verticalHeader().hide()
        self.errors.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.errors.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("roster_import_apply")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Which column holds each field:")))
        layout.addLayout(form)
        layout.addWidget(self.mapping_error)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors, 1)
        layout.addWidget(buttons)
        self.resize(680, 520)
        self.check()

    def mapping(self) -> dict[str, int | None]:
        values = {name: int(combo.currentData()) for name, combo in self.columns.items()}
        return {name: value if value >= 0 else None for name, value in values.items()}

    def check(self) -> None:
        """Read the file again with the mapping as it is now; say what would be imported."""
        try:
            self.roster = read_roster(self.rows, self.mapping(), self.existing)
        except ValidationError as error:
            self.roster = None
            show_error(self.mapping_error, error.message)
            self.summary.clear()
            self.errors.setRowCount(0)
            self.apply_button.setEnabled(False)
            return
        show_error(self.mapping_error, "")
        result = self.roster
        self.summary.setText(
            _("{rows} lines read: {good} participants can be imported, {bad} lines refused.").format(
                rows=i18n.format_number(result.rows_read),
                good=i18n.format_number(len(result.rows)),
                bad=i18n.format_number(len(result.row_errors)),
            )
            + (
                "\n" + _("Fix the refused lines in the file and import it again, or import the others now.")
                if result.row_errors
                else ""
            )
        )
        self.errors.setRowCount(len(result.row_errors))
        for row, (line, message) in enumerate(result.row_errors):
            self.errors.setItem(row, 0, QTableWidgetItem(i18n.format_number(line)))
            self.errors.setItem(row, 1, QTableWidgetItem(message))
        self.errors.setVisible(bool(result.row_errors))
        self.apply_button.setText(
            _("Import the lines without problems") if result.row_errors else _("Import")
        )
        self.apply_button.setEnabled(bool(result.rows))
