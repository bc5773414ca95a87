"""desktop.collector: the cycle collector paused around large work, without Qt."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import collector


class _Kept:
    def __init__(self) -> None:
        self.parts = [{"n": n, "of": [n]} for n in range(1000)]


@pytest.fixture(autouse=True)
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_paused_inside_and_resumes_after() -> None:
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_what_the_work_kept_moves_to_the_oldest_generation_when_the_collector_resumes() -> None:
    """Left in the youngest generation, what the work kept (half a million objects for a
    checked import) would be walked all at once by the first collection after the work, on
    whichever thread allocates next: the window's."""
    with collector.paused():
        kept = _Kept()
    oldest = {id(thing) for thing in gc.get_objects(generation=2)}
    assert id(kept) in oldest and id(kept.parts) in oldest


def test_it_resumes_only_when_the_last_of_several_threads_has_left() -> None:
    inside, leave = threading.Event(), threading.Event()

    def other_work() -> None:
        with collector.paused():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other_work)
    thread.start()
    assert inside.wait(10)
    with collector.paused():
        pass
    assert not gc.isenabled()  # the other thread's work still runs
    leave.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_a_document_is_built_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A large PDF makes hundreds of thousands of short-lived objects (the workspace summary
    spent a fifth of its time in the collector's full passes)."""
    from desktop import documents

    seen: list[bool] = []

    class _Kind:
        def build(self, data: object, out: Path, language: str) -> bytes:
            seen.append(gc.isenabled())
            return b""

    monkeypatch.setattr(documents, "document_kind", lambda key: _Kind())
    documents.PreparedDocument("summary", None, None).build(tmp_path / "out.pdf", "he")
    assert seen == [False]
    assert gc.isenabled()
