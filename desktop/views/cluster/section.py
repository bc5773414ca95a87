"""The regional clusters section: one row per cluster profile (founding, members, pressing
guidance needs), to start, open, print or delete; the profile opens in its own window."""

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
    from desktop.storage.cluster_store import list_profiles

    return list_profiles(workspace)


def _delete(workspace: Workspace, profile_id: int) -> None:
    from desktop.storage.cluster_store import delete_profile

    delete_profile(workspace, profile_id)


def _start(section: ListSection) -> None:
    from desktop.storage.cluster_store import profile_number, start_profile

    uuid = choose_cluster_without(
        section,
        _("New cluster profile"),
        profile_number,
        _(
            "Every regional cluster of the workspace has its profile already. Add a regional cluster "
            "in Reference data > Regional clusters to start another."
        ),
    )
    if uuid is not None and section.workspace is not None:
        open_profile(section, start_profile(section.workspace, uuid))


def open_profile(section: ListSection, profile_id: int) -> None:
    from desktop.storage.cluster_store import load_profile
    from desktop.views.cluster.window import ClusterWindow

    assert section.workspace is not None
    window = ClusterWindow(
        section.workspace,
        load_profile(section.workspace, profile_id),
        profile_id,
        section.print_with_options,
        section,
    )
    section.run_editor(window, lambda: profile_id)


CLUSTERS = FeatureDescription(
    key="clusters",
    title=lambda: _("Cluster profiles"),
    about=lambda: _(
        "Keep each regional cluster's profile: how it was founded and by whom, its goals, launch event, "
        "three levels of work, forums, accompanying body and board of mayors; its members with dates "
        "and sources, checked against the cluster definition from the national data; its services; and "
        "its guidance needs, compared across the clusters."
    ),
    new_label=lambda: _("New cluster profile…"),
    search_hint=lambda: _("Search clusters…"),
    columns=(
        text_column(lambda: _("Regional cluster"), "cluster", stretch=True),
        number_column(lambda: _("Members"), "members"),
        number_column(lambda: _("Founded"), "founding_year"),
        number_column(lambda: _("Pressing needs"), "needs_high"),
        date_column(lambda: _("Last saved"), "updated_at"),
    ),
    list_records=_list,
    record_name=lambda row: str(row.cluster),
    delete_record=_delete,
    delete_question=lambda name: _(
        "Delete the profile of “{name}” with its guidance needs? The cluster itself stays. "
        "This cannot be undone."
    ).format(name=name),
    start_record=_start,
    open_record=open_profile,
)
