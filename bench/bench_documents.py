"""Documents printed from the large workspace, each against a floor measured in the same run.

    .venv/bin/python bench/bench_documents.py [--cache FOLDER] [--runs N]

The workspace comes from make_large_workspace.py (cached in FOLDER, built on first use) and is
copied to a temporary folder, where one community gets a year of meetings and two work teams
and a design forum with 4,000 ideas is added. Each document is printed with the app's own
export (desktop.documents.export_document: its data loaded from the workspace, then the PDF
built) and timed against plain reportlab drawing the same cells: every table the document
draws (its cells' texts and column widths, recorded while it was built), as plain paragraphs
in the Rubik font in plain tables, no bidi and no Arabic shaping. CPU time of the same runs is
printed too: on a busy machine the wall time waits for the processor, the CPU time less so. Targets (medians):
- syllabus, meeting-plan and work-teams PDFs of a 15-member community: under 150 ms (flat in
  the workspace's size: bench_growth.py times the community's loader at 0.1x and 1x)
- selection decision PDF, workspace summary PDF, forum session summary with 4,000 ideas: under 1 s
Then the peak memory (RSS) of a process printing the largest PDF, beside one that opens the
workspace and loads that document's data only. Exits non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result, interleaved_with_cpu, print_table  # noqa: E402
from make_large_workspace import forum_with_ideas, large_workspace  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
DEFAULT_CACHE = ROOT / "bench" / ".cache"
BIG_FORUM_IDEAS = 4000
BIG_FORUM_TITLE = "פורום עיצוב גדול"


@dataclass(frozen=True)
class Printed:
    """One document of the bench: what export_document is called with, and its target."""

    name: str
    key: str
    record_id: int | None
    options: dict[str, Any]
    limit: float  # seconds

    @property
    def target(self) -> str:
        return f"< {self.limit * 1000:.0f} ms" if self.limit < 1 else f"< {self.limit:g} s"


# --- the workspace the bench prints from --------------------------------------------------------


def prepare(source: Path, folder: Path) -> tuple[Path, list[Printed]]:
    """A copy of the large workspace with a community's year and a 4,000-idea forum added."""
    from desktop.storage.community_store import list_communities
    from desktop.storage.workspace import open_workspace

    path = folder / "documents.shutafut"
    shutil.copy(source, path)
    workspace = open_workspace(path)
    try:
        community_id = list_communities(workspace)[0].id
        _plan_year(workspace, community_id)
        forum_id = _big_forum(workspace)
        process_id = _first_selection(workspace)
    finally:
        workspace.close()
    documents = [
        Printed("syllabus PDF, 15 members", "syllabus", community_id, {}, 0.150),
        Printed("meeting-plan PDF, 15 members", "meeting-plan", community_id, {"meeting": 3}, 0.150),
        Printed("work-teams PDF, 15 members", "work-teams", community_id, {}, 0.150),
        Printed("selection decision PDF", "selection", process_id, {}, 1.0),
        Printed("workspace summary PDF", "summary", None, {}, 1.0),
        Printed(
            f"forum session summary, {BIG_FORUM_IDEAS:,} ideas",
            "forum-summary",
            forum_id,
            {"session": 1},
            1.0,
        ),
    ]
    return path, documents


def _plan_year(workspace: Any, community_id: int) -> None:
    """Ten monthly meetings and two work teams of five members for the community."""
    from desktop.models.syllabus import draft_year
    from desktop.models.work_teams import Stage, default_stage_dates, new_team
    from desktop.storage.community_store import load_community, save_community

    community = load_community(workspace, community_id)
    start = date(2027, 9, 15)
    days = [start + timedelta(days=30 * month) for month in range(10)]
    community.meetings = draft_year([], days, community.member_authorities())
    people = [member.person for member in community.members]
    finish_line = days[-1]
    community.finish_line = finish_line
    for number, team_people in enumerate((people[:5], people[5:10]), start=1):
        team = new_team(f"צוות עבודה {number}", community.teams)
        team.topic = "קידום עסקים קטנים ובינוניים"
        team.members = team_people
        team.roles = {"facilitator": team_people[0], "documenter": team_people[1]}
        team.stages = [
            Stage(due, index < 2) for index, due in enumerate(default_stage_dates(start, finish_line))
        ]
        community.teams.append(team)
    save_community(workspace, community, community_id)


def _big_forum(workspace: Any) -> int:
    from desktop.storage.forum_store import save_forum

    rng = random.Random(4000)
    forum = forum_with_ideas(BIG_FORUM_TITLE, 60, BIG_FORUM_IDEAS, rng)
    clusters = forum.clusters
    for participant in forum.participants:
        forum.vote_by_participant(1, participant.id, {rng.choice(clusters).id: 2, rng.choice(clusters).id: 1})
    return save_forum(workspace, forum)


def _first_selection(workspace: Any) -> int:
    from desktop.storage.selection_store import list_processes

    return min(process.id for process in list_processes(workspace))


# --- the floor: the same cells in plain reportlab tables --------------------------------------------


Tables = list[tuple[list[list[str]], list[float], bool]]  # (rows of cell texts, widths, header)


@contextmanager
def recording_tables() -> Iterator[Tables]:
    """Every table DocumentBuilder draws inside, with its cells' texts and column widths."""
    from reportlab.platypus import Paragraph

    from desktop.reports.document import DocumentBuilder

    recorded: Tables = []
    original = DocumentBuilder._table

    def text_of(cell: Any) -> str:
        if isinstance(cell, Paragraph):
            return "".join(getattr(fragment, "text", "") for fragment in cell.frags)
        return str(cell)

    def record(self: Any, cells: list[list[Any]], widths: list[float], *, header: bool, grid: bool) -> Any:
        recorded.append(([[text_of(cell) for cell in row] for row in cells], list(widths), header))
        return original(self, cells, widths, header=header, grid=grid)

    setattr(DocumentBuilder, "_table", record)  # noqa: B010 - restored below
    try:
        yield recorded
    finally:
        setattr(DocumentBuilder, "_table", original)  # noqa: B010


def plain_tables(tables: Tables) -> Callable[[], bytes]:
    """Builds a PDF of `tables` with plain reportlab: Paragraphs in the Rubik font, a grid."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from desktop.reports.document import GRID_COLOUR, PAGE_MARGIN
    from desktop.reports.fonts import FONT_FILES

    # Rubik as reportlab loads any TrueType font (the app registers its own measuring classes).
    if "FloorRubik" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FloorRubik", str(FONT_FILES["Rubik"])))
    style = ParagraphStyle("floor", fontName="FloorRubik", fontSize=9.5, leading=9.5 * 1.45)

    def build() -> bytes:
        story = []
        for rows, widths, header in tables:
            table = Table(
                [[Paragraph(escape(text), style) for text in row] for row in rows],
                colWidths=widths,
                repeatRows=1 if header else 0,
            )
            table.setStyle(
                TableStyle(
                    [("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR), ("VALIGN", (0, 0), (-1, -1), "TOP")]
                )
            )
            story.append(table)
        buffer = io.BytesIO()
        margins = {side: PAGE_MARGIN for side in ("leftMargin", "rightMargin", "topMargin", "bottomMargin")}
        SimpleDocTemplate(buffer, pagesize=A4, **margins).build(story)
        return buffer.getvalue()

    return build


# --- measures ---------------------------------------------------------------------------------------


def document_results(
    path: Path, documents: list[Printed], runs: int, out: Path
) -> tuple[list[Result], dict[str, float], dict[str, int], dict[str, int]]:
    """The results; by document name its CPU time, its PDF's size and its number of pages."""
    from desktop.documents import export_document
    from desktop.storage.workspace import open_workspace

    workspace = open_workspace(path)
    results = []
    cpu: dict[str, float] = {}
    sizes: dict[str, int] = {}
    pages: dict[str, int] = {}
    try:
        for document in documents:

            def export(document: Printed = document) -> None:
                export_document(workspace, document.key, document.record_id, out, "he", **document.options)

            with recording_tables() as tables:
                export()
            cells = sum(len(row) for rows, _widths, _header in tables for row in rows)
            sizes[document.name] = out.stat().st_size
            pages[document.name] = out.read_bytes().count(b"/Type /Page\n")
            timed = interleaved_with_cpu(export, plain_tables(tables), runs)
            seconds, floor, cpu[document.name] = timed.seconds, timed.baseline_seconds, timed.cpu_seconds
            results.append(
                Result(
                    document.name,
                    seconds,
                    f"plain tables, {cells:,} cells",
                    floor,
                    document.target,
                    seconds < document.limit,
                )
            )
    finally:
        workspace.close()
    return results, cpu, sizes, pages


def document_measures(small_path: Path, full_path: Path, runs: int) -> tuple[list[Any], list[Any]]:
    """For bench_growth.py: the one-record document loaders and the syllabus PDF, which should
    not grow with the workspace (reference_measures.Measure, flat), on the small and the full
    workspace; each measured alternately on both, so machine noise hits both alike."""
    from harness import interleaved_medians
    from reference_measures import flat_measures

    from desktop.documents import export_document
    from desktop.storage import document_data
    from desktop.storage.community_store import list_communities
    from desktop.storage.workspace import open_workspace

    small, full = open_workspace(small_path), open_workspace(full_path)
    try:
        communities = [list_communities(w)[0].id for w in (small, full)]
        processes = [_first_selection(w) for w in (small, full)]
        with tempfile.TemporaryDirectory() as name:
            out = Path(name) / "syllabus.pdf"
            syllabus = interleaved_medians(
                lambda: export_document(small, "syllabus", communities[0], out, "he"),
                lambda: export_document(full, "syllabus", communities[1], out, "he"),
                runs,
            )
        community = interleaved_medians(
            lambda: document_data.community(small, communities[0], "he"),
            lambda: document_data.community(full, communities[1], "he"),
            runs,
        )
        selection = interleaved_medians(
            lambda: document_data.selection(small, processes[0]),
            lambda: document_data.selection(full, processes[1]),
            runs,
        )
    finally:
        small.close()
        full.close()
    return flat_measures(
        ("load one community's document data", community),
        ("syllabus PDF of one community", syllabus),
        ("load one selection's document data", selection),
    )


# Prints one document in a child process and reports that process's peak RSS in kilobytes:
# VmHWM, its own (ru_maxrss would keep the bench's, which forked it: it read the bench's size).
PRINT_ONE = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from desktop.storage.workspace import open_workspace
from desktop.documents import export_document, load_document_data
def status_kb(name):
    return int(next(line.split()[1] for line in open("/proc/self/status") if line.startswith(name + ":")))
def resident_kb():
    return status_kb("VmRSS")
workspace = open_workspace(Path({path!r}))
before = resident_kb()
if {build!r}:
    export_document(workspace, {key!r}, {record_id!r}, Path({out!r}), "he", **{options!r})
else:
    load_document_data(workspace, {key!r}, {record_id!r}, "he", **{options!r})
after = resident_kb()
workspace.close()
print(before, after, status_kb("VmHWM"))
"""


def rss_mb(path: Path, document: Printed, out: Path, *, build: bool) -> tuple[float, float, float]:
    """(resident after opening the workspace, resident at the end, peak) of a child process
    that prints `document` (`build`) or only loads its data."""
    code = PRINT_ONE.format(
        root=str(ROOT),
        path=str(path),
        build=build,
        key=document.key,
        record_id=document.record_id,
        out=str(out),
        options=document.options,
    )
    printed = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    )
    before, after, peak = (int(kb) / 1024 for kb in printed.stdout.split()[-3:])
    return before, after, peak


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    source = large_workspace(arguments.cache)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path, documents = prepare(source, folder)
        results, cpu, sizes, pages = document_results(path, documents, arguments.runs, folder / "out.pdf")
        largest = max(documents, key=lambda document: sizes[document.name])
        opened, printed, printing = rss_mb(path, largest, folder / "largest.pdf", build=True)
        _opened, loaded, loading = rss_mb(path, largest, folder / "largest.pdf", build=False)
    print_table(f"Documents, large workspace (median of {arguments.runs} runs)", results)
    print("\nprocess CPU time of the same runs (what a quiet machine would show as the wall time):")
    for result in results:
        print(f"  {result.name:44} {cpu[result.name] * 1000:8.1f} ms")
    print(
        f"\npeak RSS printing the largest PDF ({largest.name}, {sizes[largest.name] / 1e6:.1f} MB, "
        f"{pages[largest.name]} pages): {printing:.0f} MB; opening the workspace and loading the "
        f"document's data only: {loading:.0f} MB\n(resident after opening {opened:.0f} MB, "
        f"after printing {printed:.0f} MB, after loading only {loaded:.0f} MB)"
    )
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
