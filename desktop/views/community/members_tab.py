"""The community tab: name, field, year, leader and partner; the members with their
authority and role, the leading core and the advisory committee; the composition view."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.models.community import (
    CYCLE_YEARS,
    DIMENSIONS,
    GENDERS,
    SENIORITY,
    Member,
    composition,
    set_agreed,
)
from desktop.models.enums import District, Sector
from desktop.models.validation import ValidationError, clean_whole_number
from desktop.views.community.context import CommunityContext, fill_combo, none_label
from desktop.views.dialogs import confirm
from desktop.views.qt_i18n import align_text_field
from desktop.views.widgets import date_editor, error_label, pydate, qdate, show_error

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
MEMBER_COLUMNS = 7
ROLE_COLUMN, CORE_COLUMN, ADVISORY_COLUMN = 2, 4, 5  # the seniority is the last column


def date_edit(name: str) -> QDateEdit:
    edit = date_editor()
    edit.setObjectName(name)
    return edit


class AddMemberDialog(QDialog):
    """Choose a person of the workspace and say which authority they come from."""

    def __init__(self, context: CommunityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Add a member"))
        self.person = QComboBox()
        self.person.setObjectName("member_person")
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        taken = {m.person for m in context.community.members}
        fill_combo(
            self.person,
            [
                (p.uuid, p.full_name + (f" · {p.organisation}" if p.organisation else ""))
                for p in context.people.values()
                if p.uuid not in taken
            ],
            "",
        )
        self.authority = QComboBox()
        self.authority.setObjectName("member_authority")
        self.authority.setEditable(True)
        self.authority.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        fill_combo(
            self.authority, [(a.uuid, a.name) for a in context.authorities.values()], "", blank=_("(choose)")
        )
        self.role = QLineEdit()
        self.role.setObjectName("member_role")
        align_text_field(self.role, left_to_right=False)
        self.gender = QComboBox()
        self.gender.setObjectName("member_gender")
        fill_combo(self.gender, [(k, _(v)) for k, v in GENDERS.items()], "")
        self.seniority = QComboBox()
        self.seniority.setObjectName("member_seniority")
        fill_combo(self.seniority, [(k, _(v)) for k, v in SENIORITY.items()], "")
        self.error = error_label("member_error")
        form = QFormLayout()
        form.addRow(_("Person"), self.person)
        form.addRow(_("Authority"), self.authority)
        form.addRow(_("Office"), self.role)
        form.addRow(_("Gender"), self.gender)
        form.addRow(_("Seniority"), self.seniority)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _chosen(self, combo: QComboBox) -> str:
        index = combo.findText(combo.currentText())
        return str(combo.itemData(index) or "") if index >= 0 else ""

    def _accept(self) -> None:
        person = self._chosen(self.person)
        if not person:
            show_error(
                self.error, _("Choose a person from the list (add new people under Reference data > People).")
            )
            return
        member = Member(
            person,
            self._chosen(self.authority),
            self.role.text().strip(),
            str(self.gender.currentData() or ""),
            seniority=str(self.seniority.currentData() or ""),
        )
        try:
            self.context.community.add_member(member)
        except ValidationError as error:
            show_error(self.error, error.message)
            return
        self.accept()


class MembersTab(QWidget):
    def __init__(self, context: CommunityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._filling = False
        community = context.community
        self.name = QLineEdit(community.name)
        self.name.setObjectName("community_name")
        self.profession = QLineEdit(community.profession)
        self.profession.setObjectName("community_field")
        for line in (self.name, self.profession):
            align_text_field(line, left_to_right=False)
            line.textChanged.connect(self._details_typed)
            line.editingFinished.connect(self.context.flush)
        self.start = date_edit("community_start")
        self.end = date_edit("community_end")
        self.start.setDate(qdate(community.period_start))
        self.end.setDate(qdate(community.period_end))
        self.start.dateChanged.connect(self._period_edited)
        self.end.dateChanged.connect(self._period_edited)
        self.cycle = QComboBox()
        self.cycle.setObjectName("community_cycle")
        fill_combo(self.cycle, [(str(k), _(v)) for k, v in CYCLE_YEARS.items()], str(community.cycle_year))
        self.cycle.currentIndexChanged.connect(self._details_edited)
        self.leader = QComboBox()
        self.leader.setObjectName("community_leader")
        self.partner = QComboBox()
        self.partner.setObjectName("community_partner")
        self.leader.currentIndexChanged.connect(self._details_edited)
        self.partner.currentIndexChanged.connect(self._details_edited)
        self.details_error = error_label("community_details_error")
        form = QFormLayout()
        form.addRow(_("Name of the community"), self.name)
        form.addRow(_("Professional field"), self.profession)
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.end)
        period.addStretch(1)
        form.addRow(_("The community's year"), period)
        form.addRow(_("Stage in the life cycle"), self.cycle)
        form.addRow(_("Community leader"), self.leader)
        form.addRow(_("Professional partner"), self.partner)

        self.model = QStandardItemModel(0, MEMBER_COLUMNS)
        self.model.itemChanged.connect(self._member_item_changed)
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search = QLineEdit()
        self.search.setObjectName("members_search")
        self.search.setPlaceholderText(_("Search members…"))
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("members")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the order they joined in
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        # The name and the role share the room; the short columns are as wide as their contents.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (0, ROLE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(_("Add a member…"))
        self.add_button.setObjectName("member_add")
        self.add_button.clicked.connect(self.add_member)
        self.remove_button = QPushButton(_("Remove the member…"))
        self.remove_button.setObjectName("member_remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.member_seniority = QComboBox()
        self.member_seniority.setObjectName("member_seniority_edit")
        fill_combo(self.member_seniority, [(k, _(v)) for k, v in SENIORITY.items()], "")
        self.member_seniority.currentIndexChanged.connect(self._seniority_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_seniority())
        self.members_error = error_label("members_error")
        self.warnings = QLabel()
        self.warnings.setObjectName("members_warnings")
        self.warnings.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        members_box = QGroupBox(_("Members"))
        members_layout = QVBoxLayout(members_box)
        members_layout.addLayout(buttons)
        members_layout.addWidget(self.table, 1)
        seniority_row = QHBoxLayout()
        seniority_row.addWidget(QLabel(_("Seniority of the chosen member")))
        seniority_row.addWidget(self.member_seniority)
        seniority_row.addStretch(1)
        members_layout.addLayout(seniority_row)
        members_layout.addWidget(self.members_error)
        members_layout.addWidget(self.warnings)

        self.dimension = QComboBox()
        self.dimension.setObjectName("composition_dimension")
        fill_combo(self.dimension, [(k, _(v)) for k, v in DIMENSIONS.items()], "authority")
        self.dimension.currentIndexChanged.connect(self.refresh_composition)
        self.mix_model = QStandardItemModel(0, 4)
        self.mix_model.itemChanged.connect(self._agreed_changed)
        self.mix_table = QTableView()
        self.mix_table.setObjectName("composition")
        self.mix_table.setModel(self.mix_model)
        self.mix_table.verticalHeader().hide()
        self.mix_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.mix_error = error_label("composition_error")
        mix_box = QGroupBox(_("Composition against the agreed mix"))
        mix_layout = QVBoxLayout(mix_box)
        mix_layout.addWidget(self.dimension)
        mix_layout.addWidget(self.mix_table, 1)
        mix_layout.addWidget(self.mix_error)

        lower = QHBoxLayout()
        lower.addWidget(members_box, 3)
        lower.addWidget(mix_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.details_error)
        layout.addLayout(lower, 1)
        for widget in (
            self.name,
            self.profession,
            self.start,
            self.end,
            self.cycle,
            self.leader,
            self.partner,
            self.add_button,
            self.remove_button,
        ):
            widget.setEnabled(not context.read_only)
        self.refresh()

    # details ------------------------------------------------------------------------------

    def reload_details(self) -> None:
        """Show the community's details again (after taking another person's version)."""
        community = self.context.community
        widgets = (self.name, self.profession, self.start, self.end, self.cycle)
        self._filling = True
        for widget in widgets:
            widget.blockSignals(True)
        self.name.setText(community.name)
        self.profession.setText(community.profession)
        self.start.setDate(qdate(community.period_start))
        self.end.setDate(qdate(community.period_end))
        self.cycle.setCurrentIndex(max(self.cycle.findData(str(community.cycle_year)), 0))
        for widget in widgets:
            widget.blockSignals(False)
        self._filling = False

    def _fill_people_combos(self) -> None:
        community = self.context.community
        members = [(m.person, self.context.person_name(m.person)) for m in community.members]
        fill_combo(
            self.leader, self._with_chosen(members, community.leader), community.leader, blank=none_label()
        )
        everyone = [(p.uuid, p.full_name) for p in self.context.people.values()]
        fill_combo(
            self.partner,
            self._with_chosen(everyone, community.partner),
            community.partner,
            blank=none_label(),
        )

    def _with_chosen(self, choices: list[tuple[str, str]], chosen: str) -> list[tuple[str, str]]:
        """The choices, with the one already chosen added (marked) when it is not among them:
        a leader who is not a member is shown and kept, never silently dropped."""
        if not chosen or any(uuid == chosen for uuid, _label in choices):
            return choices
        name = self.context.person_name(chosen)
        if not name:
            return [*choices, (chosen, _("(a person no longer in the workspace)"))]
        return [*choices, (chosen, _("{name} (not a member)").format(name=name))]

    def _details_typed(self) -> None:
        """Name and field as they are typed: into the community, saved after a pause."""
        if self._filling:
            return
        self._details_edited(typing=True)

    def _details_edited(self, *_args: object, typing: bool = False) -> None:
        if self._filling:
            return
        community = self.context.community
        name = " ".join(self.name.text().split())
        if not name:
            show_error(self.details_error, _("Give the community a name."))
            if not typing:
                self.name.setFocus()
            return
        show_error(self.details_error, "")
        community.name = name
        community.profession = " ".join(self.profession.text().split())
        community.cycle_year = int(self.cycle.currentData() or 1)
        community.leader = str(self.leader.currentData() or "")
        community.partner = str(self.partner.currentData() or "")
        if typing:
            self.context.changed()
        else:
            self.context.save()

    def _period_edited(self) -> None:
        try:
            self.context.community.set_period(pydate(self.start.date()), pydate(self.end.date()))
        except ValidationError as error:
            show_error(self.details_error, error.message)
            return
        show_error(self.details_error, "")
        self.context.save()

    # members ------------------------------------------------------------------------------

    def refresh(self) -> None:
        community = self.context.community
        self._filling = True
        self.model.removeRows(0, self.model.rowCount())
        self.model.setHorizontalHeaderLabels(
            [
                _("Member"),
                _("Authority"),
                _("Office"),
                _("Gender"),
                _("Leading core"),
                _("Advisory committee"),
                _("Seniority"),
            ]
        )
        for member in community.members:
            texts = [
                self.context.person_name(member.person),
                self.context.authority_name(member.authority),
                member.role,
                _(GENDERS.get(member.gender, GENDERS[""])),
            ]
            items = [QStandardItem(text) for text in texts]
            for item in items:
                item.setEditable(False)
                item.setData(member.person, PERSON_ROLE)
            for flag in (member.core, member.advisory):
                box = QStandardItem()
                box.setCheckable(not self.context.read_only)
                box.setEditable(False)
                box.setCheckState(Qt.CheckState.Checked if flag else Qt.CheckState.Unchecked)
                box.setData(member.person, PERSON_ROLE)
                items.append(box)
            seniority = QStandardItem(_(SENIORITY.get(member.seniority, SENIORITY[""])))
            seniority.setEditable(False)
            seniority.setData(member.person, PERSON_ROLE)
            items.append(seniority)
            self.model.appendRow(items)
        self._filling = False
        self.warnings.setText("\n".join(community.size_warnings()))
        self._fill_people_combos()
        self.refresh_composition()
        self._show_seniority()

    def _show_seniority(self) -> None:
        member = self.context.community.member(self.selected_person())
        self.member_seniority.blockSignals(True)
        index = self.member_seniority.findData(member.seniority if member else "")
        self.member_seniority.setCurrentIndex(max(index, 0))
        self.member_seniority.blockSignals(False)
        self.member_seniority.setEnabled(member is not None and not self.context.read_only)

    def _seniority_changed(self) -> None:
        member = self.context.community.member(self.selected_person())
        if member is None:
            return
        member.seniority = str(self.member_seniority.currentData() or "")
        self.context.save()
        self.refresh()
        self._select(member.person)

    def _select(self, person: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(PERSON_ROLE) == person:
                self.table.setCurrentIndex(index)
                return

    def _member_item_changed(self, item: QStandardItem) -> None:
        if self._filling:
            return
        member = self.context.community.member(str(item.data(PERSON_ROLE)))
        if member is None or item.column() not in (CORE_COLUMN, ADVISORY_COLUMN):
            return
        checked = item.checkState() == Qt.CheckState.Checked
        if item.column() == CORE_COLUMN:
            member.core = checked
        else:
            member.advisory = checked
        self.warnings.setText("\n".join(self.context.community.size_warnings()))
        self.context.save()

    def selected_person(self) -> str:
        index = self.table.currentIndex()
        return str(index.data(PERSON_ROLE) or "") if index.isValid() else ""

    def add_member(self) -> None:
        dialog = AddMemberDialog(self.context, self)
        if dialog.exec():
            self.context.save()
            self.refresh()

    def remove_selected(self) -> None:
        person = self.selected_person()
        if not person:
            show_error(self.members_error, _("Choose the member to remove."))
            return
        name = self.context.person_name(person)
        if not confirm(
            self,
            _("Remove the member"),
            _("Remove {name} from the community, with their survey ratings?").format(name=name),
        ):
            return
        try:
            self.context.community.remove_member(person)
        except ValidationError as error:
            show_error(self.members_error, error.message)
            return
        show_error(self.members_error, "")
        if self.context.community.leader == person:
            self.context.community.leader = ""
        self.context.save()
        self.refresh()

    # composition --------------------------------------------------------------------------

    def _category_label(self, dimension: str, key: str) -> str:
        if not key:
            return _("Not stated")
        if dimension == "authority":
            return self.context.authority_name(key) or key
        if dimension == "gender":
            return _(GENDERS.get(key, GENDERS[""]))
        if dimension == "seniority":
            return _(SENIORITY.get(key, SENIORITY[""]))
        enum = {"sector": Sector, "district": District}.get(dimension)
        if enum is not None:
            try:
                return enum(key).label
            except ValueError:
                return key
        return key

    def refresh_composition(self) -> None:
        dimension = str(self.dimension.currentData() or "authority")
        rows = composition(
            self.context.community,
            dimension,
            authority_district={a.uuid: a.district for a in self.context.authorities.values()},
            person_sector={p.uuid: p.sector for p in self.context.people.values()},
        )
        self._filling = True
        self.mix_model.removeRows(0, self.mix_model.rowCount())
        self.mix_model.setHorizontalHeaderLabels([_("Group"), _("Members"), _("Agreed"), _("Gap")])
        keys = [row.key for row in rows]
        if dimension == "gender":
            keys += [k for k in ("female", "male") if k not in keys]
        if dimension == "seniority":
            keys += [k for k in SENIORITY if k and k not in keys]
        by_key = {row.key: row for row in rows}
        for key in keys:
            row = by_key.get(key)
            count = row.count if row else 0
            agreed = row.agreed if row else None
            gap = None if agreed is None else count - agreed
            label = QStandardItem(self._category_label(dimension, key))
            label.setData(key, PERSON_ROLE)
            cells = [
                label,
                QStandardItem(i18n.format_number(count)),
                QStandardItem("" if agreed is None else str(agreed)),
                QStandardItem("" if gap is None else f"{gap:+d}"),
            ]
            for index, cell in enumerate(cells):
                cell.setEditable(index == 2 and not self.context.read_only)
            self.mix_model.appendRow(cells)
        self._filling = False

    def _agreed_changed(self, item: QStandardItem) -> None:
        if self._filling:
            return
        if item.column() != 2:
            return
        dimension = str(self.dimension.currentData() or "authority")
        key = str(self.mix_model.item(item.row(), 0).data(PERSON_ROLE) or "")
        try:
            set_agreed(
                self.context.community, dimension, key, clean_whole_number("agreed", item.text(), minimum=0)
            )
        except ValidationError as error:
            show_error(self.mix_error, error.message)
            return
        show_error(self.mix_error, "")
        self.context.save()
        self.refresh_composition()
