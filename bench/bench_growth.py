"""Growth from 0.1x to 1x of the large workspace; exits non-zero on super-linear growth.

    .venv/bin/python bench/bench_growth.py [--cache FOLDER] [--runs N] [--small 0.1]

Each operation is timed on the workspace at the small scale and at full size (both built by
make_large_workspace.py and cached); those on one record (loading one, editing one field,
the one-record documents), whose milliseconds a noisy moment could double, are timed
alternately on both. An operation on one record should not grow at all
(size ratio 1); a list operation grows with the number of rows (size ratio 10 from 0.1x).
The bench fails loudly when an operation grows more than 1.5x its size ratio.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_documents import document_measures  # noqa: E402
from harness import interleaved_medians, median_seconds  # noqa: E402
from make_large_workspace import FULL, counts, large_workspace  # noqa: E402
from reference_measures import Measure, edit_measures, flat_measures, reference_measures  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = ROOT / "bench" / ".cache"
ALLOWED = 1.5  # times the size ratio


def store_measures(path: Path, runs: int) -> list[Measure]:
    """Storage calls without the window: opening the file, every person."""
    from desktop.models.records import RecordKind
    from desktop.storage.reference_store import list_table
    from desktop.storage.workspace import open_workspace

    def open_and_close() -> None:
        open_workspace(path).close()

    opening = median_seconds(open_and_close, runs)
    workspace = open_workspace(path)
    every = median_seconds(lambda: list_table(workspace, RecordKind.PERSON), runs)  # what the list reads
    workspace.close()
    return [
        # Opening checks the whole file (PRAGMA quick_check): linear in its size.
        Measure("open the workspace file", opening, "", 0.0, "linear", None, False),
        Measure("read the people list rows", every, "", 0.0, "linear", None, False),
    ]


def one_person_measures(small_path: Path, full_path: Path, runs: int) -> tuple[list[Measure], list[Measure]]:
    """Loading the person in the middle of the list, alternately on both workspaces."""
    from desktop.models.records import RecordKind
    from desktop.storage.reference_store import list_table, load_record
    from desktop.storage.workspace import open_workspace

    small, full = open_workspace(small_path), open_workspace(full_path)
    try:
        uuids = []
        for workspace in (small, full):
            names, rows = list_table(workspace, RecordKind.PERSON)
            uuids.append(rows[len(rows) // 2][names.index("uuid")])
        seconds = interleaved_medians(
            lambda: load_record(small, RecordKind.PERSON, uuids[0]),
            lambda: load_record(full, RecordKind.PERSON, uuids[1]),
            runs,
        )
    finally:
        small.close()
        full.close()
    return flat_measures(("load one person", seconds))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--small", type=float, default=0.1)
    arguments = parser.parse_args()
    small_path = large_workspace(arguments.cache, arguments.small)
    full_path = large_workspace(arguments.cache, 1.0)
    size_ratio = FULL["people"] / counts(arguments.small)["people"]
    small = store_measures(small_path, arguments.runs)
    small += reference_measures(small_path, arguments.runs, edit=False)
    full = store_measures(full_path, arguments.runs)
    full += reference_measures(full_path, arguments.runs, edit=False)
    for flat_small, flat_full in (
        one_person_measures(small_path, full_path, arguments.runs),
        edit_measures(small_path, full_path, arguments.runs),
    ):
        small += flat_small
        full += flat_full
    # Exchange of everything (bench_exchange.py): export and import, linear.
    from bench_exchange import growth_measures

    exchange_runs = max(1, min(arguments.runs, 2))  # seconds each at full size
    small += growth_measures(small_path, exchange_runs)
    full += growth_measures(full_path, exchange_runs)
    # The one-record documents (bench_documents.py): their loaders and a community's syllabus.
    documents_small, documents_full = document_measures(small_path, full_path, arguments.runs)
    small += documents_small
    full += documents_full
    print(f"\nGrowth from {arguments.small:g}x to 1x (people x{size_ratio:g}, median of {arguments.runs})")
    header = f"{'operation':38} {'small':>9} {'full':>9} {'growth':>7} {'allowed':>8}  ok"
    print(header)
    print("-" * len(header))
    failed = []
    for before, after in zip(small, full, strict=True):
        growth = after.seconds / before.seconds if before.seconds else float("inf")
        allowed = ALLOWED * (1 if after.one_record else size_ratio)
        ok = growth <= allowed
        if not ok:
            failed.append(after.name)
        print(
            f"{after.name:38} {before.seconds * 1000:7.1f}ms {after.seconds * 1000:7.1f}ms "
            f"{growth:6.1f}x {allowed:7.1f}x  {'yes' if ok else 'NO'}"
        )
    if failed:
        print(f"\nSUPER-LINEAR GROWTH: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
