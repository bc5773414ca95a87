"""A workspace holding a record of every type, for exchange tests (storage, CLI and GUI)."""

from __future__ import annotations

import atexit
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.models.agreement import Agreement
from desktop.models.flags import ClusterFlags, Item
from desktop.models.forum import Forum
from desktop.models.mou import Parties
from desktop.models.records import RecordKind
from desktop.models.selection_process import SelectionProcess, TeamMember
from desktop.storage.agreement_store import save_agreement
from desktop.storage.flags_store import save_cluster_flags
from desktop.storage.forum_store import save_forum
from desktop.storage.reference_store import save_record
from desktop.storage.selection_store import save_process
from desktop.storage.tables import CommunityRecord
from desktop.storage.workspace import Workspace, create_workspace, open_workspace

PHONES = ("050-1234567", "052-7654321")
EMAILS = ("dana@example.org", "samir@example.org")
NOTE = "מעדיפה שיחות בבוקר"
HIDDEN_PHONE = "054-1112223"  # of a person who did not consent (never stored by the app, but
HIDDEN_EMAIL = "hidden@example.org"  # a workspace written by hand could hold it)


@dataclass
class Ids:
    town: str
    other_town: str
    cluster: str
    organisation: str
    dana: str
    samir: str
    hidden: str
    selection: int
    selection_uuid: str
    agreement: int
    forum: int
    forum_uuid: str
    community_uuid: str


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# The workspace made once in this process, then copied for each test (making it took a quarter
# of a second, some sixty times in the suite): its file, closed, and its records' ids.
_MADE: list[tuple[Path, Ids]] = []


def build(path: Path) -> tuple[Workspace, Ids]:
    """The workspace at `path` (a copy of the one made once in this process), and its ids."""
    if not _MADE:
        folder = Path(tempfile.mkdtemp(prefix="exchange-data-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        made, ids = build_new(folder / "made.shutafut")
        made.close()
        _MADE.append((folder / "made.shutafut", ids))
    made_path, ids = _MADE[0]
    shutil.copy2(made_path, path)  # (as made: owner-only)
    return open_workspace(path), ids


def build_new(path: Path) -> tuple[Workspace, Ids]:
    """The workspace made anew at `path` (for what checks the making itself)."""
    workspace = create_workspace(path)
    town = save_record(
        workspace,
        RecordKind.AUTHORITY,
        {"name_he": "ירוחם", "municipal_status": "local_council", "cbs_code": "831", "population": 11000},
    )
    other = save_record(
        workspace, RecordKind.AUTHORITY, {"name_he": "דימונה", "municipal_status": "city", "cbs_code": "2200"}
    )
    lonely = save_record(
        workspace, RecordKind.AUTHORITY, {"name_he": "אילת", "municipal_status": "city", "cbs_code": "2600"}
    )
    cluster = save_record(
        workspace, RecordKind.CLUSTER, {"name": "אשכול נגב", "founding_year": 2017, "members": [town, other]}
    )
    save_record(workspace, RecordKind.CLUSTER, {"name": "אשכול גליל", "members": [lonely]})
    organisation = save_record(
        workspace, RecordKind.ORGANISATION, {"name": "קרן שותפות", "sector": "philanthropy"}
    )
    dana = save_record(
        workspace,
        RecordKind.PERSON,
        {
            "full_name": "דנה לוי",
            "organisation": organisation,
            "sector": "philanthropy",
            "phone": PHONES[0],
            "email": EMAILS[0],
            "consent_contact": True,
            "notes": NOTE,
        },
    )
    samir = save_record(
        workspace,
        RecordKind.PERSON,
        {"full_name": "סמיר חורי", "phone": PHONES[1], "email": EMAILS[1], "consent_contact": True},
    )
    hidden = save_record(workspace, RecordKind.PERSON, {"full_name": "נועה כהן", "consent_contact": False})
    with workspace.session() as session:  # contact details kept against the rules
        from desktop.storage.tables import Person

        person = session.query(Person).filter_by(uuid=hidden).one()
        person.phone, person.email = HIDDEN_PHONE, HIDDEN_EMAIL
    process = SelectionProcess(
        title="בחירת רשות 2026",
        team=[TeamMember(dana, "מובילה")],
        added={town: "ביקשה להצטרף"},
        chosen=[town],
        decided_on=date(2026, 3, 1),
    )
    process.set_score(town, dana, "formal_leadership", 4, "")
    selection = save_process(workspace, process)
    with workspace.session() as session:
        from desktop.storage.tables import SelectionRecord

        selection_uuid = session.get(SelectionRecord, selection).uuid  # type: ignore[union-attr]
    agreement = Agreement.new("he", parties=Parties(authority_uuid=town, organisation_uuid=organisation))
    agreement.selection_id = selection
    agreement_id = save_agreement(workspace, agreement)
    forum = Forum("פורום עיצוב ירוחם", place_of="אשכול נגב")
    forum.add_participant("דנה לוי", person_uuid=dana)
    forum.add_participant("תושבת")
    forum.add_idea(1, 0, "מרכז למידה קהילתי")
    forum_id = save_forum(workspace, forum)
    save_forum(workspace, Forum("פורום אחר", place_of="אילת"))
    flags = ClusterFlags(cluster, items=[Item("i1", "שירותי רווחה", authorities=[town])])
    save_cluster_flags(workspace, flags)
    topic = "9b2f7a64-3c1e-4d8a-9f57-1f0c2b6a8e11"  # a topic id: UUID-shaped, not a record
    community_state = {  # as desktop.models.community writes it
        "format": 1,
        "name": "קהילת מנהלי חינוך",
        "field": "חינוך",
        "period_start": "2026-09-01",
        "period_end": "2027-07-31",
        "cycle_year": 1,
        "leader": samir,
        "partner": "",
        "members": [
            {
                "person": samir,
                "authority": other,
                "role": "מנהל",
                "gender": "m",
                "core": True,
                "advisory": False,
            },
            {
                "person": hidden,
                "authority": town,
                "role": "רכזת",
                "gender": "f",
                "core": False,
                "advisory": True,
            },
        ],
        "agreed_mix": {"authority": {other: 1, town: 1}},
        "topics": [{"id": topic, "title": "מוביליות", "description": ""}],
        "ratings": {samir: {topic: 4}, hidden: {topic: 2}},
        "selected_topics": [topic],
        "selection_date": "",
        "selection_notes": "",
        "meetings": [
            {
                "id": "m1",
                "day": "2026-10-01",
                "topic": topic,
                "title": "",
                "host": other,
                "format": "in_person",
                "seminar": False,
                "start": "09:00",
                "blocks": [],
                "plan": {},
            }
        ],
        "teams": [
            {
                "id": "t1",
                "name": "צוות א",
                "topic": topic,
                "output_type": "policy_paper",
                "members": [samir, hidden],
                "roles": {"lead": samir},
                "budget": 0,
                "stages": [],
            }
        ],
        "finish_line": "",
    }
    with workspace.session() as session:
        record = CommunityRecord(name="קהילת מנהלי חינוך", state=json.dumps(community_state))
        session.add(record)
        session.flush()
        community_uuid = record.uuid
    with workspace.session() as session:
        from desktop.storage.tables import ForumRecord

        forum_uuid = session.get(ForumRecord, forum_id).uuid  # type: ignore[union-attr]
    return workspace, Ids(
        town,
        other,
        cluster,
        organisation,
        dana,
        samir,
        hidden,
        selection,
        selection_uuid,
        agreement_id,
        forum_id,
        forum_uuid,
        community_uuid,
    )
