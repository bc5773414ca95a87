"""Issue 15's document defects, each checked on the rich Hebrew workspace: work-plan dates as
d.M.yyyy never split, a percentage kept with its number, the heat map coloured with a key,
ranges drawn low-to-high as one unit, "R&D" kept whole."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop.reports.bidi_text import shape_arabic
from desktop.reports.flags_report import HEAT_COLOURS
from desktop.storage.workspace import Workspace
from tests.reports.every_document import Records, build_rich_workspace
from tests.reports.pdf_tools import drawn_lines, needs_poppler, pdf_pages, print_document, word_boxes

pytestmark = needs_poppler


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, Records, Path]:
    folder = tmp_path_factory.mktemp("rich")
    workspace, records = build_rich_workspace(folder / "rich.shutafut")
    return workspace, records, folder


def _colours(pdf: Path) -> set[tuple[int, int, int]]:
    """The colours of the first page rendered at 20 dpi (PPM)."""
    data = subprocess.run(
        ["pdftoppm", "-r", "20", "-f", "1", "-l", "1", str(pdf)], capture_output=True, check=True
    ).stdout
    header_end = 0
    for _ in range(3):
        header_end = data.index(b"\n", header_end) + 1
    pixels = data[header_end:]
    return {(pixels[i], pixels[i + 1], pixels[i + 2]) for i in range(0, len(pixels) - 2, 3)}


def test_work_plan_dates_percentages_and_a_coloured_heat_map_with_its_key(rich) -> None:  # type: ignore[no-untyped-def]
    workspace, records, folder = rich
    out = folder / "workplan.pdf"
    print_document(workspace, "flags-workplan", records.flags, out, "he")
    words = " ".join(drawn_lines(out)).split()
    assert "15.1.2027" in words and "30.6.2027" in words  # not "2027-01-15", not split
    assert not any("2027-01" in word for word in words)
    assert "60%" in words and "35%" in words and "%" not in words  # "% 60" before
    assert "ארקמ" in words  # "מקרא", the key under the map, as drawn (letters left to right)
    colours = _colours(out)
    for colour in HEAT_COLOURS.values():
        wanted = (round(colour.red * 255), round(colour.green * 255), round(colour.blue * 255))
        assert any(all(abs(a - b) <= 3 for a, b in zip(pixel, wanted, strict=True)) for pixel in colours), (
            wanted
        )


def test_ranges_are_drawn_low_to_high_as_one_unit_and_r_and_d_is_kept(rich) -> None:  # type: ignore[no-untyped-def]
    workspace, records, folder = rich
    out = folder / "agenda.pdf"
    print_document(workspace, "forum-agenda", records.forum, out, "he", session=1)
    words = " ".join(drawn_lines(out)).split()
    assert "17:00-17:20" in words and "17:20-18:10" in words  # not "17:20–17:00"
    assert "12-18)" in words or "(12-18" in words or "12-18" in " ".join(words)
    assert "R&D" in words and "&" not in words


@pytest.mark.parametrize(
    ("language", "ofakim", "netivot"), [("en", "Ofakim", "Netivot"), ("ar", "أوفاكيم", "نتيفوت")]
)
def test_selection_report_names_towns_in_its_language(rich, language: str, ofakim: str, netivot: str) -> None:  # type: ignore[no-untyped-def]
    workspace, records, folder = rich
    out = folder / f"selection-{language}.pdf"
    print_document(workspace, "selection", records.selection, out, language)
    text = "\n".join(pdf_pages(out))
    if language == "en":
        assert "Ofakim" in text and "Netivot" in text
    else:  # Arabic is drawn in its presentation forms: compare the shapes
        assert shape_arabic(ofakim) in text.replace(" ", "") or ofakim in text
    assert "נתיבות" not in text
    assert text.count("אופקים") == 1  # only in the rationale as the team typed it


def test_criteria_sit_indented_under_their_group(rich) -> None:  # type: ignore[no-untyped-def]
    workspace, records, folder = rich
    out = folder / "selection-en.pdf"
    print_document(workspace, "selection", records.selection, out, "en")
    boxes = word_boxes(out)
    # "Change capabilities and leadership", then its first criterion "Formal leadership of the town"
    group = next(x for word, x, _y, _page in boxes if word == "Change")
    criterion = next(x for word, x, _y, _page in boxes if word == "Formal")
    assert criterion > group + 10, (group, criterion)


def test_a_heading_right_above_another_never_stays_alone_at_a_page_foot() -> None:
    from reportlab.platypus import CondPageBreak

    from desktop.reports.document import HEADING_ROOM, DocumentBuilder

    document = DocumentBuilder("בדיקה", "he")
    document.heading("תכנון לפי דגלים")
    document.heading("צמיחה מכלילה", 2)
    document.paragraph("תוצאה רצויה")
    breaks = [flowable for flowable in document.story if isinstance(flowable, CondPageBreak)]
    # one break before both headings, asking room for the second heading too
    assert len(breaks) == 1 and breaks[0].height > HEADING_ROOM + 10
    assert document.story.index(breaks[0]) == 0


@pytest.mark.parametrize("key", ["selection", "flags-diagnosis", "syllabus"])
def test_every_chart_has_its_caption(rich, key: str) -> None:  # type: ignore[no-untyped-def]
    workspace, records, folder = rich
    out = folder / f"{key}-en.pdf"
    record = {
        "selection": records.selection,
        "flags-diagnosis": records.flags,
        "syllabus": records.community,
    }[key]
    options = {"diagnosis": records.diagnosis} if key == "flags-diagnosis" else {}
    print_document(workspace, key, record, out, "en", **options)
    caption = {
        "selection": "Each town's total (0-100), by part of the weighting.",
        "flags-diagnosis": "The agreed level of each flag, from 1 (centre) to 4 (edge).",
        "syllabus": "The year's meetings by month, numbered as in the table; the key is under the chart.",
    }[key]
    assert caption in "\n".join(pdf_pages(out))


def test_cluster_documents_write_dates_d_m_yyyy_and_draw_only_glyphs_the_fonts_have(rich) -> None:  # type: ignore[no-untyped-def]
    from tests.reports.pdf_tools import embedded_fonts

    workspace, records, folder = rich
    profile = folder / "cluster-profile.pdf"
    print_document(workspace, "cluster-profile", records.profile, profile, "he")
    words = " ".join(drawn_lines(profile)).split()
    assert "1.1.2022" in words and "2022-01-01" not in " ".join(words)  # the membership list's date
    guidance = folder / "guidance-needs.pdf"
    print_document(workspace, "guidance-needs", records.profile, guidance, "he")
    text = "\n".join(pdf_pages(guidance))
    assert "★" not in text and "*" in text  # the fonts have no star: the national needs' mark
    assert all(embedded_fonts(guidance).values())
