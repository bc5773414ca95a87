"""A one-record document reads the people it names, not every person of the workspace (issue 16:
the community documents once loaded all 20,000 people to describe 15 members)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from desktop.documents import load_document_data
from desktop.models.community import Community, Member
from desktop.models.records import RecordKind
from desktop.models.selection_process import SelectionProcess, TeamMember
from desktop.models.syllabus import new_meeting
from desktop.storage.community_store import save_community
from desktop.storage.reference_store import list_rows, save_record
from desktop.storage.selection_store import save_process
from desktop.storage.workspace import Workspace, create_workspace

_READS_PEOPLE = re.compile(r"\b(FROM|JOIN)\s+person\b", re.IGNORECASE)


@contextmanager
def people_reads(workspace: Workspace) -> Iterator[list[tuple[str, list[Any]]]]:
    """Every SQL statement that reads the person table inside, with its parameters."""
    reads: list[tuple[str, list[Any]]] = []

    def seen(_connection: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        if _READS_PEOPLE.search(statement):
            values = parameters.values() if isinstance(parameters, dict) else parameters
            reads.append((statement, list(values or ())))

    event.listen(workspace.engine, "before_cursor_execute", seen)
    try:
        yield reads
    finally:
        event.remove(workspace.engine, "before_cursor_execute", seen)


@pytest.fixture
def crowded(tmp_path: Path) -> Iterator[tuple[Workspace, list[str], list[str]]]:
    """A workspace of 3 people who appear in the documents and 30 others."""
    workspace = create_workspace(tmp_path / "crowded.shutafut")
    save_record(workspace, RecordKind.AUTHORITY, {"name_he": "Alphaville", "municipal_status": "city"})
    named = [
        save_record(workspace, RecordKind.PERSON, {"full_name": f"Named {number}"}) for number in range(3)
    ]
    others = [
        save_record(workspace, RecordKind.PERSON, {"full_name": f"Other {number}"}) for number in range(30)
    ]
    yield workspace, named, others
    workspace.close()


def _only_named(reads: list[tuple[str, list[Any]]], named: list[str], others: list[str]) -> None:
    assert reads, "the loader names people: it must read them"
    for statement, parameters in reads:
        # A read of the whole person table (no WHERE) is what loading every person looks like.
        assert re.search(r"\bWHERE\b", statement, re.IGNORECASE), statement
        asked = {value for value in parameters if isinstance(value, str)}
        assert not asked & set(others), statement
        assert asked & set(named), statement


@pytest.mark.parametrize("key", ["syllabus", "meeting-plan", "work-teams"])
def test_a_community_document_reads_only_its_members(
    crowded: tuple[Workspace, list[str], list[str]], key: str
) -> None:
    workspace, named, others = crowded
    town = list_rows(workspace, RecordKind.AUTHORITY)[0]["uuid"]
    members = [Member(uuid, town) for uuid in named[:2]]
    community = Community("Learning together", members=members, leader=named[2])
    community.meetings = [new_meeting(date(2027, 10, 1))]
    community_id = save_community(workspace, community)
    options = {"meeting": 1} if key == "meeting-plan" else {}
    with people_reads(workspace) as reads:
        data = load_document_data(workspace, key, community_id, "en", **options)
    assert set(data.names.people) == set(named)
    _only_named(reads, named, others)


def test_the_selection_report_reads_only_its_team(crowded: tuple[Workspace, list[str], list[str]]) -> None:
    workspace, named, others = crowded
    process = SelectionProcess(title="Selection", team=[TeamMember(uuid, "rater") for uuid in named])
    process_id = save_process(workspace, process)
    with people_reads(workspace) as reads:
        data = load_document_data(workspace, "selection", process_id, "en")
    assert set(data.people) == set(named)
    _only_named(reads, named, others)
