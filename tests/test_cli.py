"""shutafut-cli: demo, check and pdf summary; user errors are one line on stderr, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main


def test_demo_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = tmp_path / "demo.shutafut"
    assert main(["demo", str(workspace)]) == 0
    assert main(["check", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert out.count("demo.shutafut") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.shutafut"]


def test_pdf_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("desktop.reports.summary", reason="desktop.reports.summary not written yet")
    workspace = tmp_path / "demo.shutafut"
    assert main(["demo", str(workspace)]) == 0
    before = workspace.read_bytes()
    for language in ("he", "ar", "en"):
        out = tmp_path / f"summary-{language}.pdf"
        assert (
            main(["pdf", "summary", "--workspace", str(workspace), "--out", str(out), "--lang", language])
            == 0
        )
        assert out.read_bytes().startswith(b"%PDF")
    assert workspace.read_bytes() == before  # printing only reads
    assert "summary-en.pdf" in capsys.readouterr().out


def test_demo_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.shutafut"
    path.write_text("keep me", encoding="utf-8")
    assert main(["demo", str(path)]) == 1
    assert "mine.shutafut" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "keep me"


def test_check_fails_on_a_file_that_is_not_a_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.shutafut"
    path.write_text("hello", encoding="utf-8")
    assert main(["--lang", "en", "check", str(path)]) == 1
    error = capsys.readouterr().err
    assert "notes.shutafut is not a Shutafut workspace" in error
    assert "Traceback" not in error


def test_pdf_of_a_missing_workspace_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["pdf", "summary", "--workspace", str(tmp_path / "none.shutafut"), "--out", str(tmp_path / "x.pdf")]
    )
    assert code == 1
    assert "none.shutafut" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "bogus"]) == 2
    assert "usage" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("language", "usage", "required", "invalid", "headings"),
    [
        ("he", "שימוש:", "חסרים ארגומנטים נדרשים: document", "בחירה לא תקינה: 'bogus'", "אפשרויות:"),
        ("ar", "الاستخدام:", "الوسائط التالية مطلوبة: document", "اختيار غير صالح: 'bogus'", "الخيارات:"),
    ],
)
def test_usage_errors_and_help_speak_the_chosen_language_throughout(
    language: str,
    usage: str,
    required: str,
    invalid: str,
    headings: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """argparse's own words too (its usage line, headings and errors), not English beside ours."""
    assert main(["--lang", language, "pdf"]) == 2
    missing = capsys.readouterr().err
    assert usage in missing and required in missing
    assert main(["--lang", language, "bogus"]) == 2
    assert invalid in capsys.readouterr().err
    assert main(["--lang", language, "--help"]) == 0
    help_text = capsys.readouterr().out
    assert headings in help_text and usage in help_text
    english = ("usage", "required", "invalid choice", "options", "show this help", "arguments")
    assert not [words for words in english if words in missing + help_text]


def test_the_argparse_words_translated_are_those_this_python_says() -> None:
    """The messages marked for argparse are its own: all of them in the Python the project is
    built on (3.11; a later one may word a few otherwise, shown in English there), and each
    keeps its %-directives in every language."""
    import argparse
    import re

    from desktop import i18n
    from desktop.command_line import ARGPARSE_MESSAGES

    source = Path(argparse.__file__).read_text(encoding="utf-8")
    written = [message.encode("unicode_escape").decode() for message in ARGPARSE_MESSAGES]
    unknown = [m for m in written if f"'{m}'" not in source and f'"{m}"' not in source]
    assert unknown == [] if sys.version_info[:2] == (3, 11) else len(unknown) <= 3, unknown
    directives = re.compile(r"%(?:\(\w+\))?[sr]")
    for language in ("he", "ar"):
        for message in ARGPARSE_MESSAGES:
            translated = i18n.translate_in(language, message)
            assert translated != message
            assert sorted(directives.findall(translated)) == sorted(directives.findall(message))


def test_the_installed_command_exits_non_zero_without_a_traceback(tmp_path: Path) -> None:
    command = shutil.which("shutafut-cli", path=str(Path(sys.executable).parent))
    arguments = [command] if command else [sys.executable, "-m", "desktop.cli"]
    result = subprocess.run(
        [*arguments, "check", str(tmp_path / "missing.shutafut")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "missing.shutafut" in result.stderr and "Traceback" not in result.stderr


def test_check_reports_a_newer_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3
    from contextlib import closing

    path = tmp_path / "future.shutafut"
    assert main(["demo", str(path)]) == 0
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
        connection.commit()
    capsys.readouterr()
    assert main(["--lang", "en", "check", str(path)]) == 1
    error = capsys.readouterr().err
    assert "future.shutafut" in error and "newer version" in error


def test_demo_in_a_missing_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", str(tmp_path / "nowhere" / "demo.shutafut")]) == 1
    error = capsys.readouterr().err
    assert "nowhere" in error and "Traceback" not in error
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("language, words", [("en", "create a demo workspace"), ("he", "סביבת עבודה")])
def test_help_is_in_the_chosen_language(
    language: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", language, "--help"]) == 0
    assert words in capsys.readouterr().out


def test_messages_follow_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.shutafut"
    path.write_text("hello", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    hebrew = capsys.readouterr().err
    assert main(["--lang", "ar", "check", str(path)]) == 1
    arabic = capsys.readouterr().err
    assert hebrew != arabic and "notes.shutafut" in hebrew and "notes.shutafut" in arabic


def test_pdf_into_a_missing_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = tmp_path / "demo.shutafut"
    assert main(["demo", str(workspace)]) == 0
    code = main(
        ["pdf", "summary", "--workspace", str(workspace), "--out", str(tmp_path / "nowhere" / "x.pdf")]
    )
    assert code == 1
    assert "nowhere" in capsys.readouterr().err


def test_the_module_runs_demo_and_check(tmp_path: Path) -> None:
    path = tmp_path / "demo.shutafut"
    run = [sys.executable, "-m", "desktop.cli"]
    created = subprocess.run(
        [*run, "--lang", "en", "demo", str(path)], capture_output=True, text=True, timeout=120
    )
    assert created.returncode == 0, created.stderr
    again = subprocess.run(
        [*run, "--lang", "en", "demo", str(path)], capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 1 and "already exists" in again.stderr
    checked = subprocess.run([*run, "check", str(path)], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and "demo.shutafut" in checked.stdout


def test_help_loads_neither_sqlalchemy_nor_the_reports() -> None:
    """`shutafut-cli --help` answers at once: the database layer and the documents (reportlab)
    are imported by the commands that use them."""
    script = (
        "import sys\n"
        "from desktop import cli\n"
        "assert cli.main(['--lang', 'en', '--help']) == 0\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'reportlab', 'PySide6'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Shutafut batch commands." in result.stdout and "pdf" in result.stdout
    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("argv", "stream", "words"),
    [
        (["--lang", "en", "--help"], "out", "workspace file to open"),
        (["--lang", "en", "--help"], "out", "show this help message and exit"),
        (["--help"], "out", "הצגת הודעת עזרה זו ויציאה"),
        (["--lang", "ar", "--bogus"], "err", "shutafut: خطأ: وسائط غير معروفة: --bogus"),
        (["--bogus"], "err", "shutafut: שגיאה: ארגומנטים לא מוכרים: --bogus"),
    ],
)
def test_the_windows_command_speaks_the_language_asked_for(
    argv: list[str], stream: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`shutafut --lang en --help` was in Hebrew, and argparse's own words in English."""
    from desktop import i18n
    from desktop.views.app import parse_arguments

    with i18n.using_language("he"), pytest.raises(SystemExit):
        parse_arguments(argv)
    assert words in getattr(capsys.readouterr(), stream)
