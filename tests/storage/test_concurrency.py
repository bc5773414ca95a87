"""Two people editing the same record: the second save is refused with the first person's
change (ConcurrentEdit), nothing is overwritten, and the second can then knowingly save on
top. Each test runs on a workspace file and on a PostgreSQL team server."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models.agreement import Agreement
from desktop.models.flags import ClusterFlags, Item
from desktop.models.forum import Forum, sessions_from_template
from desktop.models.records import RecordKind
from desktop.models.selection_process import SelectionProcess
from desktop.storage import agreement_store, flags_store, forum_store, selection_store
from desktop.storage import reference_store as rs
from desktop.storage.concurrency import (
    ConcurrentEdit,
    guarded_save,
    loaded_version,
)
from desktop.storage.tables import Organisation
from tests.conftest import open_location


@pytest.fixture
def two_people(any_workspace, workspace_location: Path | str):  # type: ignore[no-untyped-def]
    """The same workspace open twice, as on two team members' computers."""
    other = open_location(workspace_location)
    yield any_workspace, other
    other.close()


def test_a_stale_reference_save_is_refused_with_the_other_persons_values(two_people) -> None:  # type: ignore[no-untyped-def]
    dana, omer = two_people
    uuid = rs.save_record(dana, RecordKind.ORGANISATION, {"name": "משרד הפנים", "sector": "government"})
    danas = rs.load_record(dana, RecordKind.ORGANISATION, uuid)
    omers = rs.load_record(omer, RecordKind.ORGANISATION, uuid)
    assert danas["version"] == omers["version"] == 1
    rs.save_record(
        omer,
        RecordKind.ORGANISATION,
        {**omers, "notes": "פגישה ביום ראשון"},
        uuid,
        expected_version=omers["version"],
    )

    with pytest.raises(ConcurrentEdit) as caught:
        rs.save_record(
            dana, RecordKind.ORGANISATION, {**danas, "sector": "ngo"}, uuid, expected_version=danas["version"]
        )
    conflict = caught.value
    assert conflict.theirs["notes"] == "פגישה ביום ראשון"
    assert conflict.theirs["sector"] == "government"
    assert conflict.version == 2 and not conflict.deleted
    assert conflict.changed_at is not None
    assert "משרד הפנים" in str(conflict)  # translated message naming the record
    stored = rs.load_record(omer, RecordKind.ORGANISATION, uuid)
    assert stored["notes"] == "פגישה ביום ראשון" and stored["sector"] == "government"

    # Dana saw Omer's change and puts hers on top of it, knowingly.
    rs.save_record(
        dana,
        RecordKind.ORGANISATION,
        {**conflict.theirs, "sector": "ngo"},
        uuid,
        expected_version=conflict.version,
    )
    stored = rs.load_record(omer, RecordKind.ORGANISATION, uuid)
    assert (stored["notes"], stored["sector"], stored["version"]) == ("פגישה ביום ראשון", "ngo", 3)


def test_saving_a_record_the_other_person_deleted_is_refused(two_people) -> None:  # type: ignore[no-untyped-def]
    dana, omer = two_people
    uuid = rs.save_record(dana, RecordKind.ORGANISATION, {"name": "קרן", "sector": "philanthropy"})
    danas = rs.load_record(dana, RecordKind.ORGANISATION, uuid)
    rs.delete_record(omer, RecordKind.ORGANISATION, uuid)
    with pytest.raises(ConcurrentEdit) as caught:
        rs.save_record(
            dana, RecordKind.ORGANISATION, {**danas, "notes": "x"}, uuid, expected_version=danas["version"]
        )
    assert caught.value.deleted and caught.value.theirs is None
    assert rs.count_records(omer, RecordKind.ORGANISATION) == 0


def test_the_last_moment_check_of_the_version_column_also_refuses(two_people) -> None:  # type: ignore[no-untyped-def]
    """Another save landing between reading the row and writing it is caught at flush."""
    dana, omer = two_people
    uuid = rs.save_record(dana, RecordKind.ORGANISATION, {"name": "ארגון", "sector": "ngo"})

    def reread(session):  # type: ignore[no-untyped-def]
        row = session.scalar(select(Organisation).where(Organisation.uuid == uuid))
        return row, {"notes": row.notes}

    with pytest.raises(ConcurrentEdit) as caught, guarded_save(dana, "ארגון", reread) as session:
        row = session.scalar(select(Organisation).where(Organisation.uuid == uuid))
        rs.save_record(
            omer, RecordKind.ORGANISATION, {"name": "ארגון", "sector": "ngo", "notes": "של עומר"}, uuid
        )
        row.notes = "של דנה"
        session.flush()
    assert caught.value.theirs == {"notes": "של עומר"} and caught.value.version == 2
    assert rs.load_record(dana, RecordKind.ORGANISATION, uuid)["notes"] == "של עומר"


def _forum() -> Forum:
    return Forum("פורום חינוך", sessions=sessions_from_template("stem", "he"))


def test_a_stale_selection_save_is_refused(two_people) -> None:  # type: ignore[no-untyped-def]
    dana, omer = two_people
    process_id = selection_store.save_process(dana, SelectionProcess(title="בחירת יישובים"))
    danas = selection_store.load_process(dana, process_id)
    omers = selection_store.load_process(omer, process_id)
    omers.rationale = "הנימוק של עומר"
    selection_store.save_process(omer, omers, process_id)
    danas.rationale = "הנימוק של דנה"
    with pytest.raises(ConcurrentEdit) as caught:
        selection_store.save_process(dana, danas, process_id)
    assert caught.value.theirs.rationale == "הנימוק של עומר"
    assert selection_store.load_process(omer, process_id).rationale == "הנימוק של עומר"
    # Re-applying hers on top, knowingly.
    selection_store.save_process(dana, danas, process_id, expected_version=caught.value.version)
    assert selection_store.load_process(omer, process_id).rationale == "הנימוק של דנה"


def test_a_stale_agreement_save_is_refused(two_people) -> None:  # type: ignore[no-untyped-def]
    dana, omer = two_people
    agreement_id = agreement_store.save_agreement(dana, Agreement.new("he"))
    danas = agreement_store.load_agreement(dana, agreement_id)
    omers = agreement_store.load_agreement(omer, agreement_id)
    omers.page = 3
    omers.selection_id = 7
    agreement_store.save_agreement(omer, omers, agreement_id)
    with pytest.raises(ConcurrentEdit) as caught:
        agreement_store.save_agreement(dana, danas, agreement_id)
    assert caught.value.theirs.selection_id == 7
    assert agreement_store.load_agreement(omer, agreement_id).selection_id == 7
    assert loaded_version(caught.value.theirs) == caught.value.version == 2


def test_two_people_mapping_the_same_cluster_do_not_overwrite_each_other(two_people) -> None:  # type: ignore[no-untyped-def]
    dana, omer = two_people
    cluster = rs.save_record(dana, RecordKind.CLUSTER, {"name": "אשכול נגב מערבי"})
    danas = flags_store.load_cluster_flags(dana, cluster)  # not mapped yet, on both computers
    omers = flags_store.load_cluster_flags(omer, cluster)
    omers.items.append(Item("i1", "תחבורה"))
    flags_store.save_cluster_flags(omer, omers)
    danas.items.append(Item("i2", "חינוך"))
    with pytest.raises(ConcurrentEdit) as caught:
        flags_store.save_cluster_flags(dana, danas)
    assert [item.name for item in caught.value.theirs.items] == ["תחבורה"]
    assert "אשכול נגב מערבי" in str(caught.value)
    assert [i.name for i in flags_store.load_cluster_flags(omer, cluster).items] == ["תחבורה"]
    # A later edit by the same person on the document they saved goes through.
    omers.items.append(Item("i3", "תעסוקה"))
    flags_store.save_cluster_flags(omer, omers)
    assert len(flags_store.load_cluster_flags(dana, cluster).items) == 2


def test_documents_built_in_code_save_without_a_version_check(any_workspace) -> None:  # type: ignore[no-untyped-def]
    """Code that never read the row (imports, the demo) keeps saving as before."""
    cluster = rs.save_record(any_workspace, RecordKind.CLUSTER, {"name": "אשכול"})
    flags_store.save_cluster_flags(any_workspace, ClusterFlags(cluster, [Item("a", "א")]))
    flags_store.save_cluster_flags(any_workspace, ClusterFlags(cluster, [Item("b", "ב")]))
    assert [i.id for i in flags_store.load_cluster_flags(any_workspace, cluster).items] == ["b"]
    forum_id = forum_store.save_forum(any_workspace, _forum())
    forum_store.save_forum(any_workspace, _forum(), forum_id)
    assert forum_store.load_forum(any_workspace, forum_id).title == "פורום חינוך"


def test_deleting_a_record_someone_changed_since_is_refused(two_people) -> None:  # type: ignore[no-untyped-def]
    dana, omer = two_people
    uuid = rs.save_record(dana, RecordKind.ORGANISATION, {"name": "קרן", "sector": "philanthropy"})
    seen = rs.load_record(dana, RecordKind.ORGANISATION, uuid)["version"]
    rs.save_record(
        omer, RecordKind.ORGANISATION, {"name": "קרן", "sector": "philanthropy", "notes": "חשוב"}, uuid
    )
    with pytest.raises(ConcurrentEdit) as caught:
        rs.delete_record(dana, RecordKind.ORGANISATION, uuid, expected_version=seen)
    assert caught.value.theirs["notes"] == "חשוב"
    assert rs.count_records(omer, RecordKind.ORGANISATION) == 1
