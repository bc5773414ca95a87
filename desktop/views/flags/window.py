"""One cluster's flags work in its own window: map its partnerships, diagnose them against the
four flags, plan from the gaps, and see the radar and heat map. Every change is saved at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from desktop.i18n import _
from desktop.views.editor_window import EditorWindow
from desktop.views.flags.diagnoses import DiagnosesTab
from desktop.views.flags.mapping import MappingTab
from desktop.views.flags.plans import PlansTab
from desktop.views.saving import PendingSave

if TYPE_CHECKING:
    from desktop.models.flags import ClusterFlags
    from desktop.storage.workspace import Workspace

# (record number, document key, options): how the window asks the main window to print
PrintCallback = Callable[[int, str, dict[str, Any]], None]


class FlagsWindow(EditorWindow):
    """The flags work of one regional cluster (record `flags_id`), in three tabs."""

    def __init__(
        self,
        workspace: Workspace,
        flags: ClusterFlags,
        flags_id: int,
        print_document: PrintCallback | None = None,
        parent: QWidget | None = None,
    ) -> None:
        from desktop.storage.flags_store import cluster_members
        from desktop.storage.reference_store import RecordNotFound

        super().__init__("flags_window", parent)
        self.workspace = workspace
        self.flags = flags
        self.flags_id = flags_id
        self.print_callback = print_document
        try:
            self.members = cluster_members(workspace, flags.cluster)
        except RecordNotFound:
            self.members = []
        self.pending = PendingSave(self.save, self)
        self.mapping = MappingTab(self)
        self.diagnoses = DiagnosesTab(self)
        self.plans = PlansTab(self)
        for tab in (self.mapping, self.diagnoses, self.plans):
            self.add_tab(tab, "")
        self.keep_history(flags, self.refresh)
        self.retranslate()
        self.refresh()

    @property
    def read_only(self) -> bool:
        return self.workspace.read_only

    def cluster_name(self) -> str:
        from desktop.models.records import RecordKind
        from desktop.storage.reference_store import RecordNotFound, load_record

        try:
            return str(load_record(self.workspace, RecordKind.CLUSTER, self.flags.cluster)["name"])
        except RecordNotFound:
            return "…"

    def save(self, after_taking_theirs: Callable[[], None] | None = None) -> None:
        """Store the flags work; when someone else saved it first and the person takes their
        version, every tab shows it, then `after_taking_theirs` (a wizard open on it)."""
        from desktop.storage.flags_store import save_cluster_flags
        from desktop.views.conflict_dialog import save_document

        def took_theirs() -> None:
            self.refresh()
            if after_taking_theirs is not None:
                after_taking_theirs()

        self.pending.cancel()
        workspace, flags = self.workspace, self.flags
        if not workspace.read_only:
            save_document(
                self,
                flags,
                lambda expected: save_cluster_flags(workspace, flags, expected_version=expected),
                took_theirs,
            )
            self.document_saved()

    def changed(self) -> None:
        """A field was typed into (the flags work already holds it): save after a pause."""
        self.pending.schedule()

    def flush(self) -> None:
        """Save at once what waits to be saved (another item, flag or tab)."""
        self.pending.flush()

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if isinstance(current, MappingTab | DiagnosesTab | PlansTab):
            current.refresh()

    def print_document(self, key: str, **options: Any) -> None:
        """A document of this flags work: the work plan, a diagnosis, a scoring sheet."""
        self.flush()
        if self.print_callback is not None:
            self.print_callback(self.flags_id, key, options)

    def print_current(self) -> None:
        """Ctrl+P: the diagnosis chosen on the diagnoses tab, else the cluster's work plan."""
        diagnosis = self.diagnoses.selected() if self.tabs.currentWidget() is self.diagnoses else None
        if diagnosis is not None:
            self.print_document("flags-diagnosis", diagnosis=diagnosis.number)
        else:
            self.print_document("flags-workplan")

    def retranslate(self) -> None:
        name = self.cluster_name()
        self.setWindowTitle(_("The four flags: {cluster}").format(cluster=name))
        self.show_heading(_("The four flags: {cluster}").format(cluster=name))
        for index, text in enumerate((_("Mapping"), _("Diagnoses"), _("Plans and work plan"))):
            self.tabs.setTabText(index, text)
