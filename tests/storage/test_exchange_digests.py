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


def _hand_made(good: Path, out: Path, old: str, new: str) -> Path:
    """The file `good` made by hand (with a valid checksum), `old` replaced by `new` in its
    payload."""
    import hashlib
    import json
    import zipfile

    with zipfile.ZipFile(good) as archive:
        head = json.loads(archive.read(ex.HEADER_MEMBER))
        payload = archive.read(ex.PAYLOAD_MEMBER).decode()
    assert payload.count(old) == 1
    data = payload.replace(old, new).encode()
    head.update(payload_sha256=hashlib.sha256(data).hexdigest(), payload_bytes=len(data))
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(ex.HEADER_MEMBER, json.dumps(head))
        archive.writestr(ex.PAYLOAD_MEMBER, data)
    return out


def _forum_state(workspace: Workspace, title: str) -> Any:
    import json

    from desktop.storage.tables import ForumRecord

    with workspace.session() as session:
        forum = session.scalars(select(ForumRecord).where(ForumRecord.title == title)).one()
        return json.loads(forum.state)


_TITLE = '},"title":"פורום עיצוב ירוחם"}'


def test_a_document_read_with_a_key_repeated_after_it_is_stored_as_its_text(
    exported: Path, tmp_path: Path, processes: list[Any]
) -> None:
    """A hand-made file whose forum's fields repeat a key after its document is read as
    JSON reads it (the last value), and the document's text is stored as it is."""
    bad = _hand_made(exported, tmp_path / f"bad{ex.EXTENSION}", _TITLE, '},"title":"x",' + _TITLE[2:])
    target = create_workspace(tmp_path / "target.shutafut")
    plan = sx.plan_import(target, bad)
    [forum] = [r for r in plan.exchange.records if r.type == ex.FORUM and r.title == "פורום עיצוב ירוחם"]
    assert forum.uuid in plan.texts
    sx.apply_import(target, plan)
    assert _forum_state(target, "פורום עיצוב ירוחם") == forum.fields["state"]
    kinds = {record.uuid: record.type for record in plan.exchange.records}
    readers = sx._document_readers()  # (an agreement's document is written anew: its selection)
    assert set(plan.texts) == {uuid for uuid in plan.exchange.documents if kinds[uuid] in readers}
    assert {kinds[uuid] for uuid in plan.texts} >= {ex.FORUM, ex.SELECTION, ex.COMMUNITY}


def test_a_document_given_twice_is_its_last_written_anew(
    exported: Path, tmp_path: Path, processes: list[Any]
) -> None:
    """A document given twice in a record's fields: the last, as JSON reads it, written
    anew (neither text alone is the record's document)."""
    twice = _TITLE[:-1] + ',"state":{"sessions":[]}}'
    bad = _hand_made(exported, tmp_path / f"bad{ex.EXTENSION}", _TITLE, twice)
    target = create_workspace(tmp_path / "target.shutafut")
    with pytest.raises(ex.ExchangeRefused, match="cannot be read"):  # (that last is not a forum)
        sx.plan_import(target, bad)
    good = create_workspace(tmp_path / "good.shutafut")
    plan = sx.plan_import(good, exported)
    [forum] = [r for r in plan.exchange.records if r.type == ex.FORUM and r.title == "פורום עיצוב ירוחם"]
    import json

    document = json.dumps(forum.fields["state"], ensure_ascii=False, separators=(",", ":"))
    again = _hand_made(
        exported, tmp_path / f"again{ex.EXTENSION}", _TITLE, _TITLE[:-1] + ',"state":' + document + "}"
    )
    plan = sx.plan_import(target, again)
    [forum] = [r for r in plan.exchange.records if r.type == ex.FORUM and r.title == "פורום עיצוב ירוחם"]
    assert forum.uuid not in plan.texts and forum.uuid not in plan.exchange.documents
    sx.apply_import(target, plan)
    assert _forum_state(target, "פורום עיצוב ירוחם") == forum.fields["state"]


def test_digests_answered_for_other_records_are_computed_here(
    exported: Path,
    tmp_path: Path,
    processes: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here = create_workspace(tmp_path / "here.shutafut")
    monkeypatch.setattr(exchange_digests, "ELSEWHERE_FROM_BYTES", 1 << 40)
    sx.apply_import(here, sx.plan_import(here, exported))
    monkeypatch.setattr(exchange_digests, "ELSEWHERE_FROM_BYTES", 0)
    other = '{"55555555-5555-4555-8555-555555555555": ["a", "b"]}'
    script = f"import sys; sys.stdin.buffer.read(); print({other!r}, flush=True)"
    monkeypatch.setattr(exchange_digests, "_command", lambda _types: [sys.executable, "-c", script])
    target = create_workspace(tmp_path / "target.shutafut")
    sx.apply_import(target, sx.plan_import(target, exported))
    assert shared(target) == shared(here)
    assert not any(content_hash in ("a", "b") for _uuid, content_hash in shared(target))
