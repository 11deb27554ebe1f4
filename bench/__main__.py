"""``uv run python -m bench``: how fast docs CI verifies, against the plain pattern.

Prints a table and writes ``bench/results.json``. Every figure is the median of several
runs on this machine, in this one run, with the lowest and highest beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from . import examples, requests, site, suite

OUT = Path(__file__).resolve().parent / "results.json"
TARGETS = {
    "example_speedup_vs_plain": (">=", 5.0),
    "build_overhead_ratio": ("<=", 1.25),
    "growth_10x_ratio": ("<=", 11.0),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs of each measure (default 5)")
    parser.add_argument("--suite-runs", type=int, default=3,
                        help="runs of the whole test suite (default 3; 0 to skip it)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.suite_runs < 0:
        parser.error("--runs must be at least 1 and --suite-runs at least 0")

    started = time.perf_counter()
    print(f"bench: {args.runs} runs each, {args.suite_runs} of the suite", file=sys.stderr)
    per_example = examples.per_example_ms(args.runs)
    build = site.build_overhead(args.runs)
    grown = site.growth(max(2, args.runs // 2))
    request = requests.request_us(args.runs)
    whole = suite.suite(args.suite_runs) if args.suite_runs else None

    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "example_speedup_vs_plain": per_example["plain"].median / per_example["harness"].median,
        "build_overhead_ratio": build["with_hooks"].median / build["without_hooks"].median,
        "growth_10x_ratio": grown["x10"]["total"].median / grown["today"]["total"].median,
        "request_overhead_ratio": request["routed"].median / request["bare"].median,
        "suite_seconds": whole["seconds"].median if whole else None,
        "suite_peak_mb": whole["peak_mb"].median if whole else None,
        "details": {
            "per_example_ms": {k: v.as_dict() if hasattr(v, "as_dict") else v
                               for k, v in per_example.items()},
            "build_seconds": {k: v.as_dict() for k, v in build.items()},
            "growth": {k: ({m: s.as_dict() for m, s in v.items()} if isinstance(v, dict) else v)
                       for k, v in grown.items()},
            "request_us": {k: v.as_dict() for k, v in request.items()},
            "suite": {k: v.as_dict() for k, v in whole.items()} if whole else None,
        },
    }
    results["targets_met"] = all(
        (results[key] >= limit) if op == ">=" else (results[key] <= limit)
        for key, (op, limit) in TARGETS.items()
    )
    OUT.write_text(json.dumps(results, indent=2) + "\n")

    rows = [
        ("per example, plain pattern", per_example["plain"].show(" ms")),
        ("per example, project harness", per_example["harness"].show(" ms")),
        ("example_speedup_vs_plain (>= 5)", f"{results['example_speedup_vs_plain']:.2f}"),
        ("build with hooks", build["with_hooks"].show(" s")),
        ("build without hooks", build["without_hooks"].show(" s")),
        ("build_overhead_ratio (<= 1.25)", f"{results['build_overhead_ratio']:.2f}"),
        ((f"build+verify today ({grown['today_pages']} pages, {grown['today_examples']} "
         "example files)"), grown["today"]["total"].show(" s")),
        ((f"build+verify x10 ({grown['x10_pages']} pages, {grown['x10_examples']} "
         "example files)"), grown["x10"]["total"].show(" s")),
        ("growth_10x_ratio (<= 11)", f"{results['growth_10x_ratio']:.2f}"),
        ("request through mock_api", request["routed"].show(" us", 0)),
        ("request to a bare MockTransport", request["bare"].show(" us", 0)),
        ("request_overhead_ratio", f"{results['request_overhead_ratio']:.2f}"),
    ]
    if whole:
        rows += [("suite_seconds (uv run pytest)", whole["seconds"].show(" s", 1)),
                 ("suite_peak_mb (process tree)", whole["peak_mb"].show(" MiB", 0))]
    width = max(len(name) for name, _ in rows)
    print(f"\n{'measure':<{width}}  median (min-max, runs)")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print(f"\ntargets met: {results['targets_met']}; wrote {OUT.relative_to(Path.cwd())} "
          f"in {time.perf_counter() - started:.0f} s")
    return 0 if results["targets_met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
