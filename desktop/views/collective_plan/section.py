"""The collective plans of the workspace: start one from a focus area of a forum's shared
agenda (or from a goal typed here), open it, print it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.views.list_section import (
    FeatureDescription,
    ListSection,
    date_column,
    number_column,
    text_column,
)
from desktop.views.town_instruments.context import fill_combo, line_edit
from desktop.views.widgets import error_label, show_error

if TYPE_CHECKING:
    from desktop.models.collective_plan import CollectivePlan
    from desktop.storage.collective_plan_store import FocusAreaChoice
    from desktop.storage.workspace import Workspace


class NewPlanDialog(QDialog):
    """Which town goal the plan is for: a focus area of a shared agenda, or a goal typed."""

    def __init__(
        self,
        areas: list[FocusAreaChoice],
        towns: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New collective plan"))
        self.areas = areas
        self.focus_area = QComboBox()
        self.focus_area.setObjectName("new_plan_focus_area")
        self.focus_area.addItem(_("(a goal not on a shared agenda)"), -1)
        for index, area in enumerate(areas):
            self.focus_area.addItem(f"{area.title} – {area.forum_title}", index)
        self.goal = line_edit("new_plan_goal")
        self.town = QComboBox()
        self.town.setObjectName("new_plan_town")
        fill_combo(
            self.town,
            sorted(towns.items(), key=lambda item: item[1]),
            "",
            blank=_("(choose the town)"),
        )
        self.error = error_label("new_plan_error")
        form = QFormLayout()
        form.addRow(_("Focus area of the shared agenda"), self.focus_area)
        form.addRow(_("Town goal"), self.goal)
        form.addRow(_("Town"), self.town)
        hint = QLabel(
            _(
                "A plan started from a focus area takes its title as the goal, its professional "
                "team, and its lead as the authority's field lead."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("new_plan_buttons")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.towns = towns
        self.focus_area.currentIndexChanged.connect(self._area_chosen)

    def chosen_area(self) -> FocusAreaChoice | None:
        index = int(self.focus_area.currentData())
        return self.areas[index] if index >= 0 else None

    def _area_chosen(self) -> None:
        area = self.chosen_area()
        if area is None:
            return
        self.goal.setText(area.title)
        wanted = " ".join(area.place.split())
        for uuid, name in self.towns.items():
            if name == wanted:
                self.town.setCurrentIndex(max(self.town.findData(uuid), 0))

    def _accept(self) -> None:
        if not " ".join(self.goal.text().split()):
            show_error(self.error, _("Write the town goal the plan serves."))
            self.goal.setFocus()
            return
        self.accept()


def _list(workspace: Workspace) -> list[Any]:
    from desktop.storage.collective_plan_store import list_plans

    return list_plans(workspace)


def _delete(workspace: Workspace, plan_id: int) -> None:
    from desktop.storage.collective_plan_store import delete_plan

    delete_plan(workspace, plan_id)


def plan_from_dialog(dialog: NewPlanDialog) -> CollectivePlan:
    from desktop.models.collective_plan import plan_from_focus_area

    area = dialog.chosen_area()
    town = str(dialog.town.currentData() or "")
    goal = " ".join(dialog.goal.text().split())
    if area is None:
        return plan_from_focus_area(goal, town=town)
    return plan_from_focus_area(
        goal,
        town=town,
        town_name="" if town else area.place,
        forum=area.forum_uuid,
        focus_area=area.focus_area,
        field_lead=area.lead,
        team=area.team,
        long_term_goal=area.long_term_goal,
        challenge=area.challenge,
        first_year=date.today().year,
    )


def _start(section: ListSection) -> None:
    from desktop.storage.collective_plan_store import authority_names, focus_areas

    assert section.workspace is not None
    dialog = NewPlanDialog(focus_areas(section.workspace), authority_names(section.workspace), section)
    if not dialog.exec():
        return
    open_plan(section, plan_from_dialog(dialog), None)


def _open(section: ListSection, plan_id: int) -> None:
    from desktop.storage.collective_plan_store import load_plan

    assert section.workspace is not None
    open_plan(section, load_plan(section.workspace, plan_id), plan_id)


def open_plan(section: ListSection, plan: CollectivePlan, plan_id: int | None) -> None:
    from desktop.views.collective_plan.window import PlanWindow

    assert section.workspace is not None

    def print_document(record_id: int, key: str) -> None:
        section.print_requested.emit(key, record_id, {})

    window = PlanWindow(section.workspace, plan, plan_id, print_document, section)
    section.run_editor(window, lambda: window.context.record_id)


COLLECTIVE_PLANS = FeatureDescription(
    key="collective-plans",
    title=lambda: _("Collective plans"),
    about=lambda: _(
        "A collective plan turns a goal of the town's shared agenda into work: a theory of change "
        "from the need to long-term outcomes, and a yearly and multi-year table of objectives, "
        "metrics, actions, partners and budget, owned by the authority's field lead and reviewed "
        "by the town administration."
    ),
    new_label=lambda: _("New collective plan…"),
    search_hint=lambda: _("Search collective plans…"),
    columns=(
        text_column(lambda: _("Town goal"), "goal", stretch=True),
        text_column(lambda: _("Town"), "town"),
        text_column(lambda: _("Field lead"), "field_lead"),
        number_column(lambda: _("Actions"), "actions"),
        number_column(lambda: _("Late"), "late"),
        date_column(lambda: _("Last saved"), "updated_at"),
    ),
    list_records=_list,
    record_name=lambda row: str(row.goal),
    delete_record=_delete,
    delete_question=lambda name: _(
        "Delete the collective plan “{name}” with its theory of change, actions, budget and "
        "review? This cannot be undone."
    ).format(name=name),
    start_record=_start,
    open_record=_open,
)
