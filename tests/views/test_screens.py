"""Issue 15's screens read by a Hebrew (and an Arabic) reader: what each screen shows, where,
and whether it fits. Each test reads the real widgets: their text, the geometry they are
drawn with, a header's size against the size its text needs, the order of a sorted column."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDateEdit, QFormLayout, QHeaderView, QLabel, QSpinBox
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.storage.workspace import Workspace
from desktop.views.qt_i18n import apply_language, collator
from tests.views.conftest import demo_copy, type_text


@pytest.fixture(autouse=True)
def _hebrew(qapp: QApplication) -> Iterator[None]:
    apply_language(qapp, "he")
    yield
    apply_language(qapp, "he")
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.fixture
def demo(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    """The demo workspace with the seeds' whole path (forum, selection), made once per run."""
    workspace = demo_copy(tmp_path_factory, tmp_path / "demo.shutafut", whole_path=True)
    yield workspace
    workspace.close()


def clipped_headers(header: QHeaderView) -> list[str]:
    """The header sections drawn narrower than their text needs."""
    model = header.model()
    return [
        str(model.headerData(section, header.orientation()))
        for section in range(header.count())
        if not header.isSectionHidden(section)
        and header.sectionSize(section) < header.sectionSizeHint(section)
    ]


# --- the community window ------------------------------------------------------------------


def _community(qtbot: QtBot, demo: Workspace):  # type: ignore[no-untyped-def]
    from desktop.storage.community_store import list_communities, load_community
    from desktop.views.community.window import CommunityWindow

    number = min(row.id for row in list_communities(demo))
    window = CommunityWindow(demo, load_community(demo, number), number, lambda *_args: None)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_gantt_has_the_printed_key_and_seminar_and_grows_with_the_window(
    qtbot: QtBot, demo: Workspace
) -> None:
    window = _community(qtbot, demo)
    window.tabs.setCurrentWidget(window.syllabus_tab)
    gantt = window.syllabus_tab.gantt
    qtbot.waitUntil(lambda: gantt.isVisible())
    # the key of the printed syllabus, read right to left: in person, online, the seminar
    assert [label.text() for _sample, label in gantt.legend] == ["פרונטלי", "מקוון", "סמינר דו־יומי"]
    xs = [label.sceneBoundingRect().right() for _sample, label in gantt.legend]
    assert xs == sorted(xs, reverse=True)
    filled, outline, pill = (sample for sample, _label in gantt.legend)
    assert filled.brush().style() != Qt.BrushStyle.NoBrush
    assert outline.brush().style() == Qt.BrushStyle.NoBrush
    assert pill.rect().width() > 1.5 * filled.rect().width()
    # the seminar's mark is the wider pill, the others as wide as each other
    meetings = window.community.meetings
    seminar = next(m for m in meetings if m.seminar)
    ordinary = next(m for m in meetings if not m.seminar)
    assert gantt.marks[seminar.id].rect().width() > 1.5 * gantt.marks[ordinary.id].rect().width()

    # the months fill the view's width, and more of it when the window grows
    def used() -> float:
        return gantt.scene_.sceneRect().width() / gantt.viewport().width()

    qtbot.waitUntil(lambda: used() > 0.95)
    narrow = gantt.scene_.sceneRect().width()
    window.resize(1800, 740)
    qtbot.waitUntil(lambda: gantt.scene_.sceneRect().width() > narrow + 300)
    qtbot.waitUntil(lambda: used() > 0.95)
    assert gantt.horizontalScrollBar().maximum() == 0  # and no scrolling sideways


def test_survey_headers_show_each_topic_whole(qtbot: QtBot, demo: Workspace) -> None:
    window = _community(qtbot, demo)
    survey = window.survey_tab
    window.tabs.setCurrentWidget(survey)
    header = survey.grid.horizontalHeader()
    assert header.count() >= 6
    assert clipped_headers(header) == []
    assert any("\n" in str(survey.grid.horizontalHeaderItem(c).text()) for c in range(header.count()))


# --- the forum -----------------------------------------------------------------------------


def _forum(qtbot: QtBot, demo: Workspace):  # type: ignore[no-untyped-def]
    from desktop.storage.forum_store import list_forums, load_forum
    from desktop.views.forum.forum_window import ForumWindow

    number = list_forums(demo)[0].id
    window = ForumWindow(demo, load_forum(demo, number), number)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    return window


def test_the_roster_reads_from_alef_to_tav(qtbot: QtBot, demo: Workspace) -> None:
    window = _forum(qtbot, demo)
    table = window.roster.table
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert len(names) > 5
    assert names == sorted(names, key=collator().sortKey)
    assert names[0] < names[-1]  # א before ת, not the other way round


def test_the_change_log_says_when_in_the_languages_dates(qtbot: QtBot, demo: Workspace) -> None:
    window = _forum(qtbot, demo)
    live = window.open_facilitation(1)
    live.table.setText("3")
    type_text(live.idea, "רעיון חדש")
    QTest.keyClick(live.idea, Qt.Key.Key_Return)
    lines = [live.change_log.item(row).text() for row in range(live.change_log.count())]
    assert lines and "רעיון חדש" in lines[0]
    for line in lines:
        assert not re.search(r"\d{4}-\d\d-\d\dT", line), line  # no ISO stamp
        assert re.match(r"\u200f\d{1,2}\.\d{1,2}\.\d{4} \d\d:\d\d ", line), line
    live.close()


def test_vote_results_fill_the_audience_screen(qtbot: QtBot) -> None:
    from desktop.views.forum.audience import AudienceWindow

    audience = AudienceWindow()
    qtbot.addWidget(audience)
    audience.resize(1366, 768)
    audience.show()
    audience.show_results([("חינוך לגיל הרך", 14, False), ("תעסוקה", 9, True), ("תחבורה", 9, True)])
    chart = audience.chart
    qtbot.waitUntil(lambda: chart.height() > 500)
    lines = chart.bar_lines()
    assert len(lines) == 3
    assert lines[-1].bar.bottom() > 0.85 * chart.height()  # down to the foot of the screen
    assert lines[0].bar.width() > 0.45 * chart.width()  # the longest bar, its number beside it,
    assert lines[0].label_rect.left() < 0.25 * chart.width()  # across most of the width
    assert lines[0].bar.right() <= chart.width() - lines[0].name_rect.width()  # names on the right
    assert chart.chart_font().pixelSize() > 1.5 * audience.board.font().pixelSize()  # type grows too
    assert QFontMetrics(chart.chart_font()).height() < lines[0].bar.height() * 1.4


# --- flags, backups, dates -----------------------------------------------------------------


def test_the_flags_mapping_says_field_of_activity(qtbot: QtBot, demo: Workspace) -> None:
    from tests.views.conftest import open_flags_window

    window = open_flags_window(qtbot, demo)
    field = window.mapping.field_name
    form = next(layout for layout in window.mapping.findChildren(QFormLayout) if layout.indexOf(field) >= 0)
    label = form.labelForField(field)
    assert isinstance(label, QLabel) and label.text() == "תחום"
    assert i18n.pgettext("record field", "Field") == "שדה"  # a record's data field stays שדה


def _glyph_x(label: QLabel, text: str, index: int) -> float:
    """Where the character at `index` is drawn (its middle), in a right-to-left paragraph."""
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10000)
    layout.endLayout()
    # a glyph inside a run: the cursor before and after it stand at its two edges
    return (line.cursorToX(index)[0] + line.cursorToX(index + 1)[0]) / 2


def test_the_backups_folder_reads_left_to_right_inside_the_hebrew_sentence(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from desktop.storage.workspace import create_workspace
    from desktop.views.backups_dialog import BackupsDialog
    from desktop.views.main_window import MainWindow

    path = tmp_path / "שותפות" / "עבודה.shutafut"  # Hebrew folder names: the path starts with "/"
    path.parent.mkdir()
    create_workspace(path).close()
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    assert main.open_workspace_file(path, remember=False)
    main.backups.wait()  # the backup on open is taken in the background
    dialog = BackupsDialog(main)
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "backups_folder")
    text = label.text()
    plain = i18n.strip_marks(text)
    folder = str(path.with_name("עבודה.backups"))
    assert folder in plain

    def at(piece: str, offset: int) -> float:
        """The drawn middle of the `offset`th character of `piece` (in the label's text)."""
        where = [i for i, c in enumerate(text) if c not in "\u2066\u2068\u2069"]
        return _glyph_x(label, text, where[plain.index(piece) + offset])

    tmp, hebrew_folder, hebrew_name, backups_x, comma, sentence = (
        at(folder, 2),  # inside its first folder's name
        at("שותפות", 2),
        at("עבודה.", 2),
        at(".backups", 3),
        at(",", 0),
        at("גיבויים", 2),
    )
    # the path left to right as a whole, its folders in their order, the Hebrew names too
    assert tmp < hebrew_folder < hebrew_name < backups_x
    assert comma < tmp  # the sentence's comma after the path: on its left in Hebrew
    assert sentence > backups_x  # the sentence begins on the right of the path
    sizes = [dialog.model.item(row, 2).text() for row in range(dialog.model.rowCount())]
    assert sizes and all(size.endswith("ק״ב") or size.endswith("מ״ב") for size in sizes), sizes
    dialog.close()
    main.close()


def test_one_date_style_and_latin_digits_in_arabic(qtbot: QtBot, qapp: QApplication) -> None:
    from datetime import date

    from desktop.views.widgets import date_editor, qdate

    apply_language(qapp, "ar")
    editor = date_editor("day")
    qtbot.addWidget(editor)
    editor.setDate(qdate(date(2023, 3, 27)))
    editor.show()
    # the field's text, in the digits and order of the labels beside it
    assert editor.text() == i18n.strip_marks(i18n.format_date(date(2023, 3, 27))) == "27.3.2023"
    assert i18n.format_date(date(2023, 3, 27)) == "27.3.2023"
    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(0, 100)
    spin.setValue(42)
    assert spin.text() == "42"  # not "٤٢": the digits of the labels beside it
    assert isinstance(editor, QDateEdit)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_weights_sensitivity_note_is_shown_whole(
    qtbot: QtBot, qapp: QApplication, demo: Workspace, language: str
) -> None:
    from desktop.storage.selection_store import list_processes, load_process
    from desktop.views.selection.wizard import SelectionWizard, WeightsPage

    apply_language(qapp, language)
    number = list_processes(demo)[0].id
    wizard = SelectionWizard(demo, load_process(demo, number), number)
    qtbot.addWidget(wizard)
    wizard.resize(800, 720)
    page_id = next(i for i in wizard.pageIds() if isinstance(wizard.page(i), WeightsPage))
    wizard.setStartId(page_id)
    wizard.restart()
    wizard.show()
    note = wizard.page(page_id).sensitivity
    qtbot.waitUntil(lambda: note.text().count("\n") >= 2)
    qtbot.waitUntil(lambda: note.height() >= note.heightForWidth(note.width()))
    assert note.width() > 0.8 * wizard.page(page_id).width()  # across the page, not a strip
    # the towns by the names the workspace holds in the interface's language
    ranking = wizard.page(page_id).ranking
    towns = [ranking.item(row, 1).text() for row in range(ranking.rowCount())]
    assert towns and {"ar": "أوفاكيم", "en": "Ofakim"}[language] in towns
    assert "אופקים" not in note.text() and "אופקים" not in towns
    next_button = wizard.button(wizard.WizardButton.NextButton)
    assert (
        note.mapTo(wizard, note.rect().bottomLeft()).y()
        < next_button.mapTo(wizard, next_button.rect().topLeft()).y()
    )


def test_the_merge_list_shows_a_long_cluster_name_whole(qtbot: QtBot, demo: Workspace) -> None:
    from PySide6.QtWidgets import QComboBox

    window = _forum(qtbot, demo)
    live = window.open_facilitation(1)
    long_name = "מיומנויות המאה ה-21 ולמידה משמעותית בבית"
    live.forum.new_cluster(1, long_name)
    live.refresh()
    combo = live.merge_target
    combo.setCurrentIndex(combo.findText(long_name))
    qtbot.waitUntil(lambda: combo.isVisible())
    needed = QComboBox()  # a list as wide as its text asks, for comparison
    needed.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    needed.addItem(long_name)
    needed.setFont(combo.font())
    qtbot.waitUntil(lambda: combo.width() >= needed.sizeHint().width())
    assert live.width() <= 1366  # and the window still fits the screen
    assert live.cluster_name.width() >= 160  # the new cluster's name field keeps room to type
    # ideas name their table once: "(שולחן 1)", a bare number "(שולחן 3)"
    labels = [
        live.board.topLevelItem(group).child(row).text(0)
        for group in range(live.board.topLevelItemCount())
        for row in range(live.board.topLevelItem(group).childCount())
    ]
    assert any("(שולחן 1)" in label for label in labels)
    assert not any("שולחן שולחן" in label for label in labels)
    live.close()


@pytest.mark.parametrize("language", ["he", "ar"])
def test_the_communities_list_and_the_heat_map_show_their_headers_whole(
    qtbot: QtBot, qapp: QApplication, demo: Workspace, tmp_path: Path, language: str
) -> None:
    from desktop.views.main_window import MainWindow
    from tests.views.conftest import open_flags_window

    apply_language(qapp, language)
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    assert main.open_workspace_file(demo.path, remember=False)
    main.show_feature("communities")
    table = main.feature_section("communities").table
    qtbot.waitUntil(lambda: table.model().rowCount() >= 2)
    header = table.horizontalHeader()
    assert clipped_headers(header) == []
    for column in range(header.count()):  # every column but the name's shows its cells whole
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            assert header.sectionSize(column) >= table.sizeHintForColumn(column), column
    main.close()

    window = open_flags_window(qtbot, demo)
    window.resize(1024, 700)  # narrower than the screen: the flags' names on two lines still fit
    window.tabs.setCurrentWidget(window.diagnoses)
    heat = window.diagnoses.heat
    qtbot.waitUntil(heat.isVisible)
    assert heat.columnCount() == 4 and clipped_headers(heat.horizontalHeader()) == []
    # the radar beside it: every flag's name inside the chart's widget, whole (two lines at most)
    radar = window.diagnoses.radar
    metrics = QFontMetrics(radar.font())
    bounds = radar.rect()
    for label, rect in radar.geometry_()[3]:
        assert rect.left() >= 0 and rect.right() <= bounds.width(), label
        needed = metrics.boundingRect(rect.toRect(), int(Qt.TextFlag.TextWordWrap), label)
        assert needed.width() <= rect.width() + 1 and needed.height() <= rect.height(), label


def test_member_ranges_read_low_to_high_and_roles_show_whole(qtbot: QtBot, demo: Workspace) -> None:
    window = _community(qtbot, demo)
    members = window.members_tab
    warnings = members.warnings
    text = warnings.text().split("\n")[0]
    assert "15-35" in text  # a hyphen, as Hebrew writers type a range
    at = text.index("15-35")
    # drawn as one unit, low to high from left to right, in the right-to-left sentence
    assert _glyph_x(warnings, text, at) < _glyph_x(warnings, text, at + 3)
    # the members' offices shown whole beside their names (the short columns as wide as they need)
    table = members.table
    header = table.horizontalHeader()
    assert clipped_headers(header) == []
    for column in range(1, header.count()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            assert header.sectionSize(column) >= table.sizeHintForColumn(column), column
    assert header.sectionSize(2) >= table.sizeHintForColumn(2)  # the office column, at 1366 px


def test_the_clusters_lists_say_their_dates_the_languages_way(qtbot: QtBot, demo: Workspace) -> None:
    from datetime import date

    from desktop.storage.cluster_store import list_profiles, load_profile
    from desktop.views.cluster.window import ClusterWindow

    number = list_profiles(demo)[0].id
    window = ClusterWindow(demo, load_profile(demo, number), number, lambda *_args: None)
    qtbot.addWidget(window)
    window.show()
    membership = window.membership
    window.tabs.setCurrentWidget(membership)
    before = membership.lists.rowCount()
    qtbot.mouseClick(membership.add_button, Qt.MouseButton.LeftButton)  # today's list, kept as ISO
    lists = membership.lists
    assert lists.rowCount() == before + 1
    dates = [lists.item(row, 0).text() for row in range(lists.rowCount())]
    assert i18n.format_date(date.today()) in dates
    shown = "\n".join(dates) + membership.differences.text()
    assert not re.search(r"\d{4}-\d\d-\d\d", shown), shown
