"""shutafut-cli pdf syllabus | meeting-plan | work-teams: the demo community, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models.community import Community
from desktop.storage.community_store import list_communities, save_community
from desktop.storage.demo import create_demo_workspace
from desktop.storage.workspace import create_workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("cli") / "demo.shutafut"
    workspace = create_demo_workspace(path)
    community_id = list_communities(workspace)[0].id
    workspace.close()
    return path, community_id


@pytest.mark.parametrize(
    "document, extra",
    [
        ("syllabus", ["--lang", "he"]),
        ("syllabus", ["--lang", "ar"]),
        ("meeting-plan", ["--meeting", "8"]),
        ("meeting-plan", []),
        ("work-teams", ["--lang", "en"]),
    ],
)
def test_community_documents_from_the_command_line(
    demo: tuple[Path, int],
    tmp_path: Path,
    document: str,
    extra: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, community_id = demo
    before = path.read_bytes()
    out = tmp_path / f"{document}.pdf"
    assert (
        main(
            ["pdf", document, "--workspace", str(path), "--id", str(community_id), *extra, "--out", str(out)]
        )
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert f"{document}.pdf" in capsys.readouterr().out
    assert path.read_bytes() == before  # printing only reads


def test_an_unknown_community_is_a_clear_error(
    demo: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _community_id = demo
    out = tmp_path / "x.pdf"
    assert (
        main(["--lang", "en", "pdf", "syllabus", "--workspace", str(path), "--id", "77", "--out", str(out)])
        == 1
    )
    error = capsys.readouterr().err
    assert "There is no learning community number 77" in error and "Traceback" not in error
    assert not out.exists()


def test_an_unknown_meeting_is_a_clear_error(
    demo: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, community_id = demo
    out = tmp_path / "x.pdf"
    assert (
        main(
            [
                "pdf",
                "meeting-plan",
                "--workspace",
                str(path),
                "--id",
                str(community_id),
                "--meeting",
                "11",
                "--out",
                str(out),
            ]
        )
        == 1
    )
    assert capsys.readouterr().err.strip() == "אין בקהילה הלומדת מפגש מספר 11."
    assert not out.exists()


def test_a_community_without_meetings_has_no_meeting_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.shutafut"
    workspace = create_workspace(path)
    community_id = save_community(workspace, Community("קהילה"))
    workspace.close()
    assert (
        main(
            [
                "--lang",
                "en",
                "pdf",
                "meeting-plan",
                "--workspace",
                str(path),
                "--id",
                str(community_id),
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 1
    )
    assert "has no meetings yet" in capsys.readouterr().err
    assert (
        main(
            [
                "pdf",
                "work-teams",
                "--workspace",
                str(path),
                "--id",
                str(community_id),
                "--out",
                str(tmp_path / "teams.pdf"),
            ]
        )
        == 0
    )


def test_the_meeting_must_be_a_number(
    demo: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, community_id = demo
    assert (
        main(
            [
                "pdf",
                "meeting-plan",
                "--workspace",
                str(path),
                "--id",
                str(community_id),
                "--meeting",
                "שמיני",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "שימוש:" in err and "ארגומנט --meeting" in err and "שמיני" in err
