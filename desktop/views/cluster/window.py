"""One regional cluster's profile in its own window: founding and goals, how it works,
membership and the definition, services, guidance needs and the comparison across clusters.
Every change is saved at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QPushButton, QWidget

from desktop.i18n import _
from desktop.models.guidance import NeedChoice
from desktop.views.cluster.membership_tab import MembershipTab
from desktop.views.cluster.needs_tab import ComparisonTab, NeedsTab, ServicesTab, seed_provider_choices
from desktop.views.cluster.profile_tabs import FoundingTab, GovernanceTab
from desktop.views.editor_window import EditorWindow
from desktop.views.saving import PendingSave

if TYPE_CHECKING:
    from desktop.models.cluster_profile import ClusterProfile
    from desktop.storage.cluster_store import NationalCluster
    from desktop.storage.workspace import Workspace

PrintCallback = Callable[[int, str, dict[str, Any]], None]


class ClusterWindow(EditorWindow):
    def __init__(
        self,
        workspace: Workspace,
        profile: ClusterProfile,
        profile_id: int,
        print_document: PrintCallback | None = None,
        parent: QWidget | None = None,
    ) -> None:
        from desktop.models.records import RecordKind
        from desktop.storage.cluster_store import member_names, national_cluster_list, provider_names
        from desktop.storage.reference_store import choices

        super().__init__("cluster_window", parent)
        self.workspace = workspace
        self.profile = profile
        self.profile_id = profile_id
        self.print_callback = print_document
        self.member_names = member_names(workspace)
        self.national_clusters = national_cluster_list()
        self._authorities = choices(workspace, RecordKind.AUTHORITY)
        self._people = choices(workspace, RecordKind.PERSON)
        self._organisations = provider_names(workspace)
        self.pending = PendingSave(self.save, self)
        self.founding = FoundingTab(self)
        self.governance = GovernanceTab(self)
        self.membership = MembershipTab(self)
        self.services = ServicesTab(self)
        self.needs = NeedsTab(self)
        self.comparison = ComparisonTab(self)
        for tab, label in (
            (self.founding, _("Founding and goals")),
            (self.governance, _("How it works")),
            (self.membership, _("Membership and definition")),
            (self.services, _("Services")),
            (self.needs, _("Guidance needs")),
            (self.comparison, _("Comparison across clusters")),
        ):
            self.add_tab(tab, label)
        self.profile_button = QPushButton(_("Cluster profile (PDF)…"))
        self.profile_button.setObjectName("cluster_pdf_profile")
        self.profile_button.clicked.connect(lambda: self.print_document("cluster-profile"))
        self.profile_button.setEnabled(print_document is not None)
        self.comparison.print_button.setEnabled(print_document is not None)
        self.actions_row.addWidget(self.profile_button)
        self.actions_row.addStretch(1)
        self.keep_history(profile, self.reload)
        name = self.cluster_name()
        self.setWindowTitle(_("Cluster profile: {name}").format(name=name))
        self.show_heading(_("Cluster profile: {name}").format(name=name))

    @property
    def read_only(self) -> bool:
        return self.workspace.read_only

    def cluster_name(self) -> str:
        from desktop.storage.cluster_store import cluster_name_of_profile

        return cluster_name_of_profile(self.workspace, self.profile_id)

    # what the tabs read ------------------------------------------------------------------------

    def authority_choices(self) -> list[tuple[str, str]]:
        return list(self._authorities)

    def people_choices(self) -> list[tuple[str, str]]:
        return list(self._people)

    def provider_choices(self) -> list[tuple[str, str]]:
        """The seed's accompanying bodies, then every organisation of the workspace."""
        return [
            ("", _("(none)")),
            *seed_provider_choices(),
            *sorted(self._organisations.items(), key=lambda p: p[1]),
        ]

    def national_cluster(self) -> NationalCluster | None:
        name = self.cluster_name()
        return next((c for c in self.national_clusters if c.name == name), None)

    def current_members(self) -> list[str]:
        from desktop.models.records import RecordKind
        from desktop.storage.reference_store import load_record

        return list(load_record(self.workspace, RecordKind.CLUSTER, self.profile.cluster)["members"])

    def flags_items(self) -> list[Any]:
        from desktop.storage.flags_store import load_cluster_flags

        return list(load_cluster_flags(self.workspace, self.profile.cluster).items)

    def all_needs(self) -> list[tuple[str, dict[str, NeedChoice]]]:
        """Every cluster's needs, this window's (unsaved typing included) in its place."""
        from desktop.storage.cluster_store import all_needs

        name = self.cluster_name()
        return [(n, self.profile.needs if n == name else needs) for n, needs in all_needs(self.workspace)]

    # saving and printing ------------------------------------------------------------------------

    def save(self) -> None:
        from desktop.storage.cluster_store import save_profile
        from desktop.views.conflict_dialog import save_document

        self.pending.cancel()
        workspace, profile = self.workspace, self.profile
        if not workspace.read_only:
            save_document(
                self,
                profile,
                lambda expected: save_profile(workspace, profile, expected_version=expected),
                self.reload,
            )
            self.document_saved()

    def changed(self) -> None:
        self.pending.schedule()

    def flush(self) -> None:
        self.pending.flush()

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        refresh = getattr(current, "refresh", None)
        if callable(refresh):
            refresh()

    def reload(self) -> None:
        """After taking another person's version: every tab shows it."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            again = getattr(tab, "reload", None) or getattr(tab, "refresh", None)
            if callable(again):
                again()

    def print_document(self, key: str) -> None:
        self.flush()
        if self.print_callback is not None:
            self.print_callback(self.profile_id, key, {})

    def print_current(self) -> None:
        """Ctrl+P: the comparison on its tab and on the needs tab, else the profile."""
        current = self.tabs.currentWidget()
        self.print_document(
            "guidance-needs" if current in (self.needs, self.comparison) else "cluster-profile"
        )
