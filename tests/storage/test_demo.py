"""The demo workspace: the five pioneering clusters, Western Negev in full, people marked demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models.records import RecordKind
from desktop.storage import reference_store
from desktop.storage.demo import DEMO_MARK, create_demo_workspace


def test_demo_workspace_holds_the_seed_clusters_and_marked_people(tmp_path: Path) -> None:
    workspace = create_demo_workspace(tmp_path / "demo.shutafut")
    assert workspace.is_demo
    clusters = {row["name"]: row for row in reference_store.list_records(workspace, RecordKind.CLUSTER)}
    assert set(clusters) == {"אשכול בית הכרם", "אשכול גליל מזרחי", "אשכול גליל מערבי",
                             "אשכול נגב מזרחי", "אשכול נגב מערבי"}
    assert sorted(clusters["אשכול נגב מערבי"]["member_titles"]) == sorted(
        ["נתיבות", "שדרות", "רהט", "אופקים", "שער הנגב", "אשכול", "מרחבים", "בני שמעון",
         "שדות נגב"])
    people = reference_store.list_records(workspace, RecordKind.PERSON)
    assert len(people) >= 10
    assert all(person["full_name"].endswith(DEMO_MARK) for person in people)
    # Contact details only where consent was given.
    assert all(person["consent_contact"] or not (person["phone"] or person["email"])
               for person in people)
    # Figures come from the national CBS dataset, each with its year and source.
    sderot = next(a for a in reference_store.list_records(workspace, RecordKind.AUTHORITY)
                  if a["name_he"] == "שדרות")
    assert sderot["cbs_code"] == "1031" and sderot["population_year"] == 2021
    assert sderot["socioeconomic_edition"] == 2019 and "הלמ\"ס" in sderot["data_source"]
    workspace.close()


def test_demo_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "demo.shutafut"
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        create_demo_workspace(path)
    assert path.read_text(encoding="utf-8") == "mine"
