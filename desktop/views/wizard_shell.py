"""One editor shell for the document wizards (town selection, MOU, flags diagnosis).

What each wizard needs the same way:
- a draft opens at the page where this person stopped, with every earlier page behind it,
  so Back walks through them (the history is rebuilt by walking forward without checking
  pages); the page is remembered on their computer (`page_memory`), not saved in the record;
- `go_to(page_id)` moves forward or back to any page (the MOU review's list of what is
  missing), a bounded walk that never loops;
- autosave: every field the page holds is stored in the document and saved as it changes
  (after a short rest) and when the person leaves it, on every page change and on close;
  no Save buttons;
- taking someone else's version (views/conflict_dialog.save_document / rebuild_pages)
  rebuilds every page from it and reopens at the same page, history included;
- undo and redo (`keep_history`): every save is a step back (Ctrl+Z outside a text field, or
  the Undo button), the pages built again from the document at the page the person is on.

A wizard subclasses `WizardShell`, adds its pages with `add_pages`, implements `page_place`,
`save_draft` and (for documents that still hold a page) `stored_page`, and calls
`open_draft()` last in __init__.
Its pages subclass `ShellPage` and implement `keep_input` (store without checking).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTextBrowser,
    QTextEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.i18n import _
from desktop.views import page_memory
from desktop.views.printing import install_print_shortcut
from desktop.views.saving import (
    DocumentHistory,
    SaveStatus,
    enable_history_buttons,
    install_history_keys,
    may_close,
    record_step,
)

AUTOSAVE_DELAY_MS = 400  # a save once typing rests this long
STATUS_ROW = 50  # the failed-save strip's row in QWizard's grid: below all of QWizard's own
WATCHED = "wizard_shell_watched"  # dynamic property: the shell listens to this field
DISPLAY_ONLY = "wizard_shell_display_only"  # dynamic property: a table that only shows results

UNDO_BUTTON = QWizard.WizardButton.CustomButton2
REDO_BUTTON = QWizard.WizardButton.CustomButton3

PageBuilder = Callable[[], QWizardPage]


def _fields(root: QWidget) -> Iterator[QWidget]:
    """`root` and the widgets under it, without looking inside a field (a combo box's list, a
    spin box's line) or a table (its cell widgets are fields themselves: a page may hold
    thousands of them, each with its own inner widgets)."""
    stack = [root]
    while stack:
        widget = stack.pop()
        yield widget
        if isinstance(widget, QTableWidget):
            # (a cell widget's parent is the viewport: asking every cell took 0.16 s for a
            # team table of a foundation's 20,000 people, which has none)
            yield from (child for child in widget.viewport().children() if isinstance(child, QWidget))
        elif not isinstance(widget, QComboBox | QAbstractSpinBox | QAbstractItemView):
            stack += [child for child in widget.children() if isinstance(child, QWidget)]


class ShellPage(QWizardPage):
    """A page of a `WizardShell`: `keep_input` stores what it holds, valid or not yet."""

    def keep_input(self) -> None:
        """Store what the page holds into the document without checking it."""


class WizardShell(QWizard):
    """The wizard every document editor shares; see the module's docstring."""

    def __init__(self, parent: QWidget | None, name: str, title: str, finish_text: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, finish_text)
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Close (keep the draft)"))
        self.builders: dict[int, PageBuilder] = {}
        self._held = 0  # > 0 while the shell itself moves or fills pages: nothing to save
        self._adopting = False  # someone else's version is being taken: pages are stale
        self._jumping = False  # walking to a page: pages are not checked on the way
        self._closed = False  # closed and saved: fields losing focus as it hides save nothing
        self._open_page_id = -1
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.keep)
        # A failed save is said on a strip under the buttons, with "Try again" (views/saving).
        self.status = SaveStatus()
        self.status.retry_requested.connect(self.keep)
        self._left = QTimer(self)  # leaving a field: save once the focus has moved
        self._left.setSingleShot(True)
        self._left.setInterval(0)
        self._left.timeout.connect(self.keep)
        # Ctrl+P prints the record's document; the section that opened the wizard says how.
        self.print_document: Callable[[], None] | None = None
        install_print_shortcut(self, self.print_current)
        self.history: DocumentHistory | None = None  # undo and redo, once keep_history is called

    def print_current(self) -> None:
        """Ctrl+P: save, then print this record's document (when the section gave a way)."""
        if self.print_document is not None:
            self.keep()
            self.print_document()

    # --- what each wizard provides ------------------------------------------------------------

    def stored_page(self) -> int:
        """The id of the page the document says it stopped at (saved before the page was
        remembered on each computer; see `page_memory`)."""
        return 0

    def page_place(self) -> str | None:
        """The key this record's page is remembered under on this computer
        (`page_memory.place`; None: not saved yet)."""
        return None

    def save_draft(self) -> None:
        """Save the document as it is (through conflict_dialog.save_document)."""
        raise NotImplementedError

    # --- building ---------------------------------------------------------------------------------

    def add_pages(self, builders: Sequence[PageBuilder]) -> list[int]:
        """Build and add the pages in order; the builders also rebuild them on theirs."""
        ids = []
        for build in builders:
            page = build()
            page_id = self.addPage(page)
            self.builders[page_id] = build
            self.watch(page)
            ids.append(page_id)
        return ids

    def open_draft(self) -> None:
        """Show the page the draft stopped at, every earlier page behind it; autosave on."""
        self.fit_screen()
        ids = self.pageIds()
        remembered = page_memory.remembered(self.page_place())
        target = remembered if remembered is not None else self.stored_page()
        self.setStartId(ids[0])
        self.open_at(target if target in ids else ids[min(max(target, 0), len(ids) - 1)])
        self._place_status()
        self.currentIdChanged.connect(self._page_changed)
        self.finished.connect(self._closing)

    def _place_status(self) -> None:
        """Under the buttons, across the wizard: QWizard lays its header, page and buttons out
        in one grid on an inner widget; the strip takes a row of its own below them."""
        inner = next(
            (
                child
                for child in self.children()
                if isinstance(child, QWidget) and isinstance(child.layout(), QGridLayout)
            ),
            None,
        )
        layout = inner.layout() if inner is not None else None
        if isinstance(layout, QGridLayout):
            layout.addWidget(self.status, STATUS_ROW, 0, 1, -1)

    def save_parent(self) -> QWidget:
        """The parent to give conflict_dialog.save_document: its dialogs open over the wizard
        and a failed save finds the wizard's strip from it."""
        return self.status.parentWidget() or self

    def fit_screen(self) -> None:
        """Never larger than the screen's free area (a 1366x768 laptop included)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        self.resize(min(self.width(), room.width()), min(self.height(), room.height()))

    def open_at(self, page_id: int) -> None:
        """Start again at the first page and walk to `page_id` without checking the pages,
        so the history (and Back) holds every page before it."""
        with self.held():
            first = self.pageIds()[0]
            self.setStartId(first)
            super().restart()
            self._walk_to(page_id)
            self._open_page_id = self.currentId()

    def restart(self) -> None:
        """Restart at the start page with every earlier page in the history (rebuild_pages
        sets the start page to where the person was, then restarts)."""
        self.open_at(self.startId())
        self._adopting = False

    # --- moving ---------------------------------------------------------------------------------

    def go_to(self, page_id: int) -> None:
        """Move to `page_id`, back through the history or forward without checking the pages
        on the way (what they hold is kept); each step must move, so it never loops."""
        if page_id not in self.pageIds() or page_id == self.currentId():
            return
        self.keep_open_page()
        with self.held():
            self._walk_to(page_id)
        self._page_changed(self.currentId())

    def _walk_to(self, page_id: int) -> None:
        for _step in range(len(self.pageIds())):
            current = self.currentId()
            if current in (page_id, -1):
                return
            if page_id in self.visitedIds():
                self.back()
            else:
                self._jumping = True
                try:
                    self.next()
                finally:
                    self._jumping = False
            if self.currentId() == current:  # neither way moved: stay
                return

    def validateCurrentPage(self) -> bool:
        """Next and Finish store what the page holds first, then check it; a walk to a page
        does not check the pages on the way."""
        if self._jumping:
            return True
        page = self.currentPage()
        if isinstance(page, ShellPage) and not self._held and not self._adopting:
            page.keep_input()
        return super().validateCurrentPage()

    def initializePage(self, page_id: int) -> None:
        with self.held():
            super().initializePage(page_id)
        page = self.page(page_id)
        if page is not None:
            self.watch(page)

    def cleanupPage(self, page_id: int) -> None:
        """Going Back keeps what the page left holds."""
        page = self.page(page_id)
        if isinstance(page, ShellPage) and not self._held and not self._adopting:
            page.keep_input()
        super().cleanupPage(page_id)

    def _page_changed(self, page_id: int) -> None:
        if self._held or self._adopting:
            return
        if page_id >= 0:  # -1 while the wizard closes
            self._open_page_id = page_id
        self._autosave.stop()
        self._left.stop()
        self._save()  # (what the page left holds, stored as it was left)

    # --- autosave ---------------------------------------------------------------------------------

    @contextmanager
    def held(self) -> Iterator[None]:
        """No autosave and no storing of pages while the shell moves or fills them."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1

    def watch(self, root: QWidget) -> None:
        """Listen to every field under `root` (once each): a change saves after a short rest,
        leaving the field saves at once. Call again after adding fields to a page."""
        for widget in _fields(root):
            if widget.property(DISPLAY_ONLY):  # shows results; nothing the person types
                continue
            if not widget.property(WATCHED) and self._connect(widget):
                widget.setProperty(WATCHED, True)

    def _connect(self, widget: QWidget) -> bool:
        changed = self.field_changed
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(changed)
            widget.installEventFilter(self)
        elif isinstance(widget, QTextBrowser):
            return False
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.textChanged.connect(changed)
            widget.installEventFilter(self)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(changed)
            widget.editTextChanged.connect(changed)
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            widget.valueChanged.connect(changed)
        elif isinstance(widget, QDateTimeEdit):
            widget.dateTimeChanged.connect(changed)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget, QPushButton):
            widget.toggled.connect(changed)
        elif isinstance(widget, QAbstractSlider) and not isinstance(widget, QScrollBar):
            widget.valueChanged.connect(changed)
        elif isinstance(widget, QListWidget | QTableView) and widget.model() is not None:
            # The model's signal, not itemChanged: a page may rebuild its items while handling
            # itemChanged, and the item would be gone by the time this slot received it. (A
            # table view's own model too: the selection team's ticks and roles.)
            widget.model().dataChanged.connect(changed)
        else:
            return False
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.field_left()
        return super().eventFilter(watched, event)

    def field_changed(self, *_args: object) -> None:
        """A field changed: store and save once typing rests."""
        if not self._held and not self._adopting and not self._closed:
            self._autosave.start()

    def field_left(self) -> None:
        """The person left a field: store and save now (after the focus has moved)."""
        if not self._held and not self._adopting and not self._closed:
            self._left.start()

    def keep_open_page(self) -> None:
        page = self.page(self._open_page_id)
        if isinstance(page, ShellPage) and not self._adopting:
            page.keep_input()

    def keep(self) -> None:
        """Store what the open page holds, valid or not yet, and save the draft."""
        self._autosave.stop()
        self._left.stop()
        if self._held or self._adopting:
            return
        self.keep_open_page()
        self._save()

    def _save(self) -> None:
        """Save the draft (a step back, when it changed), and remember the open page here: a
        record saved for the first time has its page remembered from then on."""
        self.save_draft()
        self._record_step()
        page_memory.remember(self.page_place(), self._open_page_id)

    def done(self, result: int) -> None:
        """Closing (Finish, Close or the window's X) saves first; when that save fails, the
        person is asked whether to close anyway (the default is to stay)."""
        if not self._closed and not self._adopting and not may_close(self, self.status, self.keep):
            return
        super().done(result)  # Finish checks the last page here, and may stay open

    def _closing(self, _result: int) -> None:
        """Closing at any point keeps what the open page holds (Finish's checks stored too)."""
        self.keep()
        self._closed = True

    def showEvent(self, event: QShowEvent) -> None:
        self._closed = False  # shown again (exec after exec): autosave again
        super().showEvent(event)

    # --- someone else's version, a step undone ----------------------------------------------------

    def show_document_again(self) -> None:
        """Build every page again from the document (someone else's version taken, or a step
        undone), at the same page; until then the pages are stale and store nothing. (After
        taking theirs, undo starts again from it: DocumentHistory.saved.)"""
        from desktop.views.conflict_dialog import rebuild_pages

        self._autosave.stop()
        self._left.stop()
        self._adopting = True
        rebuild_pages(self, dict(self.builders))

    # --- undo and redo ----------------------------------------------------------------------------

    def keep_history(self, document: Any) -> None:
        """Undo and redo over the saves of `document` (the object save_draft stores): the Undo
        and Redo buttons beside Back, and Ctrl+Z / Ctrl+Shift+Z where a text field does not
        take them for its own typing. Going back a step leaves the person on their page."""
        self.history = DocumentHistory(
            document, self.save_draft, self.show_document_again, not_a_step=("page",)
        )
        # (custom buttons 2 and 3: the first is the wizard's own, e.g. the MOU's "To the review")
        self.setOption(QWizard.WizardOption.HaveCustomButton2, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton3, True)
        self.setButtonText(UNDO_BUTTON, _("Undo the last change"))
        self.setButtonText(REDO_BUTTON, _("Redo"))
        self.button(UNDO_BUTTON).setObjectName("wizard_undo")
        self.button(REDO_BUTTON).setObjectName("wizard_redo")
        # (a button in the layout shows even without its option: the wizard's own only if it has one)
        own = (
            [QWizard.WizardButton.CustomButton1]
            if self.testOption(QWizard.WizardOption.HaveCustomButton1)
            else []
        )
        self.setButtonLayout(
            [
                UNDO_BUTTON,
                REDO_BUTTON,
                QWizard.WizardButton.Stretch,
                *own,
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.CommitButton,
                QWizard.WizardButton.FinishButton,
                QWizard.WizardButton.CancelButton,
            ]
        )
        self.customButtonClicked.connect(self._history_button)
        install_history_keys(self, self.undo, self.redo)
        self._update_history_buttons()

    def _history_button(self, which: int) -> None:
        if which == UNDO_BUTTON.value:
            self.undo()
        elif which == REDO_BUTTON.value:
            self.redo()

    def undo(self) -> None:
        """Store what the page holds (a step when it changed), then go back one step."""
        self._step(DocumentHistory.undo)

    def redo(self) -> None:
        self._step(DocumentHistory.redo)

    def _step(self, move: Callable[[DocumentHistory], None]) -> None:
        if self.history is None or self._adopting or self._held:
            return
        self.keep()
        if self._adopting:  # (that save took someone else's version: nothing of ours to step to)
            return
        move(self.history)
        self._update_history_buttons()

    def _record_step(self) -> None:
        record_step(self.history, self.status)
        self._update_history_buttons()

    def _update_history_buttons(self) -> None:
        if self.history is not None:
            enable_history_buttons(self.button(UNDO_BUTTON), self.button(REDO_BUTTON), self.history)
