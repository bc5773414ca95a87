"""A roster from a registration form's export: columns matched by header, the mapping
checked, and each refused line reported by its line number."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models.forum_roster import check_mapping, guess_mapping, read_roster, rows_from_csv
from desktop.models.validation import ValidationError
from desktop.storage.roster_files import UnreadableRoster, read_roster_rows

GOOGLE_FORMS = (
    "Timestamp,Full name,Organization,Sector,Role\n"
    "2027/03/01 10:00,Dana Cohen,Yeruham council,Local authority,Director\n"
    "2027/03/01 10:01,Omar Halabi,,ngo,\n"
    "2027/03/01 10:02,,Someone,,\n"
    "2027/03/01 10:03,Maya Levi,,Martians,\n"
    "2027/03/01 10:04,dana cohen,,,\n"
)


def test_columns_are_matched_by_their_headers_and_bad_lines_listed() -> None:
    rows = rows_from_csv(GOOGLE_FORMS)
    mapping = guess_mapping(rows[0])
    assert mapping == {"name": 1, "organisation": 2, "sector": 3, "role": 4}
    result = read_roster(rows, mapping, existing=["Yael Mor"])
    assert [(r.name, r.sector) for r in result.rows] == [
        ("Dana Cohen", "local_authority"),
        ("Omar Halabi", "ngo"),
    ]
    assert [line for line, _message in result.row_errors] == [4, 5, 6]
    assert result.rows_read == 5


def test_a_mapping_without_names_or_with_a_column_twice_is_refused() -> None:
    assert check_mapping({"name": None, "organisation": 1})
    assert check_mapping({"name": 1, "organisation": 1})
    with pytest.raises(ValidationError):
        read_roster([["a"], ["b"]], {"name": None})


def test_hebrew_headers_semicolons_and_an_excel_workbook(tmp_path: Path) -> None:
    rows = rows_from_csv("שם מלא;ארגון;מגזר\nדנה כהן;עמותה;ngo\n")
    assert guess_mapping(rows[0])["name"] == 0 and rows[1] == ["דנה כהן", "עמותה", "ngo"]
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["שם", "ארגון", "טלפון"])
    sheet.append(["עומר חלבי", 'מתנ"ס', 5012345])
    book.save(tmp_path / "form.xlsx")
    assert read_roster_rows(tmp_path / "form.xlsx") == [
        ["שם", "ארגון", "טלפון"],
        ["עומר חלבי", 'מתנ"ס', "5012345"],
    ]
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(UnreadableRoster):
        read_roster_rows(tmp_path / "empty.csv")
    (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(UnreadableRoster):
        read_roster_rows(tmp_path / "bad.xlsx")
