"""What the facilitator is offered once a session has ended: its summary, the next session's
agenda, or (after the fourth) the shared agenda."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from desktop import i18n
from desktop.i18n import _
from desktop.models.forum import SESSIONS

if TYPE_CHECKING:
    from desktop.views.forum.facilitation import FacilitationWindow


class EndOfSession(QDialog):
    """What to print once the session has ended."""

    def __init__(self, window: FacilitationWindow, number: int, present: int) -> None:
        super().__init__(window)
        self.setObjectName("end_of_session")
        self.setWindowTitle(_("Session {number} ended").format(number=number))
        self.window_ = window
        self.number = number
        text = QLabel(
            _(
                "The vote is closed, the timer stopped and {count} participants are recorded as attending."
            ).format(count=i18n.format_number(present))
        )
        text.setWordWrap(True)
        self.summary = QPushButton(_("Print the session summary…"))
        self.summary.setObjectName("print_summary")
        self.summary.clicked.connect(lambda: self._print("forum-summary", {"session": number}))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.summary)
        if number < SESSIONS:
            self.next_agenda = QPushButton(
                _("Print the agenda of session {number}…").format(number=number + 1)
            )
            self.next_agenda.setObjectName("print_next_agenda")
            self.next_agenda.clicked.connect(lambda: self._print("forum-agenda", {"session": number + 1}))
            layout.addWidget(self.next_agenda)
        else:
            self.shared_agenda = QPushButton(_("Go on to the shared agenda"))
            self.shared_agenda.setObjectName("open_shared_agenda")
            self.shared_agenda.clicked.connect(self._shared_agenda)
            layout.addWidget(self.shared_agenda)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for button in (self.summary, getattr(self, "next_agenda", None)):
            if button is not None:
                button.setEnabled(window.print_document is not None)

    def _print(self, key: str, options: dict[str, Any]) -> None:
        if self.window_.print_document is not None:
            self.window_.print_document(key, options)

    def _shared_agenda(self) -> None:
        self.accept()
        if self.window_.show_shared_agenda is not None:
            self.window_.close()
            self.window_.show_shared_agenda()
