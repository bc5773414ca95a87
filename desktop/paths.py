"""Where the shipped resources and translation catalogs live."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES_DIR = PROJECT_ROOT / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"
ICONS_DIR = RESOURCES_DIR / "icons"
DATA_DIR = RESOURCES_DIR / "data"
TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
