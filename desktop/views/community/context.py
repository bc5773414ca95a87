"""What every tab of a community window shares: the document, the names, and saving."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QComboBox, QWidget

from desktop.i18n import _
from desktop.models.community import Community
from desktop.storage.community_store import (
    AuthorityFacts,
    PersonFacts,
    authority_facts,
    people_facts,
    save_community,
)
from desktop.storage.workspace import Workspace
from desktop.views.saving import PendingSave


@dataclass
class CommunityContext:
    workspace: Workspace
    community: Community
    community_id: int | None
    people: dict[str, PersonFacts] = field(default_factory=dict)
    authorities: dict[str, AuthorityFacts] = field(default_factory=dict)
    listeners: list[Callable[[], None]] = field(default_factory=list)
    reloaders: list[Callable[[], None]] = field(default_factory=list)
    parent: QWidget | None = None
    pending: PendingSave | None = None  # gathers typing into one save a moment after the last key

    @classmethod
    def load(cls, workspace: Workspace, community: Community, community_id: int | None) -> CommunityContext:
        return cls(workspace, community, community_id, people_facts(workspace), authority_facts(workspace))

    @property
    def read_only(self) -> bool:
        return self.workspace.read_only

    def person_name(self, uuid: str) -> str:
        facts = self.people.get(uuid)
        return facts.full_name if facts else ""

    def authority_name(self, uuid: str) -> str:
        facts = self.authorities.get(uuid)
        return facts.name if facts else ""

    def topic_titles(self) -> dict[str, str]:
        return {t.id: t.title for t in self.community.topics}

    def changed(self) -> None:
        """A field was typed into (the community already holds it): save after a pause."""
        if self.pending is not None:
            self.pending.schedule()
        else:
            self.save()

    def flush(self) -> None:
        """Save at once what waits to be saved (another meeting, team, tab, or closing)."""
        if self.pending is not None:
            self.pending.flush()

    def save(self) -> None:
        """Commit the community at once, then let the other tabs refresh.

        When someone else saved it meanwhile (a team server, another window), their change
        is shown and the person takes theirs (every tab shows it) or saves over it knowingly.
        """
        from desktop.views.conflict_dialog import save_document

        if self.pending is not None:
            self.pending.cancel()
        if self.read_only:
            return
        saved = save_document(
            self.parent,
            self.community,
            lambda expected: save_community(
                self.workspace, self.community, self.community_id, expected_version=expected
            ),
            self._took_theirs,
        )
        if saved is None:
            return
        self.community_id = saved
        for listener in list(self.listeners):
            listener()

    def _took_theirs(self) -> None:
        for reload in list(self.reloaders):
            reload()


def fill_combo(
    combo: QComboBox, items: list[tuple[str, str]], selected: str, *, blank: str | None = None
) -> None:
    """(value, label) items; `blank` adds a first empty choice with that label."""
    combo.blockSignals(True)
    combo.clear()
    if blank is not None:
        combo.addItem(blank, "")
    for value, label in items:
        combo.addItem(label, value)
    index = combo.findData(selected)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def none_label() -> str:
    return _("(none)")
