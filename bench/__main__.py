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
from .measure import Stat

OUT = Path(__file__).resolve().parent / "results.json"
TARGETS = {
    "example_speedup_vs_plain": (">=", 5.0),
    "build_overhead_ratio": ("<=", 1.25),
    "growth_10x_ratio": ("<=", 11.0),
    "page_loop_seconds": ("<=", 1.5),
    "suite_seconds": ("<=", 45.0),
    "suite_peak_mb": ("<=", 1024.0),
}


def _target(key: str) -> str:
    """``<= 1.5``: the target of ``key``, as the table shows it."""
    op, limit = TARGETS[key]
    return f"{op} {limit:g}"


PARTS = ("examples", "languages", "build", "growth", "growth100", "requests", "page", "suite")
#: Measured only when named: the API a hundred times larger takes most of an hour.
ON_REQUEST = frozenset({"growth100"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench",  # (the docstring's ``code``: plain)
                                     description=(__doc__ or "").replace("``", ""))
    parser.add_argument("parts", nargs="*", metavar="PART",
                        help=f"measure only these: {', '.join(PARTS)} (default: all; the "
                             "others keep their figures in results.json)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measure (default 5)")
    parser.add_argument("--suite-runs", type=int, default=3,
                        help="runs of the whole test suite (default 3; 0 to skip it)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.suite_runs < 0:
        parser.error("--runs must be at least 1 and --suite-runs at least 0")
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part {', '.join(sorted(unknown))}; the parts are "
                     f"{', '.join(PARTS)}")
    parts = set(args.parts or set(PARTS) - ON_REQUEST)
    if not args.suite_runs:
        parts.discard("suite")

    started = time.perf_counter()
    print(f"bench: {', '.join(p for p in PARTS if p in parts)}; {args.runs} runs each",
          file=sys.stderr)
    # A partial run keeps the other parts' figures, and says when each part was measured.
    previous = json.loads(OUT.read_text()) if OUT.exists() and args.parts else {}
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    results = {**previous,
               "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                           "platform": platform.platform()}}
    if not args.parts:
        results["date"] = today
    results["measured"] = {**previous.get("measured", {}), **{part: today for part in parts}}
    details = results.setdefault("details", {})
    rows: list[tuple[str, str]] = []

    if "examples" in parts:
        per_example = examples.per_example_ms(args.runs)
        results["example_speedup_vs_plain"] = (per_example["plain"].median
                                               / per_example["harness"].median)
        details["per_example_ms"] = {k: v.as_dict() if hasattr(v, "as_dict") else v
                                     for k, v in per_example.items()}
        rows += [("per example, plain pattern", per_example["plain"].show(" ms")),
                 ("per example, project harness", per_example["harness"].show(" ms")),
                 (f"example_speedup_vs_plain ({_target('example_speedup_vs_plain')})",
                  f"{results['example_speedup_vs_plain']:.2f}")]
    if "languages" in parts:
        by_language = examples.per_language_ms(args.runs)
        results["per_example_ms_by_language"] = {
            language: by_language[language].median for language in examples.LANGUAGE_MODULES}
        details["per_language_ms"] = {k: v.as_dict() if hasattr(v, "as_dict") else v
                                      for k, v in by_language.items()}
        rows += [(f"per {language} example ({by_language[f'{language} examples']} examples)",
                  by_language[language].show(" ms"))
                 for language in examples.LANGUAGE_MODULES]
    if "build" in parts:
        build = site.build_overhead(args.runs)
        results["build_overhead_ratio"] = (build["with_hooks"].median
                                           / build["without_hooks"].median)
        details["build_seconds"] = {k: v.as_dict() for k, v in build.items()}
        rows += [("build with hooks", build["with_hooks"].show(" s")),
                 ("build without hooks", build["without_hooks"].show(" s")),
                 (f"build_overhead_ratio ({_target('build_overhead_ratio')})", f"{results['build_overhead_ratio']:.2f}")]
    if "growth" in parts:
        grown = site.growth(max(2, args.runs // 2))
        results["growth_10x_ratio"] = (grown["x10"]["total"].median
                                       / grown["today"]["total"].median)
        details["growth"] = {k: ({m: s.as_dict() for m, s in v.items()}
                                 if isinstance(v, dict) else v) for k, v in grown.items()}
        rows += [((f"build+verify today ({grown['today_pages']} pages, "
                   f"{grown['today_examples']} example files)"),
                  grown["today"]["total"].show(" s")),
                 ((f"build+verify x10 ({grown['x10_pages']} pages, {grown['x10_examples']} "
                   "example files)"), grown["x10"]["total"].show(" s")),
                 (f"growth_10x_ratio ({_target('growth_10x_ratio')})", f"{results['growth_10x_ratio']:.2f}")]
    if "growth100" in parts:  # once: it takes about as long as all the rest
        base = details.get("growth", {}).get("today", {}).get("total", {}).get("median")
        if base is None:
            base = site.growth(1)["today"]["total"].median  # type: ignore[index, union-attr]
        grown = site.growth(1, factor=100, base=False)
        x100 = grown["x100"]
        results["growth_100x_ratio"] = x100["total"].median / base  # type: ignore[index]
        details["growth_100x"] = {k: ({m: s.as_dict() for m, s in v.items()}
                                      if isinstance(v, dict) else v) for k, v in grown.items()}
        modules = grown["x100_modules"]
        rows += [((f"build+verify x100 ({grown['x100_operations']} operations, "
                   f"{grown['x100_pages']} pages, {grown['x100_examples']} example files)"),
                  x100["total"].show(" s", 0)),  # type: ignore[index]
                 ("  of which: build", x100["build"].show(" s", 0)),  # type: ignore[index]
                 *((f"  of which: {module}", share.show(" s", 0))  # type: ignore[union-attr]
                   for module, share in modules.items()),  # type: ignore[union-attr]
                 ("growth_100x_ratio (reported)", f"{results['growth_100x_ratio']:.1f}")]
    if "requests" in parts:
        request = requests.request_us(args.runs)
        results["request_overhead_ratio"] = request["routed"].median / request["bare"].median
        details["request_us"] = {k: v.as_dict() for k, v in request.items()}
        rows += [("request through mock_api", request["routed"].show(" us", 0)),
                 ("request to a bare MockTransport", request["bare"].show(" us", 0)),
                 ("request_overhead_ratio", f"{results['request_overhead_ratio']:.2f}")]
    if "page" in parts:
        loop = suite.page_loop(args.runs)
        results["page_loop_seconds"] = loop["seconds"].median
        details["page_loop"] = {k: v.as_dict() for k, v in loop.items()}
        details.pop("page_loop_seconds", None)  # before 2026-12-03: the seconds alone
        rows += [(f"page_loop_seconds (uv run pytest {suite.PAGE}, {_target('page_loop_seconds')})",
                  loop["seconds"].show(" s")), *_cpu_rows(loop)]
    if "suite" in parts:
        whole = suite.suite(args.suite_runs)
        results["suite_seconds"] = whole["seconds"].median
        results["suite_peak_mb"] = whole["peak_mb"].median
        details["suite"] = {k: v.as_dict() for k, v in whole.items()}
        details["suite_at_highest_peak"] = [[round(mb, 1), command]
                                            for mb, command in suite.AT_HIGHEST_PEAK]
        rows += [(f"suite_seconds (uv run pytest, {_target('suite_seconds')})", whole["seconds"].show(" s", 1)),
                 *_cpu_rows(whole),
                 (f"suite_peak_mb (process tree, PSS, {_target('suite_peak_mb')})",
                  whole["peak_mb"].show(" MiB", 0)),
                 ("  its resident sum (RSS, shared pages counted per process)",
                  whole["peak_rss_mb"].show(" MiB", 0)),
                 ("  samples dropped, read while a process started or exec'd",
                  whole["dropped_samples_percent"].show(" %", 0))]

    results["targets_met"] = all(
        (results[key] >= limit) if op == ">=" else (results[key] <= limit)
        for key, (op, limit) in TARGETS.items() if results.get(key) is not None
    )
    OUT.write_text(json.dumps(results, indent=2) + "\n")

    width = max(len(name) for name, _ in rows)
    print(f"\n{'measure':<{width}}  median (min-max, runs)")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    if "suite" in parts:
        print("\nat the suite's highest peak (PSS, MiB), the largest processes:")
        for mb, command in suite.AT_HIGHEST_PEAK[:8]:
            print(f"  {mb:6.1f}  {command[:90]}")
    print(f"\ntargets met: {results['targets_met']}; wrote {OUT.relative_to(Path.cwd())} "
          f"in {time.perf_counter() - started:.0f} s")
    return 0 if results["targets_met"] else 1


def _cpu_rows(measured: dict[str, Stat]) -> list[tuple[str, str]]:
    """The rows under a timed loop's: the machine's CPU while it ran, and its speed."""
    return [("  the machine's CPU busy meanwhile (every core)",
             measured["cpu_seconds"].show(" s", 1)),
            ("  and stolen from it by the host (none when quiet)",
             measured["stolen_seconds"].show(" s", 1)),
            ("  reference loop just before (one core; lower is faster)",
             measured["reference_loop_seconds"].show(" s"))]


if __name__ == "__main__":
    raise SystemExit(main())
