"""The learning communities of the workspace: start one, open it, print its documents."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.views.list_section import (
    FeatureDescription,
    ListSection,
    SectionAction,
    date_column,
    number_column,
    text_column,
)
from desktop.views.qt_i18n import align_text_field
from desktop.views.widgets import error_label, show_error

if TYPE_CHECKING:
    from desktop.models.community import Community
    from desktop.storage.workspace import Workspace


def next_community_year(today: date | None = None) -> tuple[date, date]:
    """September to July: the coming year from spring on, else the current one."""
    today = today or date.today()
    year = today.year if today.month >= 4 else today.year - 1
    return date(year, 9, 1), date(year + 1, 7, 31)


class NewCommunityDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New learning community"))
        self.name = QLineEdit()
        self.name.setObjectName("new_community_name")
        self.profession = QLineEdit()
        self.profession.setObjectName("new_community_field")
        for line in (self.name, self.profession):
            align_text_field(line, left_to_right=False)
        self.error = error_label("new_community_error")
        form = QFormLayout()
        form.addRow(_("Name of the community"), self.name)
        form.addRow(_("Professional field"), self.profession)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.name.text().strip():
            show_error(self.error, _("Give the community a name."))
            self.name.setFocus()
            return
        self.accept()


def _list(workspace: Workspace) -> list[Any]:
    from desktop.storage.community_store import list_communities

    return list_communities(workspace)


def _delete(workspace: Workspace, community_id: int) -> None:
    from desktop.storage.community_store import delete_community

    delete_community(workspace, community_id)


def _start(section: ListSection) -> None:
    from desktop.models.community import Community

    dialog = NewCommunityDialog(section)
    if not dialog.exec():
        return
    start, end = next_community_year()
    community = Community(
        " ".join(dialog.name.text().split()),
        profession=" ".join(dialog.profession.text().split()),
        period_start=start,
        period_end=end,
    )
    open_community(section, community, None)


def _open(section: ListSection, community_id: int) -> None:
    from desktop.storage.community_store import load_community

    assert section.workspace is not None
    open_community(section, load_community(section.workspace, community_id), community_id)


def open_community(section: ListSection, community: Community, community_id: int | None) -> None:
    from desktop.views.community.window import CommunityWindow

    assert section.workspace is not None

    def print_document(record_id: int, key: str, meeting: str) -> None:
        section.print_requested.emit(key, record_id, {"meeting": meeting} if meeting else {})

    window = CommunityWindow(section.workspace, community, community_id, print_document, section)
    section.run_editor(window, lambda: window.context.community_id)


def plan_next_year(section: ListSection, community_id: int) -> None:
    """A new record for the community's following year, opened to plan it."""
    from desktop.models.community import next_year
    from desktop.storage.community_store import load_community

    assert section.workspace is not None
    open_community(section, next_year(load_community(section.workspace, community_id)), None)


COMMUNITIES = FeatureDescription(
    key="communities",
    title=lambda: _("Learning communities"),
    about=lambda: _(
        "A professional learning community gathers 15-35 office-holders of one field from several "
        "authorities for about ten full days a year. Build its membership, rank the topics with a "
        "survey, draft the yearly syllabus and Gantt, plan each meeting and run the work teams."
    ),
    new_label=lambda: _("New community…"),
    search_hint=lambda: _("Search communities…"),
    columns=(
        text_column(lambda: _("Community"), "name", stretch=True),
        text_column(lambda: _("Professional field"), "profession"),
        text_column(lambda: _("Year"), "period"),
        number_column(lambda: _("Members"), "members"),
        number_column(lambda: _("Meetings"), "meetings"),
        date_column(lambda: _("Last saved"), "updated_at"),
    ),
    list_records=_list,
    record_name=lambda row: str(row.name),
    delete_record=_delete,
    delete_question=lambda name: _(
        "Delete the community “{name}” with its members, survey, syllabus, meeting plans "
        "and work teams? This cannot be undone."
    ).format(name=name),
    start_record=_start,
    open_record=_open,
    actions=(SectionAction("next_year", lambda: _("Plan the next year…"), plan_next_year),),
)
