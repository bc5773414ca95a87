"""Hostile sizes (issue 14): a tiny workbook claiming millions of rows, and huge exchange files.

    .venv/bin/python bench/bench_files.py [--rows N] [--records N]

Each case runs in a child process of its own, so its time and peak memory (ru_maxrss) are its
own. The baseline is what issue 14 measured before the fix, on the same kind of file:

- a 525 KB .xlsx with 2 million rows: 239 s and 4.7 GB before "no table found";
- a 300,000-record exchange file: 44 s and 1 GB.

Targets: the workbook is refused (more than MAX_ROWS rows) in under 10 s and 300 MB; the
300,000-record exchange file is refused in under 10 s and 300 MB; the largest exchange file
accepted (MAX_RECORDS records) is checked and previewed in under 60 s and 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASELINES = {"xlsx": (239.0, 4.7 * 1024), "exchange-refused": (44.0, 1024.0)}


def make_xlsx(path: Path, rows: int) -> None:
    """A minimal workbook whose one sheet has `rows` rows of one number: a few hundred KB."""
    sheet_head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
            'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(sheet_head.encode())
            chunk = []
            for row in range(1, rows + 1):
                chunk.append(f'<row r="{row}"><c r="A{row}"><v>1</v></c></row>')
                if len(chunk) == 10_000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write(("".join(chunk) + "</sheetData></worksheet>").encode())


def make_exchange(path: Path, records: int) -> None:
    from desktop import __version__
    from desktop.models import exchange as ex
    from desktop.storage.workspace import head_revision

    items = (
        ex.ExchangeRecord(
            ex.ORGANISATION, str(uuid.uuid4()), {"name": f"עמותה {number}", "sector": "ngo", "notes": ""}
        )
        for number in range(records)
    )
    header = ex.Header(
        schema=head_revision(), app_version=__version__, created_at="2026-12-07T00:00:00", scope="everything"
    )
    with path.open("wb") as handle:
        ex.write_exchange(header, items, (), handle)


def child(case: str, path: Path, workspace: Path) -> None:
    """Run one case and print its seconds, peak MB and outcome as JSON."""
    from desktop.i18n import set_language

    set_language("en")
    start = time.perf_counter()
    outcome = ""
    if case == "xlsx":
        from desktop.storage.cbs_files import UnreadableFile, read_rows

        try:
            read_rows(path)
            outcome = "read"
        except UnreadableFile as error:
            outcome = f"refused: {error}"
    else:
        from desktop.models.exchange import ExchangeRefused
        from desktop.storage import exchange as sx
        from desktop.storage.workspace import open_workspace

        target = open_workspace(workspace)
        try:
            plan = sx.plan_import(target, path)
            outcome = f"previewed {len(plan.items)} records"
        except ExchangeRefused as error:
            outcome = f"refused: {error}"
        finally:
            target.close()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb(), "outcome": outcome}))


def _peak_mb() -> float:
    """This process's peak memory: VmHWM (reset by exec, unlike ru_maxrss, which a child
    inherits from the process that forked it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(case: str, path: Path, workspace: Path) -> dict[str, float | str]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", case, str(path), str(workspace)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument("--child", nargs=3)
    arguments = parser.parse_args()
    if arguments.child:
        case, path, workspace = arguments.child
        child(case, Path(path), Path(workspace))
        return 0
    from desktop.i18n import set_language
    from desktop.models.exchange import MAX_RECORDS
    from desktop.storage.cbs_files import MAX_ROWS
    from desktop.storage.workspace import create_workspace

    set_language("en")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        workspace = base / "target.shutafut"
        create_workspace(workspace).close()
        xlsx = base / "rows.xlsx"
        make_xlsx(xlsx, arguments.rows)
        big = base / "big.shutafut-exchange"
        make_exchange(big, arguments.records)
        largest = base / "largest.shutafut-exchange"
        make_exchange(largest, MAX_RECORDS)
        cases = [
            (
                "xlsx",
                xlsx,
                f"{arguments.rows:,} rows, {xlsx.stat().st_size // 1024:,} KB (limit {MAX_ROWS:,} rows)",
                10,
                300,
            ),
            (
                "exchange-refused",
                big,
                f"{arguments.records:,} records, {big.stat().st_size // 1024:,} KB",
                10,
                300,
            ),
            (
                "exchange-largest",
                largest,
                f"{MAX_RECORDS:,} records (the limit), {largest.stat().st_size // 1024:,} KB",
                60,
                1536,
            ),
        ]
        print(f"{'case':<18} {'file':<52} {'seconds':>8} {'peak MB':>8}  {'before (issue 14)':<20} result")
        failed = False
        for case, path, size, target_s, target_mb in cases:
            found = measure(case, path, workspace)
            seconds, peak = float(found["seconds"]), float(found["peak_mb"])
            before = BASELINES.get(case)
            baseline = f"{before[0]:.0f} s, {before[1]:,.0f} MB" if before else "-"
            ok = seconds <= target_s and peak <= target_mb
            failed = failed or not ok
            print(
                f"{case:<18} {size:<52} {seconds:>8.1f} {peak:>8.0f}  {baseline:<20} "
                f"{'PASS' if ok else 'FAIL'} (target {target_s} s, {target_mb} MB): "
                f"{str(found['outcome'])[:70]}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
