"""One learning community in a window: its tabs, saved after every change, and its PDFs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.models.community import Community
from desktop.storage.workspace import Workspace
from desktop.views.community.context import CommunityContext
from desktop.views.community.members_tab import MembersTab
from desktop.views.community.plan_tab import PlanTab
from desktop.views.community.survey_tab import SurveyTab
from desktop.views.community.syllabus_tab import SyllabusTab
from desktop.views.community.teams_tab import TeamsTab
from desktop.views.saving import PendingSave, SaveStatus, may_close
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


class CommunityWindow(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        community: Community,
        community_id: int | None,
        export: Callable[[int, str, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("community_window")
        self.context = CommunityContext.load(workspace, community, community_id)
        self.context.parent = self
        self.status = SaveStatus()
        self.status.retry_requested.connect(self.context.save)
        self.context.pending = PendingSave(self.context.save, self)
        self.export = export
        if community_id is None:
            self.context.save()  # a new community exists from the moment it is opened
        self.tabs = QTabWidget()
        self.members_tab = MembersTab(self.context)
        self.survey_tab = SurveyTab(self.context)
        self.syllabus_tab = SyllabusTab(self.context)
        self.plan_tab = PlanTab(self.context)
        self.teams_tab = TeamsTab(self.context)
        for tab, label in (
            (self.members_tab, _("Community and members")),
            (self.survey_tab, _("Topics survey")),
            (self.syllabus_tab, _("Syllabus and Gantt")),
            (self.plan_tab, _("Meeting plan")),
            (self.teams_tab, _("Work teams")),
        ):
            self.tabs.addTab(tab, label)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.context.reloaders.append(self._reload_all)
        self.saved = QLabel()
        self.saved.setObjectName("community_saved")
        self.context.listeners.append(self._saved)
        row = QHBoxLayout()
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
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self._update_title()
        self.resize(1180, 700)

    def done(self, result: int) -> None:
        """Closing saves what was typed; when the save fails, ask before losing it."""
        if not may_close(self, self.status, self.context.flush):
            return
        super().done(result)

    @property
    def community(self) -> Community:
        return self.context.community

    def _update_title(self) -> None:
        suffix = _(" (read-only)") if self.context.read_only else ""
        self.setWindowTitle(_("Learning community: {name}").format(name=self.community.name) + suffix)

    def _saved(self) -> None:
        self.saved.setText(_("Saved."))
        self._update_title()

    def _tab_shown(self, index: int) -> None:
        """Tabs read what others changed when they are shown."""
        self.context.flush()
        tab = self.tabs.widget(index)
        refresh = getattr(tab, "refresh", None)
        if callable(refresh):
            refresh()

    def _reload_all(self) -> None:
        """After taking another person's version: every tab shows it."""
        self.members_tab.reload_details()
        for tab in (self.members_tab, self.survey_tab, self.syllabus_tab, self.plan_tab, self.teams_tab):
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
