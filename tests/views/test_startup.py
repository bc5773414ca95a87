"""The window paints before the heavy parts load (issue 16: first paint at most 1.5x a bare window),
and shows a workspace before them too (lists populated at most 2x a bare window).

One child process starts the app as a person does and stops it where the workspace would
open, just after the first paint: by then neither the enums of PySide's Qt namespace (built
all at once by its first use), SQLAlchemy, the storage layer (but the
module that checks the file with sqlite3 while the window paints) nor the journey rules (which
import every feature's models) may have been imported. The field polisher, held back until the
workspace is on screen (the home screen has no fields), must be in place once the window's first
view (the home screen's list showing the workspace) has painted. Then it opens a workspace whose
home screen is read in the background, as a foundation's is: once open, with its name in the
title and the home screen saying it is being read, SQLAlchemy and the journey rules are still
not imported (they load in the reading's thread).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import enum, gc, json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from desktop.views import app, home, qt_i18n

seen = {}
LIGHT = (  # what checks a workspace file with sqlite3 while the window paints
    "desktop.storage",
    "desktop.storage.private_files",
    "desktop.storage.revisions",
    "desktop.storage.workspace",
)

def heavy(*prefixes):
    return sorted(
        name for name in sys.modules
        if name.split(".")[0] in ("sqlalchemy", "alembic", "reportlab", "babel")
        or (name.startswith(prefixes) and name not in LIGHT)
    )

def qt_namespace_enums():  # (built all at once by the first use of PySide's Qt namespace)
    return [
        kind.__qualname__ for kind in gc.get_objects()
        if isinstance(kind, enum.EnumType) and kind.__qualname__.startswith("Qt.")
    ]

def at_open(window, path, demo, read_only):
    seen["Qt enums at the first paint"] = qt_namespace_enums()
    seen["forms' specifications"] = "desktop.models.records" in sys.modules
    seen["heavy"] = heavy("desktop.storage", "desktop.reports", "desktop.models.journey")
    seen["painted"] = window.isVisible()
    home.READ_IN_BACKGROUND_FROM = 0  # read in the background, as a foundation's workspace is
    seen["opened"] = window.open_workspace_file(path) and path.stem in window.windowTitle()
    seen["reading"] = window.home_section.reading
    seen["heavy when open"] = heavy(
        "desktop.storage.tables", "desktop.reports", "desktop.models.journey", "desktop.models.records"
    )

    seen["Qt enums when open"] = qt_namespace_enums()  # (they wait for the first view)
    seen["first view waits"] = window.first_view_pending
    watch = ListPainted(window.home_section.tree.viewport())

    def first_view():  # the home screen's list painted with the workspace
        seen["list painted first"] = watch.painted
        seen["polisher"] = qt_i18n._polisher is not None
        import desktop.documents  # (what the window reads to name and ask for a document)
        seen["reportlab with the documents"] = sorted(
            name for name in sys.modules
            if name.split(".")[0] == "reportlab"
            or (name.startswith("desktop.reports.") and name != "desktop.reports.registry")
        )
        QApplication.quit()

    window.first_view_shown.connect(first_view)

class ListPainted(QObject):
    def __init__(self, watched):
        super().__init__(watched)
        self.painted = False
        watched.installEventFilter(self)

    def eventFilter(self, watched, event):
        self.painted = self.painted or event.type() == QEvent.Type.Paint
        return False

app.open_first_workspace = at_open
app.main([sys.argv[1]])
print(json.dumps(seen))
"""


def test_the_window_paints_and_shows_the_workspace_before_storage_and_the_journeys_load(
    tmp_path: Path,
) -> None:
    from desktop.storage.workspace import create_workspace

    path = tmp_path / "opened.shutafut"
    create_workspace(path).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("SHUTAFUT_BENCH_EXIT", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "Qt enums at the first paint": [],  # (about 23 ms: see desktop.views.item_roles)
        "forms' specifications": False,  # (desktop.models.record_kinds names the kinds)
        "heavy": [],
        "painted": True,
        "Qt enums when open": [],
        "first view waits": True,
        "list painted first": True,
        "polisher": True,
        "opened": True,
        "reading": True,
        "heavy when open": [],
        "reportlab with the documents": [],  # imported where a PDF is built, in a worker thread
    }
