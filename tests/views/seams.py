"""Helpers for the seam tests of the document editors: a 1366x768 laptop screen, the wizard
buttons a person presses, and running a step in its own process so a Qt abort fails it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QWidget, QWizard

LAPTOP = (1366, 768)
ROOT = Path(__file__).resolve().parents[2]


def fit_laptop_screen(window: QWidget) -> None:
    """Resize `window` to a 1366x768 screen and check that it fits there."""
    width, height = LAPTOP
    window.resize(min(window.width(), width), min(window.height(), height))
    minimum = window.minimumSize().expandedTo(window.minimumSizeHint())
    assert minimum.width() <= width and minimum.height() <= height, minimum
    assert window.width() <= width and window.height() <= height, window.size()


def press(wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{which.name} cannot be pressed"
    button.click()


def run_apart(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `script` in a fresh Python process (offscreen, in Hebrew): a Qt abort (exit 134)
    or a hang then fails the calling test instead of killing the whole run."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
