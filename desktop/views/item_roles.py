"""The item data role of the widgets on screen at the window's first paint (the sidebar, the
home screen), as a plain number. Importing `Qt` from PySide6.QtCore, or reading any of its
values, makes PySide build all of that namespace's enums at once (some 90, about 23 ms), which
the first paint would wait for; they are built once the workspace opens."""

USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole: where an application's own roles start
