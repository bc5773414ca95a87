"""The town instruments' documents read back from the PDF: each section's content in reading
order, and the drawings that read right to left in Hebrew."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.storage.workspace import Workspace
from tests.reports.every_document import Records, build_workspace
from tests.reports.pdf_tools import needs_poppler, pdf_pages, print_document, word_boxes

pytestmark = needs_poppler

Every = tuple[Workspace, Records, Path]


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Every]:
    folder = tmp_path_factory.mktemp("instruments")
    workspace, records = build_workspace(folder / "every.shutafut")
    yield workspace, records, folder
    workspace.close()


def _lines(workspace: Workspace, folder: Path, key: str, record_id: int, language: str = "en") -> list[str]:
    out = folder / f"{key}-{language}.pdf"
    print_document(workspace, key, record_id, out, language)
    return [" ".join(line.split()) for page in pdf_pages(out) for line in page.splitlines() if line.strip()]


def assert_in_order(lines: list[str], parts: list[str]) -> None:
    text = " ".join(lines)  # table cells wrap: a cell's words are read in order
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} is missing after {text[max(0, position - 80) : position]!r}"
        position = found + len(part)


def test_the_collective_plan_in_its_sections(every: Every) -> None:
    workspace, records, folder = every
    lines = _lines(workspace, folder, "collective-plan", records.plan)
    assert lines[0] == "Collective plan: Goal Youth"
    assert_in_order(
        lines,
        [
            "Alphaville",
            "Lead Person",
            "2026-2027",
            "Overall aim",
            "Aim Participation",
            "Theory of change",
            "Need",
            "Activities",
            "Outputs",
            "Short-term outcomes",
            "Long-term outcomes",
            "Operational plan",
            "Objective Growth",
            "Metric Members: from 1200 to 1800",
            "Action Forum",
            "Owner Person",
            "₪1,500.00",
            "Budget split",
            "Partners",
            "The initiative",
            "The authority",
            "2026 ₪500.00 ₪500.00 ₪500.00 ₪1,500.00",
            "2027 ₪0.00 ₪0.00 ₪0.00 ₪0.00",
            "All years ₪500.00 ₪500.00 ₪500.00 ₪1,500.00",
            "Review: planned against done",
            "0 of 1 actions done",
            "Action Forum",
            "Planned",
        ],
    )
    text = "\n".join(lines)
    for box in ("Need Box", "Activity Box", "Outcome Box"):
        assert box in text


def test_the_logic_model_reads_right_to_left_in_hebrew(every: Every) -> None:
    workspace, records, folder = every
    out = folder / "plan-he.pdf"
    print_document(workspace, "collective-plan", records.plan, out, "he")
    boxes = {word: x for word, x, _y, _page in word_boxes(out)}
    # the need's box is right of the activity's, which is right of the outcome's
    assert boxes["Need"] > boxes["Activity"] > boxes["Outcome"]
    out_en = folder / "plan-en.pdf"
    print_document(workspace, "collective-plan", records.plan, out_en, "en")
    english = {word: x for word, x, _y, _page in word_boxes(out_en)}
    assert english["Need"] < english["Activity"] < english["Outcome"]


def test_the_investment_portfolio_in_its_sections(every: Every) -> None:
    workspace, records, folder = every
    lines = _lines(workspace, folder, "investment-portfolio", records.portfolio)
    assert lines[0] == "Investment portfolio: Alphaville"
    assert_in_order(
        lines,
        [
            "2 investments, ₪2,500.00 in all, 2026–2027.",
            "Budget leverage: at the start and added, by year",
            "2026",
            "₪1,000.00",
            "2027",
            "₪1,500.00",
            "Existing budget, redirected",
            "New money",
            "For each ₪1 of existing budget, ₪0.25 was added.",
            "2026 ₪1,000.00 ₪0.00 ₪1,000.00",
            "2027 ₪1,000.00 ₪500.00 ₪1,500.00",
            "By source (existing + added):",
            "Philanthropy",
            "The authority",
            "Investment map: each field",
            "Field Youth",
            "₪2,000.00",
            "Field Toddlers",
            "₪500.00",
            "The collective plan as organiser: goal, implementation, budget",
            "Goal Youth Action Forum ₪2,000.00",
            "(no goal) (no plan action) ₪500.00",
            "Along the life course: birth to employment",
            "Early childhood",
            "Formal and informal education",
            "Meaningful military or civic service",
            "Higher education",
            "Employment",
            "Guiding principles in managing the investment portfolio",
            "Aim at pooling and leveraging budgets. Yes Note Pooling",
            "The investments",
            "Toddler Grant · Hope Foundation Philanthropy (New money) 2027",
            "Field Toddlers Early childhood ₪500.00",
            "Youth Budget The authority 2026-2027 Field Youth",
            "Total: ₪2,500.00",
        ],
    )


def test_the_portfolio_charts_grow_from_the_right_in_hebrew(every: Every) -> None:
    workspace, records, folder = every
    out = folder / "portfolio-he.pdf"
    print_document(workspace, "investment-portfolio", records.portfolio, out, "he")
    words = word_boxes(out)
    # the map's labels stand at the right edge, their bars' totals to their left
    youth = next(x for word, x, _y, _page in words if word == "Youth")
    assert youth > 400


def test_the_compass_and_its_comparison_in_their_sections(every: Every) -> None:
    workspace, records, folder = every
    out = folder / "compass-compare.pdf"
    print_document(workspace, "outcomes-compass", records.compass, out, "en", compare=1)
    lines = [" ".join(line.split()) for page in pdf_pages(out) for line in page.splitlines() if line.strip()]
    assert lines[0] == "Infrastructure-outcomes compass: Alphaville"
    assert_in_order(
        lines,
        [
            "validated by ERI",
            "Goal areas: Area Youth and Area Toddlers",
            "What changed: Year One (1.3.2026) to Year Three (1.3.2028)",
            "The MOU's evaluation clause: “The parties will follow the achievement",
            "A culture of data-based decision-making in the fields of mobility Area Youth 0/6 1/6 Now holds:",
            "There is a role-holder in charge of managing the data",
            "Area Toddlers 0/6 0/6 No change",
            "The public is informed",
            "Area Youth 0/1 1/1 Now holds: Statement Residents",
            "Taking: Year Three (1.3.2028)",
            "Statements that hold, by outcome and goal area:",
            "There is partial access to the external and institutional data relevant to the field (seed) — —",
            "Statement Residents (team) Holds",
            "Evidence",
            "Area Youth: Evidence Appointment",
            "The statements and where they came from",
            "From the seed Seed 001, l.1105-1116",
            "Statement Residents Written by the team Source Team 2026",
        ],
    )
    plain = _lines(workspace, folder, "outcomes-compass", records.compass)
    assert not any("What changed" in line for line in plain)


def test_a_long_register_is_summarised_by_source_and_kind(tmp_path: Path) -> None:
    from decimal import Decimal

    from desktop.models.instrument_documents import PortfolioData
    from desktop.models.portfolio import Portfolio, new_investment
    from desktop.reports.portfolio_report import REGISTER_ROWS, build_portfolio_pdf

    portfolio = Portfolio("town")
    for number in range(REGISTER_ROWS + 1):
        source, kind = ("authority", "existing") if number % 2 else ("philanthropy", "new")
        portfolio.add(new_investment(f"Item {number}", source, Decimal(100), 2026, kind=kind))
    out = tmp_path / "long.pdf"
    build_portfolio_pdf(PortfolioData(portfolio, "Longtown"), out, "en")
    lines = [" ".join(line.split()) for page in pdf_pages(out) for line in page.splitlines() if line.strip()]
    assert_in_order(
        lines,
        [
            "The investments",
            "The register holds 151 investments: here by source and kind",
            "Philanthropy New money 76 ₪7,600.00",
            "The authority Existing budget, redirected 75 ₪7,500.00",
            "Total: ₪15,100.00",
        ],
    )
    assert not any("Item 7" in line for line in lines)
