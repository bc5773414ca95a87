"""Start-up and export benchmarks for Shutafut; prints a table of medians and ratios.

    .venv/bin/python bench/bench_startup.py [--runs N]

Each measure runs interleaved with its baseline in the same process tree, so noise on
a shared machine hits both alike; the app's modules are compiled first, as an install does:
- first painted main window on the demo workspace vs a bare PySide6 window (target <= 1.5x):
  the time from starting the process to just after its first paint, which each prints (the
  system's monotonic clock); also reported, until that process has quit and ended (which
  adds the window's work after the paint and the tearing down of what it imported)
- reported: the demo workspace open and the window painted again with the home screen's first
  view (the time it prints, as the first paint's) vs the same bare window's first paint
- summary PDF export of the demo workspace (in process, fonts registered) vs building an
  empty reportlab document (target: under 0.5 s absolute)
- summary PDF of a workspace of twenty authorities, the same target (formerly a wall-clock
  assertion in tests/reports/test_summary.py)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (  # noqa: E402
    Result,
    app_environment,
    compile_app,
    interleaved_medians,
    interleaved_reported_medians,
    print_table,
    seconds_until_stamp,
)

ROOT = Path(__file__).resolve().parent.parent


def _run(arguments: list[str], env: dict[str, str]) -> None:
    subprocess.run([sys.executable, *arguments], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def _until(milestone: str, arguments: list[str], env: dict[str, str]) -> float:
    return seconds_until_stamp([sys.executable, *arguments], env, ROOT, milestone)


def startup_results(runs: int, demo: Path, home: Path) -> list[Result]:
    env = app_environment(home)
    bare = ["bench/bare_window.py"]
    app = ["-m", "desktop", "--demo", str(demo)]

    results = []
    painted, bare_s = interleaved_reported_medians(
        lambda: _until("painted", app, dict(env, SHUTAFUT_BENCH_EXIT="painted")),
        lambda: _until("painted", bare, env),
        runs,
    )
    results.append(
        Result(
            "first paint, demo workspace",
            painted,
            "bare window",
            bare_s,
            "<= 1.5x bare window",
            painted <= 1.5 * bare_s,
        )
    )
    ended, bare_s = interleaved_medians(
        lambda: _run(app, dict(env, SHUTAFUT_BENCH_EXIT="painted")), lambda: _run(bare, env), runs
    )
    results.append(
        Result("first paint, until the process ended", ended, "bare window", bare_s, "(reported)", True)
    )
    loaded, bare_s = interleaved_reported_medians(
        lambda: _until("loaded", app, dict(env, SHUTAFUT_BENCH_EXIT="loaded")),
        lambda: _until("painted", bare, env),
        runs,
    )
    results.append(
        Result("lists populated, demo workspace", loaded, "bare window", bare_s, "(reported)", True)
    )
    return results


def export_results(runs: int, demo: Path, out_dir: Path) -> list[Result]:
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from desktop.documents import export_document
    from desktop.models.records import RecordKind
    from desktop.reports.fonts import register_fonts
    from desktop.storage.reference_store import save_record
    from desktop.storage.workspace import create_workspace, open_workspace

    register_fonts()
    workspace = open_workspace(demo)

    def export() -> None:
        export_document(workspace, "summary", None, out_dir / "summary.pdf", "he")

    def empty_document() -> None:
        SimpleDocTemplate(str(out_dir / "empty.pdf")).build([Paragraph("-")])

    export_s, empty_s = interleaved_medians(export, empty_document, runs)
    workspace.close()
    twenty = create_workspace(out_dir / "twenty.shutafut")
    for number in range(1, 21):
        save_record(
            twenty,
            RecordKind.AUTHORITY,
            {
                "name_he": f"רשות {number} (Town {number})",
                "municipal_status": "local_council",
                "population": str(1000 * number),
                "population_year": "2022",
                "district": "north",
                "socioeconomic_cluster": str(number % 10 + 1),
                "cbs_code": str(100 + number),
            },
        )
    twenty_s, empty_twenty_s = interleaved_medians(
        lambda: export_document(twenty, "summary", None, out_dir / "twenty.pdf", "he"), empty_document, runs
    )
    twenty.close()
    return [
        Result(
            "summary PDF, twenty authorities",
            twenty_s,
            "one-line reportlab PDF",
            empty_twenty_s,
            "< 0.5 s",
            twenty_s < 0.5,
        ),
        Result(
            "summary PDF, demo workspace",
            export_s,
            "one-line reportlab PDF",
            empty_s,
            "< 0.5 s",
            export_s < 0.5,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()
    compile_app()
    with tempfile.TemporaryDirectory() as folder:
        temp = Path(folder)
        demo = temp / "demo.shutafut"
        from desktop.storage.demo import create_demo_workspace

        create_demo_workspace(demo).close()
        results = startup_results(arguments.runs, demo, temp / "home")
        results += export_results(arguments.runs, demo, temp)
    print_table(f"Shutafut benchmarks (median of {arguments.runs} runs)", results)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
