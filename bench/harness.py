"""Shared helpers for the benchmarks: medians over runs, ratios against a baseline, a table."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Result:
    name: str
    median_s: float
    baseline_name: str
    baseline_s: float
    target: str
    passed: bool

    @property
    def ratio(self) -> float:
        return self.median_s / self.baseline_s if self.baseline_s else float("inf")


def compile_app() -> None:
    """Compile the app's modules to bytecode, as installing it does.

    With PYTHONDONTWRITEBYTECODE set (as on some CI and developer machines) every start would
    compile the app's sources but not PySide's, which are compiled in site-packages: the
    start-up ratios would measure the compiler, not the program a person runs.
    """
    import compileall
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    if not compileall.compile_dir(str(root / "desktop"), quiet=1, force=False):
        print("some modules did not compile", file=sys.stderr)


def median_seconds(
    action: Callable[[], object], runs: int, warmup: int = 1, before: Callable[[], object] | None = None
) -> float:
    """The median of `runs` timed runs of `action` after `warmup` untimed ones. (`before`: what
    each run needs done first, not timed.)"""
    prepare = before or (lambda: None)
    for _ in range(warmup):
        prepare()
        action()
    samples = []
    for _ in range(runs):
        prepare()
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def app_environment(home: Path) -> dict[str, str]:
    """This environment for running the app or a bare window as a process: offscreen unless a
    display is asked for, its settings and data kept in `home`."""
    return dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
    )


def seconds_until_stamp(arguments: list[str], env: Mapping[str, str], cwd: Path, milestone: str) -> float:
    """Seconds from starting the process `arguments` to the milestone it prints ("<milestone>-at"
    and the time of the system's monotonic clock, as the app does with SHUTAFUT_BENCH_EXIT and
    bare_window.py after its first paint): what tearing the process down takes is not counted."""
    start = time.monotonic()
    output = subprocess.run(
        arguments, env=env, check=True, cwd=cwd, capture_output=True, text=True, timeout=300
    ).stdout
    stamps = [line.split()[1] for line in output.splitlines() if line.startswith(f"{milestone}-at ")]
    if not stamps:
        raise RuntimeError(f"{arguments} printed no {milestone}-at line")
    return float(stamps[-1]) - start


def interleaved_medians(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Medians of two actions measured alternately, so machine noise hits both alike."""
    return interleaved_reported_medians(_timed(first), _timed(second), runs)


def interleaved_reported_medians(
    first: Callable[[], float], second: Callable[[], float], runs: int
) -> tuple[float, float]:
    """Medians of two measures taken alternately, each returning the seconds it measured
    (each taken once first, not counted)."""
    first(), second()
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


@dataclass
class Timed:
    """Medians of an action and its baseline measured alternately, with the action's CPU time:
    its own process's, and that of the processes it started and waited for (children)."""

    seconds: float
    baseline_seconds: float
    cpu_seconds: float
    children_cpu_seconds: float


def interleaved_with_cpu(
    first: Callable[[], object],
    second: Callable[[], object],
    runs: int,
    before: Callable[[], object] | None = None,
) -> Timed:
    """As interleaved_medians, with the medians of the first action's CPU times. On a noisy
    machine the CPU time is what a quiet one would show as the wall time of work done in one
    thread; work shared with another process shows there as its children's. `before`: what
    each run of the first action needs done first, not timed."""
    import resource

    def children() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    prepare = before or (lambda: None)
    cpu: list[float] = []
    children_cpu: list[float] = []

    def measured_first() -> float:
        prepare()
        start, start_cpu, start_children = time.perf_counter(), time.process_time(), children()
        first()
        seconds = time.perf_counter() - start
        cpu.append(time.process_time() - start_cpu)
        children_cpu.append(children() - start_children)
        return seconds

    seconds, baseline = interleaved_reported_medians(measured_first, _timed(second), runs)
    # (the first run of each is not counted)
    return Timed(seconds, baseline, statistics.median(cpu[1:]), statistics.median(children_cpu[1:]))


def _timed(action: Callable[[], object]) -> Callable[[], float]:
    def measured() -> float:
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    return measured


def print_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}")
    header = f"{'measure':44} {'median':>10} {'baseline':>30} {'ratio':>7}  {'target':24} ok"
    print(header)
    print("-" * len(header))
    for r in results:
        baseline = f"{r.baseline_name} {r.baseline_s * 1000:.1f} ms"
        print(
            f"{r.name:44} {r.median_s * 1000:8.1f}ms {baseline:>30} {r.ratio:7.2f}  "
            f"{r.target:24} {'yes' if r.passed else 'NO'}"
        )
