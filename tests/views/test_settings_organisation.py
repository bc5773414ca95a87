"""Tools > Settings: the organisation's name and logo, typed and chosen like a person does,
saved in the workspace at once and printed on every document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.storage.document_data import letterhead
from desktop.storage.workspace import create_workspace
from desktop.views.dialogs import SettingsDialog
from tests.reports.test_letterhead import png
from tests.views.conftest import type_text


def test_the_organisation_is_typed_and_its_logo_chosen_in_settings(qtbot: QtBot, tmp_path: Path) -> None:
    workspace = create_workspace(tmp_path / "w.shutafut")
    dialog = SettingsDialog("he", None, workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.logo_state.text() == "אין סמליל."
    assert not dialog.remove_logo.isEnabled()
    type_text(dialog.organisation, "קרן תקווה ישראלית")
    assert letterhead(workspace).organisation == "קרן תקווה ישראלית"  # saved as typed

    not_an_image = tmp_path / "notes.txt"
    not_an_image.write_text("not a logo", encoding="utf-8")
    dialog.set_logo_file(not_an_image)
    assert dialog.logo_error.isVisible()
    assert dialog.logo_error.text() == "סמליל הוא תמונת PNG או JPEG בגודל של עד 2 MB."
    assert letterhead(workspace).logo == b""

    logo = tmp_path / "logo.png"
    logo.write_bytes(png())
    dialog.set_logo_file(logo)
    assert not dialog.logo_error.isVisible()
    assert dialog.logo_state.text() == "נבחר סמליל."
    assert letterhead(workspace).logo == png()

    qtbot.mouseClick(dialog.remove_logo, Qt.MouseButton.LeftButton)
    assert letterhead(workspace).logo == b""
    assert dialog.logo_state.text() == "אין סמליל."

    # Opened again, the dialog shows what is kept.
    again = SettingsDialog("he", None, workspace)
    qtbot.addWidget(again)
    assert again.organisation.text() == "קרן תקווה ישראלית"
    workspace.close()
