"""The flags section: choose a regional cluster, map its partnerships, diagnose them against the
four flags, plan from the gaps, and see the radar and heat map. Every change is saved at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.models.flags import (
    ClusterFlags,
)
from desktop.models.records import RecordKind
from desktop.views.flags.diagnoses import DiagnosesTab
from desktop.views.flags.mapping import MappingTab
from desktop.views.flags.plans import PlansTab
from desktop.views.saving import PendingSave, SaveStatus

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace


class FlagsSection(QWidget):
    message = Signal(str)
    export_requested = Signal(str, str)  # cluster uuid, diagnosis id ("" for the work plan)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.flags: ClusterFlags | None = None
        self.members: list[tuple[str, str]] = []
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.cluster = QComboBox()
        self.cluster.setObjectName("flags_cluster")
        self.cluster.currentIndexChanged.connect(lambda _i: self.load())
        self.status = SaveStatus()
        self.status.retry_requested.connect(self.save)
        self.pending = PendingSave(self.save, self)
        self.tabs = QTabWidget()
        self.mapping = MappingTab(self)
        self.diagnoses = DiagnosesTab(self)
        self.plans = PlansTab(self)
        self.tabs.addTab(self.mapping, "")
        self.tabs.addTab(self.diagnoses, "")
        self.tabs.addTab(self.plans, "")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        self.cluster_label = QLabel()
        top.addWidget(self.cluster_label)
        top.addWidget(self.cluster, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def set_workspace(self, workspace: Workspace | None) -> None:
        from desktop.storage.reference_store import choices

        self.flush()  # into the workspace it was typed in
        self.workspace = workspace
        self.cluster.blockSignals(True)
        self.cluster.clear()
        if workspace is not None:
            for uuid, name in choices(workspace, RecordKind.CLUSTER):
                self.cluster.addItem(name, uuid)
        self.cluster.blockSignals(False)
        self.load()

    def load(self) -> None:
        from desktop.storage.flags_store import cluster_members, load_cluster_flags

        self.flush()  # what was typed for the cluster shown is saved before another is read
        uuid = self.cluster.currentData()
        if self.workspace is None or not uuid:
            self.flags, self.members = None, []
        else:
            self.flags = load_cluster_flags(self.workspace, str(uuid))
            self.members = cluster_members(self.workspace, str(uuid))
        self.refresh()

    def save(self) -> None:
        from desktop.storage.flags_store import save_cluster_flags
        from desktop.views.conflict_dialog import save_document

        self.pending.cancel()
        workspace, flags = self.workspace, self.flags
        if workspace is not None and flags is not None and not workspace.read_only:
            save_document(
                self,
                flags,
                lambda expected: save_cluster_flags(workspace, flags, expected_version=expected),
                self.refresh,
            )

    def changed(self) -> None:
        """A field was typed into (the flags work already holds it): save after a pause."""
        self.pending.schedule()

    def flush(self) -> None:
        """Save at once what waits to be saved (another item, flag, tab or cluster)."""
        self.pending.flush()

    def refresh(self) -> None:
        for tab in (self.mapping, self.diagnoses, self.plans):
            tab.setEnabled(self.flags is not None)
        if self.flags is not None:
            current = self.tabs.currentWidget()
            if isinstance(current, MappingTab | DiagnosesTab | PlansTab):
                current.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("The four flags"))
        self.cluster_label.setText(_("Regional cluster"))
        for index, text in enumerate((_("Mapping"), _("Diagnoses"), _("Plans and work plan"))):
            self.tabs.setTabText(index, text)
