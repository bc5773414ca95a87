"""The investment portfolio at scale: 2,000 investments over 10 years in one town.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_portfolio.py [--runs N]

Targets (medians, issue 19): each of the four views (budget leverage, investment map, the
plan as organiser, the life course) recomputes and repaints its chart in under 100 ms; the
register of investments refills in under 100 ms; the portfolio's PDF builds in under 1 s.
Baselines in the same run: painting an empty chart, and a one-line reportlab document.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import Result, interleaved_medians, print_table  # noqa: E402

from desktop.models.portfolio import KINDS, SOURCES, Portfolio, new_investment  # noqa: E402
from desktop.models.town_instruments import LIFE_STAGES  # noqa: E402

INVESTMENTS = 2000
FIRST_YEAR, YEARS = 2020, 10
FIELDS = ("חינוך בלתי פורמלי", "גיל רך", "צעירים", "ECOSTEM21", "תעסוקה", "רווחה", "ספורט", "תרבות")


def big_portfolio(town: str, seed: int = 19) -> Portfolio:
    """2,000 investments spread over 10 years, every source, field, stage and kind."""
    rng = random.Random(seed)
    portfolio = Portfolio(town)
    for number in range(INVESTMENTS):
        first = FIRST_YEAR + rng.randrange(YEARS)
        last = min(FIRST_YEAR + YEARS - 1, first + rng.randrange(4))
        portfolio.investments.append(
            new_investment(
                f"השקעה {number + 1}",
                rng.choice(list(SOURCES)),
                Decimal(rng.randrange(10, 2000) * 1000),
                first,
                last_year=last,
                field=rng.choice(FIELDS),
                life_stage=rng.choice([*LIFE_STAGES, ""]),
                kind=rng.choice(list(KINDS)),
                goal=rng.choice(("חינוך בלתי פורמלי", "גיל רך", "")),
                action_title=rng.choice(("פורום יישובי", "תהודה רשותית", "")),
            )
        )
    return portfolio


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "0"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    from PySide6.QtWidgets import QApplication

    from desktop.documents import export_document
    from desktop.models.records import RecordKind
    from desktop.reports.document import DocumentBuilder
    from desktop.storage import reference_store
    from desktop.storage.portfolio_store import save_portfolio
    from desktop.storage.workspace import create_workspace
    from desktop.views.portfolio.views_tab import VIEWS
    from desktop.views.portfolio.window import PortfolioWindow
    from desktop.views.qt_i18n import apply_language
    from desktop.views.town_instruments.charts import BarChart

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_language(app, "he")
    results = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        workspace = create_workspace(folder / "bench.shutafut")
        town = reference_store.save_record(
            workspace, RecordKind.AUTHORITY, {"name_he": "שדרות", "municipal_status": "city"}
        )
        portfolio = big_portfolio(town)
        portfolio_id = save_portfolio(workspace, portfolio)
        window = PortfolioWindow(workspace, portfolio, portfolio_id)
        window.resize(1366, 768)
        window.show()
        views = window.views_tab
        window.tabs.setCurrentWidget(views)
        empty = BarChart("empty")
        empty.resize(1200, 400)
        empty.show()

        def paint_empty() -> None:
            empty.set_data([], [])
            empty.grab()

        for key in VIEWS:
            views.choice.setCurrentIndex(views.choice.findData(key))

            def redraw() -> None:
                views.refresh()  # recompute from the 2,000 investments and set the chart's data
                views.charts[views.current].grab()  # paint it

            seconds, baseline = interleaved_medians(redraw, paint_empty, runs)
            results.append(
                Result(
                    f"view '{key}': recompute + repaint",
                    seconds,
                    "empty chart",
                    baseline,
                    "< 100 ms",
                    seconds < 0.1,
                )
            )
        window.tabs.setCurrentWidget(window.investments_tab)

        def refill() -> None:
            window.investments_tab.refresh()
            window.investments_tab.table.viewport().grab()  # paint the rows on screen

        refill_s, baseline = interleaved_medians(refill, paint_empty, runs)
        results.append(
            Result(
                "register of 2,000: refill + repaint",
                refill_s,
                "empty chart",
                baseline,
                "< 100 ms",
                refill_s < 0.1,
            )
        )

        def one_line() -> None:
            builder = DocumentBuilder("בדיקה", "he")
            builder.paragraph("שורה אחת")
            builder.build(folder / "one.pdf")

        out = folder / "portfolio.pdf"
        pdf_s, baseline = interleaved_medians(
            lambda: export_document(workspace, "investment-portfolio", portfolio_id, out, "he"),
            one_line,
            runs,
        )
        results.append(
            Result(
                f"portfolio PDF, {_pages(out)} pages",
                pdf_s,
                "one-line document",
                baseline,
                "< 1 s",
                pdf_s < 1.0,
            )
        )
        window.close()
        workspace.close()
    print_table(
        f"Investment portfolio: {INVESTMENTS:,} investments over {YEARS} years (median of {runs} runs)",
        results,
    )
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
