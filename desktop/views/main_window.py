"""The main window: menus, toolbar, status bar, navigation sidebar and the open workspace."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
)

from desktop import __version__, i18n
from desktop.i18n import _, os_error_text
from desktop.models.record_kinds import PLURALS, RecordKind
from desktop.views.after_paint import AfterPaint
from desktop.views.features import FEATURES, feature_title
from desktop.views.icons import icon
from desktop.views.item_roles import USER_ROLE
from desktop.views.qt_i18n import apply_language, isolate

if TYPE_CHECKING:
    from desktop.models.journey import Target
    from desktop.storage.workspace import Workspace
    from desktop.views.backups_dialog import BackupScheduler
    from desktop.views.list_section import ListSection
    from desktop.views.printing import Printer
    from desktop.views.reference.section import ReferenceSection

# Classes used only after the first paint are reached through their modules
# (QtWidgets.QMessageBox...), so PySide builds them and their enums only when needed.
MAX_RECENT = 8
KIND_ROLE = USER_ROLE + 1
HOME = "home"  # the sidebar's first item
WORKSPACE_FILTER_EXTENSION = "*.shutafut"


def default_workspace_path() -> Path:
    """The workspace opened on first start, in the user's data folder."""
    paths = QtCore.QStandardPaths
    folder = Path(paths.writableLocation(paths.StandardLocation.AppDataLocation))
    return folder / "workspace.shutafut"


# The window's first view waits for the paint after its first: what it does without (the Qt
# namespace's enums, which the reference heading's flags, the fields' polisher and the backup on
# open each build, 40-70 ms) comes after the workspace opened meanwhile is on screen. Or this
# long after the first paint, when nothing paints again.
FIRST_VIEW_FALLBACK_MS = 500


class MainWindow(QMainWindow):
    first_painted = Signal()  # once, just after the window is first on screen
    first_view_shown = Signal()  # once, after that, when the workspace opened then is on screen

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.setObjectName("main_window")
        AfterPaint(self._after_first_paint, self)
        self.first_view_pending = False  # painted once, its first view not yet shown
        self.opening_on_first_paint = False  # (while `first_painted` is told)
        self._backup_waiting: Workspace | None = None  # the one opened then, backed up after
        self.settings = settings
        self.workspace: Workspace | None = None
        self._lock: QtCore.QLockFile | None = None
        self._lock_failed = False  # the last lock could not be made (not held by another copy)
        self.undo_stack = QUndoStack(self)
        self.setWindowIcon(icon("shutafut"))
        self._backups: BackupScheduler | None = None  # built when a workspace opens (imports storage)
        self.backup_windows: list[MainWindow] = []  # backups opened read-only

        self.sidebar = QTreeWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setHeaderHidden(True)
        self.sidebar.setMinimumWidth(180)
        # Sections are built on first use, after the window is first painted.
        self._reference_section: ReferenceSection | None = None
        self._feature_sections: dict[str, ListSection] = {}
        self._printer: Printer | None = None
        self._shown_kind = RecordKind.AUTHORITY
        self.sections = QStackedWidget()
        from desktop.views.home import HomeSection

        self.home_section = HomeSection()  # the first page (issue 18)
        self.home_section.open_requested.connect(self.open_target)
        self.home_section.message.connect(self._show_message)
        self.home_section.data_changed.connect(self._reference_changed)
        self.home_section.print_requested.connect(self.print_journey)
        self.sections.addWidget(self.home_section)
        self._build_sidebar()

        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.sections)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 1000])
        self.setCentralWidget(splitter)

        self.workspace_label = QLabel()
        self.workspace_label.setObjectName("workspace_label")
        self.mode_label = QLabel()
        self.mode_label.setObjectName("mode_label")
        self.mode_label.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.statusBar().addPermanentWidget(self.mode_label)
        self.statusBar().addPermanentWidget(self.workspace_label)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._watched_buttons: set[QtWidgets.QPushButton] = set()
        self._button_watch = _EnabledWatch(self._section_shown, self)
        self.sections.currentChanged.connect(self._section_shown)
        self._section_shown()
        self.retranslate()
        self.resize(1200, 760)

    @property
    def backups(self) -> BackupScheduler:
        """Automatic backups of the open file (the import pulls in SQLAlchemy: not before paint)."""
        if self._backups is None:
            from desktop.views.backups_dialog import BackupScheduler

            self._backups = BackupScheduler(self.settings, self)
            self._backups.message.connect(self._show_message)
        return self._backups

    # building -----------------------------------------------------------------------------

    def _before_building_a_section(self) -> None:
        """A section asked for before the first view (a click while it opened) has fields: the
        first view's work, the fields' polisher among it, comes first."""
        if self.first_view_pending:
            self.show_first_view()

    @property
    def reference_section(self) -> ReferenceSection:
        if self._reference_section is None:
            from desktop.views.reference.section import ReferenceSection

            self._before_building_a_section()
            section = ReferenceSection(self.undo_stack)
            section.message.connect(self._show_message)
            self.sections.addWidget(section)
            self._reference_section = section
            section.stack.currentChanged.connect(self._section_shown)  # (another kind's page)
            self.sections.setCurrentWidget(section)
            section.set_workspace(self.workspace)
            section.show_kind(self._shown_kind)
        return self._reference_section

    def feature_section(self, key: str) -> ListSection:
        """The list section of the feature `key`, built from its description on first use."""
        if key not in self._feature_sections:
            from desktop.views.features import feature_description
            from desktop.views.list_section import ListSection

            self._before_building_a_section()
            section = ListSection(feature_description(key))
            section.message.connect(self._show_message)
            section.print_requested.connect(self.print_document)
            self.sections.addWidget(section)
            section.set_workspace(self.workspace)
            self._feature_sections[key] = section
        return self._feature_sections[key]

    def _other_sections(self) -> list[ListSection]:
        """The feature sections built so far."""
        return list(self._feature_sections.values())

    def current_list(self) -> ListSection | None:
        """The feature section on screen; None while reference data or home is shown."""
        widget = self.sections.currentWidget()
        return next((section for section in self._feature_sections.values() if section is widget), None)

    def _section_shown(self, *_index: int) -> None:
        """New and Delete record act on the list on screen, as its own New and Delete buttons
        do: enabled when those are (none on the home screen)."""
        buttons = self._record_buttons()
        for button in buttons:
            if button not in self._watched_buttons:
                self._watched_buttons.add(button)
                button.installEventFilter(self._button_watch)
        new, delete = buttons or (None, None)
        self.new_record_action.setEnabled(new is not None and new.isEnabled())
        self.delete_record_action.setEnabled(delete is not None and delete.isEnabled())

    def _record_buttons(self) -> tuple[QtWidgets.QPushButton, QtWidgets.QPushButton] | tuple[()]:
        """The New and Delete buttons of the list on screen (none on the home screen)."""
        widget = self.sections.currentWidget()
        if widget is self._reference_section and self._reference_section is not None:
            page = self._reference_section.current_page
            return page.new_button, page.delete_button
        section = self.current_list()
        return (section.buttons["new"], section.buttons["delete"]) if section is not None else ()

    def _commit_pending(self) -> bool:
        return self._reference_section is None or self._reference_section.commit_pending()

    def _build_sidebar(self) -> None:
        self.home_item = QTreeWidgetItem(self.sidebar)
        self.home_item.setData(0, KIND_ROLE, HOME)
        self.reference_item = QTreeWidgetItem(self.sidebar)
        self.kind_items: dict[RecordKind, QTreeWidgetItem] = {}
        for kind in PLURALS:
            item = QTreeWidgetItem(self.reference_item)
            item.setData(0, KIND_ROLE, kind.value)
            self.kind_items[kind] = item
        self.feature_items: dict[str, QTreeWidgetItem] = {}
        for key in FEATURES:
            item = QTreeWidgetItem(self.sidebar)
            item.setData(0, KIND_ROLE, key)
            self.feature_items[key] = item
        self.sidebar.expandAll()
        self.sidebar.currentItemChanged.connect(self._sidebar_changed)
        self.sidebar.setCurrentItem(self.kind_items[RecordKind.AUTHORITY])

    def _after_first_paint(self) -> None:
        """Once the window is first painted: tells `first_painted` (the app opens the workspace
        then; the start-up bench notes the time), then waits for the home screen's list to
        paint again (showing that workspace) to show the window's first view."""
        self.first_view_pending = True
        self.opening_on_first_paint = True
        try:
            self.first_painted.emit()
        finally:
            self.opening_on_first_paint = False
        AfterPaint(
            self.show_first_view_in_two_turns,
            self.home_section.tree.viewport(),
            fallback_ms=FIRST_VIEW_FALLBACK_MS,
        )

    def show_first_view_in_two_turns(self) -> None:
        """show_first_view, the Qt namespace's enums built in a turn of the event loop of their
        own (25-40 ms): the window is not held for all of it at once (50-80 ms)."""
        self._take_the_reference_heading_out_of_selection()
        QTimer.singleShot(0, self, self.show_first_view)

    def _take_the_reference_heading_out_of_selection(self) -> None:
        self.reference_item.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled)

    def show_first_view(self) -> None:
        """What needs the Qt namespace's enums, which the first paint and the first view do
        without (see desktop.views.item_roles and FIRST_VIEW_FALLBACK_MS): the reference data
        heading is not a page to select, the workspace opened is backed up."""
        if not self.first_view_pending:  # (shown already: a section asked for it sooner)
            return
        self.first_view_pending = False
        self._take_the_reference_heading_out_of_selection()
        waiting, self._backup_waiting = self._backup_waiting, None
        if waiting is not None and waiting is self.workspace:
            self.backups.start(waiting)
        self.first_view_shown.emit()

    def _action(
        self,
        name: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:  # (setShortcut's overloads would build the Qt namespace's enums)
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("action_new", self.new_workspace, "Ctrl+Shift+N")
        self.open_action = self._action("action_open", self.choose_and_open, keys.Open)
        self.connect_server_action = self._action("action_connect_server", lambda: self.connect_to_server())
        self.save_as_action = self._action("action_save_as", self.save_copy_as, keys.SaveAs)
        self.backups_action = self._action("action_backups", self.show_backups)
        self.print_action = self._action("action_print", self.print_current, keys.Print)
        self.export_action = self._action("action_export_pdf", self.export_pdf)
        self.export_exchange_action = self._action("action_export_exchange", self.export_for_colleague)
        self.import_exchange_action = self._action("action_import_exchange", self.import_from_colleague)
        self.quit_action = self._action("action_quit", self.close, keys.Quit)
        self.undo_action = self._action("action_undo", self.undo_stack.undo, keys.Undo)
        self.redo_action = self._action("action_redo", self.undo_stack.redo, keys.Redo)
        for signal in (self.undo_stack.indexChanged, self.undo_stack.cleanChanged):
            signal.connect(self._update_undo_texts)
        self.new_record_action = self._action("action_new_record", self.new_record, keys.New)
        self.delete_record_action = self._action("action_delete_record", self.delete_record)
        self.find_action = self._action("action_find", self._focus_search, keys.Find)
        self.settings_action = self._action("action_settings", self.open_settings, "Ctrl+,")
        self.check_action = self._action("action_check", self.check_current_workspace)
        self.import_action = self._action("action_import_authorities", self.import_authorities)
        self.about_action = self._action("action_about", self.show_about)
        self.search_action = self._action("action_search", self.search_workspace, "Ctrl+K")
        self.calendar_action = self._action("action_calendar", self.show_calendar, "Ctrl+Shift+L")
        self.help_action = self._action("action_help", self.show_help, QKeySequence.StandardKey.HelpContents)
        self.kind_actions: dict[RecordKind, QAction] = {}
        for number, kind in enumerate(PLURALS, start=1):
            self.kind_actions[kind] = self._action(
                f"action_show_{kind.value}",
                lambda _c=False, k=kind: self.show_kind(k),
                f"Ctrl+{number}",
            )
        # Home and every feature from the View menu too (the sidebar's places, by keyboard):
        # Ctrl+0 for home, the next digits after the reference kinds' for the first features.
        self.home_action = self._action(
            "action_show_home", lambda: self.sidebar.setCurrentItem(self.home_item), "Ctrl+0"
        )
        self.feature_actions: dict[str, QAction] = {}
        for number, key in enumerate(FEATURES, start=len(PLURALS) + 1):
            self.feature_actions[key] = self._action(
                f"action_show_{key}",
                lambda _c=False, k=key: self.show_feature(k),
                f"Ctrl+{number}" if number <= 9 else None,
            )
        # The icons are set by retranslate() (mirrored for right to left), once.

    def _set_icons(self) -> None:
        for action, name in (
            (self.new_record_action, "add"),
            (self.delete_record_action, "delete"),
            (self.undo_action, "undo"),
            (self.redo_action, "redo"),
            (self.print_action, "pdf"),
            (self.open_action, "open"),
        ):
            action.setIcon(icon(name))

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.recent_menu = QMenu(self)
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addActions([self.new_action, self.open_action, self.connect_server_action])
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addAction(self.save_as_action)
        self.file_menu.addAction(self.backups_action)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.print_action, self.export_action])
        self.file_menu.addActions([self.export_exchange_action, self.import_exchange_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.new_record_action, self.delete_record_action, self.find_action])
        self.edit_menu.addAction(self.search_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.home_action)
        self.view_menu.addSeparator()
        self.view_menu.addActions(list(self.kind_actions.values()))
        self.view_menu.addSeparator()
        self.view_menu.addActions(list(self.feature_actions.values()))
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.calendar_action)
        self.view_menu.addSeparator()
        self.sidebar_toggle = self.view_menu.addAction("")
        self.sidebar_toggle.setCheckable(True)
        self.sidebar_toggle.setChecked(True)
        self.sidebar_toggle.toggled.connect(self.sidebar.setVisible)
        self.tools_menu = bar.addMenu("")
        self.tools_menu.addActions([self.import_action, self.check_action])
        self.tools_menu.addSeparator()
        self.tools_menu.addAction(self.settings_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.about_action)

    def _create_toolbar(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main_toolbar")
        # (by name: Qt.ToolButtonStyle would build the Qt namespace before the first paint)
        self.toolbar.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")
        self.toolbar.addActions([self.new_record_action, self.delete_record_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.undo_action, self.redo_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.open_action, self.print_action])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.search_action)
        self.addToolBar(self.toolbar)
        self.toolbar_toggle = self.toolbar.toggleViewAction()
        self.view_menu.addAction(self.toolbar_toggle)

    # language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.view_menu.setTitle(_("&View"))
        self.tools_menu.setTitle(_("&Tools"))
        self.help_menu.setTitle(_("&Help"))
        self.recent_menu.setTitle(_("Open &Recent"))
        self.new_action.setText(_("&New workspace…"))
        self.open_action.setText(_("&Open workspace…"))
        self.connect_server_action.setText(_("Connect to a &team server…"))
        self.save_as_action.setText(_("Save &As (copy)…"))
        self.backups_action.setText(_("&Backups…"))
        self.print_action.setText(_("&Print to PDF…"))
        self.export_action.setText(_("&Export workspace summary (PDF)…"))
        self.export_exchange_action.setText(_("Export for a &colleague…"))
        self.import_exchange_action.setText(_("Import from a co&lleague…"))
        self.quit_action.setText(_("&Quit"))
        self._update_undo_texts()
        self.new_record_action.setText(_("New &record"))
        self.delete_record_action.setText(_("&Delete record…"))
        self.find_action.setText(_("&Find"))
        self.settings_action.setText(_("&Settings…"))
        self.check_action.setText(_("&Check workspace"))
        self.import_action.setText(_("&Import local authorities…"))
        self.about_action.setText(_("&About Shutafut"))
        self.help_action.setText(_("Help for this &page"))
        self.search_action.setText(_("Search the &workspace…"))
        self.calendar_action.setText(_("Meetings &calendar…"))
        self.sidebar_toggle.setText(_("Navigation &sidebar"))
        self.toolbar.setWindowTitle(_("Toolbar"))
        self.reference_item.setText(0, _("Reference data"))
        self.home_item.setText(0, _("Home"))
        self.home_action.setText(_("Home"))
        self.home_section.retranslate()
        for key, item in self.feature_items.items():
            item.setText(0, feature_title(key))
            self.feature_actions[key].setText(feature_title(key))
        for section in self._other_sections():
            section.retranslate()
        for kind, item in self.kind_items.items():
            item.setText(0, _(PLURALS[kind]))
            self.kind_actions[kind].setText(_(PLURALS[kind]))
        self._set_icons()
        if self._reference_section is not None:
            self._reference_section.retranslate()
        self._update_title()

    def _update_undo_texts(self, *_args: object) -> None:
        stack = self.undo_stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self.undo_action.setText(
            _("&Undo {action}").format(action=stack.undoText()) if stack.canUndo() else _("&Undo")
        )
        self.redo_action.setText(
            _("&Redo {action}").format(action=stack.redoText()) if stack.canRedo() else _("&Redo")
        )

    def change_language(self, language: str) -> None:
        """Switch the interface language in place; input not yet committed stays as typed."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_language(app, language)
        self.settings.setValue("language", language)
        self.retranslate()

    # workspace ----------------------------------------------------------------------------

    def _update_title(self) -> None:
        if self.workspace is None:
            self.setWindowTitle(_("Shutafut"))
            self.workspace_label.clear()
            self.mode_label.clear()
            return
        markers = []
        modes = []
        if self.workspace.is_demo:
            markers.append(_("demo"))
            modes.append(_("Demo workspace: the people in it are fictional"))
        from desktop.storage.backups import is_backup_file

        if self.workspace.path is not None and is_backup_file(self.workspace.path):
            markers.append(_("backup"))
        if self.workspace.read_only:
            markers.append(_("read-only"))
            modes.append(self.workspace.read_only_reason or _("Opened read-only"))
        if self.workspace.is_server:
            modes.append(_("Team server"))
        self.save_as_action.setEnabled(not self.workspace.is_server)  # pg_dump copies those
        suffix = f" ({', '.join(markers)})" if markers else ""
        self.setWindowTitle(
            _("{workspace}{markers} — Shutafut").format(workspace=self.workspace.name, markers=suffix)
        )
        self.workspace_label.setText(isolate(self.workspace.location))
        self.mode_label.setText(" · ".join(modes))

    def _acquire_lock(self, path: Path) -> QtCore.QLockFile | None:
        """The workspace's lock, or None when another copy of the app holds it."""
        from desktop.storage.workspace import lock_path

        lock = QtCore.QLockFile(str(lock_path(path)))
        lock.setStaleLockTime(0)  # only a dead owner makes the lock stale, never its age
        if lock.tryLock(0):
            return lock
        # Held by another copy, or could not be made at all (say which: issue 14).
        self._lock_failed = lock.error() != QtCore.QLockFile.LockError.LockFailedError
        return None

    def open_workspace_file(self, path: Path, *, read_only: bool = False, remember: bool = True) -> bool:
        """Open `path` in this window; on refusal explain why and keep the current workspace.

        A damaged workspace is left untouched and its latest good backup is offered.
        """
        from desktop.storage.backups import is_backup_file
        from desktop.storage.workspace import DamagedWorkspace, WorkspaceError, open_workspace

        path = path.resolve()
        if not self._commit_pending():
            return False
        lock = None
        in_use = False
        lock_problem = ""
        if not read_only:
            self._lock_failed = False
            lock = self._acquire_lock(path)
            if lock is None and self._lock_failed:
                from desktop.storage.workspace import lock_path

                lock_problem = _(
                    "The lock file {lock} could not be created (the folder cannot be written to, the "
                    "disk is full or the name is too long), so the workspace is opened read-only."
                ).format(lock=lock_path(path).name)
                read_only = True
            elif lock is None:
                buttons = QtWidgets.QMessageBox.StandardButton
                answer = QtWidgets.QMessageBox.question(
                    self,
                    _("Workspace in use"),
                    _("The workspace {name} is open in another copy of Shutafut. Open it read-only?").format(
                        name=path.name
                    ),
                    buttons.Open | buttons.Cancel,
                    buttons.Open,
                )
                if answer != buttons.Open:
                    return False
                read_only = in_use = True
        try:
            workspace = open_workspace(path, read_only=read_only)
        except WorkspaceError as error:
            if lock is not None:
                lock.unlock()
            if isinstance(error, DamagedWorkspace) and not is_backup_file(path):
                from desktop.views.backups_dialog import offer_backup_in_window

                return offer_backup_in_window(self, path, str(error))
            QtWidgets.QMessageBox.critical(self, _("Cannot open workspace"), str(error))
            return False
        if in_use:
            workspace.read_only_reason = _("Opened read-only: it is in use by another copy.")
        elif lock_problem:
            workspace.read_only_reason = workspace.read_only_reason or lock_problem
        self.use_workspace(workspace, lock, path, remember=remember)
        return True

    def connect_to_server(self, address: str | None = None) -> bool:
        """File > Connect to a team server… (address: a recent entry, without password)."""
        from desktop.views.server_dialog import connect_to_server

        return self._commit_pending() and connect_to_server(self, address)

    def use_workspace(
        self,
        workspace: Workspace,
        lock: QtCore.QLockFile | None,
        recent: Path | str,
        *,
        remember: bool = True,
    ) -> None:
        """Work in `workspace` from now on, closing the one open before."""
        self._close_workspace()
        self.workspace = workspace
        self._lock = lock
        self.undo_stack.clear()
        for other in self._other_sections():
            other.set_workspace(workspace)
        if self._reference_section is not None:
            self._reference_section.set_workspace(workspace)
        # else: the reference lists are built and read when first shown (the home screen is)
        if remember:
            self._remember_recent(recent)
        if not workspace.read_only and workspace.path is not None:  # (a server's: pg_dump's job)
            if self.opening_on_first_paint:
                self._backup_waiting = workspace
            else:
                self.backups.start(workspace)
        self._update_title()
        self.home_section.set_workspace(workspace)
        self.show_home()

    def show_backups(self) -> None:
        from desktop.views.backups_dialog import BackupsDialog
        from desktop.views.dialogs import run_and_delete

        if self.workspace is None or not self._commit_pending():
            return
        if self.workspace.path is None:
            QtWidgets.QMessageBox.information(
                self,
                _("Backups"),
                _("A workspace on a team server is backed up on the server, with pg_dump (see the README)."),
            )
            return
        run_and_delete(BackupsDialog(self))

    def restore_workspace_from(self, backup: Path, path: Path | None = None) -> bool:
        """Replace the open workspace (or the closed one at `path`) with `backup`, then open it."""
        from desktop.views.backups_dialog import restore_in_window

        return restore_in_window(self, backup, path)

    def _close_workspace(self) -> None:
        self._backup_waiting = None
        if self._backups is not None:
            self._backups.stop()
        self.undo_stack.clear()
        if self._reference_section is not None:
            self._reference_section.set_workspace(None)
        self.home_section.set_workspace(None)
        for section in self._other_sections():
            section.set_workspace(None)
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _remember_recent(self, path: Path | str) -> None:
        recent = [str(path)] + [p for p in self.recent_paths() if p != str(path)]
        self.settings.setValue("recent_workspaces", recent[:MAX_RECENT])
        if isinstance(path, Path):  # a server needs its password: never reopened unasked
            self.settings.setValue("last_workspace", str(path))

    def recent_paths(self) -> list[str]:
        value = self.settings.value("recent_workspaces", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent_paths()
        if not paths:
            empty = self.recent_menu.addAction(_("No recent workspaces"))
            empty.setEnabled(False)
            return
        for number, text in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{number} {isolate(text)}")
            action.setData(text)
            if "://" in text:  # a team server, without its password
                action.triggered.connect(lambda _c=False, a=text: self.connect_to_server(a))
                continue
            action.setEnabled(Path(text).exists())
            action.triggered.connect(lambda _c=False, p=text: self.open_workspace_file(Path(p)))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(_("Clear the list"), self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.setValue("recent_workspaces", [])

    def _dialog_folder(self) -> str:
        if self.workspace is not None and self.workspace.path is not None:
            return str(self.workspace.path.parent)
        paths = QtCore.QStandardPaths
        return paths.writableLocation(paths.StandardLocation.DocumentsLocation)

    def _workspace_filter(self) -> str:
        return _("Shutafut workspaces ({pattern})").format(pattern=WORKSPACE_FILTER_EXTENSION)

    def _ask_new_path(self, title: str) -> Path | None:
        chosen, _filter = QtWidgets.QFileDialog.getSaveFileName(
            self,
            title,
            self._dialog_folder(),
            self._workspace_filter(),
            options=QtWidgets.QFileDialog.Option.DontConfirmOverwrite,
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix != ".shutafut":
            path = path.with_name(path.name + ".shutafut")
        if path.exists():
            QtWidgets.QMessageBox.warning(
                self,
                title,
                _(
                    "A file named {name} already exists. Choose another name; "
                    "Shutafut never overwrites a file."
                ).format(name=path.name),
            )
            return None
        return path

    def new_workspace(self) -> None:
        from desktop.storage.workspace import create_workspace

        path = self._ask_new_path(_("New workspace"))
        if path is None:
            return
        try:
            create_workspace(path).close()
        except OSError as error:
            QtWidgets.QMessageBox.critical(
                self,
                _("New workspace"),
                _("Cannot create the file: {error}").format(error=os_error_text(error)),
            )
            return
        self.open_workspace_file(path)

    def choose_and_open(self) -> None:
        chosen, _filter = QtWidgets.QFileDialog.getOpenFileName(
            self, _("Open workspace"), self._dialog_folder(), self._workspace_filter()
        )
        if chosen:
            self.open_workspace_file(Path(chosen))

    def save_copy_as(self) -> None:
        if self.workspace is None or self.workspace.is_server or not self._commit_pending():
            return
        path = self._ask_new_path(_("Save a copy of the workspace"))
        if path is None:
            return
        self.save_copy_to(path)

    def save_copy_to(self, path: Path) -> bool:
        """Copy the open workspace to `path` and continue working in the copy."""
        from desktop.storage.backup import backup_copy

        assert self.workspace is not None
        try:
            backup_copy(self.workspace, path)
        except OSError as error:
            QtWidgets.QMessageBox.critical(
                self,
                _("Save As (copy)"),
                _("Cannot write the copy: {error}").format(error=os_error_text(error)),
            )
            return False
        if self.open_workspace_file(path):
            self._show_message(_("Now working in the copy {name}.").format(name=path.name))
            return True
        return False

    def check_current_workspace(self) -> None:
        from desktop.storage.workspace import check_workspace

        if self.workspace is None:
            return
        if self.workspace.path is None:
            from desktop.storage.server import check_server_workspace

            problems = check_server_workspace(self.workspace.engine.url)
        else:
            problems = check_workspace(self.workspace.path)
        if problems:
            QtWidgets.QMessageBox.warning(self, _("Check workspace"), "\n".join(problems))
        else:
            QtWidgets.QMessageBox.information(
                self, _("Check workspace"), _("The workspace passed every check.")
            )

    def import_authorities(self) -> None:
        from desktop.views.dialogs import run_and_delete
        from desktop.views.import_dialog import ImportAuthoritiesDialog

        if self.workspace is None or not self._commit_pending():
            return
        dialog = ImportAuthoritiesDialog(self.workspace, self.settings, self)
        run_and_delete(dialog)
        if dialog.applied:
            if self._reference_section is not None:  # (built later, it reads them then)
                self._reference_section.refresh(RecordKind.AUTHORITY, None)
            self.home_section.set_workspace(self.workspace)  # (its offer of the national data)
            self._show_message(
                _("{count} local authorities were imported or updated.").format(count=dialog.applied)
            )

    # Exchange between laptops ------------------------------------------------------------------

    def export_for_colleague(self) -> None:
        from desktop.views.exchange_dialogs import export_for_colleague

        if self.workspace is not None and self._commit_pending():
            message = export_for_colleague(self, self.workspace, self._dialog_folder())
            if message:
                self._show_message(message)

    def import_from_colleague(self) -> None:
        from desktop.views.exchange_dialogs import import_from_colleague

        if self.workspace is None or not self._commit_pending():
            return
        message = import_from_colleague(self, self.workspace, self._dialog_folder())
        if message is None:
            return
        self.undo_stack.clear()  # an undo must not write an older value over what came in
        if self._reference_section is not None:
            self._reference_section.refresh(RecordKind.AUTHORITY, None)
        for section in self._other_sections():
            section.set_workspace(self.workspace)
        self.home_section.set_workspace(self.workspace)  # (on screen under the dialog, perhaps)
        self._show_message(message)

    # printing -------------------------------------------------------------------------------

    @property
    def printer(self) -> Printer:
        if self._printer is None:
            from desktop.views.printing import Printer

            self._printer = Printer(self, self.settings, lambda: self.workspace, self._show_message)
        return self._printer

    def print_document(self, key: str, record_id: int | None, options: dict[str, Any] | None = None) -> bool:
        """Print a document of the registry (asks what is still open, and where to save)."""
        if self.workspace is None or not self._commit_pending():
            return False
        return self.printer.print_document(key, record_id, options)

    def export_pdf(self) -> None:
        """File > Export workspace summary (PDF)."""
        self.print_document("summary", None)

    def print_journey(self, kind: str, name: str) -> bool:
        """The journey report of a town or a regional cluster (from the home screen)."""
        return self.print_document("journey", None, {kind: name})

    def print_current(self) -> None:
        """Ctrl+P: the document of the record on screen (the summary beside reference data, the
        path of the town or cluster chosen on the home screen)."""
        if self.sections.currentWidget() is self.home_section and self.home_section.selected_journey():
            self.home_section.print_selected()
            return
        section = self.current_list()
        if section is None:
            self.export_pdf()
        else:
            section.print_selected()

    def export_pdf_to(
        self,
        path: Path,
        language: str,
        *,
        open_after: bool,
        key: str = "summary",
        record_id: int | None = None,
        **options: Any,
    ) -> bool:
        """Write a document of the registry to `path` without asking (tests, scripts)."""
        assert self.workspace is not None
        return self.printer.write(key, record_id, options, path, language, open_after=open_after)

    # other ----------------------------------------------------------------------------------

    def _sidebar_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        value = current.data(0, KIND_ROLE)
        if value == HOME:
            if self._commit_pending():
                self.sections.setCurrentWidget(self.home_section)
        elif value in FEATURES:
            if not self._commit_pending():
                return
            self.sections.setCurrentWidget(self.feature_section(str(value)))
        elif value:
            self._shown_kind = RecordKind(value)
            if self._reference_section is None and self.workspace is None:
                return  # nothing to list yet (the window is being built): built when first used
            section = self.reference_section  # built, for the open workspace, on first use
            self.sections.setCurrentWidget(section)
            section.show_kind(self._shown_kind)

    def help_page(self) -> str:
        """The help page of what is on screen: home, reference data or a feature's key."""
        if self.sections.currentWidget() is self.home_section:
            return "home"
        section = self.current_list()
        return section.description.key if section is not None else "reference"

    def search_workspace(self) -> None:
        """Ctrl+K: search every record of the workspace; the chosen result opens."""
        from desktop.views.dialogs import run_and_delete
        from desktop.views.search import SearchDialog

        if self.workspace is None:
            return
        dialog = SearchDialog(self.workspace, self)
        dialog.open_requested.connect(self.open_target)
        self.search_dialog = dialog  # tests reach the open dialog here
        run_and_delete(dialog)

    def show_calendar(self) -> None:
        """Every meeting the workspace knows, by month; double-click opens its record."""
        from desktop.views.calendar import CalendarDialog
        from desktop.views.dialogs import run_and_delete

        if self.workspace is None:
            return
        dialog = CalendarDialog(self.workspace, self)

        def open_target(target: Target) -> None:
            dialog.accept()
            self.open_target(target)

        dialog.open_requested.connect(open_target)
        self.calendar_dialog = dialog  # tests reach the open dialog here
        run_and_delete(dialog)

    def show_help(self) -> None:
        """F1: help for the page on screen, and the glossary."""
        from desktop.views.dialogs import run_and_delete
        from desktop.views.help import HelpDialog

        run_and_delete(HelpDialog(self.help_page(), self))

    def _reference_changed(self) -> None:
        if self._reference_section is not None:
            self._reference_section.set_workspace(self.workspace)

    def show_home(self) -> None:
        """The home screen: where each town, cluster and community stands."""
        self.sidebar.setCurrentItem(self.home_item)
        self.sections.setCurrentWidget(self.home_section)

    def open_target(self, target: Target) -> None:
        """Open the record a home-screen (or search) line names."""
        if target.feature in FEATURES and target.record_id is not None:
            self.show_feature(target.feature)
            section = self.feature_section(target.feature)
            section.reload(target.record_id)
            if section.workspace is not None:
                section.description.open_record(section, target.record_id)
            return
        kind = {kind.value: kind for kind in RecordKind}.get(target.feature)
        if kind is not None and target.uuid:
            self.show_kind(kind)
            self.sections.setCurrentWidget(self.reference_section)
            self.reference_section.show_kind(kind)
            self.reference_section.page_for(kind).select(target.uuid)

    def show_feature(self, key: str) -> None:
        self.sidebar.setCurrentItem(self.feature_items[key])

    def show_kind(self, kind: RecordKind) -> None:
        self.sidebar.setCurrentItem(self.kind_items[kind])

    def _focus_search(self) -> None:
        """Ctrl+F: the search box of the list on screen; on the home screen, the search of the
        whole workspace (Ctrl+K)."""
        if self.sections.currentWidget() is self.home_section:
            self.search_workspace()
            return
        section = self.current_list()
        if section is None:
            search = self.reference_section.current_page.search
            search.setFocus()
            search.selectAll()
        else:
            section.focus_search()

    def new_record(self) -> None:
        """Edit > New record: a new record of the list on screen."""
        section = self.current_list()
        if section is None:
            self.reference_section.current_page.new_record()
        else:
            section.new_record()

    def delete_record(self) -> None:
        """Edit > Delete record: the selected record of the list on screen (asks first)."""
        section = self.current_list()
        if section is None:
            self.reference_section.current_page.delete_current()
        else:
            section.delete_selected()

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def open_settings(self) -> None:
        from desktop.views.dialogs import SettingsDialog, run_and_delete

        dialog = SettingsDialog(i18n.current_language(), self, self.workspace)
        if run_and_delete(dialog) and dialog.chosen_language() != i18n.current_language():
            self.change_language(dialog.chosen_language())

    def show_about(self) -> None:
        from desktop.versions import version_lines

        versions = "\n".join(f"{name} {version}" for name, version in version_lines())
        QtWidgets.QMessageBox.about(
            self,
            _("About Shutafut"),
            _(
                "{app} {version}\n\nAn offline workbench for partnerships with local authorities "
                "and regional clusters.\n\nFonts: Rubik and IBM Plex Sans Arabic, under the SIL "
                "Open Font License."
            ).format(app=_("Shutafut"), version=__version__)
            + "\n\n"
            + _("Versions (for support):")
            + "\n"
            + versions,
        )

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if not self._commit_pending():
            buttons = QtWidgets.QMessageBox.StandardButton
            answer = QtWidgets.QMessageBox.question(
                self,
                _("Unsaved changes"),
                _("Some fields have errors and were not saved. Quit anyway?"),
                buttons.Discard | buttons.Cancel,
                buttons.Cancel,
            )
            if answer != buttons.Discard:
                event.ignore()
                return
        self.settings.setValue("geometry", self.saveGeometry())
        self._close_workspace()
        event.accept()


class _EnabledWatch(QtCore.QObject):
    """Calls `changed` when a watched widget is enabled or disabled."""

    def __init__(self, changed: Any, parent: QtCore.QObject) -> None:
        super().__init__(parent)
        self._changed = changed

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QtCore.QEvent.Type.EnabledChange:
            self._changed()
        return False
