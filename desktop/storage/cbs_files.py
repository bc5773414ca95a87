"""Reading CBS workbooks and CSV files into rows, and applying an import to a workspace."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.models.cbs_import import Change, Table, find_table
from desktop.models.records import AUTHORITY, RecordKind
from desktop.progress import Progress as WorkProgress
from desktop.storage.reference_store import list_records
from desktop.storage.workspace import Workspace

# The profile workbook keeps authorities on this sheet (its name ends in a space in 2021).
_PROFILE_SHEET_PREFIX = "נתונים פיזיים"


class UnreadableFile(ValueError):
    """Not a workbook or CSV we can read; str() is a translated message."""


def _dimensions_from_the_head(worksheet: Any) -> None:
    """ReadOnlyWorksheet._get_size, reading only up to the sheet's data.

    openpyxl looks for the optional <dimension> element with "end" events, so when a sheet has
    none it parses every row before `load_workbook` returns (minutes, and gigabytes, for a
    small file that claims millions of rows). The element comes before <sheetData>, so the
    "start" of that one ends the search.
    """
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import range_boundaries

    with worksheet._get_source() as source:
        for _event, element in iterparse(source, events=("start",)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "dimension":
                reference = element.get("ref") or ""
                try:
                    bounds = range_boundaries(reference if ":" in reference else f"{reference}:{reference}")
                except (ValueError, TypeError):
                    return
                if all(bound is not None for bound in bounds):
                    (
                        worksheet._min_column,
                        worksheet._min_row,
                        worksheet._max_column,
                        worksheet._max_row,
                    ) = bounds
                return
            if tag == "sheetData":
                return


def _load_workbook(path: Path) -> Any:
    """The workbook in openpyxl's read-only (streaming) mode, without reading its rows yet."""
    import openpyxl
    from openpyxl.worksheet import _read_only

    reader = _read_only.ReadOnlyWorksheet
    original = reader._get_size
    setattr(reader, "_get_size", _dimensions_from_the_head)  # noqa: B010 - a private method
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    finally:
        setattr(reader, "_get_size", original)  # noqa: B010


def sheet_names(path: Path) -> list[str]:
    if path.suffix.lower() == ".csv":
        return [path.stem]
    try:
        workbook = _load_workbook(path)
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise _unreadable(path) from error
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _unreadable(path: Path) -> UnreadableFile:
    from desktop.i18n import _

    return UnreadableFile(
        _("{name} cannot be read as an Excel workbook (.xlsx) or a CSV file.").format(name=path.name)
    )


def default_sheet(names: list[str]) -> str:
    return next((name for name in names if name.startswith(_PROFILE_SHEET_PREFIX)), names[0])


# A CBS table holds a few thousand rows at most; a sheet claiming millions is not one.
MAX_ROWS = 20_000
MAX_COLUMNS = 1_000
MAX_CSV_BYTES = 50 * 1024 * 1024
PROGRESS_EVERY = 500

Progress = Callable[[int], bool]  # rows read so far -> False to cancel


class ReadCancelled(Exception):
    """The person cancelled reading the file."""


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with.

    Excel saves "CSV UTF-8" with a BOM, "Unicode text" as UTF-16 (with a BOM), and plain
    "CSV" in Hebrew Windows as cp1255; these are tried in that order, after plain UTF-8.
    """
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, encoding in boms:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    head = data[:4096]
    if len(head) >= 4 and len(data) % 2 == 0:
        # UTF-16 without a BOM: the high byte of each character is 0 (Latin), 5 (Hebrew) or 6
        # (Arabic) almost everywhere.
        for encoding, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
            if sum(byte in (0, 5, 6) for byte in high) >= 0.9 * len(high):
                try:
                    return data.decode(encoding), encoding
                except UnicodeDecodeError:
                    continue
    for encoding in ("utf-8", "cp1255"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("cp1255", data[:1], 0, 1, "not UTF-8, UTF-16 nor cp1255")


def _csv_rows(path: Path, progress: Progress | None) -> list[list[Any]]:
    from desktop.i18n import _

    if path.stat().st_size > MAX_CSV_BYTES:
        raise UnreadableFile(
            _("{name} is too large for a table of authorities (more than {size} MB).").format(
                name=path.name, size=MAX_CSV_BYTES // (1024 * 1024)
            )
        )
    try:
        text, _encoding = decode_csv(path.read_bytes())
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            _(
                "{name} is not in an encoding Shutafut can read. In Excel, save it as "
                "“CSV UTF-8” and choose it again."
            ).format(name=path.name)
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    rows: list[list[Any]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row[:MAX_COLUMNS])
            _count(rows, path, progress)
    except csv.Error as error:
        raise _unreadable(path) from error
    return rows


def _count(rows: list[list[Any]], path: Path, progress: Progress | None) -> None:
    from desktop import i18n
    from desktop.i18n import _

    if len(rows) > MAX_ROWS:
        raise UnreadableFile(
            _(
                "{name} has more than {count} rows; a table of authorities is much shorter. "
                "Choose the sheet or file with the authorities."
            ).format(name=path.name, count=i18n.format_number(MAX_ROWS))
        )
    if progress is not None and len(rows) % PROGRESS_EVERY == 0 and not progress(len(rows)):
        raise ReadCancelled


def read_rows(path: Path, sheet: str | None = None, progress: Progress | None = None) -> list[list[Any]]:
    """The rows of a CSV file or of a workbook's sheet, read as a stream (openpyxl's
    read-only mode), at most MAX_ROWS of them; `progress` may cancel (ReadCancelled)."""
    if path.suffix.lower() == ".csv":
        return _csv_rows(path, progress)
    try:
        workbook = _load_workbook(path)
    except Exception as error:
        raise _unreadable(path) from error
    try:
        worksheet = workbook[sheet or default_sheet(list(workbook.sheetnames))]
        if (worksheet.max_column or 0) > MAX_COLUMNS or (worksheet.max_row or 0) > MAX_ROWS:
            # A stated size this large is not a CBS table's: read the rows as they are,
            # without padding each to that width.
            reset_dimensions = getattr(worksheet, "reset_dimensions", None)
            if reset_dimensions is not None:
                reset_dimensions()
        rows: list[list[Any]] = []
        for row in worksheet.iter_rows(values_only=True):
            rows.append(list(row[:MAX_COLUMNS]))
            _count(rows, path, progress)
        return rows
    except (UnreadableFile, ReadCancelled):
        raise
    except Exception as error:  # a damaged sheet inside a valid zip
        raise _unreadable(path) from error
    finally:
        workbook.close()


def read_table(path: Path, sheet: str | None = None, progress: Progress | None = None) -> Table | None:
    return find_table(read_rows(path, sheet, progress))


def existing_authorities(workspace: Workspace) -> list[dict[str, Any]]:
    return list_records(workspace, RecordKind.AUTHORITY)


class ImportRefused(ValueError):
    """The import was refused and nothing was written; str() is a translated message."""


def apply_changes(
    workspace: Workspace,
    changes: list[Change],
    source: str | None = None,
    progress: WorkProgress | None = None,
) -> int:
    """Write the previewed changes in one transaction: all of them, or (on any refusal or
    failure, or Cancel with `progress`) none. Every written record names the source of its
    figures (`source`, or the one each change carries, as the national dataset's do). Values
    pass the authority form's validators, as the preview already checked."""
    from desktop.i18n import _
    from desktop.progress import step
    from desktop.storage.concurrency import guarded_save
    from desktop.storage.reference_store import (
        MODEL_BY_KIND,
        RecordInvalid,
        _apply,
        _check_unique,
        _get,
        _values_of,
    )

    spec = AUTHORITY
    with guarded_save(workspace, _("the local authorities import"), lambda _session: (None, None)) as session:
        for number, change in enumerate(changes):
            step(progress, number, len(changes) + 1)
            values = dict(change.values)
            if source is not None:
                values["data_source"] = source
            record: Any = _get(session, RecordKind.AUTHORITY, change.uuid) if change.uuid else None
            merged = {**_values_of(spec, record), **values} if record is not None else values
            cleaned, errors = spec.clean(merged)
            try:
                if errors:
                    raise RecordInvalid(errors)
                _check_unique(session, RecordKind.AUTHORITY, cleaned, change.uuid)
            except RecordInvalid as error:
                field, message = next(iter(error.errors.items()))
                raise ImportRefused(
                    _("Row {row} ({name}): {field}: {message} Nothing was imported.").format(
                        row=change.row, name=change.name[:80], field=spec.field(field).label, message=message
                    )
                ) from error
            if record is None:
                record = MODEL_BY_KIND[RecordKind.AUTHORITY]()
                session.add(record)
            _apply(session, spec, record, cleaned)
            session.flush()
        step(progress, len(changes) + 1, len(changes) + 1)  # the last moment to stop: rolled back
    return len(changes)
