"""Per-example verification cost: the project's harness vs the plain pattern.

Both run as pytest, in fresh processes, over the same examples (every Python example that
runs alone; the quickstart's shared blocks are left out because the plain pattern cannot
run them). A case's cost is its setup, call and teardown time from pytest's JUnit report,
so one-time costs (building the sandbox, the TLS server) are counted, spread over the
examples; the harness's single ruff call over all examples is counted too, shared out by
example. Process start-up is the same for both and is left out.
"""

from __future__ import annotations

import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from .measure import Stat, stat
from .measure import run_timed as _run

__all__ = ["LANGUAGE_MODULES", "ROOT", "per_example_ms", "per_language_ms"]

ROOT = Path(__file__).resolve().parents[1]


def _junit(args: list[str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="cloudws-bench-") as tmp:
        report = Path(tmp) / "junit.xml"
        _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
              f"--junitxml={report}", "-o", "junit_family=xunit2", *args], cwd=ROOT)
        return {
            case.get("name", ""): float(case.get("time", 0))
            for case in ET.parse(report).getroot().iter("testcase")
        }


def _ids(times: dict[str, float], prefix: str) -> dict[str, float]:
    return {name[len(prefix) + 1:-1]: t for name, t in times.items() if name.startswith(prefix + "[")}


def harness_once(cases: set[str]) -> float:
    """Seconds per example with the project's harness (tests/test_examples.py)."""
    # Shared pages deselected, so the session's one-time setup lands on measured examples.
    times = _junit(["tests/test_examples.py", "-k",
                    "(test_python_example and not shared) or pass_ruff"])
    examples = _ids(times, "test_python_example")
    if set(examples) != cases:
        raise RuntimeError(f"the patterns ran different examples: {set(examples) ^ cases}")
    ruff_share = times["test_python_examples_pass_ruff"] / len(examples)
    return sum(examples[c] for c in cases) / len(cases) + ruff_share


def plain_once() -> tuple[float, set[str]]:
    """Seconds per example with the plain pattern (bench/plain_pattern.py), and the cases."""
    examples = _ids(_junit(["bench/plain_pattern.py"]), "test_example")
    return sum(examples.values()) / len(examples), set(examples)


def per_example_ms(runs: int) -> dict[str, Stat | int]:
    """Both patterns ``runs`` times, interleaved; milliseconds per example."""
    plain, harness, cases = [], [], set()
    for _ in range(runs):
        cost, cases = plain_once()
        plain.append(cost * 1000)
        harness.append(harness_once(cases) * 1000)
    return {"plain": stat(plain), "harness": stat(harness), "examples": len(cases)}


#: Per language: its examples module, the test running one example, and the test that
#: checks all of them in one call (ruff; node --check), whose time is shared out.
LANGUAGE_MODULES = {
    "Python": ("tests/test_examples.py", "test_python_example", "test_python_examples_pass_ruff"),
    "curl": ("tests/test_curl_examples.py", "test_curl_example", None),
    "JavaScript": ("tests/test_js_examples.py", "test_js_example",
                   "test_js_examples_pass_node_check"),
}


def languages_once() -> dict[str, tuple[float, int]]:
    """Seconds per example and number of examples of each language, from one pytest run
    of the three example modules (setup and teardown included, the one check per
    language shared out by example)."""
    modules = [module for module, _, _ in LANGUAGE_MODULES.values()]
    times = _junit(modules)
    found = {}
    for language, (_, test, check) in LANGUAGE_MODULES.items():
        examples = _ids(times, test)
        if not examples:
            raise RuntimeError(f"no {language} example ran ({test})")
        shared = times.get(check, 0.0) if check else 0.0
        found[language] = ((sum(examples.values()) + shared) / len(examples), len(examples))
    return found


def per_language_ms(runs: int) -> dict[str, Stat | int]:
    """Milliseconds per example of each language, ``runs`` times: Python in process
    (pytest-examples), curl a ``curl`` process over TLS on loopback, JavaScript a ``node``
    process over plain HTTP on loopback."""
    samples: dict[str, list[float]] = {language: [] for language in LANGUAGE_MODULES}
    counts: dict[str, int] = {}
    for _ in range(runs):
        for language, (seconds, count) in languages_once().items():
            samples[language].append(seconds * 1000)
            counts[language] = count
    result: dict[str, Stat | int] = {language: stat(values)
                                     for language, values in samples.items()}
    result.update({f"{language} examples": count for language, count in counts.items()})
    return result
