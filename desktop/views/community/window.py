"""One learning community in a window: its tabs, saved after every change, and its PDFs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QWidget,
)

from desktop.i18n import _
from desktop.models.community import Community
from desktop.storage.workspace import Workspace
from desktop.views.community.advisory_tab import AdvisoryTab
from desktop.views.community.context import CommunityContext
from desktop.views.community.members_tab import MembersTab
from desktop.views.community.plan_tab import PlanTab
from desktop.views.community.survey_tab import SurveyTab
from desktop.views.community.syllabus_tab import SyllabusTab
from desktop.views.community.teams_tab import TeamsTab
from desktop.views.editor_window import EditorWindow
from desktop.views.saving import PendingSave
from desktop.views.widgets import error_label, show_error

# (document key, button object name) of the community's printed documents
DOCUMENTS = ("syllabus", "meeting-plan", "work-teams")


def document_titles() -> dict[str, str]:
    """The documents' names, as in the PDF's file name."""
    return {
        "syllabus": _("Yearly syllabus"),
        "meeting-plan": _("Meeting plan"),
        "work-teams": _("Work teams"),
    }


def document_labels() -> dict[str, str]:
    return {
        "syllabus": _("Syllabus (PDF)…"),
        "meeting-plan": _("Meeting plan (PDF)…"),
        "work-teams": _("Work teams (PDF)…"),
    }


class CommunityWindow(EditorWindow):
    def __init__(
        self,
        workspace: Workspace,
        community: Community,
        community_id: int | None,
        export: Callable[[int, str, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("community_window", parent)
        self.context = CommunityContext.load(workspace, community, community_id)
        self.context.parent = self
        self.context.pending = PendingSave(self.context.save, self)
        self.export = export
        if community_id is None:
            self.context.save()  # a new community exists from the moment it is opened
        self.members_tab = MembersTab(self.context)
        self.survey_tab = SurveyTab(self.context)
        self.syllabus_tab = SyllabusTab(self.context)
        self.plan_tab = PlanTab(self.context)
        self.teams_tab = TeamsTab(self.context)
        self.advisory_tab = AdvisoryTab(self.context)
        for tab, label in (
            (self.members_tab, _("Community and members")),
            (self.advisory_tab, _("Advisory committee")),
            (self.survey_tab, _("Topics survey")),
            (self.syllabus_tab, _("Syllabus and Gantt")),
            (self.plan_tab, _("Meeting plan")),
            (self.teams_tab, _("Work teams")),
        ):
            self.add_tab(tab, label)
        self.context.reloaders.append(self._reload_all)
        self.saved = QLabel()
        self.saved.setObjectName("community_saved")
        self.context.listeners.append(self._saved)
        self.context.listeners.append(self.document_saved)
        self.keep_history(self.context.community, self._reload_all)
        row = self.actions_row
        self.print_buttons: dict[str, QPushButton] = {}
        for key, label in document_labels().items():
            button = QPushButton(label)
            button.setObjectName(f"community_pdf_{key}")
            button.clicked.connect(lambda _c=False, k=key: self._print(k))
            button.setEnabled(export is not None)
            self.print_buttons[key] = button
            row.addWidget(button)
        self.print_error = error_label("community_print_error")
        row.addWidget(self.print_error)
        row.addWidget(self.saved, 1)
        self._update_title()

    def save(self) -> None:
        self.context.save()

    def flush(self) -> None:
        self.context.flush()

    def print_current(self) -> None:
        """Ctrl+P: the meeting plan on its tab, the work teams on theirs, else the syllabus."""
        current = self.tabs.currentWidget()
        document = (
            "meeting-plan"
            if current is self.plan_tab
            else "work-teams"
            if current is self.teams_tab
            else "syllabus"
        )
        self._print(document)

    @property
    def community(self) -> Community:
        return self.context.community

    def _update_title(self) -> None:
        suffix = _(" (read-only)") if self.context.read_only else ""
        self.setWindowTitle(_("Learning community: {name}").format(name=self.community.name) + suffix)

    def _saved(self) -> None:
        self.saved.setText(_("Saved."))
        self._update_title()

    def _reload_all(self) -> None:
        """After taking another person's version: every tab shows it."""
        self.members_tab.reload_details()
        for tab in (
            self.members_tab,
            self.advisory_tab,
            self.survey_tab,
            self.syllabus_tab,
            self.plan_tab,
            self.teams_tab,
        ):
            tab.refresh()
        self._update_title()

    def _print(self, document: str) -> None:
        if self.export is None or self.context.community_id is None:
            return
        if document == "meeting-plan" and not self.community.meetings:
            show_error(self.print_error, _("The syllabus has no meetings yet."))
            return
        show_error(self.print_error, "")
        meeting = self.plan_tab.meeting.id if (document == "meeting-plan" and self.plan_tab.meeting) else ""
        self.export(self.context.community_id, document, meeting)
