"""The app's own icons; directional ones are mirrored in right-to-left languages."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap, QTransform

from desktop import i18n
from desktop.paths import ICONS_DIR

DIRECTIONAL = frozenset({"undo", "redo"})
_SIZES = (16, 24, 32, 48)


def icon(name: str) -> QIcon:
    """The icon `name` (resources/icons/<name>.svg), mirrored for RTL when it points a way."""
    source = QIcon(str(ICONS_DIR / f"{name}.svg"))
    if name not in DIRECTIONAL or not i18n.is_rtl():
        return source
    mirrored = QIcon()
    for size in _SIZES:
        pixmap: QPixmap = source.pixmap(QSize(size, size))
        mirrored.addPixmap(pixmap.transformed(QTransform().scale(-1, 1)))
    return mirrored
