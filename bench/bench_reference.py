"""Reference data on the large workspace: the lists, an edit, search and sort, opening and memory.

    .venv/bin/python bench/bench_reference.py [--cache FOLDER] [--runs N]

The workspace comes from make_large_workspace.py (cached in FOLDER, built on first use).
Each figure is printed with its floor measured in the same run and the ratio:
- people list reload (20,000 rows) vs a plain sqlite3 read of the same rows (< 150 ms)
- edit one field, commit and refresh every open list vs a plain sqlite3 update (< 50 ms)
- people search, per keystroke vs scanning the casefolded rows in Python (< 30 ms)
- sort people by organisation vs sorted() of the names (< 100 ms)
- the app opened on the large workspace until its lists are populated (the window painted
  again with the home screen's first view of the workspace; its overview is then read in the
  background) vs a bare PySide6 window's first paint (at most 2x): the times each process
  prints, from its start (as bench_startup's first paint); and the peak memory (RSS) of that
  process (< 250 MB)
- reported: the same until the process has quit and ended (which adds tearing it down), and
  until the home screen's full overview is shown (read in the background)
Exits non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (  # noqa: E402
    app_environment,
    compile_app,
    interleaved_medians,
    interleaved_reported_medians,
    seconds_until_stamp,
)
from make_large_workspace import large_workspace  # noqa: E402
from reference_measures import Measure, print_measures, reference_measures  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = ROOT / "bench" / ".cache"

# Runs the app in a child process and prints the child's peak RSS in kilobytes.
PEAK_RSS = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def opening_measures(path: Path, runs: int) -> list[Measure]:
    """The target's measure `runs` times, the reported ones about half as many."""
    reported_runs = max(3, runs // 2)
    with tempfile.TemporaryDirectory() as folder:
        env = app_environment(Path(folder))
        app = [sys.executable, "-m", "desktop", str(path)]

        def run(arguments: list[str], **extra: str) -> None:
            subprocess.run(arguments, env=dict(env, **extra), check=True, cwd=ROOT, stdout=subprocess.DEVNULL)

        loaded, bare_painted = interleaved_reported_medians(
            lambda: seconds_until_stamp(app, dict(env, SHUTAFUT_BENCH_EXIT="loaded"), ROOT, "loaded"),
            lambda: seconds_until_stamp([sys.executable, "bench/bare_window.py"], env, ROOT, "painted"),
            runs,
        )
        loaded_ended, bare = interleaved_medians(
            lambda: run(app, SHUTAFUT_BENCH_EXIT="loaded"),
            lambda: run([sys.executable, "bench/bare_window.py"]),
            reported_runs,
        )
        overview, bare_orm = interleaved_medians(
            lambda: run(app, SHUTAFUT_BENCH_EXIT="overview"),
            lambda: run([sys.executable, "bench/bare_window.py", "--with-sqlalchemy"]),
            reported_runs,
        )
        rss_kb = int(
            subprocess.run(
                [sys.executable, "-c", PEAK_RSS, *app],
                env=dict(env, SHUTAFUT_BENCH_EXIT="loaded"),
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            ).stdout.split()[-1]
        )
        bare_rss_kb = int(
            subprocess.run(
                [sys.executable, "-c", PEAK_RSS, sys.executable, "bench/bare_window.py"],
                env=env,
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            ).stdout.split()[-1]
        )
    print(
        f"\npeak RSS opening the large workspace: {rss_kb / 1024:.0f} MB "
        f"(bare window {bare_rss_kb / 1024:.0f} MB)"
    )
    return [
        Measure(
            "lists populated, large workspace",
            loaded,
            "bare window",
            bare_painted,
            "<= 2x",
            2 * bare_painted,
            False,
        ),
        Measure(
            "lists populated, until the process ended",
            loaded_ended,
            "bare window",
            bare,
            "(reported)",
            None,
            False,
        ),
        Measure(
            "lists populated, until the process ended",
            loaded_ended,
            "bare window + SQLAlchemy",
            bare_orm,
            "(reported)",
            None,
            False,
        ),
        Measure("home overview shown (background)", overview, "bare window", bare, "(reported)", None, False),
        Measure(
            "peak RSS opening (MB as ms)",
            rss_kb / 1024 / 1000,
            "bare window",
            bare_rss_kb / 1024 / 1000,
            "< 250 MB",
            0.250,
            False,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()
    path = large_workspace(arguments.cache)
    compile_app()
    measures = reference_measures(path, arguments.runs)
    measures += opening_measures(path, arguments.runs)
    print_measures(f"Reference data, large workspace (median of {arguments.runs} runs)", measures)
    return 0 if all(m.passed for m in measures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
