"""Choosing one of many people (or organisations...): a combo box whose time does not grow
faster than the list.

A QComboBox filled with addItem builds one item per person and, as its popup opens, measures
every row (at 20,000 people: 0.7 s to fill, 1.2 s to open, 38 times the time for 2,000).
`fill_people` gives the combo box one read-only model over the (value, label) pairs instead,
and a list view whose rows all have one height: filling takes no time per row, and opening
the popup lays out only the rows on screen. Neither the combo box's size nor its popup's is
taken from its widest row (which reads every row). The combo box keeps its whole API
(currentData, findData; an editable one completes typed text from a plain list of the labels).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QListView,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex


class ChoiceModel(QAbstractListModel):
    """(value, label) rows: the label shown, the value as the item's data (Qt.UserRole)."""

    def __init__(self, rows: Sequence[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self.positions = {value: row for row, (value, _label) in reversed(list(enumerate(self.rows)))}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's names
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][1]
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()][0]
        return None


class _ListPopup(QProxyStyle):
    """The style of the application, but a combo box's popup is a list below it: the popup
    placed over the current item (Fusion's, macOS's) measures the text of every row first."""

    def styleHint(  # noqa: N802 - Qt's name
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,  # noqa: N803
    ) -> int:
        if hint == QStyle.StyleHint.SH_ComboBox_Popup:
            return 0
        return super().styleHint(hint, option, widget, returnData)


MINIMUM_CHARACTERS = 24  # the width the combo box asks for, instead of its widest row's


def fill_people(
    combo: QComboBox, items: Sequence[tuple[str, str]], selected: str, *, blank: str | None = None
) -> ChoiceModel:
    """Like community.context.fill_combo: (value, label) items, `blank` adds a first empty
    choice with that label, `selected` is chosen (else the first); no signal is emitted.
    Returns the combo box's model."""
    rows = ([("", blank)] if blank is not None else []) + list(items)
    combo.blockSignals(True)
    view = combo.view()
    if not (isinstance(view, QListView) and view.uniformItemSizes()):
        view = QListView(combo)
        view.setUniformItemSizes(True)  # the popup lays out the rows on screen, not all
        combo.setView(view)
        # neither the combo box's size nor its popup's measures every row
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(MINIMUM_CHARACTERS)
        app = QApplication.instance()
        if not combo.isEditable() and isinstance(app, QApplication):
            style = _ListPopup(app.style().name())
            style.setParent(combo)
            combo.setStyle(style)
    model = ChoiceModel(rows, combo)
    combo.setModel(model)  # (deletes the model it replaces)
    if combo.isEditable():
        _complete_from_labels(combo, [label for _value, label in rows])
    combo.setCurrentIndex(model.positions.get(selected, 0) if rows else -1)
    combo.blockSignals(False)
    return model


def _complete_from_labels(combo: QComboBox, labels: list[str]) -> None:
    """What an editable combo box completes typed text from: Qt's own list of the labels, case
    insensitive and inline, as its default completer does. (That one reads the rows through the
    model above, in Python: a keystroke that does not extend the text took 40 ms at 20,000
    people, 1 ms this way. A completion chosen is found in the combo box by its text.)"""
    completer = QCompleter(combo.lineEdit())  # (the line edit deletes the one it replaces)
    completer.setModel(QStringListModel(labels, completer))
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
    combo.setCompleter(completer)
