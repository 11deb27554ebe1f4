"""The writer's loops: one page checked (``uv run pytest docs/<page>.md``), and the whole
``uv run pytest`` (wall time, and peak memory of its process tree)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .measure import Run, Stat, TreeMemory, reference_loop, run_measured, run_timed, stat

__all__ = ["PAGE", "page_loop", "suite"]

ROOT = Path(__file__).resolve().parents[1]
#: The page the writer's loop checks: the fixed delete page.
PAGE = "docs/workstations/delete.md"


def _pytest() -> list[str]:
    uv = shutil.which("uv")
    return [uv, "run", "pytest"] if uv else [sys.executable, "-m", "pytest"]


def _runs(cmd: list[str], runs: int) -> dict[str, Stat]:
    """``runs`` runs of ``cmd``: their wall seconds, the machine's CPU seconds busy and
    stolen while each ran, and the reference loop's seconds just before each."""
    measured: list[Run] = []
    reference: list[float] = []
    for _ in range(runs):
        reference.append(reference_loop())
        measured.append(run_measured(cmd, cwd=ROOT))
    return {"seconds": stat([run.wall for run in measured]),
            "cpu_seconds": stat([run.cpu for run in measured]),
            "stolen_seconds": stat([run.stolen for run in measured]),
            "reference_loop_seconds": stat(reference)}


def page_loop(runs: int, page: str = PAGE) -> dict[str, Stat]:
    """Wall seconds of ``uv run pytest <page>`` from a warm environment (one run first,
    not counted, warms the caches a writer's second check finds warm), with the CPU of
    each run (:func:`_runs`)."""
    cmd = [*_pytest(), "-q", "-p", "no:cacheprovider", page]
    run_timed(cmd, cwd=ROOT)
    return _runs(cmd, runs)


def suite(runs: int) -> dict[str, Stat]:
    """Seconds of the whole ``uv run pytest`` with the CPU of each run (:func:`_runs`),
    and the peak MiB of its process tree (pytest, curl, node and Chromium together):
    proportional (``peak_mb``) and resident (``peak_rss_mb``).

    The seconds come from ``runs`` runs with nothing measuring them, and the memory from
    ``runs`` more: while Chromium runs, a sample of the tree's memory costs about 30 ms of
    CPU (most of it the kernel summing Chromium's mappings), so sampling every 0.1 s takes
    about a third of a core, which would slow the run it times."""
    cmd = [*_pytest(), "-q", "-p", "no:cacheprovider"]
    timed = _runs(cmd, runs)
    peaks, rss, dropped = [], [], []
    global AT_HIGHEST_PEAK
    for _ in range(runs):
        memory = TreeMemory()
        run_timed(cmd, cwd=ROOT, on_start=memory.watch)
        peaks.append(memory.stop())
        rss.append(memory.peak_rss_mb)
        dropped.append(100 * memory.dropped / max(1, memory.samples + memory.dropped))
        if peaks[-1] == max(peaks):
            AT_HIGHEST_PEAK = memory.at_peak
    return {**timed, "peak_mb": stat(peaks), "peak_rss_mb": stat(rss),
            "dropped_samples_percent": stat(dropped)}


#: What the tree held at the highest peak of the last :func:`suite`: each process's MiB
#: (PSS) and the start of its command line, largest first.
AT_HIGHEST_PEAK: list[tuple[float, str]] = []
