"""The detail form of a reference record, built from its RecordSpec.

The form only holds input: it reports when the person leaves a field (`field_left`)
and shows errors next to the fields; the section decides when to commit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.models.records import FieldKind, FieldSpec, RecordSpec
from desktop.models.validation import ValidationError
from desktop.views.qt_i18n import align_text_document, align_text_field

_ERROR_STYLE = "color: #b00020;"


class _FocusOut(QObject):
    """Calls back when a watched widget loses focus (QPlainTextEdit has no editingFinished)."""

    def __init__(self, callback: Any, parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class ReferenceForm(QWidget):
    field_left = Signal()  # the person left a field or confirmed a choice

    def __init__(self, spec: RecordSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        self._choices: dict[str, list[tuple[str, str]]] = {}
        self._loading = False
        outer = QVBoxLayout(self)
        self._layout = QFormLayout()
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self._layout)
        outer.addStretch(1)
        for field in spec.fields:
            self._add_field(field)
        self.retranslate()

    # building -----------------------------------------------------------------------------

    def _add_field(self, field: FieldSpec) -> None:
        editor = self._make_editor(field)
        editor.setObjectName(f"field_{field.name}")
        error = QLabel()
        error.setObjectName(f"error_{field.name}")
        error.setStyleSheet(_ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        column.addWidget(error)
        label = QLabel()
        label.setBuddy(editor)
        self._layout.addRow(label, holder)
        self.editors[field.name] = editor
        self.errors[field.name] = error
        self._labels[field.name] = label

    def _make_editor(self, field: FieldSpec) -> QWidget:
        kind = field.kind
        if kind in (FieldKind.TEXT, FieldKind.LTR_TEXT, FieldKind.NUMBER):
            edit = QLineEdit()
            align_text_field(edit, left_to_right=kind is FieldKind.LTR_TEXT)
            edit.textEdited.connect(lambda _text, f=field: self._check_field(f))
            edit.editingFinished.connect(self._left)
            return edit
        if kind is FieldKind.MULTILINE:
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(90)
            text.textChanged.connect(lambda f=field: self._check_field(f))
            text.installEventFilter(_FocusOut(self._left, text))
            return text
        if kind in (FieldKind.CHOICE, FieldKind.REFERENCE):
            combo = QComboBox()
            combo.activated.connect(lambda _index, f=field: self._choice_made(f))
            return combo
        if kind in (FieldKind.MULTI_CHOICE, FieldKind.REFERENCES):
            checklist = QListWidget()
            checklist.setMaximumHeight(150 if kind is FieldKind.REFERENCES else 110)
            checklist.itemChanged.connect(lambda _item: self._left())
            return checklist
        if kind is FieldKind.BOOL:
            box = QCheckBox()
            box.toggled.connect(lambda _on: self._left())
            return box
        raise AssertionError(kind)

    # choices ------------------------------------------------------------------------------

    def set_reference_choices(self, name: str, pairs: list[tuple[str, str]]) -> None:
        """(uuid, title) pairs a REFERENCE or REFERENCES field offers."""
        if self._choices.get(name) == pairs:
            return  # as shown: a reload refills nothing (2,000 organisations for every person)
        self._choices[name] = pairs
        current = self._value_of(self.spec.field(name))
        self._fill_choices(self.spec.field(name))
        self._loading = True
        try:
            self._set_value(self.spec.field(name), current)
        finally:
            self._loading = False

    def _options(self, field: FieldSpec) -> list[tuple[str, str]]:
        if field.enum is not None:
            return field.enum.choices()
        return self._choices.get(field.name, [])

    def _fill_choices(self, field: FieldSpec) -> None:
        editor = self.editors[field.name]
        options = self._options(field)
        self._loading = True
        try:
            if isinstance(editor, QComboBox):
                editor.clear()
                editor.addItem("—", "")
                for code, label in options:
                    editor.addItem(label, code)
            elif isinstance(editor, QListWidget):
                checked = set(self._value_of(field) or [])
                editor.clear()
                for code, label in options:
                    item = QListWidgetItem(label)
                    item.setData(Qt.ItemDataRole.UserRole, code)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if code in checked else Qt.CheckState.Unchecked)
                    editor.addItem(item)
        finally:
            self._loading = False

    # values -------------------------------------------------------------------------------

    def _value_of(self, field: FieldSpec) -> Any:
        editor = self.editors[field.name]
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QComboBox):
            return editor.currentData() or None
        if isinstance(editor, QListWidget):
            return [
                editor.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(editor.count())
                if editor.item(row).checkState() == Qt.CheckState.Checked
            ]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        raise AssertionError(editor)

    def _set_value(self, field: FieldSpec, value: Any) -> None:
        editor = self.editors[field.name]
        if isinstance(editor, QLineEdit):
            editor.setText(field.display(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value or "")))
        elif isinstance(editor, QListWidget):
            chosen = set(value or [])
            for row in range(editor.count()):
                item = editor.item(row)
                item.setCheckState(
                    Qt.CheckState.Checked
                    if item.data(Qt.ItemDataRole.UserRole) in chosen
                    else Qt.CheckState.Unchecked
                )
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))

    def values(self) -> dict[str, Any]:
        """The input as typed, by field name (not cleaned)."""
        return {field.name: self._value_of(field) for field in self.spec.fields}

    def set_values(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for field in self.spec.fields:
                self._set_value(field, values.get(field.name))
        finally:
            self._loading = False
        self.show_errors({})

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                editor.setReadOnly(read_only)
            else:
                editor.setEnabled(not read_only)

    # validation ---------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            self.editors[name].setAccessibleDescription(message)

    def _check_field(self, field: FieldSpec) -> None:
        if self._loading:
            return
        try:
            field.clean(self._value_of(field))
            message = ""
        except ValidationError as error:
            message = error.message
        label = self.errors[field.name]
        label.setText(message)
        label.setVisible(bool(message))

    def _choice_made(self, field: FieldSpec) -> None:
        self._check_field(field)
        self._left()

    def _left(self) -> None:
        if not self._loading:
            self.field_left.emit()

    # language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """New labels and choice names; what the person typed stays as it is."""
        for field in self.spec.fields:
            text = _(field.label)
            self._labels[field.name].setText(f"{text} *" if field.required else text)
            editor = self.editors[field.name]
            if isinstance(editor, QLineEdit) and field.hint:
                editor.setPlaceholderText(_(field.hint))
            if isinstance(editor, QLineEdit):
                align_text_field(editor, left_to_right=field.kind is FieldKind.LTR_TEXT)
            if isinstance(editor, QPlainTextEdit):
                align_text_document(editor)
            if field.enum is not None:
                current = self._value_of(field)
                self._fill_choices(field)
                self._loading = True
                try:
                    self._set_value(field, current)
                finally:
                    self._loading = False
