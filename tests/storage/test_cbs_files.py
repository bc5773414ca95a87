"""The importer on the real CBS workbooks in ../shared/data/cbs, and the shipped dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models.cbs_import import figure_years, parse_table, propose_mapping
from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.cbs_files import UnreadableFile, apply_changes, read_table
from desktop.storage.national_data import national_authorities, national_preview
from desktop.storage.workspace import Workspace
from tests.conftest import CBS_DIR

needs_cbs = pytest.mark.skipif(not CBS_DIR.is_dir(), reason="../shared/data/cbs is not here")


def _parse(name: str):  # type: ignore[no-untyped-def]
    table = read_table(CBS_DIR / name)
    assert table is not None
    mapping = propose_mapping(table)
    return table, mapping, parse_table(table, mapping)


@needs_cbs
def test_profile_2021_reads_all_255_authorities_with_years() -> None:
    table, mapping, result = _parse("p_libud_2021.xlsx")
    assert result.errors == [] and len(result.authorities) == 255
    statuses = [a.values["municipal_status"] for a in result.authorities]
    assert (statuses.count("city"), statuses.count("local_council"), statuses.count("regional_council")) == (
        79,
        122,
        54,
    )
    assert figure_years(table, mapping, table.title_year) == {
        "population": 2021,
        "socioeconomic_cluster": 2019,
        "peripherality_cluster": 2020,
    }
    # Regional-council codes collide with town codes: both survive, told apart by status.
    keys = {a.key for a in result.authorities}
    assert {("city", "31"), ("regional_council", "31")} <= keys


@pytest.mark.parametrize(
    "name, figure",
    [("24_22_375t1.xlsx", "socioeconomic_cluster"), ("24_22_420t1.xlsx", "peripherality_cluster")],
)
@needs_cbs
def test_index_tables_read_with_english_names(name: str, figure: str) -> None:
    _table, mapping, result = _parse(name)
    assert result.errors == [] and len(result.authorities) == 255
    assert figure in mapping and "name_en" in mapping
    by_key = {a.key: a.values for a in result.authorities}
    assert by_key[("regional_council", "41")]["name_he"] == "בני שמעון"
    assert by_key[("local_council", "41")]["name_he"] == "אליכין"


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "data.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="data.xlsx"):
        read_table(fake)


def test_csv_with_one_header_line(tmp_path: Path) -> None:
    path = tmp_path / "authorities.csv"
    path.write_text("סמל הרשות,שם הרשות,מעמד מוניציפלי,אוכלוסייה\n31,אופקים,עירייה,36000\n", encoding="utf-8")
    table = read_table(path)
    assert table is not None
    result = parse_table(table, propose_mapping(table))
    assert [a.values["population"] for a in result.authorities] == [36000]


def test_shipped_dataset_has_257_authorities_each_figure_with_its_year() -> None:
    authorities = national_authorities()
    assert len(authorities) == 257
    for authority in authorities:
        if authority.get("population") is not None:
            assert authority["population_year"] == 2021
        if authority.get("socioeconomic_cluster") is not None:
            assert authority["socioeconomic_edition"] == 2019
        assert authority["data_source"]
    assert len({(a["municipal_status"], a["cbs_code"]) for a in authorities}) == 257


def test_national_data_into_a_workspace_previews_then_applies(workspace) -> None:  # type: ignore[no-untyped-def]
    reference_store.save_record(
        workspace, RecordKind.AUTHORITY, {"name_he": "שדרות", "municipal_status": "city"}
    )
    preview = national_preview(workspace, codes={"1031", "246"})
    assert [c.name for c in preview.changed] == ["שדרות"]
    assert [c.name for c in preview.added] == ["נתיבות"]
    assert reference_store.count_records(workspace, RecordKind.AUTHORITY) == 1  # only a preview
    apply_changes(workspace, preview.to_apply(skip_error_rows=False))
    rows = {r["name_he"]: r for r in reference_store.list_records(workspace, RecordKind.AUTHORITY)}
    assert rows["שדרות"]["cbs_code"] == "1031" and rows["שדרות"]["population_year"] == 2021
    assert rows["נתיבות"]["data_source"].startswith('הלמ"ס')
    again = national_preview(workspace, codes={"1031", "246"})
    assert not again.added and not again.changed and len(again.unchanged) == 2


def test_national_clusters_join_the_workspace_authorities(workspace) -> None:  # type: ignore[no-untyped-def]
    from desktop.storage.national_data import apply_national_clusters, national_clusters

    assert {c["name"] for c in national_clusters()} >= {"אשכול נגב מערבי", "אשכול בית הכרם"}
    apply_changes(workspace, national_preview(workspace, codes={"1031", "246"}).added)
    assert apply_national_clusters(workspace) == 2
    clusters = reference_store.list_records(workspace, RecordKind.CLUSTER)
    assert [(c["name"], sorted(c["member_titles"])) for c in clusters] == [
        ("אשכול נגב מערבי", ["נתיבות", "שדרות"])
    ]
    assert apply_national_clusters(workspace) == 0  # nothing twice


def test_a_cluster_brought_in_under_its_code_takes_its_name(workspace: Workspace) -> None:
    """Issue 20 named every CBS cluster: one brought in before as "cluster (CBS code 420)" is
    renamed in place, members and notes kept, not doubled."""
    from desktop.storage.national_data import apply_national_clusters

    apply_changes(
        workspace, national_preview(workspace, codes={"1034", "2550"}).added
    )  # Kiryat Malakhi, Gedera
    members = [a["uuid"] for a in reference_store.list_records(workspace, RecordKind.AUTHORITY)]
    old = reference_store.save_record(
        workspace,
        RecordKind.CLUSTER,
        {"name": 'אשכול רשויות (סמל הלמ"ס 420)', "members": members[:1], "notes": "מהייבוא הקודם"},
    )
    assert apply_national_clusters(workspace) == 1
    [cluster] = reference_store.list_records(workspace, RecordKind.CLUSTER)
    assert (cluster["uuid"], cluster["name"], cluster["notes"]) == (old, "אשכול שורק דרומי", "מהייבוא הקודם")
    assert sorted(cluster["members"]) == sorted(members)
