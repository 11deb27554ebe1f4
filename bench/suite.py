"""The writer's loops: one page checked (``uv run pytest docs/<page>.md``), and the whole
``uv run pytest`` (wall time, and peak memory of its process tree)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .measure import Stat, TreeMemory, run_timed, stat

__all__ = ["PAGE", "page_loop", "suite"]

ROOT = Path(__file__).resolve().parents[1]
#: The page the writer's loop checks: the fixed delete page.
PAGE = "docs/workstations/delete.md"


def _pytest() -> list[str]:
    uv = shutil.which("uv")
    return [uv, "run", "pytest"] if uv else [sys.executable, "-m", "pytest"]


def page_loop(runs: int, page: str = PAGE) -> Stat:
    """Wall seconds of ``uv run pytest <page>`` from a warm environment (one run first,
    not counted, warms the caches a writer's second check finds warm)."""
    cmd = [*_pytest(), "-q", "-p", "no:cacheprovider", page]
    run_timed(cmd, cwd=ROOT)
    return stat([run_timed(cmd, cwd=ROOT) for _ in range(runs)])


def suite(runs: int) -> dict[str, Stat]:
    """Seconds and peak MiB of the process tree (pytest, curl, node and Chromium
    together) per full run: proportional (``peak_mb``) and resident (``peak_rss_mb``)."""
    cmd = _pytest()
    seconds, peaks, rss, dropped = [], [], [], []
    for _ in range(runs):
        memory = TreeMemory()
        seconds.append(run_timed([*cmd, "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                                 on_start=memory.watch))
        peaks.append(memory.stop())
        rss.append(memory.peak_rss_mb)
        dropped.append(100 * memory.dropped / max(1, memory.samples + memory.dropped))
    return {"seconds": stat(seconds), "peak_mb": stat(peaks), "peak_rss_mb": stat(rss),
            "dropped_samples_percent": stat(dropped)}
