"""Issue 14, the command line: nothing overwritten by mistake, one clear line for every error.

These run the real `shutafut-cli` in a subprocess (a full disk and a short wait for a busy
workspace's lock are set in-process, where they can be monkeypatched).
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.models import exchange as ex
from tests.storage.exchange_data import build, file_hash

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "desktop.cli", "--lang", "en"]


def _environment() -> dict[str, str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("SHUTAFUT_DATABASE_URL", None)
    return environment


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return run_all([list(arguments)])[0]


def run_all(commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Run independent CLI commands side by side (each is a real process; this keeps the
    suite's time down) and return their results in order."""
    processes = [
        subprocess.Popen(
            [*CLI, *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_environment(),
        )
        for arguments in commands
    ]
    results = []
    for arguments, process in zip(commands, processes, strict=True):
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess([*CLI, *arguments], process.returncode, out, err))
    return results


def in_process(capsys: pytest.CaptureFixture[str], *arguments: str) -> subprocess.CompletedProcess[str]:
    """The same command through `desktop.cli.main` in this process: for the variants of a
    case whose first example runs as a real process (so the suite stays fast)."""
    from desktop.cli import main

    capsys.readouterr()
    code = main(["--lang", "en", *arguments])
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(list(arguments), code, out, err)


def one_line_error(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith(" ")]
    message = lines[-1]
    for text in expected:
        assert text in result.stderr, result.stderr
    return message


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop.storage.demo import create_demo_workspace

    path = tmp_path_factory.mktemp("cli-files") / "ws.shutafut"
    create_demo_workspace(path).close()
    return path


def test_pdf_never_overwrites_a_workspace_and_asks_for_force_over_a_pdf(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = tmp_path / "ws.shutafut"
    workspace.write_bytes(demo.read_bytes())
    before = file_hash(workspace)
    pdf = ["pdf", "summary", "--workspace", str(workspace), "--out"]
    one_line_error(run(*pdf, str(workspace)), "not a PDF")  # the real command
    assert file_hash(workspace) == before
    other = tmp_path / "notes.txt"
    other.write_text("mine")
    one_line_error(in_process(capsys, *pdf, str(other), "--force"), "not a PDF")
    assert other.read_text() == "mine"
    out = tmp_path / "summary.pdf"
    assert in_process(capsys, *pdf, str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # it names people
    one_line_error(in_process(capsys, *pdf, str(out)), "--force")
    assert in_process(capsys, *pdf, str(out), "--force").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "summary.pdf", "ws.shutafut"]


def test_an_id_no_record_can_have_is_one_line(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = ["pdf", "selection", "--workspace", str(demo), "--out", str(tmp_path / "x.pdf"), "--id"]
    result = run(*pdf, str(10**30))
    assert result.returncode == 2
    one_line_error(result, "--id")
    for number in [str(2**63), "0", "-1", "12abc"]:
        result = in_process(capsys, *pdf, number)
        assert result.returncode == 2
        one_line_error(result, "--id")
    one_line_error(in_process(capsys, *pdf, str(2**63 - 1)), "no selection process number")
    assert not (tmp_path / "x.pdf").exists()


SERVER_ADDRESSES = {
    ":notaport": "not a database address",
    "postgresql://dana@server:notaport/db": "not a database address",
    "postgresql://dana:se@cret@localhost/db": "%40",
}


def test_malformed_server_addresses_and_missing_files_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server, missing = run_all(
        [
            ["list", "authorities", "--database-url", "postgresql://dana:se@cret@localhost/db"],
            ["backups", "--workspace", str(tmp_path / "missing.shutafut")],
        ]
    )
    one_line_error(server, "%40")
    assert "cret" not in server.stderr  # no part of the password
    one_line_error(missing, "missing.shutafut")
    for address, expected in SERVER_ADDRESSES.items():
        result = in_process(capsys, "list", "authorities", "--database-url", address)
        one_line_error(result, expected)
        assert "cret" not in result.stderr
    foreign = tmp_path / "foreign.shutafut"
    foreign.write_text("hello")
    one_line_error(in_process(capsys, "backups", "--workspace", str(foreign)), "foreign.shutafut")


def _craft(good: Path, out: Path, record_type: str, field: str, raw_value: bytes) -> Path:
    import hashlib

    with zipfile.ZipFile(good) as archive:
        head = json.loads(archive.read(ex.HEADER_MEMBER))
        payload = json.loads(archive.read(ex.PAYLOAD_MEMBER))
    next(r for r in payload["records"] if r["type"] == record_type)["fields"][field] = "@@VALUE@@"
    data = json.dumps(payload).encode().replace(b'"@@VALUE@@"', raw_value)
    head.update(payload_sha256=hashlib.sha256(data).hexdigest(), payload_bytes=len(data))
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(ex.HEADER_MEMBER, json.dumps(head))
        archive.writestr(ex.PAYLOAD_MEMBER, data)
    return out


CRAFTED = {
    "deep nesting": (ex.FORUM, "state", b"[" * 50_000 + b"]" * 50_000),
    "a lone surrogate": (ex.PERSON, "full_name", b'"\\ud800 Dana"'),
    "a 10^30 integer": (ex.AUTHORITY, "population", str(10**30).encode()),
    "an escape sequence": (ex.PERSON, "full_name", b'"\\u001b]0;owned\\u0007\\u001b[2J Dana"'),
    "a bad status": (ex.AUTHORITY, "municipal_status", b'"\'; drop table authority; --"'),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-exchange")
    source, _ids = build(folder / "source.shutafut")
    source.close()
    out = folder / f"all{ex.EXTENSION}"
    result = run(
        "export", "--workspace", str(folder / "source.shutafut"), "--scope", "everything", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    return out


def test_crafted_exchange_files_are_one_line_and_change_nothing(
    demo: Path, exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for number, case in enumerate(sorted(CRAFTED)):
        target = tmp_path / f"target{number}.shutafut"
        target.write_bytes(demo.read_bytes())
        before = file_hash(target)
        bad = _craft(exported, tmp_path / f"bad{number}{ex.EXTENSION}", *CRAFTED[case])
        command = ["import", "--workspace", str(target), "--file", str(bad)]
        result = run(*command) if case == "deep nesting" else in_process(capsys, *command)
        one_line_error(result, "was not imported")
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        assert file_hash(target) == before


def test_a_busy_workspace_is_one_line_and_export_leaves_no_file(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = tmp_path / "ws.shutafut"
    workspace.write_bytes(demo.read_bytes())
    blocker = sqlite3.connect(workspace, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program is writing
    # (in this process, its connections waiting a tenth of a second for the lock, not SQLite's
    # 5 s; SQLAlchemy connects through sqlite3.dbapi2)
    real_connect = sqlite3.dbapi2.connect
    monkeypatch.setattr(
        sqlite3.dbapi2,
        "connect",
        lambda *arguments, **options: real_connect(*arguments, **{**options, "timeout": 0.1}),
    )
    try:
        out = tmp_path / f"out{ex.EXTENSION}"
        export = ["export", "--workspace", str(workspace), "--scope", "everything", "--out", str(out)]
        result = in_process(capsys, *export)
        one_line_error(result, "busy", "Try again")
        assert not out.exists()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_a_full_disk_during_backup_out_is_one_line(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    real_connect = sqlite3.connect

    class Full:
        def __init__(self, connection: sqlite3.Connection) -> None:
            self._connection = connection

        def backup(self, *_arguments: object, **_options: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        def __getattr__(self, name: str) -> object:
            return getattr(self._connection, name)

    def connect(database: object, *arguments: object, **options: object) -> object:
        connection = real_connect(database, *arguments, **options)  # type: ignore[call-overload]
        return Full(connection) if options.get("uri") else connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    out = tmp_path / "copy.shutafut"
    code = main(["--lang", "en", "backup", "--workspace", str(demo), "--out", str(out)])
    monkeypatch.undo()
    error = capsys.readouterr().err
    assert code == 1 and "full" in error and "Traceback" not in error and len(error.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_export_and_check_with_odd_names_use_the_named_file(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decoy = tmp_path / "plan A.shutafut"
    decoy.write_bytes(demo.read_bytes())
    before = file_hash(decoy)
    for name in ["plan%20A", "what?", "a#b", "תוכנית עבודה"]:
        path = tmp_path / f"{name}.shutafut"
        path.write_bytes(demo.read_bytes())
        out = tmp_path / f"{name}{ex.EXTENSION}"
        export = ["export", "--workspace", str(path), "--scope", "everything", "--out", str(out)]
        result = run(*export) if name == "plan%20A" else in_process(capsys, *export)
        assert result.returncode == 0, result.stderr
        assert in_process(capsys, "check", str(path)).returncode == 0
        assert out.exists() and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert file_hash(decoy) == before
