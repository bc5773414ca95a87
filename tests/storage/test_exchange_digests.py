"""The digests of a file's records computed in a process of their own while the records are
checked: the same hashes remembered as when computed here, and nothing left running."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop import i18n
from desktop.models import exchange as ex
from desktop.storage import exchange as sx
from desktop.storage import exchange_digests
from desktop.storage.tables import SharedVersion
from desktop.storage.workspace import Workspace, create_workspace
from tests.storage.exchange_data import build


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


@pytest.fixture
def processes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every file is hashed elsewhere, however small; the processes started, as started."""
    started: list[Any] = []
    start = exchange_digests.start

    def recording(payload: bytes, scalar_types: frozenset[str]) -> ex.PendingDigests | None:
        found = start(payload, scalar_types)
        started.append(found)
        return found

    monkeypatch.setattr(exchange_digests, "ELSEWHERE_FROM_BYTES", 0)
    monkeypatch.setattr(exchange_digests, "start", recording)
    yield started


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    workspace, _ids = build(tmp_path / "source.shutafut")
    out = tmp_path / f"out{ex.EXTENSION}"
    sx.export_exchange(workspace, out, ex.Scope.EVERYTHING)
    workspace.close()
    return out


def shared(workspace: Workspace) -> set[tuple[str, str]]:
    with workspace.session() as session:
        rows = session.execute(select(SharedVersion.record_uuid, SharedVersion.content_hash))
        return {(uuid, content_hash) for uuid, content_hash in rows}


def import_twice(path: Path, target: Workspace) -> None:
    sx.apply_import(target, sx.plan_import(target, path))
    plan = sx.plan_import(target, path)  # (an agreement is compared by its hash, before the rest)
    assert plan.count(ex.Decision.UNCHANGED) == len(plan.items)
    sx.apply_import(target, plan)


def test_the_hashes_computed_elsewhere_are_those_computed_here(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = create_workspace(tmp_path / "here.shutafut")
    import_twice(exported, here)  # (the file is far below ELSEWHERE_FROM_BYTES)
    hashes = {
        u: (h.full, h.without_contacts) for u, h in sx.plan_import(here, exported).exchange.hashes.items()
    }
    answers: list[Mapping[str, Sequence[str]] | None] = []
    result = exchange_digests._Process.result

    def recorded(process: Any) -> Mapping[str, Sequence[str]] | None:
        answers.append(result(process))
        return answers[-1]

    monkeypatch.setattr(exchange_digests, "ELSEWHERE_FROM_BYTES", 0)
    monkeypatch.setattr(exchange_digests._Process, "result", recorded)
    elsewhere = create_workspace(tmp_path / "elsewhere.shutafut")
    import_twice(exported, elsewhere)
    assert len(answers) == 2
    for answer in answers:  # every record hashed there, as here
        assert answer is not None
        assert {u: tuple(d) for u, d in answer.items()} == hashes
    assert shared(elsewhere) == shared(here)


def test_the_process_ends_once_its_answer_is_read(
    exported: Path, tmp_path: Path, processes: list[Any]
) -> None:
    target = create_workspace(tmp_path / "target.shutafut")
    plan = sx.plan_import(target, exported)
    assert plan.exchange.pending is None  # (taken in before the plan is handed over)
    [process] = processes
    assert process._process.poll() == 0


def test_a_module_in_the_working_folder_named_as_the_standard_librarys_is_not_imported_there(
    exported: Path,
    tmp_path: Path,
    processes: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = tmp_path / "working"
    folder.mkdir()
    (folder / "enum.py").write_text("raise SystemExit('the working folder was imported from')\n")
    monkeypatch.chdir(folder)
    target = create_workspace(tmp_path / "target.shutafut")
    with caplog.at_level(logging.WARNING, logger=exchange_digests.__name__):
        sx.plan_import(target, exported)
    assert "computed here" not in caplog.text
    [process] = processes
    assert process._process.returncode == 0


def test_a_file_refused_after_the_process_started_stops_it(
    exported: Path, tmp_path: Path, processes: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise ex.ExchangeRefused("refused")

    monkeypatch.setattr(sx, "_validate_documents", refuse)
    target = create_workspace(tmp_path / "target.shutafut")
    with pytest.raises(ex.ExchangeRefused):
        sx.plan_import(target, exported)
    [process] = processes
    assert process._process.returncode is not None  # stopped and waited for
    assert process._errors.closed


def test_a_process_that_fails_leaves_the_hashes_to_be_computed_here(
    exported: Path,
    tmp_path: Path,
    processes: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    here = create_workspace(tmp_path / "here.shutafut")
    monkeypatch.setattr(exchange_digests, "ELSEWHERE_FROM_BYTES", 1 << 40)
    sx.apply_import(here, sx.plan_import(here, exported))
    monkeypatch.setattr(exchange_digests, "ELSEWHERE_FROM_BYTES", 0)
    monkeypatch.setattr(
        exchange_digests, "_command", lambda _types: [sys.executable, "-c", "raise SystemExit('no digests')"]
    )
    target = create_workspace(tmp_path / "target.shutafut")
    with caplog.at_level(logging.WARNING, logger=exchange_digests.__name__):
        sx.apply_import(target, sx.plan_import(target, exported))
    assert "no digests" in caplog.text
    assert shared(target) == shared(here)


def test_a_process_that_cannot_start_leaves_the_hashes_to_be_computed_here(
    exported: Path, tmp_path: Path, processes: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange_digests, "_command", lambda _types: [str(tmp_path / "no-such-python")])
    target = create_workspace(tmp_path / "target.shutafut")
    plan = sx.plan_import(target, exported)
    assert processes == [None]
    assert set(plan.exchange.hashes) == {item.record.uuid for item in plan.items}


def _with_a_key_repeated_after_a_document(good: Path, out: Path) -> Path:
    """A hand-made file (valid checksum) whose forum's fields repeat a key after its document:
    that document's text in the file is more than the document."""
    import hashlib
    import json
    import zipfile

    with zipfile.ZipFile(good) as archive:
        head = json.loads(archive.read(ex.HEADER_MEMBER))
        payload = archive.read(ex.PAYLOAD_MEMBER).decode()
    title = '},"title":"פורום עיצוב ירוחם"}'
    assert payload.count(title) == 1
    data = payload.replace(title, '},"title":"x","title":"פורום עיצוב ירוחם"}').encode()
    head.update(payload_sha256=hashlib.sha256(data).hexdigest(), payload_bytes=len(data))
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(ex.HEADER_MEMBER, json.dumps(head))
        archive.writestr(ex.PAYLOAD_MEMBER, data)
    return out


def test_the_process_says_which_documents_texts_are_the_documents_alone(exported: Path) -> None:
    import zipfile

    with zipfile.ZipFile(exported) as archive:
        payload = archive.read(ex.PAYLOAD_MEMBER)
    types = frozenset({ex.PERSON, ex.ORGANISATION, ex.AUTHORITY})
    digests, documents = ex.payload_answers(payload, types)
    assert digests == ex.payload_digests(payload, types)
    assert set(documents) == set(sx.read_exchange_file(exported).documents) and documents
    bad = _with_a_key_repeated_after_a_document(exported, exported.with_name(f"bad{ex.EXTENSION}"))
    with zipfile.ZipFile(bad) as archive:
        _digests, found = ex.payload_answers(archive.read(ex.PAYLOAD_MEMBER), types)
    assert len(found) == len(documents) - 1  # (all but the forum's)


@pytest.mark.parametrize("known", ["by the process", "not by the process"])
def test_a_document_text_that_is_more_than_the_document_is_refused(
    exported: Path, tmp_path: Path, processes: list[Any], monkeypatch: pytest.MonkeyPatch, known: str
) -> None:
    if known == "not by the process":  # (then each text is parsed here)
        monkeypatch.setattr(exchange_digests._Process, "documents_read", lambda _process: None)
    target = create_workspace(tmp_path / "target.shutafut")
    bad = _with_a_key_repeated_after_a_document(exported, tmp_path / f"bad{ex.EXTENSION}")
    with pytest.raises(ex.ExchangeRefused, match="cannot be read"):
        sx.plan_import(target, bad)
    plan = sx.plan_import(target, exported)  # (the good file: every document's text stored as it is)
    kinds = {record.uuid: record.type for record in plan.exchange.records}
    readers = sx._document_readers()  # (an agreement's document is written anew: its selection)
    assert set(plan.texts) == {uuid for uuid in plan.exchange.documents if kinds[uuid] in readers}
    assert plan.texts


def test_an_import_that_writes_no_document_does_not_wait_for_the_documents_answer(
    exported: Path, tmp_path: Path, processes: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = create_workspace(tmp_path / "target.shutafut")
    sx.apply_import(target, sx.plan_import(target, exported))
    asked: list[int] = []
    documents_read = exchange_digests._Process.documents_read

    def counted(process: Any) -> frozenset[str] | None:
        asked.append(1)
        return documents_read(process)

    monkeypatch.setattr(exchange_digests._Process, "documents_read", counted)
    plan = sx.plan_import(target, exported)  # (again: every record unchanged)
    assert plan.count(ex.Decision.UNCHANGED) == len(plan.items)
    assert asked == []
    assert processes[-1]._process.poll() is not None  # (stopped once the plan was ready)
    assert plan.exchange.elsewhere is None


def test_a_process_that_fails_after_its_digests_leaves_the_documents_to_be_parsed_here(
    exported: Path,
    tmp_path: Path,
    processes: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    script = "import sys; sys.stdin.buffer.read(); print('{}', flush=True); raise SystemExit('no documents')"
    monkeypatch.setattr(exchange_digests, "_command", lambda _types: [sys.executable, "-c", script])
    target = create_workspace(tmp_path / "target.shutafut")
    with caplog.at_level(logging.WARNING, logger=exchange_digests.__name__):
        plan = sx.plan_import(target, exported)  # (no digests answered: all computed here)
    assert "no documents" in caplog.text
    assert plan.texts and set(plan.exchange.hashes) == {item.record.uuid for item in plan.items}
    bad = _with_a_key_repeated_after_a_document(exported, tmp_path / f"bad{ex.EXTENSION}")
    with pytest.raises(ex.ExchangeRefused, match="cannot be read"):
        sx.plan_import(target, bad)
