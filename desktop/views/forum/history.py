"""Undo and redo of a session's live changes (Ctrl+Z, Ctrl+Shift+Z).

Each change keeps the forum as it was before and after. Undoing applies the change backwards
onto the forum as it is now (a three-way merge, `models.forum.merge_forums`), so what another
laptop merged in meanwhile, or a later change to other ideas, stays. The change log says what
was undone or redone; its own lines are never taken back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QLineEdit

from desktop.i18n import _
from desktop.models.forum import Forum, merge_forums


def apply_change(forum: Forum, source: str, target: str, note: str) -> None:
    """Change `forum` in place the way it went from `source` to `target` (Forum.live_json)."""
    log = list(forum.log)
    changed = merge_forums(forum.with_live_json(target), forum, forum.with_live_json(source))
    changed.log = log
    forum.replace_with(changed)
    forum.note(note)


class ForumChange(QUndoCommand):
    """One live change of the session; the first redo is the change itself, already made."""

    def __init__(self, forum: Forum, text: str, before: str, after: str, done: Callable[[], None]) -> None:
        super().__init__(text)
        self.forum = forum
        self.before = before
        self.after = after
        self.done = done  # save and show the forum again
        self._made = True

    def undo(self) -> None:
        apply_change(self.forum, self.after, self.before, _("Undone: {change}").format(change=self.text()))
        self.done()

    def redo(self) -> None:
        if self._made:
            self._made = False
            return
        apply_change(self.forum, self.before, self.after, _("Redone: {change}").format(change=self.text()))
        self.done()


class SessionUndoKeys(QObject):
    """Lets Ctrl+Z reach the session's undo when a text field has nothing of its own to undo
    (a field is empty again once its idea or name was entered)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QLineEdit):
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Undo) and not watched.isUndoAvailable():
                return True  # not taken by the field: the window's Ctrl+Z runs
            if event.matches(QKeySequence.StandardKey.Redo) and not watched.isRedoAvailable():
                return True
        return False
