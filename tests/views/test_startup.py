"""The window paints before the heavy parts load (issue 16: first paint at most 1.5x a bare window).

One child process starts the app as a person does and stops it where the workspace would
open, just after the first paint: by then neither SQLAlchemy, the storage layer nor the
journey rules (which import every feature's models) may have been imported, and the field
polisher, held back until the paint, must be in place before any section with fields.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
from desktop.views import app, qt_i18n

seen = {}

def at_open(window, path, demo, read_only):
    seen["heavy"] = sorted(
        name for name in sys.modules
        if name.split(".")[0] in ("sqlalchemy", "alembic", "reportlab", "babel")
        or name.startswith(("desktop.storage", "desktop.reports", "desktop.models.journey"))
    )
    seen["painted"] = window.isVisible()
    seen["polisher"] = qt_i18n._polisher is not None
    QApplication.quit()

app.open_first_workspace = at_open
app.main([sys.argv[1]])
print(json.dumps(seen))
"""


def test_the_window_paints_before_storage_and_the_journeys_load(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("SHUTAFUT_BENCH_EXIT", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "new.shutafut")],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"heavy": [], "painted": True, "polisher": True}
