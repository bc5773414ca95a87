"""Every section of every document, read back from the PDF in order: a document that loses a
section (its title, a table, a heading, the numbering of the MOU's clauses) fails here.

The documents are printed in English through the registry, as the window and the CLI print
them, from a workspace with one record of every feature (tests/reports/every_document.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.models.mou_draft import render_document
from desktop.reports.mou_report import printed_sections
from desktop.storage import document_data
from desktop.storage.workspace import Workspace
from tests.reports.every_document import Records, build_workspace
from tests.reports.pdf_tools import needs_poppler, pdf_pages, print_document

pytestmark = needs_poppler


Every = tuple[Workspace, Records, Path]


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Every]:
    folder = tmp_path_factory.mktemp("every")
    workspace, records = build_workspace(folder / "every.shutafut")
    yield workspace, records, folder
    workspace.close()


def _lines(
    workspace: Workspace, folder: Path, key: str, record_id: int | None, **options: object
) -> list[str]:
    out = folder / f"{key}-{'-'.join(map(str, options.values()))}.pdf"
    print_document(workspace, key, record_id, out, "en", **options)
    return [" ".join(line.split()) for page in pdf_pages(out) for line in page.splitlines() if line.strip()]


def assert_in_order(lines: list[str], parts: list[str]) -> None:
    """Each part appears (within a line) after the previous one."""
    text = "\n".join(lines)
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} is missing after {text[max(0, position - 80) : position]!r}"
        position = found + len(part)


def test_workspace_summary(every: Every) -> None:
    workspace, _records, folder = every
    lines = _lines(workspace, folder, "summary", None)
    assert lines[0] == f"Workspace summary: {workspace.name}"
    assert_in_order(
        lines,
        [
            "Prepared on",
            "Local authorities",
            "3 local authorities",
            "Alphaville City Southern",
            "Betatown City Southern",
            "Richtown City Southern",
            "Regional clusters",
            "1 regional cluster",
            "Southern Cluster — 2 Alphaville and Betatown",
            "Organisations",
            "1 organisation",
            "Hope Foundation Foundation / philanthropy",
        ],
    )


def test_selection_report(every: Every) -> None:
    workspace, records, folder = every
    lines = _lines(workspace, folder, "selection", records.selection)
    assert lines[0] == "Town selection: Selection 2027"
    assert_in_order(
        lines,
        [
            "Purpose",
            "Find a town for five years",
            "Selection team",
            "• Dana Tester – facilitator",
            "• Omar Second – analyst",
            "Quantitative filter",
            "Socio-economic cluster 1-4",
            "Candidates",
            "Alphaville City 12,000 2 —",
            "Betatown City 12,000 3 —",
            "Criteria and weights",
            "Quantitative data 1",
            "Ranking",
            "Place Town Total (0-100)",
            "1 Alphaville 97.2",
            # the chart: a bar with its total, then the legend of the parts
            "Alphaville 97.2",
            "Quantitative data Change capabilities and leadership",
            "Disagreements to discuss",
            "• Betatown: Formal leadership of the town (scores 2-5)",
            "Base conditions",
            "Alphaville Met Met Met Met Met Met",
            "Betatown Not met — — — — —",
            "Decision",
            "Chosen: Alphaville",
            "Decided on 20.11.2026.",
            "Rationale",
            "Highest readiness of all",
        ],
    )
    assert not any("Richtown" in line for line in lines)  # outside the filter


def _mou_numbering(lines: list[str]) -> list[str]:
    """The section and clause numbers as they start lines: "1." for a section, "1.1" for a
    clause (a date such as 1.1.2027 is neither: a number is followed by a space)."""
    numbers = []
    for line in lines:
        if match := re.match(r"(\d+)\.(\d+) ", line):
            numbers.append(f"{match[1]}.{match[2]}")
        elif match := re.match(r"(\d+)\. \D", line):
            numbers.append(f"{match[1]}.")
    return numbers


@pytest.mark.parametrize("version", [None, 1])
def test_mou_sections_clause_numbers_and_annexes(every: Every, version: int | None) -> None:
    workspace, records, folder = every
    lines = _lines(workspace, folder, "mou", records.agreement, version=version)
    data = document_data.mou(workspace, records.agreement, version)
    rendered = render_document(data.draft, data.names)
    printed = printed_sections(data.draft, rendered.sections)
    expected = []
    for number, _title, clauses in printed:
        expected.append(f"{number}.")
        expected += [clause_number for clause_number, _text in clauses]
    assert [s.number for s in rendered.sections] == list(range(1, len(rendered.sections) + 1))
    assert _mou_numbering(lines) == expected
    # each number starts its own section title or clause text
    for number, title, clauses in printed:
        assert f"{number}. {title}" in lines
        for clause_number, text in clauses:
            assert any(line.startswith(f"{clause_number} {text[:25]}") for line in lines), clause_number
    # only the annexes attached are listed: no implementation processes, no partners here
    annexes = printed[-1][2]
    assert [text for _n, text in annexes] == ["The substantive partnership structure.", "Budget."], annexes
    assert lines[0] == "Memorandum of Understanding"
    assert_in_order(
        lines,
        [
            "Alphaville",
            "Hope Foundation",
            "This memorandum of understanding is made between Alphaville and Hope Foundation",
            "1. Purpose of the partnership",
            "Budget annex",
            "Year Alphaville Hope Foundation Total",
            "2027 ₪10,000.00 ₪0.00 ₪10,000.00",
            "Total ₪30,000.00 ₪0.00 ₪30,000.00",
            "Annex: partnership structure",
            "Steering committee",
            "Timeframe of the cooperation and budget framework",
            "Pre-establishment 1.1.2027 30.4.2027",
            "Signatories of the memorandum",
            "Head of the authority, Alphaville",
            "Signature Date",
        ],
    )
    if version is not None:
        assert_in_order(lines, ["Hope Foundation", "Version 1", "Sent to the authority on 1.11.2026"])


def test_forum_agendas(every: Every) -> None:
    workspace, records, folder = every
    common = [
        "Design Forum South – session 1:",
        "Goals of the session",
        "1. Goal of listening",
        "Expected outputs",
        "1. Output of ideas",
        "Agenda",
    ]
    participants = _lines(workspace, folder, "forum-agenda", records.forum, session=1)
    assert_in_order(participants, [*common, "Time Block Method", "17:00-17:20"])
    assert not any("Prepare the opening" in line for line in participants)
    facilitator = _lines(workspace, folder, "forum-agenda-facilitator", records.forum, session=1)
    assert_in_order(
        facilitator,
        [
            common[0],
            "Facilitator's copy: with notes and materials.",
            *common[1:],
            "Time Block Method Facilitator notes Materials",
            "Prepare the opening",
            "Sticky notes",
        ],
    )


def test_forum_summary(every: Every) -> None:
    workspace, records, folder = every
    lines = _lines(workspace, folder, "forum-summary", records.forum, session=1)
    assert lines[0].startswith("Summary of session 1:")
    assert_in_order(
        lines,
        [
            "Design Forum South",
            "Attendance by sector",
            "2 participants",
            "Local authority 1 10",
            "Non-profit / third sector 1 8",
            "Ideas by cluster",
            "Cluster Labs",
            "• Idea science labs",
            "Cluster Jobs",
            "• Idea youth jobs",
            "Not clustered",
            "• Idea loose thought",
            "Votes",
            "Place Cluster Votes By sector",
            "1 Cluster Labs 4 Local authority: 3",
            "2 Cluster Jobs 2 Non-profit / third sector: 2",
            "Ranking",
            "1 Cluster Labs 2",
            "2 Cluster Jobs 1",
            "Decisions",
            "Decided to open science labs",
            "Outputs against the expected outputs",
            "1. Output of ideas",
        ],
    )


def test_shared_agenda(every: Every) -> None:
    workspace, records, folder = every
    lines = _lines(workspace, folder, "shared-agenda", records.forum)
    assert lines[0] == "Shared agenda: Design Forum South"
    assert_in_order(
        lines,
        [
            "1. Focus Labs",
            "The challenge: Challenge of gaps",
            "Golden data to follow: Golden matriculation rate",
            "Long-term goal: Goal every pupil",
            "From the clusters: Cluster Labs",
            "• Idea science labs",
            "Professional team",
            "Ronit Lead Alphaville council Local authority Team lead",
            "Samir Member Association",
        ],
    )


FLAGS = (
    ("inclusive_growth", "Inclusive growth"),
    ("regional_leadership", "Regional leadership promoting partnership"),
    ("resident_experience", "Partnership in the resident's experience"),
    ("diversity", "Diversity and cultural competence"),
)


def test_flags_diagnosis(every: Every) -> None:
    workspace, records, folder = every
    lines = _lines(workspace, folder, "flags-diagnosis", records.flags, diagnosis=records.diagnosis)
    assert lines[0] == "Flags diagnosis: Welfare Services"
    assert lines[1] == (
        "Existing service · Core service · Professional leadership · 1 of 2 authorities take part · 5.10.2026"
    )
    # the radar chart: its scale (levels 1-4), its axes, its legend and caption, then the levels
    assert lines[2:7] == ["1", "2", "3", "4", "This diagnosis (5.10.2026)"]
    # (a side axis's name wider than the room beside the chart is set in two lines)
    labels = [label for _key, label in FLAGS]
    assert labels[1] == "Regional leadership promoting partnership"
    assert lines[7:12] == [labels[0], "Regional leadership promoting", "partnership", *labels[2:]]
    assert lines[12] == "The agreed level of each flag, from 1 (centre) to 4 (edge)."
    parts = ["Levels by flag", "Flag Level What the level means Baseline"]
    for level, (_key, label) in enumerate(FLAGS, start=1):
        parts += [label.split()[0], f"{10 + level} families (1.1.2026)"]
    parts.append("Rubric version 1.")
    for level, (key, label) in enumerate(FLAGS, start=1):
        parts += [
            label,
            f"Partners' scores: Partner P: {level}",
            f"Justification: Justified {key}",
            f"Evidence: Evidence {key}",
            f"Links to strengthen: Links {key}",
        ]
    parts += [
        "Answers",
        "What are the barriers?",
        "Answer about barriers",
        "Plan by flags",
        "Inclusive growth",
        "Desired outcome: Outcome wanted",
        "Goal Baseline Latest Target By",
        "Goal families 35% 48% 60% 1.1.2027",
        "Action Quantity Frequency Owner When",
        "Action monthly meeting 10 monthly Owner Ruth 1.2027-6.2027",
    ]
    assert_in_order(lines, parts)
    # each level's row: the flag's level then the start of what the level means
    assert_in_order(
        lines,
        ["Inclusive growth 1 The service reaches", "competence", "4 Full and meaningful representation"],
    )


def test_flags_scoring_sheet(every: Every) -> None:
    workspace, records, folder = every
    lines = _lines(workspace, folder, "flags-sheet", records.flags, item=1)
    assert lines[0] == "Scoring sheet: Welfare Services"
    parts = ["Partner: ____", "Rubric version 1."]
    for _key, label in FLAGS:
        parts += [
            label,
            "Tick Level What the level means",
            "1 ",
            "2 ",
            "3 ",
            "4 ",
            "Evidence and links to strengthen:",
        ]
    assert_in_order(lines, parts)


def test_flags_workplan(every: Every) -> None:
    workspace, records, folder = every
    lines = _lines(workspace, folder, "flags-workplan", records.flags)
    assert lines[0] == "Work plan by flags: Southern Cluster"
    assert_in_order(
        lines,
        [
            "Item Flag Action Owner From To",
            "Welfare Services Inclusive growth Action monthly meeting Owner Ruth 1.2027 6.2027",
            "Measured goals: baseline and latest value",
            "Welfare Services Inclusive growth Goal families 35% 48% 60%",
            "Heat map: the latest agreed level of every item",
            "Welfare Services 1 2 3 4",
        ],
    )


def test_community_documents(every: Every) -> None:
    workspace, records, folder = every
    syllabus = _lines(workspace, folder, "syllabus", records.community)
    assert syllabus[0] == "Yearly syllabus: Community South"
    assert_in_order(
        syllabus,
        [
            "Economy · 1.9.2026-31.7.2027 · Year 1: founding the community",
            "Dates avoid the days kept by: Jewish and national days",
            "Community leader: Dana Tester",
            "1 member from Alphaville",
            "Meetings of the year",
            "No. Date Hebrew date Topic Host Format Notes",
            "1 Mon 12.10.2026",
            "Meeting Kickoff Betatown In",
            "Yearly Gantt chart",
            "Sept",
            "Jul",
            "Other meetings 1",
            "In person Online Two-day seminar",
        ],
    )
    plan = _lines(workspace, folder, "meeting-plan", records.community, meeting=1)
    assert plan[0] == "Meeting 1: Meeting Kickoff"
    assert_in_order(
        plan,
        [
            "Meeting plan – Community South",
            "Date: Mon 12.10.2026",
            "Place: Betatown · In person",
            "The meeting's professional goals",
            "The meeting's community goals",
            "Desired output of the meeting",
            "Schedule",
            "No blocks planned yet.",
            "Who is responsible, and materials",
        ],
    )
    teams = _lines(workspace, folder, "work-teams", records.community)
    assert teams[0] == "Work teams: Community South"
    assert_in_order(teams, ["No finish line set yet.", "State as of", "No work teams yet."])


def test_one_record_documents_load_only_their_records_people(every: Every) -> None:
    workspace, records, _folder = every
    community = document_data.community(workspace, records.community, "en")
    assert sorted(community.names.people.values()) == ["Dana Tester"]  # not "Stranger Outsider"
    assert sorted(community.names.authorities.values()) == ["Alphaville", "Betatown"]
    selection = document_data.selection(workspace, records.selection)
    assert sorted(selection.people.values()) == ["Dana Tester", "Omar Second"]
