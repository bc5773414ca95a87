"""shutafut-cli export / import: scopes, refusals, conflicts listed and settled by a flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models import exchange as ex
from desktop.models.records import RecordKind
from desktop.storage.reference_store import load_record, save_record
from desktop.storage.workspace import create_workspace, open_workspace
from tests.storage.exchange_data import build, file_hash


def _export_everything(workspace: Path, out: Path) -> list[str]:
    scope = ["--scope", "everything"]
    return ["--lang", "en", "export", "--workspace", str(workspace), *scope, "--out", str(out)]


@pytest.mark.parametrize("more_people, count", [(0, "15"), (1200, "1,215")])
def test_export_then_import_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], more_people: int, count: str
) -> None:
    """Counts are written as numbers of the language: a foundation's "1,215", not "1215"."""
    from desktop.storage.tables import Person

    source, _ids = build(tmp_path / "a.shutafut")
    with source.session() as session:
        session.add_all(Person(full_name=f"אדם {n}") for n in range(more_people))
    source.close()
    create_workspace(tmp_path / "b.shutafut").close()
    out = tmp_path / "all.shutafut-exchange"
    assert main(_export_everything(tmp_path / "a.shutafut", out)) == 0
    assert f"Exported {count} records" in capsys.readouterr().out
    arguments = ["--lang", "en", "import", "--workspace", str(tmp_path / "b.shutafut"), "--file", str(out)]
    assert main(arguments) == 0
    assert f"{count} added, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert main(arguments) == 0
    assert f"0 added, 0 updated, {count} unchanged" in capsys.readouterr().out


def test_export_of_one_part_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, _ids = build(tmp_path / "a.shutafut")
    source.close()
    out = tmp_path / "cluster.shutafut-exchange"
    base = [
        "--lang",
        "en",
        "export",
        "--workspace",
        str(tmp_path / "a.shutafut"),
        "--scope",
        "cluster",
        "--out",
        str(out),
    ]
    assert main(base) == 1
    assert "--id" in capsys.readouterr().err
    assert main([*base, "--id", "אשכול ים"]) == 1
    assert "was not found" in capsys.readouterr().err
    assert main([*base, "--id", "אשכול נגב", "--without-contacts"]) == 0
    printed = capsys.readouterr().out
    assert "Exported 7 records" in printed and "were left out" in printed
    assert main([*base, "--id", "אשכול נגב"]) == 1  # never overwrites
    assert "already exists" in capsys.readouterr().err


def test_a_refused_file_is_one_line_and_the_workspace_is_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_workspace(tmp_path / "b.shutafut").close()
    bad = tmp_path / "bad.shutafut-exchange"
    bad.write_text("not a zip", encoding="utf-8")
    before = file_hash(tmp_path / "b.shutafut")
    assert (
        main(["--lang", "en", "import", "--workspace", str(tmp_path / "b.shutafut"), "--file", str(bad)]) == 1
    )
    err = capsys.readouterr().err
    assert "bad.shutafut-exchange was not imported: This is not a Shutafut exchange file." in err
    assert "Traceback" not in err
    assert file_hash(tmp_path / "b.shutafut") == before


def test_conflicts_are_listed_and_need_a_choice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, ids = build(tmp_path / "a.shutafut")
    target_path = tmp_path / "b.shutafut"
    create_workspace(target_path).close()
    first = tmp_path / "first.shutafut-exchange"
    assert (
        main(
            [
                "--lang",
                "en",
                "export",
                "--workspace",
                str(source.path),
                "--scope",
                "everything",
                "--out",
                str(first),
            ]
        )
        == 0
    )
    assert main(["--lang", "en", "import", "--workspace", str(target_path), "--file", str(first)]) == 0
    target = open_workspace(target_path)
    for workspace, role in ((target, "רכזת"), (source, "מנהלת")):
        person = load_record(workspace, RecordKind.PERSON, ids.dana)
        save_record(workspace, RecordKind.PERSON, {**person, "role": role}, ids.dana)
        workspace.close()
    second = tmp_path / "second.shutafut-exchange"
    assert (
        main(
            [
                "--lang",
                "en",
                "export",
                "--workspace",
                str(source.path),
                "--scope",
                "everything",
                "--out",
                str(second),
            ]
        )
        == 0
    )
    capsys.readouterr()
    before = file_hash(target_path)
    arguments = ["--lang", "en", "import", "--workspace", str(target_path), "--file", str(second)]
    assert main(arguments) == 1
    err = capsys.readouterr().err
    assert "1 record was changed both here and in the file; nothing was imported." in err
    assert f"Person: דנה לוי ({ids.dana})" in err
    assert file_hash(target_path) == before
    assert main([*arguments, "--keep-mine", "--take-theirs"]) == 2
    capsys.readouterr()
    assert main([*arguments, "--take-theirs"]) == 0
    assert "1 updated" in capsys.readouterr().out
    target = open_workspace(target_path)
    assert load_record(target, RecordKind.PERSON, ids.dana)["role"] == "מנהלת"
    target.close()


def test_the_export_scopes_are_those_of_the_exchange_model() -> None:
    from desktop import cli_exchange

    assert tuple(scope.value for scope in ex.Scope) == cli_exchange.SCOPES
