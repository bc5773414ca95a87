"""The design forums of the workspace: start one from a template, open it, print its documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.views.list_section import (
    FeatureDescription,
    ListSection,
    date_column,
    number_column,
    text_column,
)
from desktop.views.qt_i18n import align_text_field
from desktop.views.widgets import error_label, show_error

if TYPE_CHECKING:
    from desktop.models.forum import Forum
    from desktop.storage.workspace import Workspace


class NewForumDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        from desktop.models.forum import template_names
        from desktop.storage.forum_templates import load_own_templates
        from desktop.views.forum.forum_window import templates_folder

        super().__init__(parent)
        self.own_templates = load_own_templates(templates_folder())
        self.setWindowTitle(_("New design forum"))
        self.title = QLineEdit()
        self.title.setObjectName("forum_title")
        self.place = QLineEdit()
        self.place.setObjectName("forum_place")
        for line in (self.title, self.place):
            align_text_field(line, left_to_right=False)
        self.template = QComboBox()
        self.template.setObjectName("forum_template")
        for key, name in template_names(i18n.current_language(), self.own_templates):
            self.template.addItem(name, key)
        self.error = error_label("forum_error")
        form = QFormLayout()
        form.addRow(_("Name of the forum"), self.title)
        form.addRow(_("Town or regional cluster"), self.place)
        form.addRow(_("Theme (the sessions' template)"), self.template)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.title.text().strip():
            show_error(self.error, _("Give the forum a name."))
            return
        self.accept()


def _list(workspace: Workspace) -> list[Any]:
    from desktop.storage.forum_store import list_forums

    return list_forums(workspace)


def _delete(workspace: Workspace, forum_id: int) -> None:
    from desktop.storage.forum_store import delete_forum

    delete_forum(workspace, forum_id)


def _start(section: ListSection) -> None:
    from desktop.models.forum import Forum, sessions_from_template

    dialog = NewForumDialog(section)
    if not dialog.exec():
        return
    forum = Forum(
        " ".join(dialog.title.text().split()),
        dialog.template.currentText(),
        " ".join(dialog.place.text().split()),
        sessions=sessions_from_template(
            str(dialog.template.currentData()), i18n.current_language(), dialog.own_templates
        ),
    )
    open_forum(section, forum, None)


def _open(section: ListSection, forum_id: int) -> None:
    from desktop.storage.forum_store import load_forum

    assert section.workspace is not None
    open_forum(section, load_forum(section.workspace, forum_id), forum_id)


def open_forum(section: ListSection, forum: Forum, forum_id: int | None) -> None:
    from desktop.views.forum.forum_window import ForumWindow

    assert section.workspace is not None
    window = ForumWindow(section.workspace, forum, forum_id, section)
    section.run_editor(window, lambda: window.forum_id)


FORUMS = FeatureDescription(
    key="forums",
    title=lambda: _("Design forums"),
    about=lambda: _(
        "The design forum gathers about fifty partners of the town (the town administration, "
        "every sector and residents) four times in the first year to agree on shared goals. "
        "Prepare the four sessions, run them live with the facilitation mode, and end with a "
        "shared agenda and professional teams."
    ),
    new_label=lambda: _("New forum…"),
    search_hint=lambda: _("Search forums…"),
    columns=(
        text_column(lambda: _("Forum"), "title", stretch=True),
        number_column(lambda: _("Participants"), "participants"),
        number_column(lambda: _("Ideas"), "ideas"),
        date_column(lambda: _("Last saved"), "updated_at"),
    ),
    list_records=_list,
    record_name=lambda row: str(row.title),
    delete_record=_delete,
    delete_question=lambda name: _(
        "Delete the forum “{name}” with its participants, ideas and votes? This cannot be undone."
    ).format(name=name),
    start_record=_start,
    open_record=_open,
)
