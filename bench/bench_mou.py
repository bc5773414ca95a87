"""Exporting a 10-page MOU to PDF (target: median under 1 s).

    .venv/bin/python bench/bench_mou.py [--runs N]

Baseline in the same run: a one-line reportlab document with the same fonts.
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result, interleaved_medians, print_table  # noqa: E402

from desktop.models.mou import MouSection, Parties, add_custom_clause  # noqa: E402
from desktop.models.mou_budget import with_amount  # noqa: E402
from desktop.models.mou_draft import new_draft, with_timeframe  # noqa: E402
from desktop.models.mou_timeline import Timeframe  # noqa: E402
from desktop.reports.document import DocumentBuilder  # noqa: E402
from desktop.reports.mou_report import mou_pdf  # noqa: E402

SENTENCE = (
    "הצדדים יפעלו יחד לקידום המוביליות החברתית ברשות, בשיתוף התושבים, הארגונים והמשרדים "
    "הממשלתיים, על בסיס נתונים ומדידה שוטפת, ובכפוף לתקציב המאושר לשנת 2027. "
)


def ten_page_draft():  # type: ignore[no-untyped-def]
    draft = new_draft("he", Parties("a", "o", ("p1", "p2")))
    draft = with_timeframe(draft, Timeframe(date(2027, 1, 1), 5))
    clauses = draft.clauses
    for section in MouSection:
        for _ in range(5):
            clauses, _clause = add_custom_clause(clauses, section, SENTENCE * 3)
    budget = draft.budget
    for year in budget.years:
        for party in budget.parties:
            budget = with_amount(budget, year, party, 25_000_000)
    return dataclasses.replace(draft, clauses=clauses, budget=budget)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    draft = ten_page_draft()
    names = {
        "authority": "שדרות",
        "organisation": "תקווה ישראלית",
        "partner:p1": "קרן א",
        "partner:p2": "JDC Israel",
    }
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "mou.pdf"
        mou_pdf(draft, names, None, out)
        pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")

        def one_line() -> None:
            builder = DocumentBuilder("בדיקה", "he")
            builder.paragraph("שורה אחת")
            builder.build(Path(folder) / "one.pdf")

        mou_s, baseline_s = interleaved_medians(lambda: mou_pdf(draft, names, None, out), one_line, runs)
    results = [
        Result(f"MOU PDF, {count} pages", mou_s, "one-line document", baseline_s, "< 1 s", mou_s < 1.0)
    ]
    print_table(f"MOU export (median of {runs} runs)", results)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
