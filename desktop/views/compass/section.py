"""The infrastructure-outcomes compasses of the workspace, one per town: start one (its goal
areas from the town's shared agenda), open it, print it or a comparison of two takings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.views.list_section import (
    FeatureDescription,
    ListSection,
    date_column,
    number_column,
    text_column,
)
from desktop.views.town_instruments.context import fill_combo, text_edit
from desktop.views.widgets import error_label, show_error

if TYPE_CHECKING:
    from desktop.models.compass import Compass
    from desktop.storage.workspace import Workspace


class NewCompassDialog(QDialog):
    """The town, and its goal areas (from its forums' shared agenda, else the seed's example)."""

    def __init__(
        self, workspace: Workspace, towns: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("New infrastructure-outcomes compass"))
        self.town = QComboBox()
        self.town.setObjectName("new_compass_town")
        fill_combo(self.town, towns, "", blank=_("(choose the town)"))
        self.areas = text_edit("new_compass_areas", 110)
        self.error = error_label("new_compass_error")
        form = QFormLayout()
        form.addRow(_("Town"), self.town)
        form.addRow(_("Goal areas (one a line)"), self.areas)
        hint = QLabel(
            _(
                "The goal areas come from the focus areas of the town's shared agenda when a forum "
                "held there has one; change them as needed."
            )
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.town.currentIndexChanged.connect(self._town_chosen)

    def _town_chosen(self) -> None:
        from desktop.models.compass import EXAMPLE_AREAS
        from desktop.storage.compass_store import town_goal_areas

        town = str(self.town.currentData() or "")
        areas = town_goal_areas(self.workspace, town) if town else []
        self.areas.setPlainText("\n".join(areas or EXAMPLE_AREAS))

    def chosen_areas(self) -> list[str]:
        return [" ".join(line.split()) for line in self.areas.toPlainText().splitlines() if line.strip()]

    def _accept(self) -> None:
        if not self.town.currentData():
            show_error(self.error, _("Choose the town the compass is taken in."))
            return
        if not self.chosen_areas():
            show_error(self.error, _("Write at least one goal area."))
            return
        self.accept()


def _list(workspace: Workspace) -> list[Any]:
    from desktop.storage.compass_store import list_compasses

    return list_compasses(workspace)


def _delete(workspace: Workspace, compass_id: int) -> None:
    from desktop.storage.compass_store import delete_compass

    delete_compass(workspace, compass_id)


def towns_without_compass(workspace: Workspace) -> list[tuple[str, str]]:
    from desktop.storage.collective_plan_store import authority_names
    from desktop.storage.compass_store import compass_of_town

    names = authority_names(workspace)
    return sorted(
        ((uuid, name) for uuid, name in names.items() if compass_of_town(workspace, uuid) is None),
        key=lambda item: item[1],
    )


def _start(section: ListSection) -> None:
    from desktop.models.compass import new_compass

    assert section.workspace is not None
    dialog = NewCompassDialog(section.workspace, towns_without_compass(section.workspace), section)
    if not dialog.exec():
        return
    open_compass(section, new_compass(str(dialog.town.currentData()), dialog.chosen_areas()), None)


def _open(section: ListSection, compass_id: int) -> None:
    from desktop.storage.compass_store import load_compass

    assert section.workspace is not None
    open_compass(section, load_compass(section.workspace, compass_id), compass_id)


def open_compass(section: ListSection, compass: Compass, compass_id: int | None) -> None:
    from desktop.views.compass.window import CompassWindow

    assert section.workspace is not None
    window = CompassWindow(section.workspace, compass, compass_id, section.print_with_options, section)
    section.run_editor(window, lambda: window.context.record_id)


COMPASSES = FeatureDescription(
    key="compasses",
    title=lambda: _("Infrastructure-outcomes compasses"),
    about=lambda: _(
        "The infrastructure-outcomes compass asks what the partnership leaves behind: for each of "
        "the seven infrastructure outcomes and each of the town's goal areas, which indicator "
        "statements hold, with the evidence. Taken in the first year and again in the third, it "
        "shows what changed."
    ),
    new_label=lambda: _("New compass…"),
    search_hint=lambda: _("Search compasses…"),
    columns=(
        text_column(lambda: _("Town"), "town", stretch=True),
        number_column(lambda: _("Goal areas"), "areas"),
        number_column(lambda: _("Takings"), "takings"),
        date_column(lambda: _("Last taken"), "last_taken"),
        date_column(lambda: _("Last saved"), "updated_at"),
    ),
    list_records=_list,
    record_name=lambda row: str(row.town),
    delete_record=_delete,
    delete_question=lambda name: _(
        "Delete the infrastructure-outcomes compass of {name} with its statements and takings? "
        "This cannot be undone."
    ).format(name=name),
    start_record=_start,
    open_record=_open,
)
