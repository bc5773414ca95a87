"""Run the benches one after another and say which missed a target.

    .venv/bin/python bench/run_all.py [--cache FOLDER] [--only NAME ...] [--quick]

Each bench prints its own table (figures with their floors, measured in the same run);
this runner adds how long each took and exits non-zero when one failed. The large
workspace is built once into FOLDER and reused by every bench that needs it. --quick
passes fewer runs to each bench (for a first look; the figures are noisier).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DEFAULT_CACHE = BENCH / ".cache"
# name -> (script, takes --cache, runs when --quick)
BENCHES: dict[str, tuple[str, bool, int]] = {
    "startup": ("bench_startup.py", False, 3),
    "reference": ("bench_reference.py", True, 3),
    "growth": ("bench_growth.py", True, 3),
    "selection": ("bench_selection.py", False, 5),
    "community": ("bench_community.py", False, 3),
    "mou": ("bench_mou.py", False, 3),
    "forum": ("bench_forum.py", False, 5),
    "backups": ("bench_backups.py", False, 3),
    "exchange": ("bench_exchange.py", True, 3),
    "background": ("bench_background.py", True, 1),
    "cli": ("bench_cli.py", False, 5),
    "documents": ("bench_documents.py", True, 3),
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHES), default=list(BENCHES))
    parser.add_argument("--quick", action="store_true")
    arguments = parser.parse_args()
    if {"reference", "growth", "background", "exchange", "documents"} & set(arguments.only):
        build = [sys.executable, str(BENCH / "make_large_workspace.py"), str(arguments.cache)]
        subprocess.run(build, check=True)
    outcomes = []
    for name in arguments.only:
        script, takes_cache, quick_runs = BENCHES[name]
        command = [sys.executable, str(BENCH / script)]
        if takes_cache:
            command += ["--cache", str(arguments.cache)]
        if arguments.quick:
            command += ["--runs", str(quick_runs)]
        print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
        start = time.perf_counter()
        code = subprocess.run(command, cwd=ROOT).returncode
        outcomes.append((name, code, time.perf_counter() - start))
    print("\nbench           seconds  result")
    for name, code, seconds in outcomes:
        print(f"{name:15} {seconds:7.0f}  {'ok' if code == 0 else f'MISSED A TARGET (exit {code})'}")
    return 0 if all(code == 0 for _name, code, _seconds in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
