"""Forum documents: the participants' and facilitator's agendas, the summary, the shared agenda."""

from __future__ import annotations

from pathlib import Path

from desktop.models.forum import FocusArea, Forum, sessions_from_template
from desktop.storage.forum_store import save_forum
from tests.reports.pdf_tools import needs_poppler, pdf_pages, print_document

pytestmark = needs_poppler


def _forum(workspace) -> int:  # type: ignore[no-untyped-def]
    forum = Forum("פורום עיצוב שדרות", "STEM", "שדרות", sessions=sessions_from_template("stem", "he"))
    forum.session(1).blocks[0].notes = "להכין מצגת פתיחה"
    lead = forum.add_participant("רונית לוי", "עיריית שדרות", "local_authority")
    member = forum.add_participant("סמיר עודה", "עמותה", "ngo")
    forum.agenda = [
        FocusArea(
            "a",
            "מעבדות STEM בבתי הספר",
            "פערים בהישגים",
            "שיעור זכאות לבגרות",
            "כל תלמיד נוגע במדע",
            team=[lead.id, member.id],
            lead=lead.id,
        )
    ]
    return save_forum(workspace, forum)


def test_facilitator_copy_has_notes_and_participants_copy_does_not(
    workspace,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    forum_id = _forum(workspace)
    participants, facilitator = tmp_path / "p.pdf", tmp_path / "f.pdf"
    print_document(workspace, "forum-agenda", forum_id, participants, session=1)
    print_document(workspace, "forum-agenda-facilitator", forum_id, facilitator, session=1)
    participant_words = set("\n".join(pdf_pages(participants)).split())
    facilitator_words = set("\n".join(pdf_pages(facilitator)).split())
    assert {"להכין", "מצגת"} <= facilitator_words
    assert not {"להכין", "מצגת"} & participant_words
    assert {"תפיסת", "STEM", "משותפת"} <= participant_words  # the template's outputs


def test_shared_agenda_lists_areas_and_teams(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    forum_id = _forum(workspace)
    out = tmp_path / "agenda.pdf"
    print_document(workspace, "shared-agenda", forum_id, out)
    words = set("\n".join(pdf_pages(out)).split())
    assert {"מעבדות", "זכאות", "רונית", "סמיר", "הצוות"} <= words
