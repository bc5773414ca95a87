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
