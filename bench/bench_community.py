"""Learning community documents on the demo community (ten meetings, two work teams).

    .venv/bin/python bench/bench_community.py [--runs N]

Targets (medians): the yearly syllabus PDF with its Gantt chart under 1 s (formerly a test's
wall-clock assertion, tests/reports/test_community_report.py), and at most two
A4 pages; the meeting plan page and the work-teams overview under 1 s. The syllabus is
also built in Arabic and English. Baseline in the same run: a one-line reportlab document
with the same fonts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result, interleaved_medians, print_table  # noqa: E402

from desktop.documents import export_document  # noqa: E402
from desktop.reports.document import DocumentBuilder  # noqa: E402
from desktop.storage.community_store import list_communities  # noqa: E402
from desktop.storage.demo import create_demo_workspace  # noqa: E402


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "0"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        workspace = create_demo_workspace(folder / "demo.shutafut")
        community_id = list_communities(workspace)[0].id

        def one_line() -> None:
            builder = DocumentBuilder("בדיקה", "he")
            builder.paragraph("שורה אחת")
            builder.build(folder / "one.pdf")

        results = []
        for language in ("he", "ar", "en"):
            out = folder / f"syllabus-{language}.pdf"

            def syllabus(out: Path = out, language: str = language) -> None:
                export_document(workspace, "syllabus", community_id, out, language)

            seconds, baseline = interleaved_medians(syllabus, one_line, runs)
            pages = _pages(out)
            results.append(
                Result(
                    f"syllabus PDF ({language}), {pages} pages",
                    seconds,
                    "one-line document",
                    baseline,
                    "< 1 s, at most 2 pages",
                    seconds < 1.0 and 1 <= pages <= 2,
                )
            )
        plan_s, baseline = interleaved_medians(
            lambda: export_document(
                workspace, "meeting-plan", community_id, folder / "plan.pdf", "he", meeting=8
            ),
            one_line,
            runs,
        )
        results.append(
            Result(
                f"meeting plan PDF, {_pages(folder / 'plan.pdf')} page(s)",
                plan_s,
                "one-line document",
                baseline,
                "< 1 s",
                plan_s < 1.0,
            )
        )
        teams_s, baseline = interleaved_medians(
            lambda: export_document(workspace, "work-teams", community_id, folder / "teams.pdf", "he"),
            one_line,
            runs,
        )
        results.append(
            Result(
                f"work-teams PDF, {_pages(folder / 'teams.pdf')} pages",
                teams_s,
                "one-line document",
                baseline,
                "< 1 s",
                teams_s < 1.0,
            )
        )
        workspace.close()
    print_table(f"Learning community documents, ten meetings (median of {runs} runs)", results)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
