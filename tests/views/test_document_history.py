"""Undo and redo over a document's saves (views/saving.DocumentHistory), without a window."""

from __future__ import annotations

from desktop.models.selection_process import SelectionProcess
from desktop.views import saving
from desktop.views.saving import DocumentHistory


def _history(process: SelectionProcess, saved: list[str]) -> DocumentHistory:
    return DocumentHistory(process, lambda: saved.append(process.title), lambda: None, not_a_step=("page",))


def test_the_steps_kept_are_bounded_and_the_latest_are_kept(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(saving, "HISTORY_STEPS", 5)
    process = SelectionProcess(title="0")
    history = _history(process, [])
    for number in range(1, 12):
        process.title = str(number)
        history.saved()
    assert len(history.steps) == 5
    titles = []
    while history.can_undo():
        history.undo()
        titles.append(process.title)
    assert titles == ["10", "9", "8", "7"]  # the oldest dropped, the latest kept
    history.redo()
    assert process.title == "8"


def test_a_page_change_alone_is_no_step_and_a_step_back_keeps_the_page() -> None:
    saved: list[str] = []
    process = SelectionProcess(title="בחירה")
    history = _history(process, saved)
    process.page = 2
    history.saved()
    assert not history.can_undo()
    process.title = "בחירה 2027"
    history.saved()
    process.page = 4
    history.undo()
    assert (process.title, process.page, saved) == ("בחירה", 4, ["בחירה"])
