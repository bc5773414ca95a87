"""The meeting plan page (seed 004 l.2103): goals, desired output, the timed schedule in the
three-part structure, who is responsible for production, knowledge and partners, materials."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.syllabus import (
    PART_B,
    PARTS,
    Block,
    Meeting,
    check_block_minutes,
    default_blocks,
    meeting_title,
    ordered,
)
from desktop.models.validation import ValidationError, clean_whole_number
from desktop.views.community.context import CommunityContext, fill_combo
from desktop.views.dialogs import confirm
from desktop.views.qt_i18n import align_text_document, align_text_field
from desktop.views.widgets import error_label, show_error

PLAN_TEXTS = ("professional_goals", "community_goals", "desired_output", "materials")
PLAN_LINES = ("production", "knowledge", "partners")


def _labels() -> dict[str, str]:
    return {
        "professional_goals": _("The meeting's professional goals"),
        "community_goals": _("The meeting's community goals"),
        "desired_output": _("Desired output of the meeting"),
        "materials": _("Materials and appendices"),
        "production": _("Responsible for production"),
        "knowledge": _("Knowledge lead"),
        "partners": _("Partners"),
    }


class PlanTab(QWidget):
    def __init__(self, context: CommunityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting: Meeting | None = None
        self.chooser = QComboBox()
        self.chooser.setObjectName("plan_meeting")
        self.chooser.currentIndexChanged.connect(self._meeting_chosen)
        self.start = QTimeEdit()
        self.start.setObjectName("plan_start")
        # Under RTL QTimeEdit lays its sections out reversed: give them pre-reversed.
        self.start.setDisplayFormat("mm:HH" if i18n.is_rtl() else "HH:mm")
        self.start.timeChanged.connect(self._start_changed)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Meeting")))
        top.addWidget(self.chooser, 1)
        top.addWidget(QLabel(_("Starts at")))
        top.addWidget(self.start)
        labels = _labels()
        self.texts: dict[str, QPlainTextEdit] = {}
        texts_form = QFormLayout()
        for name in PLAN_TEXTS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"plan_{name}")
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(70)
            align_text_document(edit)
            edit.textChanged.connect(lambda n=name: self._text_changed(n))
            self.texts[name] = edit
            texts_form.addRow(labels[name], edit)
        self.lines: dict[str, QLineEdit] = {}
        for name in PLAN_LINES:
            line = QLineEdit()
            line.setObjectName(f"plan_{name}")
            align_text_field(line, left_to_right=False)
            line.textChanged.connect(lambda _t, n=name: self._line_changed(n))
            self.lines[name] = line
            texts_form.addRow(labels[name], line)

        self.blocks = QTableWidget(0, 5)
        self.blocks.setObjectName("plan_blocks")
        self.blocks.verticalHeader().hide()
        self.blocks.itemChanged.connect(self._block_item_changed)
        self.blocks.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        self.block_buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("add", _("Add a block"), self.add_block),
            ("remove", _("Remove the block"), self.remove_block),
            ("up", _("Earlier"), lambda: self.move_block(-1)),
            ("down", _("Later"), lambda: self.move_block(1)),
            ("reset", _("The standard day"), self.reset_blocks),
        ):
            button = QPushButton(text)
            button.setObjectName(f"plan_block_{key}")
            button.clicked.connect(slot)
            self.block_buttons[key] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.total = QLabel()
        self.total.setObjectName("plan_total")
        buttons.addWidget(self.total)
        self.error = error_label("plan_error")
        schedule = QGroupBox(_("Schedule: part A opening, part B professional content, part C the lab"))
        schedule_layout = QVBoxLayout(schedule)
        schedule_layout.addWidget(self.blocks, 1)
        schedule_layout.addLayout(buttons)
        schedule_layout.addWidget(self.error)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addLayout(texts_form)
        layout.addLayout(left, 2)
        layout.addWidget(schedule, 3)
        self._loading = False
        self.refresh()

    # choosing the meeting -----------------------------------------------------------------

    def refresh(self) -> None:
        meetings = ordered(self.context.community.meetings)
        titles = self.context.topic_titles()
        current = self.meeting.id if self.meeting else ""
        items = [
            (
                m.id,
                _("Meeting {number} · {day} · {title}").format(
                    number=number, day=i18n.format_date(m.day), title=meeting_title(m, titles) or "—"
                ),
            )
            for number, m in enumerate(meetings, start=1)
        ]
        fill_combo(self.chooser, items, current)
        self._meeting_chosen()

    def choose(self, meeting_id: str) -> None:
        index = self.chooser.findData(meeting_id)
        if index >= 0:
            self.chooser.setCurrentIndex(index)

    def _meeting_chosen(self) -> None:
        """What was typed for the meeting shown is in the community already: save it first."""
        self.context.flush()
        meeting_id = self.chooser.currentData()
        self.meeting = next((m for m in self.context.community.meetings if m.id == meeting_id), None)
        enabled = self.meeting is not None and not self.context.read_only
        for widget in (*self.texts.values(), *self.lines.values(), self.start, *self.block_buttons.values()):
            widget.setEnabled(enabled)
        self._loading = True
        plan = self.meeting.plan if self.meeting else None
        for name, edit in self.texts.items():
            edit.setPlainText(getattr(plan, name) if plan else "")
        for name, line in self.lines.items():
            line.setText(getattr(plan, name) if plan else "")
        start = self.meeting.start if self.meeting else time(9, 0)
        self.start.setTime(QTime(start.hour, start.minute))
        self._loading = False
        self.fill_blocks()

    # the plan's texts ---------------------------------------------------------------------

    def _text_changed(self, name: str) -> None:
        if self._loading or self.meeting is None:
            return
        setattr(self.meeting.plan, name, self.texts[name].toPlainText().strip())
        self.context.changed()

    def _line_changed(self, name: str) -> None:
        if self._loading or self.meeting is None:
            return
        setattr(self.meeting.plan, name, " ".join(self.lines[name].text().split()))
        self.context.changed()

    def _start_changed(self, value: QTime) -> None:
        if self._loading or self.meeting is None:
            return
        self.meeting.start = time(value.hour(), value.minute())
        self.context.save()
        self.fill_blocks()

    # the timed blocks ---------------------------------------------------------------------

    def fill_blocks(self) -> None:
        self.blocks.blockSignals(True)
        self.blocks.clearContents()
        self.blocks.setHorizontalHeaderLabels([_("Time"), _("Part"), _("Block"), _("Minutes"), _("Notes")])
        rows = self.meeting.schedule() if self.meeting else []
        self.blocks.setRowCount(len(rows))
        read_only = self.context.read_only
        for row, (begin, end, block) in enumerate(rows):
            clock = QTableWidgetItem(f"{begin:%H:%M}")
            clock.setToolTip(_("Until {end}").format(end=f"{end:%H:%M}"))
            clock.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.blocks.setItem(row, 0, clock)
            part = QComboBox()
            part.setObjectName(f"plan_part_{row}")
            fill_combo(part, [(k, _(v)) for k, v in PARTS.items()], block.part)
            part.setEnabled(not read_only)
            part.currentIndexChanged.connect(
                lambda _i, b=block, c=part: self._set_part(b, str(c.currentData()))
            )
            self.blocks.setCellWidget(row, 1, part)
            self.blocks.setItem(row, 2, QTableWidgetItem(block.title))
            self.blocks.setItem(row, 3, QTableWidgetItem(str(block.minutes)))
            self.blocks.setItem(row, 4, QTableWidgetItem(block.notes))
        self.blocks.blockSignals(False)
        self.blocks.resizeColumnToContents(0)
        self.blocks.resizeColumnToContents(1)
        if rows:
            self.total.setText(
                _("{hours} hours, ending at {end}").format(
                    end=f"{rows[-1][1]:%H:%M}",
                    hours=i18n.format_number(round(sum(b.minutes for b in self.meeting.blocks) / 60, 2)),
                )
                if self.meeting
                else ""
            )
        else:
            self.total.setText("")

    def _set_part(self, block: Block, part: str) -> None:
        block.part = part
        self.context.save()

    def _block_item_changed(self, item: QTableWidgetItem) -> None:
        if self.meeting is None:
            return
        block = self.meeting.blocks[item.row()]
        text = item.text().strip()
        if item.column() == 2:
            block.title = " ".join(text.split())
        elif item.column() == 4:
            block.notes = text
        elif item.column() == 3:
            try:
                minutes = clean_whole_number("minutes", text, required=True)
                block.minutes = check_block_minutes(minutes or 0)
            except ValidationError as error:
                show_error(
                    self.error,
                    _("Block {number}: {problem}").format(number=item.row() + 1, problem=error.message),
                )
                self.fill_blocks()
                return
        else:
            return
        show_error(self.error, "")
        self.context.save()
        self.fill_blocks()

    def add_block(self) -> None:
        if self.meeting is None:
            return
        row = self.blocks.currentRow()
        position = row + 1 if row >= 0 else len(self.meeting.blocks)
        self.meeting.blocks.insert(position, Block(PART_B, _("New block"), 30))
        self.context.save()
        self.fill_blocks()
        self.blocks.setCurrentCell(position, 2)

    def remove_block(self) -> None:
        row = self.blocks.currentRow()
        if self.meeting is None or not 0 <= row < len(self.meeting.blocks):
            show_error(self.error, _("Choose the block first."))
            return
        if not confirm(
            self,
            _("Remove the block"),
            _("Remove the block “{title}” from this meeting's schedule?").format(
                title=self.meeting.blocks[row].title
            ),
        ):
            return
        del self.meeting.blocks[row]
        self.context.save()
        self.fill_blocks()

    def move_block(self, step: int) -> None:
        row = self.blocks.currentRow()
        if self.meeting is None or not 0 <= row < len(self.meeting.blocks):
            return
        target = row + step
        if not 0 <= target < len(self.meeting.blocks):
            return
        blocks = self.meeting.blocks
        blocks[row], blocks[target] = blocks[target], blocks[row]
        self.context.save()
        self.fill_blocks()
        self.blocks.setCurrentCell(target, 2)

    def reset_blocks(self) -> None:
        if self.meeting is None:
            return
        if not confirm(
            self,
            _("The standard day"),
            _("Replace this meeting's {count} blocks by the standard day of the three parts?").format(
                count=len(self.meeting.blocks)
            ),
        ):
            return
        self.meeting.blocks = default_blocks(self.context.community.cycle_year)
        self.context.save()
        self.fill_blocks()
