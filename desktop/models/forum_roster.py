"""A design forum's roster read from a registration form's export (Google Forms, Microsoft
Forms, a spreadsheet): the columns are matched to the participant's fields, the mapping is
checked, and every line that cannot be read is reported by its line number."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from desktop.i18n import N_, _, strip_marks
from desktop.models.enums import Sector
from desktop.models.validation import ValidationError

FIELDS = ("name", "organisation", "sector", "role")
FIELD_LABELS = {
    "name": N_("Name"),
    "organisation": N_("Organisation"),
    "sector": N_("Sector"),
    "role": N_("Role"),
}
# Headers a form tool may give each field, in the three languages.
_HEADERS = {
    "name": {"name", "full name", "your name", "שם", "שם מלא", "שם ושם משפחה", "الاسم", "الاسم الكامل"},
    "organisation": {
        "organisation",
        "organization",
        "organisation name",
        "ארגון",
        "שם הארגון",
        "גוף",
        "מקום עבודה",
        "المؤسسة",
        "الجهة",
    },
    "sector": {"sector", "מגזר", "סקטור", "القطاع"},
    "role": {"role", "job", "position", "title", "תפקיד", "الوظيفة", "الدور"},
}


def rows_from_csv(text: str) -> list[list[str]]:
    """The rows of a CSV export (comma, semicolon or tab separated)."""
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _clean(text: str) -> str:
    return " ".join(strip_marks(text).split())


def guess_mapping(header: Sequence[str]) -> dict[str, int | None]:
    """Which column holds each field, by its header; None where no header matches."""
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    for index, title in enumerate(header):
        text = _clean(title).casefold().rstrip(":?")
        for name in FIELDS:
            if mapping[name] is None and text in _HEADERS[name]:
                mapping[name] = index
                break
    return mapping


def check_mapping(mapping: Mapping[str, int | None]) -> list[str]:
    """What is wrong with a column mapping (empty: it can be used)."""
    problems = []
    if mapping.get("name") is None:
        problems.append(_("Choose the column that holds the participants' names."))
    used = [index for index in mapping.values() if index is not None]
    if len(used) != len(set(used)):
        problems.append(_("Each column can fill only one field."))
    return problems


def parse_sector(text: str) -> str:
    """A sector as written in a form: its key, or its name in Hebrew, Arabic or English."""
    from desktop import i18n

    cleaned = _clean(text).casefold()
    if not cleaned:
        return ""
    for sector in Sector:
        if cleaned == sector.value:
            return sector.value
    for language in ("he", "ar", "en"):
        for sector in Sector:
            if cleaned == i18n.translate_in(language, Sector.labels()[sector.value]).casefold():
                return sector.value
    raise ValidationError(
        "sector",
        _("“{sector}” is not a sector; use one of: {sectors}.").format(
            sector=_clean(text), sectors=", ".join(s.label for s in Sector)
        ),
    )


@dataclass(frozen=True)
class RosterRow:
    name: str
    organisation: str = ""
    sector: str = ""
    role: str = ""


@dataclass
class RosterImport:
    rows: list[RosterRow] = field(default_factory=list)
    row_errors: list[tuple[int, str]] = field(default_factory=list)  # (file line, message)
    rows_read: int = 0


def read_roster(
    rows: Sequence[Sequence[str]], mapping: Mapping[str, int | None], existing: Iterable[str] = ()
) -> RosterImport:
    """Participants from `rows` (the first is the header) with the columns of `mapping`.
    A line without a name, with an unknown sector, or naming someone already on the list (or
    earlier in the file) is refused and reported by its line number."""
    problems = check_mapping(mapping)
    if problems:
        raise ValidationError("mapping", " ".join(problems))
    known = {name.casefold() for name in existing}
    result = RosterImport()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        result.rows_read += 1

        def cell(name: str, row: Sequence[str] = row) -> str:
            index = mapping.get(name)
            return _clean(row[index]) if index is not None and index < len(row) else ""

        name = cell("name")
        if not name:
            result.row_errors.append((line, _("No name on this line.")))
            continue
        if name.casefold() in known:
            result.row_errors.append((line, _("{name} is already on the list.").format(name=name)))
            continue
        try:
            sector = parse_sector(cell("sector"))
        except ValidationError as error:
            result.row_errors.append((line, error.message))
            continue
        known.add(name.casefold())
        result.rows.append(RosterRow(name, cell("organisation"), sector, cell("role")))
    return result
