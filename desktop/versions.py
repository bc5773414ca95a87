"""The versions support asks for, and the Python/Qt binding pairs known to lose references.

PySide6-Essentials 6.12.0 on Python 3.11 takes one reference from `None` at every `setData`,
`setFlags` or `setCheckState` of a QTableWidgetItem/QListWidgetItem (measured: -1.00 per
call). None's count starts near 5,000 in this app, so after a few thousand table edits the
interpreter aborts with "Fatal Python error: none_dealloc". Python 3.12 made None immortal
(PEP 683), so the same binding cannot crash that way there. `pyproject.toml` keeps such a pair
from being installed; this module tells a person who runs one anyway.

Nothing here imports SQLAlchemy or reportlab: versions are read from the installed
distributions' metadata, so `shutafut --version` and the check at start stay fast.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from desktop import __version__


@dataclass(frozen=True)
class ReferenceDefect:
    """A binding release that drops references on some Pythons."""

    distribution: str
    first_bad: tuple[int, ...]
    first_good: tuple[int, ...] | None  # None: no fixed release known yet
    python_below: tuple[int, int]  # the Pythons affected are those below this one
    symptom: str


KNOWN_REFERENCE_DEFECTS: tuple[ReferenceDefect, ...] = (
    ReferenceDefect(
        distribution="PySide6-Essentials",
        first_bad=(6, 12),
        first_good=None,
        python_below=(3, 12),
        symptom="takes a reference from None at every item setData/setFlags/setCheckState",
    ),
)

# (label, distribution) pairs shown by `shutafut --version` and Help > About.
REPORTED_DISTRIBUTIONS: tuple[tuple[str, str], ...] = (
    ("PySide6", "PySide6-Essentials"),
    ("SQLAlchemy", "SQLAlchemy"),
    ("reportlab", "reportlab"),
)


def parse_version(text: str) -> tuple[int, ...]:
    """The leading numeric parts of a version ("6.12.0" -> (6, 12, 0); "6.8.0.2" keeps four)."""
    parts: list[int] = []
    for piece in text.split("."):
        digits = ""
        for character in piece:
            if not character.isdigit():
                break
            digits += character
        if not digits:
            break
        parts.append(int(digits))
        if digits != piece:
            break
    return tuple(parts)


def installed_version(distribution: str) -> str | None:
    from importlib import metadata  # about 0.1 s: only when a version is asked for

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def affecting_defect(python: tuple[int, ...], distribution: str, version: str) -> ReferenceDefect | None:
    """The known defect that this Python and binding version suffer from, if any."""
    numbers = parse_version(version)
    for defect in KNOWN_REFERENCE_DEFECTS:
        if defect.distribution.casefold() != distribution.casefold():
            continue
        if tuple(python[:2]) >= defect.python_below:
            continue
        if numbers[: len(defect.first_bad)] < defect.first_bad:
            continue
        if defect.first_good is not None and numbers[: len(defect.first_good)] >= defect.first_good:
            continue
        return defect
    return None


# The module whose __version__ is its distribution's version, once imported: the window asks
# at start, and reading the installed metadata (importlib.metadata) takes about 0.1 s.
RUNNING_MODULES = {"PySide6-Essentials": "PySide6"}


def running_version(distribution: str) -> str | None:
    """The version of `distribution` as loaded in this process, else as installed."""
    module = sys.modules.get(RUNNING_MODULES.get(distribution, ""))
    version = getattr(module, "__version__", None)
    return str(version) if version else installed_version(distribution)


def running_defect() -> tuple[ReferenceDefect, str] | None:
    """The defect of the running Python and the installed binding, with the binding's version."""
    for defect in KNOWN_REFERENCE_DEFECTS:
        if tuple(sys.version_info[:2]) >= defect.python_below:
            continue  # this Python is not affected, whatever the binding
        version = running_version(defect.distribution)
        if version is not None and affecting_defect(sys.version_info[:3], defect.distribution, version):
            return defect, version
    return None


def python_version() -> str:
    return ".".join(str(part) for part in sys.version_info[:3])


def qt_runtime_version() -> str | None:
    """The Qt library actually loaded (may differ from the binding's own version)."""
    try:
        from PySide6.QtCore import qVersion
    except ImportError:
        return None
    return str(qVersion())


def version_lines() -> list[tuple[str, str]]:
    """(component, version) for Shutafut, Python, PySide6, Qt, SQLAlchemy and reportlab."""
    lines = [("Shutafut", __version__), ("Python", python_version())]
    for label, distribution in REPORTED_DISTRIBUTIONS:
        lines.append((label, installed_version(distribution) or "-"))
        if label == "PySide6":
            lines.append(("Qt", qt_runtime_version() or "-"))
    return lines


def version_report() -> str:
    """One component a line, as `shutafut --version` prints it and support asks for it."""
    return "\n".join(f"{name} {version}" for name, version in version_lines())
