"""The CBS table reader on small tables in the real layouts: headers, codes, errors, preview."""

from __future__ import annotations

from typing import Any

from desktop.models.cbs_import import (
    ImportProblem,
    build_preview,
    find_table,
    parse_table,
    propose_mapping,
)

HEADER_2024 = ["שם הרשות", "סמל הרשות", "מחוז", "מעמד מוניציפלי", 'סה"כ אוכלוסייה בסוף השנה']


def _table(rows: list[list[Any]]):  # type: ignore[no-untyped-def]
    table = find_table([["הרשויות המקומיות בישראל 2024"], [], HEADER_2024, *rows])
    assert table is not None
    return table, propose_mapping(table)


def test_2024_layout_drops_summary_rows_and_unfolds_regional_council_codes() -> None:
    table, mapping = _table(
        [
            ["כלל ארצי", None, None, None, 9800000],
            ["עיריות", None, None, None, 7000000],
            ["אופקים", 31, "הדרום", "עירייה", 36000],
            ["נחל שורק", 5531, "המרכז", "מועצה אזורית", 13000],
        ]
    )
    result = parse_table(table, mapping)
    assert result.errors == []
    assert result.skipped_summary_rows == 2
    assert [a.key for a in result.authorities] == [("city", "31"), ("regional_council", "31")]


def test_zero_padded_codes_and_missing_marks() -> None:
    table, mapping = _table([["אופקים", "0031", "הדרום", "עירייה", "-"]])
    authority = parse_table(table, mapping).authorities[0]
    assert authority.values["cbs_code"] == "31" and authority.values["population"] is None


def test_each_bad_row_gets_its_own_message() -> None:
    table, mapping = _table(
        [
            ["אופקים", 31, "הדרום", "עירייה", "הרבה"],
            ["שדרות", 1031, "הדרום", "כפר", 34000],
            ["נתיבות", 246, "מאדים", "עירייה", 50000],
            ["אופקים שוב", 31, "הדרום", "עירייה", 1],
        ]
    )
    result = parse_table(table, mapping)
    problems = {(error.row, error.problem) for error in result.errors}
    assert problems == {
        (4, ImportProblem.NOT_A_NUMBER),
        (5, ImportProblem.UNKNOWN_STATUS),
        (6, ImportProblem.UNKNOWN_DISTRICT),
        (7, ImportProblem.DUPLICATE),
    }
    assert all(error.message.startswith(f"שורה {error.row}:") for error in result.errors)


def test_missing_required_columns_are_reported_before_any_row() -> None:
    table = find_table([["סמל הרשות", "שם הרשות"], [31, "אופקים"]])
    assert table is not None
    result = parse_table(table, {"cbs_code": 0, "name_he": 1})
    assert [error.problem for error in result.errors] == [ImportProblem.MISSING_COLUMN]
    assert result.authorities == []


def test_preview_sorts_rows_into_added_changed_and_unchanged_and_holds_back_errors() -> None:
    table, mapping = _table(
        [
            ["אופקים", 31, "הדרום", "עירייה", 36000],
            ["שדרות", 1031, "הדרום", "עירייה", 34000],
            ["נתיבות", 246, "הדרום", "עירייה", "רבים"],
            ["ירוחם", 831, "הדרום", "מועצה מקומית", 11000],
        ]
    )
    parsed = parse_table(table, mapping)
    existing = [
        {
            "uuid": "u1",
            "cbs_code": "31",
            "municipal_status": "city",
            "name_he": "אופקים",
            "district": "south",
            "population": 33999,
            "population_year": 2021,
        },
        {
            "uuid": "u2",
            "cbs_code": "1031",
            "municipal_status": "city",
            "name_he": "שדרות",
            "district": "south",
            "population": 34000,
            "population_year": 2024,
        },
        {
            "uuid": "u3",
            "cbs_code": None,
            "municipal_status": "local_council",
            "name_he": "ירוחם",
            "district": None,
            "population": None,
        },
    ]
    preview = build_preview(parsed, existing, {"population": 2024})
    assert [c.name for c in preview.added] == []
    assert sorted(c.name for c in preview.changed) == ["אופקים", "ירוחם"]
    assert [c.name for c in preview.unchanged] == ["שדרות"]
    ofakim = next(c for c in preview.changed if c.name == "אופקים")
    assert ofakim.differences["population"] == (33999, 36000)
    assert ofakim.differences["population_year"] == (2021, 2024)
    assert preview.to_apply(skip_error_rows=False) == []  # a file with errors applies nothing
    assert {c.name for c in preview.to_apply(skip_error_rows=True)} == {"אופקים", "ירוחם"}
