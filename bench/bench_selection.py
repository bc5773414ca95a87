"""Re-ranking all 257 authorities after a weight change (target: median under 20 ms).

    .venv/bin/python bench/bench_selection.py [--runs N]

Baseline in the same run: sorting 257 precomputed totals, the floor any ranking pays.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result, interleaved_medians, print_table  # noqa: E402

from desktop.models.selection import (  # noqa: E402
    CRITERIA,
    QUANTITATIVE,
    CandidateScores,
    Weights,
    quantitative_score,
    rank,
)
from desktop.storage.national_data import national_authorities  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=25)
    runs = parser.parse_args().runs
    rng = random.Random(2026)
    candidates = [
        CandidateScores(str(index), str(a["name_he"]), quantitative_score(a),
                        {c.code: rng.uniform(1, 5) for c in CRITERIA})
        for index, a in enumerate(national_authorities())
    ]
    weights = Weights()
    values = iter(rng.uniform(0, 10) for _ in range(10**7))
    totals = [rng.random() for _ in candidates]

    def rerank() -> None:
        nonlocal weights
        weights = weights.with_value(QUANTITATIVE, next(values))
        rank(candidates, weights)

    def sort_only() -> None:
        sorted(totals)

    rerank_s, sort_s = interleaved_medians(rerank, sort_only, runs)
    results = [Result(f"re-rank {len(candidates)} authorities", rerank_s, "sort 257 floats",
                      sort_s, "< 20 ms", rerank_s < 0.020)]
    print_table(f"Town selection ranking (median of {runs} runs)", results)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
