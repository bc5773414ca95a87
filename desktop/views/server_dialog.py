"""File > Connect to a team server…: where the team's PostgreSQL database is, tested before
connecting. The fields are remembered, never the password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.storage.server import (
    DEFAULT_PORT,
    SSL_MODES,
    ServerLoginRefused,
    build_address,
    server_url,
)
from desktop.storage.workspace import WorkspaceError
from desktop.views.qt_i18n import align_text_field

if TYPE_CHECKING:
    from desktop.storage.workspace import Workspace
    from desktop.views.main_window import MainWindow

SETTINGS_GROUP = "team_server"
SSL_LABELS = {
    "prefer": N_("Use encryption when the server offers it"),
    "require": N_("Require encryption"),
    "verify-full": N_("Require encryption and check the server's certificate"),
    "disable": N_("No encryption (only inside a trusted network)"),
}


class ServerDialog(QDialog):
    """Host, port, database, user, password and SSL mode; Test connection; Connect."""

    def __init__(
        self, settings: QSettings, parent: QWidget | None = None, address: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("server_dialog")
        self.setWindowTitle(_("Connect to a team server"))
        self.settings = settings
        self.host = QLineEdit()
        self.host.setObjectName("server_host")
        self.port = QSpinBox()
        self.port.setObjectName("server_port")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit()
        self.database.setObjectName("server_database")
        self.user = QLineEdit()
        self.user.setObjectName("server_user")
        self.password = QLineEdit()
        self.password.setObjectName("server_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for line in (self.host, self.database, self.user, self.password):
            align_text_field(line, left_to_right=True)
        self.ssl_mode = QComboBox()
        self.ssl_mode.setObjectName("server_ssl")
        for mode in SSL_MODES:
            self.ssl_mode.addItem(_(SSL_LABELS[mode]), mode)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label, editor in (
            ("host", _("Server (name or address)"), self.host),
            ("port", _("Port"), self.port),
            ("database", _("Database"), self.database),
            ("user", _("User name"), self.user),
            ("password", _("Password"), self.password),
            ("ssl", _("Encryption (SSL)"), self.ssl_mode),
        ):
            error = QLabel()
            error.setObjectName(f"{name}_error")
            error.setStyleSheet("color: #b00020;")
            error.setWordWrap(True)
            error.hide()
            self.errors[name] = error
            column = QVBoxLayout()
            column.addWidget(editor)
            column.addWidget(error)
            form.addRow(label, column)
        self.status = QLabel()
        self.status.setObjectName("connection_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_button = QPushButton(_("Test connection"))
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test_connection)
        self.connect_button = QPushButton(_("Connect"))
        self.connect_button.setObjectName("connect")
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self._connect)
        cancel = QPushButton(_("Cancel"))
        cancel.setObjectName("cancel")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.connect_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._fill(address)
        self.resize(520, 0)

    def _fill(self, address: str | None) -> None:
        """From the chosen recent entry, else from the last connection made."""
        values = {
            key: str(self.settings.value(f"{SETTINGS_GROUP}/{key}", "") or "")
            for key in ("host", "port", "database", "user", "ssl")
        }
        if address:
            try:
                url = server_url(address)
            except WorkspaceError:
                url = None
            if url is not None:
                values = {
                    "host": url.host or "",
                    "port": str(url.port or DEFAULT_PORT),
                    "database": url.database or "",
                    "user": url.username or "",
                    "ssl": str(url.query.get("sslmode", "prefer")),
                }
        self.host.setText(values["host"])
        if values["port"].isdigit():
            self.port.setValue(int(values["port"]))
        self.database.setText(values["database"])
        self.user.setText(values["user"])
        index = self.ssl_mode.findData(values["ssl"] or "prefer")
        self.ssl_mode.setCurrentIndex(max(index, 0))
        if self.host.text() and self.database.text() and self.user.text():
            self.password.setFocus()

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)

    def chosen_address(self) -> str | None:
        """The address the fields describe, or None (errors shown beside the fields)."""
        errors = {}
        for name, line in (("host", self.host), ("database", self.database), ("user", self.user)):
            if not line.text().strip():
                errors[name] = _("This field is required.")
        if any(character.isspace() for character in self.host.text().strip()):
            errors["host"] = _("A server name has no spaces.")
        self.show_errors(errors)
        if errors:
            return None
        return build_address(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
            self.password.text(),
            str(self.ssl_mode.currentData()),
        )

    def test_connection(self) -> bool:
        from desktop.storage.server import try_connection

        address = self.chosen_address()
        if address is None:
            self.status.clear()
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.status.setText(try_connection(address))
        except WorkspaceError as error:
            self.status.setText(str(error))
            if isinstance(error, ServerLoginRefused):
                self.show_errors({"password": _("Check the user name and password.")})
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return True

    def _connect(self) -> None:
        if self.chosen_address() is None:
            return
        for key, value in (
            ("host", self.host.text().strip()),
            ("port", str(self.port.value())),
            ("database", self.database.text().strip()),
            ("user", self.user.text().strip()),
            ("ssl", str(self.ssl_mode.currentData())),
        ):
            self.settings.setValue(f"{SETTINGS_GROUP}/{key}", value)
        self.accept()


def connect_to_server(window: MainWindow, address: str | None = None) -> bool:
    """Ask where the team's server is, and open its workspace in `window`."""
    dialog = ServerDialog(window.settings, window, address)
    if not dialog.exec():
        return False
    chosen = dialog.chosen_address()
    return chosen is not None and open_server(window, chosen)


def _open(url: str, *, initialise: bool) -> Workspace:
    from desktop.storage.server import open_server_workspace

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return open_server_workspace(url, initialise=initialise)
    finally:
        QApplication.restoreOverrideCursor()


def open_server(window: MainWindow, url: str) -> bool:
    """Open the workspace at `url` in `window`; on refusal explain and keep the current one.
    An empty database is made a workspace only when the person agrees."""
    from desktop.storage.server import EmptyDatabase, display_address

    try:
        try:
            workspace = _open(url, initialise=False)
        except EmptyDatabase as empty:
            buttons = QMessageBox.StandardButton
            answer = QMessageBox.question(
                window,
                _("Connect to a team server"),
                _("{message} Create a new Shutafut workspace in it?").format(message=str(empty)),
                buttons.Yes | buttons.Cancel,
                buttons.Cancel,
            )
            if answer != buttons.Yes:
                return False
            workspace = _open(url, initialise=True)
    except WorkspaceError as error:
        QMessageBox.critical(window, _("Cannot open workspace"), str(error))
        return False
    window.use_workspace(workspace, None, display_address(url))
    return True
