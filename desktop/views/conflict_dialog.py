"""When a save meets someone else's newer change (ConcurrentEdit): show theirs beside the
person's own, and let them take theirs or knowingly save theirs over it. Never silent."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.i18n import N_, _, ngettext, pgettext
from desktop.models.records import FieldKind, RecordSpec
from desktop.storage.concurrency import (
    ConcurrentEdit,
    SaveFailed,
    adopt,
    document_differences,
    short_lock_wait,
)
from desktop.views.qt_i18n import isolate

T = TypeVar("T")
THEIRS = "theirs"
MINE = "mine"
MAX_TEXT = 120

# The parts of the documents (top-level keys of their JSON), as a person names them.
DOCUMENT_PARTS = {
    "title": N_("Title"),
    "theme": N_("Theme"),
    "place_of": N_("Place"),
    "participants": N_("Participants"),
    "sessions": N_("Sessions"),
    "ideas": N_("Ideas"),
    "clusters": N_("Idea groups"),
    "votes": N_("Votes"),
    "agenda": N_("Shared agenda"),
    "target_mix": N_("Target mix of sectors"),
    "log": N_("Change log"),
    "draft": N_("MOU text and parties"),
    "stages": N_("Approval stages"),
    "versions": N_("Sent versions"),
    "selection_id": N_("Town selection it started from"),
    "purpose": N_("Purpose"),
    "held_on": N_("Date"),
    "team": N_("Team"),
    "filter": N_("Filter"),
    "added": N_("Candidates added"),
    "removed": N_("Candidates removed"),
    "scores": N_("Scores"),
    "conditions": N_("Conditions"),
    "kept": N_("Candidates kept"),
    "weights": N_("Weights"),
    "chosen": N_("Chosen towns"),
    "rationale": N_("Rationale"),
    "decided_on": N_("Decision date"),
    "items": N_("Mapped items"),
    "diagnoses": N_("Diagnoses"),
    "plans": N_("Plans"),
    "cluster": N_("Regional cluster"),
    # learning communities
    "name": N_("Name of the community"),
    "field": N_("Professional field"),
    "period_start": N_("The community's year"),
    "period_end": N_("The community's year"),
    "cycle_year": N_("Stage in the life cycle"),
    "leader": N_("Community leader"),
    "partner": N_("Professional partner"),
    "members": N_("Members"),
    "agreed_mix": N_("Composition against the agreed mix"),
    "topics": N_("Candidate topics"),
    "ratings": N_("Ratings"),
    "selected_topics": N_("Chosen"),
    "selection_date": N_("Chosen on"),
    "selection_notes": N_("Notes"),
    "meetings": N_("Meetings"),
    "teams": N_("Work teams"),
    "finish_line": N_("Shared finish line (the products conference)"),
    "advisory_guests": N_("Advisory committee"),
    "advisory_meetings": N_("Advisory committee"),
    "holiday_groups": N_("Skip the holidays of"),
    # regional cluster profiles (issue 20)
    "founding_story": N_("The founding story"),
    "founding_year": N_("Founding year"),
    "initiator": N_("Initiating authority"),
    "initiator_person": N_("Who proposed it"),
    "goals": N_("Goals"),
    "launch_date": N_("Launch event: date"),
    "launch_place": N_("Launch event: place"),
    "launch_notes": N_("Launch event: what happened"),
    "levels": N_("The three levels of work"),
    "forums": N_("Forums"),
    "accompanying_body": N_("The accompanying body"),
    "accompanying_notes": N_("What it accompanies"),
    "chair": N_("Chair of the board of mayors"),
    "ceo": N_("The cluster's CEO"),
    "chair_style": N_("The chair–CEO relationship"),
    "chair_ceo_notes": N_("Notes on the relationship"),
    "memberships": N_("Membership with dates and sources"),
    "membership_note": N_("Why the lists differ"),
    "services": N_("Services"),
    "needs": N_("Guidance needs"),
}


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def summarise(value: Any) -> str:
    """A part of a document in a few words: text as it is, collections by their size."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, list | dict):
        return ngettext("{count} entry", "{count} entries", len(value)).format(count=len(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return _short(str(value))


def document_rows(mine: Any, theirs: Any) -> list[tuple[str, str, str]]:
    """(part, theirs, mine) for each part of the document that differs."""
    rows = []
    for part, my_value, their_value in document_differences(mine.to_json(), theirs.to_json()):
        label = _(DOCUMENT_PARTS[part]) if part in DOCUMENT_PARTS else _("Other details")
        their_text, my_text = summarise(their_value), summarise(my_value)
        if their_text == my_text:  # same size, different content
            their_text, my_text = (_("{summary} (changed)").format(summary=their_text), my_text)
        rows.append((label, their_text, my_text))
    return rows


def _field_text(spec: RecordSpec, name: str, value: Any, titles: Mapping[str, str]) -> str:
    field_spec = spec.field(name)
    if value is None or value == "" or value == []:
        return "—"
    if field_spec.kind is FieldKind.CHOICE and field_spec.enum is not None:
        return field_spec.enum(value).label
    if field_spec.kind is FieldKind.MULTI_CHOICE and field_spec.enum is not None:
        return ", ".join(field_spec.enum(code).label for code in value)
    if field_spec.kind is FieldKind.BOOL:
        return _("Yes") if value else _("No")
    if field_spec.kind is FieldKind.REFERENCE:
        return isolate(titles.get(str(value), str(value)))
    if field_spec.kind is FieldKind.REFERENCES:
        return ", ".join(isolate(titles.get(str(uuid), str(uuid))) for uuid in value)
    return _short(field_spec.display(value))


def record_rows(
    spec: RecordSpec,
    loaded: Mapping[str, Any],
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any] | None,
    titles: Mapping[str, str],
) -> list[tuple[str, str, str, str]]:
    """(field, as loaded, theirs, mine) for every field either person changed."""
    base, _ignored = spec.clean(loaded)
    my_values, _errors = spec.clean(mine)
    their_values, _other = spec.clean(theirs or {})
    rows = []
    for field_spec in spec.fields:
        name = field_spec.name
        if (
            theirs is not None
            and their_values.get(name) == base.get(name)
            and my_values.get(name) == base.get(name)
        ):
            continue
        rows.append(
            (
                _(field_spec.label),
                _field_text(spec, name, base.get(name), titles),
                _field_text(spec, name, their_values.get(name), titles)
                if theirs is not None
                else _("(deleted)"),
                _field_text(spec, name, my_values.get(name), titles),
            )
        )
    return rows


class ConflictDialog(QDialog):
    """The other person's change beside yours; `choice` is THEIRS or MINE once closed."""

    def __init__(
        self,
        conflict: ConcurrentEdit,
        headers: list[str],
        rows: list[tuple[str, ...]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(_("Someone else changed this"))
        self.choice = THEIRS
        self.message = QLabel(str(conflict))
        self.message.setObjectName("conflict_message")
        self.message.setWordWrap(True)
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setObjectName("conflict_changes")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, values in enumerate(rows):
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.explanation = QLabel(
            _(
                "Take their version to continue from it (your change is dropped), or save yours "
                "over theirs if you have seen their change and yours should win."
            )
        )
        self.explanation.setWordWrap(True)
        self.take_theirs = QPushButton(_("Take their version"))
        self.take_theirs.setObjectName("take_theirs")
        self.take_theirs.setDefault(True)
        self.take_theirs.clicked.connect(self._take_theirs)
        self.keep_mine = QPushButton(_("Save mine again") if conflict.deleted else _("Save mine over theirs"))
        self.keep_mine.setObjectName("keep_mine")
        self.keep_mine.clicked.connect(self._keep_mine)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_mine)
        buttons.addWidget(self.take_theirs)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.explanation)
        layout.addLayout(buttons)
        self.resize(760, 360)

    def _take_theirs(self) -> None:
        self.choice = THEIRS
        self.accept()

    def _keep_mine(self) -> None:
        self.choice = MINE
        self.accept()

    def ask(self) -> str:
        """Show the dialog; closing it without choosing takes theirs (overwrites nothing)."""
        self.exec()
        return self.choice


def ask_about_record(
    parent: QWidget | None,
    conflict: ConcurrentEdit,
    spec: RecordSpec,
    loaded: Mapping[str, Any],
    mine: Mapping[str, Any],
    titles: Mapping[str, str],
) -> str:
    rows = record_rows(spec, loaded, mine, conflict.theirs, titles)
    headers = [
        pgettext("record field", "Field"),
        _("When you opened it"),
        _("Their version"),
        _("Your change"),
    ]
    return ConflictDialog(conflict, headers, list(rows), parent).ask()


def save_document(
    parent: QWidget | None,
    document: Any,
    save: Callable[[int | None], T],
    after_taking_theirs: Callable[[], None],
) -> T | None:
    """`save(None)`; when someone else saved the document meanwhile, show their change and
    either save this one over it (`save(their version)`) or take theirs into `document` in
    place and call `after_taking_theirs` (returns None then).

    A save that fails (SaveFailed: disk full, a lock held elsewhere, the server gone) is
    shown on the window's SaveStatus strip (see `saving`), or in a message box when the
    window has none, and returns None; `document` keeps every change, so the next save
    writes it. A lock held by another program is waited for briefly, not for 5 s."""
    from desktop.views.saving import report_failure, report_success

    try:
        with short_lock_wait():
            result = _save_or_ask(parent, document, save, after_taking_theirs)
    except SaveFailed as failure:
        report_failure(parent, failure)
        return None
    report_success(parent)
    return result


def _save_or_ask(
    parent: QWidget | None,
    document: Any,
    save: Callable[[int | None], T],
    after_taking_theirs: Callable[[], None],
) -> T | None:
    try:
        return save(None)
    except ConcurrentEdit as conflict:
        if conflict.deleted:
            rows: list[tuple[str, ...]] = []
        else:
            rows = list(document_rows(document, conflict.theirs))
            if not rows:  # theirs differs only where its reader stopped (a wizard's page)
                return save(conflict.version)  # (nothing of theirs is lost: no question)
        headers = [_("Part"), _("Their version"), _("Your change")]
        if ConflictDialog(conflict, headers, rows, parent).ask() == MINE:
            return save(conflict.version)
        if not conflict.deleted:
            adopt(document, conflict.theirs)
        after_taking_theirs()
        return None


def _same_class(wizard: QWizard, page_id: int) -> Callable[[], QWizardPage]:
    page_class: Any = type(wizard.page(page_id))
    return lambda: page_class(wizard)


def rebuild_pages(wizard: QWizard, builders: Mapping[int, Callable[[], QWizardPage]] | None = None) -> None:
    """After taking the other person's version: build every page of `wizard` again from the
    document it edits (pages read it when built), showing the same page. `builders` makes
    each page by its id (default: its class, called with the wizard). Deferred until the
    page change that saved is over; no saves run while rebuilding."""

    def rebuild() -> None:
        current = wizard.currentId()
        makers = {
            page_id: (builders[page_id] if builders and page_id in builders else _same_class(wizard, page_id))
            for page_id in wizard.pageIds()
        }
        blocked = wizard.blockSignals(True)
        try:
            for page_id in makers:
                old = wizard.page(page_id)
                wizard.removePage(page_id)
                old.deleteLater()
            for page_id, make in makers.items():
                wizard.setPage(page_id, make())
            wizard.setStartId(max(current, 0))  # as when reopened: resumes on that page
            wizard.restart()
        finally:
            wizard.blockSignals(blocked)

    QTimer.singleShot(0, rebuild)
