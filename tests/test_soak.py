"""A long session of the real screens survives, and the Qt binding loses no reference on the way.

PySide6 6.12.0 on Python 3.11 took one reference from None at every item setData, so a design
forum with a hundred ideas typed aborted the interpreter: the session here (250 ideas, the score
grid filled twice, a community's tables edited eight times, the lists reloaded twenty times)
makes several thousand such calls, well past that point. tests/soak_session.py drives the
screens in a process of its own (an abort there must not take the test run with it); this test
reads how it ended. CI runs it: it is marked `soak`, not skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.versions import affecting_defect, parse_version

ROOT = Path(__file__).resolve().parent.parent
# None's count may move a little as objects that hold it come and go; a binding that loses
# a reference per item edit loses hundreds of thousands here.
ALLOWED_FALL = 1000
# Two and a half times the hundred ideas that aborted (500 took 7 s longer, in a suite kept
# under three minutes).
IDEAS = 250


@pytest.mark.soak
def test_a_long_session_runs_to_its_end_without_losing_references(tmp_path: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "soak_session.py"), str(tmp_path), "--ideas", str(IDEAS)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    tail = "\n".join(done.stderr.splitlines()[-25:])
    assert done.returncode == 0, f"the session ended with exit code {done.returncode}:\n{tail}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ideas"] == IDEAS and report["score_cells"] > 0 and report["community_edits"] > 0
    if sys.version_info < (3, 12):  # None is immortal from 3.12 on: its count means nothing there
        fall = report["none_before"] - report["none_after"]
        assert fall < ALLOWED_FALL, f"None lost {fall} references over the session: {report}"


@pytest.mark.parametrize(
    ("python", "version", "affected"),
    [
        ((3, 11, 7), "6.12.0", True),
        ((3, 11, 7), "6.12.1", True),  # no fixed 6.12.x is known: stay careful
        ((3, 11, 7), "6.11.3", False),
        ((3, 12, 1), "6.12.0", False),  # None is immortal there
        ((3, 13, 0), "6.13.0", False),
    ],
)
def test_the_known_defect_is_recognised(python: tuple[int, ...], version: str, affected: bool) -> None:
    assert (affecting_defect(python, "PySide6-Essentials", version) is not None) is affected


def test_versions_are_read_whole() -> None:
    assert parse_version("6.12.0") == (6, 12, 0)
    assert parse_version("6.8.0.2") == (6, 8, 0, 2)
    assert parse_version("6.12.0rc1") == (6, 12, 0)


def test_the_installed_pair_is_not_affected() -> None:
    """What pyproject.toml's bounds promise: an install by the README cannot get the defect."""
    from desktop.versions import running_defect

    assert running_defect() is None


def test_version_flag_names_every_component() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from desktop.views.app import main; main(['--version'])"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    names = [line.split(" ")[0] for line in done.stdout.splitlines()]
    assert names == ["Shutafut", "Python", "PySide6", "Qt", "SQLAlchemy", "reportlab"], done.stdout
