"""The town selection section: the workspace's selection processes, to start, resume or print."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.i18n import _
from desktop.views import page_memory
from desktop.views.list_section import Column, FeatureDescription, ListSection, date_column, text_column

if TYPE_CHECKING:
    from desktop.models.selection_process import SelectionProcess
    from desktop.storage.workspace import Workspace


def _list(workspace: Workspace) -> list[Any]:
    from desktop.storage.selection_store import list_processes

    return list_processes(workspace)


def _delete(workspace: Workspace, process_id: int) -> None:
    from desktop.storage.selection_store import delete_process

    delete_process(workspace, process_id)
    page_memory.forget(page_memory.place(workspace, page_memory.SELECTION, process_id))


def _status(row: Any) -> str:
    return _("Decided") if row.status == "decided" else _("Draft")


def _start(section: ListSection) -> None:
    from desktop.models.selection_process import SelectionProcess

    run_wizard(section, SelectionProcess(), None)


def _open(section: ListSection, process_id: int) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.storage.selection_store import load_process

    assert section.workspace is not None
    try:
        process = load_process(section.workspace, process_id)
    except ValueError:
        QMessageBox.warning(
            section, _("Town selection"), _("This process was saved by a newer version of Shutafut.")
        )
        return
    run_wizard(section, process, process_id)


def _print(section: ListSection, record_id: int | None) -> None:
    if record_id is not None:
        section.print_requested.emit("selection", record_id, {})


def run_wizard(section: ListSection, process: SelectionProcess, process_id: int | None) -> None:
    from desktop.views.selection.wizard import SelectionWizard

    assert section.workspace is not None
    wizard = SelectionWizard(section.workspace, process, process_id, section)
    wizard.saved.connect(section.reload)
    wizard.print_document = lambda: _print(section, wizard.process_id)
    section.run_editor(wizard, lambda: wizard.process_id, _("The selection process was saved."))


SELECTION = FeatureDescription(
    key="selection",
    title=lambda: _("Town selection"),
    about=lambda: _(
        "Choose the town to work with by the selection rubric: a purpose and a selection team, "
        "the quantitative data, the qualitative criteria each team member scores, and the base "
        "conditions (need, opportunity, will, leadership and resources). Each step is saved as "
        "you go, and the process ends in a decision report."
    ),
    new_label=lambda: _("New selection process…"),
    search_hint=lambda: _("Search selection processes…"),
    columns=(
        text_column(lambda: _("Process"), "title", stretch=True),
        Column(lambda: _("Status"), _status),
        date_column(lambda: _("Decided on"), "decided_on"),
        date_column(lambda: _("Last saved"), "updated_at"),
    ),
    list_records=_list,
    record_name=lambda row: str(row.title),
    delete_record=_delete,
    delete_question=lambda name: _(
        "Delete the selection process “{name}” with all its scores? This cannot be undone."
    ).format(name=name),
    start_record=_start,
    open_record=_open,
)
