"""Reference records round-trip through storage; references protect records from deletion."""

from __future__ import annotations

import pytest

from desktop.models.records import RecordKind as K
from desktop.storage import reference_store as rs


def _authority(ws, name: str = "שדרות", code: str = "1031", status: str = "city") -> str:  # type: ignore[no-untyped-def]
    return rs.save_record(
        ws,
        K.AUTHORITY,
        {
            "name_he": name,
            "municipal_status": status,
            "cbs_code": code,
            "population": "33,000",
            "population_groups": ["jewish", "haredi"],
        },
    )


def test_saved_authority_reads_back_cleaned(workspace) -> None:  # type: ignore[no-untyped-def]
    uuid = _authority(workspace)
    values = rs.load_record(workspace, K.AUTHORITY, uuid)
    assert values["population"] == 33000
    assert values["population_groups"] == ["jewish", "haredi"]
    assert [row["uuid"] for row in rs.list_records(workspace, K.AUTHORITY)] == [uuid]


def test_invalid_values_are_refused_and_nothing_is_written(workspace) -> None:  # type: ignore[no-untyped-def]
    uuid = _authority(workspace)
    with pytest.raises(rs.RecordInvalid) as caught:
        rs.save_record(
            workspace,
            K.AUTHORITY,
            {"name_he": "שדרות", "municipal_status": "city", "population": "-1"},
            uuid=uuid,
        )
    assert "population" in caught.value.errors
    assert rs.load_record(workspace, K.AUTHORITY, uuid)["population"] == 33000


def test_colliding_codes_are_unique_only_with_the_status(workspace) -> None:  # type: ignore[no-untyped-def]
    _authority(workspace, "אופקים", "31", "city")
    _authority(workspace, "נחל שורק", "31", "regional_council")
    with pytest.raises(rs.RecordInvalid) as caught:
        _authority(workspace, "כפול", "31", "city")
    assert "cbs_code" in caught.value.errors


def test_deleting_a_referenced_authority_names_the_cluster(workspace) -> None:  # type: ignore[no-untyped-def]
    authority = _authority(workspace)
    rs.save_record(workspace, K.CLUSTER, {"name": "אשכול נגב מערבי", "members": [authority]})
    with pytest.raises(rs.RecordInUse) as caught:
        rs.delete_record(workspace, K.AUTHORITY, authority)
    assert "אשכול נגב מערבי" in str(caught.value)
    assert rs.count_records(workspace, K.AUTHORITY) == 1


def test_deleting_an_organisation_with_people_names_them(workspace) -> None:  # type: ignore[no-untyped-def]
    org = rs.save_record(workspace, K.ORGANISATION, {"name": 'קרן רש"י', "sector": "philanthropy"})
    rs.save_record(workspace, K.PERSON, {"full_name": "נועה כהן (דמו)", "organisation": org})
    with pytest.raises(rs.RecordInUse, match="נועה כהן"):
        rs.delete_record(workspace, K.ORGANISATION, org)


def test_deleting_a_person_or_a_town_a_document_names_is_refused_naming_it(workspace) -> None:  # type: ignore[no-untyped-def]
    """A community's member, a selection's team member, an MOU's party: deleted, the record
    left the document naming no one (a member without a name), with nothing said."""
    from desktop.models.agreement import Agreement
    from desktop.models.community import Community, Member
    from desktop.models.mou import Parties
    from desktop.models.selection_process import SelectionProcess, TeamMember
    from desktop.storage.agreement_store import save_agreement
    from desktop.storage.community_store import delete_community, save_community
    from desktop.storage.selection_store import save_process

    town = _authority(workspace)
    dana = rs.save_record(workspace, K.PERSON, {"full_name": "דנה לוי"})
    omer = rs.save_record(workspace, K.PERSON, {"full_name": "עומר כץ"})
    community = save_community(workspace, Community("קהילת חינוך", members=[Member(dana, town)]))
    save_process(workspace, SelectionProcess(title="בחירה 2027", team=[TeamMember(dana, "מנחה")]))
    save_agreement(workspace, Agreement.new("he", parties=Parties(town)))
    with pytest.raises(rs.RecordInUse) as caught:
        rs.delete_record(workspace, K.PERSON, dana)
    assert "קהילת חינוך" in str(caught.value) and "בחירה 2027" in str(caught.value)
    with pytest.raises(rs.RecordInUse, match="ההסכם „שדרות”"):  # (its title: the town's name)
        rs.delete_record(workspace, K.AUTHORITY, town)
    rs.delete_record(workspace, K.PERSON, omer)  # named nowhere: deleted
    assert rs.count_records(workspace, K.PERSON) == 1
    delete_community(workspace, community)
    with pytest.raises(rs.RecordInUse) as caught:
        rs.delete_record(workspace, K.PERSON, dana)
    assert "קהילת חינוך" not in str(caught.value) and "בחירה 2027" in str(caught.value)


def test_a_deleted_record_comes_back_under_the_same_uuid(workspace) -> None:  # type: ignore[no-untyped-def]
    org = rs.save_record(workspace, K.ORGANISATION, {"name": "משרד הפנים", "sector": "government"})
    person = rs.save_record(
        workspace,
        K.PERSON,
        {"full_name": "דנה לוי", "organisation": org, "phone": "050-1234567", "email": "d@x.org"},
    )
    values = rs.delete_record(workspace, K.PERSON, person)
    assert rs.count_records(workspace, K.PERSON) == 0
    assert rs.save_record(workspace, K.PERSON, values, uuid=values["uuid"]) == person
    restored = rs.load_record(workspace, K.PERSON, person)
    assert restored["organisation"] == org and restored["phone"] == "+972501234567"


def test_duplicate_organisation_names_are_refused(workspace) -> None:  # type: ignore[no-untyped-def]
    rs.save_record(workspace, K.ORGANISATION, {"name": "ספיר", "sector": "academia"})
    with pytest.raises(rs.RecordInvalid) as caught:
        rs.save_record(workspace, K.ORGANISATION, {"name": "ספיר", "sector": "academia"})
    assert "name" in caught.value.errors
