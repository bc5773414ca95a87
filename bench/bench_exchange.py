"""Exchange between laptops: a mid-size workspace, then a foundation's whole workspace.

    .venv/bin/python bench/bench_exchange.py [--runs N] [--cache FOLDER] [--large-runs N]

First table, 250 authorities, 20 forums of 60 participants and 400 ideas each, and 50 flags
diagnoses. Targets (medians): exporting everything under 5 s; importing it into an empty
workspace under 5 s; importing it again (every record compared, nothing written) under 5 s.
The baseline, measured in the same run, is a consistent copy of the workspace file
(SQLite's online backup).

Second table, the large workspace of make_large_workspace.py (22,800 records, a 40 MB
payload): exporting everything and importing it (into an empty workspace, and again with
every record unchanged), each under 2 s and linear. The floors are measured in the same
run on the same records: json.dumps of the file's records for the export, json.loads of
its payload for the imports. growth_measures() gives bench_growth.py the same operations.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import Result, Timed, interleaved_with_cpu, median_seconds, print_table  # noqa: E402

if TYPE_CHECKING:
    from reference_measures import Measure

    from desktop.storage.exchange import ImportPlan, ImportResult
    from desktop.storage.workspace import Workspace

DEFAULT_CACHE = Path(__file__).resolve().parent / ".cache"
LARGE_TARGET_S = 2.0


def populate(path: Path) -> Workspace:
    from desktop.models.enums import Sector
    from desktop.models.flags import ClusterFlags, Flag, Item
    from desktop.models.forum import Forum, sessions_from_template
    from desktop.storage.flags_store import save_cluster_flags
    from desktop.storage.forum_store import save_forum
    from desktop.storage.tables import Authority, Organisation, Person, RegionalCluster
    from desktop.storage.workspace import create_workspace

    rng = random.Random(250)
    workspace = create_workspace(path)
    with workspace.session() as session:
        authorities = [
            Authority(
                name_he=f"רשות {n}",
                municipal_status="city",
                cbs_code=str(n),
                population=rng.randint(1000, 200000),
            )
            for n in range(1, 251)
        ]
        session.add_all(authorities)
        organisations = [Organisation(name=f"ארגון {n}", sector="ngo") for n in range(40)]
        session.add_all(organisations)
        people = [
            Person(
                full_name=f"אדם {n}",
                organisation=rng.choice(organisations),
                phone=f"+97250{n:07d}",
                email=f"p{n}@example.org",
                consent_contact=n % 3 != 0,
            )
            for n in range(600)
        ]
        session.add_all(people)
        clusters = [
            RegionalCluster(name=f"אשכול {n}", members=authorities[n * 10 : (n + 1) * 10]) for n in range(5)
        ]
        session.add_all(clusters)
        session.flush()
        person_uuids = [p.uuid for p in people]
        cluster_uuids = [(c.uuid, [a.uuid for a in c.members]) for c in clusters]
    sectors = [s.value for s in Sector]
    for number in range(20):
        forum = Forum(
            f"פורום {number}", place_of=f"אשכול {number % 5}", sessions=sessions_from_template("stem", "he")
        )
        for index in range(60):
            participant = forum.add_participant(
                f"משתתף {number}-{index}",
                sector=rng.choice(sectors),
                person_uuid=person_uuids[(number * 60 + index) % len(person_uuids)],
            )
            forum.check_in(participant.id, 1)
        groups = [forum.new_cluster(1, f"קבוצה {n}") for n in range(12)]
        for index in range(400):
            idea = forum.add_idea(1, 1, f"רעיון {index} על חינוך, תעסוקה ומוביליות")
            idea.cluster = rng.choice(groups).id
        save_forum(workspace, forum)
    diagnoses = itertools.count()
    for cluster_uuid, members in cluster_uuids:
        flags = ClusterFlags(
            cluster_uuid, items=[Item(f"i{n}", f"שירות {n}", authorities=members[:5]) for n in range(5)]
        )
        for item in flags.items:
            for _round in range(2):
                diagnosis = flags.new_diagnosis(item.id, date(2026, 1, 1 + next(diagnoses) % 28))
                for flag in Flag:
                    diagnosis.flags[flag.value].agreed = rng.randint(1, 4)
        save_cluster_flags(workspace, flags)
    assert next(diagnoses) == 50
    return workspace


class _Exchange:
    """Export, import and import again on a copy of a cached workspace (the cache is never
    written to: exporting remembers what was shared)."""

    def __init__(self, source: Path, folder: Path) -> None:
        import shutil

        from desktop.storage.workspace import open_workspace

        self.folder = folder
        copy = folder / "source.shutafut"
        shutil.copyfile(source, copy)
        self.source = open_workspace(copy)
        self.out = folder / "all.shutafut-exchange"
        self.counter = itertools.count()
        self.export()
        self.again = self._target()
        self.import_into(self.again)
        self.empty: Workspace | None = None

    def _target(self) -> Workspace:
        from desktop.storage.workspace import create_workspace

        return create_workspace(self.folder / f"target-{next(self.counter)}.shutafut")

    def export(self) -> None:
        from desktop.models import exchange as ex
        from desktop.storage import exchange as sx

        self.out.unlink(missing_ok=True)
        sx.export_exchange(self.source, self.out, ex.Scope.EVERYTHING)

    def import_into(self, target: Workspace) -> tuple[ImportPlan, ImportResult]:
        from desktop.storage import exchange as sx

        plan = sx.plan_import(target, self.out)
        return plan, sx.apply_import(target, plan)

    def empty_target(self) -> None:
        """Make the empty workspace the next fresh_import fills (creating it is not part of
        the import), removing those filled before."""
        for leftover in self.folder.glob("target-*.shutafut*"):
            if leftover.name.split(".")[0] != "target-0":
                leftover.unlink()
        self.empty = self._target()

    def fresh_import(self) -> None:
        """Import the file into the workspace made by empty_target (made here if there is
        none), then close it."""
        target, self.empty = self.empty or self._target(), None
        plan, result = self.import_into(target)
        assert result.added == len(plan.items)
        target.close()

    def import_again(self) -> None:
        from desktop.models import exchange as ex

        plan, _result = self.import_into(self.again)
        assert plan.count(ex.Decision.UNCHANGED) == len(plan.items)

    def payload(self) -> bytes:
        import zipfile

        from desktop.models import exchange as ex

        with zipfile.ZipFile(self.out) as archive:
            return archive.read(ex.PAYLOAD_MEMBER)

    def close(self) -> None:
        self.source.close()
        self.again.close()


def growth_measures(path: Path, runs: int) -> list[Measure]:
    """Export and import of everything (linear) for bench_growth.py."""
    from reference_measures import Measure

    with tempfile.TemporaryDirectory() as folder:
        exchange = _Exchange(path, Path(folder))
        export_s = median_seconds(exchange.export, runs)
        import_s = median_seconds(exchange.fresh_import, runs, before=exchange.empty_target)
        exchange.close()
    return [
        Measure("exchange: export everything", export_s, "", 0.0, "linear", None, False),
        Measure("exchange: import everything", import_s, "", 0.0, "linear", None, False),
    ]


def large_results(path: Path, runs: int) -> tuple[list[Result], str, dict[str, Timed]]:
    """The results, their table's title, and by result name its times with CPU times."""
    import json

    with tempfile.TemporaryDirectory() as folder:
        exchange = _Exchange(path, Path(folder))
        payload = exchange.payload()
        records = json.loads(payload)

        def dump() -> None:
            json.dumps(records, ensure_ascii=False, separators=(",", ":"))

        def load() -> None:
            json.loads(payload)

        timed = {
            "export everything": interleaved_with_cpu(exchange.export, dump, runs),
            "import into an empty workspace": interleaved_with_cpu(
                exchange.fresh_import, load, runs, before=exchange.empty_target
            ),
            "import again (all unchanged)": interleaved_with_cpu(exchange.import_again, load, runs),
        }
        size = exchange.out.stat().st_size / 1e6
        count = len(records["records"])
        exchange.close()
    target = f"< {LARGE_TARGET_S:g} s"
    limit = LARGE_TARGET_S
    results = [
        Result(name, t.seconds, floor, t.baseline_seconds, target, t.seconds < limit)
        for (name, t), floor in zip(timed.items(), ("json.dumps", "json.loads", "json.loads"), strict=True)
    ]
    title = (
        f"Exchange of the large workspace: {count:,} records, payload {len(payload) / 1e6:.0f} MB, "
        f"file {size:.1f} MB (median of {runs} runs)"
    )
    return results, title, timed


def print_cpu(timed: dict[str, Timed]) -> None:
    print(
        "\nCPU time of the same runs (medians): the app's process, all its threads, + the process "
        "computing the digests beside it (time waiting for a busy machine is not counted)"
    )
    for name, t in timed.items():
        print(f"  {name:44} {t.cpu_seconds * 1000:8.1f} ms  + {t.children_cpu_seconds * 1000:7.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large-runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    arguments = parser.parse_args()
    runs = arguments.runs
    from desktop.storage.backup import backup_copy

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        populated = folder / "populated.shutafut"
        populate(populated).close()
        (folder / "exchange").mkdir()
        exchange = _Exchange(populated, folder / "exchange")
        counter = itertools.count()

        def copy() -> None:
            backup_copy(exchange.source, folder / f"copy-{next(counter)}.shutafut")

        export_s = median_seconds(exchange.export, runs)
        copy_s = median_seconds(copy, runs)
        import_s = median_seconds(exchange.fresh_import, runs, before=exchange.empty_target)
        again_s = median_seconds(exchange.import_again, runs)
        size = exchange.out.stat().st_size / 1024
        exchange.close()
    results = [
        Result("export everything", export_s, "workspace copy", copy_s, "< 5 s", export_s < 5),
        Result("import into an empty workspace", import_s, "workspace copy", copy_s, "< 5 s", import_s < 5),
        Result("import again (all unchanged)", again_s, "workspace copy", copy_s, "< 5 s", again_s < 5),
    ]
    print_table(
        f"Exchange, 250 authorities, 20 forums x (60 + 400 ideas), 50 diagnoses; "
        f"file {size:.0f} KB (median of {runs} runs)",
        results,
    )
    from make_large_workspace import large_workspace

    large, title, timed = large_results(large_workspace(arguments.cache, 1.0), arguments.large_runs)
    print_table(title, large)
    print_cpu(timed)
    return 0 if all(result.passed for result in [*results, *large]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
