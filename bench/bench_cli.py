"""`shutafut-cli --help` against starting Python itself.

    .venv/bin/python bench/bench_cli.py [--runs N]

Target (medians, each a new process): `shutafut-cli --help` within 2x `python -c pass`, and
without importing SQLAlchemy or the reports (reportlab). The floor is measured in the same
run, alternately. The app's modules are compiled first, as installing does.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result, compile_app, interleaved_medians, print_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ALLOWED_RATIO = 2.0
PROBE = (
    "import sys\n"
    "from desktop import cli\n"
    "cli.main(['--help'])\n"
    "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'reportlab', 'PySide6'}))\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    compile_app()
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)

    def run(*arguments: str) -> str:
        done = subprocess.run(
            [sys.executable, *arguments], capture_output=True, text=True, env=environment, check=True
        )
        return done.stdout

    loaded = run("-c", PROBE).splitlines()[-1]
    help_s, pass_s = interleaved_medians(
        lambda: run("-m", "desktop.cli", "--help"), lambda: run("-c", "pass"), runs
    )
    ratio = help_s / pass_s
    results = [
        Result(
            "shutafut-cli --help",
            help_s,
            "python -c pass",
            pass_s,
            f"<= {ALLOWED_RATIO:g}x, none loaded",
            ratio <= ALLOWED_RATIO and loaded == "[]",
        )
    ]
    print_table(f"Command line (median of {runs} runs); loaded by --help: {loaded}", results)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
