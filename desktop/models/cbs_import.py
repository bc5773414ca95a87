"""Reading the Central Bureau of Statistics tables of local authorities (pure logic, no I/O).

A table arrives as rows of cell values (from a workbook sheet or a CSV). We find its
header row, propose which column holds which field (the person may change it), parse
every data row with a message per problem, and compare the result with the authorities
already in the workspace: added, changed (field by field) and left alone.

Handled layouts: the yearly profile `p_libud_YYYY.xlsx` (2021-2024: sections and data
years above the headers, zero-padded codes in 2021, summary rows without a code and
regional councils as 55xx in 2024), the index tables (socio-economic 375/2022 and
peripherality 420/2022: status as a number, a regional council's code in the status
column) and plain CSV files with one header line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from desktop.i18n import N_, _
from desktop.models.validation import ValidationError

# Fields an import can fill, in the order the mapping screen lists them.
FIELDS: tuple[str, ...] = (
    "cbs_code",
    "name_he",
    "name_en",
    "municipal_status",
    "district",
    "population",
    "socioeconomic_cluster",
    "peripherality_cluster",
)
FIELD_LABELS: dict[str, str] = {
    "cbs_code": N_("CBS code"),
    "name_he": N_("Name (Hebrew)"),
    "name_en": N_("Name (English)"),
    "municipal_status": N_("Municipal status"),
    "district": N_("District"),
    "population": N_("Population"),
    "socioeconomic_cluster": N_("Socio-economic cluster (1-10)"),
    "peripherality_cluster": N_("Peripherality cluster (1-10)"),
}
REQUIRED_FIELDS = ("cbs_code", "municipal_status")

_SPACES = re.compile(r"\s+")


def normalise_header(text: Any) -> str:
    """Header text without footnote marks, line breaks and double spaces."""
    if text is None:
        return ""
    # Footnote marks: "[4]" after a header, or a digit glued to its last word ("אשכול4").
    cleaned = re.sub(r"\[\d+\]|(?<=[^\d\s])\d$", "", str(text).strip())
    return _SPACES.sub(" ", cleaned).strip().casefold()


# Known header wordings per field; a header matches when it starts with one of them.
# Section names (the merged row above the headers) disambiguate the two "אשכול" columns.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "cbs_code": ("סמל הרשות", "סמל יישוב", "סמל רשות", "code of locality", "cbs code", "code"),
    "name_he": ("שם הרשות", "שם רשות מקומית", "שם רשות", "שם", "name_he"),
    "name_en": ("name of local authority", "name (english)", "name_en"),
    "municipal_status": ("מעמד מוניציפלי", "municipal status", "status"),
    "district": ("מחוז", "district"),
    "population": ('סה"כ אוכלוסייה בסוף השנה', "אוכלוסייה", "population"),
    "socioeconomic_cluster": (
        "מדד חברתי-כלכלי / אשכול",
        "אשכול 2019",
        "cluster 2019",
        "socioeconomic_cluster",
    ),
    "peripherality_cluster": (
        "מדד פריפריאליות / אשכול",
        "מדד פריפריאליות 2020 / אשכול",
        "peripherality_cluster",
    ),
}


class ImportProblem(StrEnum):
    MISSING_COLUMN = "missing_column"
    MISSING_VALUE = "missing_value"
    UNKNOWN_STATUS = "unknown_status"
    UNKNOWN_DISTRICT = "unknown_district"
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"
    DUPLICATE = "duplicate"
    INVALID = "invalid"  # refused by the authority form's own validator (`value` says why)


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based row number in the source sheet
    field: str
    problem: ImportProblem
    value: str

    @property
    def message(self) -> str:
        label = _(FIELD_LABELS.get(self.field, self.field))
        messages = {
            ImportProblem.MISSING_COLUMN: _("No column is mapped to {field}."),
            ImportProblem.MISSING_VALUE: _("Row {row}: {field} is empty."),
            ImportProblem.UNKNOWN_STATUS: _("Row {row}: unknown municipal status “{value}”."),
            ImportProblem.UNKNOWN_DISTRICT: _("Row {row}: unknown district “{value}”."),
            ImportProblem.NOT_A_NUMBER: _("Row {row}: {field} “{value}” is not a number."),
            ImportProblem.OUT_OF_RANGE: _("Row {row}: {field} “{value}” is out of range."),
            ImportProblem.DUPLICATE: _("Row {row}: the code {value} appears more than once."),
            ImportProblem.INVALID: _("Row {row}: {field}: {value}"),
        }
        return messages[self.problem].format(row=self.row, field=label, value=self.value)


@dataclass
class Table:
    """Rows of one sheet (or CSV), with where its headers and data are."""

    rows: list[list[Any]]
    header_row: int  # 0-based index into rows
    headers: list[str]  # normalised, with the group or section name prefixed where there is one
    years: dict[int, int] = field(default_factory=dict)  # column -> data year, if stated
    title_year: int | None = None  # the year named in the sheet's title or update line
    data_start: int = 0  # 0-based index of the first row after the header block


def _year_in(text: Any) -> int | None:
    match = re.search(r"\b(20\d\d)\b", str(text or ""))
    return int(match.group(1)) if match else None


def _forward_filled(row: Sequence[Any], width: int) -> list[str]:
    filled, current = [], ""
    for index in range(width):
        value = row[index] if index < len(row) else None
        if value not in (None, ""):
            current = normalise_header(value)
        filled.append(current)
    return filled


_NUMERIC_TEXT = re.compile(r"^\(?-?[\d,.]+\)?$")


def _is_header_like(row: Sequence[Any]) -> bool:
    """Sub-header rows under the headers hold words only; data rows hold numbers."""
    return not any(isinstance(cell, int | float) or _NUMERIC_TEXT.match(_text(cell)) for cell in row)


def _cell_text(row: Sequence[Any], column: int) -> str:
    return normalise_header(row[column]) if column < len(row) else ""


def find_table(rows: list[list[Any]]) -> Table | None:
    """Locate the header row (the one naming a code column) and describe the table."""
    code_words = _SYNONYMS["cbs_code"][:4]
    for index, row in enumerate(rows[:40]):
        texts = [normalise_header(cell) for cell in row]
        if not any(text.startswith(code_words) for text in texts):
            continue
        sub_rows = []
        for following in rows[index + 1 : index + 4]:
            if not _is_header_like(following):
                break
            sub_rows.append(following)
        block = rows[index : index + 1 + len(sub_rows) + 3]
        width = max((len(r) for r in block), default=len(row))
        groups = _forward_filled(row, width)
        # The row two above names sections (p_libud); a title row has one cell only.
        above = rows[index - 2] if index >= 2 else []
        use_sections = sum(1 for cell in above if cell not in (None, "")) >= 2
        sections = _forward_filled(above, width) if use_sections else [""] * width
        headers = []
        for column in range(width):
            own = _cell_text(row, column)
            if own:
                text = own
            else:
                sub = next((_cell_text(r, column) for r in sub_rows if _cell_text(r, column)), "")
                text = f"{groups[column]} / {sub}" if groups[column] and sub else sub
            section = sections[column]
            headers.append(f"{section} / {text}" if section and text and section != text else text)
        years: dict[int, int] = {}
        if index >= 1:
            for column, cell in enumerate(rows[index - 1]):
                if isinstance(cell, int) and 1990 < cell < 2100:
                    years[column] = cell
        title_year = next((year for r in rows[:index] for cell in r if (year := _year_in(cell))), None)
        return Table(
            rows=rows,
            header_row=index,
            headers=headers,
            years=years,
            title_year=title_year,
            data_start=index + 1 + len(sub_rows),
        )
    return None


def propose_mapping(table: Table) -> dict[str, int]:
    """Field -> column, from the header wordings; fields with no match are left out."""
    mapping: dict[str, int] = {}
    taken: set[int] = set()
    for name in FIELDS:
        for synonym in _SYNONYMS[name]:
            candidates = [
                column
                for column, header in enumerate(table.headers)
                if column not in taken
                and (header == synonym or header.startswith(synonym) or header.split(" / ")[-1] == synonym)
            ]
            if candidates:
                mapping[name] = candidates[0]
                taken.add(candidates[0])
                break
    return mapping


# --- values -------------------------------------------------------------------------------

_STATUS_WORDS = {
    "עירייה": "city",
    "מועצה מקומית": "local_council",
    "מועצה אזורית": "regional_council",
    "city": "city",
    "local_council": "local_council",
    "regional_council": "regional_council",
}
# Index tables write the status as a number: 0 city, 99 local council, else the code of
# the regional council itself (and leave the code column empty).
_CITY_NUMBER, _LOCAL_COUNCIL_NUMBER = 0, 99
_DISTRICT_WORDS = {
    "ירושלים": "jerusalem",
    "הצפון": "north",
    "צפון": "north",
    "חיפה": "haifa",
    "המרכז": "center",
    "מרכז": "center",
    "תל אביב": "tel_aviv",
    "הדרום": "south",
    "דרום": "south",
    "יהודה והשומרון": "judea_samaria",
    "אזור יהודה והשומרון": "judea_samaria",
    'יו"ש': "judea_samaria",
}
_DISTRICT_NUMBERS = {
    1: "jerusalem",
    2: "north",
    3: "haifa",
    4: "center",
    5: "tel_aviv",
    6: "south",
    7: "judea_samaria",
}
_MISSING_MARKS = {"", "-", "..", "—", "–"}
_REGIONAL_COUNCIL_OFFSET = 5500  # the 2024 profile writes regional councils as 55xx


def _text(value: Any) -> str:
    return "" if value is None else _SPACES.sub(" ", str(value)).strip()


def parse_number(value: Any) -> float | None:
    """A figure; None where CBS marks it missing; parentheses (low reliability) are kept."""
    if isinstance(value, int | float):
        return float(value)
    text = _text(value).replace(",", "")
    if text in _MISSING_MARKS:
        return None
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return float(text)  # raises ValueError for anything else


@dataclass
class ParsedAuthority:
    row: int
    values: dict[str, Any]

    @property
    def key(self) -> tuple[str, str]:
        return (str(self.values["municipal_status"]), str(self.values["cbs_code"]))


@dataclass
class ParseResult:
    authorities: list[ParsedAuthority]
    errors: list[RowError]
    skipped_summary_rows: int = 0

    @property
    def error_rows(self) -> set[int]:
        return {error.row for error in self.errors if error.row}


def _status_and_code(
    row: int, raw_status: Any, raw_code: Any, errors: list[RowError]
) -> tuple[str | None, str | None]:
    status: str | None = None
    code_text = _text(raw_code)
    if isinstance(raw_status, int | float) or _text(raw_status).isdigit():
        number = int(float(raw_status))
        if number == _CITY_NUMBER:
            status = "city"
        elif number == _LOCAL_COUNCIL_NUMBER:
            status = "local_council"
        elif not code_text:
            status, code_text = "regional_council", str(number)
    else:
        status = _STATUS_WORDS.get(_text(raw_status))
    if status is None:
        errors.append(RowError(row, "municipal_status", ImportProblem.UNKNOWN_STATUS, _text(raw_status)))
        return None, None
    if not code_text:
        errors.append(RowError(row, "cbs_code", ImportProblem.MISSING_VALUE, ""))
        return status, None
    try:
        code = int(float(code_text))
    except ValueError:
        errors.append(RowError(row, "cbs_code", ImportProblem.NOT_A_NUMBER, code_text))
        return status, None
    if status == "regional_council" and code > _REGIONAL_COUNCIL_OFFSET:
        code -= _REGIONAL_COUNCIL_OFFSET
    return status, str(code)


def _district(row: int, raw: Any, errors: list[RowError]) -> str | None:
    if raw is None or _text(raw) == "":
        return None
    if isinstance(raw, int | float):
        district = _DISTRICT_NUMBERS.get(int(raw))
    else:
        district = _DISTRICT_WORDS.get(_text(raw))
    if district is None:
        errors.append(RowError(row, "district", ImportProblem.UNKNOWN_DISTRICT, _text(raw)))
    return district


def _figure(row: int, name: str, raw: Any, errors: list[RowError], *, cluster: bool) -> int | None:
    try:
        number = parse_number(raw)
    except ValueError:
        errors.append(RowError(row, name, ImportProblem.NOT_A_NUMBER, _text(raw)))
        return None
    if number is None:
        return None
    if not math.isfinite(number):  # 1e400 reads as infinity, "nan" as not a number
        errors.append(RowError(row, name, ImportProblem.NOT_A_NUMBER, _text(raw)[:40]))
        return None
    if (cluster and not 1 <= number <= 10) or (not cluster and number < 0):
        errors.append(RowError(row, name, ImportProblem.OUT_OF_RANGE, _text(raw)))
        return None
    return round(number)


def _form_errors(row: int, values: Mapping[str, Any]) -> list[RowError]:
    """What the authority form (and so the save) would refuse in this row's values."""
    from desktop.models.records import AUTHORITY, FieldKind

    errors = []
    for name, value in values.items():
        spec = AUTHORITY.field(name)
        raw = "" if value is None else str(value) if spec.kind is FieldKind.NUMBER else value
        try:
            spec.clean(raw)
        except ValidationError as error:
            errors.append(RowError(row, name, ImportProblem.INVALID, error.message))
    return errors


def parse_table(table: Table, mapping: Mapping[str, int]) -> ParseResult:
    """Every data row as authority values, with one message per problem found."""
    errors = [
        RowError(0, name, ImportProblem.MISSING_COLUMN, "")
        for name in REQUIRED_FIELDS
        if name not in mapping and name != "cbs_code"
    ]
    if "cbs_code" not in mapping and "municipal_status" not in mapping:
        errors.append(RowError(0, "cbs_code", ImportProblem.MISSING_COLUMN, ""))
    if errors:
        return ParseResult([], errors)

    def cell(row: list[Any], name: str) -> Any:
        column = mapping.get(name)
        return row[column] if column is not None and column < len(row) else None

    authorities: list[ParsedAuthority] = []
    seen: dict[tuple[str, str], int] = {}
    skipped = 0
    for offset, row in enumerate(table.rows[table.data_start :]):
        number = table.data_start + offset + 1
        if not any(_text(value) for value in row):
            if authorities or errors:
                break  # the table ends at its first empty row; footnotes follow
            continue
        raw_code, raw_status = cell(row, "cbs_code"), cell(row, "municipal_status")
        if _text(raw_code) == "" and not (isinstance(raw_status, int | float) or _text(raw_status).isdigit()):
            if _text(cell(row, "name_he")):
                skipped += 1  # summary rows (כלל ארצי, עיריות...) carry no code
            continue
        row_errors: list[RowError] = []
        status, code = _status_and_code(number, raw_status, raw_code, row_errors)
        values: dict[str, Any] = {"cbs_code": code, "municipal_status": status}
        name = _text(cell(row, "name_he"))
        if "name_he" in mapping:
            if name:
                values["name_he"] = name
            else:
                row_errors.append(RowError(number, "name_he", ImportProblem.MISSING_VALUE, ""))
        if "name_en" in mapping and _text(cell(row, "name_en")):
            values["name_en"] = _text(cell(row, "name_en")).title()
        if "district" in mapping:
            values["district"] = _district(number, cell(row, "district"), row_errors)
        for figure in ("population", "socioeconomic_cluster", "peripherality_cluster"):
            if figure in mapping:
                values[figure] = _figure(
                    number, figure, cell(row, figure), row_errors, cluster=figure != "population"
                )
        if status and code:
            key = (status, code)
            if key in seen:
                row_errors.append(RowError(number, "cbs_code", ImportProblem.DUPLICATE, code))
            seen[key] = number
        if not row_errors:
            row_errors = _form_errors(number, values)
        errors.extend(row_errors)
        if status and code:
            authorities.append(ParsedAuthority(number, values))
    return ParseResult(authorities, errors, skipped)


def figure_years(table: Table, mapping: Mapping[str, int], fallback: int | None) -> dict[str, int]:
    """The year each imported figure describes: from the year row above it, else the file's."""
    years: dict[str, int] = {}
    for name in ("population", "socioeconomic_cluster", "peripherality_cluster"):
        column = mapping.get(name)
        if column is None:
            continue
        year = table.years.get(column) or _year_in(table.headers[column]) or fallback
        if year is not None:
            years[name] = year
    return years


# --- comparing with the workspace -----------------------------------------------------------

YEAR_FIELD = {
    "population": "population_year",
    "socioeconomic_cluster": "socioeconomic_edition",
    "peripherality_cluster": "peripherality_edition",
}


@dataclass
class Change:
    key: tuple[str, str]
    uuid: str | None  # None: a new authority
    name: str
    row: int
    values: dict[str, Any]  # what the import sets
    differences: dict[str, tuple[Any, Any]]  # field -> (now, after)


@dataclass
class Preview:
    added: list[Change]
    changed: list[Change]
    unchanged: list[Change]
    errors: list[RowError]

    def to_apply(self, *, skip_error_rows: bool) -> list[Change]:
        """What would be written; nothing at all while errors remain and are not skipped."""
        if self.errors and not skip_error_rows:
            return []
        bad = {error.row for error in self.errors}
        return [change for change in self.added + self.changed if change.row not in bad]


def build_preview(
    parsed: ParseResult, existing: Sequence[Mapping[str, Any]], years: Mapping[str, int]
) -> Preview:
    """Compare parsed rows with the workspace's authorities (by status and code, else name)."""
    by_key = {(str(a["municipal_status"]), str(a["cbs_code"])): a for a in existing if a.get("cbs_code")}
    by_name = {(str(a["municipal_status"]), str(a["name_he"])): a for a in existing if not a.get("cbs_code")}
    preview = Preview([], [], [], list(parsed.errors))
    for authority in parsed.authorities:
        if authority.row in parsed.error_rows:
            continue  # listed with its errors, never as a change
        values = {name: value for name, value in authority.values.items() if value is not None}
        for name, year_field in YEAR_FIELD.items():
            if values.get(name) is not None and name in years:
                values[year_field] = years[name]
        current = by_key.get(authority.key) or by_name.get((authority.key[0], str(values.get("name_he", ""))))
        name = str(values.get("name_he") or (current or {}).get("name_he") or authority.key[1])
        if current is None:
            preview.added.append(
                Change(
                    authority.key,
                    None,
                    name,
                    authority.row,
                    values,
                    {k: (None, v) for k, v in values.items()},
                )
            )
            continue
        differences = {k: (current.get(k), v) for k, v in values.items() if current.get(k) != v}
        change = Change(authority.key, str(current["uuid"]), name, authority.row, values, differences)
        (preview.changed if differences else preview.unchanged).append(change)
    return preview
