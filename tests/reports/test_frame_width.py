"""Nothing a document draws is wider than the column its text is set in: a table or chart built
wider than reportlab's frame hangs out of the page's margin, past the line under the page's
heading (in Hebrew to the left, in English to the right), and a chart's texts (a legend's
labels) must stay within the chart.

Every document of the rich workspace (long Hebrew paragraphs, wide tables), and every document
of the town instruments from the workspace holding one record of each, is printed in Hebrew,
Arabic and English while each flowable the frame places is checked against the frame's width."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.platypus.frames import Frame

from desktop.reports.registry import KINDS
from tests.reports.every_document import (
    RICH_FEATURES,
    TOWN_FEATURES,
    Records,
    build_rich_workspace,
    build_workspace,
    print_kind,
)


@contextmanager
def too_wide() -> Iterator[list[str]]:
    """The flowables placed wider than their frame's available width while the block runs,
    each named with how many points it is over."""
    found: list[str] = []
    place = Frame.add  # (the same function as Frame._add, bound to its own name)

    def checked_place(frame: Frame, flowable: Any, canvas: Any, trySplit: int = 0) -> int:  # noqa: N803
        draw = flowable.drawOn

        def draw_on(on: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
            if _sW < -0.01:  # (reportlab's room left beside it: negative when it is wider)
                found.append(f"{type(flowable).__name__} {-_sW:.1f} pt")
            if isinstance(flowable, Drawing) and flowable.contents:
                left, _bottom, right, _top = flowable.getBounds()  # (what it draws: texts as set)
                if left < -0.01 or right > flowable.width + 0.01:
                    found.append(
                        f"Drawing's content {min(left, 0):.1f} to {right - flowable.width:.1f} pt out"
                    )
            draw(on, x, y, _sW=_sW)

        own = vars(flowable)  # (set there: a Drawing refuses attributes it does not declare)
        own["drawOn"] = draw_on
        try:
            return int(place(frame, flowable, canvas, trySplit))
        finally:
            del own["drawOn"]

    Frame.add = checked_place  # type: ignore[method-assign]
    try:
        yield found
    finally:
        Frame.add = place  # type: ignore[method-assign]


def _overflows(
    workspace: Any, records: Records, features: tuple[str, ...], folder: Path
) -> dict[str, list[str]]:
    overflows = {}
    for kind in KINDS:
        if kind.feature not in features:
            continue
        for language in ("he", "ar", "en"):
            with too_wide() as found:
                print_kind(workspace, kind, records, folder / f"{kind.key}-{language}.pdf", language)
            if found:
                overflows[f"{kind.key} ({language})"] = sorted(set(found))
    return overflows


def test_the_detector_sees_a_table_wider_than_the_frame(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    with too_wide() as found:
        SimpleDocTemplate(str(tmp_path / "wide.pdf"), pagesize=A4).build([Table([["a", "b"]], [300, 300])])
    assert found == ["Table 160.7 pt"]  # (600 pt in A4's 595.3 less 2 x 72 pt margins and 2 x 6 pt padding)


def test_rich_documents_fit_their_column(tmp_path: Path) -> None:
    workspace, records = build_rich_workspace(tmp_path / "rich.shutafut")
    try:
        assert _overflows(workspace, records, RICH_FEATURES, tmp_path) == {}
    finally:
        workspace.close()


def test_town_instrument_documents_fit_their_column(tmp_path: Path) -> None:
    workspace, records = build_workspace(tmp_path / "every.shutafut")
    try:
        assert records.plan and records.portfolio and records.compass
        assert _overflows(workspace, records, TOWN_FEATURES, tmp_path) == {}
    finally:
        workspace.close()


def test_every_document_is_checked() -> None:
    assert {kind.feature for kind in KINDS} == set(RICH_FEATURES + TOWN_FEATURES)
