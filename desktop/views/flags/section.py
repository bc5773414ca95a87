"""The four flags section: one row per regional cluster's flags work (its mapping, diagnoses and
plans), to start, open, print or delete; the work itself opens in its own window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.i18n import _
from desktop.views.list_section import (
    FeatureDescription,
    ListSection,
    choose_cluster_without,
    date_column,
    number_column,
    text_column,
)

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace


def _list(workspace: Workspace) -> list[Any]:
    from desktop.storage.flags_store import list_flags_summaries

    return list_flags_summaries(workspace)


def _delete(workspace: Workspace, flags_id: int) -> None:
    from desktop.storage.flags_store import delete_flags_work

    delete_flags_work(workspace, flags_id)


def _start(section: ListSection) -> None:
    from desktop.storage.flags_store import flags_work_number, start_flags_work

    uuid = choose_cluster_without(
        section,
        _("New flags work"),
        flags_work_number,
        _(
            "Every regional cluster of the workspace has its flags work already. Add a regional "
            "cluster in Reference data > Regional clusters (or import the local authorities with "
            "their clusters from Tools) to start another."
        ),
    )
    if uuid is not None and section.workspace is not None:
        open_flags(section, start_flags_work(section.workspace, uuid))


def open_flags(section: ListSection, flags_id: int) -> None:
    from desktop.storage.flags_store import load_flags_work
    from desktop.views.flags.window import FlagsWindow

    assert section.workspace is not None
    window = FlagsWindow(
        section.workspace,
        load_flags_work(section.workspace, flags_id),
        flags_id,
        section.print_with_options,
        section,
    )
    section.run_editor(window, lambda: flags_id)


FLAGS = FeatureDescription(
    key="flags",
    title=lambda: _("The four flags"),
    about=lambda: _(
        "Deepen the partnerships of a regional cluster in three steps: map all its partnerships, "
        "projects and services; let each one's lead diagnose it against the four flags (inclusive "
        "growth, regional leadership promoting partnership, partnership in the resident's experience, "
        "diversity and cultural competence) with the rubric; then plan by flags, from the links to "
        "strengthen to goals and actions in the work plan."
    ),
    new_label=lambda: _("New flags work…"),
    search_hint=lambda: _("Search clusters…"),
    columns=(
        text_column(lambda: _("Regional cluster"), "cluster", stretch=True),
        number_column(lambda: _("Mapped items"), "items"),
        number_column(lambda: _("Diagnoses"), "diagnoses"),
        date_column(lambda: _("Last diagnosis"), "last_diagnosis"),
        number_column(lambda: _("Plan actions"), "actions"),
        date_column(lambda: _("Last saved"), "updated_at"),
    ),
    list_records=_list,
    record_name=lambda row: str(row.cluster),
    delete_record=_delete,
    delete_question=lambda name: _(
        "Delete the flags work of “{name}”: its mapping, every diagnosis and the plans? The cluster "
        "itself stays. This cannot be undone."
    ).format(name=name),
    start_record=_start,
    open_record=open_flags,
)
