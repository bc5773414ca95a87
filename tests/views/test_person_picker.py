"""The people picker: a combo box over a model (not one item per person), same API."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QCompleter, QListView, QStyle
from pytestqt.qtbot import QtBot

from desktop.views.person_picker import ChoiceModel, fill_people

PEOPLE = [("u1", "דנה לוי"), ("u2", "עומר חטיב"), ("u3", "נור אבו-ראס")]


def test_a_filled_picker_chooses_and_refills_like_a_combo_box(qtbot: QtBot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    chosen: list[int] = []
    combo.currentIndexChanged.connect(chosen.append)
    fill_people(combo, PEOPLE, "u2", blank="(none)")
    assert isinstance(combo.model(), ChoiceModel) and combo.count() == 4
    assert combo.currentData() == "u2" and combo.currentText() == "עומר חטיב"
    assert combo.itemText(0) == "(none)" and combo.itemData(0) == ""
    assert combo.findData("u3") == 3 and chosen == []  # filling emits nothing
    view = combo.view()
    assert isinstance(view, QListView) and view.uniformItemSizes()  # the popup lays out what shows
    # neither the combo box's width nor its popup's is measured on every row
    assert combo.sizeAdjustPolicy() == QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
    assert not combo.style().styleHint(QStyle.StyleHint.SH_ComboBox_Popup, None, combo)
    combo.setCurrentIndex(1)
    assert combo.currentData() == "u1" and chosen == [1]
    fill_people(combo, PEOPLE[1:], "missing")  # refilled: the first, when the chosen is gone
    assert combo.count() == 2 and combo.currentData() == "u2"
    fill_people(combo, [], "")
    assert combo.count() == 0 and combo.currentIndex() == -1


def test_an_editable_picker_finds_the_typed_name(qtbot: QtBot) -> None:
    combo = QComboBox()
    combo.setEditable(True)
    qtbot.addWidget(combo)
    fill_people(combo, [*PEOPLE, ("u4", "Dana Levi")], "")
    fill_people(combo, [*PEOPLE, ("u4", "Dana Levi")], "")  # (refilled: one completer, not two)
    [completer] = combo.findChildren(QCompleter)
    assert completer is combo.completer()
    # (Qt's own list of the labels: a keystroke does not read 20,000 rows through Python)
    assert isinstance(completer.model(), QStringListModel)
    assert completer.model().stringList() == [label for _uuid, label in PEOPLE] + ["Dana Levi"]
    combo.setEditText("נור אבו-ראס")
    assert combo.itemData(combo.findText(combo.currentText())) == "u3"
    combo.show()
    combo.activateWindow()
    qtbot.waitUntil(combo.isActiveWindow)
    line = combo.lineEdit()
    line.clear()
    line.setFocus()
    QTest.keyClicks(line, "dana l")  # (inline, whatever the case: the rest offered, selected)
    assert (line.text(), line.selectedText()) == ("dana levi", "evi")
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert combo.currentData() == "u4"
