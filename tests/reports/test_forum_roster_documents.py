"""The roster's documents: the sign-in sheet of a session and the name tags."""

from __future__ import annotations

from pathlib import Path

from desktop.models.forum import Forum, sessions_from_template
from desktop.storage.forum_store import save_forum
from tests.reports.pdf_tools import drawn_lines, needs_poppler, pdf_pages, print_document

pytestmark = needs_poppler


def _forum(workspace, people: int) -> int:  # type: ignore[no-untyped-def]
    forum = Forum("פורום עיצוב שדרות", "STEM", "שדרות", sessions=sessions_from_template("stem", "he"))
    for number in range(people):
        forum.add_participant(f"משתתפת {number:02d}", f"ארגון {number}", "ngo")
    declined = forum.add_participant("מסרב קבוע", "עמותה")
    declined.invitation = "declined"
    return save_forum(workspace, forum)


def test_sign_in_sheet_lists_the_expected_with_room_to_sign(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sign-in.pdf"
    print_document(workspace, "forum-sign-in", _forum(workspace, 12), out, session=2)
    text = "\n".join(pdf_pages(out))
    words = set(text.split())
    assert {"נוכחות", "חתימה", "תפקיד", "03", "11"} <= words
    assert "מסרב" not in words  # who declined is not expected
    # Each person's number is on their line, in the cell of their name (never alone in a cell).
    lines = text.splitlines()
    assert any("משתתפת" in line and "03" in line and ".4" in line.split() for line in lines), lines
    assert any("משתתפת" in line and "11" in line and ".12" in line.split() for line in lines), lines
    assert "13" not in words  # the lines for those who come unregistered are not numbered
    assert "נרשמו" in text or "הרשמה" in text  # their heading


def test_sign_in_sheet_in_english_puts_the_number_before_a_hebrew_name(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sign-in-en.pdf"
    print_document(workspace, "forum-sign-in", _forum(workspace, 2), out, "en", session=1)
    first = next(line for line in drawn_lines(out) if "00" in line.split())
    assert first.startswith("1. "), first  # drawn from the left, as an English reader reads


def test_name_tags_ten_to_a_page(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "tags.pdf"
    print_document(workspace, "forum-name-tags", _forum(workspace, 12), out)
    pages = pdf_pages(out)
    assert len(pages) == 2
    assert "00" in pages[0].split() and "10" in pages[1].split() and "09" in pages[0].split()
    assert "מסרב" not in "\n".join(pages)
