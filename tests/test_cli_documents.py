"""shutafut-cli list KIND and shutafut-cli pdf KEY for every document of the registry: a person
finds a record's number with `list`, then prints any of its documents by that number."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.reports.registry import KINDS
from tests.reports.every_document import Records, build_workspace

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Records]]:
    path = tmp_path_factory.mktemp("cli-documents") / "every.shutafut"
    workspace, records = build_workspace(path)
    from desktop.models.records import RecordKind
    from desktop.storage.cluster_store import start_profile
    from desktop.storage.reference_store import choices

    start_profile(workspace, choices(workspace, RecordKind.CLUSTER)[0][0])  # the cluster documents'
    workspace.close()
    yield path, records


def _listed(capsys: pytest.CaptureFixture[str], path: Path, kind: str) -> list[tuple[int, str]]:
    assert main(["list", kind, "--workspace", str(path)]) == 0
    rows = []
    for line in capsys.readouterr().out.splitlines():
        number, name = line.split("\t")
        rows.append((int(number), name))
    return rows


def test_list_prints_each_records_number_then_its_name(
    every: tuple[Path, Records], capsys: pytest.CaptureFixture[str]
) -> None:
    path, records = every
    assert _listed(capsys, path, "selections") == [(records.selection, "Selection 2027")]
    assert _listed(capsys, path, "agreements") == [(records.agreement, "Alphaville")]
    assert _listed(capsys, path, "forums") == [(records.forum, "Design Forum South")]
    assert _listed(capsys, path, "flags") == [(records.flags, "Southern Cluster")]
    assert _listed(capsys, path, "communities") == [(records.community, "Community South")]
    assert _listed(capsys, path, "clusters") == [(1, "Southern Cluster")]
    assert [name for _number, name in _listed(capsys, path, "authorities")] == [
        "Alphaville",
        "Betatown",
        "Richtown",
    ]


def test_list_refuses_an_unknown_kind_in_one_line(
    every: tuple[Path, Records], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _records = every
    assert main(["--lang", "en", "list", "people", "--workspace", str(path)]) == 2
    error = capsys.readouterr().err
    assert "Error:" in error and "Traceback" not in error


def _command(key: str, records: Records) -> list[str]:
    record = {
        "workspace": [],
        "selection": ["--id", str(records.selection)],
        "agreements": ["--id", str(records.agreement)],
        "forums": ["--id", str(records.forum)],
        "flags": ["--id", str(records.flags)],
        "communities": ["--id", str(records.community)],
        "clusters": ["--cluster", "Southern Cluster"],
        "collective-plans": ["--id", str(records.plan)],
        "portfolios": ["--town", "Alphaville"],
        "compasses": ["--id", str(records.compass)],
        "journey": ["--town", "Alphaville"],
    }
    options = {
        "mou": ["--version", "1"],
        "forum-agenda": ["--session", "2"],
        "forum-agenda-facilitator": ["--session", "1"],
        "forum-summary": ["--session", "1"],
        "flags-diagnosis": ["--diagnosis", str(records.diagnosis)],
        "flags-sheet": ["--item", "1"],
        "meeting-plan": ["--meeting", "1"],
        "outcomes-compass": ["--compare", "1"],
    }
    kind = next(k for k in KINDS if k.key == key)
    return [*record[kind.feature], *options.get(key, [])]


@pytest.mark.parametrize("key", [kind.key for kind in KINDS])
def test_every_document_of_the_registry_prints_from_the_command_line(
    every: tuple[Path, Records], tmp_path: Path, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path, records = every
    before = path.read_bytes()
    out = tmp_path / f"{key}.pdf"
    arguments = ["pdf", key, "--workspace", str(path), *_command(key, records), "--out", str(out)]
    assert main(["--lang", "en", *arguments, "--lang", "en"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert f"Written: {out}" in capsys.readouterr().out
    assert path.read_bytes() == before  # printing only reads


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["flags-workplan", "--id", "9"], "There is no flags work number 9 in"),
        (["flags-diagnosis", "--id", "{flags}", "--diagnosis", "7"], "There is no flags diagnosis number 7."),
        (["flags-sheet", "--id", "{flags}", "--item", "5"], "The flags work has no item number 5."),
        (["mou", "--id", "{agreement}", "--version", "4"], "The agreement has no version 4."),
        (["mou", "--id", "8"], "There is no agreement number 8 in"),
        (["selection", "--id", "8"], "There is no selection process number 8 in"),
        (["meeting-plan", "--id", "{community}", "--meeting", "3"], "has no meeting number 3."),
        (["forum-summary", "--id", "{forum}", "--session", "9"], "invalid choice: 9"),
        (["investment-portfolio", "--town", "Nowhere"], "no investment portfolio of a town called Nowhere."),
        (["investment-portfolio", "--id", "9"], "There is no investment portfolio number 9 in"),
        (["investment-portfolio"], "Name the town with --town"),
        (["outcomes-compass", "--id", "{compass}", "--compare", "2"], "no earlier taking number 2"),
    ],
)
def test_a_missing_record_or_choice_is_one_translated_line(
    every: tuple[Path, Records],
    tmp_path: Path,
    arguments: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, records = every
    filled = [
        a.format(
            flags=records.flags,
            agreement=records.agreement,
            community=records.community,
            forum=records.forum,
            compass=records.compass,
        )
        for a in arguments
    ]
    out = tmp_path / "x.pdf"
    code = main(["--lang", "en", "pdf", filled[0], "--workspace", str(path), *filled[1:], "--out", str(out)])
    error = capsys.readouterr().err
    assert code in (1, 2)
    assert message in error and "Traceback" not in error
    assert not out.exists()
    if code == 1:
        assert len(error.strip().splitlines()) == 1


def test_the_diagnosis_needs_its_number(
    every: tuple[Path, Records], capsys: pytest.CaptureFixture[str]
) -> None:
    path, records = every
    command = ["--lang", "en", "pdf", "flags-diagnosis", "--workspace", str(path), "--id", str(records.flags)]
    assert main([*command, "--out", "x.pdf"]) == 2
    assert "--diagnosis" in capsys.readouterr().err


def test_messages_are_translated(every: tuple[Path, Records], capsys: pytest.CaptureFixture[str]) -> None:
    path, _records = every
    assert main(["pdf", "flags-workplan", "--workspace", str(path), "--id", "9", "--out", "x.pdf"]) == 1
    error = capsys.readouterr().err.strip()
    assert "9" in error and "flags work" not in error  # Hebrew, the default language


def test_the_cli_imports_no_qt(every: tuple[Path, Records], tmp_path: Path) -> None:
    path, records = every
    script = (
        "import sys\n"
        "from desktop.cli import main\n"
        f"assert main(['list', 'flags', '--workspace', {str(path)!r}]) == 0\n"
        f"assert main(['pdf', 'flags-diagnosis', '--workspace', {str(path)!r}, '--id', '{records.flags}',"
        f" '--diagnosis', '{records.diagnosis}', '--out', {str(tmp_path / 'd.pdf')!r}]) == 0\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 0, run.stderr
